//! A scripted HTTP/1.1 server on 127.0.0.1 for wire tests.
//!
//! [`Server::start`] takes a script of [`Reply`]s and answers the n-th request it receives, on any
//! connection, with the n-th reply; once the script runs out its last reply repeats, so a one-reply
//! script answers any number of retries. Every request is recorded exactly as it arrived (target not
//! decoded, header names in their original case and order) so a test can assert on what the client
//! put on the wire. Connections stay open between requests, as a pooling client expects.
//!
//! The server is bounded and never panics the test: every read and write gives up after
//! [`IO_TIMEOUT`], a malformed request closes its connection, and dropping the [`Server`] stops the
//! listener and every connection.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use tokio::io::{self, AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{AbortHandle, JoinSet};

/// How long the server waits for one read or write before it closes the connection.
pub const IO_TIMEOUT: Duration = Duration::from_secs(10);

/// Request heads and chunk-size lines above these sizes are treated as malformed.
const MAX_HEAD: usize = 64 * 1024;
const MAX_LINE: usize = 4 * 1024;
/// Bodies above this size are treated as malformed, so a broken client cannot exhaust memory.
const MAX_BODY: usize = 16 * 1024 * 1024;

/// One request as the server received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The method as sent, e.g. `GET`.
    pub method: String,
    /// The request target exactly as received: the path and any `?query`, not decoded.
    pub target: String,
    /// The target up to its first `?`, not decoded.
    pub path: String,
    /// The target after its first `?`, not decoded; `None` when the target has no `?`.
    pub query: Option<String>,
    /// The header fields in the order received, names in the case received; values lose only the
    /// spaces and tabs around them.
    pub headers: Vec<(String, String)>,
    /// The body: the `Content-Length` bytes, or the decoded data of a chunked body; empty without one.
    pub body: Vec<u8>,
}

impl Request {
    /// The value of the first header named `name`, compared case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        values(&self.headers, name).next()
    }
}

/// What the server does with one request: answer it, possibly late, cut short or not at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    delay: Duration,
    /// Writes the body one byte at a time, this long apart (after the head, sent at once).
    trickle: Option<Duration>,
    action: Action,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    /// Write the reply and keep the connection open, unless either side asked to close it.
    Answer,
    /// Write the reply, then close the connection.
    AnswerThenClose,
    /// Close the connection without writing anything.
    Drop,
}

impl Reply {
    /// A reply with `status`, no headers and an empty body.
    ///
    /// The server always sends a `Content-Length` header, the body's length unless the reply sets
    /// one with [`Reply::header`]; it adds no other header (no `X-Request-Id` unless set here).
    pub fn new(status: u16) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: Vec::new(),
            delay: Duration::ZERO,
            trickle: None,
            action: Action::Answer,
        }
    }

    /// A reply with `status`, `Content-Type: application/json` and `body`.
    pub fn json(status: u16, body: &str) -> Reply {
        Reply::new(status).header("Content-Type", "application/json").body(body)
    }

    /// Closes the connection after reading the request, without writing a response.
    pub fn drop_connection() -> Reply {
        Reply { action: Action::Drop, ..Reply::new(0) }
    }

    /// Declares `Content-Length: full_len`, sends only `partial_body`, then closes the connection.
    pub fn truncated(status: u16, full_len: usize, partial_body: impl Into<Vec<u8>>) -> Reply {
        let reply = Reply::new(status).header("Content-Length", full_len.to_string()).body(partial_body);
        Reply { action: Action::AnswerThenClose, ..reply }
    }

    /// Adds a header, sent in the order added and with the case given.
    ///
    /// A `Connection: close` header also makes the server close the connection after this reply.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Sets the body.
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Reply {
        self.body = body.into();
        self
    }

    /// Waits `delay` after reading the request before answering (or dropping the connection).
    pub fn delay(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }

    /// Sends the head at once, then the body one byte every `interval`: a server that trickles its
    /// answer, which no read timeout catches.
    pub fn trickle(mut self, interval: Duration) -> Reply {
        self.trickle = Some(interval);
        self
    }

    /// The status line, headers and, unless `head_only`, body as they go on the wire.
    fn encode(&self, head_only: bool) -> Vec<u8> {
        let mut out = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status)).into_bytes();
        for (name, value) in &self.headers {
            out.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
        }
        if !has_token(&self.headers, "content-length", None) {
            out.extend_from_slice(format!("Content-Length: {}\r\n", self.body.len()).as_bytes());
        }
        out.extend_from_slice(b"\r\n");
        if !head_only {
            out.extend_from_slice(&self.body);
        }
        out
    }

    fn closes(&self) -> bool {
        self.action == Action::AnswerThenClose || has_token(&self.headers, "connection", Some("close"))
    }
}

