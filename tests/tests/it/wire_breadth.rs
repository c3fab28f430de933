//! Wire tests of the operations added after the first two (the DDM account operations of v1 and
//! v3, DWS `ShowDatabaseOmUserStatus`, IAM `KeystoneListProjects`) against a scripted HTTP server
//! on 127.0.0.1: what the caller gets back for every documented error status and for a success
//! (documented, empty, or with unknown fields), path parameters that need encoding, and documented
//! constraints that stop a call before anything is sent. What each operation puts on the wire is
//! compared with the official Python SDK in `official_sdk.rs`, not here.

use std::fmt::Debug;
use std::sync::LazyLock;
use std::time::Duration;

use huaweicloud_sdk::ddm::v1::{
    DdmClient,
    create_ddm_user::{CreateDdmUserError, CreateDdmUserRequest},
    create_users::{CreateUsersError, CreateUsersRequest},
    delete_ddm_user::{DeleteDdmUserError, DeleteDdmUserRequest},
    delete_user::{DeleteUserError, DeleteUserRequest},
    list_ddm_users::{ListDdmUsersError, ListDdmUsersRequest},
    reset_ddm_user_password::{ResetDdmUserPasswordError, ResetDdmUserPasswordRequest},
    reset_user_password::{ResetUserPasswordError, ResetUserPasswordRequest},
    types::{
        BaseAuthority, CreateUserRequestV3, CreateUsersInfo, CreateUsersReq, ResetUserPasswordReq,
        ResetUserPasswordV3RequestBody, UpdateUserDetailReq, UpdateUserReq, UpdateUserV3RequestBody,
    },
    update_ddm_user::{UpdateDdmUserError, UpdateDdmUserRequest},
    update_user::{UpdateUserError, UpdateUserRequest},
};
use huaweicloud_sdk::dws::v2::{
    DwsClient,
    show_database_om_user_status::{ShowDatabaseOmUserStatusError, ShowDatabaseOmUserStatusRequest},
};
use huaweicloud_sdk::iam::v3::{
    IamClient,
    keystone_list_projects::{KeystoneListProjectsError, KeystoneListProjectsRequest},
};
use huaweicloud_sdk::runtime::client::{Output, ResponseMeta};
use huaweicloud_sdk::runtime::{Config, Credentials, Error, RetryPolicy};
use huaweicloud_sdk_tests::server::{Reply, Server};
use huaweicloud_sdk_tests::wire::{documented_example_opt, verify_signature};
use serde_json::{Value, json};

const AK: &str = "AKWIREBREADTH";
const SK: &str = "SKWIREBREADTHSECRET";
const PROJECT: &str = "proj-1";
const PASSWORD: &str = "Example@123";

/// Every operation under test: its service and its documented error statuses, as the spec pages
/// list them (`the_table_matches_the_spec` keeps the two in step).
const OPERATIONS: [(&str, &str, &[u16]); 11] = [
    ("ddm", "CreateUsers", &[400, 500]),
    ("ddm", "DeleteUser", &[400, 500]),
    ("ddm", "UpdateUser", &[400, 500]),
    ("ddm", "ResetUserPassword", &[400, 500]),
    ("ddm", "ListDdmUsers", &[400, 500]),
    ("ddm", "CreateDdmUser", &[400, 500]),
    ("ddm", "DeleteDdmUser", &[400, 500]),
    ("ddm", "UpdateDdmUser", &[400, 500]),
    ("ddm", "ResetDdmUserPassword", &[400, 500]),
    ("dws", "ShowDatabaseOmUserStatus", &[400, 401, 403, 404, 500, 503]),
    ("iam", "KeystoneListProjects", &[]),
];

/// A documented error variant with its operation's type erased: the status it stands for and its
/// body as JSON (`null` for a variant without a body).
#[derive(Debug, Clone, PartialEq)]
struct Variant {
    status: u16,
    body: Value,
}

impl Variant {
    fn new(status: u16, body: &impl serde::Serialize) -> Variant {
        Variant { status, body: serde_json::to_value(body).expect("error bodies serialize") }
    }
}

/// The status each variant of an error enum stands for, written out here rather than read from the
/// generated code, so that a body decoded into the variant of another status is caught.
trait ToVariant {
    fn to_variant(&self) -> Variant;
}

