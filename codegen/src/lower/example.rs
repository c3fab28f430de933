//! Checking documented example bodies against their tables.

use serde_json::Value;

use crate::ir::{self, Type};

/// How strictly an example is read: requests as the server reads them, responses as the lenient
/// models read them (a String accepts a number, an enum accepts any string).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A request body.
    Request,
    /// A response body.
    Response,
}

/// The objects and enums an example may refer to.
#[derive(Debug)]
pub struct Tables<'a> {
    /// Objects by name.
    pub objects: &'a [ir::Object],
    /// Enums by name.
    pub enums: &'a [ir::Enum],
}

/// Returns every mismatch between `value` and the object `name`, each as `(json path, message)`.
pub fn check(t: &Tables<'_>, name: &str, value: &Value, mode: Mode) -> Vec<String> {
    let mut out = Vec::new();
    check_type(t, &Type::Object(name.to_owned()), value, mode, "$", &mut out);
    out
}

fn check_type(t: &Tables<'_>, ty: &Type, v: &Value, mode: Mode, at: &str, out: &mut Vec<String>) {
    let lenient = mode == Mode::Response;
    let mut wrong = |expected: &str| {
        out.push(format!("{at} is {}, but the table says {expected}", kind(v)));
    };
    match (ty, v) {
        (_, Value::Null) if lenient => {}
        (Type::Any, _) => {}
        (Type::String, Value::String(_)) => {}
        (Type::String, Value::Number(_) | Value::Bool(_)) if lenient => {}
        (Type::Integer | Type::Long, Value::Number(n)) if n.is_i64() || n.is_u64() => {
            let fits = n.as_i64().is_some_and(|i| *ty == Type::Long || i32::try_from(i).is_ok());
            if !fits {
                out.push(format!("{at} is {n}, which does not fit the documented integer type"));
            }
        }
        (Type::Integer | Type::Long, Value::String(s)) if lenient && s.trim().parse::<i64>().is_ok() => {}
        (Type::Number, Value::Number(_)) => {}
        (Type::Number, Value::String(s)) if lenient && s.trim().parse::<f64>().is_ok() => {}
        (Type::Boolean, Value::Bool(_)) => {}
        (Type::Enum(name), Value::Number(n)) if integer_enum(t, name) => {
            let e = t.enums.iter().find(|e| &e.name == name);
            if mode == Mode::Request && e.is_some_and(|e| !e.variants.iter().any(|va| va.wire == n.to_string())) {
                out.push(format!("{at} is {n}, which is not one of the documented values of `{name}`"));
            }
        }
        (Type::Enum(name), Value::String(s)) if integer_enum(t, name) => {
            if !(lenient && s.trim().parse::<i64>().is_ok()) {
                wrong("an integer from a value list");
            }
        }
        (Type::Enum(name), Value::String(s)) => {
            let e = t.enums.iter().find(|e| &e.name == name);
            if mode == Mode::Request && e.is_some_and(|e| !e.variants.iter().any(|va| &va.wire == s)) {
                out.push(format!("{at} is \"{s}\", which is not one of the documented values of `{name}`"));
            }
        }
        (Type::Array(inner), Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                check_type(t, inner, item, mode, &format!("{at}[{i}]"), out);
            }
        }
        (Type::Map(inner), Value::Object(map)) => {
            for (k, item) in map {
                check_type(t, inner, item, mode, &format!("{at}.{k}"), out);
            }
        }
        (Type::Object(name), Value::Object(map)) => {
            let Some(o) = t.objects.iter().find(|o| &o.name == name) else { return };
            for (k, item) in map {
                match o.fields.iter().find(|f| &f.wire_name == k) {
                    Some(f) => check_type(t, &f.ty, item, mode, &format!("{at}.{k}"), out),
                    None => out.push(format!("{at}.{k} is not a field of the table `{name}`")),
                }
            }
            if mode == Mode::Request {
                for f in o.fields.iter().filter(|f| f.mandatory && !map.contains_key(&f.wire_name)) {
                    out.push(format!("{at} lacks the mandatory field `{}` of the table `{name}`", f.wire_name));
                }
            }
        }
        (Type::String, _) => wrong("String"),
        (Type::Integer, _) => wrong("Integer"),
        (Type::Long, _) => wrong("Long"),
        (Type::Number, _) => wrong("Number"),
        (Type::Boolean, _) => wrong("Boolean"),
        (Type::Enum(name), _) if integer_enum(t, name) => wrong("an integer from a value list"),
        (Type::Enum(_), _) => wrong("a String from a value list"),
        (Type::Array(_), _) => wrong("an Array"),
        (Type::Map(_), _) => wrong("a Map"),
        (Type::Object(name), _) => wrong(&format!("a `{name}` object")),
    }
}

fn integer_enum(t: &Tables<'_>, name: &str) -> bool {
    t.enums.iter().any(|e| e.name == name && e.integer)
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
