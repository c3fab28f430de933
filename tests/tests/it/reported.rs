//! Failures that users of Huawei Cloud's official SDKs (and of aws-sdk-rust) have reported, each
//! turned into a small input and tried on the generated clients against a local scripted server:
//! paginators that end silently or never, successful calls reported as failures because of their
//! body, failover and gateway throttling for POST, and HTTP 200 bodies that report a failure.
//! Every row of the retry table in `runtime::config::RetryPolicy` is a case here.

use std::time::{Duration, Instant};

use huaweicloud_sdk::ddm::v1::{
    DdmClient,
    create_users::CreateUsersRequest,
    delete_user::DeleteUserRequest,
    list_users::ListUsersRequest,
    types::{BaseAuthority, CreateUsersInfo, CreateUsersReq},
};
use huaweicloud_sdk::dws::v2::{
    DwsClient,
    execute_database_om_user_action::ExecuteDatabaseOmUserActionRequest,
    types::{DatabaseOmUserActionReq, Operation as OmOperation},
};
use huaweicloud_sdk::iam::v3::{IamClient, keystone_list_projects::KeystoneListProjectsRequest};
use huaweicloud_sdk::runtime::{Config, ConfigBuilder, Credentials, Error, RetryPolicy};
use huaweicloud_sdk_tests::server::{Reply, Server};
use proptest::prelude::*;

fn builder() -> ConfigBuilder {
    Config::builder()
        .credentials(
            Credentials::ak_sk("AKREPORTED", "SKREPORTED").with_project_id("proj-1").with_domain_id("domain-1"),
        )
        .region("cn-north-4")
        .read_timeout(Duration::from_secs(5))
        .retry_policy(RetryPolicy { initial_backoff: Duration::from_millis(10), ..RetryPolicy::default() })
}

fn config(server: &Server) -> Config {
    let url = server.url();
    builder().endpoint("ddm", url.clone()).endpoint("dws", url.clone()).endpoint("iam", url).build().expect("config")
}

fn create_request() -> CreateUsersRequest {
    let user = CreateUsersInfo::new("ddmtest", "Secret#123", vec![BaseAuthority::Select]);
    CreateUsersRequest::new("inst-1", CreateUsersReq::new(vec![user]))
}

/// An address where nothing listens: a port that was free a moment ago.
fn refusing() -> String {
    let addr = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr");
    format!("http://{addr}")
}

const THROTTLED: &str =
    r#"{"error_code": "APIGW.0308", "error_msg": "The throttling threshold has been reached.", "request_id": "x"}"#;

// 1. Paginators that end silently, or never.

