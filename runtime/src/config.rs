//! [`Config`]: credentials, region, endpoints, timeouts, retries and the HTTP connection pool that
//! every client made from it shares.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::sync::Semaphore;

use crate::credentials::{Credentials, CredentialsCache, CredentialsChain, CredentialsError, ProvideCredentials};
use crate::endpoint::parse_endpoint;
use crate::error::ConfigError;

/// The default connect timeout.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The default read timeout (between bytes of the response).
pub const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(60);
/// The default cap on a response body kept in memory.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 32 * 1024 * 1024;
/// The default bound on one attempt: from sending the request to the last byte of the body.
pub const DEFAULT_ATTEMPT_TIMEOUT: Duration = Duration::from_secs(90);
/// The default bound on a whole call: every attempt, backoff and `Retry-After` wait.
pub const DEFAULT_OPERATION_TIMEOUT: Duration = Duration::from_secs(120);
/// The default cap on connections to one host (`host:port`) at once.
pub const DEFAULT_MAX_CONNECTIONS_PER_HOST: usize = 64;
/// The default time an idle connection is kept for reuse.
pub const DEFAULT_POOL_IDLE_TIMEOUT: Duration = Duration::from_secs(90);

/// Headers the SDK sets itself, for signing, authentication or framing: extra headers
/// ([`ConfigBuilder::header`], [`CallOptions::header`]) may not replace them.
pub const RESERVED_HEADERS: &[&str] = &[
    "Authorization",
    "X-Sdk-Date",
    "Host",
    "X-Security-Token",
    "X-Auth-Token",
    "Content-Length",
    "Transfer-Encoding",
    "Connection",
    "X-Project-Id",
    "X-Domain-Id",
];

/// When and how calls are retried.
///
/// A call is tried up to [`RetryPolicy::max_attempts`] times (3 by default). Whether a failed
/// attempt is tried again depends on what the failure says about the request, and so on the
/// method:
///
/// | failure | retried for | why |
/// |---|---|---|
/// | connection refused, DNS failure, connect timeout, TLS handshake failure | every method, on the next endpoint | nothing was sent |
/// | 429 whose body is the API gateway's throttling code (`APIGW.0308`) | every method | the gateway refused the request before the service saw it |
/// | 429, 502, 503, 504 otherwise | GET, HEAD, PUT, DELETE, OPTIONS; every method with [`RetryPolicy::retry_non_idempotent`] | the service may have applied the request; repeating an idempotent one is harmless |
/// | connection reset or closed before the answer (the operating system's own TCP timeout ending a silent connection included), body cut short | as the row above | as the row above |
/// | read timeout, attempt timeout | never | the service may still be working on the request |
/// | a 2xx body that cannot be read ([`Error::Decode`](crate::Error::Decode)) | never | the service applied the request |
/// | any other status (4xx, 500, 501) | never | the answer is final |
///
/// Waits grow exponentially from 200 ms with full jitter, capped at 10 s; a `Retry-After` header
/// is honoured up to [`RetryPolicy::max_retry_after`], beyond which the error is returned at once,
/// as it is when the wait would outlast the call's operation timeout
/// ([`ConfigBuilder::operation_timeout`]).
/// The error after the last attempt carries the attempt count, and for a status the code,
/// message and `Retry-After` ([`ServiceError`](crate::ServiceError)).
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included; 1 disables retries.
    pub max_attempts: u32,
    /// The wait before the first retry, doubled for each further one (before jitter).
    pub initial_backoff: Duration,
    /// The longest computed wait.
    pub max_backoff: Duration,
    /// The longest `Retry-After` honoured.
    pub max_retry_after: Duration,
    /// Also retry POST and PATCH calls (they may then run twice on the server).
    pub retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(10),
            max_retry_after: Duration::from_secs(30),
            retry_non_idempotent: false,
        }
    }
}

impl RetryPolicy {
    /// No retries: every call is tried once.
    pub fn disabled() -> Self {
        RetryPolicy { max_attempts: 1, ..RetryPolicy::default() }
    }

