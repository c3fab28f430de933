//! Errors: everything a call can end in other than its documented success.
//!
//! [`Error`] is what every generated client method returns, typed by the operation's documented
//! error bodies. Its [`Error::Service`] variant carries a [`ServiceError`]: what a non-success
//! response says, in whichever shape the service wrote it. Huawei Cloud services use several
//! error bodies: `{"error_code", "error_msg"}` (DWS and most services), `{"errCode",
//! "externalMessage"}` (DDM), `{"errorCode", "errorMsg"}`, `{"code", "message"}`, and the same
//! pairs nested one level down (`{"error": {...}}`). A body may also be empty, HTML from a
//! gateway, or truncated; the error is still useful then.

use std::convert::Infallible;
use std::fmt;
use std::time::Duration;

mod body;
mod service;
mod unknown_value;

pub use body::{RawBody, SHOWN_BYTES};
pub use service::ServiceError;
pub use unknown_value::{Undocumented, UnknownValueError};

use crate::credentials::CredentialsError;

/// The error of a call, with `E` the operation's documented error bodies (see
/// [`Error::documented`]).
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E = Infallible> {
    /// The request breaks a documented constraint; nothing was sent.
    Validation(ValidationError),
    /// The configuration cannot serve this call (unknown region, bad endpoint, no project ID,
    /// no credentials); nothing was sent.
    Config(ConfigError),
    /// The request could not be sent or the response not received (connection refused or reset,
    /// TLS failure, the body of a non-2xx answer cut short; a 2xx body cut short is
    /// [`Error::Decode`]).
    Transport {
        /// Operation name, e.g. `ListUsers`.
        operation: &'static str,
        /// The URL called (it never contains credentials).
        url: String,
        /// Attempts made, retries included.
        attempts: u32,
        /// The underlying error.
        source: reqwest::Error,
    },
    /// One of the call's time bounds expired: which one, and its value, are in `kind` and
    /// `after` (see [`TimeoutKind`]).
    Timeout {
        /// Operation name.
        operation: &'static str,
        /// The URL of the last attempt (empty when the operation bound expired before any).
        url: String,
        /// Attempts made, retries included.
        attempts: u32,
        /// Which bound expired.
        kind: TimeoutKind,
        /// Its value.
        after: Duration,
        /// The status of the last attempt's response when its headers had arrived and its body
        /// then timed out: a 2xx means the service applied the request, so repeating it may
        /// apply it twice. `None` when no response had arrived.
        status: Option<u16>,
        /// The `X-Request-Id` of that response, when it had one.
        request_id: Option<String>,
    },
    /// A success response whose body could not be read: cut short (on the wire, or by a wrong
    /// `Content-Length`) or corrupt JSON where the operation documents a body, an encoding the SDK does not decode, or a body larger than the
    /// config allows. The status was 2xx, so the service applied the request: repeating it may
    /// apply it twice.
    Decode {
        /// Operation name.
        operation: &'static str,
        /// HTTP status.
        status: u16,
        /// The `X-Request-Id` response header.
        request_id: Option<String>,
        /// What is wrong with the body.
        message: String,
        /// The body as received (all of it; `Debug` and `Display` print it bounded).
        body: RawBody,
    },
    /// A paginator stopped before the end of the listing because the pages did not add up: an
    /// items field that is not the documented array (or is absent while the total says more),
    /// a page that repeats the previous one (the server did not advance), or the page cap. The
    /// items yielded before it are all the caller has; this says why the listing is short.
    Pagination {
        /// Operation name.
        operation: &'static str,
        /// HTTP status of the last page received.
        status: u16,
        /// The `X-Request-Id` of the last page received.
        request_id: Option<String>,
        /// Pages received, the last one included.
        pages: u64,
        /// Items yielded before this error.
        items: u64,
        /// What is wrong, naming the field or the setting.
        message: String,
    },
    /// The service answered with an error status (400 or above), or with a success status and a
    /// body that reports a failure as the operation declares (see
    /// [`BodyErrors`](crate::client::BodyErrors)).
    Service {
        /// Operation name.
        operation: &'static str,
        /// Status, code, message, request ID, `Retry-After` and raw body (boxed: it is the
        /// largest part of an error, and errors travel in `Result`s of every call).
        error: Box<ServiceError>,
        /// The body decoded as documented for this status, when the status is documented.
        documented: Option<E>,
        /// Attempts made, retries included.
        attempts: u32,
    },
}

impl<E> Error<E> {
    /// The service error, for [`Error::Service`].
    pub fn service_error(&self) -> Option<&ServiceError> {
        match self {
            Error::Service { error, .. } => Some(error),
            _ => None,
        }
    }

    /// The documented error body, when the service answered with a documented error status.
    pub fn documented(&self) -> Option<&E> {
        match self {
            Error::Service { documented, .. } => documented.as_ref(),
            _ => None,
        }
    }

