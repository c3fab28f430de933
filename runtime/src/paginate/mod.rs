//! Pagination: every item of every page of a list operation, as one lazy stream.
//!
//! Generated `*_all` methods supply only the per-operation glue: how to fetch the page at a cursor
//! (set the cursor parameter on a copy of the request and call the operation) and where the items
//! and the total are in the response ([`Pages`]). The loop is here:
//!
//! - [`Style::Offset`] (offset/limit): the cursor counts items, starting at the request's offset
//!   (0 when unset); the next cursor is the previous one plus the items received.
//! - [`Style::Page`] (page/per_page): the cursor counts pages from 1; the next cursor is the
//!   previous one plus one.
//! - [`Style::PageFromZero`]: the cursor counts pages from 0 (DWS's `offset`, "the page number
//!   minus 1"); the next cursor is the previous one plus one.
//! - [`Style::Marker`] (marker/limit): the cursor is a string, none for the first page (or the
//!   request's), then the marker the previous page gives: a response field
//!   (`page_info.next_marker`) or the last item's field (`id`, as Neutron listings page).
//!
//! A page is fetched only when the stream is read past the items already received. The stream ends
//! after an empty page; after the page that reaches the documented total, when the response has
//! one; otherwise after a page shorter than the requested page size. A listing whose pages name
//! the next marker ends at the page that names none (absent, null or empty).
//!
//! A listing never ends short without saying so, and never loops: the stream ends with
//! [`Error::Pagination`] (status and request ID of the last page included) when
//!
//! - the items field is not the documented array (an object, a string, ...), or some of its
//!   elements are not the documented item, or it is absent or empty while the total says more
//!   items are to come;
//! - a page repeats the previous one item for item (compared as sent, once their lengths, first
//!   and last items agree), or names as the next marker the one it was asked with: the server did
//!   not advance (it ignores the cursor parameter), and reading on would yield the same items
//!   again;
//! - a page of a listing that takes its marker from the last item is full, but its last item has
//!   no marker to continue from;
//! - the page cap is reached: [`DEFAULT_MAX_PAGES`] pages, or what [`Paginator::max_pages`] sets.
//!
//! Any other error of a page ends the stream the same way, after the items already received.
//!
//! ```no_run
//! # async fn f(client: huaweicloud_sdk_runtime::paginate::Paginator<String, ()>) {
//! let mut accounts = client.max_pages(100);
//! while let Some(account) = accounts.next().await {
//!     match account {
//!         Ok(a) => println!("{a}"),
//!         Err(e) => eprintln!("{e}"),
//!     }
//! }
//! # }
//! ```

use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::num::IntErrorKind;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};

use futures_core::Stream;

use crate::client::ResponseMeta;
use crate::error::{Error, ValidationError};
use crate::operation::Operation;

mod shape;

use shape::{Shape, shape};

/// The most pages a paginator fetches unless [`Paginator::max_pages`] says otherwise: 10,000
/// pages, a million items at a page size of 100.
pub const DEFAULT_MAX_PAGES: u64 = 10_000;

#[doc(hidden)]
/// What the cursor of a paginated operation counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Items (offset/limit), starting at 0.
    Offset,
    /// Pages (page/per_page), starting at 1.
    Page,
    /// Pages, starting at 0.
    PageFromZero,
    /// Markers: strings the pages give ([`Pages::marker`] says where).
    Marker,
}

impl Style {
    /// The cursor of the first page (a marker listing's first page has none).
    fn first(self) -> i64 {
        match self {
            Style::Offset | Style::PageFromZero | Style::Marker => 0,
            Style::Page => 1,
        }
    }
}

#[doc(hidden)]
/// The fixed facts of a paginated operation, emitted by the generator as a `static`: the
/// operation, the cursor's style and the wire names of the fields involved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pages {
    /// The list operation.
    pub op: &'static Operation,
    /// What the cursor counts.
    pub style: Style,
    /// The cursor parameter as messages name it: its wire name (`offset`), `body.offset` for a
    /// field of the request body.
    pub cursor: &'static str,
    /// The wire name of the response's items array, e.g. `users`; empty when the response's
    /// body is itself the array (DWS's host listings).
    pub items: &'static str,
    /// The wire name of the response's total, when it has one, e.g. `total_record`.
    pub total: Option<&'static str>,
    /// With [`Style::Marker`]: where the next marker is.
    pub marker: Option<Marker>,
}

#[doc(hidden)]
/// Where a [`Style::Marker`] listing finds the next page's marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// A response field, by its wire names dotted (`page_info.next_marker`): the listing ends at
    /// the page that has none (absent, null or empty).
    Next(&'static str),
    /// A field of each item (`id`): the last item's value. The listing ends on an empty page, at
    /// the total, or on a page shorter than the requested size.
    Item(&'static str),
}

#[doc(hidden)]
/// One page, as the generated glue takes it out of a response.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// The page's items; `None` when the items field was absent or not the documented array
    /// (the paginator then reads [`ResponseMeta::body`] to tell which).
    pub items: Option<Vec<T>>,
    /// The total number of items, when the response says.
    pub total: Option<i64>,
    /// With [`Style::Marker`]: the next page's marker as the page gives it (the response field, or
    /// the last item's field); `None` for the other styles.
    pub next: Option<String>,
    /// Status, request ID and raw body of the page's response.
    pub meta: ResponseMeta,
}

#[doc(hidden)]
/// An integer type of a cursor or page size parameter.
pub trait Cursor: Copy + Into<i64> + TryFrom<i64> + Send + 'static {}
impl Cursor for i32 {}
impl Cursor for i64 {}

#[doc(hidden)]
/// The whole number a String cursor or page size holds (`"20"`, surrounding spaces allowed), for
/// a listing whose number parameters are Strings; `None` for any other text.
pub fn number(text: &str) -> Option<i64> {
    parse_number(text).ok()
}

