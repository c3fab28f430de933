//! Pagination: every item of every page of a list operation, as one lazy stream.
//!
//! Generated `*_all` methods supply only the per-operation glue: how to fetch the page at a cursor
//! (set the cursor parameter on a copy of the request and call the operation) and where the items
//! and the total are in the response. The loop is here:
//!
//! - [`Style::Offset`] (offset/limit): the cursor counts items, starting at the request's offset
//!   (0 when unset); the next cursor is the previous one plus the items received.
//! - [`Style::Page`] (page/per_page): the cursor counts pages from 1; the next cursor is the
//!   previous one plus one.
//!
//! A page is fetched only when the stream is read past the items already received. The stream ends
//! after an empty page; after the page that reaches the documented total, when the response has
//! one; otherwise after a page shorter than the requested page size. The first error is yielded
//! and ends the stream.
//!
//! ```no_run
//! # async fn f(client: huaweicloud_sdk_runtime::paginate::Paginator<String, ()>) {
//! let mut accounts = client;
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
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;

use crate::client::Operation;
use crate::error::{Error, ValidationError};

/// What the cursor of a paginated operation counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Items (offset/limit), starting at 0.
    Offset,
    /// Pages (page/per_page), starting at 1.
    Page,
}

/// One page, as the generated glue takes it out of a response.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// The page's items.
    pub items: Vec<T>,
    /// The total number of items, when the response says.
    pub total: Option<i64>,
}

/// An integer type of a cursor or page size parameter.
pub trait Cursor: Copy + Into<i64> + TryFrom<i64> + Send + 'static {}
impl Cursor for i32 {}
impl Cursor for i64 {}

type Items<T, E> = Pin<Box<dyn Stream<Item = Result<T, Error<E>>> + Send>>;

/// The items of every page of a list operation: a [`Stream`] of `Result<T, Error<E>>`, also
/// readable without a futures crate through [`Paginator::next`] and [`Paginator::collect_all`].
pub struct Paginator<T, E> {
    inner: Items<T, E>,
}

impl<T, E> fmt::Debug for Paginator<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Paginator").finish_non_exhaustive()
    }
}

/// The loop's state between pages.
struct State<T, F> {
    fetch: F,
    op: &'static Operation,
    style: Style,
    cursor: i64,
    size: Option<i64>,
    /// Items before the first page requested (offset style) or counted so far.
    seen: i64,
    buffer: VecDeque<T>,
    done: bool,
}

impl<T: Send + 'static, E: Send + 'static> Paginator<T, E> {
    /// Pages of `op` in `style`, from `start` (the default start when `None`), asking for pages
    /// of `size` items (the service's default when `None`); `fetch(cursor)` fetches one page.
    pub fn new<C, F, Fut>(style: Style, op: &'static Operation, start: Option<C>, size: Option<C>, fetch: F) -> Self
    where
        C: Cursor,
        F: FnMut(C) -> Fut + Send + 'static,
        Fut: Future<Output = Result<Page<T>, Error<E>>> + Send + 'static,
    {
        let first = match style {
            Style::Offset => 0,
            Style::Page => 1,
        };
        let cursor = start.map_or(first, Into::into);
        let size = size.map(Into::into).filter(|s| *s > 0);
        let seen = match (style, size) {
            (Style::Offset, _) => cursor,
            (Style::Page, Some(s)) => (cursor - 1).max(0).saturating_mul(s),
            (Style::Page, None) => 0,
        };
        let state = State { fetch, op, style, cursor, size, seen, buffer: VecDeque::new(), done: false };
        Paginator { inner: Box::pin(futures_util::stream::unfold(state, step)) }
    }

    /// The next item, fetching the next page when needed; `None` after the last.
    pub async fn next(&mut self) -> Option<Result<T, Error<E>>> {
        std::future::poll_fn(|cx| self.inner.as_mut().poll_next(cx)).await
    }

    /// Every item of every page, or the first error.
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
async fn step<T, E, C, F, Fut>(mut s: State<T, F>) -> Option<(Result<T, Error<E>>, State<T, F>)>
where
    C: Cursor,
    F: FnMut(C) -> Fut,
    Fut: Future<Output = Result<Page<T>, Error<E>>>,
{
    loop {
        if let Some(item) = s.buffer.pop_front() {
            return Some((Ok(item), s));
        }
        if s.done {
            return None;
        }
        s.done = true;
        let Ok(cursor) = C::try_from(s.cursor) else {
            let e = ValidationError {
                operation: s.op.name,
                parameter: "pagination cursor".to_owned(),
                message: format!("the next page's cursor {} does not fit the parameter's type", s.cursor),
            };
            return Some((Err(Error::Validation(e)), s));
        };
        let page = match (s.fetch)(cursor).await {
            Ok(p) => p,
            Err(e) => return Some((Err(e), s)),
        };
        let n = i64::try_from(page.items.len()).unwrap_or(i64::MAX);
        s.seen = s.seen.saturating_add(n);
        s.cursor = match s.style {
            Style::Offset => s.cursor.saturating_add(n),
            Style::Page => s.cursor.saturating_add(1),
        };
        s.done = n == 0
            || match page.total {
                Some(total) => s.seen >= total,
                None => s.size.is_some_and(|size| n < size),
            };
        tracing::debug!(operation = s.op.name, items = n, total = page.total, last = s.done, "page received");
        s.buffer.extend(page.items);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    static OP: Operation = Operation { name: "ListThings", method: "GET", path: "/v1/things" };

    type Calls = Arc<Mutex<Vec<i64>>>;
    type Fetched = std::future::Ready<Result<Page<i64>, Error<()>>>;

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
            };
            let items = (from..count.min(from + page_size)).collect();
            std::future::ready(Ok(Page { items, total: with_total.then_some(count) }))
        };
        (calls, fetch)
    }

