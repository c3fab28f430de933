"""Describes operations of the official Huawei Cloud Python SDK for `cargo xtask import --sdk`,
one JSON line each: what `audit.py` lists (method, path, where each parameter goes, types,
mandatory flags, the models the body and the response reach), and the texts the SDK carries: the
operation's title and description (the client method's docstring) and each attribute's
description (its property's docstring, `**参数解释**` ... `**默认取值**` blocks).

Arguments: a service name (`dws`) and, optionally, operation names (`ListClusters`); without
names, every operation of the service. Each line:

    {"service": "dws", "version": "v2", "operation": "ListClusters", "method": "GET",
     "path": "/v1.0/{project_id}/clusters", "sdk": "huaweicloudsdkdws 3.1.219",
     "title": "查询集群列表", "description": "查询集群列表。",
     "params": [{"name": ..., "in": "query", "mandatory": false, "type": "str",
                 "description": ...}, ...],
     "body": {"name": "body", "type": "CreateClusterRequestBody", "mandatory": true} or null,
     "response": "ListClustersResponse", "response_headers": [...],
     "models": {"ListClustersResponse": [{"name": "clusters", "type": "list[ClusterInfo]",
                                          "mandatory": false, "description": ...}], ...}}

{"unknown_service": ...} and {"error": ...} as for `audit.py`; {"unknown_operation": "X"} for
a name the service does not have. Nothing of the SDK is copied but these texts, which the spec
files keep as the operation's documentation (the SDK is Apache-2.0, like this crate).
"""

import importlib
import importlib.metadata
import importlib.util
import inspect
import json
import re
import sys

import audit


def _doc_text(doc):
    """A property's docstring without its `Gets the x of this Y.` line and `:return:` fields."""
    if not doc:
        return ""
    lines = doc.splitlines()
    if lines and lines[0].startswith("Gets the "):
        lines = lines[1:]
    kept = []
    for line in lines:
        if line.startswith(":return:") or line.startswith(":rtype:"):
            break
        kept.append(line)
    return "\n".join(kept).strip()


def _attribute_docs(cls):
    return {attr: _doc_text(inspect.getdoc(getattr(cls, attr, None))) for attr in cls.attribute_map}


def _method_doc(client, method_name):
    """(title, description) of a client method's docstring."""
    doc = inspect.getdoc(getattr(client, method_name, None)) or ""
    doc = doc.split("Please refer to HUAWEI cloud API Explorer")[0]
    doc = doc.split(":param request:")[0].strip()
    title, _, rest = doc.partition("\n\n")
    return title.strip(), rest.strip()


def _describe(service, version, model_module, client, method_name, http_info, sdk):
    op = audit._operation(service, version, model_module, method_name, http_info)
    if "error" in op:
        return op
    request_cls = getattr(model_module, op["operation"] + "Request")
    docs = _attribute_docs(request_cls)
    wire_to_attr = {}
    for attr, wire in request_cls.attribute_map.items():
        wire_to_attr.setdefault(wire, attr)
    for p in op["params"]:
        attr = wire_to_attr.get(p["name"])
        p["description"] = docs.get(attr, "") if attr else ""
    if op["body"] is not None:
        body_attr = next((a for a, t in request_cls.openapi_types.items() if t == op["body"]["type"]), "body")
        op["body"]["description"] = docs.get(body_attr, "")
    for name, fields in op["models"].items():
        cls = getattr(model_module, name, None)
        model_docs = _attribute_docs(cls) if cls is not None and hasattr(cls, "attribute_map") else {}
        by_wire = {wire: attr for attr, wire in getattr(cls, "attribute_map", {}).items()}
        for f in fields:
            f["description"] = model_docs.get(by_wire.get(f["name"], ""), "")
    op["title"], op["description"] = _method_doc(client, method_name)
    op["sdk"] = sdk
    return op


def main():
    if len(sys.argv) < 2:
        print(json.dumps({"error": "usage: describe.py SERVICE [OPERATION ...]"}))
        return
    service, wanted = sys.argv[1], set(sys.argv[2:])
    package = f"huaweicloudsdk{service}"
    if importlib.util.find_spec(package) is None:
        print(json.dumps({"unknown_service": service}))
        return
    try:
        sdk = f"{package} {importlib.metadata.version(package)}"
    except importlib.metadata.PackageNotFoundError:
        sdk = package
    seen = set()
    try:
        for version in audit._versions(service):
            client_module = importlib.import_module(f"{package}.{version}.{service}_client")
            model_module = importlib.import_module(f"{package}.{version}.model")
            client = audit._client_class(client_module)
            if client is None:
                print(json.dumps({"error": f"no client class in {client_module.__name__}"}))
                continue
            for name in sorted(vars(client)):
                m = re.fullmatch(r"_(\w+)_http_info", name)
                if not m:
                    continue
                op = _describe(service, version, model_module, client, m.group(1), getattr(client, name), sdk)
                if wanted and op.get("operation") not in wanted:
                    continue
                seen.add(op.get("operation"))
                print(json.dumps(op, ensure_ascii=False))
    except Exception as e:  # noqa: BLE001 - reported as one line
        print(json.dumps({"error": f"describing {package}: {type(e).__name__}: {e}"}))
    for name in sorted(wanted - seen):
        print(json.dumps({"unknown_operation": name}))


if __name__ == "__main__":
    main()
