//! The call pipeline every generated client method goes through: build the request from an
//! operation's parameters, sign it, send it with retries, and decode the response into the
//! operation's success type or its typed error.
//!
//! Generated code does only the per-operation part: it fills a [`Request`] from the operation's
//! request type (checking documented constraints with [`crate::validate`]), calls
//! [`Client::send`], and decodes with [`Response::decode`].

use std::borrow::Cow;
use std::fmt::{self, Write as _};
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::Poll;
use std::time::{Duration, Instant, SystemTime};

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use tracing::Instrument as _;

use crate::config::{CallOptions, Config, RESERVED_HEADERS, RetryPolicy};
use crate::credentials::{Auth, Credentials};
use crate::discovery::{self, ProjectResolver};
use crate::endpoint::{ServiceInfo, resolve};
use crate::error::{ConfigError, Error, RawBody, TimeoutKind, ValidationError};
use crate::signer;

mod request;
mod response;

#[doc(hidden)]
pub use crate::operation::{BodyErrors, Operation, PathPart, SuccessCode};
#[doc(hidden)]
pub use request::{
    DocumentedRange, JSON_CONTENT_TYPE, NO_BODY_CONTENT_TYPE, Present, PresentNumber, QueryValue, Request,
};
#[doc(hidden)]
pub use reqwest::Url;
pub use response::{NoContent, Output, ResponseMeta};
#[doc(hidden)]
pub use response::{Response, error_body};

/// A client of one service: the config, the service's facts and its resolved endpoints. Generated
/// service clients (`DdmClient`, ...) wrap one.
#[derive(Clone)]
pub struct Client {
    config: Config,
    service: &'static ServiceInfo,
    endpoints: Result<Arc<[Url]>, ConfigError>,
    next_endpoint: Arc<AtomicUsize>,
    discovery: Option<&'static dyn ProjectResolver>,
    /// The project ID discovery found for this client (and its clones): later calls read it here
    /// instead of going back to the process-wide cache (endpoint, key hash, lock) on every call.
    discovered: Arc<tokio::sync::OnceCell<String>>,
    /// The domain ID found for this client of a global service (and its clones).
    domain: Arc<tokio::sync::OnceCell<String>>,
    /// Whether this client makes discovery's own calls ([`Client::with_endpoints`]): they name no
    /// domain, so that finding a project through IAM (a global service) does not first ask IAM
    /// for the domain.
    discovering: bool,
    /// What this client's calls override of the config ([`Client::with_options`]).
    options: Option<Arc<CallOptions>>,
    /// The connection semaphore of each endpoint's host, in the order of `endpoints`.
    connections: Arc<[Arc<tokio::sync::Semaphore>]>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("service", &self.service.name)
            .field("endpoints", &self.endpoints.as_ref().map(|e| e.iter().map(Url::as_str).collect::<Vec<_>>()))
            .field("config", &self.config)
            .field("project_discovery", &self.discovery.map(|d| d.service().name))
            .field("options", &self.options)
            .finish()
    }
}

/// The outcome of one attempt.
enum Attempt {
    Done(Response),
    /// A failure that may be tried again, when `safety` and the policy allow; `last` is what the
    /// caller gets when it is not.
    Retry {
        last: Result<Response, Error>,
        wait: Option<Duration>,
        next_endpoint: bool,
        safety: Safety,
    },
    Fail(Error),
}

/// What a failed attempt says about the request, which decides for which methods it is retried
/// (the table of [`RetryPolicy`](crate::RetryPolicy)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Safety {
    /// The connection was never made: nothing was sent. Every method.
    NothingSent,
    /// The API gateway refused the request (throttling) before the service saw it. Every method.
    GatewayRefused,
    /// The service may have received and applied it. Idempotent methods, unless the policy
    /// retries every method.
    MayHaveApplied,
}

/// What one call uses: the config's settings with the client's [`CallOptions`] applied.
struct Settings<'a> {
    retry: &'a RetryPolicy,
    attempt_timeout: Duration,
    operation_timeout: Duration,
    /// Extra headers, the options' replacing the config's of the same name.
    headers: Vec<(&'a str, &'a str)>,
}

/// One attempt of a call: where it goes, its number, and where it records the response's status
/// once the headers arrive (for a timeout that then expires while the body is read).
struct AttemptOf<'a> {
    path: &'a str,
    project_id: Option<&'a str>,
    domain_id: Option<&'a str>,
    credentials: &'a Credentials,
    endpoint: &'a Url,
    number: u32,
    answered: &'a Answered,
    /// When the operation timeout expires.
    operation_deadline: tokio::time::Instant,
}

/// The operation timeout of a call: its deadline, and whether an attempt (which then bounds its
/// own waits by it) is under way.
struct Bound {
    deadline: tokio::time::Instant,
    in_attempt: std::sync::atomic::AtomicBool,
}

/// How far a call got, for the error when the operation timeout cuts it off.
#[derive(Default)]
struct Progress {
    attempts: u32,
    /// The endpoint of the last attempt, an index into the client's endpoints.
    endpoint: Option<usize>,
    /// The request's path, once built.
    path: String,
    /// The status and request ID of the last attempt's response once its headers arrived, for
    /// a timeout that expires while its body is read.
    answered: Answered,
}

/// What the head of an attempt's response said, recorded as it arrives (the attempt's future may
/// be cut off by a timeout before it returns).
#[derive(Default)]
struct Answered(std::sync::Mutex<Option<(u16, Option<String>)>>);

impl Answered {
    fn set(&self, value: Option<(u16, Option<String>)>) {
        *self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = value;
    }