/// The DDM error enums: each documents 400 and 500 with the DDM error body.
macro_rules! ddm_variants {
    ($($error:ident),*) => {$(
        impl ToVariant for $error {
            fn to_variant(&self) -> Variant {
                match self {
                    $error::BadRequest(body) => Variant::new(400, body),
                    $error::InternalServerError(body) => Variant::new(500, body),
                    other => panic!("a variant this test does not know: {other:?}"),
                }
            }
        }
    )*};
}

ddm_variants!(
    CreateUsersError,
    DeleteUserError,
    UpdateUserError,
    ResetUserPasswordError,
    ListDdmUsersError,
    CreateDdmUserError,
    DeleteDdmUserError,
    UpdateDdmUserError,
    ResetDdmUserPasswordError
);

impl ToVariant for ShowDatabaseOmUserStatusError {
    fn to_variant(&self) -> Variant {
        let status = match self {
            ShowDatabaseOmUserStatusError::BadRequest => 400,
            ShowDatabaseOmUserStatusError::Unauthorized => 401,
            ShowDatabaseOmUserStatusError::Forbidden => 403,
            ShowDatabaseOmUserStatusError::NotFound => 404,
            ShowDatabaseOmUserStatusError::InternalServerError => 500,
            ShowDatabaseOmUserStatusError::ServiceUnavailable => 503,
            other => panic!("a variant this test does not know: {other:?}"),
        };
        Variant { status, body: Value::Null }
    }
}

impl ToVariant for KeystoneListProjectsError {
    fn to_variant(&self) -> Variant {
        panic!("KeystoneListProjects documents no error status, yet decoded {self:?}")
    }
}

/// What a call returned with the operation's types erased: on success the response meta and the
/// decoded body encoded again as JSON. The error is boxed as it is large.
type Outcome = Result<(ResponseMeta, Value), Box<Error<Variant>>>;

fn erase<T: Output + serde::Serialize, E: ToVariant>(result: Result<T, Error<E>>) -> Outcome {
    match result {
        Ok(value) => Ok((value.meta().clone(), serde_json::to_value(&value).expect("responses serialize"))),
        Err(e) => Err(Box::new(e.map_documented(|d| d.to_variant()))),
    }
}

/// The path parameters of a call.
#[derive(Debug, Clone, Copy)]
struct Ids {
    instance: &'static str,
    user: &'static str,
    cluster: &'static str,
}

const IDS: Ids = Ids { instance: "inst-1", user: "ddmtest", cluster: "4f6c3a1e-8b2d-4c5e-9a7f-0123456789ab" };

/// Calls `operation` with valid arguments and `ids`.
async fn call(operation: &str, config: &Config, ids: Ids) -> Outcome {
    let ddm = DdmClient::new(config);
    let Ids { instance, user, cluster } = ids;
    match operation {
        "CreateUsers" => {
            let account = CreateUsersInfo::new("ddmtest", PASSWORD, vec![BaseAuthority::Select]);
            erase(ddm.create_users(&CreateUsersRequest::new(instance, CreateUsersReq::new(vec![account]))).await)
        }
        "DeleteUser" => erase(ddm.delete_user(&DeleteUserRequest::new(instance, user)).await),
        "UpdateUser" => {
            let body = UpdateUserReq::new(UpdateUserDetailReq::new().description("read only"));
            erase(ddm.update_user(&UpdateUserRequest::new(instance, user, body)).await)
        }
        "ResetUserPassword" => {
            let body = ResetUserPasswordReq::new(PASSWORD);
            erase(ddm.reset_user_password(&ResetUserPasswordRequest::new(instance, user, body)).await)
        }
        "ListDdmUsers" => erase(ddm.list_ddm_users(&ListDdmUsersRequest::new(instance)).await),
        "CreateDdmUser" => {
            let body = CreateUserRequestV3::new("ddmtest", PASSWORD, vec![BaseAuthority::Select]);
            erase(ddm.create_ddm_user(&CreateDdmUserRequest::new(instance, body)).await)
        }
        "DeleteDdmUser" => erase(ddm.delete_ddm_user(&DeleteDdmUserRequest::new(instance, user)).await),
        "UpdateDdmUser" => {
            let body = UpdateUserV3RequestBody::new().description("read only");
            erase(ddm.update_ddm_user(&UpdateDdmUserRequest::new(instance, user).body(body)).await)
        }
        "ResetDdmUserPassword" => {
            let body = ResetUserPasswordV3RequestBody::new(PASSWORD);
            erase(ddm.reset_ddm_user_password(&ResetDdmUserPasswordRequest::new(instance, user, body)).await)
        }
        "ShowDatabaseOmUserStatus" => {
            let request = ShowDatabaseOmUserStatusRequest::new(cluster);
            erase(DwsClient::new(config).show_database_om_user_status(&request).await)
        }
        "KeystoneListProjects" => {
            let request = KeystoneListProjectsRequest::new().name("cn-north-4");
            erase(IamClient::new(config).keystone_list_projects(&request).await)
        }
        other => panic!("no call written for {other}"),
    }
}

