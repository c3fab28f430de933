//! A mock cloud for the generated Huawei Cloud SDK: an HTTP server on 127.0.0.1 that answers every
//! generated operation as the spec documents it, checks what it receives as the real service
//! would, and lets a test script answers and read back requests; and [`examples`], the checks the
//! generated `tests/examples.rs` runs on every documented example. Programs reach it through the
//! SDK's `mock` feature (`huaweicloud_sdk::mock`); it is a crate of its own so that the runtime
//! every program links carries no test server.
//!
//! The generator emits one [`Route`] per operation (method, path, parameters and body with their
//! documented constraints, documented responses, pagination); `huaweicloud_sdk::mock::MockCloud`
//! starts a [`MockServer`] with the routes of the enabled services. For each request the server:
//!
//! 1. finds the route by method and path (404 with API Gateway's `APIGW.0101` body otherwise);
//! 2. checks the `X-Auth-Token` or the SDK-HMAC-SHA256 signature against its own credentials
//!    (401 with `APIGW.0301` and what is wrong);
//! 3. checks mandatory parameters, documented ranges, lengths and value lists, and the JSON body
//!    against the request table (the operation's documented 400 body when one is documented);
//! 4. answers with the next scripted [`Answer`] of the operation, else, for the polling operation
//!    of a job started through it (an operation whose spec declares a `waiter`), the job's state
//!    ([`MockServer::play_job`]), else for a paginated operation a page of the items set with
//!    [`MockServer::set_items`] (without them, of its example's own items, so that its markers
//!    and totals agree with the pages), else the documented example of the success status. Where
//!    the page has no usable example, the generator made one up from the table: every documented
//!    field with a value of its type (a value list's first value, `"string"`, 1, `true`, one
//!    element per list). A success answer carries the response headers its operation declares
//!    ([`Route::headers`]).
//!
//! IAM's `KeystoneListProjects` (the operation the SDK finds a region's project ID with) lists one
//! project until a test sets its items: [`PROJECT_ID`], named [`REGION`]. A config without a
//! project ID therefore finds the mock's, as it would find the account's in the cloud. The mock
//! does not filter by the `name` asked for: a config of another region finds that project too.
//!
//! Every request is recorded ([`MockServer::requests`]) with the rule it broke, which is also
//! logged (`tracing` warn) and sent back in the `X-Mock-Violation` header.

#![deny(missing_docs)]

mod check;
pub mod examples;
mod metadata;
mod serve;

pub use metadata::{METADATA_SECURITY_KEY, METADATA_TOKEN};

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use huaweicloud_sdk_runtime::client::Operation;
use huaweicloud_sdk_runtime::credentials::MetadataProvider;
use huaweicloud_sdk_runtime::waiter::Waiter;
use huaweicloud_sdk_runtime::{Config, ConfigBuilder, Credentials, RetryPolicy};

/// The access key of the mock cloud's credentials.
pub const ACCESS_KEY: &str = "MOCKACCESSKEY0000000";
/// The secret key of the mock cloud's credentials.
pub const SECRET_KEY: &str = "mock-secret-key-not-a-real-one";
/// The project ID of the mock cloud's credentials.
pub const PROJECT_ID: &str = "0123456789abcdef0123456789abcdef";
/// The IAM token the mock cloud accepts in `X-Auth-Token`.
pub const TOKEN: &str = "mock-iam-token";
/// The region of the mock cloud's config.
pub const REGION: &str = "cn-north-4";

#[doc(hidden)]
/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// A `{placeholder}` of the path.
    Path,
    /// The query string.
    Query,
    /// A header.
    Header,
}

