//! [`Request`]: one call of an operation as generated code fills it in (path, query, headers, body,
//! constraint checks), and [`QueryValue`], what may go in a query string.

use std::fmt::{self, Display};
use std::ops::{RangeFrom, RangeFull, RangeInclusive, RangeToInclusive};

use crate::client::Operation;
use crate::error::{ConfigError, Error, ValidationError};
use crate::operation::PathPart;
use crate::signer;

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

/// A field as the generated checks pass it, mandatory (`String`, a sensitive field's `Secret`,
/// `Vec<T>`) or optional (an `Option` of one): its value when it is set.
pub trait Present<T: ?Sized> {
    /// The value, or `None` for an unset optional field.
    fn present(&self) -> Option<&T>;
}

impl Present<str> for str {
    fn present(&self) -> Option<&str> {
        Some(self)
    }
}

impl Present<str> for String {
    fn present(&self) -> Option<&str> {
        Some(self)
    }
}

impl Present<str> for Option<String> {
    fn present(&self) -> Option<&str> {
        self.as_deref()
    }
}

impl Present<str> for crate::credentials::Secret {
    fn present(&self) -> Option<&str> {
        Some(self.expose())
    }
}

impl Present<str> for Option<crate::credentials::Secret> {
    fn present(&self) -> Option<&str> {
        self.as_ref().map(crate::credentials::Secret::expose)
    }
}

impl<T> Present<[T]> for [T] {
    fn present(&self) -> Option<&[T]> {
        Some(self)
    }
}

impl<T> Present<[T]> for Vec<T> {
    fn present(&self) -> Option<&[T]> {
        Some(self)
    }
}

impl<T> Present<[T]> for Option<Vec<T>> {
    fn present(&self) -> Option<&[T]> {
        self.as_deref()
    }
}

/// A number as the generated checks pass it, mandatory or optional: its value when it is set.
pub trait PresentNumber {
    /// The number type.
    type Number: crate::validate::Number;
    /// The value, or `None` for an unset optional field.
    fn present(self) -> Option<Self::Number>;
}

impl<N: crate::validate::Number> PresentNumber for N {
    type Number = N;
    fn present(self) -> Option<N> {
        Some(self)
    }
}

impl<N: crate::validate::Number> PresentNumber for Option<N> {
    type Number = N;
    fn present(self) -> Option<N> {
        self
    }
}

