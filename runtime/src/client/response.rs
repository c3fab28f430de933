//! [`Response`]: what the service answered, before decoding; [`ResponseMeta`]: the part of it that
//! every decoded success value keeps (status, request ID, headers, attempts); [`Output`]: the success
//! types of operations; [`NoContent`]: the success type of operations without a documented body.

use bytes::Bytes;
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;

use crate::error::{Error, RawBody, ServiceError};
use crate::lenient::Dropped;
use crate::lenient::repair;
use crate::operation::Operation;

/// What a success value keeps of the response it was decoded from: status, request ID, headers,
/// the number of attempts and the raw body. Every generated success type has it
/// (`response.meta()`), so calls whose documentation gives no body, or whose body was not the
/// documented JSON, still tell the caller everything the service answered.
///
/// Its `Debug` is short: the status, request ID and attempts, the header names (not their values,
/// which may carry tokens such as IAM's `X-Subject-Token`) and the body's length; the accessors
/// give the rest.
#[derive(Clone, PartialEq, Default)]
pub struct ResponseMeta {
    pub(super) status: u16,
    pub(super) request_id: Option<String>,
    pub(super) headers: HeaderMap,
    pub(super) attempts: u32,
    pub(super) body: Bytes,
    /// Values lenient decoding left out (fields, elements, entries).
    pub(super) dropped: u32,
    /// Of those, list elements and map entries: the paginator reads a page's body again only
    /// when an item may be missing from it.
    pub(super) dropped_items: u32,
    /// The operation's success body documents a secret: errors made from this response print the
    /// body by its length only ([`crate::RawBody::hidden_if`]).
    pub(crate) secret: bool,
}

impl std::fmt::Debug for ResponseMeta {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.headers.keys().map(|k| k.as_str()).collect();
        f.debug_struct("ResponseMeta")
            .field("status", &self.status)
            .field("request_id", &self.request_id)
            .field("attempts", &self.attempts)
            .field("header_names", &names)
            .field("body_bytes", &self.body.len())
            .field("dropped_elements", &self.dropped)
            .finish()
    }
}

impl ResponseMeta {
    /// The meta of a response with `status` and `body` and no headers, for the runtime's tests.
    #[cfg(test)]
    pub(crate) fn test(status: u16, body: &[u8]) -> Self {
        ResponseMeta { status, body: Bytes::copy_from_slice(body), ..ResponseMeta::default() }
    }

    /// The same meta saying that decoding left `n` elements out, for the runtime's tests.
    #[cfg(test)]
    pub(crate) fn with_dropped(mut self, n: u32) -> Self {
        self.dropped = n;
        self.dropped_items = n;
        self
    }

    /// List elements and map entries left out (a part of [`dropped_elements`](Self::dropped_elements)).
    pub(crate) fn dropped_items(&self) -> u32 {
        self.dropped_items
    }

    /// HTTP status (0 for a value that was not decoded from a response, e.g. one built in a test).
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The `X-Request-Id` header, the ID to quote to Huawei Cloud support.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// Response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// Attempts made, retries included (0 when not decoded from a response).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The body as received, after gzip or deflate decoding (at most the config's
    /// `max_response_bytes`), byte for byte: a field the decoder repaired (invalid UTF-8, a number
    /// out of range) is here as it arrived. A success whose body was not JSON by design (`null`, a
    /// JSON string, plain text) has its documented fields unset; this is where what the service
    /// said can still be read.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The body, shared (no copy), for the paginator's comparison of two pages.
    pub(crate) fn body_shared(&self) -> Bytes {
        self.body.clone()
    }

    /// Values of the body that lenient decoding left out because they were not of the documented
    /// type: fields (an object, or `"yes"`, where the page documents a boolean; a number out of
    /// the field's range), list elements and map entries (a `null` one too), each counted once
    /// where it was left out: 0 normally. They are still in [`body`](Self::body); nothing else
    /// says they were there. A `null` field is unset, not left out.
    pub fn dropped_elements(&self) -> u32 {
        self.dropped
    }
}