fn config(server: &Server, project: &str) -> Config {
    Config::builder()
        .credentials(Credentials::ak_sk(AK, SK).with_project_id(project).with_domain_id("domain-1"))
        .region("cn-north-4")
        .endpoint("ddm", server.url())
        .endpoint("dws", server.url())
        .endpoint("iam", server.url())
        .read_timeout(Duration::from_secs(5))
        .retry_policy(RetryPolicy { initial_backoff: Duration::from_millis(10), ..RetryPolicy::default() })
        .build()
        .expect("config")
}

fn parse(json: &str) -> Value {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"))
}

/// The spec, lowered once for the whole test binary.
static API: LazyLock<codegen::ir::Api> = LazyLock::new(|| {
    codegen::lower::lower(&huaweicloud_sdk_tests::load("spec")).unwrap_or_else(|d| panic!("spec/ does not load:\n{d}"))
});

fn spec_operation(operation: &str) -> &'static codegen::ir::Operation {
    let mut ops = API.services.iter().flat_map(|s| &s.versions).flat_map(|v| &v.operations);
    ops.find(|o| o.wire_name == operation).unwrap_or_else(|| panic!("no operation {operation} in spec/"))
}

#[test]
fn the_table_matches_the_spec() {
    for (service, operation, errors) in OPERATIONS {
        let spec = spec_operation(operation);
        let statuses: Vec<u16> = spec.responses.iter().map(|r| r.status).collect();
        let successes: Vec<u16> = statuses.iter().copied().filter(|s| (200..300).contains(s)).collect();
        let documented_errors: Vec<u16> = statuses.iter().copied().filter(|s| *s >= 400).collect();
        assert_eq!(successes, [200], "{operation}: the success statuses");
        assert_eq!(documented_errors, errors, "{operation}: the documented error statuses");
        assert!(spec.spec_file.starts_with(&format!("spec/{service}/")), "{operation}: {}", spec.spec_file);
    }
}

/// An error body for `status` of `operation`: the documented example, or one in the service's
/// documented error body shape (`error_body` of its `service.yaml`) when the page has none.
fn error_body(service: &str, operation: &str, status: u16) -> String {
    documented_example_opt(operation, status).unwrap_or_else(|| {
        match service {
            "ddm" => r#"{"errCode": "DBS.200412", "externalMessage": "Server failure."}"#,
            "dws" => r#"{"error_code": "DWS.0015", "error_msg": "Cluster not found."}"#,
            _ => panic!("{operation}: no error body shape written for {service}"),
        }
        .to_owned()
    })
}

#[tokio::test]
async fn every_documented_error_status_is_its_variant_with_the_decoded_body() {
    for (service, operation, statuses) in OPERATIONS {
        for &status in statuses {
            let body = error_body(service, operation, status);
            let request_id = format!("req-{operation}-{status}");
            let server = Server::start(vec![Reply::json(status, &body).header("X-Request-Id", &request_id)]).await;
            let err = call(operation, &config(&server, PROJECT), IDS).await.expect_err(operation);
            let what = format!("{operation} answered {status}");

            let Error::Service { operation: reported, error, documented, attempts } = &*err else {
                panic!("{what}: a service error expected: {err:?}")
            };
            assert_eq!(*reported, operation, "{what}");
            assert_eq!(err.status(), Some(status), "{what}");
            assert_eq!(err.request_id(), Some(request_id.as_str()), "{what}");
            // DWS documents its error statuses without a body table: the variants carry no body.
            let expected_body = if service == "dws" { Value::Null } else { parse(&body) };
            assert_eq!(documented, &Some(Variant { status, body: expected_body }), "{what}");
            let sent = parse(&body);
            let (code, message) = match service {
                "ddm" => (&sent["errCode"], &sent["externalMessage"]),
                _ => (&sent["error_code"], &sent["error_msg"]),
            };
            assert_eq!(
                (error.code.as_deref(), error.message.as_str()),
                (code.as_str(), message.as_str().unwrap_or("")),
                "{what}: code and message of the service error"
            );
            assert!(err.to_string().starts_with(&format!("{operation}: HTTP {status} ")), "{what}: {err}");
            // Only the GET of DWS documents a retried status (503): three attempts by default.
            let expected_attempts = if status == 503 { 3 } else { 1 };
            assert_eq!(*attempts, expected_attempts, "{what}");
            assert_eq!(server.requests().len(), expected_attempts as usize, "{what}");
        }
    }
}

