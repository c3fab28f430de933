//! What the runtime benches share: an HTTP server on 127.0.0.1 that answers the documented
//! examples at once, the SDK config and the plain reqwest requests that call it, and the runtimes
//! the benches run on.
//!
//! The server is hyper on its own thread (a current-thread tokio runtime), with keep-alive, so a
//! call costs the client's work plus one loopback round trip and nothing else: it checks nothing
//! and records nothing, unlike `huaweicloud_sdk::mock::MockCloud`, which validates signatures.
//!
//! [`hand`] is a hand-written ListUsers client (signed and decoded per call), the yardstick of
//! the per-call goal in `throughput`; its signing prototype is timed in `call_overhead` too.
//!
//! The benches (`call_overhead.rs`, `decode.rs`, `paginate.rs`, `throughput.rs`) are this crate's bench targets;
//! `python_list_users.py` is the Python side of `throughput`. See `BENCHMARKS.md` at the root.

use std::convert::Infallible;
use std::net::{Ipv4Addr, SocketAddr};
use std::thread::JoinHandle;
use std::time::SystemTime;

use bytes::Bytes;
use http_body_util::{BodyExt as _, Full};
use huaweicloud_sdk::runtime::client::{JSON_CONTENT_TYPE, NO_BODY_CONTENT_TYPE, sdk_date};
use huaweicloud_sdk::runtime::{Config, Credentials, signer};
use hyper::body::Incoming;
use hyper::header::{CONTENT_TYPE, HeaderName, HeaderValue};
use hyper_util::rt::TokioIo;
use tokio::sync::oneshot;

pub mod hand;

/// The credentials and IDs of every call; the server checks none of them.
pub const AK: &str = "BENCHACCESSKEY0000000";
/// See [`AK`].
pub const SK: &str = "bench-secret-key-0000000000000000000000";
/// See [`AK`].
pub const PROJECT_ID: &str = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
/// See [`AK`].
pub const INSTANCE_ID: &str = "d38c2b9f1fb6426a8d4d2d5b5a9e6b1fin09";
/// See [`AK`].
pub const CLUSTER_ID: &str = "7d85f602-a948-4a30-afd4-e84f47471c15";

/// The documented 200 example of DDM `ListUsers`, as the API reference prints it
/// (`spec/ddm/v1/list_users.yaml`).
pub const LIST_USERS_EXAMPLE: &str = r#"{
  "users" : [ {
    "name" : "ddmtest",
    "status" : "RUNNING",
    "base_authority" : [ "SELECT" ],

    "password_last_changed" : 1686904661709,
    "description" : "Account",
    "created" : 1686904661709,
    "databases" : [ {
      "name" : "zhxtest",
      "description" : "Schema"
    } ]
  } ],
  "page_no" : 1,
  "page_size" : 10,
  "total_record" : 1,
  "total_page" : 1
}
"#;

/// The documented 200 example of DWS `ExecuteDatabaseOmUserAction`
/// (`spec/dws/v2/execute_database_om_user_action.yaml`).
pub const OM_USER_ACTION_EXAMPLE: &str = r#"{
  "error_code" : 0,
  "error_msg" : null,
  "om_user_info" : null
}
"#;

/// The `limit` every ListUsers call of the benches sends (with `offset` 0).
pub const LIMIT: i32 = 10;

/// The instance whose ListUsers is a listing of [`PAGED_TOTAL`] users, served page by page by
/// `offset` and `limit` (the `paginate` bench).
pub const PAGED_INSTANCE_ID: &str = "paged";
/// See [`PAGED_INSTANCE_ID`].
pub const PAGED_TOTAL: usize = 1000;

