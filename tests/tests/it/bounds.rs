//! Every call is bounded and a single call can change its bounds: a server that trickles its body
//! is cut off by the attempt timeout, a retry storm by the operation timeout, each `Timeout` says
//! which bound fired and its value; `with_options` changes retries, timeouts and headers for one
//! client's calls without a new pool; connections to one host are capped, calls waiting for one.

use std::sync::Arc;
use std::time::{Duration, Instant};

use huaweicloud_sdk::ddm::v1::{DdmClient, list_users::ListUsersRequest};
use huaweicloud_sdk::runtime::{
    CallOptions, Config, ConfigBuilder, ConfigError, Credentials, Error, RetryPolicy, TimeoutKind,
};
use huaweicloud_sdk_tests::server::{Reply, Server};
use huaweicloud_sdk_tests::wire::verify_signature;

const SK: &str = "SKBOUNDS";

fn builder(server: &Server) -> ConfigBuilder {
    Config::builder()
        .credentials(Credentials::ak_sk("AKBOUNDS", SK).with_project_id("p"))
        .region("cn-north-4")
        .endpoint("ddm", server.url())
        .retry_policy(RetryPolicy { initial_backoff: Duration::from_millis(10), ..RetryPolicy::default() })
}

#[tokio::test]
async fn a_trickling_body_is_cut_off_by_the_attempt_timeout() {
    // One byte every 200 ms: the read timeout (1 s) never fires, the body would take 10 s.
    let body = format!("{{\"users\": [], \"pad\": \"{}\"}}", "x".repeat(30));
    let server = Server::start(vec![
        Reply::json(200, &body).header("X-Request-Id", "req-trickle").trickle(Duration::from_millis(200)),
    ])
    .await;
    let config = builder(&server)
        .read_timeout(Duration::from_secs(1))
        .attempt_timeout(Duration::from_millis(1500))
        .build()
        .expect("config");
    let started = Instant::now();
    let e = DdmClient::new(&config).list_users(&ListUsersRequest::new("i")).await.expect_err("cut off");
    assert!(started.elapsed() < Duration::from_secs(4), "{:?}", started.elapsed());
    let Error::Timeout { kind, after, attempts, status, .. } = &e else { panic!("{e:?}") };
    assert_eq!((*kind, *after, *attempts), (TimeoutKind::Attempt, Duration::from_millis(1500), 1));
    assert!(e.to_string().contains("the attempt timeout (1.5 s) expired calling http://127.0.0.1:"), "{e}");
    // The 200 had arrived: the service applied the request, and the error says so.
    assert_eq!((*status, e.status(), e.request_id()), (Some(200), Some(200), Some("req-trickle")));
    assert!(e.to_string().contains("while reading the body of the HTTP 200 response: the request was applied"), "{e}");
    assert!(e.to_string().contains("(request ID req-trickle)"), "{e}");
    assert_eq!(server.requests().len(), 1, "not retried: the service may be applying it");
}

#[tokio::test]
async fn a_body_that_stalls_is_cut_off_by_the_read_timeout() {
    // The head arrives at once, then one byte every 900 ms: the read timeout (300 ms) fires on
    // the body's first wait, long before the attempt timeout (5 s).
    let body = format!("{{\"users\": [], \"pad\": \"{}\"}}", "x".repeat(30));
    let server = Server::start(vec![
        Reply::json(200, &body).header("X-Request-Id", "req-stall").trickle(Duration::from_millis(900)),
    ])
    .await;
    let config = builder(&server)
        .read_timeout(Duration::from_millis(300))
        .attempt_timeout(Duration::from_secs(5))
        .build()
        .expect("config");
    let started = Instant::now();
    let e = DdmClient::new(&config).list_users(&ListUsersRequest::new("i")).await.expect_err("cut off");
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
    let Error::Timeout { kind, after, attempts, status, .. } = &e else { panic!("{e:?}") };
    assert_eq!((*kind, *after, *attempts), (TimeoutKind::Read, Duration::from_millis(300), 1));
    assert_eq!((*status, e.request_id()), (Some(200), Some("req-stall")));
    assert!(e.to_string().contains("the read timeout (300 ms) expired calling http://127.0.0.1:"), "{e}");
    assert_eq!(server.requests().len(), 1, "not retried: the service may be applying it");
}