#[doc(hidden)]
/// The documented shape of a value and its constraints.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Shape {
    /// A string, with its documented length and value list (empty: any value).
    String {
        /// Minimum length in characters.
        min_len: Option<f64>,
        /// Maximum length in characters.
        max_len: Option<f64>,
        /// Documented values.
        values: &'static [&'static str],
    },
    /// An integer with its documented range and value list (empty: any value).
    Integer {
        /// Minimum.
        min: Option<f64>,
        /// Maximum.
        max: Option<f64>,
        /// Documented values.
        values: &'static [i64],
    },
    /// A number with its documented range.
    Number {
        /// Minimum.
        min: Option<f64>,
        /// Maximum.
        max: Option<f64>,
    },
    /// A boolean.
    Boolean,
    /// Anything.
    Any,
    /// A list.
    Array {
        /// Shape of the elements.
        items: &'static Shape,
        /// Minimum number of elements.
        min_items: Option<f64>,
        /// Maximum number of elements.
        max_items: Option<f64>,
    },
    /// A map from strings.
    Map(&'static Shape),
    /// An object and its fields.
    Object(&'static [Field]),
}

#[doc(hidden)]
/// A field of a body object.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Field {
    /// Name on the wire.
    pub name: &'static str,
    /// Whether it must be present.
    pub mandatory: bool,
    /// Its shape.
    pub shape: Shape,
}

#[doc(hidden)]
/// A path, query or header parameter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Param {
    /// Where it goes.
    pub location: Location,
    /// Name and shape.
    pub field: Field,
}

#[doc(hidden)]
/// How a paginated operation pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    /// Whether the cursor counts pages rather than items (from 0).
    pub by_page: bool,
    /// The first page's cursor when `by_page` (1, or 0 for pages counted from 0).
    pub first_page: i64,
    /// The cursor query parameter (or field of the request body, with `in_body`).
    pub cursor: &'static str,
    /// The page size query parameter (or field of the request body, with `in_body`).
    pub size: Option<&'static str>,
    /// Whether the cursor and the size are top-level fields of the JSON request body.
    pub in_body: bool,
    /// The documented default page size.
    pub default_size: Option<i64>,
    /// The response field holding the items; empty when the body is the array.
    pub items: &'static str,
    /// The response field holding the total, a dotted path through objects (`meta_data.total`).
    pub total: Option<&'static str>,
    /// A marker listing whose pages name the next marker: that response field's wire names,
    /// dotted (`page_info.next_marker`). The mock's markers are item positions.
    pub next: Option<&'static str>,
    /// A marker listing that continues after the item whose field this is (`id`) equals the
    /// marker.
    pub item_marker: Option<&'static str>,
}

#[doc(hidden)]
/// Everything the mock cloud knows of one operation, emitted by the generator.
#[derive(Debug, Clone, Copy)]
pub struct Route {
    /// Service name, e.g. `ddm`.
    pub service: &'static str,
    /// Version module, e.g. `v1`.
    pub version: &'static str,
    /// Name, method and path template.
    pub operation: &'static Operation,
    /// Parameters the client sends (the IAM token header excluded).
    pub params: &'static [Param],
    /// The request body's shape, when the operation takes one.
    pub body: Option<&'static Shape>,
    /// Whether the body is mandatory.
    pub body_mandatory: bool,
    /// Documented statuses with their first documented example body: for a success status
    /// without one, a body made up from its table (`{}` when the table has no row); empty for an
    /// error status without an example.
    pub responses: &'static [(u16, &'static str)],
    /// The headers the success response declares (`X-Subject-Token`): a success answer carries
    /// each, unless the answer sets it ([`Answer::header`]): `X-Subject-Token` with [`TOKEN`],
    /// which this mock accepts, any other with `mock-<name in lower case>`.
    pub headers: &'static [&'static str],
    /// Pagination, when declared.
    pub paging: Option<Paging>,
    /// How the work it starts is waited for, when declared: the mock plays a job on the polling
    /// operation ([`MockServer::play_job`]).
    pub waiter: Option<&'static Waiter>,
}