/// The success type of an operation: a JSON-decodable value that keeps its [`ResponseMeta`].
/// Generated response types implement it; [`Response::decode`] fills the meta in. Generic code
/// (logging every call's request ID, say) reads it through this trait.
pub trait Output: DeserializeOwned {
    /// Whether the body is ignored (decoded as `{}`): set for success types whose documentation
    /// gives no body fields, so that a call that succeeded is not turned into a decoding error by
    /// a body nobody reads (`null`, `"OK"`, plain text).
    const IGNORES_BODY: bool = false;
    /// Whether the body is a bare string (the spec's response `type: String`): a body that is not
    /// JSON then decodes as that string, its text, as the official SDKs read it (DDM answers
    /// some calls with plain text).
    const TEXT_BODY: bool = false;
    /// What the response carried besides the body.
    fn meta(&self) -> &ResponseMeta;
    /// Stores what the response carried besides the body.
    fn set_meta(&mut self, meta: ResponseMeta);
}

/// The success value of an operation whose documentation gives no response body; any body the
/// service sends is ignored, the status and request ID are kept.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NoContent {
    meta: ResponseMeta,
}

impl NoContent {
    /// Status, request ID, headers and attempts of the response.
    pub fn meta(&self) -> &ResponseMeta {
        &self.meta
    }
}

impl<'de> serde::Deserialize<'de> for NoContent {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(d).map(|_| NoContent::default())
    }
}

impl Output for NoContent {
    const IGNORES_BODY: bool = true;
    fn meta(&self) -> &ResponseMeta {
        &self.meta
    }
    fn set_meta(&mut self, meta: ResponseMeta) {
        self.meta = meta;
    }
}

/// Decodes the body of a documented error status as `T`; an empty or `null` body decodes as
/// `{}` (every field absent), anything that is not `T` gives `None`. Generated
/// `<Operation>Error::from_response` functions call it.
pub fn error_body<T: DeserializeOwned>(body: &[u8]) -> Option<T> {
    let trimmed = body.trim_ascii();
    let body: &[u8] = if trimmed.is_empty() || trimmed == b"null" { b"{}" } else { body };
    serde_json::from_slice(body).ok()
}

/// A body that is not JSON as the bare string of a `T` whose body is one
/// ([`Output::TEXT_BODY`]); `None` for other types, and for a body that is empty or not UTF-8.
fn text_body<T: Output>(body: &[u8]) -> Option<T> {
    if !T::TEXT_BODY || body.trim_ascii().is_empty() {
        return None;
    }
    let text = std::str::from_utf8(body).ok()?;
    serde_json::from_value(serde_json::Value::String(text.to_owned())).ok()
}

/// The success value of a 2xx body (see [`Response::decode`]); `counted` is what the reading
/// that gave the value left out (a body read again after a repair would count what the first
/// reading left out twice).
fn success<T: Output, E>(op: &'static Operation, meta: &ResponseMeta, counted: &mut Dropped) -> Result<T, Error<E>> {
    if T::IGNORES_BODY {
        return empty(op, meta);
    }
    if let Some(encoding) = unread_encoding(&meta.headers) {
        let message =
            format!("the body is encoded as `{encoding}`, which this SDK does not decode (gzip and deflate are)");
        return Err(applied(op, meta, &message));
    }
    // Past a byte order mark; repaired (invalid UTF-8, out-of-range numbers) when it must be.
    let read = |b: &[u8]| {
        let (value, dropped) = crate::lenient::counting_dropped(|| serde_json::from_slice::<T>(b));
        value.map(|v| (v, dropped))
    };
    let refused = match repair::read_repaired(&meta.body, read) {
        Ok(((v, dropped), repairs)) => {
            *counted = dropped;
            for r in &repairs {
                tracing::warn!(operation = op.name, field = r.path.as_str(), "{}", r.what);
            }
            return Ok(v);
        }
        Err(e) => e,
    };
    let body: &[u8] = repair::past_bom(&meta.body);
    if let Some(v) = text_body::<T>(body) {
        return Ok(v);
    }
    // Valid JSON of another shape (`[1, 2]` for an object) is a body of the wrong shape, kept
    // raw; JSON that breaks off or goes wrong has lost what came after.
    let starts_as_json = matches!(body.trim_ascii_start().first(), Some(b'{' | b'['));
    if starts_as_json && let Err(broken) = serde_json::from_slice::<serde::de::IgnoredAny>(body) {
        tracing::debug!(operation = op.name, error = %refused, "the success body does not decode");
        return Err(applied(op, meta, &format!("the body is cut short or corrupt ({broken})")));
    }
    if !body.iter().all(u8::is_ascii_whitespace) {
        tracing::warn!(
            operation = op.name,
            status = meta.status,
            bytes = meta.body.len(),
            "the success body is not JSON; its fields are unset and the raw body is in meta().body()"
        );
    }
    empty(op, meta)
}

