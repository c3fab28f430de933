//! Injected faults the other wire tests do not cover, against the byte-level scripted server: a
//! body far larger than any documented response (capped, configurable), redirects (not followed,
//! never to another host), 429 with `Retry-After`, and bodies that are not UTF-8 or not JSON, in
//! success and in error responses. Each gives a success with the raw body or an error the caller
//! can act on, never a panic.

use std::time::{Duration, Instant};

use huaweicloud_sdk::ddm::v1::{DdmClient, ListUsersError, ListUsersRequest};
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
async fn bodies_that_are_not_utf8_or_not_json_give_successes_or_errors_with_the_status() {
    let not_utf8: &[u8] = b"{\"users\":[{\"name\":\"\xff\xfe\"}]}";
    for (reply, want) in [
        (Reply::new(200).body(not_utf8), "Ok"),
        (Reply::json(200, "{\"users\": [ {\"name\": "), "Ok"),
        (Reply::json(200, "<html>ok</html>"), "Ok"),
        (Reply::new(400).body(&b"\xff\xfe\xfd"[..]), "Service 400"),
        (Reply::json(400, "{\"errCode\": "), "Service 400"),
        (Reply::new(500).body(&b"\x00\x01\x02"[..]), "Service 500"),
    ] {
        let server = Server::start(vec![reply.clone()]).await;
        let client = DdmClient::new(&config(&server, None));
        let got = match client.list_users(&ListUsersRequest::new("i")).await {
            // A 2xx is a success: nothing decoded, the bytes kept as received.
            Ok(page) => {
                assert_eq!(page.users, None);
                assert_eq!(page.meta().status(), 200);
                assert!(!page.meta().body().is_empty(), "the raw body is kept");
                "Ok".to_owned()
            }
            Err(e @ Error::Service { .. }) => {
                assert!(e.documented().is_none(), "an unreadable body is not the documented one: {e:?}");
                // The message is printable whatever the bytes were.
                assert!(!e.to_string().is_empty());
                format!("Service {}", e.status().unwrap_or_default())
            }
            Err(other) => format!("{other:?}"),
        };
        assert_eq!(got, want, "{reply:?}");
    }
}
