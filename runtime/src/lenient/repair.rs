//! Repairs the two faults inside an otherwise well-formed JSON body that would make the whole
//! document unreadable to serde_json, so that they cost one field instead of every field:
//!
//! - invalid UTF-8 inside a string, replaced by U+FFFD (as the official SDKs read it);
//! - a number outside the range of `f64` (`1e400`), replaced by the string of its text: a
//!   String field keeps the text exactly as sent, a numeric field is `None` (the lenient numbers
//!   refuse it), and nothing else of the document is lost.
//!
//! Each repair is reported with the JSON path of the field it touched (`users[0].name`), for the
//! warning the caller logs. The scan is a small state machine over the bytes, with an explicit
//! stack (no recursion, however deep the body) and linear in the body's length; it runs only
//! when serde_json has already refused the body. It does not validate: a body that is cut short
//! or corrupt in any other way is left to serde_json to refuse again.

use std::fmt::Write as _;

/// One repaired place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repair {
    /// The JSON path of the field, e.g. `users[0].name` (`$` for the document itself).
    pub path: String,
    /// What was repaired and how, e.g. `invalid UTF-8 replaced by U+FFFD`.
    pub what: String,
}

/// Where the scan is inside one container.
enum Frame {
    /// In an object: the key of the current member, once read.
    Object(Option<String>),
    /// In an array: the index of the current element.
    Array(usize),
}

/// `body` past a UTF-8 byte order mark, which some gateways put first and which is not JSON.
pub fn past_bom(body: &[u8]) -> &[u8] {
    body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body)
}

/// Reads `body` as every reader of a response does: past a byte order mark with `read`, and when
/// that fails, the body with its repairable faults repaired (then the repairs come back too, to be
/// reported). The first error when repairing does not help.
pub fn read_repaired<T, E>(body: &[u8], read: impl Fn(&[u8]) -> Result<T, E>) -> Result<(T, Vec<Repair>), E> {
    let body = past_bom(body);
    match read(body) {
        Ok(v) => Ok((v, Vec::new())),
        Err(first) => match repair(body) {
            Some((fixed, repairs)) => read(&fixed).map(|v| (v, repairs)).map_err(|_| first),
            None => Err(first),
        },
    }
}

/// The body with its repairable faults repaired, and what was repaired; `None` when there was
/// nothing to repair.
pub fn repair(body: &[u8]) -> Option<(Vec<u8>, Vec<Repair>)> {
    let mut out = Vec::with_capacity(body.len() + 16);
    let mut repairs = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    // In an object, whether the next string is a key.
    let mut expect_key = false;
    let mut i = 0;
    while i < body.len() {
        let b = body[i];
        match b {
            b'{' => {
                stack.push(Frame::Object(None));
                expect_key = true;
                out.push(b);
                i += 1;
            }
            b'[' => {
                stack.push(Frame::Array(0));
                expect_key = false;
                out.push(b);
                i += 1;
            }
            b'}' | b']' => {
                stack.pop();
                expect_key = false;
                out.push(b);
                i += 1;
            }
            b',' => {
                match stack.last_mut() {
                    Some(Frame::Array(n)) => *n += 1,
                    Some(Frame::Object(key)) => {
                        *key = None;
                        expect_key = true;
                    }
                    None => {}
                }
                out.push(b);
                i += 1;
            }
            b'"' => {
                let end = string_end(body, i + 1);
                let raw = &body[i + 1..end];
                let text = String::from_utf8_lossy(raw);
                if expect_key {
                    if let Some(Frame::Object(key)) = stack.last_mut() {
                        *key = Some(text.clone().into_owned());
                    }
                    expect_key = false;
                }
                if std::str::from_utf8(raw).is_err() {
                    repairs.push(Repair { path: path(&stack), what: "invalid UTF-8 replaced by U+FFFD".to_owned() });
                }
                out.push(b'"');
                out.extend_from_slice(text.as_bytes());
                if end < body.len() {
                    out.push(b'"');
                }
                i = end + 1;
            }
            b'-' | b'0'..=b'9' => {
                let end = body[i..].iter().position(|c| !matches!(c, b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9'));
                let end = end.map_or(body.len(), |n| i + n);
                let number = &body[i..end];
                let text = std::str::from_utf8(number).unwrap_or_default();
                if text.parse::<f64>().is_ok_and(f64::is_infinite) {
                    repairs.push(Repair {
                        path: path(&stack),
                        what: format!("the number {text} is out of range; read as the text \"{text}\""),
                    });
                    out.push(b'"');
                    out.extend_from_slice(number);
                    out.push(b'"');
                } else {
                    out.extend_from_slice(number);
                }
                i = end;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    (!repairs.is_empty()).then_some((out, repairs))
}

/// The index of the closing quote of a string whose text starts at `from`, or the body's length
/// when it is cut short.
fn string_end(body: &[u8], from: usize) -> usize {
    let mut j = from;
    while j < body.len() {
        match body[j] {
            b'\\' => j += 2,
            b'"' => return j,
            _ => j += 1,
        }
    }
    body.len()
}

/// The JSON path of the current value.
fn path(stack: &[Frame]) -> String {
    let mut out = String::new();
    for frame in stack {
        match frame {
            Frame::Object(Some(key)) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Frame::Object(None) => {}
            Frame::Array(n) => {
                let _ = write!(out, "[{n}]");
            }
        }
    }
    if out.is_empty() { "$".to_owned() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repaired(body: &[u8]) -> (String, Vec<(String, String)>) {
        let (out, repairs) = repair(body).expect("something to repair");
        (String::from_utf8(out).expect("UTF-8"), repairs.into_iter().map(|r| (r.path, r.what)).collect())
    }

    #[test]
    fn invalid_utf8_in_one_string_is_replaced_and_located() {
        let (out, repairs) = repaired(b"{\"users\": [{\"name\": \"a\"}, {\"name\": \"b\xffc\", \"x\": \"\\\"\"}]}");
        assert_eq!(out, "{\"users\": [{\"name\": \"a\"}, {\"name\": \"b\u{fffd}c\", \"x\": \"\\\"\"}]}");
        assert_eq!(repairs, vec![("users[1].name".to_owned(), "invalid UTF-8 replaced by U+FFFD".to_owned())]);
        serde_json::from_str::<serde_json::Value>(&out).expect("now JSON");
    }

    #[test]
    fn a_number_out_of_range_becomes_its_text() {
        let (out, repairs) = repaired(br#"{"total_record": 1e400, "users": [{"n": -2E+999}], "ok": 1.5e3}"#);
        assert_eq!(out, r#"{"total_record": "1e400", "users": [{"n": "-2E+999"}], "ok": 1.5e3}"#);
        assert_eq!(repairs.iter().map(|r| r.0.as_str()).collect::<Vec<_>>(), ["total_record", "users[0].n"]);
        assert!(repairs[0].1.contains("1e400 is out of range"), "{repairs:?}");
    }

    #[test]
    fn nothing_to_repair_is_none_whatever_the_input() {
        for body in [&b"{\"a\": [1, 2, {\"b\": \"c\"}]}"[..], b"{\"cut\": [1, ", b"", b"\"", b"[[[[", b"nul", b"\\"] {
            assert_eq!(repair(body), None, "{}", String::from_utf8_lossy(body));
        }
        let deep = "[".repeat(100_000);
        assert_eq!(repair(deep.as_bytes()), None);
    }
}
