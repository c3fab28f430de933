//! Waiting for the work an operation starts and does not finish: a DDM instance created, a DWS
//! cluster resized, a DWS ELB bound. Such an operation answers at once with a job ID (or the ID of
//! a resource whose status moves), and another operation tells how the work stands: DDM's
//! `ShowDdmJobResult` (`Running`, `Completed`, `Failed`), DWS's `ListJobDetails` (`INIT`,
//! `RUNNING`, `SUCCESS`, `FAIL`), a cluster's `CREATING` that becomes `AVAILABLE`.
//!
//! The spec of such an operation declares its `waiter` (spec/README.md): which operation polls it
//! with which of the answer's fields, where the poll's answer has the status, and which status
//! words mean done, failed and still running. The generated client then has a
//! `wait_for_<operation>` method next to the operation's own:
//!
//! ```no_run
//! # use huaweicloud_sdk_runtime::waiter::{WaitError, WaitOptions};
//! # use std::time::Duration;
//! # async fn f() -> Result<(), Box<dyn std::error::Error>> {
//! # let options =
//! WaitOptions::new()
//!     .timeout(Duration::from_secs(20 * 60))
//!     .interval(Duration::from_secs(5), Duration::from_secs(60))
//!     .on_progress(|p| eprintln!("{}: {} {}", p.operation, p.status, p.progress.as_deref().unwrap_or("")));
//! // let started = client.create_instance(&request).await?;
//! // let job = client.wait_for_create_instance(&request, &started, &options).await?;
//! # Ok(()) }
//! ```
//!
//! The start's answer stays with the caller, so that a wait that timed out can be taken up again
//! with another `wait_for_` call. Each poll is an ordinary call of the polling operation, with the
//! client's retries and time bounds; between polls the waiter sleeps an interval that doubles up to
//! a ceiling. Dropping the future stops the waiting (nothing more is sent). A status word the spec
//! does not list is taken as still running (services add intermediate states) and shown to
//! [`WaitOptions::on_progress`]. How the wait ends is [`WaitError`]: the work failed (with the
//! service's code and message), the time ran out (with the last status), the job or resource is
//! gone (the poll answered 404), the start's answer has no ID to poll with, an answer has no
//! status, or a poll failed. A deletion's waiter returns an `Option` instead: `None` once the
//! resource is gone.
//!
//! To take a wait up again (after a restart, from a stored job ID), rebuild the start's answer:
//! `let mut started = CreateInstanceResponse::default(); started.job_id = Some(job_id);` (the
//! generated method reads the typed fields).

use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use serde_json::Value;
use tokio::time::Instant;

use crate::client::Output;
use crate::error::Error;
use crate::paginate::Paginator;

/// How one operation's work is waited for: the spec's `waiter`, emitted by the generator as a
/// `static` (the mock cloud reads it too, to play jobs). Paths are the wire names of nested
/// fields of the polling operation's success body (`["job", "status"]`).
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Waiter {
    /// The operation that starts the work (`CreateInstance`).
    pub operation: &'static str,
    /// The operation that tells how it stands (`ShowDdmJobResult`).
    pub poll: &'static str,
    /// Where the poll's answer has the status.
    pub status: &'static [&'static str],
    /// Status words that mean the work is done.
    pub success: &'static [&'static str],
    /// Status words that mean it failed.
    pub failure: &'static [&'static str],
    /// Status words that mean it is still running.
    pub pending: &'static [&'static str],
    /// Where the answer has the progress (`"60%"`), when it says.
    pub progress: Option<&'static [&'static str]>,
    /// Where a failed job's error code is, when the answer says.
    pub error_code: Option<&'static [&'static str]>,
    /// Where a failed job's error message is, when the answer says.
    pub error_message: Option<&'static [&'static str]>,
    /// Whether a 404 from the poll means the work is done (a deletion: the resource is gone):
    /// the generated method then calls [`wait_until_gone`] instead of [`wait`], and the mock cloud
    /// answers such a job's end with 404.
    pub gone_is_done: bool,
    /// For a poll that lists jobs (DDM's `ListTasks`): which item is this work's. The paths above
    /// are then the item's fields.
    pub listed: Option<Listed>,
}

/// Which item of a polling listing is the work's (the spec's `waiter.item`): the one whose `key`
/// field holds the ID.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Listed {
    /// Where a page of the poll has the items (`["jobs"]`).
    pub items: &'static [&'static str],
    /// The item's field that holds the ID (`["id"]`).
    pub key: &'static [&'static str],
    /// Where the ID comes from (the mock cloud lists its job under it).
    pub id: IdSource,
}

/// Where a [`Listed`] waiter's ID comes from.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdSource {
    /// The start's success body, at this path (`["job_id"]`).
    Response(&'static [&'static str]),
    /// The start's request: its path or query parameter of this wire name (`job_id`).
    Request(&'static str),
}

/// What a waiter has seen after a poll, given to [`WaitOptions::on_progress`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Progress {
    /// The operation whose work is waited for (`CreateInstance`).
    pub operation: &'static str,
    /// Polls so far, this one included (from 1).
    pub polls: u32,
    /// Time since the wait began.
    pub elapsed: Duration,
    /// The status word of this poll's answer (`Running`).
    pub status: String,
    /// The progress the answer gives (`"60%"`), when its spec names where.
    pub progress: Option<String>,
    /// The request ID of this poll's answer.
    pub request_id: Option<String>,
}

