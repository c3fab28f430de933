//! [`UnknownValueError`]: a value outside an enum's documented value list, refused where a
//! caller's text or number becomes the enum.

use std::fmt;

/// A value that is not in the documented value list of an enum, refused where a caller turns text
/// into the enum (`"SELEKT".parse::<BaseAuthority>()`) or, for a list of integers, a number
/// (`IpVersion::try_from(5)`): a misspelt value is caught here, before any request carries it.
///
/// Its message names the value, the enum and the documented values, and says how to send a value
/// newer than the SDK on purpose: the enum's `from_wire` (`BaseAuthority::from_wire("NEW")`),
/// whose `Unknown` value is sent as written. Responses are not
/// checked this way: they decode an undocumented value as `Unknown`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValueError {
    /// The enum's type name, e.g. `BaseAuthority`.
    pub type_name: &'static str,
    /// The value given, as text (`SELEKT`, `5`).
    pub value: String,
    /// The documented values, as they are sent on the wire.
    pub documented: &'static [&'static str],
    /// Whether the enum is a list of integers, whose `Unknown` holds a number, not a string.
    integer: bool,
}

impl UnknownValueError {
    /// The error of the enum `type_name` (documented values `documented`) for the text `value`.
    #[doc(hidden)]
    pub fn new(type_name: &'static str, value: &str, documented: &'static [&'static str]) -> Self {
        UnknownValueError { type_name, value: value.to_owned(), documented, integer: false }
    }

    /// The error of the integer enum `type_name` (documented values `documented`) for `value`.
    #[doc(hidden)]
    pub fn integer(type_name: &'static str, value: i64, documented: &'static [&'static str]) -> Self {
        UnknownValueError { type_name, value: value.to_string(), documented, integer: true }
    }
}

impl fmt::Display for UnknownValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let UnknownValueError { type_name, value, documented, integer } = self;
        write!(f, "`{value}` is not a documented {type_name} value ({}); ", documented.join(", "))?;
        if *integer {
            write!(f, "write {type_name}::from_wire({value})")?;
        } else {
            write!(f, "write {type_name}::from_wire({value:?})")?;
        }
        f.write_str(" to send a value newer than this SDK")
    }
}

impl std::error::Error for UnknownValueError {}

/// The value of a wire enum's `Unknown` variant: one that was not documented when the SDK was
/// generated, as a response carried it or as the caller wrote it with the enum's `from_wire`.
///
/// Sealed: only `from_wire` (and decoding, which uses it) makes one, and it never holds a
/// documented value, so `Unknown` is never equal-but-different from a documented variant. Read it
/// with [`get`](Undocumented::get) (or `as_str` for text).
///
/// How every generated value enum converts: `text.parse::<E>()` (`E::try_from(n)` for a list of
/// integers) gives the variant of a documented value and refuses any other with an
/// [`UnknownValueError`] naming the documented values, so a mistyped value never reaches a
/// request; `E::from_wire(value)` takes any value (a documented one's variant, else `Unknown`), as
/// responses decode, and is how a caller sends a value newer than the SDK on purpose. The enums
/// are `#[non_exhaustive]`: values documented later become variants without breaking a `match`,
/// which needs a `_` arm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Undocumented<T>(T);

impl<T> Undocumented<T> {
    /// Wraps a value the enum does not document; generated `from_wire` only.
    #[doc(hidden)]
    pub fn __new(value: T) -> Self {
        Undocumented(value)
    }

    /// The value as it is sent on the wire.
    pub fn get(&self) -> &T {
        &self.0
    }
}

impl Undocumented<String> {
    /// The text as it is sent on the wire.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<T: fmt::Display> fmt::Display for Undocumented<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::UnknownValueError;

    #[test]
    fn the_message_names_the_value_the_documented_values_and_the_way_to_send_it_anyway() {
        let e = UnknownValueError::new("BaseAuthority", "SELEKT", &["CREATE", "DROP"]);
        assert_eq!(
            e.to_string(),
            "`SELEKT` is not a documented BaseAuthority value (CREATE, DROP); \
             write BaseAuthority::from_wire(\"SELEKT\") to send a value newer than this SDK"
        );
        assert_eq!((e.type_name, e.value.as_str(), e.documented), ("BaseAuthority", "SELEKT", &["CREATE", "DROP"][..]));
        let e = UnknownValueError::integer("IpVersion", -5, &["4", "6"]);
        assert_eq!(
            e.to_string(),
            "`-5` is not a documented IpVersion value (4, 6); \
             write IpVersion::from_wire(-5) to send a value newer than this SDK"
        );
    }

    #[test]
    fn the_rust_literal_in_the_message_is_escaped() {
        let e = UnknownValueError::new("Mode", "a\"b", &["x"]);
        assert!(e.to_string().contains(r#"Mode::from_wire("a\"b")"#), "{e}");
    }
}
