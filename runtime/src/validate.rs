//! Checks of documented constraints, run before a request is sent. Generated code calls them for
//! every parameter and body field whose table documents a range or a length.

use std::fmt::Display;

use crate::error::ValidationError;
use crate::operation::Operation;

/// A number that can be checked against a documented range.
pub trait Number: Copy + Display {
    /// The value as `f64`, for comparison with the documented bounds.
    fn as_f64(self) -> f64;
}

impl Number for i32 {
    fn as_f64(self) -> f64 {
        f64::from(self)
    }
}

impl Number for i64 {
    fn as_f64(self) -> f64 {
        self as f64
    }
}

impl Number for f64 {
    fn as_f64(self) -> f64 {
        self
    }
}

/// An inclusive range in words: `1 to 128`, `at least 0`, `at most 256`, `any` (the words of
/// every check's messages, the mock cloud's and the generator's included).
pub use huaweicloud_sdk_shape::bounds;

/// Checks that `value` lies in the inclusive range `[min, max]` (either bound may be open).
pub fn range<N: Number>(
    op: &Operation,
    parameter: &str,
    value: N,
    min: Option<f64>,
    max: Option<f64>,
) -> Result<(), ValidationError> {
    let v = value.as_f64();
    if min.is_some_and(|m| v < m) || max.is_some_and(|m| v > m) || v.is_nan() {
        return Err(ValidationError {
            operation: op.name,
            parameter: parameter.to_owned(),
            message: format!("{value} is out of range; allowed {}", bounds(min, max)),
        });
    }
    Ok(())
}

/// Checks that `value` has between `min` and `max` characters (inclusive; either may be open).
pub fn length(
    op: &Operation,
    parameter: &str,
    value: &str,
    min: Option<f64>,
    max: Option<f64>,
) -> Result<(), ValidationError> {
    count(op, parameter, value.chars().count(), min, max, "characters", "allowed length")
}

/// Checks that a list has between `min` and `max` elements.
pub fn items<T>(
    op: &Operation,
    parameter: &str,
    value: &[T],
    min: Option<f64>,
    max: Option<f64>,
) -> Result<(), ValidationError> {
    count(op, parameter, value.len(), min, max, "elements", "allowed")
}

fn count(
    op: &Operation,
    parameter: &str,
    n: usize,
    min: Option<f64>,
    max: Option<f64>,
    unit: &str,
    allowed: &str,
) -> Result<(), ValidationError> {
    let x = n as f64;
    if min.is_some_and(|m| x < m) || max.is_some_and(|m| x > m) {
        return Err(ValidationError {
            operation: op.name,
            parameter: parameter.to_owned(),
            message: format!("has {n} {unit}; {allowed} {}", bounds(min, max)),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    static OP: Operation = Operation {
        name: "ListUsers",
        method: "GET",
        path: &[crate::operation::PathPart::Text("/")],
        errors_in_body: None,
        secret_response: false,
    };

    #[test]
    fn range_names_the_parameter_and_the_allowed_range() {
        assert!(range(&OP, "limit", 1, Some(1.0), Some(128.0)).is_ok());
        assert!(range(&OP, "limit", 128, Some(1.0), Some(128.0)).is_ok());
        let e = range(&OP, "limit", 500, Some(1.0), Some(128.0)).expect_err("out of range");
        assert_eq!(e.to_string(), "ListUsers: invalid `limit`: 500 is out of range; allowed 1 to 128");
        let e = range(&OP, "offset", -1_i64, Some(0.0), None).expect_err("negative");
        assert_eq!(e.message, "-1 is out of range; allowed at least 0");
        assert!(range(&OP, "x", f64::NAN, None, None).is_err());
    }

    #[test]
    fn length_counts_characters() {
        assert!(length(&OP, "name", "héllo", Some(5.0), Some(5.0)).is_ok());
        let e = length(&OP, "name", "", Some(1.0), Some(32.0)).expect_err("empty");
        assert_eq!(e.message, "has 0 characters; allowed length 1 to 32");
        assert!(items(&OP, "list", &[1, 2, 3], None, Some(2.0)).is_err());
    }
}