/// How long and how often to poll: by default for at most 30 minutes, the first poll at once, the
/// next after 2 seconds, then at intervals that double up to 30 seconds, with no progress
/// callback.
#[derive(Clone)]
pub struct WaitOptions {
    timeout: Duration,
    delay: Duration,
    first: Duration,
    ceiling: Duration,
    on_progress: Option<ProgressFn>,
}

/// What [`WaitOptions::on_progress`] keeps.
type ProgressFn = Arc<dyn Fn(&Progress) + Send + Sync>;

impl Default for WaitOptions {
    fn default() -> Self {
        WaitOptions {
            timeout: Duration::from_secs(30 * 60),
            delay: Duration::ZERO,
            first: Duration::from_secs(2),
            ceiling: Duration::from_secs(30),
            on_progress: None,
        }
    }
}

impl fmt::Debug for WaitOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WaitOptions")
            .field("timeout", &self.timeout)
            .field("delay", &self.delay)
            .field("interval", &(self.first, self.ceiling))
            .field("on_progress", &self.on_progress.as_ref().map(|_| "Fn(&Progress)"))
            .finish()
    }
}

impl WaitOptions {
    /// The defaults (see [`WaitOptions`]).
    pub fn new() -> Self {
        Self::default()
    }

    /// How long the wait may take: polls stop at this deadline, with a last poll made at it
    /// (bounded by the client's own operation timeout), then [`WaitError::TimedOut`].
    /// `Duration::MAX` waits for ever.
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// A pause before the first poll (none by default): for a resource whose status the service
    /// changes a moment after answering, so that the first poll does not see the status from
    /// before the work began. It counts towards the timeout.
    #[must_use]
    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    /// The pause after the first poll (`first`), doubled after each poll up to `max`. A `max`
    /// below `first` is taken as `first` (a fixed interval); polls are at least 1 ms apart after
    /// the first pause, so that a zero interval still backs off.
    #[must_use]
    pub fn interval(mut self, first: Duration, max: Duration) -> Self {
        self.first = first;
        self.ceiling = max.max(first).max(MIN_INTERVAL);
        self
    }

    /// Called after each poll whose answer has a status, with what it says.
    #[must_use]
    pub fn on_progress(mut self, f: impl Fn(&Progress) + Send + Sync + 'static) -> Self {
        self.on_progress = Some(Arc::new(f));
        self
    }
}

/// The shortest pause between two polls after the first pause.
const MIN_INTERVAL: Duration = Duration::from_millis(1);

/// How a job ended in failure: what [`WaitError::Failed`] holds.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct JobFailure {
    /// The operation whose work failed.
    pub operation: &'static str,
    /// The failure word (`Failed`, `FAIL`, `CREATION FAILED`).
    pub status: String,
    /// The error code the answer gives, when its spec names where.
    pub code: Option<String>,
    /// The error message the answer gives, when its spec names where.
    pub message: Option<String>,
    /// The request ID of the poll that saw the failure.
    pub request_id: Option<String>,
    /// Polls made.
    pub polls: u32,
    /// The body of the answer that reported the failure, as received (what else it says:
    /// sub-jobs, failed reasons).
    pub body: crate::RawBody,
}

/// How a wait ended without the work being done. `E` is the polling operation's documented error
/// type (as in [`Error<E>`]).
#[derive(Debug)]
#[non_exhaustive]
pub enum WaitError<E> {
    /// The work failed: the poll's answer has one of the spec's failure words (boxed: the
    /// largest part of a `WaitError`).
    Failed(Box<JobFailure>),
    /// The time of [`WaitOptions::timeout`] ran out before the work ended.
    #[non_exhaustive]
    TimedOut {
        /// The operation whose work was waited for.
        operation: &'static str,
        /// How long the wait took.
        elapsed: Duration,
        /// Polls answered.
        polls: u32,
        /// The status of the last answer, if any came.
        last_status: Option<String>,
    },
    /// The polling operation answered 404: the job or the resource is gone (deleted, or an ID
    /// the service does not know); for a poll that lists jobs, the listing does not hold it.
    #[non_exhaustive]
    Gone {
        /// The operation whose work was waited for.
        operation: &'static str,
        /// The status of the last answer before, if any.
        last_status: Option<String>,
        /// The request ID of the 404.
        request_id: Option<String>,
    },
    /// The start's answer has no value where the spec says the polling operation's ID is, so
    /// there is nothing to poll.
    #[non_exhaustive]
    MissingId {
        /// The operation whose answer lacks it.
        operation: &'static str,
        /// The field, as the spec names it (`response.job_id`, `request.cluster_id`).
        field: &'static str,
    },
    /// A poll's answer has no status where the spec says it is (the service answered something
    /// else than its documented body).
    #[non_exhaustive]
    NoStatus {
        /// The operation whose work was waited for.
        operation: &'static str,
        /// The polling operation.
        poll: &'static str,
        /// The request ID of that answer.
        request_id: Option<String>,
    },
    /// A poll failed (after the client's retries): transport, time bounds, an error status other
    /// than 404, an undecodable body.
    Poll(Error<E>),
}

