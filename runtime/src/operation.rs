//! [`Operation`]: the fixed facts of one operation, which the generator emits as a `static` and
//! which the request builder, the checks, the decoder and the paginator read; and
//! [`BodyErrors`], how its success body reports a failure when the spec says it can.

use serde_json::Value;

/// The fixed facts of one operation, emitted by the generator as a `static`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operation {
    /// Operation name as documented, e.g. `ListUsers`.
    pub name: &'static str,
    /// Upper-case HTTP method.
    pub method: &'static str,
    /// The URI template, parsed by the generator: `/v1/{project_id}/users` is
    /// `[Text("/v1/"), Param("project_id"), Text("/users")]` ([`Operation::template`] writes it back).
    pub path: &'static [PathPart],
    /// How a success body reports a failure, when the operation's spec declares it
    /// (`errors_in_body`).
    pub errors_in_body: Option<&'static BodyErrors>,
    /// The success body documents a secret (a field the spec marks `sensitive`: a secret key, a
    /// security token): an error that keeps that body ([`Error::Decode`](crate::Error::Decode))
    /// does not print it ([`RawBody`](crate::RawBody) shows its length only).
    pub secret_response: bool,
}

/// One part of an operation's URI template, parsed once by the generator (lowering), so that
/// neither a call nor the mock cloud parses the template again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathPart {
    /// Literal text, sent as it is (`/v1/`).
    Text(&'static str),
    /// A placeholder's name (`project_id`), filled with the parameter's encoded value.
    Param(&'static str),
}

impl Operation {
    /// An operation without [`errors_in_body`](Self::errors_in_body), as the generator emits it:
    /// `Operation::new("ListUsers", "GET", &[Text("/v1/"), Param("project_id"), Text("/users")])`.
    #[must_use]
    pub const fn new(name: &'static str, method: &'static str, path: &'static [PathPart]) -> Self {
        Operation { name, method, path, errors_in_body: None, secret_response: false }
    }

    /// This operation with a success body that documents a secret: see
    /// [`secret_response`](Self::secret_response).
    #[must_use]
    pub const fn with_secret_response(self) -> Self {
        Operation { secret_response: true, ..self }
    }

    /// This operation with its success body's way of reporting a failure.
    #[must_use]
    pub const fn with_errors_in_body(self, errors: &'static BodyErrors) -> Self {
        Operation { errors_in_body: Some(errors), ..self }
    }

    /// The URI template as documented, `{placeholders}` included.
    pub fn template(&self) -> String {
        self.path
            .iter()
            .map(|p| match p {
                PathPart::Text(t) => (*t).to_owned(),
                PathPart::Param(name) => format!("{{{name}}}"),
            })
            .collect()
    }
}

/// How an operation whose success status can still report a failure in its body says so: the
/// spec's `errors_in_body` (DWS answers some calls with HTTP 200 and `{"error_code": "DWS.0047",
/// "error_msg": "..."}`). [`Response::decode`](crate::client::Response::decode) turns such a body into [`Error::Service`](crate::Error::Service) with
/// the status (200), the code, the message and the request ID.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BodyErrors {
    /// The wire name of the body field that carries the error code, e.g. `error_code`.
    pub code: &'static str,
    /// The wire name of the body field that carries the message, e.g. `error_msg`.
    pub message: &'static str,
    /// The code values that mean success; an absent field counts as [`SuccessCode::Null`].
    pub success: &'static [SuccessCode],
}

/// One code value of [`BodyErrors::success`], compared with the JSON value as sent (`"0"` and
/// `0` are different values; list both when the service sends either).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuccessCode {
    /// JSON `null`, or the field absent.
    Null,
    /// A JSON string.
    Str(&'static str),
    /// A JSON integer.
    Int(i64),
    /// A JSON boolean.
    Bool(bool),
}

impl SuccessCode {
    fn matches(self, v: &Value) -> bool {
        match self {
            SuccessCode::Null => v.is_null(),
            SuccessCode::Str(s) => v.as_str() == Some(s),
            SuccessCode::Int(i) => v.as_i64() == Some(i),
            SuccessCode::Bool(b) => v.as_bool() == Some(b),
        }
    }
}

impl BodyErrors {
    /// The failure a success body reports: `(code, message)`, or `None` when the body reports
    /// success or is not a JSON object (such a body reports nothing). The body is read as the
    /// response's decoding reads it (past a byte-order mark, invalid UTF-8 repaired), so that a
    /// failure is never decoded as a success.
    pub fn failure(&self, body: &[u8]) -> Option<(String, Option<String>)> {
        let Ok((Value::Object(obj), _)) =
            crate::lenient::repair::read_repaired(body, |b| serde_json::from_slice::<Value>(b))
        else {
            return None;
        };
        let code = obj.get(self.code).unwrap_or(&Value::Null);
        if self.success.iter().any(|s| s.matches(code)) {
            return None;
        }
        let text = |v: &Value| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let message = obj.get(self.message).filter(|v| !v.is_null()).map(text);
        Some((text(code), message))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DWS: BodyErrors =
        BodyErrors { code: "error_code", message: "error_msg", success: &[SuccessCode::Null, SuccessCode::Str("0")] };

    #[test]
    fn a_failure_is_read_past_a_byte_order_mark_and_invalid_utf8() {
        let plain = br#"{"error_code": "DWS.0047", "error_msg": "busy"}"#;
        let failure = Some(("DWS.0047".to_owned(), Some("busy".to_owned())));
        assert_eq!(DWS.failure(plain), failure);
        // What the response's decoding reads past, the failure check reads past too.
        let bom = [b"\xEF\xBB\xBF".as_slice(), plain].concat();
        assert_eq!(DWS.failure(&bom), failure);
        let gbk = b"{\"error_code\": \"DWS.0047\", \"error_msg\": \"\xC3\xA6 \xB2\xBB\"}";
        let (code, message) = DWS.failure(gbk).expect("a failure, not a success");
        assert_eq!(code, "DWS.0047");
        assert!(message.is_some_and(|m| m.contains('\u{FFFD}')));
        assert_eq!(DWS.failure(br#"{"error_code": "0"}"#), None);
        assert_eq!(DWS.failure(b"[1]"), None);
    }
}