#[tokio::test]
async fn an_iam_error_is_undocumented_but_keeps_its_nested_code_message_and_request_id() {
    // IAM's error body is one level down; KeystoneListProjects documents no error status.
    let body = r#"{"error": {"code": 401, "message": "The request you have made requires authentication.", "title": "Unauthorized"}}"#;
    let server = Server::start(vec![Reply::json(401, body).header("X-Request-Id", "req-iam")]).await;
    let err = call("KeystoneListProjects", &config(&server, PROJECT), IDS).await.expect_err("401");
    let Error::Service { error, documented: None, attempts: 1, .. } = &*err else {
        panic!("an undocumented service error after one attempt expected: {err:?}")
    };
    assert_eq!((error.status, error.code.as_deref()), (401, Some("401")));
    assert_eq!(error.message, "The request you have made requires authentication.");
    assert_eq!(err.request_id(), Some("req-iam"));
    assert_eq!(error.body.text(), body, "the raw body, `title` included, is kept");
}

/// A success body of `operation` and what it decodes to, encoded again: the documented example; a
/// body written from the response table for the two pages that have a table but no example; `{}`
/// for the pages whose 200 response has no body fields.
fn success_body(operation: &str) -> (String, Value) {
    let list_ddm_users = json!({
        "users": [{
            "name": "ddmtest", "status": "RUNNING", "base_authority": ["SELECT", "INSERT"],
            "password_lifetime": 90, "password_last_changed": "2024-06-16T16:37:41+0800",
            "description": "Account", "created": "2024-06-16T16:37:41+0800",
            "databases": [{"name": "zhxtest"}], "expiration_time": "2024-09-14T16:37:41+0800"
        }],
        "offset": 0, "limit": 10, "total": 1
    });
    let keystone_list_projects = json!({
        "projects": [{
            "id": "0a1b2c3d4e5f", "name": "cn-north-4", "description": "Default project",
            "domain_id": "d0d1", "parent_id": "d0d1", "enabled": true, "is_domain": false,
            "links": {"self": "https://iam.example/v3/projects/0a1b2c3d4e5f"}
        }],
        "links": {"self": "https://iam.example/v3/projects?name=cn-north-4"}
    });
    match (operation, documented_example_opt(operation, 200)) {
        // The page documents `error_code` as String and prints the number 0; `null` is absent.
        ("ShowDatabaseOmUserStatus", Some(example)) => (
            example,
            json!({"error_code": "0", "om_user_info": {"om_user_status": "on", "om_user_expires_time": 1713456000000_i64}}),
        ),
        (_, Some(example)) => {
            let expected = parse(&example);
            (example, expected)
        }
        ("ListDdmUsers", None) => (list_ddm_users.to_string(), list_ddm_users),
        ("KeystoneListProjects", None) => (keystone_list_projects.to_string(), keystone_list_projects),
        (_, None) => ("{}".to_owned(), json!({})),
    }
}

/// Calls `operation` against a server that answers `reply` with `X-Request-Id` and returns what
/// the success decoded to, after checking the response meta.
async fn decode_success(operation: &str, reply: Reply) -> Value {
    let request_id = format!("req-{operation}-ok");
    let server = Server::start(vec![reply.header("X-Request-Id", &request_id)]).await;
    let outcome = call(operation, &config(&server, PROJECT), IDS).await;
    let (meta, decoded) = outcome.unwrap_or_else(|e| panic!("{operation}: success expected: {e:?}"));
    assert_eq!(meta.status(), 200, "{operation}");
    assert_eq!(meta.request_id(), Some(request_id.as_str()), "{operation}");
    assert_eq!(meta.attempts(), 1, "{operation}");
    let header = meta.headers().get("x-request-id").and_then(|v| v.to_str().ok());
    assert_eq!(header, Some(request_id.as_str()), "{operation}: the response headers are kept");
    assert_eq!(server.requests().len(), 1, "{operation}");
    decoded
}

