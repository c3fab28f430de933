//! Injected faults the other wire tests do not cover, against the byte-level scripted server: a
//! body far larger than any documented response (capped, configurable), redirects (not followed,
//! never to another host), 429 with `Retry-After`, bodies that are not UTF-8 or not JSON, in
//! success and in error responses, compressed bodies, a `Content-Length` short of the body, a
//! number out of range, and a 10 MB error page. Each gives the data, or an error the caller can act
//! on, never an empty success that hides what arrived, and never a panic.

use std::time::{Duration, Instant};

use std::io::Write as _;

use huaweicloud_sdk::ddm::v1::{
    DdmClient,
    list_users::{ListUsersError, ListUsersRequest},
};
use huaweicloud_sdk::runtime::{Config, Credentials, Error, RetryPolicy};
use huaweicloud_sdk_tests::server::{Reply, Server};

fn config(server: &Server, max_body: Option<usize>) -> Config {
    let mut b = Config::builder()
        .credentials(Credentials::ak_sk("AKFAULTS", "SKFAULTS").with_project_id("p"))
        .region("cn-north-4")
        .endpoint("ddm", server.url())
        .read_timeout(Duration::from_secs(5))
        .retry_policy(RetryPolicy { initial_backoff: Duration::from_millis(10), ..RetryPolicy::default() });
    if let Some(n) = max_body {
        b = b.max_response_bytes(n);
    }
    b.build().expect("config")
}

async fn list(server: &Server, max_body: Option<usize>) -> Result<(), Error<ListUsersError>> {
    DdmClient::new(&config(server, max_body)).list_users(&ListUsersRequest::new("i")).await.map(drop)
}

