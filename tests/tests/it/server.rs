//! The scripted test server records requests exactly and plays its script, driven by raw TCP writes.

use std::time::{Duration, Instant};

use huaweicloud_sdk_tests::server::{Reply, Server};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Bounds every client read so a broken server fails the test instead of hanging it.
const CLIENT_TIMEOUT: Duration = Duration::from_secs(5);

/// A raw client connection with the bytes read but not yet consumed.
struct Client {
    stream: TcpStream,
    buf: Vec<u8>,
}

impl Client {
    async fn connect(server: &Server) -> Client {
        Client { stream: TcpStream::connect(server.addr()).await.expect("connect to the test server"), buf: Vec::new() }
    }

    async fn send(&mut self, raw: &[u8]) {
        self.stream.write_all(raw).await.expect("write the request");
    }

    /// Reads more bytes; 0 at end of stream.
    async fn fill(&mut self) -> usize {
        let mut chunk = [0u8; 4096];
        let n = tokio::time::timeout(CLIENT_TIMEOUT, self.stream.read(&mut chunk))
            .await
            .expect("the server answers in time")
            .expect("read the response");
        self.buf.extend_from_slice(&chunk[..n]);
        n
    }

    /// The head (up to the blank line) and the `Content-Length` body of the next response.
    async fn response(&mut self) -> (String, Vec<u8>) {
        let end = loop {
            if let Some(at) = self.buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break at;
            }
            assert_ne!(self.fill().await, 0, "connection closed before a response head");
        };
        let head = String::from_utf8(self.buf[..end].to_vec()).expect("UTF-8 head");
        self.buf.drain(..end + 4);
        let length: usize = head
            .lines()
            .find_map(|l| l.strip_prefix("Content-Length: "))
            .expect("a Content-Length header")
            .parse()
            .expect("a numeric Content-Length");
        while self.buf.len() < length {
            assert_ne!(self.fill().await, 0, "connection closed mid-body");
        }
        let body = self.buf.drain(..length).collect();
        (head, body)
    }

    /// Everything until the server closes the connection (a reset counts as closing).
    async fn rest(&mut self) -> Vec<u8> {
        loop {
            let mut chunk = [0u8; 4096];
            let read = tokio::time::timeout(CLIENT_TIMEOUT, self.stream.read(&mut chunk))
                .await
                .expect("the server closes the connection in time");
            match read {
                Ok(0) => return std::mem::take(&mut self.buf),
                Ok(n) => self.buf.extend_from_slice(&chunk[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return std::mem::take(&mut self.buf),
                Err(e) => panic!("reading until the server closes: {e}"),
            }
        }
    }
}

#[tokio::test]
async fn get_is_recorded_exactly_and_answered() {
    let server = Server::start(vec![Reply::json(200, r#"{"ok":true}"#).header("X-Request-Id", "req-1")]).await;
    let mut client = Client::connect(&server).await;
    client
        .send(b"GET /v1/p%2Fq/users?b=%2F&a=1&b=2 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Sdk-Date: 20240101T000000Z\r\nx-lower: v\r\n\r\n")
        .await;

    let (head, body) = client.response().await;
    assert_eq!(head, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Request-Id: req-1\r\nContent-Length: 11");
    assert_eq!(body, br#"{"ok":true}"#);

    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let r = &requests[0];
    assert_eq!(r.method, "GET");
    assert_eq!(r.target, "/v1/p%2Fq/users?b=%2F&a=1&b=2");
    assert_eq!(r.path, "/v1/p%2Fq/users");
    assert_eq!(r.query.as_deref(), Some("b=%2F&a=1&b=2"));
    let headers: Vec<(&str, &str)> = r.headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    assert_eq!(headers, [("Host", "127.0.0.1"), ("X-Sdk-Date", "20240101T000000Z"), ("x-lower", "v")]);
    assert_eq!(r.header("X-LOWER"), Some("v"));
    assert!(r.body.is_empty());
}

#[tokio::test]
async fn post_body_is_recorded_byte_for_byte() {
    let server = Server::start(vec![Reply::new(201).body("made")]).await;
    let mut client = Client::connect(&server).await;
    client.send(b"POST /v2/things HTTP/1.1\r\nContent-Length: 13\r\n\r\n{\"a\": \"\xc3\xa9\\n\"}").await;

    let (head, body) = client.response().await;
    assert_eq!(head, "HTTP/1.1 201 Created\r\nContent-Length: 4");
    assert_eq!(body, b"made");
    let r = &server.requests()[0];
    assert_eq!((r.method.as_str(), r.query.as_deref()), ("POST", None));
    assert_eq!(r.body, b"{\"a\": \"\xc3\xa9\\n\"}");
}

#[tokio::test]
async fn keep_alive_answers_two_requests_on_one_connection_in_script_order() {
    let server = Server::start(vec![Reply::json(200, "1"), Reply::json(503, "2")]).await;
    let mut client = Client::connect(&server).await;
    client.send(b"GET /first HTTP/1.1\r\nHost: h\r\n\r\n").await;
    let (head, body) = client.response().await;
    assert!(head.starts_with("HTTP/1.1 200 "), "{head}");
    assert_eq!(body, b"1");

    client.send(b"PUT /second HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nhi").await;
    let (head, body) = client.response().await;
    assert!(head.starts_with("HTTP/1.1 503 "), "{head}");
    assert_eq!(body, b"2");

    let paths: Vec<String> = server.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(paths, ["/first", "/second"]);
}

#[tokio::test]
async fn the_last_reply_repeats_when_the_script_runs_out() {
    let server = Server::start(vec![Reply::new(200), Reply::new(429)]).await;
    let mut client = Client::connect(&server).await;
    let mut statuses = Vec::new();
    for _ in 0..3 {
        client.send(b"GET / HTTP/1.1\r\n\r\n").await;
        let (head, _) = client.response().await;
        statuses.push(head[9..12].to_owned());
    }
    assert_eq!(statuses, ["200", "429", "429"]);
}

#[tokio::test]
async fn chunked_request_body_is_decoded() {
    let server = Server::start(vec![Reply::new(204)]).await;
    let mut client = Client::connect(&server).await;
    client
        .send(b"POST /up HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nA;ext=1\r\n, chunked!\r\n0\r\nX-Trailer: t\r\n\r\n")
        .await;
    let (head, _) = client.response().await;
    assert!(head.starts_with("HTTP/1.1 204 "), "{head}");

    // The connection stays usable after a chunked body.
    client.send(b"GET /after HTTP/1.1\r\n\r\n").await;
    client.response().await;
    let requests = server.requests();
    assert_eq!(requests[0].body, b"hello, chunked!");
    assert_eq!(requests[0].header("transfer-encoding"), Some("chunked"));
    assert_eq!(requests[1].path, "/after");
}

#[tokio::test]
async fn drop_connection_records_the_request_and_closes_without_a_response() {
    let server = Server::start(vec![Reply::drop_connection()]).await;
    let mut client = Client::connect(&server).await;
    client.send(b"GET /gone HTTP/1.1\r\n\r\n").await;
    assert_eq!(client.rest().await, b"");
    assert_eq!(server.requests()[0].path, "/gone");
}

#[tokio::test]
async fn truncated_declares_the_full_length_sends_part_and_closes() {
    let server = Server::start(vec![Reply::truncated(200, 10, "abc")]).await;
    let mut client = Client::connect(&server).await;
    client.send(b"GET / HTTP/1.1\r\n\r\n").await;
    assert_eq!(client.rest().await, b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
}

#[tokio::test]
async fn delay_postpones_the_reply() {
    let delay = Duration::from_millis(300);
    let server = Server::start(vec![Reply::new(200).delay(delay)]).await;
    let mut client = Client::connect(&server).await;
    let started = Instant::now();
    client.send(b"GET / HTTP/1.1\r\n\r\n").await;
    let mut early = [0u8; 1];
    let read = tokio::time::timeout(Duration::from_millis(100), client.stream.read(&mut early)).await;
    assert!(read.is_err(), "a byte arrived before the delay");
    client.response().await;
    assert!(started.elapsed() >= delay, "answered after {:?}", started.elapsed());
}

#[tokio::test]
async fn a_malformed_request_closes_its_connection_and_the_server_keeps_serving() {
    let server = Server::start(vec![Reply::new(200)]).await;
    let mut bad = Client::connect(&server).await;
    bad.send(b"NONSENSE\r\n\r\n").await;
    assert_eq!(bad.rest().await, b"");
    let mut bad = Client::connect(&server).await;
    bad.send(b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n").await;
    assert_eq!(bad.rest().await, b"");

    let mut good = Client::connect(&server).await;
    good.send(b"GET / HTTP/1.1\r\n\r\n").await;
    let (head, _) = good.response().await;
    assert!(head.starts_with("HTTP/1.1 200 "), "{head}");
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn connection_close_from_the_client_is_honoured() {
    let server = Server::start(vec![Reply::new(200).body("x")]).await;
    let mut client = Client::connect(&server).await;
    client.send(b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n").await;
    assert_eq!(client.rest().await, b"HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx");
}

#[tokio::test]
async fn dropping_the_server_closes_its_open_connections() {
    let server = Server::start(vec![Reply::new(200)]).await;
    let mut client = Client::connect(&server).await;
    client.send(b"GET / HTTP/1.1\r\n\r\n").await;
    client.response().await;
    drop(server);
    // The kept-alive connection is closed rather than left open until the read timeout.
    assert_eq!(client.rest().await, b"");
}