    /// The status and request ID, when a response's head arrived.
    fn get(&self) -> (Option<u16>, Option<String>) {
        match &*self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner) {
            Some((status, id)) => (Some(*status), id.clone()),
            None => (None, None),
        }
    }

    /// The error of a timeout of `kind` that expired `after` its start, with the status and
    /// request ID of a response whose head had arrived.
    #[cold]
    #[inline(never)]
    fn timeout(
        &self,
        operation: &'static str,
        url: String,
        attempts: u32,
        kind: TimeoutKind,
        after: Duration,
    ) -> Error {
        let (status, request_id) = self.get();
        Error::Timeout { operation, url, attempts, kind, after, status, request_id }
    }
}

/// Polls `timer` outside the task's cooperative budget, as tokio's own timeout does: a body whose
/// frames use up the budget must not keep the timer from being looked at.
fn poll_timer(timer: Pin<&mut tokio::time::Sleep>, cx: &mut std::task::Context<'_>) -> Poll<()> {
    let mut timer = tokio::task::coop::unconstrained(timer);
    Pin::new(&mut timer).poll(cx)
}

impl Progress {
    /// The URL of the last attempt, without the query; empty before the first.
    fn url(&self, endpoints: &[Url]) -> String {
        match self.endpoint.and_then(|i| endpoints.get(i)) {
            Some(e) => format!("{}{}", e.as_str().trim_end_matches('/'), self.path),
            None => String::new(),
        }
    }
}

/// Reads a response's body, at most `cap` bytes, as [`Client::attempt`] needs it: the bytes, or
/// the attempt's outcome when reading fails (a 2xx body over the cap, cut short or not
/// decompressible is an [`Error::Decode`] that keeps the status, the request ID and the bytes; an
/// error answer keeps what fits and is handled by its status; a timeout fails the attempt).
async fn read_body(
    resp: &mut reqwest::Response,
    op: &'static Operation,
    status: u16,
    request_id: Option<&str>,
    cap: usize,
    clock: &mut Clock<'_>,
    failed: &Failure<'_>,
) -> Result<Vec<u8>, Attempt> {
    // The body's timeouts are the clock's: the HTTP client has none but the connect timeout, so a
    // body that fails to arrive (the operating system ending a silent connection included) is a
    // transport failure, or a 2xx cut short.
    // Sized from the announced length, within the cap and at most 1 MiB (the header is the
    // server's word, and the cap may be a caller's `usize::MAX`); a larger body grows as it comes.
    let announced = resp.content_length().map_or(0, |n| usize::try_from(n).unwrap_or(usize::MAX).min(cap).min(1 << 20));
    let mut bytes = Vec::with_capacity(announced);
    loop {
        let chunk = match clock.bound(resp.chunk()).await {
            Ok(chunk) => chunk,
            Err(kind) => return Err(failed.expired(kind)),
        };
        match chunk {
            Ok(Some(chunk)) => {
                if bytes.len() + chunk.len() > cap {
                    if !(200..300).contains(&status) {
                        // An error answer's body only explains the error: what fits is kept,
                        // and the status is handled as any other (a 503 is retried).
                        let room = cap - bytes.len();
                        bytes.extend_from_slice(&chunk[..room.min(chunk.len())]);
                        break;
                    }
                    return Err(Attempt::Fail(Error::Decode {
                        operation: op.name,
                        status,
                        request_id: request_id.map(str::to_owned),
                        message: format!(
                            "the body exceeds the limit of {} bytes (its first KiB is kept); the server answered \
                             HTTP {status}, so the request was applied: do not repeat it blindly",
                            cap
                        ),
                        body: RawBody::from(&bytes[..bytes.len().min(1024)]).hidden_if(op.secret_response),
                    }));
                }
                bytes.extend_from_slice(&chunk);
            }
            Err(e) if decompression_failed(&e) && !(200..300).contains(&status) => {
                // An error answer whose compressed body does not decompress: the status
                // says what happened (a 503 is retried); its body is what decoded.
                tracing::debug!(error = %e, status, "decompressing an error body failed");
                break;
            }
            Ok(None) => break,
            Err(e) if decompression_failed(&e) => {
                // A gzip or deflate body that does not decompress: nothing is lost by stopping,
                // there is nothing readable to keep.
                tracing::debug!(error = %e, status, "decompressing the body failed");
                let applied = format!(
                    "; the server answered HTTP {status}, so the request was applied: do not repeat it blindly"
                );
                return Err(Attempt::Fail(Error::Decode {
                    operation: op.name,
                    status,
                    request_id: request_id.map(str::to_owned),
                    message: format!(
                        "the compressed body cannot be decompressed ({}){applied}",
                        crate::error::chain(&e)
                    ),
                    body: RawBody::from(bytes.as_slice()).hidden_if(op.secret_response),
                }));
            }
            Err(e) if (200..300).contains(&status) => {
                // The head said 2xx: the service applied the request, and the body was cut
                // off on the wire (the connection closed, a compressed stream ended early).
                // A transport error would lose the status, the request ID and the bytes that
                // did arrive: the error says them. An idempotent request is retried for the
                // whole body as after any transport failure; another is not.
                tracing::debug!(error = %e, status, received = bytes.len(), "reading a 2xx body failed");
                let error = Error::Decode {
                    operation: op.name,
                    status,
                    request_id: request_id.map(str::to_owned),
                    message: format!(
                        "the body was cut short after {} bytes ({}); the server answered HTTP {status}, \
                         so the request was applied: do not repeat it blindly",
                        bytes.len(),
                        crate::error::chain(&e)
                    ),
                    body: RawBody::from(bytes.as_slice()).hidden_if(op.secret_response),
                };
                return Err(Attempt::Retry {
                    last: Err(error),
                    wait: None,
                    next_endpoint: false,
                    safety: Safety::MayHaveApplied,
                });
            }
            Err(e) => {
                tracing::debug!(error = %e, status, "reading the body failed");
                return Err(Attempt::Retry {
                    last: Err(failed.transport(e)),
                    wait: None,
                    next_endpoint: false,
                    safety: Safety::MayHaveApplied,
                });
            }
        }
    }
    Ok(bytes)
}

