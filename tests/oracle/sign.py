"""Signs requests with the official Huawei Cloud Python SDK (huaweicloudsdkcore), one JSON line each.

Reads JSON lines on stdin, each a request:

    {"method", "scheme", "host", "path", "query": [[k, v], ...], "headers": [[k, v], ...],
     "body_b64", "ak", "sk"}

where a query value is a string, a number, a boolean, or a list of those (a repeated key), and
writes one JSON line per request, in order:

    {"authorization", "query", "wire_query", "canonical_request", "headers": [[k, v], ...]}

or {"error": "..."} when the official code raises. "query" is the query string of the signed
request's uri; "wire_query" is the one requests (the SDK's HTTP library) puts in the request line.

Nothing of the signing algorithm is reimplemented here: the request goes through the SDK's own
query-parameter processing (Client._parse_query_params), into an SdkRequest, and is signed by
BasicCredentials.sign_request, which picks the SDK-HMAC-SHA256 Signer. The canonical request is
recorded by wrapping Signer._process_canonical_request, which still runs unchanged.
"""

import base64
import json
import sys
import traceback

import requests
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.client import Client
from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer.signer import Signer

_recorded = {}
_original_canonical_request = Signer._process_canonical_request


def _recording_canonical_request(self, request, signed_headers):
    result = _original_canonical_request(self, request, signed_headers)
    _recorded["canonical_request"] = result
    return result


Signer._process_canonical_request = _recording_canonical_request


def _query_params(pairs):
    """The query parameters as the generated service clients hand them to Client: a list of
    (key, value) tuples, list values marked in collection_formats (the SDK turns them into one
    tuple per element, whatever the format)."""
    params = [(k, v) for k, v in pairs]
    formats = {k: "csv" for k, v in pairs if isinstance(v, list)}
    return Client()._parse_query_params(formats, params)


def _body(spec, headers):
    raw = base64.b64decode(spec.get("body_b64") or "")
    if not raw:
        return None
    content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
    if content_type.startswith("application/json"):
        # Client passes a JSON body as the str from json.dumps; the signer encodes it as UTF-8.
        return raw.decode("utf-8")
    return raw


def _headers(pairs):
    headers = {}
    for k, v in pairs:
        if k in headers:
            raise ValueError("duplicate header %r: the SDK keeps headers in a dict" % k)
        headers[k] = v
    return headers


def sign(spec):
    headers = _headers(spec.get("headers") or [])
    request = SdkRequest(
        method=spec["method"],
        schema=spec.get("scheme", "https"),
        host=spec["host"],
        resource_path=spec["path"],
        query_params=_query_params(spec.get("query") or []),
        header_params=headers,
        body=_body(spec, headers),
    )
    _recorded.clear()
    signed = BasicCredentials(spec["ak"], spec["sk"]).sign_request(request)
    _, _, query = signed.uri.partition("?")
    prepared = requests.Session().prepare_request(
        requests.Request(signed.method, signed.url, headers=signed.header_params, data=signed.body)
    )
    _, _, wire_query = prepared.path_url.partition("?")
    return {
        "authorization": signed.header_params.get("Authorization"),
        "query": query,
        "wire_query": wire_query,
        "canonical_request": _recorded.get("canonical_request"),
        "headers": [[k, v] for k, v in signed.header_params.items()],
    }


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            out = sign(json.loads(line))
        except Exception as e:  # one answer per request, so a failure never shifts the lines
            out = {"error": "%s: %s" % (type(e).__name__, e), "traceback": traceback.format_exc()}
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