    /// The HTTP status, when a response was received.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Service { error, .. } => Some(error.status),
            Error::Decode { status, .. } | Error::Pagination { status, .. } => Some(*status),
            Error::Timeout { status, .. } => *status,
            _ => None,
        }
    }

    /// The `X-Request-Id` of the response, when a response was received and had one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Service { error, .. } => error.request_id.as_deref(),
            Error::Decode { request_id, .. }
            | Error::Pagination { request_id, .. }
            | Error::Timeout { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }

    /// Converts the documented error type; used by generated code to turn the runtime's untyped
    /// errors into an operation's typed ones.
    pub fn map_documented<F>(self, f: impl FnOnce(E) -> F) -> Error<F> {
        self.map_service(|documented| documented.map(f))
    }

    /// This error without its decoded documented body: the plain [`Error`], for code that calls
    /// several operations and returns one error type (`list_vpcs(..).await.map_err(Error::untyped)?`).
    /// Nothing the service sent is lost: [`service_error`](Self::service_error) keeps the status,
    /// the code, the message, the request ID and the raw body.
    pub fn untyped(self) -> Error {
        self.map_service(|_| None)
    }

    fn map_service<F>(self, f: impl FnOnce(Option<E>) -> Option<F>) -> Error<F> {
        match self {
            Error::Validation(e) => Error::Validation(e),
            Error::Config(e) => Error::Config(e),
            Error::Transport { operation, url, attempts, source } => {
                Error::Transport { operation, url, attempts, source }
            }
            Error::Timeout { operation, url, attempts, kind, after, status, request_id } => {
                Error::Timeout { operation, url, attempts, kind, after, status, request_id }
            }
            Error::Decode { operation, status, request_id, message, body } => {
                Error::Decode { operation, status, request_id, message, body }
            }
            Error::Pagination { operation, status, request_id, pages, items, message } => {
                Error::Pagination { operation, status, request_id, pages, items, message }
            }
            Error::Service { operation, error, documented, attempts } => {
                Error::Service { operation, error, documented: f(documented), attempts }
            }
        }
    }
}

impl Error<Infallible> {
    /// Widens an error that has no documented body to any operation's error type.
    pub fn typed<E>(self) -> Error<E> {
        self.map_documented(|never| match never {})
    }
}

impl<E> From<ValidationError> for Error<E> {
    fn from(e: ValidationError) -> Self {
        Error::Validation(e)
    }
}

impl<E> From<ConfigError> for Error<E> {
    fn from(e: ConfigError) -> Self {
        Error::Config(e)
    }
}

/// Which time bound of a call expired ([`Error::Timeout`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TimeoutKind {
    /// No connection within the config's connect timeout; nothing was sent.
    Connect,
    /// No byte of the response within the config's read timeout, between two bytes or before
    /// the first.
    Read,
    /// One attempt, from sending the request to the last byte of the body, took longer than the
    /// attempt timeout (a server trickling its answer).
    Attempt,
    /// The whole call, every attempt, backoff and `Retry-After` wait included, took longer than
    /// the operation timeout.
    Operation,
}

impl TimeoutKind {
    /// "the read timeout", ...
    fn describe(self) -> &'static str {
        match self {
            TimeoutKind::Connect => "the connect timeout",
            TimeoutKind::Read => "the read timeout",
            TimeoutKind::Attempt => "the attempt timeout",
            TimeoutKind::Operation => "the operation timeout",
        }
    }
}

/// A duration for messages: `3 s`, `1.5 s`, `250 ms`.
fn seconds(d: Duration) -> String {
    if d < Duration::from_secs(1) {
        format!("{} ms", d.as_millis())
    } else if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

fn attempts_suffix(attempts: u32) -> String {
    if attempts > 1 { format!(" (after {attempts} attempts)") } else { String::new() }
}

impl<E> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Validation(e) => write!(f, "{e}"),
            Error::Config(e) => write!(f, "configuration error: {e}"),
            Error::Transport { operation, url, attempts, source } => {
                write!(f, "{operation}: cannot reach {url}: {}", chain(source))?;
                f.write_str(&attempts_suffix(*attempts))
            }
            Error::Timeout { operation, url, attempts, kind, after, status, request_id } => {
                write!(f, "{operation}: {} ({}) expired", kind.describe(), seconds(*after))?;
                if !url.is_empty() {
                    write!(f, " calling {url}")?;
                }
                match status {
                    Some(s @ 200..=299) => {
                        write!(f, " while reading the body of the HTTP {s} response: the request was applied")?;
                    }
                    Some(s) => write!(f, " while reading the body of the HTTP {s} response")?,
                    None => {}
                }
                if let Some(id) = request_id {
                    write!(f, " (request ID {id})")?;
                }
                f.write_str(&attempts_suffix(*attempts))
            }
            Error::Decode { operation, status, request_id, message, .. } => {
                write!(f, "{operation}: cannot decode the HTTP {status} response: {message}")?;
                if let Some(id) = request_id {
                    write!(f, " (request ID {id})")?;
                }
                Ok(())
            }
            Error::Pagination { operation, status, request_id, pages, items, message } => {
                write!(
                    f,
                    "{operation}: listing stopped after {pages} pages and {items} items: {message} (HTTP {status}"
                )?;
                if let Some(id) = request_id {
                    write!(f, ", request ID {id}")?;
                }
                f.write_str(")")
            }
            Error::Service { operation, error, attempts, .. } => {
                write!(f, "{operation}: {error}")?;
                f.write_str(&attempts_suffix(*attempts))
            }
        }
    }
}