/// A running scripted server; dropping it stops the listener and every open connection.
#[derive(Debug)]
pub struct Server {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
    task: AbortHandle,
}

#[derive(Debug)]
struct State {
    script: Vec<Reply>,
    requests: Vec<Request>,
    /// Connections open now, and the most open at once.
    open: usize,
    max_open: usize,
}

impl State {
    /// Records `request` and picks its reply, under one lock so `requests()[n]` got `script[n]`.
    fn answer(&mut self, request: Request) -> Reply {
        let n = self.requests.len();
        self.requests.push(request);
        match self.script.get(n).or(self.script.last()) {
            Some(reply) => reply.clone(),
            None => Reply::new(500).body("empty script"),
        }
    }
}

impl Server {
    /// Binds 127.0.0.1 on a free port and serves `script` on a task of the current tokio runtime.
    ///
    /// Replies are used in the order requests arrive; after the last one it repeats. An empty script
    /// answers every request with 500 and the body `empty script`.
    pub async fn start(script: Vec<Reply>) -> Server {
        let listener =
            TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await.expect("binding the test server to 127.0.0.1:0");
        let addr = listener.local_addr().expect("reading the address the test server is bound to");
        let state = Arc::new(Mutex::new(State { script, requests: Vec::new(), open: 0, max_open: 0 }));
        let task = tokio::spawn(accept(listener, Arc::clone(&state))).abort_handle();
        Server { addr, state, task }
    }

    /// The base URL, `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The socket address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The requests received so far, in the order their replies were chosen.
    ///
    /// A request is recorded once fully read, before any delay and before the reply is written, so
    /// by the time a client sees a response, a timeout or a dropped connection, it is here.
    pub fn requests(&self) -> Vec<Request> {
        lock(&self.state).requests.clone()
    }

    /// The most connections that were open at once.
    pub fn max_open_connections(&self) -> usize {
        lock(&self.state).max_open
    }
}

/// Counts a connection as open while it lives.
struct OpenConnection(Arc<Mutex<State>>);

impl OpenConnection {
    fn new(state: &Arc<Mutex<State>>) -> Self {
        let mut s = lock(state);
        s.open += 1;
        s.max_open = s.max_open.max(s.open);
        OpenConnection(Arc::clone(state))
    }
}