/// One attempt's timer: the read, attempt and operation timeouts share one `Sleep`, set only when
/// the attempt has to wait. (reqwest's own read timeout is not used: it starts a timer for the
/// response's head and another for each frame of its body.)
struct Clock<'a> {
    sleep: Pin<&'a mut tokio::time::Sleep>,
    /// When the attempt timeout expires.
    attempt_deadline: tokio::time::Instant,
    /// When the operation timeout expires.
    operation_deadline: tokio::time::Instant,
    read_timeout: Duration,
}

impl Clock<'_> {
    /// `work`'s output, or which timeout expired first while it waited: the read timeout counts
    /// from when this wait began (nothing has arrived since), the attempt timeout from the
    /// attempt's start, the operation timeout from the call's. `work` is polled first, so what is
    /// ready wins and a wait that never happens costs no timer.
    async fn bound<F: Future>(&mut self, work: F) -> Result<F::Output, TimeoutKind> {
        let mut work = std::pin::pin!(work);
        let mut read_deadline = None;
        std::future::poll_fn(|cx| {
            if let Poll::Ready(out) = work.as_mut().poll(cx) {
                return Poll::Ready(Ok(out));
            }
            let read = *read_deadline.get_or_insert_with(|| {
                let read = later(tokio::time::Instant::now(), self.read_timeout);
                self.sleep.as_mut().reset(read.min(self.attempt_deadline).min(self.operation_deadline));
                read
            });
            match poll_timer(self.sleep.as_mut(), cx) {
                Poll::Pending => Poll::Pending,
                Poll::Ready(()) if self.operation_deadline <= read.min(self.attempt_deadline) => {
                    Poll::Ready(Err(TimeoutKind::Operation))
                }
                Poll::Ready(()) if read < self.attempt_deadline => Poll::Ready(Err(TimeoutKind::Read)),
                Poll::Ready(()) => Poll::Ready(Err(TimeoutKind::Attempt)),
            }
        })
        .await
    }
}

/// The connection semaphores of `endpoints`' hosts, in their order.
fn connections(config: &Config, endpoints: &[Url]) -> Arc<[Arc<tokio::sync::Semaphore>]> {
    endpoints.iter().map(|e| config.inner.connections(e)).collect()
}

/// Whether a body error is a gzip or deflate stream that does not decompress (the decoder's
/// `InvalidData` or `InvalidInput` I/O error), rather than the connection failing under the
/// decoder, which reqwest reports as a decode error too.
fn decompression_failed(e: &reqwest::Error) -> bool {
    let mut cur = std::error::Error::source(e);
    while let Some(s) = cur {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            return e.is_decode()
                && matches!(io.kind(), std::io::ErrorKind::InvalidData | std::io::ErrorKind::InvalidInput);
        }
        cur = s.source();
    }
    false
}

/// The API gateway's error codes for a request it refused before the service saw it.
const GATEWAY_THROTTLING_CODES: &[&str] = &["APIGW.0308"];

impl Client {
    #[doc(hidden)]
    /// A client of `service` with `config`, resolving its endpoints now (see [`crate::endpoint`]);
    /// a resolution error is returned by every call.
    pub fn new(config: &Config, service: &'static ServiceInfo) -> Self {
        let env = |name: &str| std::env::var(name).ok();
        let endpoints = resolve(service, config.region(), config.endpoints(service.name), &env).map(Arc::<[Url]>::from);
        let connections = connections(config, endpoints.as_deref().unwrap_or_default());
        Client {
            config: config.clone(),
            service,
            endpoints,
            next_endpoint: Arc::new(AtomicUsize::new(0)),
            discovery: None,
            discovered: Arc::default(),
            domain: Arc::default(),
            discovering: false,
            options: None,
            connections,
        }
    }

    /// A client of `service` at the given endpoints, whatever the config's region says: what a
    /// [`ProjectResolver`] uses to call IAM at the endpoint discovery chose. Its calls name no
    /// domain (no `X-Domain-Id`, no domain discovery), although IAM is a global service.
    #[doc(hidden)]
    pub fn with_endpoints(config: &Config, service: &'static ServiceInfo, endpoints: Vec<Url>) -> Self {
        Client {
            config: config.clone(),
            service,
            connections: connections(config, &endpoints),
            endpoints: Ok(endpoints.into()),
            next_endpoint: Arc::new(AtomicUsize::new(0)),
            discovery: None,
            discovered: Arc::default(),
            domain: Arc::default(),
            discovering: true,
            options: None,
        }
    }

    #[doc(hidden)]
    /// Finds the project ID through `discovery` when the credentials have none and the config has
    /// a region (see [`crate::discovery`]). Generated clients of project-scoped services call this.
    #[must_use]
    pub fn with_project_discovery(mut self, discovery: &'static dyn ProjectResolver) -> Self {
        self.discovery = Some(discovery);
        self
    }

    /// A copy of this client whose calls use `options` where they differ from the config: a retry
    /// policy, the attempt and operation timeouts, extra headers. The copy shares the config's
    /// connection pool and the project ID already discovered; it is as cheap as a clone. Options
    /// given to a client that already has some are added to them, the newer winning.
    #[must_use]
    pub fn with_options(&self, options: CallOptions) -> Self {
        let options = match &self.options {
            Some(old) => old.merged(options),
            None => options,
        };
        Client { options: Some(Arc::new(options)), ..self.clone() }
    }

    /// The options this client's calls override the config with (empty when none).
    pub fn options(&self) -> Option<&CallOptions> {
        self.options.as_deref()
    }

