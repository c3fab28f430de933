//! [`RawBody`]: a response body kept whole in an error, printed bounded.

use std::borrow::Cow;
use std::fmt;

use bytes::Bytes;

/// How many bytes of a body `Debug` and `Display` print before they stop and give the length.
pub const SHOWN_BYTES: usize = 512;

/// A response body as received, kept whole in an error ([`ServiceError::body`](crate::ServiceError),
/// [`Error::Decode`](crate::Error::Decode)) so that nothing the service sent is lost, but printed
/// bounded: `Debug` and `Display` show at most the first [`SHOWN_BYTES`] bytes (lossily as UTF-8)
/// and the length, so that a program that returns a `500` with a 10 MB HTML page from `main` prints
/// a few lines, not the page. The whole body is [`RawBody::as_bytes`] or [`RawBody::text`].
///
/// The success body of an operation whose documentation marks a field as a secret (IAM's
/// temporary access keys, a login token: [`Operation::secret_response`](crate::client::Operation))
/// is not printed at all: `Debug` and `Display` give its length only.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct RawBody(Bytes, Shown);

/// Whether [`RawBody`]'s `Debug` and `Display` print the body or only its length.
#[derive(Clone, Copy, PartialEq, Eq, Default)]
enum Shown {
    #[default]
    Text,
    LengthOnly,
}

impl RawBody {
    /// This body, printed by its length only when `secret` (the success body of an operation that
    /// documents a secret); kept whole either way.
    #[must_use]
    pub fn hidden_if(self, secret: bool) -> Self {
        RawBody(self.0, if secret { Shown::LengthOnly } else { self.1 })
    }

    /// Whether `Debug` and `Display` print only the length (see [`hidden_if`](Self::hidden_if)).
    pub fn is_hidden(&self) -> bool {
        self.1 == Shown::LengthOnly
    }

    /// The body, all of it.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The body, all of it, as text (invalid UTF-8 replaced by U+FFFD).
    pub fn text(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.0)
    }

    /// Its length in bytes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether it is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The first [`SHOWN_BYTES`] bytes as text, and whether that is all of it.
    fn shown(&self) -> (Cow<'_, str>, bool) {
        if self.0.len() <= SHOWN_BYTES {
            return (self.text(), true);
        }
        // Cut at the limit; a UTF-8 sequence cut in two shows as one U+FFFD at the end.
        (String::from_utf8_lossy(&self.0[..SHOWN_BYTES]), false)
    }
}

impl From<Bytes> for RawBody {
    fn from(bytes: Bytes) -> Self {
        RawBody(bytes, Shown::Text)
    }
}

impl From<&[u8]> for RawBody {
    fn from(bytes: &[u8]) -> Self {
        RawBody(Bytes::copy_from_slice(bytes), Shown::Text)
    }
}

impl From<&str> for RawBody {
    fn from(text: &str) -> Self {
        RawBody::from(text.as_bytes())
    }
}

/// The text, cut at [`SHOWN_BYTES`] with "... (N bytes in all)" after it.
impl fmt::Display for RawBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_hidden() {
            return write!(f, "({} bytes, not shown: the documented response holds a secret)", self.0.len());
        }
        let (text, whole) = self.shown();
        f.write_str(&text)?;
        if !whole {
            write!(f, "... ({} bytes in all)", self.0.len())?;
        }
        Ok(())
    }
}

/// `RawBody("...")` with the text quoted, cut as in `Display`.
impl fmt::Debug for RawBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_hidden() {
            return write!(f, "RawBody(<redacted: {} bytes>)", self.0.len());
        }
        let (text, whole) = self.shown();
        if whole {
            write!(f, "RawBody({text:?})")
        } else {
            write!(f, "RawBody({text:?}... {} bytes in all)", self.0.len())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_that_holds_a_secret_is_kept_whole_and_printed_by_its_length() {
        let json = r#"{"credential": {"access": "AK", "secret": "SK-VALUE", "securitytoken": "TOKEN-VALUE"}}"#;
        let body = RawBody::from(json).hidden_if(true);
        assert_eq!(body.text(), json, "kept whole");
        for shown in [format!("{body}"), format!("{body:?}")] {
            assert!(!shown.contains("SK-VALUE") && !shown.contains("TOKEN-VALUE"), "{shown}");
            assert!(shown.contains(&json.len().to_string()), "{shown}");
        }
        assert!(format!("{}", RawBody::from(json).hidden_if(false)).contains("SK-VALUE"), "others are shown");
    }

    #[test]
    fn a_large_body_is_kept_whole_and_printed_bounded() {
        let page = format!("<html>{}</html>", "x".repeat(10 * 1024 * 1024));
        let body = RawBody::from(page.as_str());
        assert_eq!(body.len(), page.len());
        assert_eq!(body.as_bytes(), page.as_bytes());
        let (shown, debug) = (body.to_string(), format!("{body:?}"));
        assert!(shown.len() < 1024 && shown.ends_with(&format!("... ({} bytes in all)", page.len())), "{shown}");
        assert!(debug.len() < 1024 && debug.starts_with("RawBody(\"<html>xxx"), "{debug}");
        let small = RawBody::from("{\"error_code\": \"X\"}");
        assert_eq!(small.to_string(), "{\"error_code\": \"X\"}");
        assert_eq!(format!("{small:?}"), r#"RawBody("{\"error_code\": \"X\"}")"#);
    }
}