impl Drop for OpenConnection {
    fn drop(&mut self) {
        lock(&self.0).open -= 1;
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A panic elsewhere while holding the lock cannot leave the plain vectors inconsistent.
fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Accepts connections until aborted; the connections live in a `JoinSet` so the abort ends them too.
async fn accept(listener: TcpListener, state: Arc<Mutex<State>>) {
    let mut connections = JoinSet::new();
    loop {
        let accepted = listener.accept().await;
        while connections.try_join_next().is_some() {}
        match accepted {
            Ok((stream, _)) => {
                connections.spawn(serve(stream, Arc::clone(&state)));
            }
            Err(e) => {
                // Accept errors (such as running out of file descriptors) are transient; don't spin.
                eprintln!("test server: accept failed: {e}");
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        }
    }
}

/// Answers the requests of one connection until either side closes it.
async fn serve(stream: TcpStream, state: Arc<Mutex<State>>) {
    let _open = OpenConnection::new(&state);
    let mut conn = Conn { stream, buf: Vec::new() };
    loop {
        let (request, keep_alive) = match read_request(&mut conn).await {
            Ok(Some(read)) => read,
            Ok(None) => return,
            Err(e) => {
                eprintln!("test server: closing the connection: {e}");
                return;
            }
        };
        let head_only = request.method == "HEAD";
        let reply = lock(&state).answer(request);
        if !reply.delay.is_zero() {
            tokio::time::sleep(reply.delay).await;
        }
        if reply.action == Action::Drop {
            conn.close().await;
            return;
        }
        let written = match reply.trickle {
            Some(interval) if !head_only => trickle(&mut conn, &reply, interval).await,
            _ => conn.write(&reply.encode(head_only)).await,
        };
        if written.is_err() {
            return;
        }
        if !keep_alive || reply.closes() {
            conn.close().await;
            return;
        }
    }
}

/// Writes the head of `reply`, then its body a byte at a time, `interval` apart.
async fn trickle(conn: &mut Conn, reply: &Reply, interval: Duration) -> io::Result<()> {
    conn.write(&reply.encode(true)).await?;
    for byte in &reply.body {
        tokio::time::sleep(interval).await;
        conn.write(std::slice::from_ref(byte)).await?;
    }
    Ok(())
}

/// A connection with the bytes read from it but not yet consumed.
struct Conn {
    stream: TcpStream,
    buf: Vec<u8>,
}

impl Conn {
    /// Reads more bytes into the buffer; `Ok(0)` at end of stream.
    async fn fill(&mut self) -> io::Result<usize> {
        let mut chunk = [0u8; 8192];
        let n = tokio::time::timeout(IO_TIMEOUT, self.stream.read(&mut chunk))
            .await
            .map_err(|_| io::Error::new(io::ErrorKind::TimedOut, "read timed out"))??;
        self.buf.extend_from_slice(&chunk[..n]);
        Ok(n)
    }

    /// The bytes up to the next `delimiter` (consumed, not returned); `Ok(None)` on a clean end of
    /// stream or idle timeout before any byte, when `idle_ok`.
    async fn until(&mut self, delimiter: &[u8], limit: usize, idle_ok: bool) -> io::Result<Option<Vec<u8>>> {
        loop {
            if let Some(at) = self.buf.windows(delimiter.len()).position(|w| w == delimiter) {
                let rest = self.buf.split_off(at + delimiter.len());
                let mut found = std::mem::replace(&mut self.buf, rest);
                found.truncate(at);
                return Ok(Some(found));
            }
            if self.buf.len() > limit {
                return Err(malformed("line or head too long"));
            }
            match self.fill().await {
                Ok(0) if idle_ok && self.buf.is_empty() => return Ok(None),
                Ok(0) => return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "connection closed mid-request")),
                Ok(_) => {}
                Err(e) if idle_ok && self.buf.is_empty() && e.kind() == io::ErrorKind::TimedOut => return Ok(None),
                Err(e) => return Err(e),
            }
        }
    }

    /// One CRLF-terminated line, without the CRLF.
    async fn line(&mut self) -> io::Result<Vec<u8>> {
        self.until(b"\r\n", MAX_LINE, false).await?.ok_or_else(|| malformed("missing line"))
    }

    /// Exactly `n` bytes.
    async fn take(&mut self, n: usize) -> io::Result<Vec<u8>> {
        while self.buf.len() < n {
            if self.fill().await? == 0 {
                return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "connection closed mid-body"));
            }
        }
        let rest = self.buf.split_off(n);
        Ok(std::mem::replace(&mut self.buf, rest))
    }

    async fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        tokio::time::timeout(IO_TIMEOUT, self.stream.write_all(bytes))
            .await
            .map_err(|_| io::Error::new(io::ErrorKind::TimedOut, "write timed out"))?
    }

    /// Sends FIN rather than letting the drop reset the connection, so the client reads a clean EOF.
    async fn close(&mut self) {
        let _ = tokio::time::timeout(IO_TIMEOUT, self.stream.shutdown()).await;
    }
}

/// Reads one request and whether the connection may stay open; `Ok(None)` when the client closed
/// (or went idle) between requests.
async fn read_request(conn: &mut Conn) -> io::Result<Option<(Request, bool)>> {
    let Some(head) = conn.until(b"\r\n\r\n", MAX_HEAD, true).await? else {
        return Ok(None);
    };
    let (mut request, version) = parse_head(&head)?;
    request.body = read_body(conn, &request.headers).await?;
    let keep_alive = if has_token(&request.headers, "connection", Some("close")) {
        false
    } else {
        version == "HTTP/1.1" || has_token(&request.headers, "connection", Some("keep-alive"))
    };
    Ok(Some((request, keep_alive)))
}

