"""Makes API calls with the official Huawei Cloud Python SDK clients, one JSON line each.

Reads JSON lines on stdin, each a call:

    {"operation": "ListUsers" | "ExecuteDatabaseOmUserAction",
     "endpoint": "http://127.0.0.1:PORT", "ak", "sk", "project_id", "args": {...}}

where "args" is {"instance_id", "offset"?, "limit"?} for ListUsers and {"cluster_id", "operation"}
for ExecuteDatabaseOmUserAction, and writes one JSON line per call, in order: {"ok": true} when the
SDK returned a response, or {"error": "..."} when it raised. The caller is a test server that
records what arrived; what the server answers, and so whether the SDK raises, does not matter.

The calls go through the generated service clients exactly as an application makes them:
DdmClient / DwsClient built by ClientBuilder with BasicCredentials(ak, sk, project_id) and
with_endpoints([endpoint]) (no region, so nothing resolves or fetches a project ID), a request
model, and the client method. The HttpConfig keeps retries off and timeouts short.
"""

import json
import os
import sys

from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.http.http_config import HttpConfig
from huaweicloudsdkddm.v1 import DdmClient, ListUsersRequest
from huaweicloudsdkdws.v2 import DatabaseOmUserActionReq, DwsClient, ExecuteDatabaseOmUserActionRequest

# The endpoint is a local test server: a proxy from the environment (requests honours *_PROXY)
# must not stand between it and the SDK.
for _name in [n for n in os.environ if n.lower().endswith("_proxy")]:
    del os.environ[_name]


def _config():
    # (connect, read) seconds; retry_times=0 is the default, spelled out because it matters here.
    return HttpConfig(timeout=(2, 5), retry_times=0)


def _client(client_class, call):
    return (
        client_class.new_builder()
        .with_http_config(_config())
        .with_credentials(BasicCredentials(call["ak"], call["sk"], call["project_id"]))
        .with_endpoints([call["endpoint"]])
        .build()
    )


def _list_users(call):
    args = call["args"]
    client = _client(DdmClient, call)
    try:
        client.list_users(
            ListUsersRequest(instance_id=args["instance_id"], offset=args.get("offset"), limit=args.get("limit"))
        )
    finally:
        client.close()


def _execute_database_om_user_action(call):
    args = call["args"]
    client = _client(DwsClient, call)
    try:
        body = DatabaseOmUserActionReq(operation=args["operation"])
        client.execute_database_om_user_action(
            ExecuteDatabaseOmUserActionRequest(cluster_id=args["cluster_id"], body=body)
        )
    finally:
        client.close()


_OPERATIONS = {
    "ListUsers": _list_users,
    "ExecuteDatabaseOmUserAction": _execute_database_om_user_action,
}


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            call = json.loads(line)
            _OPERATIONS[call["operation"]](call)
            out = {"ok": True}
        except Exception as e:  # one answer per call, so a failure never shifts the lines
            out = {"error": "%s: %s" % (type(e).__name__, e)}
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