    /// Whether a call with `method` may be retried after a failure that the service may have
    /// acted on (the third and fourth rows of the table above). Failures where nothing reached
    /// the service are retried for every method whenever `max_attempts` allows.
    pub fn allows(&self, method: &str) -> bool {
        self.max_attempts > 1
            && (self.retry_non_idempotent || matches!(method, "GET" | "HEAD" | "PUT" | "DELETE" | "OPTIONS"))
    }

    /// The wait before retry number `retry` (1 for the first retry): a random duration between
    /// zero and `initial_backoff * 2^(retry-1)`, capped at `max_backoff` ("full jitter").
    pub fn backoff(&self, retry: u32) -> Duration {
        let exp = self.initial_backoff.saturating_mul(2u32.saturating_pow(retry.saturating_sub(1)));
        let cap = exp.min(self.max_backoff);
        cap.mul_f64(fastrand::f64())
    }
}

/// Shared settings of every client; cheap to clone (clones share one connection pool).
///
/// ```no_run
/// use huaweicloud_sdk_runtime::{Config, Credentials};
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let config = Config::builder()
///     .region("cn-north-4")
///     .credentials(Credentials::from_env()?)
///     .build()?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Config {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) credentials: CredentialsCache,
    pub(crate) region: Option<String>,
    pub(crate) endpoints: BTreeMap<String, Vec<String>>,
    pub(crate) retry: RetryPolicy,
    pub(crate) user_agent: String,
    pub(crate) max_response_bytes: usize,
    pub(crate) connect_timeout: Duration,
    pub(crate) read_timeout: Duration,
    pub(crate) attempt_timeout: Duration,
    pub(crate) operation_timeout: Duration,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) max_connections_per_host: usize,
    /// One semaphore per `host:port`, holding [`Inner::max_connections_per_host`] permits.
    hosts: Mutex<HashMap<String, Arc<Semaphore>>>,
    pub(crate) http: reqwest::Client,
}

impl Inner {
    /// The semaphore of `endpoint`'s host (`host:port`), holding [`Inner::max_connections_per_host`]
    /// permits, shared by every client of this config; a client looks it up once per endpoint.
    pub(crate) fn connections(&self, endpoint: &reqwest::Url) -> Arc<Semaphore> {
        let key =
            format!("{}:{}", endpoint.host_str().unwrap_or_default(), endpoint.port_or_known_default().unwrap_or(0));
        let mut hosts = self.hosts.lock().unwrap_or_else(PoisonError::into_inner);
        Arc::clone(hosts.entry(key).or_insert_with(|| Arc::new(Semaphore::new(self.max_connections_per_host))))
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("credentials", &self.inner.credentials)
            .field("region", &self.inner.region)
            .field("endpoints", &self.inner.endpoints)
            .field("retry", &self.inner.retry)
            .field("user_agent", &self.inner.user_agent)
            .field("max_response_bytes", &self.inner.max_response_bytes)
            .field("connect_timeout", &self.inner.connect_timeout)
            .field("read_timeout", &self.inner.read_timeout)
            .field("attempt_timeout", &self.inner.attempt_timeout)
            .field("operation_timeout", &self.inner.operation_timeout)
            .field("headers", &self.inner.headers.iter().map(|(k, _)| k).collect::<Vec<_>>())
            .field("max_connections_per_host", &self.inner.max_connections_per_host)
            .finish_non_exhaustive()
    }
}

impl Config {
    /// A builder with the defaults.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// The credentials calls are signed with now: what the provider gave, fetched at the first
    /// call and renewed before temporary ones expire (see
    /// [`ProvideCredentials`]).
    ///
    /// # Errors
    ///
    /// The provider's, when it has none (for the default chain,
    /// [`CredentialsError::NoneFound`] listing each source and why).
    pub async fn credentials(&self) -> Result<Arc<Credentials>, CredentialsError> {
        self.inner.credentials.get().await
    }

    /// Where the credentials come from.
    pub fn credentials_provider(&self) -> &dyn ProvideCredentials {
        self.inner.credentials.provider()
    }