/// [`number`], with why a text is none (not a number, or out of range).
fn parse_number(text: &str) -> Result<i64, std::num::ParseIntError> {
    text.trim().parse()
}

type Items<T, E> = Pin<Box<dyn Stream<Item = Result<T, Error<E>>> + Send>>;

/// The items of every page of a list operation: a [`Stream`] of `Result<T, Error<E>>`, also
/// readable without a futures crate through [`Paginator::next`] and [`Paginator::collect_all`].
pub struct Paginator<T, E> {
    inner: Items<T, E>,
    max_pages: Arc<AtomicU64>,
    /// The listing's success body documents a secret ([`Operation::secret_response`]).
    secret: bool,
}

impl<T, E> fmt::Debug for Paginator<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Paginator").field("max_pages", &self.max_pages.load(Ordering::Relaxed)).finish_non_exhaustive()
    }
}

/// The loop's state between pages.
struct State<T, F> {
    fetch: F,
    pages: &'static Pages,
    cursor: i64,
    /// The marker of the next page ([`Style::Marker`]).
    marker: Option<String>,
    /// Why the listing cannot go on after the items buffered: reported once they are read.
    stop: Option<Stop>,
    size: Option<i64>,
    /// Items before the first page requested (offset style) or counted so far.
    seen: i64,
    /// Whether `seen` counts from the listing's beginning, so that a total can end the listing or
    /// prove it short: not for a later page of an unknown size, nor after a caller's marker.
    counted: bool,
    /// Items yielded so far.
    yielded: u64,
    /// Pages received so far.
    fetched: u64,
    max_pages: Arc<AtomicU64>,
    /// The previous page's length, first and last items and raw body (shared, not copied), to
    /// see a server that does not advance without a copy of the page's items.
    previous: Option<(usize, T, T, bytes::Bytes)>,
    /// The total the last page that had one reported: a later page without it (not JSON, `{}`)
    /// is still held to it, so that a listing never ends short of it silently.
    known_total: Option<i64>,
    buffer: VecDeque<T>,
    done: bool,
}

/// Why a listing stops early, kept until the items received before are read.
struct Stop {
    status: u16,
    request_id: Option<String>,
    message: String,
}

/// What the loop asks a page with: the number cursor, or the marker.
struct At<'a> {
    number: i64,
    marker: Option<&'a str>,
}