/// The sources of a transport error on one line, without reqwest's own "error sending request
/// for url (...)" (the URL is already in the message) and without repeating a source that its
/// parent already quotes.
pub(crate) fn chain(e: &dyn std::error::Error) -> String {
    let Some(first) = e.source() else { return e.to_string() };
    let mut out = first.to_string();
    let mut cur = first.source();
    while let Some(s) = cur {
        let text = s.to_string();
        if !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        cur = s.source();
    }
    out
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Validation(e) => Some(e),
            Error::Config(e) => Some(e),
            Error::Transport { source, .. } => Some(source),
            Error::Service { error, .. } => Some(&**error),
            _ => None,
        }
    }
}

/// A request that breaks a documented constraint.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{operation}: invalid `{parameter}`: {message}")]
pub struct ValidationError {
    /// Operation name.
    pub operation: &'static str,
    /// The parameter or body field (a path such as `body.password` for body fields).
    pub parameter: String,
    /// What is wrong and what is allowed, e.g. `500 is out of range; allowed 1 to 128`.
    pub message: String,
}

/// A configuration that cannot serve a call.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The region is not documented for the service and no endpoint override is set.
    #[error(
        "unknown region \"{region}\" for service {service}; known regions: {} (or set {variable} to an endpoint URL)",
        known.join(", ")
    )]
    UnknownRegion {
        /// Service name.
        service: String,
        /// The region asked for.
        region: String,
        /// The documented regions.
        known: Vec<String>,
        /// The override variable for this service and region.
        variable: String,
    },
    /// Neither a region nor an endpoint is configured for the service.
    #[error("no region configured and no endpoint set for service {service}")]
    NoRegion {
        /// Service name.
        service: String,
    },
    /// An endpoint is not a usable URL.
    #[error("invalid endpoint \"{endpoint}\" (from {origin}): {reason}")]
    InvalidEndpoint {
        /// The endpoint as given (any user info redacted).
        endpoint: String,
        /// Where it came from (the config, an environment variable, the spec).
        origin: String,
        /// What is wrong.
        reason: String,
    },
    /// The operation's path has `{project_id}` and the credentials have none.
    #[error("{operation} needs a project ID: set HUAWEICLOUD_SDK_PROJECT_ID or call Credentials::with_project_id")]
    NoProjectId {
        /// Operation name.
        operation: &'static str,
    },
    /// No project ID is configured and project discovery through IAM did not find exactly one
    /// project named after the region.
    #[error(
        "cannot find the project ID of region {region} through IAM at {iam_endpoint}: {reason}; \
         set HUAWEICLOUD_SDK_PROJECT_ID or call Credentials::with_project_id"
    )]
    ProjectDiscovery {
        /// The configured region.
        region: String,
        /// The IAM endpoint asked.
        iam_endpoint: String,
        /// What went wrong: no project, several projects, or the IAM call's error.
        reason: String,
        /// The IAM call's error itself, when the call failed (its [`Error`]), kept whole.
        #[source]
        source: Option<DiscoverySource>,
    },
    /// The operation's path has `{domain_id}` and the credentials have none (and none could be
    /// found: token authentication).
    #[error("{operation} needs a domain ID: set HUAWEICLOUD_SDK_DOMAIN_ID or call Credentials::with_domain_id")]
    NoDomainId {
        /// Operation name.
        operation: &'static str,
    },
    /// No domain ID is configured for a global service and IAM did not give one.
    #[error(
        "cannot find the domain ID through IAM at {iam_endpoint}: {reason}; \
         set HUAWEICLOUD_SDK_DOMAIN_ID or call Credentials::with_domain_id"
    )]
    DomainDiscovery {
        /// The IAM endpoint asked.
        iam_endpoint: String,
        /// What went wrong.
        reason: String,
    },
    /// Credentials could not be loaded.
    #[error(transparent)]
    Credentials(#[from] CredentialsError),
    /// A config setting is invalid (bad proxy URL, unreadable certificate, bad header value).
    #[error("{setting}: {message}")]
    Invalid {
        /// The setting.
        setting: &'static str,
        /// What is wrong.
        message: String,
    },
}

/// The error of the IAM call behind a [`ConfigError::ProjectDiscovery`], kept whole (status, code,
/// request ID) rather than as text; shared, so that the config error stays cheap to clone.
#[derive(Debug, Clone)]
pub struct DiscoverySource(pub std::sync::Arc<dyn std::error::Error + Send + Sync>);

impl fmt::Display for DiscoverySource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for DiscoverySource {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}

/// Two sources are equal when they say the same: errors have no equality of their own.
impl PartialEq for DiscoverySource {
    fn eq(&self, other: &Self) -> bool {
        self.0.to_string() == other.0.to_string()
    }
}

impl Eq for DiscoverySource {}