#[tokio::test]
async fn a_body_larger_than_the_cap_is_an_error_not_a_buffer() {
    let huge = format!(r#"{{"users":[{}]}}"#, vec![r#"{"name":"x"}"#; 100_000].join(","));
    let server = Server::start(vec![Reply::json(200, &huge)]).await;
    let e = list(&server, Some(64 * 1024)).await.expect_err("over the cap");
    assert!(matches!(e, Error::Decode { .. }), "{e:?}");
    assert!(e.to_string().contains("exceeds the limit of 65536 bytes"), "{e}");
    // The default cap (32 MiB) lets the same body through.
    list(&server, None).await.expect("under the default cap");
    // An error answer over the cap is its status: a 503 is retried, then the service error.
    let server = Server::start(vec![Reply::json(503, &huge)]).await;
    let e = list(&server, Some(64 * 1024)).await.expect_err("503");
    assert!(matches!(e, Error::Service { .. }) && e.status() == Some(503), "{e:?}");
    assert_eq!(server.requests().len(), 3, "retried as any 503");
}

#[tokio::test]
async fn redirects_are_not_followed_and_credentials_never_go_to_another_host() {
    let elsewhere = Server::start(vec![Reply::json(200, "{}")]).await;
    let target = format!("{}/v1/p/instances/i/users", elsewhere.url());
    let server = Server::start(vec![Reply::new(302).header("Location", target.as_str())]).await;
    let e = list(&server, None).await.expect_err("a redirect is an error");
    assert_eq!(e.status(), Some(302));
    assert!(e.to_string().contains(&format!("redirect to {target} not followed")), "{e}");
    assert_eq!(server.requests().len(), 1);
    assert!(elsewhere.requests().is_empty(), "nothing, and no Authorization, went to the other host");
}

#[tokio::test]
async fn a_429_with_retry_after_is_waited_for_then_retried() {
    let server = Server::start(vec![
        Reply::json(429, r#"{"errCode":"DBS.000429","externalMessage":"Too many requests."}"#)
            .header("Retry-After", "1"),
        Reply::json(200, "{}"),
    ])
    .await;
    let started = Instant::now();
    list(&server, None).await.expect("retried after a second");
    assert!(started.elapsed() >= Duration::from_millis(900), "{:?}", started.elapsed());
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn bodies_that_are_not_utf8_or_not_json_give_the_data_or_errors_with_the_status() {
    let not_utf8: &[u8] = b"{\"users\":[{\"name\":\"\xff\xfe\"}]}";
    for (reply, want) in [
        (Reply::new(200).body(not_utf8), "Ok 1"),
        (Reply::json(200, "{\"users\": [ {\"name\": "), "Decode 200"),
        (Reply::json(200, "<html>ok</html>"), "Ok 0"),
        (Reply::new(400).body(&b"\xff\xfe\xfd"[..]), "Service 400"),
        (Reply::json(400, "{\"errCode\": "), "Service 400"),
        (Reply::new(500).body(&b"\x00\x01\x02"[..]), "Service 500"),
    ] {
        let server = Server::start(vec![reply.clone()]).await;
        let client = DdmClient::new(&config(&server, None));
        let got = match client.list_users(&ListUsersRequest::new("i")).await {
            // A 2xx is a success with what could be read, the bytes kept as received.
            Ok(page) => {
                assert_eq!(page.meta().status(), 200);
                assert!(!page.meta().body().is_empty(), "the raw body is kept");
                format!("Ok {}", page.users.map_or(0, |u| u.len()))
            }
            Err(e @ Error::Service { .. }) => {
                assert!(e.documented().is_none(), "an unreadable body is not the documented one: {e:?}");
                // The message is printable whatever the bytes were.
                assert!(!e.to_string().is_empty());
                format!("Service {}", e.status().unwrap_or_default())
            }
            Err(e @ Error::Decode { .. }) => format!("Decode {}", e.status().unwrap_or_default()),
            Err(other) => format!("{other:?}"),
        };
        assert_eq!(got, want, "{reply:?}");
    }
}

/// The documented ListUsers page, with its users named `ann` and `bob`, as JSON text.
fn two_users(total: &str) -> String {
    format!(
        r#"{{"users": [{{"name": "ann", "status": "RUNNING"}}, {{"name": "bob", "status": "RUNNING"}}], "total_record": {total}}}"#
    )
}

#[tokio::test]
async fn compressed_bodies_are_asked_for_and_decoded() {
    let plain = two_users("2");
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gzip.write_all(plain.as_bytes()).expect("gzip");
    let mut deflate = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    deflate.write_all(plain.as_bytes()).expect("deflate");
    for (encoding, body) in [("gzip", gzip.finish().expect("gzip")), ("deflate", deflate.finish().expect("deflate"))] {
        let reply = Reply::json(200, "").header("Content-Encoding", encoding).body(body);
        let server = Server::start(vec![reply]).await;
        let page =
            DdmClient::new(&config(&server, None)).list_users(&ListUsersRequest::new("i")).await.expect(encoding);
        let names: Vec<_> = page.users.iter().flatten().filter_map(|u| u.name.as_deref()).collect();
        assert_eq!((names, page.total_record), (vec!["ann", "bob"], Some(2)), "{encoding}");
        assert_eq!(page.meta().body(), plain.as_bytes(), "meta().body() is the decoded body");
        let sent = server.requests();
        assert_eq!(sent[0].header("accept-encoding"), Some("gzip,deflate"), "{encoding}");
    }
}

#[tokio::test]
async fn a_body_in_an_encoding_it_cannot_read_is_an_error_naming_it() {
    let server =
        Server::start(vec![Reply::json(200, "").header("Content-Encoding", "br").body(&b"\x1b\x00\x01"[..])]).await;
    let e = list(&server, None).await.expect_err("br is not decoded");
    assert!(matches!(e, Error::Decode { status: 200, .. }), "{e:?}");
    assert!(e.to_string().contains("the body is encoded as `br`, which this SDK does not decode"), "{e}");
    // A gzip body that does not decompress.
    let server =
        Server::start(vec![Reply::json(200, "").header("Content-Encoding", "gzip").body(&b"not gzip at all"[..])])
            .await;
    let e = list(&server, None).await.expect_err("corrupt gzip");
    assert!(matches!(e, Error::Decode { status: 200, .. }), "{e:?}");
    assert!(e.to_string().contains("cannot be decompressed"), "{e}");
    assert_eq!(server.requests().len(), 1, "a 2xx that was applied is not repeated");
    // An error answer whose gzip body does not decompress is its status, retried when a 503.
    let server =
        Server::start(vec![Reply::json(503, "").header("Content-Encoding", "gzip").body(&b"not gzip at all"[..])])
            .await;
    let e = list(&server, None).await.expect_err("503");
    assert!(matches!(e, Error::Service { .. }) && e.status() == Some(503), "{e:?}");
    assert_eq!(server.requests().len(), 3, "retried as any 503");
}

#[tokio::test]
async fn a_content_length_short_of_the_body_is_an_error_that_says_the_request_was_applied() {
    let body = two_users("2");
    let short = (body.len() - 20).to_string();
    let server = Server::start(vec![
        Reply::json(200, &body).header("Content-Length", short.as_str()).header("X-Request-Id", "rid-short"),
    ])
    .await;
    let e = list(&server, None).await.expect_err("the JSON is cut short");
    let Error::Decode { status, request_id, message, body: raw, .. } = &e else { panic!("{e:?}") };
    assert_eq!((*status, request_id.as_deref()), (200, Some("rid-short")));
    assert_eq!(raw.as_bytes(), &body.as_bytes()[..body.len() - 20], "the bytes that arrived");
    assert!(message.contains("cut short or corrupt"), "{message}");
    assert!(message.contains("the server answered HTTP 200, so the request was applied: do not repeat it blindly"));
}

#[test]
fn the_warning_of_a_repaired_field_names_the_field() {
    // A second dispatcher alive keeps tracing off its one-dispatcher shortcut, where a test on
    // another thread (no subscriber) hitting the same `warn!` first would cache "never" for it.
    let _second = tracing::Dispatch::new(tracing::subscriber::NoSubscriber::default());
    let captured = huaweicloud_sdk_tests::Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt().with_ansi(false).with_writer(move || writer.clone()).finish();
    tracing::subscriber::with_default(subscriber, || {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        rt.block_on(async {
            let body = two_users("1e400").into_bytes();
            let server = Server::start(vec![Reply::json(200, "").body(body)]).await;
            list(&server, None).await.expect("read");
        });
    });
    let log = captured.text();
    assert!(log.contains("WARN") && log.contains("field=\"total_record\""), "{log}");
    assert!(log.contains("the number 1e400 is out of range"), "{log}");
}

#[tokio::test]
async fn one_bad_byte_or_an_out_of_range_number_costs_one_field_not_the_document() {
    let bad_byte = two_users("2").replacen("bob", "b\u{0}b", 1).replace('\u{0}', "\u{1}");
    let mut bytes = bad_byte.into_bytes();
    let at = bytes.iter().position(|b| *b == 1).expect("marker");
    bytes[at] = 0xff;
    let server = Server::start(vec![Reply::json(200, "").body(bytes)]).await;
    let page = DdmClient::new(&config(&server, None)).list_users(&ListUsersRequest::new("i")).await.expect("read");
    let names: Vec<_> = page.users.iter().flatten().filter_map(|u| u.name.clone()).collect();
    assert_eq!(names, ["ann", "b\u{fffd}b"], "the bad byte is replaced, the rest kept");
    assert_eq!(page.total_record, Some(2));

    let server = Server::start(vec![Reply::json(200, &two_users("1e400").replacen("\"ann\"", "1e400", 1))]).await;
    let page = DdmClient::new(&config(&server, None)).list_users(&ListUsersRequest::new("i")).await.expect("read");
    assert_eq!(page.total_record, None, "out of range for a number: that field alone is None");
    let names: Vec<_> = page.users.iter().flatten().filter_map(|u| u.name.clone()).collect();
    assert_eq!(names, ["1e400", "bob"], "a String field keeps the text");
}

#[tokio::test]
async fn a_paginator_that_meets_a_cut_page_ends_with_that_error() {
    let first = r#"{"users": [{"name": "ann"}], "total_record": 3}"#;
    let server = Server::start(vec![Reply::json(200, first), Reply::json(200, r#"{"users": [{"name": "bo"#)]).await;
    let client = DdmClient::new(&config(&server, None));
    let mut users = client.list_users_all(&ListUsersRequest::new("i").limit(1));
    assert_eq!(users.next().await.expect("one").expect("ann").name.as_deref(), Some("ann"));
    let e = users.next().await.expect("an error, not the end").expect_err("cut page");
    assert!(matches!(e, Error::Decode { status: 200, .. }), "{e:?}");
    assert!(users.next().await.is_none(), "the listing ends there");
}

#[tokio::test]
async fn a_huge_error_body_is_kept_whole_and_printed_bounded() {
    let page = format!("<html><body>{}</body></html>", "Internal error. ".repeat(640 * 1024));
    let server = Server::start(vec![Reply::new(500).header("Content-Type", "text/html").body(page.as_str())]).await;
    let e = list(&server, None).await.expect_err("500");
    let error = e.service_error().expect("a service error");
    assert_eq!(error.body.as_bytes(), page.as_bytes(), "the whole body is kept");
    let (debug, display) = (format!("{e:?}"), e.to_string());
    assert!(debug.len() < 4096, "Debug of a 10 MB body is {} bytes", debug.len());
    assert!(debug.contains(&format!("{} bytes in all", page.len())), "{debug}");
    assert!(display.len() < 1024, "{display}");
}

#[tokio::test]
async fn a_body_that_starts_with_a_byte_order_mark_is_read() {
    let mut body = b"\xEF\xBB\xBF".to_vec();
    body.extend_from_slice(two_users("2").as_bytes());
    let server = Server::start(vec![Reply::json(200, "").body(body)]).await;
    let users = DdmClient::new(&config(&server, None)).list_users(&ListUsersRequest::new("i")).await.expect("read");
    assert_eq!(users.users.as_ref().map(Vec::len), Some(2), "{users:?}");
    assert_eq!(users.total_record, Some(2));
}