/// `T` with every field unset, for a body that is not JSON by design.
fn empty<T: Output, E>(op: &'static Operation, meta: &ResponseMeta) -> Result<T, Error<E>> {
    serde_json::from_slice::<T>(b"{}").map_err(|e| Error::Decode {
        operation: op.name,
        status: meta.status,
        request_id: meta.request_id.clone(),
        message: e.to_string(),
        body: RawBody::from(meta.body.clone()).hidden_if(op.secret_response),
    })
}

/// [`Error::Decode`] for a 2xx body that could not be read: `what`, and that the request was
/// applied.
fn applied<E>(op: &'static Operation, meta: &ResponseMeta, what: &str) -> Error<E> {
    Error::Decode {
        operation: op.name,
        status: meta.status,
        request_id: meta.request_id.clone(),
        message: format!(
            "{what}; the server answered HTTP {}, so the request was applied: do not repeat it blindly",
            meta.status
        ),
        body: RawBody::from(meta.body.clone()).hidden_if(op.secret_response),
    }
}

/// The `Content-Encoding` of a body left encoded: one the HTTP client did not decode (it removes
/// the header of a body it decoded).
fn unread_encoding(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(reqwest::header::CONTENT_ENCODING)?;
    let value = String::from_utf8_lossy(value.as_bytes()).trim().to_owned();
    (!value.is_empty() && !value.eq_ignore_ascii_case("identity")).then_some(value)
}

/// A response received for a call, before decoding.
#[derive(Debug)]
pub struct Response {
    pub(super) op: &'static Operation,
    pub(super) meta: ResponseMeta,
    /// The service's own error fields, looked for first in an error body.
    pub(super) error_body: Option<(&'static str, &'static str)>,
}

impl Response {
    /// Status, request ID, headers and attempts.
    pub fn meta(&self) -> &ResponseMeta {
        &self.meta
    }

    /// HTTP status.
    pub fn status(&self) -> u16 {
        self.meta.status
    }

    /// The body bytes.
    pub fn body(&self) -> &[u8] {
        &self.meta.body
    }

    /// Decodes a 2xx response as `T` and gives it the response's [`ResponseMeta`]; any other
    /// status becomes [`Error::Service`], with the body decoded by `documented` when the status is
    /// documented.
    ///
    /// A 2xx whose body is not JSON by design is a success: an empty body, `null`, a bare string,
    /// plain text or HTML decode as `{}`, every documented field unset, and stay readable in
    /// [`ResponseMeta::body`] (a warning is logged); treating them as failures would make a caller
    /// retry a call that was applied. What the body holds is never lost silently, though:
    ///
    /// - a field that cannot be read costs that field alone: invalid UTF-8 in a string is read
    ///   with U+FFFD in its place, a number out of range (`1e400`) is kept as its text in a String
    ///   field and is `None` in a numeric one, each with a warning naming the field;
    /// - a body that starts as JSON (`{` or `[`) but cannot be parsed (cut short, corrupt), or is
    ///   in an encoding the SDK does not decode, is [`Error::Decode`] with the status, the request
    ///   ID, the raw body and a statement that the request was applied.
    ///
    /// A body that reports a failure as the operation's [`BodyErrors`] declare becomes
    /// [`Error::Service`] with the 2xx status.
    pub fn decode<T: Output, E>(self, documented: fn(u16, &[u8]) -> Option<E>) -> Result<T, Error<E>> {
        let Response { op, meta, error_body } = self;
        if (200..300).contains(&meta.status) {
            if let Some((code, message)) = op.errors_in_body.and_then(|b| b.failure(&meta.body)) {
                let message = message.unwrap_or_else(|| "no message in the error body".to_owned());
                let error = ServiceError {
                    status: meta.status,
                    code: Some(code),
                    message,
                    request_id: meta.request_id,
                    body: RawBody::from(meta.body),
                    retry_after: None,
                };
                let error = Box::new(error);
                return Err(Error::Service { operation: op.name, error, documented: None, attempts: meta.attempts });
            }
            let mut dropped = Dropped::default();
            let mut value = success::<T, E>(op, &meta, &mut dropped)?;
            if dropped.values > 0 {
                tracing::warn!(
                    operation = op.name,
                    dropped = dropped.values,
                    "values that are not of the documented type (fields, list elements, map entries) were left out"
                );
            }
            let mut meta = meta;
            meta.dropped = dropped.values;
            meta.dropped_items = dropped.items;
            value.set_meta(meta);
            return Ok(value);
        }
        let mut error = ServiceError::from_response_of(meta.status, meta.request_id.clone(), &meta.body, error_body);
        error.retry_after = super::retry_after(&meta.headers);
        if (300..400).contains(&meta.status) {
            let location = meta.headers.get("location").and_then(|v| v.to_str().ok()).unwrap_or("no Location header");
            error.message = format!("redirect to {location} not followed");
        }
        let documented = documented(meta.status, &meta.body);
        Err(Error::Service { operation: op.name, error: Box::new(error), documented, attempts: meta.attempts })
    }
}