/// How a job started through the mock cloud plays out on its polling operation: the polls that
/// answer a still-running status, then how it ends. A started job whose operation was not given a
/// script with [`MockServer::play_job`] succeeds after two running polls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JobScript {
    running: usize,
    end: JobEnd,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum JobEnd {
    Success,
    Failure,
    Gone,
    Never,
}

impl JobScript {
    /// `running` polls answer a still-running status, the next ones a success status (or 404 for
    /// a deletion's waiter that lists no success status: `gone: done`).
    pub fn succeeds_after(running: usize) -> Self {
        JobScript { running, end: JobEnd::Success }
    }

    /// `running` polls answer a still-running status, the next ones a failure status with the
    /// error code `MOCK.0001` and a message, where the waiter's spec says the answer has them.
    pub fn fails_after(running: usize) -> Self {
        JobScript { running, end: JobEnd::Failure }
    }

    /// `running` polls answer a still-running status, the next ones 404 (the job or resource is
    /// gone).
    pub fn disappears_after(running: usize) -> Self {
        JobScript { running, end: JobEnd::Gone }
    }

    /// Every poll answers a still-running status (for a waiter's timeout).
    pub fn never_ends() -> Self {
        JobScript { running: usize::MAX, end: JobEnd::Never }
    }
}

/// A job the mock plays on a polling operation.
#[derive(Debug, Clone)]
struct Job {
    waiter: &'static Waiter,
    script: JobScript,
    polls: usize,
    /// The ID a listing lists the job under ([`Waiter::listed`]), from the start's answer or
    /// request.
    id: Option<String>,
}

/// Why the mock cloud did not take a script ([`MockServer::answer`], [`MockServer::set_items`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptError {
    /// The operation name as given.
    pub operation: String,
    /// What is wrong with it.
    pub message: String,
}

impl fmt::Display for ScriptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "mock cloud: `{}` {}", self.operation, self.message)
    }
}

impl std::error::Error for ScriptError {}

/// A scripted answer to the next request of an operation.
#[derive(Debug, Clone)]
pub struct Answer {
    kind: AnswerKind,
    delay: Duration,
    headers: Vec<(String, String)>,
}

#[derive(Debug, Clone)]
enum AnswerKind {
    Json(u16, String),
    Documented(u16),
    Drop,
}

impl Answer {
    /// `status` with this JSON body.
    pub fn json(status: u16, body: impl Into<String>) -> Self {
        Answer { kind: AnswerKind::Json(status, body.into()), delay: Duration::ZERO, headers: Vec::new() }
    }

    /// A documented status of the operation with its documented example body: for a success
    /// without a usable example, the body made up from its table; `{}` for an error status whose
    /// page shows none. A status the operation does not document is refused by
    /// [`MockServer::answer`].
    pub fn documented(status: u16) -> Self {
        Answer { kind: AnswerKind::Documented(status), delay: Duration::ZERO, headers: Vec::new() }
    }

    /// Closes the connection without answering.
    pub fn drop_connection() -> Self {
        Answer { kind: AnswerKind::Drop, delay: Duration::ZERO, headers: Vec::new() }
    }

    /// Waits `delay` before answering.
    #[must_use]
    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    /// Sends header `name` with `value`, in place of any header of that name the answer would
    /// carry (the placeholder of a header its operation declares, [`Route::headers`], or
    /// `X-Request-Id`); set twice, the last value is sent. [`MockServer::answer`] refuses a name
    /// or value HTTP does not allow (a space in the name, a line break in the value).
    #[must_use]
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
}

/// A request the mock cloud received.
#[derive(Debug, Clone)]
pub struct Received {
    /// The operation it matched, if any.
    pub operation: Option<&'static str>,
    /// Method.
    pub method: String,
    /// Path as sent (percent-encoded).
    pub path: String,
    /// Raw query string.
    pub query: Option<String>,
    /// Headers, names lower-cased.
    pub headers: Vec<(String, String)>,
    /// Body bytes.
    pub body: Vec<u8>,
    /// The rule of the spec the request broke, if any.
    pub violation: Option<String>,
    /// The status answered (0 for a dropped connection).
    pub status: u16,
}