    /// The region, when set.
    pub fn region(&self) -> Option<&str> {
        self.inner.region.as_deref()
    }

    /// The endpoints set for `service`, empty when none.
    pub fn endpoints(&self, service: &str) -> &[String] {
        self.inner.endpoints.get(service).map_or(&[], Vec::as_slice)
    }

    /// The retry policy.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.inner.retry
    }

    /// The `User-Agent` header sent.
    pub fn user_agent(&self) -> &str {
        &self.inner.user_agent
    }

    /// The bound on one attempt.
    pub fn attempt_timeout(&self) -> Duration {
        self.inner.attempt_timeout
    }

    /// The bound on a whole call.
    pub fn operation_timeout(&self) -> Duration {
        self.inner.operation_timeout
    }
}

/// What one client's calls change of the [`Config`] they were made from, without a new
/// connection pool: a generated client's `with_options(options)` gives a copy whose calls use
/// them (as aws-sdk-rust's `customize()` or the official SDKs' per-call invoker do).
///
/// ```
/// use std::time::Duration;
/// use huaweicloud_sdk_runtime::{CallOptions, RetryPolicy};
///
/// let options = CallOptions::new()
///     .retry_policy(RetryPolicy::disabled())
///     .operation_timeout(Duration::from_secs(10))
///     .header("X-Language", "en-us");
/// # let _ = options;
/// // let ddm = ddm.with_options(options); ddm.list_users(&request).await
/// ```
///
/// The connect and read timeouts, proxy, certificates and connection caps are the config's for
/// every call (the connect timeout, proxy and certificates set up the connection pool).
#[derive(Clone, Default, PartialEq)]
pub struct CallOptions {
    pub(crate) retry: Option<RetryPolicy>,
    pub(crate) attempt_timeout: Option<Duration>,
    pub(crate) operation_timeout: Option<Duration>,
    pub(crate) headers: Vec<(String, String)>,
}

/// Header names only: a header's value may be a credential of the caller's own.
impl fmt::Debug for CallOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CallOptions")
            .field("retry", &self.retry)
            .field("attempt_timeout", &self.attempt_timeout)
            .field("operation_timeout", &self.operation_timeout)
            .field("headers", &self.headers.iter().map(|(k, _)| k).collect::<Vec<_>>())
            .finish()
    }
}

impl CallOptions {
    /// No overrides: calls use the config's settings.
    pub fn new() -> Self {
        CallOptions::default()
    }

    /// The retry policy of these calls.
    #[must_use]
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// The bound on one attempt of these calls (see [`ConfigBuilder::attempt_timeout`]).
    #[must_use]
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.attempt_timeout = Some(timeout);
        self
    }

    /// The bound on each of these calls as a whole (see [`ConfigBuilder::operation_timeout`]).
    #[must_use]
    pub fn operation_timeout(mut self, timeout: Duration) -> Self {
        self.operation_timeout = Some(timeout);
        self
    }

    /// A header sent with these calls and signed with them; it replaces a config header of the
    /// same name, and an operation's own header of that name replaces it. The headers the SDK
    /// sets for signing and authentication ([`RESERVED_HEADERS`]) are refused: the call is then
    /// [`ConfigError::Invalid`] and nothing is sent. An invalid name or value is
    /// [`crate::Error::Validation`], also before anything is sent.
    #[must_use]
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        let name = name.into();
        self.headers.retain(|(k, _)| !k.eq_ignore_ascii_case(&name));
        self.headers.push((name, value.into()));
        self
    }

    /// These options with `newer`'s set ones in place of these.
    pub(crate) fn merged(&self, newer: CallOptions) -> CallOptions {
        let mut out = self.clone();
        out.retry = newer.retry.or(out.retry);
        out.attempt_timeout = newer.attempt_timeout.or(out.attempt_timeout);
        out.operation_timeout = newer.operation_timeout.or(out.operation_timeout);
        for (name, value) in newer.headers {
            out = out.header(name, value);
        }
        out
    }
}

