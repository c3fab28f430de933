//! The call pipeline every generated client method goes through: build the request from an
//! operation's parameters, sign it, send it with retries, and decode the response into the
//! operation's success type or its typed error.
//!
//! Generated code does only the per-operation part: it fills a [`Request`] from the operation's
//! request type (checking documented constraints with [`crate::validate`]), calls
//! [`Client::send`], and decodes with [`Response::decode`].

use std::fmt::{self, Display};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime};

use reqwest::Url;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde::de::DeserializeOwned;
use tracing::Instrument as _;

use crate::config::Config;
use crate::credentials::Auth;
use crate::endpoint::{ServiceInfo, resolve};
use crate::error::{ConfigError, Error, ServiceError, ValidationError};
use crate::signer;

/// The fixed facts of one operation, emitted by the generator as a `static`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operation {
    /// Operation name as documented, e.g. `ListUsers`.
    pub name: &'static str,
    /// Upper-case HTTP method.
    pub method: &'static str,
    /// URI template with `{placeholders}`, e.g. `/v1/{project_id}/instances/{instance_id}/users`.
    pub path: &'static str,
}

/// A value that can go in a query string: one `(key, value)` pair per scalar, one per element
/// for lists, none for `None`.
pub trait QueryValue {
    /// Appends the pairs of `self` under `key`.
    fn push_pairs(&self, key: &str, out: &mut Vec<(String, String)>);
}

macro_rules! display_query_value {
    ($($t:ty),*) => {$(
        impl QueryValue for $t {
            fn push_pairs(&self, key: &str, out: &mut Vec<(String, String)>) {
                out.push((key.to_owned(), self.to_string()));
            }
        }
    )*};
}
display_query_value!(String, str, i32, i64, u32, u64, f64, bool);

impl<T: QueryValue + ?Sized> QueryValue for &T {
    fn push_pairs(&self, key: &str, out: &mut Vec<(String, String)>) {
        (**self).push_pairs(key, out);
    }
}

impl<T: QueryValue> QueryValue for Option<T> {
    fn push_pairs(&self, key: &str, out: &mut Vec<(String, String)>) {
        if let Some(v) = self {
            v.push_pairs(key, out);
        }
    }
}

impl<T: QueryValue> QueryValue for Vec<T> {
    fn push_pairs(&self, key: &str, out: &mut Vec<(String, String)>) {
        for v in self {
            v.push_pairs(key, out);
        }
    }
}

/// One call of an operation, as generated code fills it in.
#[derive(Debug)]
pub struct Request {
    op: &'static Operation,
    path_params: Vec<(&'static str, String)>,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: Option<(Vec<u8>, &'static str)>,
    invalid: Option<ValidationError>,
}

/// The content type of JSON request bodies, as the API reference writes it (the official Python SDK
/// sends the same with `utf-8` in lower case).
pub const JSON_CONTENT_TYPE: &str = "application/json;charset=UTF-8";
/// The content type sent with requests that have no body (the official SDKs send the same for
/// operations without a body; for an optional body left out they send its declared content type).
pub const NO_BODY_CONTENT_TYPE: &str = "application/json";

impl Request {
    /// A call of `op` with no parameters set yet.
    pub fn new(op: &'static Operation) -> Self {
        Request { op, path_params: Vec::new(), query: Vec::new(), headers: Vec::new(), body: None, invalid: None }
    }

    fn reject(&mut self, parameter: &str, message: String) {
        if self.invalid.is_none() {
            self.invalid = Some(ValidationError { operation: self.op.name, parameter: parameter.to_owned(), message });
        }
    }

    /// Sets the `{name}` placeholder of the path. The value is percent-encoded as one segment, so
    /// `/`, `?`, `#` and `%` in it cannot change the path; an empty value is rejected.
    pub fn path(&mut self, name: &'static str, value: impl Display) {
        let value = value.to_string();
        if value.is_empty() {
            self.reject(name, "path parameter must not be empty".to_owned());
        }
        self.path_params.push((name, value));
    }

    /// Adds query parameter `name` (nothing for `None`, one pair per element for lists).
    pub fn query(&mut self, name: &str, value: &(impl QueryValue + ?Sized)) {
        value.push_pairs(name, &mut self.query);
    }