#[tokio::test]
async fn a_listing_whose_items_are_not_the_documented_array_says_so() {
    let page = Reply::json(200, r#"{"users": {"name": "ddmtest"}, "total_record": 1}"#).header("X-Request-Id", "rid-7");
    let server = Server::start(vec![page]).await;
    let e = DdmClient::new(&config(&server))
        .list_users_all(&ListUsersRequest::new("inst-1"))
        .collect_all()
        .await
        .expect_err("not a silent empty listing");
    assert!(matches!(e, Error::Pagination { .. }), "{e:?}");
    assert_eq!((e.status(), e.request_id()), (Some(200), Some("rid-7")));
    assert!(e.to_string().contains("`users` is an object, not the documented array"), "{e}");

    // Absent while the total says more is the same case.
    let server = Server::start(vec![Reply::json(200, r#"{"total_record": 3}"#)]).await;
    let e = DdmClient::new(&config(&server))
        .list_users_all(&ListUsersRequest::new("inst-1"))
        .collect_all()
        .await
        .expect_err("absent items");
    assert!(e.to_string().contains("`users` is absent while `total_record` says 3 items and 0 were read"), "{e}");
}

#[tokio::test]
async fn a_server_that_ignores_the_page_ends_the_listing_with_an_error_not_a_loop() {
    let projects = r#"{"projects": [{"id": "p1", "name": "a"}, {"id": "p2", "name": "b"}, {"id": "p3", "name": "c"}]}"#;
    let server = Server::start(vec![Reply::json(200, projects)]).await;
    let mut all = IamClient::new(&config(&server)).keystone_list_projects_all(&KeystoneListProjectsRequest::new());
    let mut ids = Vec::new();
    let e = loop {
        match all.next().await {
            Some(Ok(p)) => ids.push(p.id.unwrap_or_default()),
            Some(Err(e)) => break e,
            None => panic!("the stream ended without an error after {ids:?}"),
        }
    };
    assert_eq!(ids, ["p1", "p2", "p3"], "each project once");
    assert!(e.to_string().contains("repeats the previous page: the server did not advance"), "{e}");
    assert_eq!(server.requests().len(), 2);
    assert!(all.next().await.is_none());
}

#[tokio::test]
async fn a_total_the_server_never_reaches_does_not_repeat_the_same_items() {
    let same = r#"{"users": [{"name": "a"}, {"name": "b"}], "total_record": 50}"#;
    let server = Server::start(vec![Reply::json(200, same)]).await;
    let mut all = DdmClient::new(&config(&server)).list_users_all(&ListUsersRequest::new("inst-1").limit(2));
    let (mut names, mut error) = (Vec::new(), None);
    while let Some(item) = all.next().await {
        match item {
            Ok(u) => names.push(u.name.unwrap_or_default()),
            Err(e) => error = Some(e),
        }
    }
    assert_eq!(names, ["a", "b"], "not 50 items from 25 identical pages");
    let e = error.expect("an error says why the listing is short");
    assert!(e.to_string().contains("the page at `offset` 2 repeats the previous page"), "{e}");
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn the_page_cap_is_configurable_and_reported() {
    let pages: Vec<Reply> = (0..10)
        .map(|i| Reply::json(200, &format!(r#"{{"users": [{{"name": "u{i}"}}], "total_record": 10}}"#)))
        .collect();
    let server = Server::start(pages).await;
    let mut all =
        DdmClient::new(&config(&server)).list_users_all(&ListUsersRequest::new("inst-1").limit(1)).max_pages(4);
    let mut n = 0;
    let e = loop {
        match all.next().await.expect("an item or the cap's error") {
            Ok(_) => n += 1,
            Err(e) => break e,
        }
    };
    assert_eq!((n, server.requests().len()), (4, 4));
    assert!(e.to_string().contains("the page cap of 4 pages"), "{e}");
}

/// The body of one arbitrary page: items that may or may not be objects, the items field in any
/// shape or absent, any total.
fn arbitrary_page() -> impl Strategy<Value = String> {
    let item = prop_oneof![
        "[a-c]{0,2}".prop_map(|n| format!(r#"{{"name": "{n}"}}"#)),
        Just("5".to_owned()),
        Just("null".to_owned()),
    ];
    let items = prop_oneof![
        proptest::collection::vec(item, 0..4).prop_map(|v| format!("[{}]", v.join(","))),
        Just(r#"{"name": "x"}"#.to_owned()),
        Just("\"users\"".to_owned()),
    ];
    (proptest::option::of(items), proptest::option::of(-1i64..40)).prop_map(|(items, total)| {
        let mut fields = Vec::new();
        if let Some(i) = items {
            fields.push(format!(r#""users": {i}"#));
        }
        if let Some(t) = total {
            fields.push(format!(r#""total_record": {t}"#));
        }
        format!("{{{}}}", fields.join(","))
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    /// Whatever the server sends, the stream ends within the page cap and every page it fetched
    /// was asked for once.
    #[test]
    fn no_paginator_loops_whatever_the_server_answers(pages in proptest::collection::vec(arbitrary_page(), 1..6)) {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        rt.block_on(async {
            let server = Server::start(pages.iter().map(|p| Reply::json(200, p)).collect()).await;
            let mut all = DdmClient::new(&config(&server)).list_users_all(&ListUsersRequest::new("i").limit(2)).max_pages(8);
            let mut polls = 0;
            while all.next().await.is_some() {
                polls += 1;
                prop_assert!(polls <= 8 * 4 + 1, "more items than 8 pages hold");
            }
            prop_assert!(server.requests().len() <= 8, "{} requests", server.requests().len());
            Ok(())
        })?;
    }
}

// 2. A successful call reported as a failure because its body is not the documented JSON.

#[tokio::test]
async fn a_success_whose_body_is_not_a_json_object_is_a_success_with_the_raw_body() {
    for reply in [
        Reply::new(200).header("Content-Type", "text/plain").body("user ddmtest deleted"),
        Reply::json(200, "null"),
        Reply::json(200, r#""ok""#),
    ] {
        let server = Server::start(vec![reply.clone().header("X-Request-Id", "rid-del")]).await;
        let done = DdmClient::new(&config(&server))
            .delete_user(&DeleteUserRequest::new("inst-1", "ddmtest"))
            .await
            .unwrap_or_else(|e| panic!("{reply:?}: {e}"));
        assert_eq!(done.name, None);
        assert_eq!((done.meta().status(), done.meta().request_id()), (200, Some("rid-del")));
        assert!(!done.meta().body().is_empty());
        assert!(done.meta().headers().contains_key("content-type"));
    }
    let server = Server::start(vec![Reply::json(200, "null")]).await;
    let created = DdmClient::new(&config(&server)).create_users(&create_request()).await.expect("created");
    assert_eq!((created.users.as_ref(), created.meta().body()), (None, &b"null"[..]));
    assert_eq!(server.requests().len(), 1, "a success is not retried");
}

// 3. Failover and throttling for POST, and every row of the retry table.

#[tokio::test]
async fn a_refused_connection_moves_a_post_to_the_next_endpoint() {
    let b = Server::start(vec![Reply::json(200, r#"{"users": [{"name": "ddmtest"}]}"#)]).await;
    let config = builder().endpoints("ddm", [refusing(), b.url()]).build().expect("config");
    let created = DdmClient::new(&config).create_users(&create_request()).await.expect("created at B");
    assert_eq!(created.meta().attempts(), 2);
    assert_eq!(b.requests().len(), 1);
    assert_eq!(b.requests()[0].method, "POST");
}

#[tokio::test]
async fn gateway_throttling_is_retried_for_post_after_retry_after() {
    let server =
        Server::start(vec![Reply::json(429, THROTTLED).header("Retry-After", "1"), Reply::json(200, "{}")]).await;
    let started = Instant::now();
    let created = DdmClient::new(&config(&server)).create_users(&create_request()).await.expect("retried");
    assert!(started.elapsed() >= Duration::from_millis(900), "waited for Retry-After: {:?}", started.elapsed());
    assert_eq!((created.meta().attempts(), server.requests().len()), (2, 2));
}

#[tokio::test]
async fn the_error_after_the_last_attempt_carries_status_code_retry_after_and_attempts() {
    let server = Server::start(vec![Reply::json(429, THROTTLED).header("Retry-After", "0")]).await;
    let e = DdmClient::new(&config(&server)).create_users(&create_request()).await.expect_err("throttled");
    let Error::Service { error, attempts, .. } = &e else { panic!("{e:?}") };
    assert_eq!(
        (error.status, error.code.as_deref(), error.retry_after),
        (429, Some("APIGW.0308"), Some(Duration::ZERO))
    );
    assert_eq!((*attempts, server.requests().len()), (3, 3));
    assert!(e.to_string().contains("after 3 attempts"), "{e}");
}

/// Each row of the retry table: the reply, the method, and how many requests the server sees.
#[tokio::test]
async fn every_row_of_the_retry_table() {
    let service_429 = || Reply::json(429, r#"{"errCode": "DBS.000429", "externalMessage": "busy"}"#);
    let rows: Vec<(&str, Reply, bool, usize)> = vec![
        ("gateway 429, POST", Reply::json(429, THROTTLED), true, 3),
        ("gateway 429, GET", Reply::json(429, THROTTLED), false, 3),
        ("service 429, POST", service_429(), true, 1),
        ("service 429, GET", service_429(), false, 3),
        ("503, POST", Reply::json(503, "{}"), true, 1),
        ("503, GET", Reply::json(503, "{}"), false, 3),
        ("502, GET", Reply::json(502, "{}"), false, 3),
        ("504, GET", Reply::json(504, "{}"), false, 3),
        ("dropped connection, POST", Reply::drop_connection(), true, 1),
        ("dropped connection, GET", Reply::drop_connection(), false, 3),
        ("body cut short, POST", Reply::truncated(200, 100, "{\"users\""), true, 1),
        ("body cut short, GET", Reply::truncated(200, 100, "{\"users\""), false, 3),
        ("500, GET", Reply::json(500, "{}"), false, 1),
        ("400, GET", Reply::json(400, "{}"), false, 1),
    ];
    for (row, reply, post, want) in rows {
        let server = Server::start(vec![reply]).await;
        let client = DdmClient::new(&config(&server));
        let failed = if post {
            client.create_users(&create_request()).await.is_err()
        } else {
            client.list_users(&ListUsersRequest::new("i")).await.is_err()
        };
        assert!(failed, "{row}");
        assert_eq!(server.requests().len(), want, "{row}");
    }
    // A refused connection: every method, next endpoint (above for POST); with one endpoint,
    // every attempt goes to it.
    let config = builder().endpoint("ddm", refusing()).build().expect("config");
    let e = DdmClient::new(&config).create_users(&create_request()).await.expect_err("refused");
    assert!(matches!(e, Error::Transport { attempts: 3, .. }), "{e:?}");
    // A read timeout: never.
    let server = Server::start(vec![Reply::json(200, "{}").delay(Duration::from_millis(800))]).await;
    let config =
        builder().endpoint("ddm", server.url()).read_timeout(Duration::from_millis(200)).build().expect("config");
    let e = DdmClient::new(&config).list_users(&ListUsersRequest::new("i")).await.expect_err("timeout");
    assert!(matches!(e, Error::Timeout { attempts: 1, .. }), "{e:?}");
    assert_eq!(server.requests().len(), 1);
    // With `retry_non_idempotent`, a POST is retried like a GET.
    let server = Server::start(vec![Reply::json(503, "{}")]).await;
    let policy = RetryPolicy {
        initial_backoff: Duration::from_millis(10),
        retry_non_idempotent: true,
        ..RetryPolicy::default()
    };
    let config = builder().endpoint("ddm", server.url()).retry_policy(policy).build().expect("config");
    DdmClient::new(&config).create_users(&create_request()).await.expect_err("503");
    assert_eq!(server.requests().len(), 3);
}

// 4. HTTP 200 that reports a failure in its body.

#[tokio::test]
async fn a_200_whose_body_reports_a_failure_is_a_service_error() {
    let body = r#"{"error_code": "DWS.0047", "error_msg": "The O&M account does not exist.", "om_user_info": null}"#;
    let server = Server::start(vec![Reply::json(200, body).header("X-Request-Id", "rid-dws")]).await;
    let request =
        ExecuteDatabaseOmUserActionRequest::new("cluster-1", DatabaseOmUserActionReq::new(OmOperation::AddOmUser));
    let e = DwsClient::new(&config(&server)).execute_database_om_user_action(&request).await.expect_err("failure");
    let service = e.service_error().expect("Error::Service");
    assert_eq!(
        (service.status, service.code.as_deref(), service.message.as_str(), service.request_id.as_deref()),
        (200, Some("DWS.0047"), "The O&M account does not exist.", Some("rid-dws"))
    );
    assert!(e.documented().is_none());
    assert_eq!(server.requests().len(), 1, "not retried");

    for ok in [r#"{"error_code": 0, "error_msg": null}"#, r#"{"error_code": "0"}"#, r#"{"om_user_info": null}"#] {
        let server = Server::start(vec![Reply::json(200, ok)]).await;
        DwsClient::new(&config(&server)).execute_database_om_user_action(&request).await.expect(ok);
    }
}

// 6. One error type for code that calls several operations.

/// Each operation's error is typed by its documented bodies (`Error<ListUsersError>`); a function
/// that calls several operations returns the plain `Error` through `Error::untyped`, and the
/// service's answer (status, code, message, request ID, raw body) is still all there.
#[tokio::test]
async fn errors_of_several_operations_become_one_type_without_losing_the_answer() {
    let refused = r#"{"errCode": "DBS.280001", "externalMessage": "Parameter error."}"#;
    let server = Server::start(vec![
        Reply::json(200, r#"{"users": []}"#),
        Reply::json(400, refused).header("X-Request-Id", "rid-9"),
    ])
    .await;
    let config = config(&server);
    async fn both(config: &Config) -> Result<usize, Error> {
        let ddm = DdmClient::new(config);
        let users = ddm.list_users(&ListUsersRequest::new("inst-1")).await.map_err(Error::untyped)?;
        ddm.delete_user(&DeleteUserRequest::new("inst-1", "ddmtest")).await.map_err(Error::untyped)?;
        Ok(users.users().len())
    }
    let e = both(&config).await.expect_err("the second call is refused");
    let service = e.service_error().expect("the service's answer");
    assert_eq!((e.status(), e.request_id()), (Some(400), Some("rid-9")));
    assert_eq!(service.code.as_deref(), Some("DBS.280001"));
    assert_eq!(service.body.text(), refused);
}