impl Received {
    /// The first value of header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
    }
}

/// Which routes a script is for: an operation name alone (every service's and version's
/// operation of that name), with its service (`rds/CreateInstance`), or with its service and
/// version (`rds/v3/CreateInstance`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Target {
    service: Option<&'static str>,
    version: Option<&'static str>,
    name: &'static str,
}

impl Target {
    /// The targets that reach `route`, the most precise first.
    pub(crate) fn of(route: &Route) -> [Target; 3] {
        let name = route.operation.name;
        [
            Target { service: Some(route.service), version: Some(route.version), name },
            Target { service: Some(route.service), version: None, name },
            Target { service: None, version: None, name },
        ]
    }

    /// Whether a script for this target answers `route`'s requests.
    fn reaches(&self, route: &Route) -> bool {
        Target::of(route).contains(self)
    }
}

/// The first queued script of the most precise target of `route` that has one.
pub(crate) fn next_script<T>(queues: &mut HashMap<Target, VecDeque<T>>, route: &Route) -> Option<T> {
    Target::of(route).iter().find_map(|t| queues.get_mut(t).and_then(VecDeque::pop_front))
}

#[derive(Default)]
struct State {
    answers: HashMap<Target, VecDeque<Answer>>,
    /// Scripts for the next jobs started, by starting operation.
    job_scripts: HashMap<Target, VecDeque<JobScript>>,
    /// The jobs each polling operation answers about, by service, version and operation
    /// (several services name their job query `ShowJob`): the last one started, or for a poll
    /// that lists jobs every one started, each under its ID; a job is removed once its end has
    /// been answered (a listed job once it is gone; ended otherwise, it stays listed).
    jobs: HashMap<(&'static str, &'static str, &'static str), Vec<Job>>,
    items: HashMap<Target, Vec<serde_json::Value>>,
    received: Vec<Received>,
    metadata: Option<metadata::Metadata>,
}

/// The shared part of a running mock cloud.
pub(crate) struct Shared {
    routes: Vec<&'static Route>,
    state: Mutex<State>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// A running mock cloud; dropping it stops the server: its listeners and every connection it
/// accepted close, and requests still being answered (a scripted delay among them) are dropped.
pub struct MockServer {
    addr: SocketAddr,
    /// Each service's own address: operations of different services share paths (DDM's
    /// `ListDdms` and RDS's `ListInstances` are both `GET /v3/{project_id}/instances`), so
    /// [`config`](Self::config) calls each service at a port that answers its routes alone, as
    /// each service has its own endpoint in the cloud.
    services: Vec<(&'static str, SocketAddr)>,
    config: Config,
    shared: Arc<Shared>,
    task: tokio::task::JoinHandle<()>,
}

impl fmt::Debug for MockServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockServer").field("addr", &self.addr).field("routes", &self.shared.routes.len()).finish()
    }
}

impl MockServer {
    /// Starts a server on free ports of 127.0.0.1 answering `routes`: one port for every route
    /// ([`url`](Self::url)) and one per service ([`service_url`](Self::service_url)). Must be called inside a
    /// tokio runtime.
    pub async fn start(routes: Vec<&'static Route>) -> std::io::Result<Self> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let mut names: Vec<&'static str> = routes.iter().map(|r| r.service).collect();
        names.sort_unstable();
        names.dedup();
        let mut listeners = vec![(None, listener)];
        let mut services = Vec::new();
        for name in names {
            let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
            services.push((name, listener.local_addr()?));
            listeners.push((Some(name), listener));
        }
        let mut state = State::default();
        if let Some(r) = routes.iter().find(|r| r.service == "iam" && r.operation.name == "KeystoneListProjects") {
            // Project discovery finds the mock's own project (`project_discovery` of IAM's spec).
            let project = serde_json::json!({"id": PROJECT_ID, "name": REGION, "enabled": true, "is_domain": false});
            // Under the bare name, the least precise target: any script a test sets replaces or
            // outranks it.
            state.items.insert(Target::of(r)[2], vec![project]);
        }
        let shared = Arc::new(Shared { routes, state: Mutex::new(state) });
        let serving = Arc::clone(&shared);
        // One task owns every listener: aborting it (on drop) stops them all.
        let task = tokio::spawn(async move {
            let mut set = tokio::task::JoinSet::new();
            for (service, listener) in listeners {
                set.spawn(serve::run(listener, Arc::clone(&serving), service));
            }
            while set.join_next().await.is_some() {}
        });
        let builder = Self::builder(&services);
        let builder = builder.credentials(Credentials::ak_sk(ACCESS_KEY, SECRET_KEY).with_project_id(PROJECT_ID));
        let config = builder.build().map_err(std::io::Error::other)?;
        Ok(MockServer { addr, services, config, shared, task })
    }