    /// Adds a header; a value with CR, LF or other control characters is rejected.
    pub fn header(&mut self, name: &str, value: impl Display) {
        let value = value.to_string();
        if value.chars().any(|c| c.is_control() && c != '\t') {
            self.reject(name, "header value must not contain CR, LF or other control characters".to_owned());
        }
        self.headers.push((name.to_owned(), value));
    }

    /// Sets a JSON body.
    pub fn json_body<T: serde::Serialize + ?Sized>(&mut self, body: &T) {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.body = Some((bytes, JSON_CONTENT_TYPE)),
            Err(e) => self.reject("body", format!("cannot be serialized as JSON: {e}")),
        }
    }

    /// Records a failed constraint check; the call then fails with it before anything is sent.
    pub fn check(&mut self, result: Result<(), ValidationError>) {
        if let Err(e) = result {
            self.invalid.get_or_insert(e);
        }
    }

    /// Checks a documented numeric range ([`crate::validate::range`]) for this operation.
    pub fn check_range<N: crate::validate::Number>(
        &mut self,
        parameter: &str,
        value: N,
        min: Option<f64>,
        max: Option<f64>,
    ) {
        self.check(crate::validate::range(self.op, parameter, value, min, max));
    }

    /// Checks a documented string length ([`crate::validate::length`]) for this operation.
    pub fn check_length(&mut self, parameter: &str, value: &str, min: Option<f64>, max: Option<f64>) {
        self.check(crate::validate::length(self.op, parameter, value, min, max));
    }

    /// Checks a documented number of list elements ([`crate::validate::items`]) for this operation.
    pub fn check_items<T>(&mut self, parameter: &str, value: &[T], min: Option<f64>, max: Option<f64>) {
        self.check(crate::validate::items(self.op, parameter, value, min, max));
    }

    /// The path with every placeholder filled and encoded.
    fn build_path(&self, project_id: Option<&str>) -> Result<String, Error> {
        let mut out = String::new();
        let mut rest = self.op.path;
        while let Some(start) = rest.find('{') {
            let Some(len) = rest[start..].find('}') else { break };
            let name = &rest[start + 1..start + len];
            out.push_str(&rest[..start]);
            let value = match self.path_params.iter().find(|(n, _)| *n == name) {
                Some((_, v)) => v.as_str(),
                None if name == "project_id" => {
                    project_id.ok_or(ConfigError::NoProjectId { operation: self.op.name })?
                }
                None => {
                    return Err(Error::Validation(ValidationError {
                        operation: self.op.name,
                        parameter: name.to_owned(),
                        message: "path parameter is not set".to_owned(),
                    }));
                }
            };
            out.push_str(&signer::encode(value));
            rest = &rest[start + len + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }
}

/// The success value of an operation whose documentation gives no response body; any body the
/// service sends is ignored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NoContent;

impl<'de> serde::Deserialize<'de> for NoContent {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(d).map(|_| NoContent)
    }
}

/// A response received for a call, before decoding.
#[derive(Debug)]
pub struct Response {
    operation: &'static str,
    status: u16,
    request_id: Option<String>,
    headers: HeaderMap,
    body: Vec<u8>,
    attempts: u32,
}

impl Response {
    /// HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The `X-Request-Id` header.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// Response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The body bytes.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// Attempts made, retries included.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Decodes a 2xx response as `T` (an empty body as `{}`); any other status becomes
    /// [`Error::Service`], with the body decoded by `documented` when the status is documented.
    pub fn decode<T: DeserializeOwned, E>(self, documented: fn(u16, &[u8]) -> Option<E>) -> Result<T, Error<E>> {
        if (200..300).contains(&self.status) {
            let body: &[u8] = if self.body.iter().all(u8::is_ascii_whitespace) { b"{}" } else { &self.body };
            return serde_json::from_slice(body).map_err(|e| Error::Decode {
                operation: self.operation,
                status: self.status,
                request_id: self.request_id.clone(),
                message: e.to_string(),
                body: String::from_utf8_lossy(&self.body).into_owned(),
            });
        }
        let mut error = ServiceError::from_response(self.status, self.request_id, &self.body);
        if (300..400).contains(&self.status) {
            let location = self.headers.get("location").and_then(|v| v.to_str().ok()).unwrap_or("no Location header");
            error.message = format!("redirect to {location} not followed");
        }
        let documented = documented(self.status, &self.body);
        Err(Error::Service { operation: self.operation, error, documented, attempts: self.attempts })
    }
}

