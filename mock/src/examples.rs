//! Checks that documented example bodies go through their models; used by the generated
//! `tests/examples.rs` of `huaweicloud-sdk`.
//!
//! These functions panic on a mismatch, with a message naming the JSON path: they are assertions
//! for tests, not for production code.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A documented response body must decode, and the decoded model must keep every documented
/// non-null value (a number the model reads as a string, or a numeric string it reads as a number,
/// is compared by value).
///
/// # Panics
/// When the example does not decode or a documented value is lost.
pub fn response<T: DeserializeOwned + Serialize>(json: &str) {
    let documented: Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("example is not JSON: {e}"));
    let model: T = serde_json::from_str(json).unwrap_or_else(|e| panic!("example does not decode: {e}"));
    let back = serde_json::to_value(&model).unwrap_or_else(|e| panic!("model does not encode: {e}"));
    let mut lost = Vec::new();
    covers(&documented, &back, "$", &mut lost);
    assert!(lost.is_empty(), "the model lost documented values:\n{}", lost.join("\n"));
}

/// A documented request body must decode into its model and encode back to the same JSON
/// (numbers compared by value: an integer the page prints in a floating-point field, `110`,
/// comes back as `110.0`, the same number on the wire).
///
/// # Panics
/// When the example does not decode or encodes differently.
pub fn request<T: DeserializeOwned + Serialize>(json: &str) {
    let documented: Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("example is not JSON: {e}"));
    let model: T = serde_json::from_str(json).unwrap_or_else(|e| panic!("example does not decode: {e}"));
    let back = serde_json::to_value(&model).unwrap_or_else(|e| panic!("model does not encode: {e}"));
    if !same(&back, &documented) {
        assert_eq!(back, documented, "the request model does not encode to the documented JSON");
    }
}

/// JSON equality with numbers compared by value.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || (x.as_f64().is_some() && x.as_f64() == y.as_f64()),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

/// Collects the paths where `doc` has a non-null value that `ours` does not keep.
fn covers(doc: &Value, ours: &Value, at: &str, lost: &mut Vec<String>) {
    match (doc, ours) {
        (Value::Null, _) => {}
        (Value::Object(d), Value::Object(o)) => {
            for (k, v) in d {
                match o.get(k) {
                    Some(x) => covers(v, x, &format!("{at}.{k}"), lost),
                    None if v.is_null() => {}
                    None => lost.push(format!("{at}.{k}: documented {v}, missing from the model")),
                }
            }
        }
        (Value::Array(d), Value::Array(o)) if d.len() == o.len() => {
            for (i, (v, x)) in d.iter().zip(o).enumerate() {
                covers(v, x, &format!("{at}[{i}]"), lost);
            }
        }
        (Value::Number(n), Value::String(s)) if n.to_string() == *s => {}
        // A numeric string read into a number field, or an integer read into a float field.
        (Value::String(s), Value::Number(n)) if s.trim().parse::<f64>().ok() == n.as_f64() => {}
        (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => {}
        (Value::Bool(b), Value::String(s)) if b.to_string() == *s => {}
        // A boolean written as a string, read into a boolean field (any case, as the models read it).
        (Value::String(s), Value::Bool(b)) if s.trim().eq_ignore_ascii_case(&b.to_string()) => {}
        (d, o) if d == o => {}
        (d, o) => lost.push(format!("{at}: documented {d}, model gives {o}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_reports_lost_and_changed_values() {
        let doc: Value = serde_json::json!({"a": 1, "b": [1, 2], "c": null, "d": "x"});
        let ours: Value = serde_json::json!({"a": "1", "b": [1]});
        let mut lost = Vec::new();
        covers(&doc, &ours, "$", &mut lost);
        assert_eq!(lost.len(), 2, "{lost:?}");
        assert!(lost[0].starts_with("$.b"));
        assert!(lost[1].starts_with("$.d"));
        // A boolean string read as that boolean is kept; read as the other one, it is lost.
        let mut lost = Vec::new();
        covers(
            &serde_json::json!({"r": "False", "s": "true"}),
            &serde_json::json!({"r": false, "s": false}),
            "$",
            &mut lost,
        );
        assert_eq!(lost, ["$.s: documented \"true\", model gives false"]);
    }

    #[test]
    fn same_compares_numbers_by_value_and_nothing_else_loosely() {
        let same_ = |a: Value, b: Value| same(&a, &b);
        assert!(same_(serde_json::json!({"d": [110.0]}), serde_json::json!({"d": [110]})));
        assert!(!same_(serde_json::json!({"d": 110.5}), serde_json::json!({"d": 110})));
        assert!(!same_(serde_json::json!({"d": "110"}), serde_json::json!({"d": 110})));
        assert!(!same_(serde_json::json!({"d": 1, "e": 2}), serde_json::json!({"d": 1})));
        assert!(!same_(serde_json::json!([1, 2]), serde_json::json!([1])));
    }
}
