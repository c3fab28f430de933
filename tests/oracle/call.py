"""Makes API calls with the official Huawei Cloud Python SDK clients, one JSON line each.

Reads JSON lines on stdin, each a call:

    {"service": "ddm", "version": "v1", "operation": "ListUsers",
     "endpoint": "http://127.0.0.1:PORT", "ak", "sk", "project_id", "domain_id",
     "args": {"path": {...}, "query": {...}, "header": {...}, "body": ...}}

"project_id" may be null (no project); "domain_id", when given, makes the credentials
GlobalCredentials(ak, sk, domain_id), as for a global service (IAM); and "args" gives the request's parameters by wire name
(a missing part is empty; "body" absent means no body). Writes one JSON line per call, in order:
{"ok": true, "unknown": [...]} when the SDK returned a response, or {"error": "...", "unknown": [...]}
when it raised. "unknown" lists what the call gives that the official models have no attribute
for (it is left out of the request, so the wire comparison shows it too). The caller is a test
server that records what arrived; what it answers, and so whether the SDK raises, does not matter.

Nothing is listed per operation: everything is found by reflection over the official package
`huaweicloudsdk<service>.<version>`, as an application would write it by hand:
- the request model is `<operation>Request`; its `attribute_map` (attribute -> wire name) says
  which keyword argument takes each parameter, and `openapi_types` the type of its `body`;
- the body is built from its type string: a model name is that model, built from its own
  `attribute_map` and `openapi_types` (nested models and lists or maps of them included),
  `list[T]` and `dict(str, T)` element by element, anything else (`str`, `int`, `bool`, `float`,
  `object`) the JSON value itself;
- the client method is the one whose `_<method>_http_info` declares the response type
  `<operation>Response` (the generated SDK's naming, read rather than re-derived);
- the client is `<Service>Client` of the version module, built by ClientBuilder with
  BasicCredentials(ak, sk, project_id), or GlobalCredentials(ak, sk, domain_id) when the call
  names a domain, and with_endpoints([endpoint]) (no region, so nothing resolves or fetches a
  project or domain ID), retries off and short timeouts.
"""

import importlib
import inspect
import json
import os
import re
import sys

from huaweicloudsdkcore.auth.credentials import BasicCredentials, GlobalCredentials
from huaweicloudsdkcore.http.http_config import HttpConfig

# The endpoint is a local test server: a proxy from the environment (requests honours *_PROXY)
# must not stand between it and the SDK.
for _name in [n for n in os.environ if n.lower().endswith("_proxy")]:
    del os.environ[_name]

_LIST = re.compile(r"^list\[(.*)\]$")
_DICT = re.compile(r"^dict\(str, (.*)\)$")


class _Probe:
    """A request with no attributes, to read an operation's static description."""

    attribute_map = {}


class _Version:
    """One version module of a service: its client class, models and operations."""

    def __init__(self, service, version):
        package = "huaweicloudsdk%s.%s" % (service, version)
        self.models = importlib.import_module(package + ".model")
        client_module = importlib.import_module("%s.%s_client" % (package, service))
        self.client = None
        for name, cls in inspect.getmembers(client_module, inspect.isclass):
            if name.endswith("Client") and not name.endswith("AsyncClient") and cls.__module__ == client_module.__name__:
                self.client = cls
        if self.client is None:
            raise LookupError("no client class in %s" % client_module.__name__)
        # response type -> client method, from each `_<method>_http_info`
        self.methods = {}
        for name in vars(self.client):
            m = re.fullmatch(r"_(\w+)_http_info", name)
            if m:
                info = getattr(self.client, name)(_Probe())
                self.methods[info["response_type"]] = m.group(1)


_VERSIONS = {}


def _version(service, version):
    key = (service, version)
    if key not in _VERSIONS:
        _VERSIONS[key] = _Version(service, version)
    return _VERSIONS[key]


def _build(models, type_string, value, at, unknown):
    """The value of `type_string` made from the JSON `value`; wire names without an attribute
    are added to `unknown` with their JSON path."""
    if value is None or type_string is None:
        return value
    m = _LIST.match(type_string)
    if m:
        if not isinstance(value, list):
            return value
        return [_build(models, m.group(1), v, "%s[%d]" % (at, i), unknown) for i, v in enumerate(value)]
    m = _DICT.match(type_string)
    if m:
        if not isinstance(value, dict):
            return value
        return {k: _build(models, m.group(1), v, "%s.%s" % (at, k), unknown) for k, v in value.items()}
    cls = getattr(models, type_string, None)
    if cls is None or not hasattr(cls, "attribute_map") or not isinstance(value, dict):
        return value
    attrs = {wire: attr for attr, wire in cls.attribute_map.items()}
    kwargs = {}
    for wire, v in value.items():
        attr = attrs.get(wire)
        if attr is None:
            unknown.append("%s.%s (no attribute of %s)" % (at, wire, type_string))
            continue
        kwargs[attr] = _build(models, cls.openapi_types.get(attr), v, "%s.%s" % (at, wire), unknown)
    return cls(**kwargs)


def _request(version, call, unknown):
    operation = call["operation"]
    request_class = getattr(version.models, operation + "Request", None)
    if request_class is None:
        raise LookupError("the official SDK has no %sRequest" % operation)
    args = call["args"]
    attrs = {wire: attr for attr, wire in request_class.attribute_map.items()}
    kwargs = {}
    for place in ("path", "query", "header"):
        for wire, value in (args.get(place) or {}).items():
            attr = attrs.get(wire)
            if attr is None or attr == "body":
                unknown.append("%s parameter %s (no attribute of %sRequest)" % (place, wire, operation))
                continue
            kwargs[attr] = value
    if "body" in args:
        attr = attrs.get("body")
        if attr is None:
            unknown.append("body (%sRequest has none)" % operation)
        else:
            kwargs[attr] = _build(version.models, request_class.openapi_types.get(attr), args["body"], "$", unknown)
    return request_class(**kwargs)


def _call(call, unknown):
    version = _version(call["service"], call["version"])
    method = version.methods.get(call["operation"] + "Response")
    if method is None:
        raise LookupError("no method of %s answers %sResponse" % (version.client.__name__, call["operation"]))
    request = _request(version, call, unknown)
    if call.get("domain_id"):
        credentials = GlobalCredentials(call["ak"], call["sk"], call["domain_id"])
    else:
        credentials = BasicCredentials(call["ak"], call["sk"], call.get("project_id"))
    client = (
        version.client.new_builder()
        # (connect, read) seconds; retry_times=0 is the default, spelled out because it matters here.
        .with_http_config(HttpConfig(timeout=(2, 5), retry_times=0))
        .with_credentials(credentials)
        .with_endpoints([call["endpoint"]])
        .build()
    )
    try:
        getattr(client, method)(request)
    finally:
        client.close()


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        unknown = []
        try:
            _call(json.loads(line), unknown)
            out = {"ok": True, "unknown": unknown}
        except Exception as e:  # one answer per call, so a failure never shifts the lines
            out = {"error": "%s: %s" % (type(e).__name__, e), "unknown": unknown}
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