    fn run<T: Send + 'static>(p: Paginator<T, ()>) -> Result<Vec<T>, Error<()>> {
        let rt = tokio::runtime::Builder::new_current_thread().build().expect("runtime");
        rt.block_on(p.collect_all())
    }

    #[test]
    fn offset_pages_stop_at_the_total() {
        let (calls, fetch) = service(Style::Offset, 25, 10, true);
        let items = run(Paginator::new(Style::Offset, &OP, None, Some(10), fetch)).expect("items");
        assert_eq!(items, (0..25).collect::<Vec<_>>());
        assert_eq!(*calls.lock().expect("lock"), [0, 10, 20]);
    }

    #[test]
    fn an_exact_multiple_without_total_needs_one_empty_page() {
        let (calls, fetch) = service(Style::Offset, 20, 10, false);
        let items = run(Paginator::new(Style::Offset, &OP, Some(0), Some(10), fetch)).expect("items");
        assert_eq!(items.len(), 20);
        assert_eq!(*calls.lock().expect("lock"), [0, 10, 20]);
    }

    #[test]
    fn a_short_page_ends_without_total() {
        let (calls, fetch) = service(Style::Page, 12, 5, false);
        let items = run(Paginator::new(Style::Page, &OP, None, Some(5), fetch)).expect("items");
        assert_eq!(items, (0..12).collect::<Vec<_>>());
        assert_eq!(*calls.lock().expect("lock"), [1, 2, 3]);
    }

    #[test]
    fn page_style_from_a_later_page_with_a_total() {
        let (calls, fetch) = service(Style::Page, 12, 5, true);
        let items = run(Paginator::new(Style::Page, &OP, Some(2), Some(5), fetch)).expect("items");
        assert_eq!(items, (5..12).collect::<Vec<_>>());
        assert_eq!(*calls.lock().expect("lock"), [2, 3]);
    }

    #[test]
    fn pages_are_fetched_lazily_and_the_first_error_ends_the_stream() {
        let calls = Arc::new(Mutex::new(0));
        let log = Arc::clone(&calls);
        let fetch = move |cursor: i32| {
            *log.lock().expect("lock") += 1;
            std::future::ready(if cursor == 0 {
                Ok(Page { items: vec![1, 2], total: None })
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
            let mut p: Paginator<i32, ()> = Paginator::new(Style::Offset, &OP, None, None, fetch);
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
    fn a_cursor_beyond_the_parameter_type_is_an_error_not_a_wrap() {
        let fetch = |_: i32| std::future::ready(Ok(Page { items: vec![0u8; 10], total: None }));
        let start = i32::MAX - 5;
        let result = run(Paginator::<u8, ()>::new(Style::Offset, &OP, Some(start), Some(10), fetch));
        let e = result.expect_err("overflow");
        assert!(e.to_string().contains("does not fit"), "{e}");
    }
}