#[cfg(test)]
mod debug_tests {
    use super::ResponseMeta;

    #[test]
    fn debug_is_short_and_shows_no_header_value() {
        let mut meta = ResponseMeta::test(201, &[b'x'; 5000]);
        meta.request_id = Some("req-1".to_owned());
        meta.headers.insert("x-subject-token", "MIIsecret-token".parse().expect("a header value"));
        let shown = format!("{meta:?}");
        assert_eq!(
            shown,
            r#"ResponseMeta { status: 201, request_id: Some("req-1"), attempts: 0, header_names: ["x-subject-token"], body_bytes: 5000, dropped_elements: 0 }"#
        );
        assert!(!shown.contains("MIIsecret"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static OP: Operation = Operation {
        name: "Op",
        method: "POST",
        path: &[crate::operation::PathPart::Text("/v1/x")],
        errors_in_body: None,
        secret_response: false,
    };
    use crate::operation::{BodyErrors, SuccessCode};

    static CHECKED: Operation = Operation {
        name: "Checked",
        method: "POST",
        path: &[crate::operation::PathPart::Text("/v1/x")],
        errors_in_body: Some(&BodyErrors {
            code: "error_code",
            message: "error_msg",
            success: &[SuccessCode::Str("0"), SuccessCode::Int(0), SuccessCode::Null],
        }),
        secret_response: false,
    };

    fn response(status: u16, body: &str) -> Response {
        response_of(&OP, status, body)
    }

    fn response_of(op: &'static Operation, status: u16, body: &str) -> Response {
        let mut r = response_bytes(status, body.as_bytes());
        r.op = op;
        r
    }

    fn response_bytes(status: u16, body: &[u8]) -> Response {
        let meta = ResponseMeta {
            status,
            request_id: Some("rid".to_owned()),
            headers: HeaderMap::new(),
            attempts: 2,
            body: Bytes::copy_from_slice(body),
            dropped: 0,
            dropped_items: 0,
            secret: false,
        };
        Response { op: &OP, meta, error_body: None }
    }

    /// A lenient success type with a list, as generated.
    #[derive(serde::Deserialize, Debug, Default)]
    struct Listing {
        #[serde(default, deserialize_with = "crate::lenient::deserialize")]
        things: Option<Vec<i64>>,
        #[serde(default, deserialize_with = "crate::lenient::deserialize")]
        name: Option<String>,
        #[serde(skip)]
        meta: ResponseMeta,
    }
    impl Output for Listing {
        fn meta(&self) -> &ResponseMeta {
            &self.meta
        }
        fn set_meta(&mut self, meta: ResponseMeta) {
            self.meta = meta;
        }
    }

    #[test]
    fn a_body_read_again_after_a_repair_counts_what_it_left_out_once() {
        // The first reading stops at the invalid UTF-8 after it left `"x"` out; the repaired
        // reading leaves it out again: one value, one list element.
        let body = b"{\"things\": [1, \"x\"], \"name\": \"a\xffb\"}";
        let out: Listing = response_bytes(200, body).decode::<Listing, ()>(|_, _| None).expect("repaired");
        assert_eq!((out.things.as_deref(), out.name.as_deref()), (Some(&[1][..]), Some("a\u{fffd}b")));
        assert_eq!((out.meta().dropped_elements(), out.meta().dropped_items()), (1, 1));
        let out: Listing =
            response(200, r#"{"things": [1], "name": {"a": 1}}"#).decode::<Listing, ()>(|_, _| None).expect("ok");
        assert_eq!((out.meta().dropped_elements(), out.meta().dropped_items()), (1, 0), "a field is no item");
    }

    #[derive(serde::Deserialize, Debug, PartialEq, Default)]
    struct Out {
        error_code: Option<serde_json::Value>,
        #[serde(skip)]
        meta: ResponseMeta,
    }
    impl Output for Out {
        fn meta(&self) -> &ResponseMeta {
            &self.meta
        }
        fn set_meta(&mut self, meta: ResponseMeta) {
            self.meta = meta;
        }
    }

    #[test]
    fn a_success_body_that_is_not_json_by_design_is_a_success_with_the_raw_body() {
        for body in ["null", "\"ok\"", "deleted", "[1, 2]", "<html>ok</html>", "\u{fffd}", ""] {
            let out: Out = response(200, body).decode::<Out, ()>(|_, _| None).expect(body);
            assert_eq!(out.error_code, None, "{body}");
            assert_eq!(out.meta().body(), body.as_bytes());
            assert_eq!((out.meta().status(), out.meta().request_id()), (200, Some("rid")));
        }
    }

    #[test]
    fn a_success_body_that_starts_as_json_and_breaks_off_is_an_error_that_says_it_was_applied() {
        for body in ["{\"users\": [", "{\"error_code\": 1, }", "[{\"a\": 1}", "  {\"a\": tru"] {
            let e = response(201, body).decode::<Out, ()>(|_, _| None).expect_err(body);
            let Error::Decode { status, request_id, message, body: raw, .. } = &e else { panic!("{e:?}") };
            assert_eq!((*status, request_id.as_deref(), raw.as_bytes()), (201, Some("rid"), body.as_bytes()));
            assert!(message.starts_with("the body is cut short or corrupt ("), "{message}");
            assert!(
                message.ends_with("the server answered HTTP 201, so the request was applied: do not repeat it blindly")
            );
        }
        // A body nobody reads, or a bare string, is still a success.
        response(200, "{\"users\": [").decode::<NoContent, ()>(|_, _| None).expect("ignored");
        let text: Text = response(200, "{\"a\": ").decode::<Text, ()>(|_, _| None).expect("text");
        assert_eq!(text.body.as_deref(), Some("{\"a\": "));
    }

    #[test]
    fn one_unreadable_field_costs_that_field_not_the_document() {
        let body = b"{\"error_code\": \"a\xffb\", \"n\": 1e400}";
        let out: Out = response_bytes(200, body).decode::<Out, ()>(|_, _| None).expect("repaired");
        assert_eq!(out.error_code, Some(serde_json::json!("a\u{fffd}b")));
        assert_eq!(out.meta().body(), body, "the raw body stays as received");
        let out: Out = response(200, r#"{"error_code": 1e400}"#).decode::<Out, ()>(|_, _| None).expect("repaired");
        assert_eq!(out.error_code, Some(serde_json::json!("1e400")), "kept as its text");
    }

    #[test]
    fn a_body_in_an_encoding_it_does_not_decode_is_an_error_naming_it() {
        let mut r = response(200, "\u{1b}binary");
        r.meta.headers.insert("content-encoding", reqwest::header::HeaderValue::from_static("br"));
        let e = r.decode::<Out, ()>(|_, _| None).expect_err("br");
        assert!(e.to_string().contains("the body is encoded as `br`, which this SDK does not decode"), "{e}");
        let mut r = response(200, "{}");
        r.meta.headers.insert("content-encoding", reqwest::header::HeaderValue::from_static("identity"));
        r.decode::<Out, ()>(|_, _| None).expect("identity is no encoding");
    }

    #[test]
    fn a_declared_error_code_in_a_success_body_is_a_service_error() {
        let body = r#"{"error_code": "DWS.0047", "error_msg": "no such user", "om_user_info": null}"#;
        let e = response_of(&CHECKED, 200, body).decode::<Out, ()>(|_, _| None).expect_err("an error");
        let se = e.service_error().expect("a service error");
        assert_eq!((se.status, se.code.as_deref(), se.message.as_str()), (200, Some("DWS.0047"), "no such user"));
        assert_eq!(
            (se.request_id.as_deref(), e.to_string()),
            (Some("rid"), "Checked: HTTP 200 DWS.0047: no such user (request ID rid) (after 2 attempts)".to_owned())
        );
        for ok in [r#"{"error_code": 0}"#, r#"{"error_code": "0"}"#, r#"{"error_code": null}"#, "{}", "null", "text"] {
            response_of(&CHECKED, 200, ok).decode::<Out, ()>(|_, _| None).expect(ok);
        }
        let numeric = response_of(&CHECKED, 200, r#"{"error_code": 12}"#).decode::<Out, ()>(|_, _| None);
        let numeric = numeric.expect_err("12 is not a success code");
        assert_eq!(numeric.service_error().and_then(|e| e.code.as_deref()), Some("12"));
        // Undeclared operations keep such a body as a success.
        response_of(&OP, 200, body).decode::<Out, ()>(|_, _| None).expect("no declaration");
    }

    /// A success type whose body is a bare string (the spec's response `type: String`), as
    /// generated.
    #[derive(Debug, PartialEq, Default)]
    struct Text {
        body: Option<String>,
        meta: ResponseMeta,
    }
    impl<'de> serde::Deserialize<'de> for Text {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            Ok(Text { body: crate::lenient::deserialize(d)?, meta: ResponseMeta::default() })
        }
    }
    impl Output for Text {
        const TEXT_BODY: bool = true;
        fn meta(&self) -> &ResponseMeta {
            &self.meta
        }
        fn set_meta(&mut self, meta: ResponseMeta) {
            self.meta = meta;
        }
    }

    #[test]
    fn a_bare_string_body_is_the_json_string_or_else_the_text() {
        for (body, expected) in [
            ("\"deleted\"", Some("deleted")),
            ("success", Some("success")),
            ("12", Some("12")),
            ("", None),
            ("null", None),
            ("{\"a\": 1}", None),
        ] {
            let out: Text = response(202, body).decode::<Text, ()>(|_, _| None).expect(body);
            assert_eq!(out.body.as_deref(), expected, "{body}");
            assert_eq!((out.meta().status(), out.meta().body()), (202, body.as_bytes()));
        }
        // Other types never take the text as a value.
        let out: Out = response(200, "success").decode::<Out, ()>(|_, _| None).expect("text");
        assert_eq!(out.error_code, None);
    }

    #[test]
    fn every_2xx_status_is_a_success() {
        for status in [200, 201, 202, 204, 206, 299] {
            let out: Out = response(status, r#"{"error_code": 1}"#).decode::<Out, ()>(|_, _| None).expect("2xx");
            assert_eq!((out.meta().status(), out.error_code), (status, Some(serde_json::json!(1))));
        }
        let e = response(300, "{}").decode::<Out, ()>(|_, _| None).expect_err("3xx");
        assert_eq!(e.service_error().map(|e| e.status), Some(300));
    }

    #[test]
    fn a_body_nobody_reads_does_not_fail_a_successful_call() {
        for body in ["", "null", "\"OK\"", "plain text", "[1]"] {
            let value: NoContent = response(200, body).decode::<NoContent, ()>(|_, _| None).expect(body);
            assert_eq!(
                (value.meta().status(), value.meta().request_id(), value.meta().attempts()),
                (200, Some("rid"), 2)
            );
        }
    }

    #[test]
    fn error_bodies_empty_or_null_decode_as_an_empty_object() {
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct Body {
            code: Option<String>,
        }
        assert_eq!(error_body::<Body>(b""), Some(Body { code: None }));
        assert_eq!(error_body::<Body>(b" null "), Some(Body { code: None }));
        assert_eq!(error_body::<Body>(br#"{"code":"X"}"#), Some(Body { code: Some("X".to_owned()) }));
        assert_eq!(error_body::<Body>(b"<html>"), None);
    }
}
