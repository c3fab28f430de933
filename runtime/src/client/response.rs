//! [`Response`]: what the service answered, before decoding; [`ResponseMeta`]: the part of it that
//! every decoded success value keeps (status, request ID, headers, attempts); [`Output`]: the success
//! types of operations; [`NoContent`]: the success type of operations without a documented body.

use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;

use crate::error::{Error, ServiceError};

/// What a success value keeps of the response it was decoded from: status, request ID, headers
/// and the number of attempts. Every generated success type has it (`response.meta()`), so calls
/// whose documentation gives no body still tell the caller what the service answered.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ResponseMeta {
    pub(super) status: u16,
    pub(super) request_id: Option<String>,
    pub(super) headers: HeaderMap,
    pub(super) attempts: u32,
}

impl ResponseMeta {
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
}

/// The success type of an operation: a JSON-decodable value that keeps its [`ResponseMeta`].
/// Generated response types implement it; [`Response::decode`] fills the meta in. Generic code
/// (logging every call's request ID, say) reads it through this trait.
pub trait Output: DeserializeOwned {
    /// Whether the body is ignored (decoded as `{}`): set for success types whose documentation
    /// gives no body fields, so that a call that succeeded is not turned into a decoding error by
    /// a body nobody reads (`null`, `"OK"`, plain text).
    const IGNORES_BODY: bool = false;
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

/// Implements [`Output`] for a generated success type, and its inherent `meta()`. The struct must
/// have a field `sdk_meta: ResponseMeta` (marked `#[serde(skip)]`); `ignores_body` marks a type
/// whose documentation gives no body fields (see [`Output::IGNORES_BODY`]).
#[macro_export]
macro_rules! output {
    ($name:ident) => {
        $crate::output!(@impl $name, false);
    };
    ($name:ident, ignores_body) => {
        $crate::output!(@impl $name, true);
    };
    (@impl $name:ident, $ignores:literal) => {
        impl $name {
            /// Status, request ID, headers and attempts of the response this was decoded from.
            pub fn meta(&self) -> &$crate::client::ResponseMeta {
                &self.sdk_meta
            }
        }
        impl $crate::client::Output for $name {
            const IGNORES_BODY: bool = $ignores;
            fn meta(&self) -> &$crate::client::ResponseMeta {
                &self.sdk_meta
            }
            fn set_meta(&mut self, meta: $crate::client::ResponseMeta) {
                self.sdk_meta = meta;
            }
        }
    };
}

/// The constructor and chained setters of a generated request or request object, from its table:
/// `builder!(Name { new(mandatory: Type, ...), optional: Type, ... })` gives `new` taking the
/// mandatory fields (the others start as `None`) and, per optional field, `pub fn field(mut self,
/// value: Type) -> Self` setting `Some(value.into())`; so an entry `name: impl Into<String>` takes
/// `&str` too. A trailing `sdk_meta` starts an output's meta field empty.
#[macro_export]
macro_rules! builder {
    ($name:ident { new($($arg:ident : $arg_ty:ty),* $(,)?) $(, $field:ident : $ty:ty)* $(,)? } $($meta:ident)?) => {
        impl $name {
            #[doc = concat!(" Creates a `", stringify!($name), "` from its mandatory fields, if any; optional fields start unset.")]
            #[allow(clippy::new_without_default, clippy::useless_conversion)]
            pub fn new($($arg: $arg_ty),*) -> Self {
                Self {
                    $($arg: ::std::convert::Into::into($arg),)*
                    $($field: ::std::option::Option::None,)*
                    $($meta: ::std::default::Default::default(),)?
                }
            }
            $(
                #[doc = concat!(" Sets `", stringify!($field), "`.")]
                #[must_use]
                #[allow(clippy::useless_conversion)]
                pub fn $field(mut self, value: $ty) -> Self {
                    self.$field = ::std::option::Option::Some(::std::convert::Into::into(value));
                    self
                }
            )*
        }
    };
}

/// `from_response` of a generated `<Operation>Error` enum, from the table of its documented
/// statuses: `documented_errors!(Name { 400 => BadRequest(body), 404 => NotFound })`. A variant
/// marked `(body)` carries the decoded documented body; a body that is not the documented JSON
/// (an HTML page from a gateway) leaves only the generic service error.
#[macro_export]
macro_rules! documented_errors {
    ($name:ident { $($status:literal => $variant:ident $(($body:ident))?),* $(,)? }) => {
        impl $name {
            /// Decodes the body of a documented error status; `None` for other statuses.
            #[allow(unused_variables)]
            pub fn from_response(status: u16, body: &[u8]) -> ::std::option::Option<Self> {
                match status {
                    $($status => $crate::documented_errors!(@decode body, $variant $(, $body)?),)*
                    _ => ::std::option::Option::None,
                }
            }
        }
    };
    (@decode $bytes:ident, $variant:ident, body) => {
        $crate::client::error_body($bytes).map(Self::$variant)
    };
    (@decode $bytes:ident, $variant:ident) => {
        ::std::option::Option::Some(Self::$variant)
    };
}

/// A response received for a call, before decoding.
#[derive(Debug)]
pub struct Response {
    pub(super) operation: &'static str,
    pub(super) meta: ResponseMeta,
    pub(super) body: Vec<u8>,
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
        &self.body
    }

    /// Decodes a 2xx response as `T` (an empty body as `{}`) and gives it the response's
    /// [`ResponseMeta`]; any other status becomes [`Error::Service`], with the body decoded by
    /// `documented` when the status is documented.
    pub fn decode<T: Output, E>(self, documented: fn(u16, &[u8]) -> Option<E>) -> Result<T, Error<E>> {
        let Response { operation, meta, body } = self;
        if (200..300).contains(&meta.status) {
            let empty = T::IGNORES_BODY || body.iter().all(u8::is_ascii_whitespace);
            let json: &[u8] = if empty { b"{}" } else { &body };
            let mut value: T = serde_json::from_slice(json).map_err(|e| Error::Decode {
                operation,
                status: meta.status,
                request_id: meta.request_id.clone(),
                message: e.to_string(),
                body: String::from_utf8_lossy(&body).into_owned(),
            })?;
            value.set_meta(meta);
            return Ok(value);
        }
        let mut error = ServiceError::from_response(meta.status, meta.request_id, &body);
        if (300..400).contains(&meta.status) {
            let location = meta.headers.get("location").and_then(|v| v.to_str().ok()).unwrap_or("no Location header");
            error.message = format!("redirect to {location} not followed");
        }
        let documented = documented(meta.status, &body);
        Err(Error::Service { operation, error, documented, attempts: meta.attempts })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(status: u16, body: &str) -> Response {
        Response {
            operation: "Op",
            meta: ResponseMeta { status, request_id: Some("rid".to_owned()), headers: HeaderMap::new(), attempts: 2 },
            body: body.as_bytes().to_vec(),
        }
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