impl<E: fmt::Debug> fmt::Display for WaitError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let id = |r: &Option<String>| r.as_deref().map(|r| format!(" (request ID {r})")).unwrap_or_default();
        match self {
            WaitError::Failed(failure) => {
                let JobFailure { operation, status, code, message, request_id, polls, .. } = &**failure;
                write!(f, "{operation} failed: status {status:?} after {polls} poll(s)")?;
                if let Some(code) = code {
                    write!(f, ", code {code}")?;
                }
                if let Some(message) = message {
                    write!(f, ": {message}")?;
                }
                write!(f, "{}", id(request_id))
            }
            WaitError::TimedOut { operation, elapsed, polls, last_status } => {
                let last = last_status.as_deref().map_or("no status yet".to_owned(), |s| format!("last status {s:?}"));
                write!(f, "waiting for {operation} timed out after {elapsed:?} and {polls} poll(s), {last}")
            }
            WaitError::Gone { operation, last_status, request_id } => {
                let last = last_status.as_deref().map(|s| format!(" (last status {s:?})")).unwrap_or_default();
                write!(
                    f,
                    "the job or resource of {operation} is gone: its poll answered 404, or its listing does not hold it{last}{}",
                    id(request_id)
                )
            }
            WaitError::MissingId { operation, field } => {
                write!(f, "cannot wait for {operation}: its {field} is missing, so there is nothing to poll")
            }
            WaitError::NoStatus { operation, poll, request_id } => {
                write!(f, "waiting for {operation}: {poll} answered without a status{}", id(request_id))
            }
            WaitError::Poll(e) => write!(f, "waiting for the work: a poll failed: {e}"),
        }
    }
}

impl<E: fmt::Debug + 'static> std::error::Error for WaitError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WaitError::Poll(e) => Some(e),
            _ => None,
        }
    }
}

