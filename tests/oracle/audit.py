"""Lists the operations of the official Huawei Cloud Python SDK, one JSON line each, for
`cargo xtask audit`.

Arguments: the service names to list (`ddm dws iam`); each is the package `huaweicloudsdk<name>`.
Writes one JSON line per operation of every version module's synchronous client:

    {"service": "ddm", "version": "v1", "operation": "ListUsers", "method": "GET",
     "path": "/v1/{project_id}/instances/{instance_id}/users",
     "params": [{"name": "instance_id", "in": "path", "mandatory": true, "type": "str"}, ...],
     "body": {"type": "CreateUsersReq", "mandatory": false} or null,
     "response": "ListUsersResponse", "response_headers": ["X-Request-Id", ...],
     "models": {"CreateUsersReq": [{"name": "users", "type": "list[CreateUsersInfo]",
                                    "mandatory": true}, ...], ...}}

{"unknown_service": "ecs"} when there is no package `huaweicloudsdkecs`, and {"error": "..."}
when listing a package fails. Nothing of the SDK is copied: the
operations are the client's `_<operation>_http_info` class methods, each called with a request
whose every attribute holds a marker, so the returned path, query, header and form parameters say
by wire name which attribute goes where; the body is the attribute whose marker comes back as the
body. Names and types are the models' `attribute_map` and `openapi_types`; an attribute is
mandatory when the model's `__init__` assigns it unconditionally (the generated models assign
optional attributes under `if <name> is not None:`). `models` holds every model reachable from
the body and the response; a model that is an enum of scalar values (`SuppressDuration`, a
class whose constants are the allowed values) is given as its scalar, `int` or `str`.
Placeholders of the path that no attribute fills (`project_id`, `domain_id`) are listed as mandatory path parameters the credentials supply, with "type": null.
"""

import importlib
import importlib.util
import inspect
import json
import pkgutil
import re
import sys

_MODEL = re.compile(r"^[A-Z]\w*$")
_INNER = re.compile(r"^(?:list\[(.*)\]|dict\(str, (.*)\))$")


def _marker(attr):
    return "\x00audit:" + attr


def _attr_of(value):
    if isinstance(value, str) and value.startswith("\x00audit:"):
        return value[len("\x00audit:"):]
    return None


def _optional_attrs(cls):
    """Attributes that `__init__` assigns only when given (`if x is not None:`)."""
    try:
        source = inspect.getsource(cls.__init__)
    except (OSError, TypeError):
        return None
    return set(re.findall(r"if (\w+) is not None:\s*\n\s*self\.\1 = \1", source))


def _enum_scalar(model_module, name):
    """`int` or `str` when the model `name` is an enum of scalar values (a class with no
    attributes whose constants, `_300 = 300`, are the allowed values), else None."""
    cls = getattr(model_module, name, None)
    if cls is None or getattr(cls, "attribute_map", None) != {}:
        return None
    skip = {"sensitive_list", "openapi_types", "attribute_map", "discriminator"}
    values = [
        v for k, v in vars(cls).items()
        if not k.startswith("__") and k not in skip and isinstance(v, (int, str)) and not isinstance(v, bool)
    ]
    if values and all(isinstance(v, int) for v in values):
        return "int"
    if values and all(isinstance(v, str) for v in values):
        return "str"
    return None


def _scalarized(model_module, type_string):
    """A type string with the scalar enum models in it read as their scalar (`SuppressDuration`
    -> `int`, `list[AlarmLevel]` -> `list[int]`): the wire carries the value, not an object."""
    if type_string is None:
        return None
    m = _INNER.match(type_string)
    if m and m.group(1) is not None:
        return f"list[{_scalarized(model_module, m.group(1))}]"
    if m:
        return f"dict(str, {_scalarized(model_module, m.group(2))})"
    if _MODEL.match(type_string):
        return _enum_scalar(model_module, type_string) or type_string
    return type_string


def _fields(cls, model_module):
    optional = _optional_attrs(cls)
    out = []
    for attr, wire in cls.attribute_map.items():
        mandatory = None if optional is None else attr not in optional
        ty = _scalarized(model_module, cls.openapi_types.get(attr))
        out.append({"attr": attr, "name": wire, "type": ty, "mandatory": mandatory})
    return out