    /// What one call uses: the config's settings, overridden by the client's options.
    fn settings(&self) -> Settings<'_> {
        let inner = &self.config.inner;
        let o = self.options.as_deref();
        let mut headers: Vec<(&str, &str)> = inner.headers.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        if let Some(o) = o {
            for (name, value) in &o.headers {
                headers.retain(|(k, _)| !k.eq_ignore_ascii_case(name));
                headers.push((name, value));
            }
        }
        Settings {
            retry: o.and_then(|o| o.retry.as_ref()).unwrap_or(&inner.retry),
            attempt_timeout: o.and_then(|o| o.attempt_timeout).unwrap_or(inner.attempt_timeout),
            operation_timeout: o.and_then(|o| o.operation_timeout).unwrap_or(inner.operation_timeout),
            headers,
        }
    }

    /// The project ID of calls: the credentials', or the one discovered for the region.
    async fn project_id<'a>(&'a self, credentials: &'a Credentials) -> Result<Option<Cow<'a, str>>, ConfigError> {
        let inner = &self.config.inner;
        if let Some(p) = credentials.project_id() {
            return Ok(Some(Cow::Borrowed(p)));
        }
        match (self.discovery, inner.region.as_deref()) {
            (Some(d), Some(region)) => {
                let id = self
                    .discovered
                    .get_or_try_init(|| discovery::project_id(&self.config, credentials, region, d))
                    .await?;
                Ok(Some(Cow::Borrowed(id)))
            }
            _ => Ok(None),
        }
    }

    /// The domain ID of calls: the credentials', else for a global service the one IAM gives
    /// (AK/SK credentials only: a token names its domain itself).
    async fn domain_id<'a>(&'a self, credentials: &'a Credentials) -> Result<Option<Cow<'a, str>>, ConfigError> {
        if self.discovering {
            return Ok(None);
        }
        if let Some(d) = credentials.domain_id() {
            return Ok(Some(Cow::Borrowed(d)));
        }
        if !self.service.global || !matches!(credentials.auth(), Auth::AkSk { .. }) {
            return Ok(None);
        }
        let id = self.domain.get_or_try_init(|| discovery::domain_id(&self.config, credentials)).await?;
        Ok(Some(Cow::Borrowed(id)))
    }

    /// The config.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The resolved endpoints, or why there are none.
    pub fn endpoints(&self) -> Result<&[Url], &ConfigError> {
        self.endpoints.as_deref()
    }

    #[doc(hidden)]
    /// Sends `request` and decodes the response: [`Client::send`] then [`Response::decode`]; what
    /// every generated method does.
    pub async fn call<T: Output, E>(
        &self,
        request: Request,
        documented: fn(u16, &[u8]) -> Option<E>,
    ) -> Result<T, Error<E>> {
        self.send(request).await.map_err(Error::typed)?.decode(documented)
    }

    #[doc(hidden)]
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
        let settings = self.settings();
        if let Some((name, _)) =
            settings.headers.iter().find(|(k, _)| RESERVED_HEADERS.iter().any(|r| r.eq_ignore_ascii_case(k)))
        {
            return Err(Error::Config(ConfigError::Invalid {
                setting: "header",
                message: format!(
                    "{name} is set by the SDK (signing, authentication or framing) and cannot be overridden"
                ),
            }));
        }
        // `Config` refuses a zero timeout; a call's options are checked here, where they apply.
        for (setting, value) in
            [("attempt_timeout", settings.attempt_timeout), ("operation_timeout", settings.operation_timeout)]
        {
            if value.is_zero() {
                return Err(Error::Config(ConfigError::Invalid {
                    setting,
                    message: "must be greater than zero (a zero timeout would fail every call unsent)".to_owned(),
                }));
            }
        }
        let endpoints = self.endpoints.clone()?;
        let bound = Bound {
            deadline: later(tokio::time::Instant::now(), settings.operation_timeout),
            in_attempt: std::sync::atomic::AtomicBool::new(false),
        };
        let mut progress = Progress::default();
        // The operation timeout's timer runs only while the call waits outside an attempt
        // (credentials, discovery, a connection, a retry's pause): an attempt bounds itself by
        // the operation's deadline too, with its own timer. A call that waits nowhere else then
        // runs one timer, not two.
        let outcome = {
            let mut work = std::pin::pin!(self.send_attempts(&request, &endpoints, &settings, &bound, &mut progress));
            let mut sleep = std::pin::pin!(None::<tokio::time::Sleep>);
            std::future::poll_fn(|cx| {
                if let Poll::Ready(out) = work.as_mut().poll(cx) {
                    return Poll::Ready(Some(out));
                }
                if bound.in_attempt.load(Ordering::Relaxed) {
                    return Poll::Pending;
                }
                if sleep.is_none() {
                    sleep.set(Some(tokio::time::sleep_until(bound.deadline)));
                }
                let Some(timer) = sleep.as_mut().as_pin_mut() else { return Poll::Pending };
                poll_timer(timer, cx).map(|()| None)
            })
            .await
        };
        outcome.unwrap_or_else(|| {
            tracing::debug!(attempts = progress.attempts, "the operation timeout expired");
            let url = progress.url(&endpoints);
            Err(progress.answered.timeout(
                op.name,
                url,
                progress.attempts,
                TimeoutKind::Operation,
                settings.operation_timeout,
            ))
        })
    }

    /// The attempts of one call, with the waits between them; `progress` says how far they got
    /// when the operation timeout cuts them off.
    async fn send_attempts(
        &self,
        request: &Request,
        endpoints: &[Url],
        settings: &Settings<'_>,
        bound: &Bound,
        progress: &mut Progress,
    ) -> Result<Response, Error> {
        let op = request.op;
        let mut credentials = self.config.inner.credentials.get().await.map_err(ConfigError::from)?;
        complete(&credentials)?;
        let first = Arc::clone(&credentials);
        let project_id = self.project_id(&first).await?;
        let project_id = project_id.as_deref();
        let domain_id = self.domain_id(&first).await?;
        let domain_id = domain_id.as_deref();
        // Temporary credentials refused with 401 are renewed and the call tried again, once.
        let mut renewed = false;
        progress.path = request.build_path(project_id, domain_id)?;
        let path = progress.path.as_str();
        let policy = settings.retry;
        let max_attempts = policy.max_attempts.max(1);
        loop {
            // Nothing of this attempt has arrived yet (a timeout while it waits for a connection
            // must not report the previous attempt's answer).
            progress.answered.set(None);
            progress.attempts += 1;
            let attempt = progress.attempts;
            // `resolve` gives at least one endpoint; `with_endpoints` may be handed none.
            let index = self.next_endpoint.load(Ordering::Relaxed).checked_rem(endpoints.len()).unwrap_or(0);
            let Some(endpoint) = endpoints.get(index) else {
                return Err(Error::Config(ConfigError::Invalid {
                    setting: "endpoints",
                    message: format!("the client of {} has no endpoint to send {} to", self.service.name, op.name),
                }));
            };
            progress.endpoint = Some(index);
            // Calls wait here for one of the host's connections; the attempt timeout starts once
            // they have it. The semaphore is never closed: `acquire` cannot fail.
            let _permit = match self.connections.get(index) {
                Some(connections) => connections.acquire().await.ok(),
                None => None,
            };
            let at = AttemptOf {
                path,
                project_id,
                domain_id,
                credentials: &credentials,
                endpoint,
                number: attempt,
                answered: &progress.answered,
                operation_deadline: bound.deadline,
            };
            // The attempt bounds itself by the attempt, read and operation timeouts.
            bound.in_attempt.store(true, Ordering::Relaxed);
            let outcome = self.attempt(request, settings, at).await;
            bound.in_attempt.store(false, Ordering::Relaxed);
            drop(_permit);
            let (last, wait, rotate, safety) = match outcome {
                Attempt::Done(r) if r.meta.status == 401 && !renewed && credentials.expires_at().is_some() => {
                    // Temporary keys that just expired, or were revoked: renew them (once for
                    // every call that saw them refused) and send again with the new ones.
                    let store = &self.config.inner.credentials;
                    store.refused(&credentials);
                    match store.get().await {
                        // New keys (not the same ones again, as a provider of fixed keys with an
                        // expiry gives).
                        Ok(fresh) if *fresh != *credentials => {
                            complete(&fresh)?;
                            tracing::info!(attempt, "credentials refused (401); renewed them, sending again");
                            credentials = fresh;
                            renewed = true;
                            continue;
                        }
                        // Nothing new to send with: the 401 is the answer.
                        Ok(_) => return Ok(r),
                        Err(e) => {
                            tracing::warn!(error = %e, "credentials refused (401) and renewing them failed");
                            return Ok(r);
                        }
                    }
                }
                Attempt::Done(r) => return Ok(r),
                Attempt::Fail(e) => return Err(e),
                Attempt::Retry { last, wait, next_endpoint, safety } => (last, wait, next_endpoint, safety),
            };
            let allowed = match safety {
                Safety::NothingSent | Safety::GatewayRefused => true,
                Safety::MayHaveApplied => policy.allows(op.method),
            };
            if !allowed || attempt >= max_attempts {
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
            if later(tokio::time::Instant::now(), wait) >= bound.deadline {
                // The next attempt could not start before the operation timeout: the failure in
                // hand says more than a timeout would.
                tracing::debug!(wait_ms = wait.as_millis() as u64, "no time left for another attempt");
                return last;
            }
            if rotate && endpoints.len() > 1 {
                self.next_endpoint.store(index + 1, Ordering::Relaxed);
            }
            tracing::warn!(attempt, ?safety, wait_ms = wait.as_millis() as u64, "retrying");
            tokio::time::sleep(wait).await;
        }
    }

    /// The headers and the query string of one attempt at `endpoint`: the client's headers, the
    /// operation's (which replace the client's of the same name: one value per name goes on the
    /// wire and into the signature), and the credentials' signature or token.
    fn signed(&self, request: &Request, at: &AttemptOf<'_>, extra: &[(&str, &str)]) -> (Vec<(String, String)>, String) {
        let AttemptOf { path, project_id, domain_id, credentials, endpoint, .. } = *at;
        let inner = &self.config.inner;
        let host = match (endpoint.host_str(), endpoint.port()) {
            (Some(h), Some(p)) => {
                let mut host = String::with_capacity(h.len() + 6);
                // Writing into a String cannot fail.
                let _ = write!(host, "{h}:{p}");
                host
            }
            (Some(h), None) => h.to_owned(),
            (None, _) => String::new(),
        };
        let (body, content_type) = match &request.body {
            Some((bytes, ct)) => (bytes.as_slice(), *ct),
            None => (&[][..], NO_BODY_CONTENT_TYPE),
        };
        // The client's and the call's headers, the project or domain, and what signing adds (date,
        // host, token, authorization): one allocation.
        let mut headers = Vec::with_capacity(8 + extra.len() + request.headers.len());
        headers.push(("Content-Type".to_owned(), content_type.to_owned()));
        headers.push(("User-Agent".to_owned(), inner.user_agent.clone()));
        // As the official SDKs: a global service's calls name the domain, the others the project.
        match (self.service.global, domain_id, project_id) {
            (true, Some(d), _) => headers.push(("X-Domain-Id".to_owned(), d.to_owned())),
            (false, _, Some(p)) => headers.push(("X-Project-Id".to_owned(), p.to_owned())),
            _ => {}
        }
        for (name, value) in extra {
            signer::set_header(&mut headers, name, (*value).to_owned());
        }
        for (name, value) in &request.headers {
            signer::set_header(&mut headers, name, value.clone());
        }
        match credentials.auth() {
            Auth::AkSk { access_key, secret_key, security_token } => {
                if let Some(t) = security_token {
                    headers.push(("X-Security-Token".to_owned(), t.expose().to_owned()));
                }
                // Signed in place: the headers are not copied again.
                let req = signer::Target { method: request.op.method, host: &host, path, query: &request.query, body };
                let now = sdk_date(SystemTime::now());
                let (query, _) = signer::sign_headers(&mut headers, &req, access_key, secret_key.expose(), &now, None);
                (headers, query)
            }
            Auth::Token(token) => {
                headers.push(("X-Auth-Token".to_owned(), token.expose().to_owned()));
                (headers, signer::canonical_query(&request.query))
            }
        }
    }

    async fn attempt(&self, request: &Request, settings: &Settings<'_>, at: AttemptOf<'_>) -> Attempt {
        let attempt_deadline = later(tokio::time::Instant::now(), settings.attempt_timeout);
        // A caller's `X-Sdk-Date` (IMS ListImages documents one) is signed as given: it must be a
        // signing time, or the signer would replace it.
        let date = request.headers.iter().find(|(k, _)| k.trim().eq_ignore_ascii_case(signer::DATE_HEADER));
        if let Some((name, value)) = date.filter(|(_, v)| !signer::is_sdk_date(v.trim())) {
            return Attempt::Fail(not_a_date(request.op, name, value));
        }
        let (headers, query) = self.signed(request, &at, &settings.headers);
        let AttemptOf { path, endpoint, number: attempt, answered, operation_deadline, .. } = at;
        let op = request.op;
        let inner = &self.config.inner;
        let body = request.body.as_ref().map_or(&[][..], |(bytes, _)| bytes.as_slice());
        let mut base = endpoint.as_str();
        while let Some(trimmed) = base.strip_suffix('/') {
            base = trimmed;
        }
        let mut url = String::with_capacity(base.len() + path.len() + 1 + query.len());
        for part in [base, path] {
            url.push_str(part);
        }
        if !query.is_empty() {
            url.push('?');
            url.push_str(&query);
        }
        let span = tracing::Span::current();
        span.record("url", url.as_str());
        span.record("attempt", attempt);
        let header_map = match header_map(op, &headers) {
            Ok(h) => h,
            Err(e) => return Attempt::Fail(e),
        };
        let Ok(method) = reqwest::Method::from_bytes(op.method.as_bytes()) else {
            return Attempt::Fail(invalid_method(op));
        };
        let mut builder = inner.http.request(method, &url).headers(header_map);
        if !body.is_empty() {
            builder = builder.body(body.to_vec());
        }
        tracing::debug!(attempt, url = %url, "sending");
        let started = Instant::now();
        let failure = Failure { op, base, path, url: &url, attempt, answered, settings, inner };
        let sleep = std::pin::pin!(tokio::time::sleep_until(attempt_deadline));
        let mut clock = Clock { sleep, attempt_deadline, operation_deadline, read_timeout: inner.read_timeout };
        let sent = match clock.bound(builder.send()).await {
            Ok(sent) => sent,
            Err(kind) => return failure.expired(kind),
        };
        let mut resp = match sent {
            Ok(r) => r,
            Err(e) => return failure.unsent(e),
        };
        let status = resp.status().as_u16();
        let request_id = resp.headers().get(&REQUEST_ID).and_then(|v| v.to_str().ok()).map(str::to_owned);
        answered.set(Some((status, request_id.clone())));
        span.record("status", status);
        if let Some(id) = &request_id {
            span.record("request_id", id.as_str());
        }
        let bytes = match read_body(
            &mut resp,
            op,
            status,
            request_id.as_deref(),
            inner.max_response_bytes,
            &mut clock,
            &failure,
        )
        .await
        {
            Ok(bytes) => bytes,
            Err(outcome) => return outcome,
        };
        tracing::debug!(
            status,
            request_id = request_id.as_deref(),
            elapsed_ms = started.elapsed().as_millis() as u64,
            "received"
        );
        let wait = retry_after(resp.headers());
        let safety =
            if status == 429 && gateway_throttled(&bytes) { Safety::GatewayRefused } else { Safety::MayHaveApplied };
        let meta = ResponseMeta {
            status,
            request_id,
            // The response is done with: its headers move into the meta rather than being copied.
            headers: std::mem::take(resp.headers_mut()),
            attempts: attempt,
            body: bytes.into(),
            dropped: 0,
            dropped_items: 0,
            secret: op.secret_response,
        };
        let response = Response { op, meta, error_body: Some(self.service.error_body) };
        if matches!(status, 429 | 502 | 503 | 504) {
            Attempt::Retry { last: Ok(response), wait, next_endpoint: false, safety }
        } else {
            Attempt::Done(response)
        }
    }
}