#[tokio::test]
async fn the_documented_success_body_decodes_and_keeps_status_and_request_id() {
    for (_, operation, _) in OPERATIONS {
        let (body, expected) = success_body(operation);
        assert_eq!(decode_success(operation, Reply::json(200, &body)).await, expected, "{operation}");
    }
}

#[tokio::test]
async fn an_empty_success_body_decodes_and_keeps_status_and_request_id() {
    for (_, operation, _) in OPERATIONS {
        // No Content-Type either: `Content-Length: 0` and nothing else.
        assert_eq!(decode_success(operation, Reply::new(200)).await, json!({}), "{operation}");
    }
}

#[tokio::test]
async fn a_body_without_documented_fields_is_not_read() {
    // These pages document no response fields: whatever a 200 carries, the call succeeded.
    for operation in ["CreateDdmUser", "DeleteDdmUser", "UpdateDdmUser", "ResetDdmUserPassword"] {
        for body in ["null", "\"OK\"", "plain text", "[1, 2]"] {
            assert_eq!(decode_success(operation, Reply::new(200).body(body)).await, json!({}), "{operation} {body}");
        }
    }
}

#[tokio::test]
async fn unknown_fields_in_a_success_body_are_ignored() {
    for (_, operation, _) in OPERATIONS {
        let (body, expected) = success_body(operation);
        let mut with_extras = parse(&body);
        let object = with_extras.as_object_mut().expect("success bodies are objects");
        object.insert("job_id".to_owned(), json!("2c9eb2c8-8e0a"));
        object.insert("unexpected".to_owned(), json!({"nested": [1, "two", null], "flag": true}));
        let reply = Reply::json(200, &with_extras.to_string());
        assert_eq!(decode_success(operation, reply).await, expected, "{operation}");
    }
}

#[tokio::test]
async fn path_parameters_are_encoded_as_one_segment_and_still_signed() {
    let odd = Ids { instance: "i/1 #", user: "a/b?c%", cluster: "4f6c3a1e-8b2d-4c5e-9a7f-0123/5?7#9%b" };
    let instance = "/p%2F1/instances/i%2F1%20%23";
    let user = "/users/a%2Fb%3Fc%25";
    for (operation, expected) in [
        ("CreateUsers", format!("/v1{instance}/users")),
        ("DeleteUser", format!("/v1{instance}{user}")),
        ("UpdateUser", format!("/v1{instance}{user}")),
        ("ResetUserPassword", format!("/v2{instance}{user}/password")),
        ("ListDdmUsers", format!("/v3{instance}/users")),
        ("CreateDdmUser", format!("/v3{instance}/users")),
        ("DeleteDdmUser", format!("/v3{instance}{user}")),
        ("UpdateDdmUser", format!("/v3{instance}{user}")),
        ("ResetDdmUserPassword", format!("/v3{instance}{user}/password")),
        (
            "ShowDatabaseOmUserStatus",
            "/v1/p%2F1/clusters/4f6c3a1e-8b2d-4c5e-9a7f-0123%2F5%3F7%239%25b/db-manager/om-user/status".to_owned(),
        ),
        // No path parameter, and no project ID in the path.
        ("KeystoneListProjects", "/v3/projects".to_owned()),
    ] {
        let server = Server::start(vec![Reply::json(200, "{}")]).await;
        // The project ID is a path parameter too, filled from the credentials.
        call(operation, &config(&server, "p/1"), odd).await.unwrap_or_else(|e| panic!("{operation}: {e:?}"));
        let requests = server.requests();
        assert_eq!(requests.len(), 1, "{operation}: {requests:#?}");
        assert_eq!(requests[0].path, expected, "{operation}");
        // IAM is global: its calls name the domain instead.
        let (scope, id) =
            if operation.starts_with("Keystone") { ("X-Domain-Id", "domain-1") } else { ("X-Project-Id", "p/1") };
        assert_eq!(requests[0].header(scope), Some(id), "{operation}");
        verify_signature(&requests[0], SK);
    }
}