/// The text at `path` of a JSON body: a string as it is, a number or boolean written out; `None`
/// when absent or `null` or another shape. The mock cloud reads a started job's ID with it.
#[doc(hidden)]
pub fn text_at(body: &Value, path: &[&str]) -> Option<String> {
    let value = path.iter().try_fold(body, |v, k| v.get(k))?;
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The value the polling operation needs, read from the start's answer or request by the
/// generated code: [`WaitError::MissingId`] naming `field` when it is absent or empty.
#[doc(hidden)]
pub fn id<E>(waiter: &'static Waiter, value: Option<String>, field: &'static str) -> Result<String, WaitError<E>> {
    value.filter(|id| !id.is_empty()).ok_or(WaitError::MissingId { operation: waiter.operation, field })
}

/// How a wait ended well: the poll's answer with a done status, or a 404 (for a waiter whose 404
/// means done, [`Waiter::gone_is_done`]).
enum Ended<R> {
    Done(R),
    Gone { last_status: Option<String>, request_id: Option<String> },
}

/// One poll, as the loop reads it.
enum Polled<R> {
    /// An answer: the typed value, its JSON (where the waiter's paths are read), its bytes and
    /// its request ID.
    Answer { answer: R, json: Value, raw: crate::RawBody, request_id: Option<String> },
    /// The job or resource is gone: the poll answered 404, or its listing does not hold it.
    Gone { request_id: Option<String> },
}

/// A 404 of the service, not the gateway's: `APIGW.0101` is an API that does not exist (a wrong
/// endpoint), which says nothing of the job.
fn gone<R, E>(e: Error<E>) -> Result<Polled<R>, Error<E>> {
    if e.status() == Some(404) && !is_gateway(&e) {
        Ok(Polled::Gone { request_id: e.request_id().map(str::to_owned) })
    } else {
        Err(e)
    }
}

/// One call's answer as a poll.
fn answered<R: Output, E>(answer: Result<R, Error<E>>) -> Result<Polled<R>, Error<E>> {
    match answer {
        Ok(answer) => {
            let meta = answer.meta();
            let json = serde_json::from_slice(meta.body()).unwrap_or(Value::Null);
            let raw = crate::RawBody::from(meta.body()).hidden_if(meta.secret);
            let request_id = meta.request_id().map(str::to_owned);
            Ok(Polled::Answer { answer, json, raw, request_id })
        }
        Err(e) => gone(e),
    }
}

/// Walks a polling listing until the item whose [`Listed::key`] is `id`. The job is gone only
/// when two walks in a row (`pages`, then `again`, a fresh listing) end without it: an item can
/// slip from one page to the previous one while an offset listing is walked. A page that fails
/// (a 404 included: a listing's 404 says nothing of one job) is a failed poll.
async fn find<T: Serialize, E>(
    waiter: &Waiter,
    id: &str,
    pages: Paginator<T, E>,
    again: Paginator<T, E>,
) -> Result<Polled<T>, Error<E>> {
    for mut pages in [pages, again] {
        if let Some(found) = walk(waiter, id, &mut pages).await? {
            return Ok(found);
        }
    }
    Ok(Polled::Gone { request_id: None })
}

async fn walk<T: Serialize, E>(
    waiter: &Waiter,
    id: &str,
    pages: &mut Paginator<T, E>,
) -> Result<Option<Polled<T>>, Error<E>> {
    let key = waiter.listed.map_or(&[][..], |l| l.key);
    while let Some(item) = pages.next().await {
        let item = item?;
        // A generated model always encodes; `Null` (no key) would only skip an item.
        let json = serde_json::to_value(&item).unwrap_or(Value::Null);
        if text_at(&json, key).as_deref() == Some(id) {
            let raw = crate::RawBody::from(serde_json::to_vec(&json).unwrap_or_default().as_slice())
                .hidden_if(pages.secret_items());
            return Ok(Some(Polled::Answer { answer: item, json, raw, request_id: None }));
        }
    }
    Ok(None)
}

/// Polls with `poll` until the answer's status is one of `waiter`'s success words (its answer), a
/// failure word, the time of `options` runs out, the poll answers 404 ([`WaitError::Gone`]) or
/// fails. The generated `wait_for_` methods call it.
#[doc(hidden)]
pub async fn wait<R, E, F, Fut>(waiter: &'static Waiter, options: &WaitOptions, poll: F) -> Result<R, WaitError<E>>
where
    R: Output,
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<R, Error<E>>>,
{
    gone_is_error(waiter, by_calls(waiter, options, poll).await?)
}

/// [`wait`] for a waiter whose 404 means the work is done (a deletion): `Ok(None)` then, the
/// answer of a done status otherwise.
#[doc(hidden)]
pub async fn wait_until_gone<R, E, F, Fut>(
    waiter: &'static Waiter,
    options: &WaitOptions,
    poll: F,
) -> Result<Option<R>, WaitError<E>>
where
    R: Output,
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<R, Error<E>>>,
{
    Ok(gone_is_none(by_calls(waiter, options, poll).await?))
}

/// [`wait`] for a waiter whose poll lists jobs ([`Waiter::listed`]): each poll walks the listing
/// `poll` gives (a fresh one each time) until the item whose key is `id`, and reads the status in
/// it; the answer is that item. Two walks in a row without it are [`WaitError::Gone`]. The last
/// poll, at the deadline, may walk for 60 s more (or the timeout's length, when shorter). For such a waiter, [`Progress`] and
/// [`JobFailure`] have no request ID (an item comes from one page among several), and
/// [`JobFailure::body`] is the item as decoded and encoded again.
#[doc(hidden)]
pub async fn wait_listed<T, E, F>(
    waiter: &'static Waiter,
    options: &WaitOptions,
    id: &str,
    poll: F,
) -> Result<T, WaitError<E>>
where
    T: Serialize,
    F: FnMut() -> Paginator<T, E>,
{
    gone_is_error(waiter, by_walks(waiter, options, id, poll).await?)
}

/// [`wait_listed`] for a waiter whose work is done once the listing no longer holds the item
/// (two walks in a row without it): `Ok(None)` then.
#[doc(hidden)]
pub async fn wait_listed_until_gone<T, E, F>(
    waiter: &'static Waiter,
    options: &WaitOptions,
    id: &str,
    poll: F,
) -> Result<Option<T>, WaitError<E>>
where
    T: Serialize,
    F: FnMut() -> Paginator<T, E>,
{
    Ok(gone_is_none(by_walks(waiter, options, id, poll).await?))
}

/// The loop with each poll one call of the polling operation.
async fn by_calls<R, E, F, Fut>(
    waiter: &'static Waiter,
    options: &WaitOptions,
    mut poll: F,
) -> Result<Ended<R>, WaitError<E>>
where
    R: Output,
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<R, Error<E>>>,
{
    run(waiter, options, None, || {
        let call = poll();
        async move { answered(call.await) }
    })
    .await
}

/// The loop with each poll a walk of a listing (two when the item is not found), the last one
/// bounded.
async fn by_walks<T, E, F>(
    waiter: &'static Waiter,
    options: &WaitOptions,
    id: &str,
    mut poll: F,
) -> Result<Ended<T>, WaitError<E>>
where
    T: Serialize,
    F: FnMut() -> Paginator<T, E>,
{
    run(waiter, options, Some(LAST_WALK.min(options.timeout)), || {
        let (pages, again) = (poll(), poll());
        find(waiter, id, pages, again)
    })
    .await
}

fn gone_is_error<R, E>(waiter: &Waiter, ended: Ended<R>) -> Result<R, WaitError<E>> {
    match ended {
        Ended::Done(response) => Ok(response),
        Ended::Gone { last_status, request_id } => {
            Err(WaitError::Gone { operation: waiter.operation, last_status, request_id })
        }
    }
}

fn gone_is_none<R>(ended: Ended<R>) -> Option<R> {
    match ended {
        Ended::Done(response) => Some(response),
        Ended::Gone { .. } => None,
    }
}

/// How long the last poll of a listed waiter, made at the deadline, may walk its listing (each
/// page a call with the client's own bounds): one call is bounded by the client's operation
/// timeout, a walk of many pages is not.
const LAST_WALK: Duration = Duration::from_secs(60);

/// Milliseconds since the Unix epoch, `offset` seconds from now (negative: before): the value of
/// a polling request's time parameter the spec fills with `now`, `now-<duration>` or
/// `now+<duration>` (DDM's `ListTasks` takes its window as `start_time` and `end_time` in epoch
/// milliseconds). Saturates at 0 and `i64::MAX`.
#[doc(hidden)]
pub fn epoch_ms(offset: i64) -> i64 {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let now = i64::try_from(now.as_millis()).unwrap_or(i64::MAX);
    now.saturating_add(offset.saturating_mul(1000)).max(0)
}

/// The status of a poll's answer: the text at the waiter's status path; an absent, `null` or
/// empty one is the empty word when the waiter lists it (`success: [""]`: done when the field is
/// gone), else `None`.
fn status_of(waiter: &Waiter, body: &Value) -> Option<String> {
    let listed = |w: &str| waiter.success.contains(&w) || waiter.failure.contains(&w) || waiter.pending.contains(&w);
    // The empty word needs the object that would hold the status: an answer without it (or not
    // JSON) says nothing.
    let parent = waiter.status.split_last().map_or(&[][..], |(_, p)| p);
    let has_parent = parent.iter().try_fold(body, |v, k| v.get(k)).is_some_and(Value::is_object);
    match text_at(body, waiter.status) {
        Some(s) if !s.is_empty() => Some(s),
        _ if has_parent && listed("") => Some(String::new()),
        other => other,
    }
}

/// `last_bound`: how long the last poll (made at the deadline) may take, when the client's own
/// bounds do not bound it (a walk of many pages).
async fn run<R, E, F, Fut>(
    waiter: &'static Waiter,
    options: &WaitOptions,
    last_bound: Option<Duration>,
    mut poll: F,
) -> Result<Ended<R>, WaitError<E>>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<Polled<R>, Error<E>>>,
{
    let began = Instant::now();
    let deadline = began.checked_add(options.timeout);
    let mut interval = options.first;
    let mut polls = 0u32;
    let mut last_status: Option<String> = None;
    let timed_out = |polls: u32, last_status: Option<String>| WaitError::TimedOut {
        operation: waiter.operation,
        elapsed: began.elapsed(),
        polls,
        last_status,
    };
    // The first poll after the delay; each later one after the interval. `None`: the wake-up
    // time is past what an `Instant` can hold, that is never.
    let mut wake = began.checked_add(options.delay);
    loop {
        // A wake-up at or past the deadline is the last poll, made at the deadline (bounded by
        // the client's own time bounds), so that work done in the last interval is seen.
        let last = match (deadline, wake) {
            (Some(deadline), Some(wake)) if wake < deadline => {
                tokio::time::sleep_until(wake).await;
                false
            }
            (Some(deadline), _) => {
                tokio::time::sleep_until(deadline).await;
                true
            }
            (None, Some(wake)) => {
                tokio::time::sleep_until(wake).await;
                false
            }
            (None, None) => std::future::pending::<bool>().await,
        };
        let bound = match (deadline, last) {
            (Some(deadline), false) => Some(deadline),
            (Some(deadline), true) => last_bound.and_then(|b| deadline.checked_add(b)),
            (None, _) => None,
        };
        let answer = match bound {
            Some(bound) => match tokio::time::timeout_at(bound, poll()).await {
                Ok(answer) => answer,
                Err(_) => return Err(timed_out(polls, last_status)),
            },
            None => poll().await,
        };
        let (response, body, raw, request_id) = match answer {
            Ok(Polled::Answer { answer, json, raw, request_id }) => (answer, json, raw, request_id),
            Ok(Polled::Gone { request_id }) => return Ok(Ended::Gone { last_status, request_id }),
            Err(e) => return Err(WaitError::Poll(e)),
        };
        polls = polls.saturating_add(1);
        let Some(status) = status_of(waiter, &body) else {
            return Err(WaitError::NoStatus { operation: waiter.operation, poll: waiter.poll, request_id });
        };
        if let Some(report) = &options.on_progress {
            report(&Progress {
                operation: waiter.operation,
                polls,
                elapsed: began.elapsed(),
                status: status.clone(),
                progress: waiter.progress.and_then(|p| text_at(&body, p)),
                request_id: request_id.clone(),
            });
        }
        if waiter.success.contains(&status.as_str()) {
            return Ok(Ended::Done(response));
        }
        if waiter.failure.contains(&status.as_str()) {
            return Err(WaitError::Failed(Box::new(JobFailure {
                operation: waiter.operation,
                code: waiter.error_code.and_then(|p| text_at(&body, p)),
                message: waiter.error_message.and_then(|p| text_at(&body, p)),
                status,
                request_id,
                polls,
                body: raw,
            })));
        }
        // Still running, or a word the spec does not list (taken as still running).
        if last {
            return Err(timed_out(polls, Some(status)));
        }
        last_status = Some(status);
        wake = Instant::now().checked_add(interval);
        interval = interval.saturating_mul(2).max(MIN_INTERVAL).min(options.ceiling);
    }
}

/// Whether an error is API Gateway's own (`APIGW.*`: no such API, throttled, unauthorised), not
/// the service's.
fn is_gateway<E>(e: &Error<E>) -> bool {
    e.service_error().and_then(|s| s.code.as_deref()).is_some_and(|c| c.starts_with("APIGW."))
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;
    use std::sync::Mutex;

    use super::*;
    use crate::client::{NoContent, ResponseMeta};
    use crate::error::ServiceError;

    static JOB: Waiter = Waiter {
        operation: "CreateThing",
        poll: "ShowJob",
        status: &["job", "status"],
        success: &["SUCCESS"],
        failure: &["FAIL"],
        pending: &["RUNNING"],
        progress: Some(&["job", "progress"]),
        error_code: Some(&["job", "fail_code"]),
        error_message: Some(&["job", "fail_reason"]),
        gone_is_done: false,
        listed: None,
    };

    fn answer(body: &str) -> Result<NoContent, Error> {
        let mut r = NoContent::default();
        r.set_meta(ResponseMeta::test(200, body.as_bytes()));
        Ok(r)
    }

    fn status(s: &str) -> Result<NoContent, Error> {
        answer(&format!(r#"{{"job": {{"status": "{s}", "progress": "{}"}}}}"#, s.len()))
    }

    fn not_found() -> Result<NoContent, Error> {
        let error = ServiceError::from_response(404, Some("req-404".to_owned()), b"{}");
        Err(Error::Service { operation: "ShowJob", error: Box::new(error), documented: None, attempts: 1 })
    }

    fn fast() -> WaitOptions {
        WaitOptions::new().interval(Duration::from_millis(1), Duration::from_millis(4))
    }

    /// Waits with answers taken in order from `answers` (the last one repeated).
    async fn run(
        options: &WaitOptions,
        answers: Vec<Result<NoContent, Error>>,
    ) -> (Result<NoContent, WaitError<std::convert::Infallible>>, usize) {
        let queue = Mutex::new(VecDeque::from(answers));
        let calls = Mutex::new(0usize);
        let result = wait(&JOB, options, || {
            *calls.lock().expect("lock") += 1;
            let mut q = queue.lock().expect("lock");
            let next = if q.len() > 1 {
                q.pop_front()
            } else {
                q.front().map(|a| match a {
                    Ok(r) => Ok(r.clone()),
                    Err(_) => not_found(),
                })
            };
            let next = next.unwrap_or_else(not_found);
            async move { next }
        })
        .await;
        let calls = *calls.lock().expect("lock");
        (result, calls)
    }

    #[tokio::test]
    async fn done_after_running_polls_with_progress_reported() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        let options = fast()
            .on_progress(move |p| log.lock().expect("lock").push((p.polls, p.status.clone(), p.progress.clone())));
        let (result, calls) = run(&options, vec![status("RUNNING"), status("RUNNING"), status("SUCCESS")]).await;
        assert!(result.is_ok(), "{result:?}");
        assert_eq!(calls, 3);
        let seen = seen.lock().expect("lock").clone();
        assert_eq!(
            seen.iter().map(|(n, s, _)| (*n, s.as_str())).collect::<Vec<_>>(),
            [(1, "RUNNING"), (2, "RUNNING"), (3, "SUCCESS")]
        );
        assert_eq!(seen[0].2.as_deref(), Some("7"));
    }

    #[tokio::test]
    async fn a_failure_word_is_the_failure_with_its_code_and_message() {
        let failed = answer(r#"{"job": {"status": "FAIL", "fail_code": "X.0001", "fail_reason": "no quota"}}"#);
        let (result, _) = run(&fast(), vec![status("RUNNING"), failed]).await;
        match result {
            Err(WaitError::Failed(f)) => {
                assert_eq!(
                    (f.status.as_str(), f.code.as_deref(), f.message.as_deref(), f.polls, f.operation),
                    ("FAIL", Some("X.0001"), Some("no quota"), 2, "CreateThing")
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[tokio::test]
    async fn an_unlisted_word_is_still_running_and_the_timeout_names_the_last_status() {
        let options = fast().timeout(Duration::from_millis(30));
        let (result, calls) = run(&options, vec![status("RUNNING"), status("QUEUED")]).await;
        match result {
            Err(e @ WaitError::TimedOut { .. }) => {
                let WaitError::TimedOut { last_status, polls, elapsed, .. } = &e else { unreachable!() };
                assert_eq!(last_status.as_deref(), Some("QUEUED"));
                assert!(*polls >= 2 && *elapsed >= Duration::from_millis(30), "{e:?}");
                assert!(e.to_string().contains("last status \"QUEUED\""), "{e}");
            }
            other => panic!("{other:?}"),
        }
        assert!(calls >= 2);
    }

    #[tokio::test]
    async fn a_404_is_gone_and_an_answer_without_status_is_said() {
        let (result, _) = run(&fast(), vec![status("RUNNING"), not_found()]).await;
        match result {
            Err(WaitError::Gone { last_status, request_id, .. }) => {
                assert_eq!((last_status.as_deref(), request_id.as_deref()), (Some("RUNNING"), Some("req-404")));
            }
            other => panic!("{other:?}"),
        }
        let (result, calls) = run(&fast(), vec![answer(r#"{"job": {}}"#)]).await;
        assert!(matches!(result, Err(WaitError::NoStatus { poll: "ShowJob", .. })), "{result:?}");
        assert_eq!(calls, 1);
    }

    static DELETION: Waiter = Waiter {
        operation: "DeleteThing",
        poll: "ShowThing",
        status: &["thing", "task"],
        success: &[""],
        failure: &["ERROR"],
        pending: &["DELETING"],
        progress: None,
        error_code: None,
        error_message: None,
        gone_is_done: true,
        listed: None,
    };

    /// [`wait_until_gone`] of [`DELETION`] over `answers` in order.
    async fn until_gone(
        options: &WaitOptions,
        answers: Vec<Result<NoContent, Error>>,
    ) -> Result<Option<NoContent>, WaitError<std::convert::Infallible>> {
        let queue = Mutex::new(VecDeque::from(answers));
        wait_until_gone(&DELETION, options, || {
            let next = queue.lock().expect("lock").pop_front().unwrap_or_else(not_found);
            async move { next }
        })
        .await
    }

    #[tokio::test]
    async fn a_deletion_is_done_when_gone_or_when_its_task_is_cleared_and_gone_is_an_error_elsewhere() {
        let deleting = || answer(r#"{"thing": {"task": "DELETING"}}"#);
        let gone = until_gone(&fast(), vec![deleting(), deleting(), not_found()]).await;
        assert!(matches!(gone, Ok(None)), "{gone:?}");
        // The status absent (or empty) is the empty word, which this waiter lists as done.
        let cleared = until_gone(&fast(), vec![deleting(), answer(r#"{"thing": {"task": ""}}"#)]).await;
        assert!(matches!(cleared, Ok(Some(_))), "{cleared:?}");
        let cleared = until_gone(&fast(), vec![answer(r#"{"thing": {}}"#)]).await;
        assert!(matches!(cleared, Ok(Some(_))), "{cleared:?}");
        // The same 404 for a waiter that does not wait for a deletion is an error.
        let (result, _) = run(&fast(), vec![status("RUNNING"), not_found()]).await;
        assert!(matches!(result, Err(WaitError::Gone { .. })), "{result:?}");
    }

    #[tokio::test]
    async fn the_first_poll_waits_for_the_delay() {
        let first = Arc::new(Mutex::new(None));
        let seen = Arc::clone(&first);
        let options = fast().delay(Duration::from_millis(40)).on_progress(move |p| {
            seen.lock().expect("lock").get_or_insert(p.elapsed);
        });
        let (result, calls) = run(&options, vec![status("SUCCESS")]).await;
        assert!(result.is_ok() && calls == 1, "{result:?}");
        let first = first.lock().expect("lock").expect("a poll");
        assert!(first >= Duration::from_millis(40), "{first:?}");
    }

    #[test]
    fn text_is_read_along_the_path_and_ids_must_be_there() {
        let body: Value = serde_json::json!({"a": {"b": "x", "n": 7, "t": true, "o": {}}, "z": null});
        assert_eq!(text_at(&body, &["a", "b"]).as_deref(), Some("x"));
        assert_eq!(text_at(&body, &["a", "n"]).as_deref(), Some("7"));
        assert_eq!(text_at(&body, &["a", "t"]).as_deref(), Some("true"));
        assert_eq!(text_at(&body, &["a", "o"]), None);
        assert_eq!(text_at(&body, &["z"]), None);
        assert_eq!(text_at(&body, &["a", "b", "c"]), None);
        let missing = id::<std::convert::Infallible>(&JOB, Some(String::new()), "response.job_id");
        assert!(matches!(missing, Err(WaitError::MissingId { field: "response.job_id", .. })));
        assert!(matches!(id::<std::convert::Infallible>(&JOB, None, "x"), Err(WaitError::MissingId { .. })));
        assert_eq!(id::<std::convert::Infallible>(&JOB, Some("j-1".to_owned()), "x").ok().as_deref(), Some("j-1"));
    }

    mod listed {
        use super::*;
        use crate::client::Operation;
        use crate::paginate::{Page, Pages, Style};

        static LIST: Operation =
            Operation { name: "ListTasks", method: "GET", path: &[], errors_in_body: None, secret_response: false };
        static PAGES: Pages =
            Pages { op: &LIST, style: Style::Offset, cursor: "offset", items: "tasks", total: None, marker: None };
        static TASK: Waiter = Waiter {
            operation: "MoveThing",
            poll: "ListTasks",
            status: &["state"],
            success: &["Moved"],
            failure: &["Failed"],
            pending: &["Moving"],
            progress: None,
            error_code: None,
            error_message: Some(&["reason"]),
            gone_is_done: false,
            listed: Some(Listed { items: &["tasks"], key: &["id"], id: IdSource::Response(&["task_id"]) }),
        };

        type Listing = Vec<Result<Vec<Value>, u16>>;

        /// A listing of pages of two items; `Err(status)` is a page that fails with that status.
        fn listing(pages: Listing, fetched: Arc<Mutex<usize>>) -> Paginator<Value, std::convert::Infallible> {
            Paginator::new(&PAGES, None::<i64>, Some(2i64), move |offset: i64| {
                *fetched.lock().expect("lock") += 1;
                let page = usize::try_from(offset / 2).ok().and_then(|i| pages.get(i).cloned());
                async move {
                    match page {
                        Some(Ok(items)) => Ok(Page {
                            items: Some(items),
                            total: None,
                            next: None,
                            meta: ResponseMeta::test(200, b"{}"),
                        }),
                        Some(Err(status)) => {
                            let error = ServiceError::from_response(status, None, b"{}");
                            Err(Error::Service {
                                operation: "ListTasks",
                                error: Box::new(error),
                                documented: None,
                                attempts: 1,
                            })
                        }
                        None => Ok(Page {
                            items: Some(Vec::new()),
                            total: None,
                            next: None,
                            meta: ResponseMeta::test(200, b"{}"),
                        }),
                    }
                }
            })
        }

        fn task(id: &str, state: &str) -> Value {
            serde_json::json!({"id": id, "state": state, "reason": "no room"})
        }

        #[tokio::test]
        async fn the_item_is_found_on_a_later_page_and_its_failure_read_there() {
            let fetched = Arc::new(Mutex::new(0));
            let pages = vec![
                Ok(vec![task("a", "Moved"), task("b", "Moved")]),
                Ok(vec![task("c", "Moving"), task("d", "Moved")]),
                Ok(vec![task("t", "Failed"), task("e", "Moved")]),
            ];
            let f = Arc::clone(&fetched);
            let result = wait_listed(&TASK, &fast(), "t", || listing(pages.clone(), Arc::clone(&f))).await;
            match result {
                Err(WaitError::Failed(failure)) => {
                    assert_eq!((failure.status.as_str(), failure.message.as_deref()), ("Failed", Some("no room")));
                    let body: Value = serde_json::from_slice(failure.body.as_bytes()).expect("JSON");
                    assert_eq!(body["id"], "t");
                }
                other => panic!("{other:?}"),
            }
            // Three pages walked, and the walk stopped at the item.
            assert_eq!(*fetched.lock().expect("lock"), 3);
        }

        #[tokio::test]
        async fn a_failing_page_is_a_failed_poll_and_absence_takes_two_walks() {
            let fetched = Arc::new(Mutex::new(0));
            let f = Arc::clone(&fetched);
            let pages = vec![Ok(vec![task("a", "Moved"), task("b", "Moved")]), Err(404)];
            let result = wait_listed(&TASK, &fast(), "t", || listing(pages.clone(), Arc::clone(&f))).await;
            assert!(matches!(&result, Err(WaitError::Poll(e)) if e.status() == Some(404)), "{result:?}");

            *fetched.lock().expect("lock") = 0;
            let pages = vec![Ok(vec![task("a", "Moved"), task("b", "Moved")])];
            let result = wait_listed(&TASK, &fast(), "t", || listing(pages.clone(), Arc::clone(&f))).await;
            assert!(matches!(&result, Err(WaitError::Gone { request_id: None, .. })), "{result:?}");
            // Two walks of a full page and an empty one.
            assert_eq!(*fetched.lock().expect("lock"), 4);
            let gone = wait_listed_until_gone(&TASK, &fast(), "t", || listing(pages.clone(), Arc::clone(&f))).await;
            assert!(matches!(gone, Ok(None)), "{gone:?}");
        }

        #[tokio::test]
        async fn the_last_walk_at_the_deadline_is_bounded_too() {
            // Every page takes 50 ms and the listing never ends: without a bound on the last walk
            // the wait would not return; with a timeout of 100 ms the last walk has 100 ms more.
            static SLOW: Pages =
                Pages { op: &LIST, style: Style::Offset, cursor: "offset", items: "tasks", total: None, marker: None };
            let endless = || {
                Paginator::<Value, std::convert::Infallible>::new(
                    &SLOW,
                    None::<i64>,
                    Some(1i64),
                    |_offset: i64| async {
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        Ok(Page {
                            items: Some(vec![task("other", "Moving")]),
                            total: None,
                            next: None,
                            meta: ResponseMeta::test(200, b"{}"),
                        })
                    },
                )
            };
            // The first poll is the last one: it is made at the deadline.
            let options = fast().timeout(Duration::from_millis(100)).delay(Duration::from_millis(100));
            let began = std::time::Instant::now();
            let result = tokio::time::timeout(Duration::from_secs(5), wait_listed(&TASK, &options, "t", endless)).await;
            let result = result.expect("the last walk is bounded");
            assert!(matches!(result, Err(WaitError::TimedOut { polls: 0, .. })), "{result:?}");
            assert!(began.elapsed() >= Duration::from_millis(200), "{:?}", began.elapsed());
        }
    }

    #[test]
    fn the_clock_moves_by_the_offset_in_seconds() {
        let now = epoch_ms(0);
        assert!(now > 1_700_000_000_000, "{now}");
        let before = epoch_ms(-86_400);
        assert!((now - before - 86_400_000).abs() < 5_000, "{now} {before}");
        assert!(epoch_ms(3_600) > now);
        assert_eq!(epoch_ms(i64::MIN), 0);
        assert_eq!(epoch_ms(i64::MAX), i64::MAX);
    }

    #[test]
    fn options_say_what_they_hold_and_keep_the_ceiling_above_the_first_interval() {
        let o = WaitOptions::new().interval(Duration::from_secs(10), Duration::from_secs(1)).on_progress(|_| {});
        assert_eq!(o.ceiling, Duration::from_secs(10));
        assert!(format!("{o:?}").contains("on_progress: Some(\"Fn(&Progress)\")"));
        // A zero interval still backs off: its ceiling is at least the minimum.
        assert_eq!(WaitOptions::new().interval(Duration::ZERO, Duration::ZERO).ceiling, MIN_INTERVAL);
    }
}