def _model_names(type_string):
    """The model names a type string mentions (`list[Foo]` -> Foo)."""
    if type_string is None:
        return []
    m = _INNER.match(type_string)
    if m:
        return _model_names(m.group(1) or m.group(2))
    return [type_string] if _MODEL.match(type_string) else []


def _collect(model_module, name, into):
    if name in into:
        return
    cls = getattr(model_module, name, None)
    if cls is None or not hasattr(cls, "openapi_types"):
        return
    into[name] = [{k: v for k, v in f.items() if k != "attr"} for f in _fields(cls, model_module)]
    for f in into[name]:
        for inner in _model_names(f["type"]):
            _collect(model_module, inner, into)


def _request_for(model_module, response_type):
    if not response_type.endswith("Response"):
        return None
    return getattr(model_module, response_type[: -len("Response")] + "Request", None)


def _params(model_module, request_cls, info):
    optional = _optional_attrs(request_cls) or set()
    types = request_cls.openapi_types
    params, body = [], None
    for place, pairs in (
        ("path", info["path_params"].items()),
        ("query", info["query_params"]),
        ("header", info["header_params"].items()),
        ("form", info["post_params"].items()),
    ):
        for wire, value in pairs:
            attr = _attr_of(value)
            if attr is None:
                continue  # Content-Type and the like, set by the client itself
            ty = _scalarized(model_module, types.get(attr))
            params.append({"name": wire, "in": place, "mandatory": attr not in optional, "type": ty})
    attr = _attr_of(info.get("body"))
    if attr is not None:
        body = {"type": _scalarized(model_module, types.get(attr)), "mandatory": attr not in optional}
    filled = {p["name"] for p in params if p["in"] == "path"}
    for placeholder in re.findall(r"\{(\w+)\}", info["resource_path"]):
        if placeholder not in filled:
            params.append({"name": placeholder, "in": "path", "mandatory": True, "type": None})
    return params, body


def _operation(service, version, model_module, method_name, http_info):
    static = http_info(_Probe())
    request_cls = _request_for(model_module, static["response_type"])
    if request_cls is None:
        return {"error": f"{service} {version} {method_name}: no request model for {static['response_type']}"}
    request = request_cls()
    for attr in request_cls.attribute_map:
        setattr(request, attr, _marker(attr))
    info = http_info(request)
    params, body = _params(model_module, request_cls, info)
    models = {}
    if body is not None:
        for name in _model_names(body["type"]):
            _collect(model_module, name, models)
    _collect(model_module, static["response_type"], models)
    return {
        "service": service,
        "version": version,
        "operation": request_cls.__name__[: -len("Request")],
        "method": info["method"],
        "path": info["resource_path"],
        "params": params,
        "body": body,
        "response": static["response_type"],
        "content_type": static["header_params"].get("Content-Type"),
        "response_headers": list(info.get("response_headers") or []),
        "models": models,
    }


class _Probe:
    """A request with no attributes, to read an operation's static description."""

    attribute_map = {}


def _client_class(module):
    for name, cls in inspect.getmembers(module, inspect.isclass):
        if name.endswith("Client") and not name.endswith("AsyncClient") and cls.__module__ == module.__name__:
            return cls
    return None


def _versions(service):
    package = importlib.import_module(f"huaweicloudsdk{service}")
    for info in pkgutil.iter_modules(package.__path__):
        if re.fullmatch(r"v\d+", info.name):
            yield info.name


def _service(service):
    for version in _versions(service):
        client_module = importlib.import_module(f"huaweicloudsdk{service}.{version}.{service}_client")
        model_module = importlib.import_module(f"huaweicloudsdk{service}.{version}.model")
        client = _client_class(client_module)
        if client is None:
            yield {"error": f"no client class in {client_module.__name__}"}
            continue
        for name in sorted(vars(client)):
            m = re.fullmatch(r"_(\w+)_http_info", name)
            if m:
                yield _operation(service, version, model_module, m.group(1), getattr(client, name))


def main():
    for service in sys.argv[1:]:
        if importlib.util.find_spec(f"huaweicloudsdk{service}") is None:
            print(json.dumps({"unknown_service": service}))
            continue
        try:
            for line in _service(service):
                print(json.dumps(line, ensure_ascii=False))
        except Exception as e:  # noqa: BLE001 - reported as an oracle error, one line
            print(json.dumps({"error": f"listing huaweicloudsdk{service}: {type(e).__name__}: {e}"}))


if __name__ == "__main__":
    main()