/// Panics unless `result` is the validation error `expected` (operation, field and what is wrong).
fn assert_rejected<T: Debug, E: Debug>(result: Result<T, Error<E>>, expected: &str) {
    match result {
        Err(err @ Error::Validation(_)) => assert_eq!(err.to_string(), expected),
        other => panic!("{expected}: a validation error expected, got {other:?}"),
    }
}

#[tokio::test]
async fn empty_and_dot_path_parameters_are_rejected_before_sending() {
    let server = Server::start(vec![Reply::json(200, "{}")]).await;
    let config = config(&server, PROJECT);
    let no_instance = Ids { instance: "", ..IDS };
    let no_user = Ids { user: "", ..IDS };
    let no_cluster = Ids { cluster: "", ..IDS };
    let mut cases = Vec::new();
    for (_, operation, _) in OPERATIONS.iter().filter(|(service, ..)| *service == "ddm") {
        cases.push((*operation, no_instance, "instance_id", "path parameter must not be empty"));
    }
    for operation in
        ["DeleteUser", "UpdateUser", "ResetUserPassword", "DeleteDdmUser", "UpdateDdmUser", "ResetDdmUserPassword"]
    {
        cases.push((operation, no_user, "username", "path parameter must not be empty"));
    }
    // Dot segments would be resolved by URL parsing into another path (`..` climbs out).
    for dots in [".", ".."] {
        for (_, operation, _) in OPERATIONS.iter().filter(|(service, ..)| *service == "ddm") {
            cases.push((
                *operation,
                Ids { instance: dots, ..IDS },
                "instance_id",
                "path parameter must not be `.` or `..`",
            ));
        }
        cases.push(("DeleteUser", Ids { user: dots, ..IDS }, "username", "path parameter must not be `.` or `..`"));
    }
    // The documented length of `cluster_id` is checked first.
    cases.push(("ShowDatabaseOmUserStatus", no_cluster, "cluster_id", "has 0 characters; allowed length 36 to 36"));
    for (operation, ids, field, message) in cases {
        assert_rejected(
            call(operation, &config, ids).await.map_err(|e| *e),
            &format!("{operation}: invalid `{field}`: {message}"),
        );
    }
    assert!(server.requests().is_empty(), "nothing may be sent: {:#?}", server.requests());
}

fn account(name: &str, password: &str) -> CreateUserRequestV3 {
    CreateUserRequestV3::new(name, password, vec![BaseAuthority::Select])
}

