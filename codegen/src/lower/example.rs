//! Documented example bodies: parsed, and checked against their tables unless the spec says the
//! page's example contradicts its table (`mismatch`), which keeps it as printed and untested.

use serde_json::Value;

use crate::diag::Diagnostic;
use crate::ir::{self, Type};
use crate::spec::{self, load::Parsed};

/// The hint of an example that contradicts its table.
const CONTRADICTS: &str = "fix the table or the example so that they agree with the documentation; if the page's \
     example really contradicts its table, keep it as printed and add `mismatch: \"<why>\"` to the example";

/// The start of the message of an example that contradicts its table.
const CONTRADICTION: &str = "example does not match its table: ";
/// The start of the message of an example that is not JSON.
const NOT_JSON: &str = "example is not valid JSON: ";

/// The example that a diagnostic of the lowering rejects, with what is wrong with it:
/// `("responses[0].examples[1]", "$.foo is not a field of the table `X`")`. `None` for any other
/// diagnostic.
pub fn rejected(d: &Diagnostic) -> Option<(String, String)> {
    let example = d.yaml_path.strip_suffix(".json")?;
    let finding = match (d.message.strip_prefix(CONTRADICTION), d.message.strip_prefix(NOT_JSON)) {
        (Some(found), _) => found.to_owned(),
        (None, Some(error)) => format!("not valid JSON ({error})"),
        (None, None) => return None,
    };
    Some((example.to_owned(), finding))
}

/// The example whose keys are at `path` (`responses[0].examples[1]`, `example_requests[0]`),
/// parsed, or located diagnostics. A `mismatch` example need not be JSON: it is kept as printed.
pub(super) fn parse(
    page: &Parsed<spec::Operation>,
    path: &str,
    description: Option<String>,
    json: &str,
    mismatch: Option<&str>,
    diags: &mut Vec<Diagnostic>,
) -> Option<ir::Example> {
    if mismatch.is_some_and(|m| m.trim().is_empty()) {
        diags.push(page.at(
            &format!("{path}.mismatch"),
            "`mismatch` gives no reason".to_owned(),
            Some("say how the page's example contradicts its table, or remove `mismatch`".to_owned()),
        ));
    }
    let mismatch = mismatch.map(|m| m.trim().to_owned());
    let example = |value| ir::Example { description, json: json.to_owned(), value, mismatch: mismatch.clone() };
    match serde_json::from_str(json) {
        Ok(value) => Some(example(Some(value))),
        Err(_) if mismatch.is_some() => Some(example(None)),
        Err(e) => {
            let json_path = format!("{path}.json");
            let (line, column) = page.locator.value(&json_path);
            // A block scalar's text starts on the line after its indicator.
            diags.push(Diagnostic {
                file: page.file.clone(),
                line: line + e.line(),
                column,
                yaml_path: json_path,
                message: format!("{NOT_JSON}{e}"),
                hint: Some(
                    "paste the example exactly as the page prints it, in a `json: |` block; if the page prints \
                     it so, add `mismatch: \"<why>\"` to the example"
                        .to_owned(),
                ),
            });
            None
        }
    }
}

/// Checks every example of the page against its table: a contradiction is an error, unless the
/// example says `mismatch`; a `mismatch` example that agrees with its table is an error too.
pub(super) fn check_page(
    page: &Parsed<spec::Operation>,
    op: &ir::Operation,
    t: &Tables<'_>,
    diags: &mut Vec<Diagnostic>,
) {
    for (i, r) in page.spec.responses.iter().enumerate() {
        let Some(resp) = op.responses.iter().find(|x| x.status == r.status) else { continue };
        let Some(name) = resp.body.as_ref().filter(|_| r.body.is_some() || r.ty.is_some()) else { continue };
        for (j, e) in resp.examples.iter().enumerate() {
            let problems = e.value.as_ref().map(|v| check(t, name, v, Mode::Response));
            judge(page, &format!("responses[{i}].examples[{j}]"), e, problems, diags);
        }
    }
    for (j, e) in op.example_requests.iter().enumerate() {
        let Some(ex) = &e.body else { continue };
        let problems = match (&ex.value, &op.body) {
            (Some(v), Some(b)) => Some(check_body(t, &b.ty, v)),
            (Some(_), None) => Some(vec!["the operation has no request body table".to_owned()]),
            (None, _) => None,
        };
        judge(page, &format!("example_requests[{j}]"), ex, problems, diags);
    }
}

/// Reports what the check of the example at `path` found (`None`: nothing could be checked).
fn judge(
    page: &Parsed<spec::Operation>,
    path: &str,
    e: &ir::Example,
    problems: Option<Vec<String>>,
    diags: &mut Vec<Diagnostic>,
) {
    match (&e.mismatch, problems) {
        (None, Some(problems)) => diags.extend(
            problems
                .into_iter()
                .map(|p| page.at(&format!("{path}.json"), format!("{CONTRADICTION}{p}"), Some(CONTRADICTS.to_owned()))),
        ),
        (Some(_), Some(problems)) if problems.is_empty() => diags.push(page.at(
            &format!("{path}.mismatch"),
            "the example is marked `mismatch` but agrees with its table".to_owned(),
            Some("remove `mismatch`, so that the example is tested like the others".to_owned()),
        )),
        _ => {}
    }
}

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
/// A body that is not a JSON object (`whole`) is checked against the type of its one field.
pub fn check(t: &Tables<'_>, name: &str, value: &Value, mode: Mode) -> Vec<String> {
    let mut out = Vec::new();
    match t.objects.iter().find(|o| o.name == name && o.whole).and_then(|o| o.fields.first()) {
        Some(whole) => check_type(t, &whole.ty, value, mode, "$", &mut out),
        None => check_type(t, &Type::Object(name.to_owned()), value, mode, "$", &mut out),
    }
    out
}

/// Every mismatch between `value` and a request body of type `ty` (an object's table, or a body
/// that is not a JSON object).
pub fn check_body(t: &Tables<'_>, ty: &Type, value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    check_type(t, ty, value, Mode::Request, "$", &mut out);
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