impl<T: Clone + PartialEq + Send + 'static, E: Send + 'static> Paginator<T, E> {
    #[doc(hidden)]
    /// Pages of `pages.op`, from `start` (the default start when `None`), asking for pages of
    /// `size` items (the service's default when `None`); `fetch(cursor)` fetches one page.
    pub fn new<C, F, Fut>(pages: &'static Pages, start: Option<C>, size: Option<C>, mut fetch: F) -> Self
    where
        C: Cursor,
        F: FnMut(C) -> Fut + Send + 'static,
        Fut: Future<Output = Result<Page<T>, Error<E>>> + Send + 'static,
    {
        let first = pages.style.first();
        let cursor = start.map_or(first, Into::into);
        let size = size.map(Into::into).filter(|s| *s > 0);
        // Pages before a later start of an unknown size hold an unknown number of items.
        let (seen, counted) = match (pages.style, size) {
            (Style::Offset | Style::Marker, _) => (cursor, true),
            (Style::Page | Style::PageFromZero, Some(s)) => {
                (cursor.saturating_sub(first).max(0).saturating_mul(s), true)
            }
            (Style::Page | Style::PageFromZero, None) => (0, cursor <= first),
        };
        let fetch = move |at: At<'_>| C::try_from(at.number).ok().map(&mut fetch);
        Self::start(pages, cursor, None, size, (seen, counted), fetch)
    }

    #[doc(hidden)]
    /// Pages of `pages.op` (a [`Style::Marker`] listing), from the marker `start` (none: the
    /// first page), asking for pages of `size` items (the service's default when `None`);
    /// `fetch(marker)` fetches one page.
    pub fn by_marker<F, Fut>(pages: &'static Pages, start: Option<String>, size: Option<i64>, mut fetch: F) -> Self
    where
        F: FnMut(Option<String>) -> Fut + Send + 'static,
        Fut: Future<Output = Result<Page<T>, Error<E>>> + Send + 'static,
    {
        let fetch = move |at: At<'_>| Some(fetch(at.marker.map(str::to_owned)));
        // Items before a caller's marker are not counted.
        let counted = start.is_none();
        Self::start(pages, 0, start, size.filter(|s| *s > 0), (0, counted), fetch)
    }

    #[doc(hidden)]
    /// Pages of `pages.op` whose number cursor is a String parameter (DWS's `offset`, "the page
    /// number minus 1", is a String): as [`Paginator::new`], from the number `start` holds, with
    /// `fetch(cursor)` given each page's cursor written in decimal (so a start of `"+1"` or
    /// `"01"` is sent as `"1"`). A `start` that is not a whole
    /// number is a [`Error::Validation`] of the cursor, the stream's only item, before any call:
    /// the listing cannot say where it would start.
    pub fn by_text<F, Fut>(pages: &'static Pages, start: Option<&str>, size: Option<i64>, mut fetch: F) -> Self
    where
        F: FnMut(String) -> Fut + Send + 'static,
        Fut: Future<Output = Result<Page<T>, Error<E>>> + Send + 'static,
    {
        let start = match start.map(|s| (s, parse_number(s))) {
            Some((text, Err(e))) => {
                let what = match e.kind() {
                    IntErrorKind::PosOverflow | IntErrorKind::NegOverflow => "is out of range",
                    _ => "is not a whole number",
                };
                let e = ValidationError {
                    operation: pages.op.name,
                    parameter: pages.cursor.to_owned(),
                    message: format!(
                        "{text:?} {what}; the listing moves `{}` by numbers written as text",
                        pages.cursor
                    ),
                };
                let failed = futures_util::stream::once(std::future::ready(Err(Error::Validation(e))));
                return Paginator {
                    inner: Box::pin(failed),
                    max_pages: Arc::new(AtomicU64::new(DEFAULT_MAX_PAGES)),
                    secret: pages.op.secret_response,
                };
            }
            Some((_, Ok(n))) => Some(n),
            None => None,
        };
        Self::new(pages, start, size, move |cursor: i64| fetch(cursor.to_string()))
    }

    fn start<F, Fut>(
        pages: &'static Pages,
        cursor: i64,
        marker: Option<String>,
        size: Option<i64>,
        (seen, counted): (i64, bool),
        fetch: F,
    ) -> Self
    where
        F: FnMut(At<'_>) -> Option<Fut> + Send + 'static,
        Fut: Future<Output = Result<Page<T>, Error<E>>> + Send + 'static,
    {
        let max_pages = Arc::new(AtomicU64::new(DEFAULT_MAX_PAGES));
        let state = State {
            fetch,
            pages,
            cursor,
            marker,
            stop: None,
            size,
            seen,
            counted,
            yielded: 0,
            fetched: 0,
            max_pages: Arc::clone(&max_pages),
            previous: None,
            known_total: None,
            buffer: VecDeque::new(),
            done: false,
        };
        Paginator {
            inner: Box::pin(futures_util::stream::unfold(state, step)),
            max_pages,
            secret: pages.op.secret_response,
        }
    }
}

impl<T, E> Paginator<T, E> {
    /// Whether the listing's items may hold a secret, so that an error quoting one prints it by
    /// its length only.
    pub(crate) fn secret_items(&self) -> bool {
        self.secret
    }

    /// Fetches at most `pages` pages (at least one); the stream ends with [`Error::Pagination`]
    /// when the listing goes on beyond them. The default is [`DEFAULT_MAX_PAGES`].
    #[must_use]
    pub fn max_pages(self, pages: u64) -> Self {
        self.max_pages.store(pages.max(1), Ordering::Relaxed);
        self
    }

    /// The next item, fetching the next page when needed; `None` after the last.
    pub async fn next(&mut self) -> Option<Result<T, Error<E>>> {
        std::future::poll_fn(|cx| self.inner.as_mut().poll_next(cx)).await
    }

    /// Every item of every page, or the first error.
    ///
    /// # Errors
    ///
    /// The first error of the stream, which ends it: a page's call failing, or
    /// [`Error::Pagination`] when the listing cannot go on. The items received before it are not
    /// returned with it (an [`Error::Pagination`] counts them in its `items`); to keep them, read
    /// the stream with [`next`](Self::next), which yields them before the error.
    pub async fn collect_all(mut self) -> Result<Vec<T>, Error<E>> {
        let mut out = Vec::new();
        while let Some(item) = self.next().await {
            out.push(item?);
        }
        Ok(out)
    }
}

impl<T, E> Stream for Paginator<T, E> {
    type Item = Result<T, Error<E>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

/// One step of the stream: the next buffered item, or the next page fetched.
async fn step<T, E, F, Fut>(mut s: State<T, F>) -> Option<(Result<T, Error<E>>, State<T, F>)>
where
    T: Clone + PartialEq,
    F: FnMut(At<'_>) -> Option<Fut>,
    Fut: Future<Output = Result<Page<T>, Error<E>>>,
{
    loop {
        if let Some(item) = s.buffer.pop_front() {
            s.yielded += 1;
            return Some((Ok(item), s));
        }
        if let Some(Stop { status, request_id, message }) = s.stop.take() {
            let e = Error::Pagination {
                operation: s.pages.op.name,
                status,
                request_id,
                pages: s.fetched,
                items: s.yielded,
                message,
            };
            return Some((Err(e), s));
        }
        if s.done {
            return None;
        }
        s.done = true;
        let op = s.pages.op;
        let max_pages = s.max_pages.load(Ordering::Relaxed);
        if s.fetched >= max_pages {
            let message = format!(
                "the page cap of {max_pages} pages was reached before the end of the listing; \
                 raise it with Paginator::max_pages"
            );
            let e = Error::Pagination {
                operation: op.name,
                status: 0,
                request_id: None,
                pages: s.fetched,
                items: s.yielded,
                message,
            };
            return Some((Err(e), s));
        }
        let Some(fetching) = (s.fetch)(At { number: s.cursor, marker: s.marker.as_deref() }) else {
            let e = ValidationError {
                operation: op.name,
                parameter: "pagination cursor".to_owned(),
                message: format!("the next page's cursor {} does not fit the parameter's type", s.cursor),
            };
            return Some((Err(Error::Validation(e)), s));
        };
        let page = match fetching.await {
            Ok(p) => p,
            Err(e) => return Some((Err(e), s)),
        };
        s.fetched += 1;
        let Page { items, total, next, meta } = page;
        let total = total.or(s.known_total);
        s.known_total = total;
        let items = match check(&s, items, total, &meta) {
            Ok(items) => items,
            Err(message) => {
                let e = Error::Pagination {
                    operation: op.name,
                    status: meta.status(),
                    request_id: meta.request_id().map(str::to_owned),
                    pages: s.fetched,
                    items: s.yielded,
                    message,
                };
                return Some((Err(e), s));
            }
        };
        let n = i64::try_from(items.len()).unwrap_or(i64::MAX);
        s.seen = s.seen.saturating_add(n);
        s.cursor = match s.pages.style {
            Style::Offset => s.cursor.saturating_add(n),
            Style::Page | Style::PageFromZero => s.cursor.saturating_add(1),
            Style::Marker => s.cursor,
        };
        let next = next.filter(|m| !m.is_empty());
        // A listing whose pages name the next marker ends where one names none; the others end
        // on an empty page, at the total, or on a short page.
        s.done = if let Some(Marker::Next(_)) = s.pages.marker {
            next.is_none() || total.is_some_and(|total| s.counted && s.seen >= total)
        } else {
            n == 0
                || match total {
                    Some(total) if s.counted => s.seen >= total,
                    _ => s.size.is_some_and(|size| n < size),
                }
        };
        if s.pages.style == Style::Marker && !s.done {
            let message = match (&next, s.pages.marker) {
                (None, Some(Marker::Item(field))) => Some(format!(
                    "the page's last item has no `{field}` to ask for the next page with, and the page is not the last"
                )),
                (None, _) => Some("the page names no next marker, and it is not the last".to_owned()),
                (Some(m), _) if s.marker.as_ref() == Some(m) => Some(format!(
                    "the page at `{}` {m:?} names the same marker for the next page: the server did not advance",
                    s.pages.cursor
                )),
                (Some(_), _) => None,
            };
            if let Some(message) = message {
                // The page's items are the caller's: they come first, then why the listing stops.
                s.stop =
                    Some(Stop { status: meta.status(), request_id: meta.request_id().map(str::to_owned), message });
                s.done = true;
                s.buffer.extend(items);
                continue;
            }
            s.marker = next;
        }
        tracing::debug!(operation = op.name, items = n, total, last = s.done, "page received");
        s.previous = match (items.first(), items.last()) {
            (Some(first), Some(last)) if !s.done => {
                Some((items.len(), first.clone(), last.clone(), meta.body_shared()))
            }
            _ => None,
        };
        s.buffer.extend(items);
    }
}

/// How the messages name a listing's items: its field, or the body when it is the array (an
/// empty field name). Written only into an error's message.
struct Named<'a>(&'a str);

impl std::fmt::Display for Named<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0.is_empty() { f.write_str("the body") } else { write!(f, "`{}`", self.0) }
    }
}

/// The items of a page, or why the page does not continue the listing.
///
/// The raw body is read again ([`shape()`]) only when the decoded page cannot be trusted as it
/// is: its items field was absent or not a list, or lenient decoding left elements out of the
/// response (the list elements and map entries of [`ResponseMeta::dropped_elements`]; a field
/// left out does not make a page's items uncertain); then the items are held to what was sent.
fn check<T: PartialEq, F>(
    s: &State<T, F>,
    items: Option<Vec<T>>,
    total: Option<i64>,
    meta: &ResponseMeta,
) -> Result<Vec<T>, String> {
    let field = s.pages.items;
    let shape = match &items {
        Some(v) if meta.dropped_items() == 0 => Shape::Array(v.len()),
        _ => shape(meta.body(), field),
    };
    let named = Named(field);
    // A total proves a page short only when the items before it are known.
    let more = |read: i64| total.filter(|t| s.counted && *t > read);
    let total_name = s.pages.total.unwrap_or("total");
    let items = match (items, shape) {
        (Some(items), Shape::Array(len)) if len != items.len() => {
            return Err(format!(
                "{} of the {len} elements of {named} are not the documented item",
                len - items.len().min(len)
            ));
        }
        (Some(items), _) => items,
        (None, Shape::Other(kind)) => return Err(format!("{named} is {kind}, not the documented array")),
        // A page that is not a JSON object (a proxy's HTML page) says nothing about the listing:
        // ending there would look like its end.
        (None, Shape::NotAnObject(kind)) => {
            let wanted = if field.is_empty() {
                "the documented array".to_owned()
            } else {
                format!("a JSON object with {named}")
            };
            return Err(format!("the page's body is {kind}, not {wanted}"));
        }
        (None, Shape::Absent) => match more(s.seen) {
            Some(total) => {
                return Err(format!(
                    "{named} is absent while `{total_name}` says {total} items and {} were read",
                    s.seen
                ));
            }
            None => Vec::new(),
        },
        (None, Shape::Array(_)) => Vec::new(),
    };
    if items.is_empty() {
        if let Some(total) = more(s.seen) {
            return Err(format!("{named} is empty while `{total_name}` says {total} items and {} were read", s.seen));
        }
    } else if let (Some((len, first, last, body)), Some(f), Some(l)) = (&s.previous, items.first(), items.last())
        && *len == items.len()
        && first == f
        && last == l
        && shape::items_value(body, field) == shape::items_value(meta.body(), field)
    {
        let at = match (s.pages.style, &s.marker) {
            (Style::Marker, Some(m)) => format!("{m:?}"),
            (Style::Marker, None) => "(none)".to_owned(),
            _ => s.cursor.to_string(),
        };
        return Err(format!(
            "the page at `{}` {at} repeats the previous page: the server did not advance",
            s.pages.cursor
        ));
    }
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    static OP: Operation = Operation {
        name: "ListThings",
        method: "GET",
        path: &[crate::operation::PathPart::Text("/v1/things")],
        errors_in_body: None,
        secret_response: false,
    };
    static OFFSET: Pages =
        Pages { op: &OP, style: Style::Offset, cursor: "offset", items: "things", total: Some("total"), marker: None };
    static PAGE: Pages =
        Pages { op: &OP, style: Style::Page, cursor: "page", items: "things", total: Some("total"), marker: None };
    static PAGE_FROM_ZERO: Pages = Pages {
        op: &OP,
        style: Style::PageFromZero,
        cursor: "offset",
        items: "things",
        total: Some("total"),
        marker: None,
    };

    type Calls = Arc<Mutex<Vec<i64>>>;
    type Fetched = std::future::Ready<Result<Page<i64>, Error<()>>>;

    /// A page as the generated glue makes it from a response whose body is `body`.
    fn page(items: Option<Vec<i64>>, total: Option<i64>, body: &str) -> Page<i64> {
        Page { items, total, next: None, meta: ResponseMeta::test(200, body.as_bytes()) }
    }

    /// A page of `items` with its body as the service would send it.
    fn page_of(items: Vec<i64>, total: Option<i64>) -> Page<i64> {
        let body = serde_json::json!({"things": items, "total": total}).to_string();
        page(Some(items), total, &body)
    }

    /// A fake service holding `count` items, serving `(items, total)` for a cursor; records cursors.
    fn service(
        style: Style,
        count: i64,
        page_size: i64,
        with_total: bool,
    ) -> (Calls, impl FnMut(i32) -> Fetched + Send) {
        let calls = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&calls);
        let fetch = move |cursor: i32| {
            let cursor = i64::from(cursor);
            log.lock().expect("lock").push(cursor);
            let from = match style {
                Style::Offset => cursor,
                Style::Page => (cursor - 1) * page_size,
                Style::PageFromZero => cursor * page_size,
                Style::Marker => unreachable!("marker listings have their own fake service"),
            };
            let items = (from..count.min(from + page_size)).collect();
            std::future::ready(Ok(page_of(items, with_total.then_some(count))))
        };
        (calls, fetch)
    }

    fn run<T: Send + 'static>(p: Paginator<T, ()>) -> Result<Vec<T>, Error<()>> {
        let rt = tokio::runtime::Builder::new_current_thread().build().expect("runtime");
        rt.block_on(p.collect_all())
    }

    /// Items yielded until the first error, and that error's message.
    fn run_to_error(p: Paginator<i64, ()>) -> (Vec<i64>, String) {
        let rt = tokio::runtime::Builder::new_current_thread().build().expect("runtime");
        rt.block_on(async move {
            let mut p = p;
            let mut items = Vec::new();
            while let Some(item) = p.next().await {
                match item {
                    Ok(i) => items.push(i),
                    Err(e) => {
                        assert!(matches!(e, Error::Pagination { .. }), "{e:?}");
                        assert!(p.next().await.is_none(), "the error ends the stream");
                        return (items, e.to_string());
                    }
                }
            }
            panic!("no error after {items:?}")
        })
    }

    #[test]
    fn a_listing_whose_body_is_the_array_pages_and_names_the_body_in_its_errors() {
        static WHOLE: Pages =
            Pages { op: &OP, style: Style::Offset, cursor: "offset", items: "", total: None, marker: None };
        let calls = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&calls);
        let fetch = move |cursor: i32| {
            log.lock().expect("lock").push(cursor);
            let items: Vec<i64> = (i64::from(cursor)..7.min(i64::from(cursor) + 3)).collect();
            let body = serde_json::json!(items).to_string();
            std::future::ready(Ok(page(Some(items), None, &body)))
        };
        let items = run(Paginator::new(&WHOLE, None, Some(3), fetch)).expect("items");
        assert_eq!(items, (0..7).collect::<Vec<_>>());
        assert_eq!(*calls.lock().expect("lock"), [0, 3, 6], "the short third page ends it");
        // A body that is an object where the array was documented ends the listing, named.
        let fetch = |_: i32| std::future::ready(Ok(page(None, None, r#"{"error":"x"}"#)));
        let (items, e) = run_to_error(Paginator::new(&WHOLE, None, Some(3), fetch));
        assert!(items.is_empty());
        assert!(e.contains("the body is an object, not the documented array"), "{e}");
        let fetch = |_: i32| std::future::ready(Ok(page(None, None, "<html>gateway</html>")));
        let (_, e) = run_to_error(Paginator::new(&WHOLE, None, Some(3), fetch));
        assert!(e.contains("the page's body is not JSON, not the documented array"), "{e}");
    }

    #[test]
    fn offset_pages_stop_at_the_total() {
        let (calls, fetch) = service(Style::Offset, 25, 10, true);
        let items = run(Paginator::new(&OFFSET, None, Some(10), fetch)).expect("items");
        assert_eq!(items, (0..25).collect::<Vec<_>>());
        assert_eq!(*calls.lock().expect("lock"), [0, 10, 20]);
    }

    #[test]
    fn an_exact_multiple_without_total_needs_one_empty_page() {
        let (calls, fetch) = service(Style::Offset, 20, 10, false);
        let items = run(Paginator::new(&OFFSET, Some(0), Some(10), fetch)).expect("items");
        assert_eq!(items.len(), 20);
        assert_eq!(*calls.lock().expect("lock"), [0, 10, 20]);
    }

    #[test]
    fn a_short_page_ends_without_total() {
        let (calls, fetch) = service(Style::Page, 12, 5, false);
        let items = run(Paginator::new(&PAGE, None, Some(5), fetch)).expect("items");
        assert_eq!(items, (0..12).collect::<Vec<_>>());
        assert_eq!(*calls.lock().expect("lock"), [1, 2, 3]);
    }

    #[test]
    fn page_style_from_a_later_page_with_a_total() {
        let (calls, fetch) = service(Style::Page, 12, 5, true);
        let items = run(Paginator::new(&PAGE, Some(2), Some(5), fetch)).expect("items");
        assert_eq!(items, (5..12).collect::<Vec<_>>());
        assert_eq!(*calls.lock().expect("lock"), [2, 3]);
    }

    #[test]
    fn pages_counted_from_zero_start_at_zero_and_skip_nothing() {
        let (calls, fetch) = service(Style::PageFromZero, 12, 5, false);
        let items = run(Paginator::new(&PAGE_FROM_ZERO, None, Some(5), fetch)).expect("items");
        assert_eq!(items, (0..12).collect::<Vec<_>>());
        assert_eq!(*calls.lock().expect("lock"), [0, 1, 2]);
        let (calls, fetch) = service(Style::PageFromZero, 12, 5, true);
        let items = run(Paginator::new(&PAGE_FROM_ZERO, Some(1), Some(5), fetch)).expect("items");
        assert_eq!(items, (5..12).collect::<Vec<_>>());
        assert_eq!(*calls.lock().expect("lock"), [1, 2]);
    }

    #[test]
    fn pages_are_fetched_lazily_and_the_first_error_ends_the_stream() {
        let calls = Arc::new(Mutex::new(0));
        let log = Arc::clone(&calls);
        let fetch = move |cursor: i32| {
            *log.lock().expect("lock") += 1;
            std::future::ready(if cursor == 0 {
                Ok(page_of(vec![1, 2], None))
            } else {
                Err(Error::Validation(ValidationError {
                    operation: "ListThings",
                    parameter: "x".to_owned(),
                    message: "boom".to_owned(),
                }))
            })
        };
        let rt = tokio::runtime::Builder::new_current_thread().build().expect("runtime");
        rt.block_on(async {
            let mut p: Paginator<i64, ()> = Paginator::new(&OFFSET, None, None, fetch);
            assert_eq!(*calls.lock().expect("lock"), 0, "nothing fetched before reading");
            assert_eq!(p.next().await.map(|r| r.ok()), Some(Some(1)));
            assert_eq!(p.next().await.map(|r| r.ok()), Some(Some(2)));
            assert_eq!(*calls.lock().expect("lock"), 1, "second page not fetched yet");
            assert!(matches!(p.next().await, Some(Err(Error::Validation(_)))));
            assert!(p.next().await.is_none(), "the error ends the stream");
            assert_eq!(*calls.lock().expect("lock"), 2);
        });
    }

    #[test]
    fn a_cursor_written_as_text_moves_by_numbers_and_a_start_that_is_no_number_is_an_error_before_any_call() {
        let (calls, mut numbers) = service(Style::PageFromZero, 12, 5, true);
        let texts = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&texts);
        let fetch = move |cursor: String| {
            log.lock().expect("lock").push(cursor.clone());
            numbers(cursor.parse().expect("a number"))
        };
        let items = run(Paginator::by_text(&PAGE_FROM_ZERO, Some(" 1"), Some(5), fetch)).expect("items");
        assert_eq!(items, (5..12).collect::<Vec<_>>());
        assert_eq!(*texts.lock().expect("lock"), ["1", "2"]);
        assert_eq!(*calls.lock().expect("lock"), [1, 2]);

        let fetch = |_: String| -> Fetched { unreachable!("no page is fetched for a start that is no number") };
        let result = run(Paginator::<i64, ()>::by_text(&PAGE_FROM_ZERO, Some("first"), Some(5), fetch));
        let e = result.expect_err("not a number");
        assert!(matches!(&e, Error::Validation(v) if v.parameter == "offset"), "{e:?}");
        assert!(e.to_string().contains("\"first\" is not a whole number"), "{e}");
        assert_eq!((number("20"), number(" 7 "), number("2.5"), number("")), (Some(20), Some(7), None, None));
        let fetch = |_: String| -> Fetched { unreachable!("no page is fetched for a start out of range") };
        let result = run(Paginator::<i64, ()>::by_text(&PAGE_FROM_ZERO, Some("9223372036854775808"), None, fetch));
        let e = result.expect_err("out of range");
        assert!(e.to_string().contains("\"9223372036854775808\" is out of range"), "{e}");
    }

    #[test]
    fn a_start_page_at_the_end_of_the_range_is_sent_not_a_panic() {
        // `i64::MIN` minus the first page overflowed (a panic in debug builds); the server, not
        // the paginator, says what such a page holds.
        let sent = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&sent);
        let fetch = move |cursor: i64| -> Fetched {
            log.lock().expect("lock").push(cursor);
            std::future::ready(Ok(page_of(Vec::new(), Some(0))))
        };
        let items = run(Paginator::new(&PAGE, Some(i64::MIN), Some(5), fetch)).expect("items");
        assert!(items.is_empty());
        assert_eq!(*sent.lock().expect("lock"), [i64::MIN]);
    }

    #[test]
    fn a_later_start_of_an_unknown_size_ends_on_the_empty_page_not_short_of_the_total() {
        // Page 2 of pages of 5 (no size given): the items before it are unknown, so the total
        // (12) cannot end the listing; the empty page after the last does, without an error.
        let (calls, fetch) = service(Style::Page, 12, 5, true);
        let items = run(Paginator::new(&PAGE, Some(2), None, fetch)).expect("items");
        assert_eq!(items, (5..12).collect::<Vec<_>>());
        assert_eq!(*calls.lock().expect("lock"), [2, 3, 4]);
        // From the first page the total still proves a short listing.
        let fetch = |page: i32| std::future::ready(Ok(page_of(if page == 1 { vec![0, 1] } else { vec![] }, Some(5))));
        let (items, message) = run_to_error(Paginator::new(&PAGE, None, None, fetch));
        assert_eq!(items, [0, 1]);
        assert!(message.contains("is empty while `total` says 5 items and 2 were read"), "{message}");
    }

    #[test]
    fn a_cursor_beyond_the_parameter_type_is_an_error_not_a_wrap() {
        let fetch = |_: i32| std::future::ready(Ok(page_of(vec![0; 10], None)));
        let start = i32::MAX - 5;
        let result = run(Paginator::<i64, ()>::new(&OFFSET, Some(start), Some(10), fetch));
        let e = result.expect_err("overflow");
        assert!(e.to_string().contains("does not fit"), "{e}");
    }

    #[test]
    fn an_items_field_of_the_wrong_shape_is_an_error_naming_it() {
        let fetch = |_: i32| std::future::ready(Ok(page(None, Some(1), r#"{"things": {"name": "x"}, "total": 1}"#)));
        let (items, e) = run_to_error(Paginator::new(&OFFSET, None, None, fetch));
        assert!(items.is_empty());
        assert!(e.contains("`things` is an object, not the documented array"), "{e}");
        assert!(e.contains("HTTP 200"), "{e}");
    }

    #[test]
    fn an_absent_or_empty_items_field_while_the_total_says_more_is_an_error() {
        for body in [r#"{"total": 5}"#, r#"{"things": null, "total": 5}"#] {
            let fetch = move |_: i32| std::future::ready(Ok(page(None, Some(5), body)));
            let (_, e) = run_to_error(Paginator::new(&OFFSET, None, None, fetch));
            assert!(e.contains("`things` is absent while `total` says 5 items and 0 were read"), "{e}");
        }
        let fetch = |c: i32| std::future::ready(Ok(page_of(if c == 0 { vec![1, 2] } else { vec![] }, Some(5))));
        let (items, e) = run_to_error(Paginator::new(&OFFSET, None, None, fetch));
        assert_eq!(items, [1, 2]);
        assert!(e.contains("`things` is empty while `total` says 5 items and 2 were read"), "{e}");
        // Absent with no total, or with the total reached, is the end.
        let fetch = |_: i32| std::future::ready(Ok(page(None, None, "{}")));
        assert_eq!(run(Paginator::new(&OFFSET, None, None, fetch)).expect("empty"), Vec::<i64>::new());
        let fetch = |_: i32| std::future::ready(Ok(page(None, None, "")));
        assert_eq!(run(Paginator::new(&OFFSET, None, None, fetch)).expect("empty body"), Vec::<i64>::new());
    }

    #[test]
    fn a_page_that_is_not_a_json_object_ends_the_listing_with_an_error_not_silently() {
        // A proxy's HTML page, or JSON of another shape, with no total to hold it to.
        for (body, says) in [("<html>gateway</html>", "not JSON"), ("[1, 2]", "an array")] {
            let fetch = move |c: i32| {
                std::future::ready(Ok(if c == 0 { page_of(vec![1, 2], None) } else { page(None, None, body) }))
            };
            let (items, e) = run_to_error(Paginator::new(&OFFSET, None, Some(2), fetch));
            assert_eq!(items, [1, 2], "{body}");
            assert!(e.contains(&format!("the page's body is {says}, not a JSON object with `things`")), "{body}: {e}");
        }
        // Past a byte order mark, a page is read.
        let fetch = |_: i32| std::future::ready(Ok(page(Some(vec![]), None, "\u{feff}{\"things\": []}")));
        assert_eq!(run(Paginator::new(&OFFSET, None, None, fetch)).expect("read"), Vec::<i64>::new());
    }

    #[test]
    fn a_later_page_without_the_total_is_held_to_the_total_an_earlier_page_gave() {
        // Page 1: 10 of 25. Page 2: not JSON, `{}`, an empty list, or 5 items and no total.
        let later: [(Option<Vec<i64>>, &str); 4] = [
            (None, "not json"),
            (None, "{}"),
            (Some(vec![]), r#"{"things": []}"#),
            (Some(vec![10]), r#"{"things": [10]}"#),
        ];
        for (items, body) in later {
            let fetch = move |c: i32| {
                std::future::ready(Ok(match c {
                    0 => page_of((0..10).collect(), Some(25)),
                    10 if items.is_some() => page(items.clone(), None, body),
                    10 => page(None, None, body),
                    _ => page(None, None, "{}"),
                }))
            };
            let (got, e) = run_to_error(Paginator::new(&OFFSET, None, Some(10), fetch));
            assert!(got.len() < 25, "{body}: {got:?}");
            // A body that is not JSON at all says so; the others are held to the total.
            let says = if body == "not json" { "the page's body is not JSON" } else { "while `total` says 25 items" };
            assert!(e.contains(says), "{body}: {e}");
        }
    }

    #[test]
    fn elements_that_are_not_the_documented_item_are_an_error() {
        let fetch = |_: i32| std::future::ready(Ok(decoded(r#"{"things": [1, "x", {}]}"#)));
        let (items, e) = run_to_error(Paginator::new(&OFFSET, None, None, fetch));
        assert!(items.is_empty());
        assert!(e.contains("2 of the 3 elements of `things` are not the documented item"), "{e}");
        // A page that looks full once two bad elements are left out: the server sent 4 for a
        // page size of 2. Decoding counted what it left out, so the page is read again.
        let fetch = |_: i32| std::future::ready(Ok(decoded(r#"{"things": [1, "x", 2, {}], "total": 9}"#)));
        let (items, e) = run_to_error(Paginator::new(&OFFSET, None, Some(2), fetch));
        assert!(items.is_empty());
        assert!(e.contains("2 of the 4 elements of `things` are not the documented item"), "{e}");
    }

    /// A page whose items are decoded from `body` as the generated glue does (lenient, counting
    /// what it leaves out), with its total.
    fn decoded(body: &str) -> Page<i64> {
        let (things, dropped) = crate::lenient::counting_dropped(|| {
            let v: serde_json::Value = serde_json::from_str(body).expect("JSON");
            v.get("things")
                .cloned()
                .and_then(|t| <Vec<i64> as crate::lenient::Lenient>::deserialize_lenient(t).ok().flatten())
        });
        let total = serde_json::from_str::<serde_json::Value>(body).ok().and_then(|v| v.get("total")?.as_i64());
        Page {
            items: things,
            total,
            next: None,
            meta: ResponseMeta::test(200, body.as_bytes()).with_dropped(dropped.values),
        }
    }

    #[test]
    fn pages_with_the_same_ends_but_other_items_are_not_a_repeat() {
        let fetch = |cursor: i32| {
            std::future::ready(Ok(match cursor {
                0 => page_of(vec![1, 2, 1], None),
                3 => page_of(vec![1, 3, 1], None),
                _ => page_of(vec![], None),
            }))
        };
        assert_eq!(run(Paginator::new(&OFFSET, None, Some(3), fetch)).expect("no repeat"), [1, 2, 1, 1, 3, 1]);
    }

    #[test]
    fn a_server_that_ignores_the_cursor_is_an_error_not_a_loop() {
        // Without a total: the same three items forever.
        let fetch = |_: i32| std::future::ready(Ok(page_of(vec![1, 2, 3], None)));
        let (items, e) = run_to_error(Paginator::new(&PAGE, None, None, fetch));
        assert_eq!(items, [1, 2, 3]);
        assert!(e.contains("the page at `page` 2 repeats the previous page: the server did not advance"), "{e}");
        // With a total of 50 and pages of two: one page, not 25 copies of it.
        let fetch = |_: i32| std::future::ready(Ok(page_of(vec![1, 2], Some(50))));
        let (items, e) = run_to_error(Paginator::new(&OFFSET, None, Some(2), fetch));
        assert_eq!(items, [1, 2]);
        assert!(e.contains("the page at `offset` 2 repeats"), "{e}");
    }

    #[test]
    fn the_page_cap_bounds_every_listing() {
        let fetch = |c: i32| std::future::ready(Ok(page_of(vec![i64::from(c)], None)));
        let (items, e) = run_to_error(Paginator::new(&OFFSET, None, None, fetch).max_pages(3));
        assert_eq!(items, [0, 1, 2]);
        assert!(e.contains("after 3 pages and 3 items: the page cap of 3 pages"), "{e}");
        assert!(e.contains("Paginator::max_pages"), "{e}");
    }

    static NEXT: Pages = Pages {
        op: &OP,
        style: Style::Marker,
        cursor: "marker",
        items: "things",
        total: None,
        marker: Some(Marker::Next("page_info.next_marker")),
    };
    static LAST_ITEM: Pages = Pages {
        op: &OP,
        style: Style::Marker,
        cursor: "marker",
        items: "things",
        total: None,
        marker: Some(Marker::Item("id")),
    };

    type Markers = Arc<Mutex<Vec<Option<String>>>>;

    /// A fake marker service holding the items `0..count`, `page_size` a page: the marker is the
    /// last item's number, given as the next marker (`next`) or read off the last item (`item`).
    fn marker_service(
        count: i64,
        page_size: i64,
        named: bool,
    ) -> (Markers, impl FnMut(Option<String>) -> Fetched + Send) {
        let calls = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&calls);
        let fetch = move |marker: Option<String>| {
            log.lock().expect("lock").push(marker.clone());
            let from = marker.map_or(0, |m| m.parse::<i64>().expect("a marker this service gave") + 1);
            let items: Vec<i64> = (from..count.min(from + page_size)).collect();
            let last = items.last().copied();
            let next = if named { last.filter(|l| *l + 1 < count) } else { last }.map(|l| l.to_string());
            let body = serde_json::json!({"things": items, "page_info": {"next_marker": next}}).to_string();
            std::future::ready(Ok(Page { next, ..page(Some(items), None, &body) }))
        };
        (calls, fetch)
    }

    fn markers(calls: &Markers) -> Vec<Option<&'static str>> {
        let names = ["0", "1", "2", "3", "4", "9", "19", "24"];
        calls
            .lock()
            .expect("lock")
            .iter()
            .map(|m| m.as_deref().map(|m| *names.iter().find(|n| **n == m).expect("known")))
            .collect()
    }

    #[test]
    fn a_listing_that_names_the_next_marker_ends_at_the_page_that_names_none() {
        let (calls, fetch) = marker_service(25, 10, true);
        let items = run(Paginator::by_marker(&NEXT, None, Some(10), fetch)).expect("items");
        assert_eq!(items, (0..25).collect::<Vec<_>>());
        assert_eq!(markers(&calls), [None, Some("9"), Some("19")]);
        // From the request's marker; a page size the service does not follow changes nothing.
        let (calls, fetch) = marker_service(25, 10, true);
        let items = run(Paginator::by_marker(&NEXT, Some("19".to_owned()), Some(3), fetch)).expect("items");
        assert_eq!(items, (20..25).collect::<Vec<_>>());
        assert_eq!(markers(&calls), [Some("19")]);
    }

    #[test]
    fn a_listing_by_the_last_items_marker_ends_on_a_short_or_empty_page() {
        let (calls, fetch) = marker_service(25, 10, false);
        let items = run(Paginator::by_marker(&LAST_ITEM, None, Some(10), fetch)).expect("items");
        assert_eq!(items, (0..25).collect::<Vec<_>>());
        assert_eq!(markers(&calls), [None, Some("9"), Some("19")], "the short page is the last");
        // Without a page size, only an empty page says the end.
        let (calls, fetch) = marker_service(25, 10, false);
        let items = run(Paginator::by_marker(&LAST_ITEM, None, None, fetch)).expect("items");
        assert_eq!(items.len(), 25);
        assert_eq!(markers(&calls), [None, Some("9"), Some("19"), Some("24")]);
    }

    #[test]
    fn a_full_page_without_a_marker_to_go_on_with_yields_its_items_then_an_error() {
        // The last item lacks the marker field: the glue gives no marker.
        let fetch = |_: Option<String>| {
            std::future::ready(Ok::<_, Error<()>>(Page { next: None, ..page_of(vec![1, 2], None) }))
        };
        let (items, message) = run_to_error(Paginator::by_marker(&LAST_ITEM, None, Some(2), fetch));
        assert_eq!(items, [1, 2]);
        assert!(message.contains("the page's last item has no `id` to ask for the next page with"), "{message}");
    }

    #[test]
    fn a_server_that_names_the_marker_it_was_given_is_an_error_not_a_loop() {
        let calls = Arc::new(Mutex::new(0));
        let log = Arc::clone(&calls);
        let fetch = move |marker: Option<String>| {
            *log.lock().expect("lock") += 1;
            let items = if marker.is_some() { vec![3, 4] } else { vec![1, 2] };
            std::future::ready(Ok::<_, Error<()>>(Page { next: Some("m".to_owned()), ..page_of(items, None) }))
        };
        let (items, message) = run_to_error(Paginator::by_marker(&NEXT, None, None, fetch));
        assert_eq!(items, [1, 2, 3, 4], "every item received comes first");
        assert!(message.contains("names the same marker for the next page"), "{message}");
        assert_eq!(*calls.lock().expect("lock"), 2);
    }
}