/// What an attempt's failures are made from: kept out of the attempt's own code, which every call
/// runs, as cold functions.
struct Failure<'a> {
    op: &'static Operation,
    base: &'a str,
    path: &'a str,
    url: &'a str,
    attempt: u32,
    answered: &'a Answered,
    settings: &'a Settings<'a>,
    inner: &'a crate::config::Inner,
}

impl Failure<'_> {
    /// A timeout of `kind`: it names the URL with its query, but the attempt and operation
    /// timeouts the path only (they say where, not what).
    #[cold]
    #[inline(never)]
    fn timed_out(&self, kind: TimeoutKind) -> Error {
        let Failure { op, base, path, url, attempt, answered, settings, inner } = *self;
        let (url, after) = match kind {
            TimeoutKind::Attempt => (format!("{base}{path}"), settings.attempt_timeout),
            TimeoutKind::Operation => (format!("{base}{path}"), settings.operation_timeout),
            TimeoutKind::Connect => (url.to_owned(), inner.connect_timeout),
            _ => (url.to_owned(), inner.read_timeout),
        };
        answered.timeout(op.name, url, attempt, kind, after)
    }

    /// The outcome of an attempt whose wait a timeout of `kind` cut off (not retried: the server
    /// may be applying the request).
    #[cold]
    #[inline(never)]
    fn expired(&self, kind: TimeoutKind) -> Attempt {
        tracing::debug!(attempt = self.attempt, ?kind, "a timeout expired while the attempt waited");
        Attempt::Fail(self.timed_out(kind))
    }

    /// A transport failure, or reqwest's connect timeout. reqwest has no other timeout here (the
    /// attempt's `Clock` bounds the rest), so another error it calls a timeout is the operating
    /// system's (a TCP user timeout or keepalive ending a silent connection): a transport
    /// failure, not one of the SDK's timeouts.
    #[cold]
    #[inline(never)]
    fn transport(&self, source: reqwest::Error) -> Error {
        if source.is_timeout() && source.is_connect() {
            self.timed_out(TimeoutKind::Connect)
        } else {
            Error::Transport { operation: self.op.name, url: self.url.to_owned(), attempts: self.attempt, source }
        }
    }

    /// The outcome of a request that failed before its response's head arrived.
    #[cold]
    #[inline(never)]
    fn unsent(&self, e: reqwest::Error) -> Attempt {
        let connect = e.is_connect();
        tracing::debug!(error = %e, connect, timeout = e.is_timeout(), "request failed");
        let error = self.transport(e);
        // A connection that failed (or timed out connecting) sent nothing; another failure may
        // have reached the server, and is retried only as such.
        let safety = if connect { Safety::NothingSent } else { Safety::MayHaveApplied };
        Attempt::Retry { last: Err(error), wait: None, next_endpoint: connect, safety }
    }
}