/// A client of one service: the config, the service's facts and its resolved endpoints. Generated
/// service clients (`DdmClient`, ...) wrap one.
#[derive(Clone)]
pub struct Client {
    config: Config,
    service: &'static ServiceInfo,
    endpoints: Result<Arc<[Url]>, ConfigError>,
    next_endpoint: Arc<AtomicUsize>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("service", &self.service.name)
            .field("endpoints", &self.endpoints.as_ref().map(|e| e.iter().map(Url::as_str).collect::<Vec<_>>()))
            .field("config", &self.config)
            .finish()
    }
}

/// The outcome of one attempt.
enum Attempt {
    Done(Response),
    Retry { response: Option<Response>, error: Option<Error>, wait: Option<Duration>, next_endpoint: bool },
    Fail(Error),
}

impl Client {
    /// A client of `service` with `config`, resolving its endpoints now (see [`crate::endpoint`]);
    /// a resolution error is returned by every call.
    pub fn new(config: &Config, service: &'static ServiceInfo) -> Self {
        let env = |name: &str| std::env::var(name).ok();
        let endpoints = resolve(service, config.region(), config.endpoints(service.name), &env).map(Arc::<[Url]>::from);
        Client { config: config.clone(), service, endpoints, next_endpoint: Arc::new(AtomicUsize::new(0)) }
    }

    /// The config.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The resolved endpoints, or why there are none.
    pub fn endpoints(&self) -> Result<&[Url], &ConfigError> {
        self.endpoints.as_deref()
    }

    /// Sends `request` and decodes the response: [`Client::send`] then [`Response::decode`]; what
    /// every generated method does.
    pub async fn call<T: DeserializeOwned, E>(
        &self,
        request: Request,
        documented: fn(u16, &[u8]) -> Option<E>,
    ) -> Result<T, Error<E>> {
        self.send(request).await.map_err(Error::typed)?.decode(documented)
    }

    /// Sends `request`: validates, signs, sends with retries. Any received response is returned,
    /// error statuses included; [`Response::decode`] turns those into errors.
    pub async fn send(&self, request: Request) -> Result<Response, Error> {
        let op = request.op;
        let span = tracing::info_span!(
            "huaweicloud.call",
            service = self.service.name,
            operation = op.name,
            method = op.method,
            url = tracing::field::Empty,
            attempt = tracing::field::Empty,
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
        );
        self.send_inner(request).instrument(span).await
    }

    async fn send_inner(&self, mut request: Request) -> Result<Response, Error> {
        let op = request.op;
        if let Some(e) = request.invalid.take() {
            tracing::debug!(error = %e, "request rejected before sending");
            return Err(Error::Validation(e));
        }
        let endpoints = self.endpoints.clone()?;
        let inner = &self.config.inner;
        let path = request.build_path(inner.credentials.project_id())?;
        let policy = &inner.retry;
        let may_retry = policy.allows(op.method);
        let max_attempts = if may_retry { policy.max_attempts.max(1) } else { 1 };
        let mut attempt = 0;
        loop {
            attempt += 1;
            let index = self.next_endpoint.load(Ordering::Relaxed) % endpoints.len();
            let outcome = self.attempt(&request, &path, &endpoints[index], attempt).await;
            let (last, wait, rotate) = match outcome {
                Attempt::Done(r) => return Ok(r),
                Attempt::Fail(e) => return Err(e),
                Attempt::Retry { response, error, wait, next_endpoint } => {
                    let last = match (response, error) {
                        (Some(r), _) => Ok(r),
                        (None, Some(e)) => Err(e),
                        (None, None) => unreachable_outcome(op.name),
                    };
                    (last, wait, next_endpoint)
                }
            };
            if attempt >= max_attempts {
                return last;
            }
            let wait = match wait {
                Some(w) if w > policy.max_retry_after => {
                    tracing::warn!(
                        retry_after_ms = w.as_millis() as u64,
                        "Retry-After exceeds the policy's limit; not retrying"
                    );
                    return last;
                }
                Some(w) => w,
                None => policy.backoff(attempt),
            };
            if rotate && endpoints.len() > 1 {
                self.next_endpoint.store(index + 1, Ordering::Relaxed);
            }
            tracing::warn!(attempt, wait_ms = wait.as_millis() as u64, "retrying");
            tokio::time::sleep(wait).await;
        }
    }