#[tokio::test]
async fn create_ddm_user_limits_are_checked_before_sending() {
    let server = Server::start(vec![Reply::json(200, "{}")]).await;
    let ddm = DdmClient::new(&config(&server, PROJECT));
    let long = |n: usize| "x".repeat(n);
    for (body, field, message) in [
        (account("", PASSWORD), "body.name", "has 0 characters; allowed length 1 to 32"),
        (account(&long(33), PASSWORD), "body.name", "has 33 characters; allowed length 1 to 32"),
        (account("ddmtest", "Exa@123"), "body.password", "has 7 characters; allowed length 8 to 32"),
        (account("ddmtest", &long(33)), "body.password", "has 33 characters; allowed length 8 to 32"),
        (
            account("ddmtest", PASSWORD).description(long(257)),
            "body.description",
            "has 257 characters; allowed length at most 256",
        ),
        (
            account("ddmtest", PASSWORD).password_lifetime(-1),
            "body.password_lifetime",
            "-1 is out of range; allowed 0 to 65535",
        ),
        (
            account("ddmtest", PASSWORD).password_lifetime(65536),
            "body.password_lifetime",
            "65536 is out of range; allowed 0 to 65535",
        ),
    ] {
        let result = ddm.create_ddm_user(&CreateDdmUserRequest::new("inst-1", body)).await;
        assert_rejected(result, &format!("CreateDdmUser: invalid `{field}`: {message}"));
    }
    assert!(server.requests().is_empty(), "nothing may be sent: {:#?}", server.requests());

    // The limits themselves are allowed; lengths count characters, not bytes.
    for body in [
        account("n", "Exa@1234").password_lifetime(0),
        account(&"é".repeat(32), &long(32)).description("é".repeat(256)).password_lifetime(65535),
    ] {
        ddm.create_ddm_user(&CreateDdmUserRequest::new("inst-1", body)).await.expect("at the limits");
    }
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn update_ddm_user_limits_are_checked_before_sending() {
    let server = Server::start(vec![Reply::json(200, "{}")]).await;
    let ddm = DdmClient::new(&config(&server, PROJECT));
    let body = UpdateUserV3RequestBody::new;
    for (body, field, message) in [
        (body().description("x".repeat(257)), "body.description", "has 257 characters; allowed length at most 256"),
        (body().password_lifetime(-1), "body.password_lifetime", "-1 is out of range; allowed 0 to 65535"),
        (body().password_lifetime(65536), "body.password_lifetime", "65536 is out of range; allowed 0 to 65535"),
    ] {
        let result = ddm.update_ddm_user(&UpdateDdmUserRequest::new("inst-1", "ddmtest").body(body)).await;
        assert_rejected(result, &format!("UpdateDdmUser: invalid `{field}`: {message}"));
    }
    assert!(server.requests().is_empty(), "nothing may be sent: {:#?}", server.requests());

    let at_limits = body().description("x".repeat(256)).password_lifetime(65535);
    ddm.update_ddm_user(&UpdateDdmUserRequest::new("inst-1", "ddmtest").body(at_limits)).await.expect("at the limits");
    ddm.update_ddm_user(&UpdateDdmUserRequest::new("inst-1", "ddmtest").body(body().password_lifetime(0)))
        .await
        .expect("at the limits");
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn query_and_path_limits_are_checked_before_sending() {
    let server = Server::start(vec![Reply::json(200, "{}")]).await;
    let config = config(&server, PROJECT);
    let (ddm, dws, iam) = (DdmClient::new(&config), DwsClient::new(&config), IamClient::new(&config));
    let list = |offset: Option<i32>, limit: Option<i32>| {
        let mut request = ListDdmUsersRequest::new("inst-1");
        request.offset = offset;
        request.limit = limit;
        request
    };
    for (request, expected) in [
        (list(Some(-1), None), "ListDdmUsers: invalid `offset`: -1 is out of range; allowed at least 0"),
        (list(None, Some(0)), "ListDdmUsers: invalid `limit`: 0 is out of range; allowed 1 to 128"),
        (list(None, Some(129)), "ListDdmUsers: invalid `limit`: 129 is out of range; allowed 1 to 128"),
    ] {
        assert_rejected(ddm.list_ddm_users(&request).await, expected);
    }
    for (cluster, expected) in [
        (
            &IDS.cluster[1..],
            "ShowDatabaseOmUserStatus: invalid `cluster_id`: has 35 characters; allowed length 36 to 36",
        ),
        (
            &format!("{}0", IDS.cluster),
            "ShowDatabaseOmUserStatus: invalid `cluster_id`: has 37 characters; allowed length 36 to 36",
        ),
    ] {
        assert_rejected(
            dws.show_database_om_user_status(&ShowDatabaseOmUserStatusRequest::new(cluster)).await,
            expected,
        );
    }
    let projects = KeystoneListProjectsRequest::new;
    for (request, expected) in [
        (projects().page(0), "KeystoneListProjects: invalid `page`: 0 is out of range; allowed at least 1"),
        (projects().per_page(0), "KeystoneListProjects: invalid `per_page`: 0 is out of range; allowed 1 to 5000"),
        (
            projects().per_page(5001),
            "KeystoneListProjects: invalid `per_page`: 5001 is out of range; allowed 1 to 5000",
        ),
    ] {
        assert_rejected(iam.keystone_list_projects(&request).await, expected);
    }
    assert!(server.requests().is_empty(), "nothing may be sent: {:#?}", server.requests());

    ddm.list_ddm_users(&list(Some(0), Some(1))).await.expect("at the limits");
    ddm.list_ddm_users(&list(Some(i32::MAX), Some(128))).await.expect("at the limits");
    dws.show_database_om_user_status(&ShowDatabaseOmUserStatusRequest::new(IDS.cluster)).await.expect("36 characters");
    iam.keystone_list_projects(&projects().page(1).per_page(1)).await.expect("at the limits");
    iam.keystone_list_projects(&projects().page(i32::MAX).per_page(5000)).await.expect("at the limits");
    assert_eq!(server.requests().len(), 5);
}