/// One call of an operation, as generated code fills it in.
///
/// Its `Debug` shows the operation, the path and query parameters, the names of the headers and
/// the body's length: header values (an `X-Subject-Token`) and bodies (a user's password) may be
/// secrets.
pub struct Request {
    pub(super) op: &'static Operation,
    path_params: Vec<(&'static str, String)>,
    pub(super) query: Vec<(String, String)>,
    pub(super) headers: Vec<(String, String)>,
    pub(super) body: Option<(Vec<u8>, &'static str)>,
    pub(super) invalid: Option<ValidationError>,
}

/// The content type of JSON request bodies, as the API reference writes it (the official Python SDK
/// sends the same with `utf-8` in lower case).
pub const JSON_CONTENT_TYPE: &str = "application/json;charset=UTF-8";
/// The content type sent with requests that have no body (the official SDKs send the same for
/// operations without a body; for an optional body left out they send its declared content type).
pub const NO_BODY_CONTENT_TYPE: &str = "application/json";

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
        let body = self.body.as_ref().map(|(bytes, content_type)| format!("{} bytes of {content_type}", bytes.len()));
        f.debug_struct("Request")
            .field("op", &self.op.name)
            .field("path_params", &self.path_params)
            .field("query", &self.query)
            .field("headers", &headers)
            .field("body", &body)
            .field("invalid", &self.invalid)
            .finish()
    }
}

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
    /// `/`, `?`, `#` and `%` in it cannot change the path; an empty value, `.` and `..` (which
    /// URL parsing would resolve into another path) are rejected.
    pub fn path(&mut self, name: &'static str, value: impl Display) {
        let value = value.to_string();
        if let Some(problem) = bad_segment(&value) {
            self.reject(name, format!("path parameter {problem}"));
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

    /// Sets a JSON body, sent with `content_type` (the spec's request body `content_type`,
    /// [`JSON_CONTENT_TYPE`] unless the page says otherwise).
    pub fn json_body<T: serde::Serialize + ?Sized>(&mut self, body: &T, content_type: &'static str) {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.body = Some((bytes, content_type)),
            Err(e) => self.reject("body", format!("cannot be serialized as JSON: {e}")),
        }
    }

    /// Records a failed constraint check; the call then fails with it before anything is sent.
    pub fn check(&mut self, result: Result<(), ValidationError>) {
        if let Err(e) = result {
            self.invalid.get_or_insert(e);
        }
    }

    /// Checks a documented numeric range ([`crate::validate::range`]) for this operation;
    /// `bounds` is inclusive (`1.0..=128.0`, `0.0..`, `..=255.0`); an unset optional field passes.
    pub fn check_range(&mut self, parameter: &str, value: impl PresentNumber, bounds: impl DocumentedRange) {
        if let Some(value) = value.present() {
            let (min, max) = bounds.bounds();
            self.check(crate::validate::range(self.op, parameter, value, min, max));
        }
    }

    /// Checks a documented string length ([`crate::validate::length`]) for this operation;
    /// `bounds` as for [`Request::check_range`]; an unset optional field passes.
    pub fn check_length(
        &mut self,
        parameter: &str,
        value: &(impl Present<str> + ?Sized),
        bounds: impl DocumentedRange,
    ) {
        if let Some(value) = value.present() {
            let (min, max) = bounds.bounds();
            self.check(crate::validate::length(self.op, parameter, value, min, max));
        }
    }

    /// Checks a documented number of list elements ([`crate::validate::items`]) for this
    /// operation; `bounds` as for [`Request::check_range`]; an unset optional field passes.
    pub fn check_items<T>(
        &mut self,
        parameter: &str,
        value: &(impl Present<[T]> + ?Sized),
        bounds: impl DocumentedRange,
    ) {
        if let Some(value) = value.present() {
            let (min, max) = bounds.bounds();
            self.check(crate::validate::items(self.op, parameter, value, min, max));
        }
    }

    /// The path with every placeholder filled and encoded.
    pub(super) fn build_path(&self, project_id: Option<&str>, domain_id: Option<&str>) -> Result<String, Error> {
        // Room for the whole path at once (values that need encoding may still grow it).
        let values: usize = self.path_params.iter().map(|(_, v)| v.len()).sum::<usize>()
            + project_id.map_or(0, str::len)
            + domain_id.map_or(0, str::len);
        let texts: usize = self.op.path.iter().map(|p| if let PathPart::Text(t) = p { t.len() } else { 0 }).sum();
        let mut out = String::with_capacity(texts + values);
        for part in self.op.path {
            let name = match part {
                PathPart::Text(text) => {
                    out.push_str(text);
                    continue;
                }
                PathPart::Param(name) => *name,
            };
            let value = match self.path_params.iter().find(|(n, _)| *n == name) {
                Some((_, v)) => v.as_str(),
                None if name == "project_id" => {
                    let id = project_id.ok_or(ConfigError::NoProjectId { operation: self.op.name })?;
                    if let Some(problem) = bad_segment(id) {
                        return Err(Error::Config(ConfigError::Invalid {
                            setting: "project ID",
                            message: format!("the project ID {problem}"),
                        }));
                    }
                    id
                }
                None if name == "domain_id" => {
                    let id = domain_id.ok_or(ConfigError::NoDomainId { operation: self.op.name })?;
                    if let Some(problem) = bad_segment(id) {
                        return Err(Error::Config(ConfigError::Invalid {
                            setting: "domain ID",
                            message: format!("the domain ID {problem}"),
                        }));
                    }
                    id
                }
                None => {
                    return Err(Error::Validation(ValidationError {
                        operation: self.op.name,
                        parameter: name.to_owned(),
                        message: "path parameter is not set".to_owned(),
                    }));
                }
            };
            signer::encode_into(&mut out, value);
        }
        Ok(out)
    }
}

/// Why `value` cannot be a path segment: empty, or a dot segment that URL parsing would resolve
/// (`..` climbs out of the operation's path; percent-encoding does not help, `%2E` is a dot too).
fn bad_segment(value: &str) -> Option<&'static str> {
    match value {
        "" => Some("must not be empty"),
        "." | ".." => Some("must not be `.` or `..`"),
        _ => None,
    }
}

/// A documented range as the generated checks write it: inclusive bounds, either of them open
/// (`1.0..=64.0`, `0.0..`, `..=255.0`, `..`). A half-open `1.0..64.0` is not one (the pages
/// document inclusive ranges), so it does not compile.
pub trait DocumentedRange {
    /// The lower and upper bound, inclusive; `None` where open.
    fn bounds(&self) -> (Option<f64>, Option<f64>);
}