    async fn attempt(&self, request: &Request, path: &str, endpoint: &Url, attempt: u32) -> Attempt {
        let op = request.op;
        let inner = &self.config.inner;
        let host = match (endpoint.host_str(), endpoint.port()) {
            (Some(h), Some(p)) => format!("{h}:{p}"),
            (Some(h), None) => h.to_owned(),
            (None, _) => String::new(),
        };
        let (body, content_type) = match &request.body {
            Some((bytes, ct)) => (bytes.as_slice(), *ct),
            None => (&[][..], NO_BODY_CONTENT_TYPE),
        };
        let mut headers = vec![
            ("Content-Type".to_owned(), content_type.to_owned()),
            ("User-Agent".to_owned(), inner.user_agent.clone()),
        ];
        if let Some(p) = inner.credentials.project_id() {
            headers.push(("X-Project-Id".to_owned(), p.to_owned()));
        }
        headers.extend(request.headers.iter().cloned());
        let (headers, query) = match inner.credentials.auth() {
            Auth::AkSk { access_key, secret_key, security_token } => {
                if let Some(t) = security_token {
                    headers.push(("X-Security-Token".to_owned(), t.expose().to_owned()));
                }
                let req = signer::Request {
                    method: op.method,
                    host: &host,
                    path,
                    query: &request.query,
                    headers: &headers,
                    body,
                };
                let signed = signer::sign(&req, access_key, secret_key.expose(), &sdk_date(SystemTime::now()));
                (signed.headers, signed.query)
            }
            Auth::Token(token) => {
                headers.push(("X-Auth-Token".to_owned(), token.expose().to_owned()));
                (headers, signer::canonical_query(&request.query))
            }
        };
        let base = endpoint.as_str().trim_end_matches('/');
        let url = if query.is_empty() { format!("{base}{path}") } else { format!("{base}{path}?{query}") };
        let span = tracing::Span::current();
        span.record("url", url.as_str());
        span.record("attempt", attempt);
        let mut header_map = HeaderMap::with_capacity(headers.len());
        for (k, v) in &headers {
            let (Ok(name), Ok(value)) = (HeaderName::from_bytes(k.as_bytes()), HeaderValue::from_bytes(v.as_bytes()))
            else {
                return Attempt::Fail(Error::Validation(ValidationError {
                    operation: op.name,
                    parameter: k.clone(),
                    message: "not a valid HTTP header name or value".to_owned(),
                }));
            };
            header_map.append(name, value);
        }
        let method = match reqwest::Method::from_bytes(op.method.as_bytes()) {
            Ok(m) => m,
            Err(_) => {
                return Attempt::Fail(Error::Config(ConfigError::Invalid {
                    setting: "operation",
                    message: format!("{} has an invalid HTTP method {}", op.name, op.method),
                }));
            }
        };
        let mut builder = inner.http.request(method, &url).headers(header_map);
        if !body.is_empty() {
            builder = builder.body(body.to_vec());
        }
        tracing::debug!(attempt, url = %url, "sending");
        let started = Instant::now();
        let transport = |source: reqwest::Error| {
            if source.is_timeout() {
                Error::Timeout { operation: op.name, url: url.clone(), attempts: attempt }
            } else {
                Error::Transport { operation: op.name, url: url.clone(), attempts: attempt, source }
            }
        };
        let mut resp = match builder.send().await {
            Ok(r) => r,
            Err(e) => {
                let connect = e.is_connect();
                let timeout = e.is_timeout();
                tracing::debug!(error = %e, connect, timeout, "request failed");
                let error = transport(e);
                // A read timeout may mean the server is still working on the request: not retried.
                // A connect timeout is a connection failure: nothing was sent.
                return if timeout && !connect {
                    Attempt::Fail(error)
                } else {
                    Attempt::Retry { response: None, error: Some(error), wait: None, next_endpoint: connect }
                };
            }
        };
        let status = resp.status().as_u16();
        let request_id = resp.headers().get("x-request-id").and_then(|v| v.to_str().ok()).map(str::to_owned);
        span.record("status", status);
        if let Some(id) = &request_id {
            span.record("request_id", id.as_str());
        }
        let mut bytes = Vec::new();
        loop {
            match resp.chunk().await {
                Ok(Some(chunk)) => {
                    if bytes.len() + chunk.len() > inner.max_response_bytes {
                        return Attempt::Fail(Error::Decode {
                            operation: op.name,
                            status,
                            request_id,
                            message: format!("the body exceeds the limit of {} bytes", inner.max_response_bytes),
                            body: String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).into_owned(),
                        });
                    }
                    bytes.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) => {
                    tracing::debug!(error = %e, status, "reading the body failed");
                    let error = transport(e);
                    return if matches!(error, Error::Timeout { .. }) {
                        Attempt::Fail(error)
                    } else {
                        Attempt::Retry { response: None, error: Some(error), wait: None, next_endpoint: false }
                    };
                }
            }
        }
        tracing::debug!(
            status,
            request_id = request_id.as_deref(),
            elapsed_ms = started.elapsed().as_millis() as u64,
            "received"
        );
        let retry_after = resp.headers().get("retry-after").and_then(|v| v.to_str().ok()).and_then(parse_retry_after);
        let response = Response {
            operation: op.name,
            status,
            request_id,
            headers: resp.headers().clone(),
            body: bytes,
            attempts: attempt,
        };
        if matches!(status, 429 | 502 | 503 | 504) {
            Attempt::Retry { response: Some(response), error: None, wait: retry_after, next_endpoint: false }
        } else {
            Attempt::Done(response)
        }
    }
}

