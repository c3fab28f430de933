//! [`ServiceError`]: what an error response says, in whichever of Huawei Cloud's error-body shapes
//! the service wrote it (or none: empty, HTML from a gateway, truncated).

use std::fmt;
use std::time::Duration;

use serde_json::Value;

use super::RawBody;
use crate::lenient::Lenient;

/// The `(code, message)` field pairs recognised in error bodies, in order of preference.
const SHAPES: &[(&str, &str)] =
    &[("error_code", "error_msg"), ("errCode", "externalMessage"), ("errorCode", "errorMsg"), ("code", "message")];

/// How much of a body that is not a recognised error body is kept in the message.
const SNIPPET: usize = 200;

/// An error response from a service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceError {
    /// HTTP status.
    pub status: u16,
    /// Service error code, e.g. `DBS.280001`, when the body has one.
    pub code: Option<String>,
    /// Error message from the body, or a description of a body that had none.
    pub message: String,
    /// The `X-Request-Id` response header, for Huawei Cloud support.
    pub request_id: Option<String>,
    /// The body as received, all of it (`Debug` prints it bounded: see [`RawBody`]).
    pub body: RawBody,
    /// The `Retry-After` header (seconds, or an HTTP date as the time left), when the response
    /// had one: how long the service asked the caller to wait, e.g. after gateway throttling.
    pub retry_after: Option<Duration>,
}

impl ServiceError {
    /// Reads an error response, recognising every shape Huawei Cloud services use.
    pub fn from_response(status: u16, request_id: Option<String>, body: &[u8]) -> Self {
        Self::from_response_of(status, request_id, body, None)
    }

    /// Reads an error response, looking first for the service's own `(code, message)` fields
    /// (its `service.yaml` `error_body`), then for the other shapes.
    pub fn from_response_of(
        status: u16,
        request_id: Option<String>,
        body: &[u8],
        preferred: Option<(&str, &str)>,
    ) -> Self {
        let text = String::from_utf8_lossy(body);
        let (code, message) = match serde_json::from_slice::<Value>(body) {
            Ok(v) => match find_pair(&v, preferred) {
                Some((code, message)) => (code, message.unwrap_or_else(|| "no message in the error body".to_owned())),
                None => (None, format!("no error code or message in the body: {}", snippet(&text))),
            },
            Err(_) if text.trim().is_empty() => (None, "empty response body".to_owned()),
            Err(_) => (None, format!("response body is not JSON: {}", snippet(&text))),
        };
        ServiceError { status, code, message, request_id, body: RawBody::from(body), retry_after: None }
    }
}

/// The first recognised `(code, message)` pair, at the top level or one level down: the
/// service's own (`preferred`) first, then [`SHAPES`].
fn find_pair(v: &Value, preferred: Option<(&str, &str)>) -> Option<(Option<String>, Option<String>)> {
    let obj = v.as_object()?;
    let pair = |o: &serde_json::Map<String, Value>| {
        preferred.iter().chain(SHAPES).find_map(|(c, m)| {
            let (code, message) = (o.get(*c).and_then(scalar), o.get(*m).and_then(scalar));
            (code.is_some() || message.is_some()).then_some((code, message))
        })
    };
    pair(obj).or_else(|| obj.values().filter_map(Value::as_object).find_map(pair))
}

/// A code or message as text: the lenient String decoding of response fields, empty as absent.
fn scalar(v: &Value) -> Option<String> {
    String::deserialize_lenient(v).ok().flatten().filter(|s| !s.is_empty())
}

fn snippet(text: &str) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > SNIPPET {
        format!("{}... ({} bytes)", one_line.chars().take(SNIPPET).collect::<String>(), text.len())
    } else {
        one_line
    }
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", self.status)?;
        if let Some(code) = &self.code {
            write!(f, " {code}")?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(id) = &self.request_id {
            write!(f, " (request ID {id})")?;
        }
        if let Some(wait) = self.retry_after {
            write!(f, " (Retry-After {} s)", wait.as_secs())?;
        }
        Ok(())
    }
}

impl std::error::Error for ServiceError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(status: u16, body: &str) -> ServiceError {
        ServiceError::from_response(status, Some("req-1".to_owned()), body.as_bytes())
    }

    #[test]
    fn every_documented_shape_gives_code_and_message() {
        for body in [
            r#"{"error_code": "DWS.0001", "error_msg": "boom"}"#,
            r#"{"externalMessage": "boom", "errCode": "DWS.0001"}"#,
            r#"{"errorCode": "DWS.0001", "errorMsg": "boom"}"#,
            r#"{"code": "DWS.0001", "message": "boom"}"#,
            r#"{"error": {"code": "DWS.0001", "message": "boom"}, "encoded_authorization_message": "x"}"#,
        ] {
            let e = parse(400, body);
            assert_eq!((e.code.as_deref(), e.message.as_str()), (Some("DWS.0001"), "boom"), "{body}");
        }
    }

    #[test]
    fn display_shows_status_code_message_and_request_id() {
        let e = parse(400, r#"{"externalMessage": "Parameter error.", "errCode": "DBS.280001"}"#);
        assert_eq!(e.to_string(), "HTTP 400 DBS.280001: Parameter error. (request ID req-1)");
    }

    #[test]
    fn empty_html_and_truncated_bodies_still_give_a_useful_error() {
        assert_eq!(parse(502, "").to_string(), "HTTP 502: empty response body (request ID req-1)");
        let html = parse(500, "<html><body><h1>500 Internal Server Error</h1></body></html>");
        assert!(html.message.starts_with("response body is not JSON: <html>"), "{}", html.message);
        let truncated = parse(503, r#"{"error_code": "DWS.00"#);
        assert!(truncated.message.contains("not JSON"), "{}", truncated.message);
        let long = parse(500, &"x".repeat(1000));
        assert!(long.message.ends_with("... (1000 bytes)"), "{}", long.message);
    }

    #[test]
    fn the_services_own_error_fields_come_first() {
        let body = br#"{"code": "APIGW.0101", "message": "gateway", "svc_code": "X.1", "svc_msg": "service"}"#;
        let e = ServiceError::from_response_of(404, None, body, Some(("svc_code", "svc_msg")));
        assert_eq!((e.code.as_deref(), e.message.as_str()), (Some("X.1"), "service"));
        let e = ServiceError::from_response(404, None, body);
        assert_eq!(e.code.as_deref(), Some("APIGW.0101"));
    }

    #[test]
    fn numeric_codes_and_unrecognised_bodies() {
        assert_eq!(parse(400, r#"{"error_code": 12, "error_msg": "n"}"#).code.as_deref(), Some("12"));
        let e = parse(400, r#"{"unexpected": true}"#);
        assert_eq!(e.code, None);
        assert!(e.message.starts_with("no error code or message in the body"), "{}", e.message);
    }
}