impl DocumentedRange for RangeInclusive<f64> {
    fn bounds(&self) -> (Option<f64>, Option<f64>) {
        (Some(*self.start()), Some(*self.end()))
    }
}

impl DocumentedRange for RangeFrom<f64> {
    fn bounds(&self) -> (Option<f64>, Option<f64>) {
        (Some(self.start), None)
    }
}

impl DocumentedRange for RangeToInclusive<f64> {
    fn bounds(&self) -> (Option<f64>, Option<f64>) {
        (None, Some(self.end))
    }
}

impl DocumentedRange for RangeFull {
    fn bounds(&self) -> (Option<f64>, Option<f64>) {
        (None, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static OP: Operation = Operation {
        name: "Op",
        method: "GET",
        path: &[
            PathPart::Text("/v1/"),
            PathPart::Param("project_id"),
            PathPart::Text("/items/"),
            PathPart::Param("item_id"),
            PathPart::Text("/x"),
        ],
        errors_in_body: None,
        secret_response: false,
    };

    #[test]
    fn debug_shows_header_names_and_the_bodys_length_not_their_values() {
        let mut r = Request::new(&OP);
        r.path("item_id", "item-1");
        r.query("limit", &10);
        r.header("X-Subject-Token", "TOKEN-VALUE");
        r.json_body(&serde_json::json!({"password": "PASSWORD-VALUE"}), JSON_CONTENT_TYPE);
        let shown = format!("{r:?}");
        for kept in ["Op", "item-1", "limit", "X-Subject-Token", "bytes of application/json"] {
            assert!(shown.contains(kept), "{kept} missing from {shown}");
        }
        assert!(!shown.contains("TOKEN-VALUE") && !shown.contains("PASSWORD-VALUE"), "{shown}");
    }

    #[test]
    fn path_parameters_are_encoded_as_one_segment() {
        let mut r = Request::new(&OP);
        r.path("item_id", "../a/b?c#d%e f");
        assert_eq!(r.build_path(Some("p 1"), None).expect("path"), "/v1/p%201/items/..%2Fa%2Fb%3Fc%23d%25e%20f/x");
        let r = Request::new(&OP);
        assert!(matches!(r.build_path(None, None), Err(Error::Config(ConfigError::NoProjectId { .. }))));
        for bad in ["", ".", ".."] {
            let mut r = Request::new(&OP);
            r.path("item_id", bad);
            assert!(r.invalid.is_some(), "{bad:?} accepted");
            let mut r = Request::new(&OP);
            r.path("item_id", "x");
            assert!(
                matches!(r.build_path(Some(bad), None), Err(Error::Config(ConfigError::Invalid { .. }))),
                "{bad:?}"
            );
        }
        let mut r = Request::new(&OP);
        r.path("item_id", "...");
        assert!(r.invalid.is_none(), "three dots are an ordinary segment");
    }

    #[test]
    fn checks_read_inclusive_ranges_open_at_either_end() {
        let outcome = |check: &dyn Fn(&mut Request)| {
            let mut r = Request::new(&OP);
            check(&mut r);
            r.invalid.map(|e| e.message)
        };
        assert_eq!(outcome(&|r| r.check_range("n", 128, 1.0..=128.0)), None);
        let low = outcome(&|r| r.check_range("n", 0, 1.0..=128.0)).expect("0 is below 1");
        assert!(low.contains("allowed 1 to 128"), "{low}");
        assert!(outcome(&|r| r.check_range("n", 129_i64, 1.0..=128.0)).is_some());
        assert_eq!(outcome(&|r| r.check_range("n", Some(-1.5), -2.0..)), None);
        let high = outcome(&|r| r.check_range("n", 300, ..=255.0)).expect("300 is above 255");
        assert!(high.contains("at most 255"), "{high}");
        assert_eq!(outcome(&|r| r.check_range("n", None::<i32>, 1.0..=2.0)), None, "an unset field passes");
        assert!(outcome(&|r| r.check_length("s", "toolong", ..=3.0)).is_some());
        assert_eq!(outcome(&|r| r.check_length("s", "abc", 1.0..=3.0)), None);
        assert!(outcome(&|r| r.check_items("l", &[1, 2, 3][..], 4.0..)).is_some());
        assert_eq!(outcome(&|r| r.check_items("l", &Some(vec![1]), ..)), None);
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