/// Parses the request line and header fields of `head` (which excludes the final blank line).
fn parse_head(head: &[u8]) -> io::Result<(Request, String)> {
    let text = std::str::from_utf8(head).map_err(|_| malformed("request head is not UTF-8"))?;
    if text.split("\r\n").any(|line| line.contains(['\r', '\n'])) {
        return Err(malformed("bare CR or LF in the request head"));
    }
    let mut lines = text.split("\r\n");
    let request_line = lines.next().unwrap_or_default();
    let [method, target, version] = request_line.split(' ').collect::<Vec<_>>()[..] else {
        return Err(malformed("request line is not `METHOD TARGET VERSION`"));
    };
    if method.is_empty() || target.is_empty() || !version.starts_with("HTTP/1.") {
        return Err(malformed("bad method, target or HTTP version"));
    }
    let mut headers = Vec::new();
    for line in lines {
        let (name, value) = line.split_once(':').ok_or_else(|| malformed("header line without `:`"))?;
        if name.is_empty() || name.contains([' ', '\t']) {
            return Err(malformed("bad header name"));
        }
        headers.push((name.to_owned(), value.trim_matches([' ', '\t']).to_owned()));
    }
    let (path, query) = match target.split_once('?') {
        Some((path, query)) => (path, Some(query.to_owned())),
        None => (target, None),
    };
    let request = Request {
        method: method.to_owned(),
        target: target.to_owned(),
        path: path.to_owned(),
        query,
        headers,
        body: Vec::new(),
    };
    Ok((request, version.to_owned()))
}

/// Reads the body framed by `Transfer-Encoding: chunked` or `Content-Length`, or none.
async fn read_body(conn: &mut Conn, headers: &[(String, String)]) -> io::Result<Vec<u8>> {
    let encodings: Vec<&str> = values(headers, "transfer-encoding").collect();
    if !encodings.is_empty() {
        // Chunked wins over any Content-Length; other codings are beyond this server.
        if encodings.len() != 1 || !encodings[0].eq_ignore_ascii_case("chunked") {
            return Err(malformed("unsupported Transfer-Encoding"));
        }
        return read_chunked(conn).await;
    }
    let mut length = None;
    for value in values(headers, "content-length") {
        let n: usize = value.parse().map_err(|_| malformed("bad Content-Length"))?;
        if length.is_some_and(|l| l != n) || n > MAX_BODY {
            return Err(malformed("conflicting or too large Content-Length"));
        }
        length = Some(n);
    }
    conn.take(length.unwrap_or(0)).await
}

async fn read_chunked(conn: &mut Conn) -> io::Result<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let line = conn.line().await?;
        let size = line.split(|&b| b == b';').next().unwrap_or_default();
        let size = std::str::from_utf8(size).map_err(|_| malformed("bad chunk size"))?.trim_matches([' ', '\t']);
        if size.is_empty() || !size.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(malformed("bad chunk size"));
        }
        let size = usize::from_str_radix(size, 16).map_err(|_| malformed("bad chunk size"))?;
        if size == 0 {
            // Trailer fields are read and discarded up to the blank line.
            while !conn.line().await?.is_empty() {}
            return Ok(body);
        }
        if body.len().saturating_add(size) > MAX_BODY {
            return Err(malformed("chunked body too large"));
        }
        body.extend_from_slice(&conn.take(size).await?);
        if !conn.line().await?.is_empty() {
            return Err(malformed("chunk data not followed by CRLF"));
        }
    }
}

/// The values of the headers named `name`, compared case-insensitively, in order.
fn values<'a>(headers: &'a [(String, String)], name: &str) -> impl Iterator<Item = &'a str> {
    headers.iter().filter(move |(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

/// Whether a header `name` is present and, with `token`, lists that comma-separated token.
fn has_token(headers: &[(String, String)], name: &str, token: Option<&str>) -> bool {
    values(headers, name).any(|v| match token {
        None => true,
        Some(token) => v.split(',').any(|t| t.trim().eq_ignore_ascii_case(token)),
    })
}

fn malformed(what: &'static str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what)
}

/// The standard reason phrase; clients ignore it, but a readable one helps when debugging.
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        413 => "Content Too Large",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Unknown",
    }
}
