"""Makes API calls with the official Huawei Cloud Python SDK clients, one JSON line each.

Reads JSON lines on stdin, each a call:

    {"operation": "ListUsers", "endpoint": "http://127.0.0.1:PORT", "ak", "sk", "project_id",
     "args": {"path": {...}, "query": {...}, "body": {...}}}

where "operation" is one of _OPERATIONS below, "project_id" may be null (no project), and "args"
gives the request's parameters by wire name: "path" and "query" become the keyword arguments of
the operation's request model, and "body" (a JSON object, absent for no body) is built into the
operation's body model, nested models included. Writes one JSON line per call, in order:
{"ok": true} when the SDK returned a response, or {"error": "..."} when it raised. The caller is a
test server that records what arrived; what the server answers, and so whether the SDK raises,
does not matter.

The calls go through the generated service clients exactly as an application makes them:
DdmClient / DwsClient / IamClient built by ClientBuilder with BasicCredentials(ak, sk, project_id)
and with_endpoints([endpoint]) (no region, so nothing resolves or fetches a project ID), request
models, and the client method. IamClient also accepts GlobalCredentials (domain ID, X-Domain-Id);
BasicCredentials is the kind the Rust client has (project ID, X-Project-Id). The HttpConfig keeps
retries off and timeouts short.
"""

import json
import os
import sys

from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.http.http_config import HttpConfig
from huaweicloudsdkddm.v1 import (
    CreateDdmUserRequest,
    CreateUserRelatedLogicDbV3,
    CreateUserRequestV3,
    CreateUsersDatabases,
    CreateUsersInfo,
    CreateUsersReq,
    CreateUsersRequest,
    DdmClient,
    DeleteDdmUserRequest,
    DeleteUserRequest,
    ListDdmUsersRequest,
    ListUsersRequest,
    ResetDdmUserPasswordRequest,
    ResetUserPasswordReq,
    ResetUserPasswordRequest,
    ResetUserPasswordV3RequestBody,
    UpdateDdmUserRequest,
    UpdateUserDetailReq,
    UpdateUserRelatedLogicDbV3,
    UpdateUserReq,
    UpdateUserRequest,
    UpdateUsersDatabases,
    UpdateUserV3RequestBody,
)
from huaweicloudsdkdws.v2 import (
    DatabaseOmUserActionReq,
    DwsClient,
    ExecuteDatabaseOmUserActionRequest,
    ListClusterNodesRequest,
    ShowDatabaseOmUserStatusRequest,
)
from huaweicloudsdkiam.v3 import IamClient, KeystoneListProjectsRequest

# The endpoint is a local test server: a proxy from the environment (requests honours *_PROXY)
# must not stand between it and the SDK.
for _name in [n for n in os.environ if n.lower().endswith("_proxy")]:
    del os.environ[_name]


def _model(model_class, fields, **nested):
    """model_class(**fields), where each field named in `nested` is first built by its function
    (element by element for a list)."""
    kwargs = dict(fields)
    for name, build in nested.items():
        if name in kwargs:
            value = kwargs[name]
            kwargs[name] = [build(v) for v in value] if isinstance(value, list) else build(value)
    return model_class(**kwargs)


def _leaf(model_class):
    return lambda fields: _model(model_class, fields)


# operation: (client class, client method, request model, body builder or None)
_OPERATIONS = {
    "ListUsers": (DdmClient, "list_users", ListUsersRequest, None),
    "CreateUsers": (
        DdmClient,
        "create_users",
        CreateUsersRequest,
        lambda b: _model(
            CreateUsersReq, b, users=lambda u: _model(CreateUsersInfo, u, databases=_leaf(CreateUsersDatabases))
        ),
    ),
    "DeleteUser": (DdmClient, "delete_user", DeleteUserRequest, None),
    "UpdateUser": (
        DdmClient,
        "update_user",
        UpdateUserRequest,
        lambda b: _model(
            UpdateUserReq, b, user=lambda u: _model(UpdateUserDetailReq, u, databases=_leaf(UpdateUsersDatabases))
        ),
    ),
    "ResetUserPassword": (DdmClient, "reset_user_password", ResetUserPasswordRequest, _leaf(ResetUserPasswordReq)),
    "ListDdmUsers": (DdmClient, "list_ddm_users", ListDdmUsersRequest, None),
    "CreateDdmUser": (
        DdmClient,
        "create_ddm_user",
        CreateDdmUserRequest,
        lambda b: _model(CreateUserRequestV3, b, databases=_leaf(CreateUserRelatedLogicDbV3)),
    ),
    "DeleteDdmUser": (DdmClient, "delete_ddm_user", DeleteDdmUserRequest, None),
    "UpdateDdmUser": (
        DdmClient,
        "update_ddm_user",
        UpdateDdmUserRequest,
        lambda b: _model(UpdateUserV3RequestBody, b, databases=_leaf(UpdateUserRelatedLogicDbV3)),
    ),
    "ResetDdmUserPassword": (
        DdmClient,
        "reset_ddm_user_password",
        ResetDdmUserPasswordRequest,
        _leaf(ResetUserPasswordV3RequestBody),
    ),
    "ExecuteDatabaseOmUserAction": (
        DwsClient,
        "execute_database_om_user_action",
        ExecuteDatabaseOmUserActionRequest,
        _leaf(DatabaseOmUserActionReq),
    ),
    "ShowDatabaseOmUserStatus": (DwsClient, "show_database_om_user_status", ShowDatabaseOmUserStatusRequest, None),
    "ListClusterNodes": (DwsClient, "list_cluster_nodes", ListClusterNodesRequest, None),
    "KeystoneListProjects": (IamClient, "keystone_list_projects", KeystoneListProjectsRequest, None),
}


def _config():
    # (connect, read) seconds; retry_times=0 is the default, spelled out because it matters here.
    return HttpConfig(timeout=(2, 5), retry_times=0)


def _client(client_class, call):
    return (
        client_class.new_builder()
        .with_http_config(_config())
        .with_credentials(BasicCredentials(call["ak"], call["sk"], call.get("project_id")))
        .with_endpoints([call["endpoint"]])
        .build()
    )


def _call(call):
    client_class, method, request_class, build_body = _OPERATIONS[call["operation"]]
    args = call["args"]
    request = request_class(**args.get("path", {}), **args.get("query", {}))
    if "body" in args:
        if build_body is None:
            raise ValueError("%s takes no body" % call["operation"])
        request.body = build_body(args["body"])
    client = _client(client_class, call)
    try:
        getattr(client, method)(request)
    finally:
        client.close()


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            _call(json.loads(line))
            out = {"ok": True}
        except Exception as e:  # one answer per call, so a failure never shifts the lines
            out = {"error": "%s: %s" % (type(e).__name__, e)}
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