/// A caller's `X-Sdk-Date` that is not a signing time.
#[cold]
#[inline(never)]
fn not_a_date(op: &Operation, name: &str, value: &str) -> Error {
    Error::Validation(ValidationError {
        operation: op.name,
        parameter: name.to_owned(),
        message: format!("`{value}` is not a signing time YYYYMMDDTHHMMSSZ (UTC), which the signature covers"),
    })
}

/// An operation whose method is not HTTP's (a generator's mistake).
#[cold]
#[inline(never)]
fn invalid_method(op: &Operation) -> Error {
    Error::Config(ConfigError::Invalid {
        setting: "operation",
        message: format!("{} has an invalid HTTP method {}", op.name, op.method),
    })
}

/// The headers the SDK sets on every call, as it writes them, made once: finding the text is
/// cheaper than parsing it, and a name outside the standard ones would be allocated per call.
static SDK_HEADERS: [(&str, HeaderName); 6] = [
    ("Content-Type", reqwest::header::CONTENT_TYPE),
    ("User-Agent", reqwest::header::USER_AGENT),
    ("Host", reqwest::header::HOST),
    ("Authorization", reqwest::header::AUTHORIZATION),
    (signer::DATE_HEADER, HeaderName::from_static("x-sdk-date")),
    ("X-Project-Id", HeaderName::from_static("x-project-id")),
];