/// Builds a [`Config`].
#[derive(Default)]
pub struct ConfigBuilder {
    credentials: Option<Arc<dyn ProvideCredentials>>,
    region: Option<String>,
    endpoints: BTreeMap<String, Vec<String>>,
    connect_timeout: Option<Duration>,
    read_timeout: Option<Duration>,
    /// The retry policy, attempt and operation timeouts and extra headers: what a call may
    /// override, set here for every call.
    call: CallOptions,
    user_agent_suffix: Option<String>,
    proxy: Option<String>,
    ignore_environment_proxy: bool,
    root_certificates: Vec<Vec<u8>>,
    max_response_bytes: Option<usize>,
    max_connections_per_host: Option<usize>,
    pool_idle_timeout: Option<Duration>,
    pool_max_idle_per_host: Option<usize>,
}

/// Every setting, but a proxy URL's `user:password@` is shown as `<redacted>@`: a proxy password
/// is a secret like the SK.
impl fmt::Debug for ConfigBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let proxy = self.proxy.as_deref().map(redacted_proxy);
        f.debug_struct("ConfigBuilder")
            .field("credentials", &self.credentials)
            .field("region", &self.region)
            .field("endpoints", &self.endpoints)
            .field("connect_timeout", &self.connect_timeout)
            .field("read_timeout", &self.read_timeout)
            .field("call", &self.call)
            .field("user_agent_suffix", &self.user_agent_suffix)
            .field("proxy", &proxy)
            .field("ignore_environment_proxy", &self.ignore_environment_proxy)
            .field("root_certificates", &self.root_certificates.len())
            .field("max_response_bytes", &self.max_response_bytes)
            .field("max_connections_per_host", &self.max_connections_per_host)
            .field("pool_idle_timeout", &self.pool_idle_timeout)
            .field("pool_max_idle_per_host", &self.pool_max_idle_per_host)
            .finish()
    }
}

/// Whether the environment may name a proxy: one of the variables reqwest reads is set (an empty
/// one too, so that reqwest decides what it means). On macOS and Windows reqwest may also read the
/// system's proxy settings (when an application enables its `system-proxy` feature): there the
/// answer is always yes, and reqwest decides.
fn environment_proxy() -> bool {
    cfg!(any(target_os = "macos", windows))
        || ["ALL_PROXY", "all_proxy", "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"]
            .iter()
            .any(|name| std::env::var_os(name).is_some())
}

/// A proxy URL without its user information: `http://user:pw@host:3128` -> `http://<redacted>@host:3128`.
fn redacted_proxy(url: &str) -> String {
    let start = url.find("://").map_or(0, |k| k + 3);
    let authority = url[start..].find(['/', '?', '#']).map_or(&url[start..], |end| &url[start..start + end]);
    match authority.rfind('@') {
        Some(at) => format!("{}<redacted>{}", &url[..start], &url[start + at..]),
        None => url.to_owned(),
    }
}

