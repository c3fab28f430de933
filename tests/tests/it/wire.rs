//! Wire tests: both generated operations against a scripted HTTP server on 127.0.0.1. They check
//! what goes on the wire (method, path, query, headers, body, a valid signature) and what the
//! caller gets back for every documented status, an undocumented one, a body that is not JSON, a
//! slow server, retries and a dropped connection.

use std::time::{Duration, Instant};

use huaweicloud_sdk::ddm::v1::{
    DdmClient,
    list_users::{ListUsersError, ListUsersRequest},
};
use huaweicloud_sdk::dws::v2::{
    DwsClient,
    execute_database_om_user_action::{ExecuteDatabaseOmUserActionError, ExecuteDatabaseOmUserActionRequest},
    types::{DatabaseOmUserActionReq, Operation},
};
use huaweicloud_sdk::runtime::{Config, ConfigError, Credentials, Error, RetryPolicy, TimeoutKind};
use huaweicloud_sdk_tests::server::{Reply, Request, Server};
use huaweicloud_sdk_tests::wire::{documented_example, verify_signature};

const AK: &str = "AKWIRETEST";
const SK: &str = "SKWIRETESTSECRET";
const PROJECT: &str = "proj-1";

fn config(server: &Server) -> Config {
    config_with(server, |b| b)
}

fn config_with(
    server: &Server,
    extra: impl FnOnce(huaweicloud_sdk::runtime::ConfigBuilder) -> huaweicloud_sdk::runtime::ConfigBuilder,
) -> Config {
    let builder = Config::builder()
        .credentials(Credentials::ak_sk(AK, SK).with_project_id(PROJECT))
        .region("cn-north-4")
        .endpoint("ddm", server.url())
        .endpoint("dws", server.url())
        .endpoint("ims", server.url())
        .endpoint("iam", server.url())
        .read_timeout(Duration::from_secs(5))
        .retry_policy(RetryPolicy { initial_backoff: Duration::from_millis(10), ..RetryPolicy::default() });
    extra(builder).build().expect("config")
}

fn om_request(operation: &str) -> ExecuteDatabaseOmUserActionRequest {
    ExecuteDatabaseOmUserActionRequest::new(
        "cluster 1/x",
        DatabaseOmUserActionReq::new(Operation::from_wire(operation)),
    )
}

fn only_request(server: &Server) -> Request {
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "{requests:#?}");
    requests.into_iter().next().expect("one request")
}

#[tokio::test]
async fn list_users_sends_the_documented_request_and_decodes_the_seed_example() {
    let example = documented_example("ListUsers", 200);
    let server = Server::start(vec![Reply::json(200, &example).header("X-Request-Id", "req-200")]).await;
    let client = DdmClient::new(&config(&server));
    let response = client.list_users(&ListUsersRequest::new("inst-1").limit(5).offset(0)).await.expect("success");

    let sent = only_request(&server);
    assert_eq!(sent.method, "GET");
    assert_eq!(sent.path, "/v1/proj-1/instances/inst-1/users");
    assert_eq!(sent.query.as_deref(), Some("limit=5&offset=0"), "the canonical query, sorted");
    assert!(sent.body.is_empty());
    assert_eq!(sent.header("Content-Type"), Some("application/json"));
    assert_eq!(sent.header("X-Project-Id"), Some(PROJECT));
    assert_eq!(sent.header("Host"), Some(server.addr().to_string().as_str()));
    assert!(sent.header("User-Agent").is_some_and(|ua| ua.starts_with("huaweicloud-sdk-rust/")));
    let signed = verify_signature(&sent, SK);
    assert_eq!(signed, "content-type;host;user-agent;x-project-id;x-sdk-date");

    let expected: serde_json::Value = serde_json::from_str(&example).expect("example JSON");
    assert_eq!(serde_json::to_value(&response).expect("serialize"), expected);
}

