"""DDM ListUsers with the official Huawei Cloud Python SDK against a local server: the Python
side of the throughput bench (benches/throughput.rs starts the server and runs this script).

For each concurrency given, makes warm-up calls and then --calls calls, one after the other for
concurrency 1 and from that many threads sharing one client otherwise (the SDK's requests session
pools connections and is shared by threads, as its own async client does), and prints one JSON
line: {"concurrency": C, "calls": N, "seconds": S, "calls_per_s": R}. Exits 1 on the first failed
call. The client is built as an application builds it: DdmClient with BasicCredentials and
with_endpoints, retries off, a connection pool as large as the concurrency.
"""

import argparse
import json
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.http.http_config import HttpConfig
from huaweicloudsdkddm.v1 import DdmClient, ListUsersRequest

# The endpoint is a local server: no proxy from the environment may stand in between.
for _name in [n for n in os.environ if n.lower().endswith("_proxy")]:
    del os.environ[_name]


def _client(args, pool):
    config = HttpConfig(timeout=(5, 10), retry_times=0, pool_connections=pool, pool_maxsize=pool)
    return (
        DdmClient.new_builder()
        .with_http_config(config)
        .with_credentials(BasicCredentials(args.ak, args.sk, args.project_id))
        .with_endpoints([args.endpoint])
        .build()
    )


def _calls(client, args, n):
    for _ in range(n):
        response = client.list_users(ListUsersRequest(instance_id=args.instance_id, offset=0, limit=args.limit))
        if response.status_code != 200:
            raise RuntimeError("ListUsers answered %s" % response.status_code)


def _run(client, args, concurrency, calls):
    """Seconds taken by `calls` calls spread over `concurrency` threads."""
    start = time.perf_counter()
    if concurrency == 1:
        _calls(client, args, calls)
    else:
        share = [calls // concurrency + (1 if i < calls % concurrency else 0) for i in range(concurrency)]
        with ThreadPoolExecutor(max_workers=concurrency) as pool:
            for future in [pool.submit(_calls, client, args, n) for n in share]:
                future.result()
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--ak", required=True)
    parser.add_argument("--sk", required=True)
    parser.add_argument("--project-id", required=True)
    parser.add_argument("--instance-id", required=True)
    parser.add_argument("--limit", type=int, default=10)
    parser.add_argument("--calls", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 32])
    args = parser.parse_args()
    for concurrency in args.concurrency:
        client = _client(args, concurrency)
        _run(client, args, concurrency, max(concurrency * 4, args.calls // 10))
        seconds = _run(client, args, concurrency, args.calls)
        out = {"concurrency": concurrency, "calls": args.calls, "seconds": seconds, "calls_per_s": args.calls / seconds}
        sys.stdout.write(json.dumps(out) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # one line the bench can show, not a traceback
        sys.stderr.write("python_list_users: %s: %s\n" % (type(e).__name__, e))
        sys.exit(1)