/// Never reached: every retry outcome carries a response or an error. Kept as a function so the
/// type system, not a panic, documents it.
fn unreachable_outcome(operation: &'static str) -> Result<Response, Error> {
    Err(Error::Config(ConfigError::Invalid {
        setting: "client",
        message: format!("{operation}: internal error: a retry without a response or error"),
    }))
}

/// `Retry-After` as seconds or an HTTP date.
fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(SystemTime::now()).unwrap_or(Duration::ZERO))
}

/// The `X-Sdk-Date` value for `t`: `YYYYMMDDTHHMMSSZ` in UTC.
pub fn sdk_date(t: SystemTime) -> String {
    let secs = t.duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rem) = (secs / 86_400, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sdk_date_formats_utc() {
        let at = |s: u64| sdk_date(SystemTime::UNIX_EPOCH + Duration::from_secs(s));
        assert_eq!(at(0), "19700101T000000Z");
        assert_eq!(at(1_704_164_645), "20240102T030405Z");
        assert_eq!(at(951_782_400), "20000229T000000Z");
        assert_eq!(at(4_102_444_799), "20991231T235959Z");
    }

    #[test]
    fn retry_after_seconds_and_dates() {
        assert_eq!(parse_retry_after(" 3 "), Some(Duration::from_secs(3)));
        assert_eq!(parse_retry_after("Thu, 01 Jan 1970 00:00:00 GMT"), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon"), None);
    }

    static OP: Operation = Operation { name: "Op", method: "GET", path: "/v1/{project_id}/items/{item_id}/x" };

    #[test]
    fn path_parameters_are_encoded_as_one_segment() {
        let mut r = Request::new(&OP);
        r.path("item_id", "../a/b?c#d%e f");
        assert_eq!(r.build_path(Some("p 1")).expect("path"), "/v1/p%201/items/..%2Fa%2Fb%3Fc%23d%25e%20f/x");
        let r = Request::new(&OP);
        assert!(matches!(r.build_path(None), Err(Error::Config(ConfigError::NoProjectId { .. }))));
        let mut r = Request::new(&OP);
        r.path("item_id", "");
        assert!(r.invalid.is_some());
    }

    #[test]
    fn query_values_expand_lists_and_skip_none() {
        let mut r = Request::new(&OP);
        r.query("a", &Some(5));
        r.query("b", &None::<i32>);
        r.query("c", &Some(vec!["x".to_owned(), "y".to_owned()]));
        r.query("d", &true);
        let q: Vec<(&str, &str)> = r.query.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(q, [("a", "5"), ("c", "x"), ("c", "y"), ("d", "true")]);
    }

    #[test]
    fn header_values_with_line_breaks_are_rejected() {
        let mut r = Request::new(&OP);
        r.header("X-Custom", "a\r\nInjected: yes");
        assert!(r.invalid.expect("rejected").to_string().contains("CR, LF"));
    }
}