#[tokio::test]
async fn unset_query_parameters_are_not_sent() {
    let server = Server::start(vec![Reply::json(200, "{}")]).await;
    DdmClient::new(&config(&server)).list_users(&ListUsersRequest::new("inst-1")).await.expect("success");
    assert_eq!(only_request(&server).query, None);
}

#[tokio::test]
async fn om_user_action_sends_the_json_body_and_decodes_the_seed_example() {
    let example = documented_example("ExecuteDatabaseOmUserAction", 200);
    let server = Server::start(vec![Reply::json(200, &example)]).await;
    let client = DwsClient::new(&config(&server));
    let response = client.execute_database_om_user_action(&om_request("addOmUser")).await.expect("success");

    let sent = only_request(&server);
    assert_eq!(sent.method, "POST");
    assert_eq!(sent.path, "/v1/proj-1/clusters/cluster%201%2Fx/db-manager/om-user/action");
    assert_eq!(sent.query, None);
    assert_eq!(sent.body, br#"{"operation":"addOmUser"}"#);
    assert_eq!(sent.header("Content-Type"), Some("application/json;charset=UTF-8"));
    verify_signature(&sent, SK);
    // The documented example's `error_code` is the number 0 for a String field: kept as "0".
    assert_eq!(response.error_code.as_deref(), Some("0"));
}

#[tokio::test]
async fn security_token_and_iam_token_headers() {
    let server = Server::start(vec![Reply::json(200, "{}")]).await;
    let temporary = config_with(&server, |b| {
        b.credentials(Credentials::ak_sk(AK, SK).with_security_token("sec-token").with_project_id(PROJECT))
    });
    DdmClient::new(&temporary).list_users(&ListUsersRequest::new("i")).await.expect("success");
    let sent = only_request(&server);
    assert_eq!(sent.header("X-Security-Token"), Some("sec-token"));
    assert!(verify_signature(&sent, SK).contains("x-security-token"));

    let server = Server::start(vec![Reply::json(200, "{}")]).await;
    let token = config_with(&server, |b| b.credentials(Credentials::iam_token("iam-token").with_project_id(PROJECT)));
    DdmClient::new(&token).list_users(&ListUsersRequest::new("i")).await.expect("success");
    let sent = only_request(&server);
    assert_eq!(sent.header("X-Auth-Token"), Some("iam-token"));
    assert_eq!(sent.header("Authorization"), None);
}

#[tokio::test]
async fn documented_error_statuses_decode_to_their_documented_bodies() {
    let bad_request = documented_example("ListUsers", 400);
    let server = Server::start(vec![Reply::json(400, &bad_request).header("X-Request-Id", "req-400")]).await;
    let err = DdmClient::new(&config(&server)).list_users(&ListUsersRequest::new("i")).await.expect_err("400");
    let service = err.service_error().expect("service error");
    assert_eq!((service.status, service.code.as_deref()), (400, Some("DBS.280001")));
    assert_eq!(service.message, "Parameter error.");
    assert_eq!(err.request_id(), Some("req-400"));
    let Some(ListUsersError::BadRequest(body)) = err.documented() else { panic!("documented 400 expected: {err:?}") };
    assert_eq!(body.err_code.as_deref(), Some("DBS.280001"));
    assert_eq!(err.to_string(), "ListUsers: HTTP 400 DBS.280001: Parameter error. (request ID req-400)");

    let server_failure = documented_example("ListUsers", 500);
    let server = Server::start(vec![Reply::json(500, &server_failure)]).await;
    let err = DdmClient::new(&config(&server)).list_users(&ListUsersRequest::new("i")).await.expect_err("500");
    assert!(matches!(err.documented(), Some(ListUsersError::InternalServerError(_))), "{err:?}");
    assert_eq!(server.requests().len(), 1, "500 is not retried");

    // DWS documents its error statuses without bodies, in the error_code/error_msg shape.
    for (status, expected) in [
        (400, ExecuteDatabaseOmUserActionError::BadRequest),
        (401, ExecuteDatabaseOmUserActionError::Unauthorized),
        (403, ExecuteDatabaseOmUserActionError::Forbidden),
        (404, ExecuteDatabaseOmUserActionError::NotFound),
        (500, ExecuteDatabaseOmUserActionError::InternalServerError),
        (503, ExecuteDatabaseOmUserActionError::ServiceUnavailable),
    ] {
        let body = r#"{"error_code": "DWS.0015", "error_msg": "Cluster not found."}"#;
        let server = Server::start(vec![Reply::json(status, body)]).await;
        let client = DwsClient::new(&config(&server));
        let err = client.execute_database_om_user_action(&om_request("addOmUser")).await.expect_err("error");
        assert_eq!(err.documented(), Some(&expected), "{status}");
        let service = err.service_error().expect("service error");
        assert_eq!((service.code.as_deref(), service.message.as_str()), (Some("DWS.0015"), "Cluster not found."));
        assert_eq!(server.requests().len(), 1, "POST is never retried, not even on {status}");
    }
}

#[tokio::test]
async fn undocumented_status_and_non_json_bodies_still_give_useful_errors() {
    let server = Server::start(vec![Reply::json(418, r#"{"error_code": "X.1", "error_msg": "teapot"}"#)]).await;
    let err = DdmClient::new(&config(&server)).list_users(&ListUsersRequest::new("i")).await.expect_err("418");
    assert!(err.documented().is_none());
    assert_eq!(err.status(), Some(418));
    assert!(err.to_string().contains("X.1: teapot"), "{err}");

    let html = "<html><body><h1>500 Internal Server Error</h1></body></html>";
    let server = Server::start(vec![Reply::new(500).header("Content-Type", "text/html").body(html)]).await;
    let err = DdmClient::new(&config(&server)).list_users(&ListUsersRequest::new("i")).await.expect_err("500");
    assert!(err.documented().is_none(), "an HTML page is not the documented body");
    assert!(err.to_string().contains("HTTP 500") && err.to_string().contains("<h1>500"), "{err}");

    // A 2xx that is not JSON is still a success: the call was applied.
    let server = Server::start(vec![Reply::new(200).body("not json").header("X-Request-Id", "r-1")]).await;
    let page = DdmClient::new(&config(&server)).list_users(&ListUsersRequest::new("i")).await.expect("a success");
    assert_eq!(
        (page.users.as_ref(), page.meta().body(), page.meta().request_id()),
        (None, &b"not json"[..], Some("r-1"))
    );
}

#[tokio::test]
async fn constraints_are_checked_before_anything_is_sent() {
    let server = Server::start(vec![Reply::json(200, "{}")]).await;
    let client = DdmClient::new(&config(&server));
    for (request, needle) in [
        (ListUsersRequest::new("i").limit(500), "`limit`: 500 is out of range; allowed 1 to 128"),
        (ListUsersRequest::new("i").limit(0), "`limit`: 0 is out of range; allowed 1 to 128"),
        (ListUsersRequest::new("i").offset(-1), "`offset`: -1 is out of range; allowed at least 0"),
        (ListUsersRequest::new(""), "`instance_id`: path parameter must not be empty"),
    ] {
        let err = client.list_users(&request).await.expect_err("invalid");
        assert!(matches!(err, Error::Validation(_)), "{err:?}");
        assert!(err.to_string().contains(needle), "{err}");
    }
    assert!(server.requests().is_empty(), "nothing may be sent");
}

/// IMS ListImages documents an `X-Sdk-Date` header. The signature covers it, so a value that is
/// no signing time is refused before sending (the signer would otherwise sign its own time), and
/// a signing time goes on the wire as given.
#[tokio::test]
async fn a_callers_x_sdk_date_must_be_a_signing_time() {
    use huaweicloud_sdk::ims::v2::{ImsClient, list_images::ListImagesRequest};

    let server = Server::start(vec![Reply::json(200, r#"{"images": []}"#)]).await;
    let client = ImsClient::new(&config(&server));
    let err = client.list_images(&ListImagesRequest::new().x_sdk_date("yesterday, noon")).await.expect_err("no date");
    assert!(matches!(err, Error::Validation(_)), "{err:?}");
    assert!(err.to_string().contains("`yesterday, noon` is not a signing time YYYYMMDDTHHMMSSZ"), "{err}");
    assert!(server.requests().is_empty(), "nothing may be sent");

    client.list_images(&ListImagesRequest::new().x_sdk_date("20240229T120000Z")).await.expect("a date");
    let sent = only_request(&server);
    let dates: Vec<_> = sent.headers.iter().filter(|(k, _)| k.eq_ignore_ascii_case("x-sdk-date")).collect();
    assert_eq!(dates.len(), 1, "{:?}", sent.headers);
    assert_eq!(dates[0].1, "20240229T120000Z");
    verify_signature(&sent, SK);
}

/// IAM is global: its calls name the account in `X-Domain-Id`, not the project. A token to
/// validate goes in the `X-Subject-Token` request header and comes back in the response's, both
/// `Secret`s: sent and read as text, never in `Debug`.
#[tokio::test]
async fn iam_names_the_domain_and_keeps_the_subject_token_secret_both_ways() {
    use huaweicloud_sdk::iam::v3::{IamClient, keystone_validate_token::KeystoneValidateTokenRequest};

    let token = "MIIZ-subject-token-value";
    let server = Server::start(vec![
        Reply::json(200, r#"{"token": {"expires_at": "2030-01-01T00:00:00.000000Z"}}"#)
            .header("X-Subject-Token", token),
    ])
    .await;
    let config = config_with(&server, |b| {
        b.credentials(Credentials::ak_sk(AK, SK).with_project_id(PROJECT).with_domain_id("domain-1"))
    });
    let request = KeystoneValidateTokenRequest::new(token);
    assert!(!format!("{request:?}").contains(token), "{request:?}");
    let response = IamClient::new(&config).keystone_validate_token(&request).await.expect("validated");
    assert!(!format!("{response:?}").contains(token), "{response:?}");
    assert_eq!(response.x_subject_token().map(|t| t.expose().to_owned()).as_deref(), Some(token));

    let sent = only_request(&server);
    assert_eq!(sent.header("X-Subject-Token"), Some(token));
    assert_eq!(sent.header("X-Domain-Id"), Some("domain-1"));
    assert_eq!(sent.header("X-Project-Id"), None, "a global service's call names no project");
    verify_signature(&sent, SK);
}

#[tokio::test]
async fn constraints_inside_nested_body_objects_are_checked_before_anything_is_sent() {
    use huaweicloud_sdk::ddm::v1::{
        create_users::CreateUsersRequest,
        types::{BaseAuthority, CreateUsersInfo, CreateUsersReq},
    };
    use huaweicloud_sdk::dws::v2::{
        create_cluster::CreateClusterRequest,
        types::{CreateClusterInfo, CreateClusterRequestBody},
    };

    let server = Server::start(vec![Reply::json(200, "{}")]).await;
    let ddm = DdmClient::new(&config(&server));
    let user = |name: &str| CreateUsersInfo::new(name, "Secret-pass-1", vec![BaseAuthority::Select]);
    // The second element of the list breaks its documented length (1 to 32 characters).
    let request = CreateUsersRequest::new("i", CreateUsersReq::new(vec![user("ok"), user(&"a".repeat(40))]));
    let err = ddm.create_users(&request).await.expect_err("a 40-character name");
    assert!(matches!(err, Error::Validation(_)), "{err:?}");
    assert!(err.to_string().contains("`body.users[1].name`: has 40 characters; allowed length 1 to 32"), "{err}");

    // An optional field of a mandatory object: `port` is documented as 8000 to 30000.
    let dws = DwsClient::new(&config(&server));
    let cluster =
        || CreateClusterInfo::new("dws.m3.xlarge", 3, "subnet", "sg", "vpc", "dws-1", "dbadmin", "Secret-pass-1");
    let request = CreateClusterRequest::new(CreateClusterRequestBody::new(cluster().port(5)));
    let err = dws.create_cluster(&request).await.expect_err("port 5");
    assert!(err.to_string().contains("`body.cluster.port`: 5 is out of range; allowed 8000 to 30000"), "{err}");
    assert!(!format!("{err:?}").contains("Secret-pass-1"), "{err:?}");
    assert!(server.requests().is_empty(), "nothing may be sent");

    // The same requests within their constraints are sent.
    let request = CreateUsersRequest::new("i", CreateUsersReq::new(vec![user("ok"), user(&"a".repeat(32))]));
    ddm.create_users(&request).await.expect("a valid list of users");
    assert_eq!(server.requests().len(), 1);
}

/// A value list at any depth of the body: text that names no documented value does not become
/// the enum (`str::parse` refuses it, see `models.rs`), so no request carries it by accident;
/// `from_wire`, called deliberately, is the one way to send a value newer than the spec, and it
/// goes out as written, beside the documented ones.
#[tokio::test]
async fn an_unknown_value_written_deliberately_is_sent_as_written() {
    use huaweicloud_sdk::ddm::v1::{
        create_users::CreateUsersRequest,
        types::{BaseAuthority, CreateUsersInfo, CreateUsersReq},
    };

    assert!("SELEKT".parse::<BaseAuthority>().is_err(), "a misspelt value is refused before any request");
    let server = Server::start(vec![Reply::json(200, "{}")]).await;
    let authority = vec!["SELECT".parse().expect("documented"), BaseAuthority::from_wire("NEW")];
    let user = CreateUsersInfo::new("ddmtest", "Secret-pass-1", authority);
    let request = CreateUsersRequest::new("inst-1", CreateUsersReq::new(vec![user]));
    DdmClient::new(&config(&server)).create_users(&request).await.expect("sent");
    let body: serde_json::Value = serde_json::from_slice(&only_request(&server).body).expect("a JSON body");
    assert_eq!(body["users"][0]["base_authority"], serde_json::json!(["SELECT", "NEW"]), "{body}");
}
#[tokio::test]
async fn a_missing_project_id_without_a_region_is_a_configuration_error() {
    // With a region, the project ID would be discovered through IAM (tests/tests/it/discovery.rs);
    // with only an endpoint there is nothing to discover it from.
    let server = Server::start(vec![Reply::json(200, "{}")]).await;
    let config = Config::builder()
        .credentials(Credentials::ak_sk(AK, SK))
        .endpoint("ddm", server.url())
        .build()
        .expect("config");
    let err = DdmClient::new(&config).list_users(&ListUsersRequest::new("i")).await.expect_err("no project");
    assert!(matches!(err, Error::Config(ConfigError::NoProjectId { .. })), "{err:?}");
    assert!(err.to_string().contains("HUAWEICLOUD_SDK_PROJECT_ID"), "{err}");
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn a_slow_server_times_out() {
    let server = Server::start(vec![Reply::json(200, "{}").delay(Duration::from_secs(3))]).await;
    let config = config_with(&server, |b| b.read_timeout(Duration::from_millis(300)));
    let started = Instant::now();
    let err = DdmClient::new(&config).list_users(&ListUsersRequest::new("i")).await.expect_err("timeout");
    assert!(matches!(err, Error::Timeout { attempts: 1, kind: TimeoutKind::Read, .. }), "{err:?}");
    assert!(err.to_string().contains("the read timeout (300 ms) expired calling http://127.0.0.1:"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(3), "the timeout bounds the wait");
}

#[tokio::test]
async fn get_is_retried_after_503_and_post_is_not() {
    let server = Server::start(vec![Reply::json(503, "{}"), Reply::json(200, r#"{"total_record": 0}"#)]).await;
    let response = DdmClient::new(&config(&server)).list_users(&ListUsersRequest::new("i")).await.expect("retried");
    assert_eq!(response.total_record, Some(0));
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    for r in &requests {
        verify_signature(r, SK);
    }

    let server = Server::start(vec![Reply::json(503, "{}"), Reply::json(200, "{}")]).await;
    let client = DwsClient::new(&config(&server));
    let err = client.execute_database_om_user_action(&om_request("addOmUser")).await.expect_err("not retried");
    assert_eq!(err.status(), Some(503));
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn retries_stop_at_the_limit_and_say_how_many_attempts_were_made() {
    let server = Server::start(vec![Reply::json(503, r#"{"error_code": "APIGW.0201", "error_msg": "busy"}"#)]).await;
    let err = DdmClient::new(&config(&server)).list_users(&ListUsersRequest::new("i")).await.expect_err("503");
    assert_eq!(server.requests().len(), 3);
    assert!(err.to_string().ends_with("(after 3 attempts)"), "{err}");

    let server = Server::start(vec![Reply::json(503, "{}")]).await;
    let config = config_with(&server, |b| b.retry_policy(RetryPolicy::disabled()));
    DdmClient::new(&config).list_users(&ListUsersRequest::new("i")).await.expect_err("503");
    assert_eq!(server.requests().len(), 1, "retries disabled");
}

#[tokio::test]
async fn retry_after_is_honoured_up_to_the_policy_limit() {
    let server = Server::start(vec![Reply::json(429, "{}").header("Retry-After", "1"), Reply::json(200, "{}")]).await;
    let started = Instant::now();
    DdmClient::new(&config(&server)).list_users(&ListUsersRequest::new("i")).await.expect("retried");
    assert!(started.elapsed() >= Duration::from_millis(900), "waited {:?}", started.elapsed());
    assert_eq!(server.requests().len(), 2);

    let server = Server::start(vec![Reply::json(429, "{}").header("Retry-After", "3600")]).await;
    let err = DdmClient::new(&config(&server)).list_users(&ListUsersRequest::new("i")).await.expect_err("429");
    assert_eq!(err.status(), Some(429));
    assert_eq!(server.requests().len(), 1, "a Retry-After beyond the limit is not waited for");
}

#[tokio::test]
async fn a_dropped_connection_is_retried_for_get_and_reported_for_post() {
    let server = Server::start(vec![Reply::drop_connection(), Reply::json(200, "{}")]).await;
    DdmClient::new(&config(&server)).list_users(&ListUsersRequest::new("i")).await.expect("retried");
    assert_eq!(server.requests().len(), 2);

    let server = Server::start(vec![Reply::drop_connection()]).await;
    let client = DwsClient::new(&config(&server));
    let err = client.execute_database_om_user_action(&om_request("addOmUser")).await.expect_err("dropped");
    assert!(matches!(err, Error::Transport { attempts: 1, .. }), "{err:?}");
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn a_2xx_body_cut_off_on_the_wire_keeps_its_status_request_id_and_bytes() {
    // Content-Length 100, 11 bytes sent, then the connection closes: the head said 200.
    let cut = || Reply::truncated(200, 100, r#"{"users": ["#).header("X-Request-Id", "req-cut");
    let server = Server::start(vec![cut()]).await;
    let config = config_with(&server, |b| b.retry_policy(RetryPolicy::disabled()));
    let err = DdmClient::new(&config).list_users(&ListUsersRequest::new("i")).await.expect_err("truncated");
    let Error::Decode { status, request_id, body, message, .. } = &err else { panic!("{err:?}") };
    assert_eq!((*status, request_id.as_deref()), (200, Some("req-cut")));
    assert_eq!(body.as_bytes(), br#"{"users": ["#);
    assert!(message.contains("cut short after 11 bytes") && message.contains("do not repeat it blindly"), "{message}");
    // A GET is retried for the whole body; the last answer's error is the one returned.
    let server = Server::start(vec![cut(), Reply::json(200, r#"{"users": []}"#)]).await;
    let config = config_with(&server, |b| {
        b.retry_policy(RetryPolicy { initial_backoff: Duration::from_millis(10), ..RetryPolicy::default() })
    });
    DdmClient::new(&config).list_users(&ListUsersRequest::new("i")).await.expect("the retry reads it whole");
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn a_refused_connection_moves_to_the_next_endpoint() {
    let server = Server::start(vec![Reply::json(200, "{}")]).await;
    // A port that was free a moment ago: nothing listens there.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr");
    let config = Config::builder()
        .credentials(Credentials::ak_sk(AK, SK).with_project_id(PROJECT))
        .endpoints("ddm", [format!("http://{closed}"), server.url()])
        .retry_policy(RetryPolicy { initial_backoff: Duration::from_millis(10), ..RetryPolicy::default() })
        .build()
        .expect("config");
    DdmClient::new(&config).list_users(&ListUsersRequest::new("i")).await.expect("second endpoint");
    assert_eq!(server.requests().len(), 1);
}

/// A request body that is a JSON array (the spec's `request_body.type`): the request's `body`
/// field is the list, sent as the array itself; its elements' documented constraints are checked
/// before anything is sent, each named by its index.
#[tokio::test]
async fn a_json_array_body_is_sent_as_the_array_and_its_elements_are_checked() {
    use huaweicloud_sdk::ces::v1::{
        CesClient,
        create_metric_data::CreateMetricDataRequest,
        types::{CreateMetricDataRequestBody, MetricInfo, MetricsDimension},
    };
    use huaweicloud_sdk::evs::v2::{EvsClient, associate_auto_snapshot_policy::AssociateAutoSnapshotPolicyRequest};

    let server = Server::start(vec![Reply::json(200, "{}"), Reply::json(201, "")]).await;
    let config = config_with(&server, |b| b.endpoint("evs", server.url()).endpoint("ces", server.url()));
    let request = AssociateAutoSnapshotPolicyRequest::new("policy-1", vec!["vol-1".to_owned(), "vol-2".to_owned()]);
    EvsClient::new(&config).associate_auto_snapshot_policy(&request).await.expect("associated");
    let sent = only_request(&server);
    assert_eq!(sent.path, format!("/v5/{PROJECT}/snapshot-policies/policy-1/associate"));
    let body: serde_json::Value = serde_json::from_slice(&sent.body).expect("JSON");
    assert_eq!(body, serde_json::json!(["vol-1", "vol-2"]));
    verify_signature(&sent, SK);

    let metric = || MetricInfo::new("MINE.APP", "cpu", vec![MetricsDimension::new("instance_id", "i-1")]);
    let point = |ttl| CreateMetricDataRequestBody::new(metric(), ttl, 1_700_000_000_000, 0.5);
    let ces = CesClient::new(&config);
    // The second element's ttl is outside the documented 1..=604800: refused, nothing sent.
    let err =
        ces.create_metric_data(&CreateMetricDataRequest::new(vec![point(60), point(0)])).await.expect_err("a ttl of 0");
    assert!(matches!(err, Error::Validation(_)), "{err:?}");
    assert!(err.to_string().contains("body[1].ttl"), "{err}");
    assert_eq!(server.requests().len(), 1, "nothing more was sent");

    let response = ces.create_metric_data(&CreateMetricDataRequest::new(vec![point(60)])).await.expect("added");
    assert_eq!(response.meta().status(), 201);
    let sent = server.requests().pop().expect("sent");
    let body: serde_json::Value = serde_json::from_slice(&sent.body).expect("JSON");
    assert_eq!(body[0]["ttl"], 60);
    assert_eq!(body[0]["metric"]["dimensions"][0]["value"], "i-1");
    assert_eq!(body.as_array().map(Vec::len), Some(1));
}