    /// Every setting of [`config`](Self::config) but the credentials.
    fn builder(services: &[(&'static str, SocketAddr)]) -> ConfigBuilder {
        let mut builder = Config::builder()
            .region(REGION)
            .read_timeout(Duration::from_secs(10))
            // The mock is on this machine: a proxy from the environment (a corporate HTTP_PROXY)
            // must not carry its calls away.
            .ignore_environment_proxy()
            .retry_policy(RetryPolicy { initial_backoff: Duration::from_millis(10), ..RetryPolicy::default() });
        for (service, addr) in services {
            builder = builder.endpoint(service, format!("http://{addr}"));
        }
        builder
    }

    /// Plays an ECS instance's metadata service too, at this server's URL: `PUT
    /// /meta-data/latest/api/token` gives a session token, and each `GET
    /// /openstack/latest/securitykey` with it issues new temporary keys valid for `lifetime`,
    /// which the mock accepts (with their `X-Security-Token`) until they expire. Requests to it
    /// are recorded as [`METADATA_TOKEN`] and [`METADATA_SECURITY_KEY`]. Point the SDK at it with
    /// `HUAWEICLOUD_SDK_METADATA_ENDPOINT=<url>`, or use [`metadata_config`](Self::metadata_config).
    pub fn serve_metadata(&self, lifetime: Duration) {
        self.shared.lock().metadata = Some(metadata::Metadata::new(lifetime));
    }

    /// A config like [`config`](Self::config) whose credentials come from this mock's metadata
    /// service ([`serve_metadata`](Self::serve_metadata), called first), with project
    /// [`PROJECT_ID`].
    pub fn metadata_config(&self) -> Result<Config, huaweicloud_sdk_runtime::ConfigError> {
        let provider = MetadataProvider::new().endpoint(self.url()).with_project_id(PROJECT_ID);
        Self::builder(&self.services).credentials_provider(provider).build()
    }

    /// The next `requests` security-key requests of the metadata service answer 500 (a renewal
    /// that fails), then it issues keys again.
    pub fn fail_metadata(&self, requests: usize) {
        if let Some(m) = self.shared.lock().metadata.as_mut() {
            m.fail_next(requests);
        }
    }

    /// Refuses every temporary key issued so far, as if they had expired early: calls signed with
    /// them are answered 401.
    pub fn revoke_issued_credentials(&self) {
        if let Some(m) = self.shared.lock().metadata.as_mut() {
            m.revoke_all();
        }
    }

    /// The operations this mock cloud serves, one route each, in the order they were given.
    pub fn routes(&self) -> &[&'static Route] {
        &self.shared.routes
    }

    /// A config that calls this mock cloud: its credentials and project ID, region
    /// [`REGION`], and an endpoint override for every service it serves: each service at its own
    /// port ([`service_url`](Self::service_url)), which answers that service's routes alone.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// `http://127.0.0.1:<port>`: answers every route (where two services have an operation of
    /// the same method and path, the first in route order), and the metadata service.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The URL that answers `service`'s routes alone (`rds`), as its endpoint in
    /// [`config`](Self::config); `None` for a service this mock does not serve.
    pub fn service_url(&self, service: &str) -> Option<String> {
        self.services.iter().find(|(s, _)| s.eq_ignore_ascii_case(service)).map(|(_, a)| format!("http://{a}"))
    }

    /// The address that answers every route ([`url`](Self::url)); each service has its own too.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Queues `answer` for the next request of `operation` (by its documented name, e.g.
    /// `ListUsers`); queued answers are used in order, then the defaults again. Where several
    /// services (or versions) have an operation of that name (101 names, e.g. `CreateInstance` of
    /// DDM and RDS), the bare name scripts all of them (the next request of any takes the answer);
    /// `rds/CreateInstance` (service and name) or `rds/v3/CreateInstance` (service, version module
    /// and name; these two in any case, `RDS/CreateInstance`) scripts that one alone, and is taken
    /// before a bare name's script.
    ///
    /// # Errors
    ///
    /// [`ScriptError`] when this mock cloud serves no operation of that name (a typo would
    /// otherwise leave the test talking to the default answer), when a [`Answer::documented`]
    /// status is not documented for it (for a bare name, by every operation the name scripts), or
    /// when a header of the answer ([`Answer::header`]) is not a valid HTTP header.
    pub fn answer(&self, operation: &str, answer: Answer) -> Result<(), ScriptError> {
        let (target, _) = self.target(operation)?;
        if let AnswerKind::Documented(status) = answer.kind {
            let undocumented =
                self.shared.routes.iter().find(|r| target.reaches(r) && !r.responses.iter().any(|(s, _)| *s == status));
            if let Some(r) = undocumented {
                let statuses: Vec<String> = r.responses.iter().map(|(s, _)| s.to_string()).collect();
                return Err(ScriptError {
                    operation: operation.to_owned(),
                    message: format!(
                        "does not document status {status} ({}/{}/{} documents {}); script it with `Answer::json`",
                        r.service,
                        r.version,
                        r.operation.name,
                        statuses.join(", ")
                    ),
                });
            }
        }
        for (name, value) in &answer.headers {
            serve::header(name, value).map_err(|message| ScriptError { operation: operation.to_owned(), message })?;
        }
        self.shared.lock().answers.entry(target).or_default().push_back(answer);
        Ok(())
    }

    /// Sets the items a paginated operation pages through (offsets, limits and totals honoured).
    ///
    /// # Errors
    ///
    /// [`ScriptError`] when this mock cloud serves no operation of that name, or when the
    /// operation does not page (its spec declares no pagination; script it with
    /// [`answer`](Self::answer)).
    pub fn set_items(&self, operation: &str, items: Vec<serde_json::Value>) -> Result<(), ScriptError> {
        let (target, route) = self.target(operation)?;
        if route.paging.is_none() {
            return Err(ScriptError {
                operation: operation.to_owned(),
                message: "does not page (its spec declares no pagination); script its answer with `answer`".to_owned(),
            });
        }
        self.shared.lock().items.insert(target, items);
        Ok(())
    }

    /// Scripts the next job started by `operation` (an operation whose spec declares a waiter,
    /// e.g. `CreateInstance`): how the polls of its polling operation (`ShowDdmJobResult`) play
    /// out. Operations are named as in [`answer`](Self::answer): `rds/CreateInstance` scripts
    /// RDS's alone, a bare name every operation of that name (its waiter checked on the first in
    /// route order, DDM's `CreateInstance`). Scripts are used in order, one per successful call of `operation`; after them each
    /// job succeeds after two running polls. The polls answer the polling operation's documented
    /// example with the status (and progress, error code and message) the waiter reads set; a
    /// poll that lists jobs (DDM's `ListTasks`) answers a page that lists every job started on
    /// it, each under the ID its start answered with or was asked about (an ended job with its
    /// end state), and leaves out a job once it is gone.
    ///
    /// # Errors
    ///
    /// [`ScriptError`] when this mock cloud serves no operation of that name, when its spec
    /// declares no waiter, or for [`JobScript::fails_after`] when the waiter lists no failure
    /// status.
    pub fn play_job(&self, operation: &str, script: JobScript) -> Result<(), ScriptError> {
        let (target, route) = self.target(operation)?;
        let Some(waiter) = route.waiter else {
            return Err(ScriptError {
                operation: operation.to_owned(),
                message: "starts no job the mock can play (its spec declares no `waiter`)".to_owned(),
            });
        };
        if script.end == JobEnd::Failure && waiter.failure.is_empty() {
            return Err(ScriptError {
                operation: operation.to_owned(),
                message: format!("cannot fail: its waiter lists no failure status of `{}`", waiter.poll),
            });
        }
        self.shared.lock().job_scripts.entry(target).or_default().push_back(script);
        Ok(())
    }

    /// Every request received so far.
    pub fn requests(&self) -> Vec<Received> {
        self.shared.lock().received.clone()
    }

    /// The requests received for `operation`.
    pub fn requests_of(&self, operation: &str) -> Vec<Received> {
        self.requests().into_iter().filter(|r| r.operation == Some(operation)).collect()
    }

    /// The names of the operations served.
    pub fn operations(&self) -> Vec<&'static str> {
        self.shared.routes.iter().map(|r| r.operation.name).collect()
    }

    /// The target `operation` names (`Name`, `service/Name` or `service/version/Name`) and its
    /// first route.
    fn target(&self, operation: &str) -> Result<(Target, &'static Route), ScriptError> {
        let parts: Vec<&str> = operation.split('/').collect();
        let (service, version, name) = match parts.as_slice() {
            [name] => (None, None, *name),
            [service, name] => (Some(*service), None, *name),
            [service, version, name] => (Some(*service), Some(*version), *name),
            _ => (None, None, operation),
        };
        // Service and version in any case (`RDS/V3/ListInstances`), as `service_url` takes them;
        // the operation's name as documented.
        let route = self.route(name, |r| {
            service.is_none_or(|s| s.eq_ignore_ascii_case(r.service))
                && version.is_none_or(|v| v.eq_ignore_ascii_case(r.version))
        });
        let route = route.map_err(|mut e| {
            e.operation = operation.to_owned();
            if service.is_some() {
                e.message = format!(
                    "names no operation of this mock cloud (as `Name`, `service/Name` or `service/version/Name`): {}",
                    e.message
                );
            }
            e
        })?;
        let target = Target {
            service: service.map(|_| route.service),
            version: version.map(|_| route.version),
            name: route.operation.name,
        };
        Ok((target, route))
    }

    fn route(&self, operation: &str, with: impl Fn(&Route) -> bool) -> Result<&'static Route, ScriptError> {
        self.shared.routes.iter().copied().find(|r| r.operation.name == operation && with(r)).ok_or_else(|| {
            let lower = operation.to_ascii_lowercase();
            let near: Vec<&str> = self
                .shared
                .routes
                .iter()
                .map(|r| r.operation.name)
                .filter(|n| {
                    n.to_ascii_lowercase() == lower || (lower.len() > 3 && n.to_ascii_lowercase().contains(&lower))
                })
                .take(5)
                .collect();
            let hint = if near.is_empty() { String::new() } else { format!(" (did you mean {})", near.join(", ")) };
            ScriptError {
                operation: operation.to_owned(),
                message: format!("is not an operation this mock cloud serves{hint}; `operations()` lists them"),
            }
        })
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}