/// The response header naming the request, for support: a name made once, not parsed per call.
static REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Credentials that could sign or authenticate a call: an empty access key, secret key or token
/// would only be refused by the server (`401`, "the access key is unknown").
fn complete(credentials: &Credentials) -> Result<(), ConfigError> {
    let blank = |s: &str| s.trim().is_empty();
    let empty = match credentials.auth() {
        Auth::AkSk { access_key, .. } if blank(access_key) => "access key",
        Auth::AkSk { secret_key, .. } if blank(secret_key.expose()) => "secret key",
        Auth::AkSk { security_token: Some(t), .. } if blank(t.expose()) => "security token",
        Auth::Token(token) if blank(token.expose()) => "IAM token",
        _ => return Ok(()),
    };
    Err(ConfigError::Invalid { setting: "credentials", message: format!("the {empty} is empty") })
}

/// The headers as reqwest takes them; a name or value that is not valid HTTP is a validation
/// error naming it (nothing is sent).
fn header_map(op: &Operation, headers: &[(String, String)]) -> Result<HeaderMap, Error> {
    let mut map = HeaderMap::with_capacity(headers.len());
    for (k, v) in headers {
        let name = match SDK_HEADERS.iter().find(|(text, _)| text == k) {
            Some((_, name)) => Ok(name.clone()),
            None => HeaderName::from_bytes(k.as_bytes()),
        };
        let (Ok(name), Ok(value)) = (name, HeaderValue::from_bytes(v.as_bytes())) else {
            let message = crate::config::invalid_header(k, v)
                .unwrap_or_else(|| "not a valid HTTP header name or value".to_owned());
            return Err(Error::Validation(ValidationError { operation: op.name, parameter: k.clone(), message }));
        };
        map.append(name, value);
    }
    Ok(map)
}

/// Whether a 429 body is the API gateway's throttling answer (`{"error_code": "APIGW.0308", ...}`),
/// sent before the request reached the service.
fn gateway_throttled(body: &[u8]) -> bool {
    let code = crate::error::ServiceError::from_response(429, None, body).code;
    code.is_some_and(|c| GATEWAY_THROTTLING_CODES.contains(&c.as_str()))
}

/// The `Retry-After` header of a response, when it has a valid one.
pub(super) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    headers.get(reqwest::header::RETRY_AFTER).and_then(|v| v.to_str().ok()).and_then(parse_retry_after)
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

#[doc(hidden)]
/// The `X-Sdk-Date` value for `t`: `YYYYMMDDTHHMMSSZ` in UTC.
///
/// The calendar is the `time` crate's, with only its `std` feature (no parser, formatter or
/// macros): about a second of debug build for the crate and its four small dependencies, where
/// `jiff` (whose `strftime` would also format) takes nearly three, and `httpdate` only writes RFC
/// 7231 dates. Every field has a fixed width, so `format!` is the formatter.
pub fn sdk_date(t: SystemTime) -> String {
    let since_epoch = t.duration_since(SystemTime::UNIX_EPOCH).unwrap_or_default();
    // A time before 1970 or after 9999 is no clock reading: it is signed as the epoch rather than
    // panicking, as `OffsetDateTime::from(SystemTime)` would out of range.
    let at = time::Duration::try_from(since_epoch)
        .ok()
        .and_then(|d| time::OffsetDateTime::UNIX_EPOCH.checked_add(d))
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    let (year, month, day) = (at.year(), u8::from(at.month()), at.day());
    format!("{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z", at.hour(), at.minute(), at.second())
}