impl ConfigBuilder {
    /// Fixed credentials. When neither these nor a provider are set, the official SDKs' chain
    /// ([`CredentialsChain::official`]) is asked at the first call.
    #[must_use]
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(Arc::new(credentials));
        self
    }

    /// Credentials from `provider`, kept and renewed before temporary ones expire (see
    /// [`ProvideCredentials`]); a [`CredentialsChain`] or a program's own source.
    #[must_use]
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.credentials = Some(Arc::new(provider));
        self
    }

    /// The region, e.g. `cn-north-4`.
    #[must_use]
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Calls `service` (e.g. `ddm`) at `endpoint` (`https://host[:port]`) instead of its regional
    /// endpoint.
    #[must_use]
    pub fn endpoint(self, service: &str, endpoint: impl Into<String>) -> Self {
        self.endpoints(service, [endpoint.into()])
    }

    /// Calls `service` at several endpoints: the first one, and the next whenever a connection
    /// fails.
    #[must_use]
    pub fn endpoints(mut self, service: &str, endpoints: impl IntoIterator<Item = String>) -> Self {
        self.endpoints.insert(service.to_ascii_lowercase(), endpoints.into_iter().collect());
        self
    }

    /// The connect timeout (default 10 s).
    #[must_use]
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// The read timeout: the longest wait for the next bytes of a response (default 60 s). It
    /// starts again with every byte, so it does not bound a server that trickles its answer: the
    /// attempt timeout does.
    #[must_use]
    pub fn read_timeout(mut self, timeout: Duration) -> Self {
        self.read_timeout = Some(timeout);
        self
    }

    /// The bound on one attempt, from sending the request to the last byte of the body
    /// (default 90 s). When it expires the call ends with [`crate::Error::Timeout`] of kind
    /// [`Attempt`](crate::TimeoutKind::Attempt), not retried: the service may be applying the
    /// request. A call can override it ([`CallOptions::attempt_timeout`]).
    #[must_use]
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.call = self.call.attempt_timeout(timeout);
        self
    }

    /// The bound on a whole call: every attempt, every backoff and `Retry-After` wait, the wait
    /// for a connection and project discovery (default 120 s). A retry that could not start
    /// before it is not made: the call ends with the failure in hand. When it expires mid-call,
    /// [`crate::Error::Timeout`] of kind [`Operation`](crate::TimeoutKind::Operation). A call
    /// can override it ([`CallOptions::operation_timeout`]).
    #[must_use]
    pub fn operation_timeout(mut self, timeout: Duration) -> Self {
        self.call = self.call.operation_timeout(timeout);
        self
    }

    /// A header sent and signed with every call (see [`CallOptions::header`] for the rules).
    #[must_use]
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.call = self.call.header(name, value);
        self
    }

    /// The most calls in flight to one host (`host:port`) at once, across every client of this
    /// config (default 64): further calls wait for a turn, inside their operation timeout. Each
    /// call in flight holds one connection, and idle connections kept are capped at this number
    /// too ([`pool_max_idle_per_host`](ConfigBuilder::pool_max_idle_per_host) at most it), so
    /// the sockets (file descriptors) the SDK holds per host stay near it (a connection being
    /// closed may still count briefly); with
    /// [`max_response_bytes`](ConfigBuilder::max_response_bytes) it bounds the memory response
    /// bodies take: at most this many bodies per host are buffered at once.
    #[must_use]
    pub fn max_connections_per_host(mut self, connections: usize) -> Self {
        self.max_connections_per_host = Some(connections);
        self
    }

    /// How long an idle connection is kept for reuse (default 90 s).
    #[must_use]
    pub fn pool_idle_timeout(mut self, timeout: Duration) -> Self {
        self.pool_idle_timeout = Some(timeout);
        self
    }

    /// The most idle connections kept per host (default, and at most: the connection cap of
    /// [`max_connections_per_host`](ConfigBuilder::max_connections_per_host)); 0 keeps none.
    #[must_use]
    pub fn pool_max_idle_per_host(mut self, connections: usize) -> Self {
        self.pool_max_idle_per_host = Some(connections);
        self
    }

    /// The retry policy ([`RetryPolicy::disabled`] turns retries off).
    #[must_use]
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.call = self.call.retry_policy(policy);
        self
    }

    /// Text appended to the `User-Agent` header, e.g. your application's name and version.
    #[must_use]
    pub fn user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.user_agent_suffix = Some(suffix.into());
        self
    }

    /// Sends every request through this proxy (`http://[user:password@]host:port`), whatever the
    /// environment says. Without it, the environment's proxy is used, as curl and the official
    /// SDKs do: `HTTPS_PROXY` for `https://` endpoints, `HTTP_PROXY` for `http://` ones, `ALL_PROXY`
    /// for both (each also in lower case), except for the hosts `NO_PROXY` lists
    /// ([`ConfigBuilder::ignore_environment_proxy`] turns that off).
    #[must_use]
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.proxy = Some(url.into());
        self
    }

    /// Connects directly unless [`ConfigBuilder::proxy`] is set, ignoring the environment's proxy
    /// variables.
    #[must_use]
    pub fn ignore_environment_proxy(mut self) -> Self {
        self.ignore_environment_proxy = true;
        self
    }

    /// Trusts this PEM-encoded root certificate in addition to the built-in roots.
    #[must_use]
    pub fn root_certificate_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.root_certificates.push(pem.into());
        self
    }

    /// The largest response body kept in memory (default 32 MiB), after gzip or deflate
    /// decoding; a larger one is an error. Every call in flight may buffer one body, so the peak
    /// memory of bodies is up to the calls in flight times this: at most
    /// [`max_connections_per_host`](ConfigBuilder::max_connections_per_host) times this per host.
    #[must_use]
    pub fn max_response_bytes(mut self, bytes: usize) -> Self {
        self.max_response_bytes = Some(bytes);
        self
    }

    /// Checks the settings and creates the connection pool.
    pub fn build(self) -> Result<Config, ConfigError> {
        let credentials =
            CredentialsCache::new(self.credentials.unwrap_or_else(|| Arc::new(CredentialsChain::official())));
        for (service, list) in &self.endpoints {
            if list.is_empty() {
                return Err(ConfigError::Invalid {
                    setting: "endpoints",
                    message: format!("empty list for {service}"),
                });
            }
            for e in list {
                parse_endpoint(e, "the config")?;
            }
        }
        let mut user_agent = format!("huaweicloud-sdk-rust/{}", env!("CARGO_PKG_VERSION"));
        if let Some(suffix) = self.user_agent_suffix.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            if suffix.chars().any(char::is_control) {
                return Err(ConfigError::Invalid {
                    setting: "user_agent_suffix",
                    message: "contains control characters".to_owned(),
                });
            }
            user_agent = format!("{user_agent} {suffix}");
        }
        let positive = |setting: &'static str, d: Option<Duration>, default: Duration| match d {
            Some(d) if d.is_zero() => {
                Err(ConfigError::Invalid { setting, message: "must be longer than zero".to_owned() })
            }
            Some(d) => Ok(d),
            None => Ok(default),
        };
        let connect_timeout = positive("connect_timeout", self.connect_timeout, DEFAULT_CONNECT_TIMEOUT)?;
        let read_timeout = positive("read_timeout", self.read_timeout, DEFAULT_READ_TIMEOUT)?;
        let attempt_timeout = positive("attempt_timeout", self.call.attempt_timeout, DEFAULT_ATTEMPT_TIMEOUT)?;
        let operation_timeout = positive("operation_timeout", self.call.operation_timeout, DEFAULT_OPERATION_TIMEOUT)?;
        if self.max_response_bytes == Some(0) {
            return Err(ConfigError::Invalid {
                setting: "max_response_bytes",
                message: "0 would refuse every body, after the request was applied (at least 1)".to_owned(),
            });
        }
        // A region is a name such as `cn-north-4`: spaces around it are dropped, and an empty one
        // (or one with spaces or control characters inside) names no endpoint.
        let region = self.region.map(|r| r.trim().to_owned());
        if let Some(r) = region.as_deref()
            && (r.is_empty() || r.chars().any(|c| c.is_whitespace() || c.is_control()))
        {
            return Err(ConfigError::Invalid {
                setting: "region",
                message: format!("{r:?} is not a region name (such as cn-north-4)"),
            });
        }
        let max_connections_per_host = self.max_connections_per_host.unwrap_or(DEFAULT_MAX_CONNECTIONS_PER_HOST);
        if max_connections_per_host == 0 || max_connections_per_host > Semaphore::MAX_PERMITS {
            return Err(ConfigError::Invalid {
                setting: "max_connections_per_host",
                message: format!("{max_connections_per_host} is not a usable cap (at least 1)"),
            });
        }
        for (name, value) in &self.call.headers {
            if RESERVED_HEADERS.iter().any(|r| r.eq_ignore_ascii_case(name)) {
                return Err(ConfigError::Invalid {
                    setting: "header",
                    message: format!(
                        "{name} is set by the SDK (signing, authentication or framing) and cannot be overridden"
                    ),
                });
            }
            if let Some(message) = invalid_header(name, value) {
                return Err(ConfigError::Invalid { setting: "header", message });
            }
        }
        // The read timeout is the client's own: each attempt bounds its waits by it and the
        // attempt timeout with one timer (`client::Clock`).
        let mut http = reqwest::Client::builder()
            .connect_timeout(connect_timeout)
            .pool_idle_timeout(self.pool_idle_timeout.unwrap_or(DEFAULT_POOL_IDLE_TIMEOUT))
            .pool_max_idle_per_host(
                self.pool_max_idle_per_host.unwrap_or(max_connections_per_host).min(max_connections_per_host),
            )
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(user_agent.clone());
        // Without a proxy variable in the environment, reqwest's proxy matcher would still look at
        // every request's host (`NO_PROXY`) to find no proxy: connecting directly is the same
        // answer without the per-call work. reqwest reads these variables here, once, too.
        if self.proxy.is_none() && (self.ignore_environment_proxy || !environment_proxy()) {
            http = http.no_proxy();
        }
        if let Some(p) = &self.proxy {
            // The proxy URL may carry a password: errors name the setting, not the URL.
            let invalid = || ConfigError::Invalid {
                setting: "proxy",
                message: "not a valid proxy URL (expected http://host:port)".to_owned(),
            };
            let url = reqwest::Url::parse(p).map_err(|_| invalid())?;
            if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
                return Err(invalid());
            }
            let proxy = reqwest::Proxy::all(url).map_err(|_| invalid())?;
            http = http.proxy(proxy);
        }
        for (i, pem) in self.root_certificates.iter().enumerate() {
            if !String::from_utf8_lossy(pem).contains("-----BEGIN CERTIFICATE-----") {
                return Err(ConfigError::Invalid {
                    setting: "root_certificate_pem",
                    message: format!("certificate {} is not PEM (no BEGIN CERTIFICATE line)", i + 1),
                });
            }
            let cert = reqwest::Certificate::from_pem(pem).map_err(|e| ConfigError::Invalid {
                setting: "root_certificate_pem",
                message: format!("certificate {} is not valid PEM: {e}", i + 1),
            })?;
            http = http.add_root_certificate(cert);
        }
        let http = http.build().map_err(|e| ConfigError::Invalid { setting: "http client", message: e.to_string() })?;
        Ok(Config {
            inner: Arc::new(Inner {
                credentials,
                region,
                endpoints: self.endpoints,
                retry: self.call.retry.unwrap_or_default(),
                user_agent,
                max_response_bytes: self.max_response_bytes.unwrap_or(DEFAULT_MAX_RESPONSE_BYTES),
                connect_timeout,
                read_timeout,
                attempt_timeout,
                operation_timeout,
                headers: self.call.headers,
                max_connections_per_host,
                hosts: Mutex::default(),
                http,
            }),
        })
    }
}