#[tokio::test]
async fn the_operation_timeout_cuts_off_a_body_and_a_wait_for_a_connection() {
    // During an attempt: the head arrives, then a byte every 200 ms; the read (1 s) and attempt
    // (5 s) timeouts are further off than the operation's (700 ms).
    let body = format!("{{\"users\": [], \"pad\": \"{}\"}}", "x".repeat(30));
    let server = Server::start(vec![
        Reply::json(200, &body).header("X-Request-Id", "req-op").trickle(Duration::from_millis(200)),
    ])
    .await;
    let config = builder(&server)
        .read_timeout(Duration::from_secs(1))
        .attempt_timeout(Duration::from_secs(5))
        .operation_timeout(Duration::from_millis(700))
        .build()
        .expect("config");
    let started = Instant::now();
    let request = ListUsersRequest::new("i").limit(10);
    let e = DdmClient::new(&config).list_users(&request).await.expect_err("cut off");
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
    let Error::Timeout { kind, after, attempts, status, url, .. } = &e else { panic!("{e:?}") };
    assert_eq!((*kind, *after, *attempts), (TimeoutKind::Operation, Duration::from_millis(700), 1));
    assert_eq!((*status, e.request_id()), (Some(200), Some("req-op")));
    assert!(url.ends_with("/v1/p/instances/i/users"), "the path, not the query: {url}");

    // Outside an attempt: the host's only connection is taken by a slow call, and the next call
    // waits for it until its operation timeout, without sending anything.
    let slow = Server::start(vec![Reply::json(200, r#"{"users": []}"#).delay(Duration::from_secs(2))]).await;
    let config = builder(&slow).max_connections_per_host(1).build().expect("config");
    let ddm = Arc::new(DdmClient::new(&config));
    let first = {
        let ddm = Arc::clone(&ddm);
        tokio::spawn(async move { ddm.list_users(&ListUsersRequest::new("first")).await.map(drop) })
    };
    // The first call holds the connection once the server has its request.
    for _ in 0..200 {
        if !slow.requests().is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert_eq!(slow.requests().len(), 1, "the first call was sent");
    let hurried = ddm.with_options(CallOptions::new().operation_timeout(Duration::from_millis(300)));
    let started = Instant::now();
    let e = hurried.list_users(&ListUsersRequest::new("second")).await.expect_err("no connection in time");
    assert!(started.elapsed() < Duration::from_millis(1500), "{:?}", started.elapsed());
    let Error::Timeout { kind, after, status, .. } = &e else { panic!("{e:?}") };
    assert_eq!((*kind, *after, *status), (TimeoutKind::Operation, Duration::from_millis(300), None));
    assert_eq!(slow.requests().len(), 1, "the second call sent nothing");
    first.await.expect("no panic").expect("the first call ends");
}

#[tokio::test]
async fn the_default_attempt_and_operation_timeouts_are_at_most_two_minutes() {
    let config = Config::builder().credentials(Credentials::ak_sk("AK", "SK")).build().expect("config");
    assert!(config.attempt_timeout() <= Duration::from_secs(120), "{:?}", config.attempt_timeout());
    assert!(config.operation_timeout() <= Duration::from_secs(120), "{:?}", config.operation_timeout());
}

#[tokio::test]
async fn the_operation_timeout_bounds_every_attempt_and_wait() {
    // Each attempt is a 503 after 300 ms; ten attempts would take over 3 s.
    let server = Server::start(vec![Reply::json(503, "{}").delay(Duration::from_millis(300))]).await;
    let policy = RetryPolicy { max_attempts: 10, initial_backoff: Duration::from_millis(10), ..RetryPolicy::default() };
    let config =
        builder(&server).retry_policy(policy).operation_timeout(Duration::from_secs(1)).build().expect("config");
    let started = Instant::now();
    let e = DdmClient::new(&config).list_users(&ListUsersRequest::new("i")).await.expect_err("bounded");
    assert!(started.elapsed() < Duration::from_millis(1800), "{:?}", started.elapsed());
    let Error::Timeout { kind, after, attempts, url, status, .. } = &e else { panic!("{e:?}") };
    assert_eq!((*kind, *after), (TimeoutKind::Operation, Duration::from_secs(1)));
    assert_eq!(*status, None, "the last attempt had no answer yet");
    assert!((2..=4).contains(attempts), "{attempts} attempts");
    assert!(url.ends_with("/v1/p/instances/i/users"), "{url}");
    assert!(e.to_string().contains("the operation timeout (1 s) expired"), "{e}");

    // A Retry-After that would outlast the operation timeout is not waited for: the 503 in hand
    // is the answer.
    let server = Server::start(vec![Reply::json(503, "{}").header("Retry-After", "5")]).await;
    let config = builder(&server).operation_timeout(Duration::from_secs(2)).build().expect("config");
    let started = Instant::now();
    let e = DdmClient::new(&config).list_users(&ListUsersRequest::new("i")).await.expect_err("503");
    assert_eq!((e.status(), server.requests().len()), (Some(503), 1));
    assert!(started.elapsed() < Duration::from_secs(1), "{:?}", started.elapsed());
}

#[tokio::test]
async fn the_read_timeout_says_which_it_is() {
    let server = Server::start(vec![Reply::json(200, "{}").delay(Duration::from_secs(2))]).await;
    let config = builder(&server).read_timeout(Duration::from_millis(200)).build().expect("config");
    let e = DdmClient::new(&config).list_users(&ListUsersRequest::new("i")).await.expect_err("read");
    assert!(matches!(e, Error::Timeout { kind: TimeoutKind::Read, status: None, .. }), "{e:?}");
    assert!(e.to_string().contains("the read timeout (200 ms) expired"), "{e}");
}

/// Linux drops a connection attempt to a listener whose accept queue is full (BSD and macOS
/// refuse it), which is how a host that does not answer looks.
#[cfg(target_os = "linux")]
#[tokio::test]
async fn the_connect_timeout_says_which_it_is() {
    // A listener that never accepts, its queue full: the kernel drops further connection
    // attempts, so connecting hangs until the connect timeout. Nothing was sent, so the attempt
    // is retried (on the same, only endpoint) and the last error names the connect timeout.
    let full = full_listener().await;
    let policy = RetryPolicy { max_attempts: 2, initial_backoff: Duration::from_millis(10), ..RetryPolicy::default() };
    let config = Config::builder()
        .credentials(Credentials::ak_sk("AKBOUNDS", SK).with_project_id("p"))
        .region("cn-north-4")
        .endpoint("ddm", format!("http://{}", full.address))
        .ignore_environment_proxy()
        .retry_policy(policy)
        .connect_timeout(Duration::from_millis(200))
        .read_timeout(Duration::from_secs(5))
        .build()
        .expect("config");
    let started = Instant::now();
    let e = DdmClient::new(&config).list_users(&ListUsersRequest::new("i")).await.expect_err("connect");
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
    let Error::Timeout { kind, after, attempts, status, url, .. } = &e else { panic!("{e:?}") };
    assert_eq!((*kind, *after, *attempts, *status), (TimeoutKind::Connect, Duration::from_millis(200), 2, None));
    assert!(url.starts_with(&format!("http://{}/v1/p/instances/i/users", full.address)), "{url}");
    assert!(e.to_string().contains("the connect timeout (200 ms) expired"), "{e}");
}

/// A listening socket whose accept queue is full, and the connections that fill it (held).
#[cfg(target_os = "linux")]
struct FullListener {
    address: std::net::SocketAddr,
    _socket: tokio::net::TcpListener,
    _queued: Vec<std::net::TcpStream>,
}

/// Listens with the smallest queue and connects until a connection attempt times out: from then
/// on Linux drops new connection attempts (SYNs) instead of refusing them.
#[cfg(target_os = "linux")]
async fn full_listener() -> FullListener {
    let socket = tokio::net::TcpSocket::new_v4().expect("socket");
    socket.bind("127.0.0.1:0".parse().expect("address")).expect("bind");
    let address = socket.local_addr().expect("address");
    let listener = socket.listen(1).expect("listen");
    let mut queued = Vec::new();
    for _ in 0..64 {
        match std::net::TcpStream::connect_timeout(&address, Duration::from_millis(100)) {
            Ok(stream) => queued.push(stream),
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {
                return FullListener { address, _socket: listener, _queued: queued };
            }
            Err(e) => panic!("connecting to fill the queue: {e}"),
        }
    }
    panic!("the accept queue of {address} never filled after {} connections", queued.len())
}

#[tokio::test]
async fn a_call_can_override_retries_timeouts_and_headers_without_a_new_pool() {
    let server = Server::start(vec![Reply::json(503, "{}")]).await;
    let config = builder(&server).header("X-Language", "zh-cn").build().expect("config");
    let ddm = DdmClient::new(&config);
    let once = ddm.with_options(
        CallOptions::new().retry_policy(RetryPolicy::disabled()).header("X-Language", "en-us").header("X-Trace", "t-1"),
    );
    once.list_users(&ListUsersRequest::new("i")).await.expect_err("503");
    let sent = server.requests();
    assert_eq!(sent.len(), 1, "retries disabled for this client's calls");
    assert_eq!((sent[0].header("x-language"), sent[0].header("x-trace")), (Some("en-us"), Some("t-1")));
    verify_signature(&sent[0], SK);
    assert!(sent[0].header("authorization").is_some_and(|a| a.contains("x-language") && a.contains("x-trace")));
    // The original client keeps the config's settings: three attempts, the config's header.
    ddm.list_users(&ListUsersRequest::new("i")).await.expect_err("503");
    let sent = server.requests();
    assert_eq!(sent.len(), 4);
    assert_eq!((sent[3].header("x-language"), sent[3].header("x-trace")), (Some("zh-cn"), None));
    // Options add up, the newer winning; the pool is the config's (one connection serves both).
    let slow = Server::start(vec![Reply::json(200, "{}").delay(Duration::from_millis(800))]).await;
    let ddm = DdmClient::new(&builder(&slow).build().expect("config"));
    let hurried = ddm
        .with_options(CallOptions::new().attempt_timeout(Duration::from_secs(5)))
        .with_options(CallOptions::new().attempt_timeout(Duration::from_millis(300)));
    let e = hurried.list_users(&ListUsersRequest::new("i")).await.expect_err("hurried");
    assert!(matches!(e, Error::Timeout { kind: TimeoutKind::Attempt, .. }), "{e:?}");
    ddm.list_users(&ListUsersRequest::new("i")).await.expect("the config's bound lets it finish");
    // A header the SDK signs with cannot be replaced; nothing is sent.
    let before = slow.requests().len();
    let e = ddm
        .with_options(CallOptions::new().header("authorization", "x"))
        .list_users(&ListUsersRequest::new("i"))
        .await
        .expect_err("reserved");
    assert!(matches!(e, Error::Config(ConfigError::Invalid { setting: "header", .. })), "{e:?}");
    assert_eq!(slow.requests().len(), before);
    let e = builder(&slow).header("X-Sdk-Date", "x").build().expect_err("reserved in the config");
    assert!(e.to_string().contains("X-Sdk-Date is set by the SDK"), "{e}");
    // The project ID header is the SDK's too.
    let e = ddm
        .with_options(CallOptions::new().header("X-Project-Id", "other"))
        .list_users(&ListUsersRequest::new("i"))
        .await
        .expect_err("reserved");
    assert!(e.to_string().contains("X-Project-Id is set by the SDK"), "{e}");
    // A zero timeout, refused by the config, is refused for one call too, with nothing sent.
    for options in
        [CallOptions::new().attempt_timeout(Duration::ZERO), CallOptions::new().operation_timeout(Duration::ZERO)]
    {
        let e = ddm.with_options(options).list_users(&ListUsersRequest::new("i")).await.expect_err("zero");
        assert!(e.to_string().contains("must be greater than zero"), "{e}");
    }
    assert_eq!(slow.requests().len(), before);
}

#[tokio::test]
async fn connections_per_host_are_capped_and_calls_wait_for_one() {
    let server = Server::start(vec![Reply::json(200, r#"{"users": []}"#).delay(Duration::from_millis(50))]).await;
    let config = builder(&server).max_connections_per_host(4).build().expect("config");
    let ddm = Arc::new(DdmClient::new(&config));
    let mut calls = tokio::task::JoinSet::new();
    for i in 0..40 {
        let ddm = Arc::clone(&ddm);
        calls.spawn(async move { ddm.list_users(&ListUsersRequest::new(format!("i{i}"))).await.map(drop) });
    }
    let mut ok = 0;
    while let Some(done) = calls.join_next().await {
        done.expect("no panic").expect("every call succeeds");
        ok += 1;
    }
    assert_eq!((ok, server.requests().len()), (40, 40));
    assert!(server.max_open_connections() <= 4, "{} connections at once", server.max_open_connections());
    let e = builder(&server).max_connections_per_host(0).build().expect_err("zero");
    assert!(e.to_string().contains("max_connections_per_host"), "{e}");
}

#[tokio::test]
async fn no_limit_written_as_duration_max_is_no_panic() {
    // `Duration::MAX` is how callers say "no limit"; adding it to now overflows an `Instant`.
    let server = Server::start(vec![
        Reply::json(503, "{}").header("Retry-After", "18446744073709551615"),
        Reply::json(200, "{\"users\": []}"),
    ])
    .await;
    let policy = RetryPolicy { max_retry_after: Duration::MAX, ..RetryPolicy::default() };
    let config = builder(&server)
        .retry_policy(policy)
        .operation_timeout(Duration::MAX)
        .attempt_timeout(Duration::MAX)
        .build()
        .expect("config");
    // A Retry-After too long to wait is not waited for: the 503 in hand is the answer.
    let e = DdmClient::new(&config).list_users(&ListUsersRequest::new("i")).await.expect_err("503");
    assert_eq!(e.status(), Some(503), "{e}");
    let options = CallOptions::new().operation_timeout(Duration::MAX);
    let users = DdmClient::new(&config).with_options(options).list_users(&ListUsersRequest::new("i")).await;
    assert!(users.is_ok(), "{users:?}");
}