/// `now + d`; a time thirty years ahead when `d` is too long to add (`Duration::MAX`, the usual
/// way to say "no limit", or a server's huge `Retry-After`), instead of the overflow's panic.
fn later(now: tokio::time::Instant, d: std::time::Duration) -> tokio::time::Instant {
    const FAR: std::time::Duration = std::time::Duration::from_secs(30 * 365 * 24 * 3600);
    now.checked_add(d).unwrap_or_else(|| now + FAR)
}

#[cfg(test)]
mod tests {
    use super::*;

    static SERVICE: ServiceInfo = ServiceInfo {
        name: "things",
        endpoint: "https://things.{region}.example",
        regions: &[],
        exceptions: &[],
        error_body: ("error_code", "error_msg"),
        global: false,
    };
    static OP: Operation = Operation::new("ListThings", "GET", &[crate::operation::PathPart::Text("/v1/things")]);

    #[test]
    fn sdk_date_formats_utc() {
        let at = |s: u64| sdk_date(SystemTime::UNIX_EPOCH + Duration::from_secs(s));
        assert_eq!(at(0), "19700101T000000Z");
        assert_eq!(at(1_704_164_645), "20240102T030405Z");
        assert_eq!(at(951_782_400), "20000229T000000Z");
        assert_eq!(at(4_102_444_799), "20991231T235959Z");
        // Out of the calendar's range: the epoch, not a panic.
        assert_eq!(sdk_date(SystemTime::UNIX_EPOCH - Duration::from_secs(1)), "19700101T000000Z");
        assert_eq!(at(400_000_000_000), "19700101T000000Z");
    }

    /// The operating system may end a silent connection (a TCP user timeout, keepalive), which
    /// reqwest reports as a timeout; reqwest's own total timeout stands in for it here. It is a
    /// transport failure that may have reached the server, not the SDK's read timeout (whose
    /// `after` it would misstate), nor a connect timeout.
    #[tokio::test]
    async fn a_timeout_reported_after_connecting_is_a_transport_failure_not_the_read_timeout() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("listener");
        let addr = listener.local_addr().expect("address");
        let hold = tokio::spawn(async move {
            let mut held = Vec::new();
            while let Ok((socket, _)) = listener.accept().await {
                held.push(socket);
            }
        });
        let http = reqwest::Client::builder().timeout(Duration::from_millis(50)).no_proxy().build().expect("client");
        let silent = || http.get(format!("http://{addr}/v1/things")).send();
        let config =
            Config::builder().credentials(Credentials::ak_sk("AK", "SK").with_project_id("p")).build().expect("config");
        let retry = RetryPolicy::default();
        let settings = Settings {
            retry: &retry,
            attempt_timeout: Duration::from_secs(1),
            operation_timeout: Duration::from_secs(1),
            headers: Vec::new(),
        };
        let answered = Answered::default();
        let url = format!("http://{addr}/v1/things");
        let failure = Failure {
            op: &OP,
            base: "",
            path: "",
            url: &url,
            attempt: 1,
            answered: &answered,
            settings: &settings,
            inner: &config.inner,
        };
        let e = silent().await.expect_err("times out");
        assert!(e.is_timeout() && !e.is_connect(), "{e:?}");
        let error = failure.transport(e);
        assert!(matches!(error, Error::Transport { .. }), "{error}");
        let e = silent().await.expect_err("times out");
        assert!(matches!(
            failure.unsent(e),
            Attempt::Retry {
                last: Err(Error::Transport { .. }),
                safety: Safety::MayHaveApplied,
                next_endpoint: false,
                ..
            }
        ));
        hold.abort();
    }

    #[tokio::test]
    async fn a_client_without_endpoints_fails_its_calls_instead_of_panicking() {
        let config =
            Config::builder().credentials(Credentials::ak_sk("AK", "SK").with_project_id("p")).build().expect("config");
        let client = Client::with_endpoints(&config, &SERVICE, Vec::new());
        let e = client.send(Request::new(&OP)).await.expect_err("no endpoint");
        assert!(e.to_string().contains("no endpoint to send ListThings to"), "{e}");
    }

    #[tokio::test]
    async fn empty_credentials_fail_the_call_before_sending() {
        // Nothing listens at port 9: a call that went out would fail to connect instead.
        let endpoint = Url::parse("http://127.0.0.1:9").expect("url");
        for (credentials, empty) in [
            (Credentials::ak_sk("", "SK"), "the access key is empty"),
            (Credentials::ak_sk("AK", " "), "the secret key is empty"),
            (Credentials::ak_sk("AK", "SK").with_security_token(""), "the security token is empty"),
            (Credentials::iam_token(" "), "the IAM token is empty"),
        ] {
            let config = Config::builder().credentials(credentials.with_project_id("p")).build().expect("config");
            let client = Client::with_endpoints(&config, &SERVICE, vec![endpoint.clone()]);
            let e = client.send(Request::new(&OP)).await.expect_err("empty");
            assert!(e.to_string().contains(empty), "{e}");
        }
    }

    #[test]
    fn retry_after_seconds_and_dates() {
        assert_eq!(parse_retry_after(" 3 "), Some(Duration::from_secs(3)));
        assert_eq!(parse_retry_after("Thu, 01 Jan 1970 00:00:00 GMT"), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon"), None);
    }
}