/// One page of the paged listing: `limit` users from `offset`, the last page shorter.
fn paged_users(query: &str) -> String {
    let param = |name: &str| {
        query.split('&').find_map(|p| p.strip_prefix(name)?.strip_prefix('=')?.parse::<usize>().ok())
    };
    let (offset, limit) = (param("offset").unwrap_or(0), param("limit").unwrap_or(10));
    let users: Vec<String> = (offset..(offset + limit).min(PAGED_TOTAL))
        .map(|n| {
            format!(
                r#"{{"name":"user{n}","status":"RUNNING","base_authority":["SELECT","INSERT"],"password_last_changed":1686904661709,"description":"Account {n}","created":1686904661709,"databases":[{{"name":"db{n}","description":"Schema"}}]}}"#
            )
        })
        .collect();
    format!(r#"{{"users":[{}],"page_no":1,"page_size":{limit},"total_record":{PAGED_TOTAL},"total_page":1}}"#, users.join(","))
}

/// A running instant server; stops when dropped.
#[derive(Debug)]
pub struct Server {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Starts the server on a free port of 127.0.0.1, on a thread of its own: the client's work
    /// and the server's overlap, as with a remote server.
    pub fn start() -> Server {
        let (listener, addr) = bind();
        let (stop, stopped) = oneshot::channel();
        let thread = std::thread::Builder::new()
            .name("bench-server".to_owned())
            .spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("server runtime");
                rt.block_on(serve(listener, stopped));
            })
            .expect("server thread");
        Server { addr, stop: Some(stop), thread: Some(thread) }
    }

    /// Starts the server on a free port of 127.0.0.1 as a task of `rt`, the client's
    /// current-thread runtime: a call then runs start to end on one thread, never waiting for
    /// another to wake up, so its time is the CPU work of client, server and loopback alone.
    /// (With a server thread, a call at concurrency 1 waits twice for a sleeping core to wake,
    /// which on an idle virtual machine costs more than the call's own work.)
    pub fn start_in(rt: &tokio::runtime::Runtime) -> Server {
        let (listener, addr) = bind();
        let (stop, stopped) = oneshot::channel();
        rt.spawn(serve(listener, stopped));
        Server { addr, stop: Some(stop), thread: None }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `127.0.0.1:PORT`, the `Host` header of calls to it.
    pub fn host(&self) -> String {
        self.addr.to_string()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn bind() -> (std::net::TcpListener, SocketAddr) {
    let listener = std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind 127.0.0.1");
    listener.set_nonblocking(true).expect("non-blocking listener");
    let addr = listener.local_addr().expect("listener address");
    (listener, addr)
}

/// Serves connections until `stopped` fires (or its sender is dropped).
async fn serve(listener: std::net::TcpListener, stopped: oneshot::Receiver<()>) {
    let listener = tokio::net::TcpListener::from_std(listener).expect("tokio listener");
    tokio::select! {
        _ = stopped => {}
        () = accept(listener) => {}
    }
}

async fn accept(listener: tokio::net::TcpListener) {
    loop {
        let Ok((stream, _)) = listener.accept().await else { continue };
        let _ = stream.set_nodelay(true);
        tokio::spawn(async move {
            let service = hyper::service::service_fn(answer);
            let _ = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
        });
    }
}

/// The documented example of the operation the path names, 404 for any other path.
async fn answer(request: hyper::Request<Incoming>) -> Result<hyper::Response<Full<Bytes>>, Infallible> {
    let path = request.uri().path();
    let paged = path.ends_with(&format!("/instances/{PAGED_INSTANCE_ID}/users"));
    let page = paged.then(|| Bytes::from(paged_users(request.uri().query().unwrap_or(""))));
    let (status, body) = if paged {
        (200, "")
    } else if path.ends_with("/users") {
        (200, LIST_USERS_EXAMPLE)
    } else if path.ends_with("/om-user/action") {
        (200, OM_USER_ACTION_EXAMPLE)
    } else {
        (404, r#"{"error_code":"APIGW.0101","error_msg":"not found"}"#)
    };
    // Read the whole request body so that the connection can be reused.
    let _ = request.into_body().collect().await;
    let mut response = hyper::Response::new(Full::new(page.unwrap_or_else(|| Bytes::from_static(body.as_bytes()))));
    *response.status_mut() = hyper::StatusCode::from_u16(status).expect("valid status");
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.insert(HeaderName::from_static("x-request-id"), HeaderValue::from_static("bench-request-id"));
    Ok(response)
}

/// The SDK config of the benches: AK/SK with a project ID, DDM and DWS at `url`.
pub fn config(url: &str) -> Config {
    Config::builder()
        .credentials(Credentials::ak_sk(AK, SK).with_project_id(PROJECT_ID))
        .endpoint("ddm", url)
        .endpoint("dws", url)
        .build()
        .expect("bench config")
}

/// The runtime calls run on: one thread, as the server has one; a multi-thread runtime would make
/// the client and the server compete for this machine's two cores.
pub fn client_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("client runtime")
}

/// A plain reqwest client with the settings the SDK's config gives its own (no proxy, no
/// redirects).
pub fn plain_client() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().redirect(reqwest::redirect::Policy::none()).build().expect("reqwest client")
}

/// A request precomputed once and sent as is: what the SDK puts on the wire for one call, signed
/// at the time it is made (the server checks nothing, so the signature may age).
#[derive(Debug, Clone)]
pub struct Precomputed {
    /// The operation's method.
    pub method: reqwest::Method,
    /// Endpoint, path and canonical query.
    pub url: String,
    /// Every header the SDK sends, `Authorization` included.
    pub headers: reqwest::header::HeaderMap,
    /// The JSON body, when the operation has one.
    pub body: Option<Bytes>,
}

impl Precomputed {
    /// ListUsers of [`INSTANCE_ID`] with offset 0 and limit [`LIMIT`], as the SDK sends it.
    pub fn list_users(server: &Server, user_agent: &str) -> Precomputed {
        let path = format!("/v1/{PROJECT_ID}/instances/{INSTANCE_ID}/users");
        let query = [("offset".to_owned(), "0".to_owned()), ("limit".to_owned(), LIMIT.to_string())];
        Precomputed::signed(server, user_agent, "GET", &path, &query, None)
    }

    /// ExecuteDatabaseOmUserAction of [`CLUSTER_ID`] with `addOmUser`, as the SDK sends it.
    pub fn om_user_action(server: &Server, user_agent: &str) -> Precomputed {
        let path = format!("/v1/{PROJECT_ID}/clusters/{CLUSTER_ID}/db-manager/om-user/action");
        Precomputed::signed(server, user_agent, "POST", &path, &[], Some(br#"{"operation":"addOmUser"}"#))
    }

    fn signed(
        server: &Server,
        user_agent: &str,
        method: &'static str,
        path: &str,
        query: &[(String, String)],
        body: Option<&'static [u8]>,
    ) -> Precomputed {
        let content_type = if body.is_some() { JSON_CONTENT_TYPE } else { NO_BODY_CONTENT_TYPE };
        let headers = [
            ("Content-Type".to_owned(), content_type.to_owned()),
            ("User-Agent".to_owned(), user_agent.to_owned()),
            ("X-Project-Id".to_owned(), PROJECT_ID.to_owned()),
        ];
        let host = server.host();
        let request =
            signer::Request { method, host: &host, path, query, headers: &headers, body: body.unwrap_or_default() };
        let signed = signer::sign(&request, AK, SK, &sdk_date(SystemTime::now()));
        let mut map = reqwest::header::HeaderMap::new();
        for (k, v) in &signed.headers {
            let name = reqwest::header::HeaderName::from_bytes(k.as_bytes()).expect("header name");
            map.append(name, reqwest::header::HeaderValue::from_str(v).expect("header value"));
        }
        let url = if signed.query.is_empty() {
            format!("{}{path}", server.url())
        } else {
            format!("{}{path}?{}", server.url(), signed.query)
        };
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        Precomputed { method, url, headers: map, body: body.map(Bytes::from_static) }
    }

    /// Sends the request and reads the whole body: the least a client can do per call.
    pub async fn send(&self, client: &reqwest::Client) -> Bytes {
        let mut builder = client.request(self.method.clone(), &self.url).headers(self.headers.clone());
        if let Some(body) = &self.body {
            builder = builder.body(body.clone());
        }
        let response = builder.send().await.expect("plain reqwest call");
        assert!(response.status().is_success(), "plain reqwest call: status {}", response.status());
        response.bytes().await.expect("plain reqwest body")
    }
}