/// Why a header cannot be sent, naming the part that is wrong: `None` when both the name and
/// the value are valid HTTP. The value is never quoted (it may be a token).
pub(crate) fn invalid_header(name: &str, value: &str) -> Option<String> {
    if reqwest::header::HeaderName::from_bytes(name.as_bytes()).is_err() {
        return Some(format!("{name:?} is not a valid HTTP header name (letters, digits and `-`, as in X-Trace-Id)"));
    }
    if reqwest::header::HeaderValue::from_str(value).is_err() {
        return Some(format!(
            "the value of header {name} is not a valid HTTP header value (no line breaks or control characters)"
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_is_jittered_and_capped() {
        let p = RetryPolicy::default();
        for retry in 1..=20 {
            let d = p.backoff(retry);
            assert!(d <= p.max_backoff, "{d:?}");
        }
        assert!(p.backoff(1) <= Duration::from_millis(200));
        let waits: std::collections::BTreeSet<_> = (0..20).map(|_| p.backoff(3)).collect();
        assert!(waits.len() > 1, "jitter expected");
    }

    #[test]
    fn only_idempotent_methods_retry_by_default() {
        let p = RetryPolicy::default();
        assert!(p.allows("GET") && p.allows("PUT") && p.allows("DELETE"));
        assert!(!p.allows("POST") && !p.allows("PATCH"));
        assert!(RetryPolicy { retry_non_idempotent: true, ..p }.allows("POST"));
        assert!(!RetryPolicy::disabled().allows("GET"));
    }

    #[test]
    fn bad_settings_are_clear_errors_without_secrets() {
        let creds = || Credentials::ak_sk("AK", "SK");
        let builder = Config::builder().credentials(creds()).proxy("http://user:hunter2@proxy:3128/p@th");
        let shown = format!("{builder:?}");
        assert!(shown.contains("http://<redacted>@proxy:3128/p@th") && !shown.contains("hunter2"), "{shown}");
        let e = Config::builder().credentials(creds()).proxy("::not a url pw=hunter2").build().expect_err("proxy");
        assert!(e.to_string().starts_with("proxy: not a valid proxy URL") && !e.to_string().contains("hunter2"), "{e}");
        let e =
            Config::builder().credentials(creds()).endpoint("ddm", "ddm.example.com").build().expect_err("endpoint");
        assert!(e.to_string().contains("invalid endpoint \"ddm.example.com\""), "{e}");
        let e = Config::builder().credentials(creds()).root_certificate_pem("junk").build().expect_err("pem");
        assert!(e.to_string().starts_with("root_certificate_pem: certificate 1"), "{e}");
        let e = Config::builder().credentials(creds()).user_agent_suffix("a\r\nb").build().expect_err("ua");
        assert!(e.to_string().contains("control characters"), "{e}");
        let e = Config::builder().credentials(creds()).max_response_bytes(0).build().expect_err("no body fits");
        assert!(e.to_string().starts_with("max_response_bytes: 0 would refuse every body"), "{e}");
        for region in ["", "  ", "cn north 4", "cn-north\u{7}4"] {
            let e = Config::builder().credentials(creds()).region(region).build().expect_err(region);
            assert!(e.to_string().starts_with("region: ") && e.to_string().contains("is not a region name"), "{e}");
        }
        let config = Config::builder().credentials(creds()).region(" cn-north-4 ").build().expect("trimmed");
        assert_eq!(config.region(), Some("cn-north-4"));
        // A bad header says which part is wrong, and never quotes a value.
        let e = Config::builder().credentials(creds()).header("X Foo", "v").build().expect_err("name");
        assert!(e.to_string().contains("\"X Foo\" is not a valid HTTP header name"), "{e}");
        let e = Config::builder().credentials(creds()).header("X-Foo", "token\nvalue").build().expect_err("value");
        assert!(e.to_string().contains("the value of header X-Foo is not a valid HTTP header value"), "{e}");
        assert!(!e.to_string().contains("token"), "{e}");
    }

    #[test]
    fn header_values_stay_out_of_debug() {
        let options = CallOptions::new().header("X-Api-Key", "caller-secret");
        let builder = Config::builder().credentials(Credentials::ak_sk("AK", "SK")).header("X-Other", "other-secret");
        let config = Config::builder().credentials(Credentials::ak_sk("AK", "SK")).header("X-Other", "other-secret");
        let config = config.build().expect("config");
        let shown = format!("{options:?} {builder:?} {config:?}");
        assert!(shown.contains("X-Api-Key") && shown.contains("X-Other"), "{shown}");
        assert!(!shown.contains("caller-secret") && !shown.contains("other-secret"), "{shown}");
    }

    #[test]
    fn debug_shows_settings_but_no_secret() {
        let config = Config::builder()
            .credentials(Credentials::ak_sk("AK", "very-secret"))
            .region("cn-north-4")
            .user_agent_suffix("myapp/1.0")
            .build()
            .expect("config");
        let shown = format!("{config:?}");
        assert!(shown.contains("cn-north-4") && shown.contains("myapp/1.0"), "{shown}");
        assert!(!shown.contains("very-secret"), "{shown}");
    }
}
