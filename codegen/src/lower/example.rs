//! Documented example bodies: parsed, and checked against their tables unless the spec says the
//! page's example contradicts its table (`mismatch`), which keeps it as printed and untested.

use huaweicloud_sdk_shape::Strictness;
use serde_json::Value;

use crate::diag::Diagnostic;
use crate::ir::{self, Node, Tables, Type};
use crate::spec::{self, load::Parsed};

/// The hint of an example that contradicts its table.
const CONTRADICTS: &str = "fix the table or the example so that they agree with the documentation; if the page's \
     example really contradicts its table, keep it as printed and add `mismatch: \"<why>\"` to the example";

/// The start of the message of an example that contradicts its table.
const CONTRADICTION: &str = "example does not match its table: ";
/// The start of the message of an example that is not JSON.
const NOT_JSON: &str = "example is not valid JSON: ";

/// The example that a diagnostic of the lowering rejects, with what is wrong with it:
/// `("responses[0].examples[1]", "`$.foo` is not a field of the table `X`")`. `None` for any other
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
            let problems = e.value.as_ref().map(|v| check(t, name, v, Strictness::Response));
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

/// Returns every mismatch between `value` and the object `name`, each as `` `$.path` what ``, read
/// as strictly as `strictness` says (a response as the lenient models read it: a String accepts a
/// number, an enum any string; a request as the server reads it). A body that is not a JSON object
/// (`whole`) is checked against the type of its one field.
pub fn check(t: &Tables<'_>, name: &str, value: &Value, strictness: Strictness) -> Vec<String> {
    let object = Type::Object(name.to_owned());
    let node = match t.whole_body(name) {
        Some(whole) => Node::new(t, &whole.ty, None),
        None => Node::new(t, &object, None),
    };
    findings(node, value, strictness)
}

/// Every mismatch between `value` and a request body of type `ty` (an object's table, or a body
/// that is not a JSON object).
pub fn check_body(t: &Tables<'_>, ty: &Type, value: &Value) -> Vec<String> {
    findings(Node::new(t, ty, None), value, Strictness::Request)
}

fn findings(node: Node<'_>, value: &Value, strictness: Strictness) -> Vec<String> {
    huaweicloud_sdk_shape::check(node, value, strictness, "$").iter().map(ToString::to_string).collect()
}
