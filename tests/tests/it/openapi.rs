//! The OpenAPI export (`generated/openapi.json`, `cargo xtask openapi`): it describes everything in
//! the IR, and `openapi-spec-validator` (installed in the oracle's `.venv`, made on first use) accepts it and
//! rejects a broken copy. Like the other oracle tests, these fail rather than skip without `.venv`.

use std::path::Path;
use std::process::{Command, Output};

use codegen::GeneratedFile;
use codegen::emit::openapi::{self, document, operation_id, schema_name};
use codegen::ir::{self, Location, Supplied, Type};
use codegen::sync::{Change, plan};
use huaweicloud_sdk_tests::{load, oracle, root};
use serde_json::{Value, json};

/// The spec trees whose documents are checked: the real one and the golden fixtures.
const SPECS: &[&str] = &["spec", "tests/fixtures/golden/spec"];

fn api(rel: &str) -> ir::Api {
    codegen::lower::lower(&load(rel)).unwrap_or_else(|d| panic!("{rel} does not lower:\n{d}"))
}

/// A JSON pointer segment (`/` and `~` escaped, RFC 6901).
fn segment(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

fn schema_ref(s: &ir::Service, v: &ir::Version, name: &str) -> Value {
    json!(format!("#/components/schemas/{}", schema_name(&s.name, &v.name, name)))
}

/// Everything of `api` that the document lacks or describes otherwise, one line each.
fn missing(api: &ir::Api, doc: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut taken = std::collections::BTreeSet::new();
    for s in &api.services {
        for v in &s.versions {
            for op in &v.operations {
                let key = codegen::emit::openapi::path_key(&mut taken, s, v, op);
                let at = format!("/paths/{}/{}", segment(&key), op.method.to_ascii_lowercase());
                let Some(o) = doc.pointer(&at) else {
                    out.push(format!("{}: no operation at {at}", op.spec_file));
                    continue;
                };
                operation(api, s, v, op, o, &mut out);
            }
            for o in &v.objects {
                object(s, v, o, doc, &mut out);
            }
            for e in &v.enums {
                let at = format!("/components/schemas/{}", segment(&schema_name(&s.name, &v.name, &e.name)));
                let wires: Vec<&str> = e.variants.iter().map(|x| x.wire.as_str()).collect();
                // Integer value lists are JSON numbers in the document.
                let values: Vec<Value> = if e.integer {
                    wires.iter().filter_map(|w| w.parse::<i64>().ok()).map(Value::from).collect()
                } else {
                    wires.iter().map(|w| json!(w)).collect()
                };
                if doc.pointer(&format!("{at}/enum")) != Some(&Value::Array(values)) {
                    out.push(format!("{}: enum {} is not {at} with the values {wires:?}", e.spec_file, e.name));
                }
            }
        }
    }
    out
}

fn operation(api: &ir::Api, s: &ir::Service, v: &ir::Version, op: &ir::Operation, o: &Value, out: &mut Vec<String>) {
    let file = &op.spec_file;
    if o["operationId"] != json!(operation_id(api, s, v, op)) || o["summary"] != json!(op.title) {
        out.push(format!("{file}: operationId or summary of {} differ", op.wire_name));
    }
    if o["tags"] != json!([s.name]) {
        out.push(format!("{file}: {} is not tagged `{}`", op.wire_name, s.name));
    }
    let params = o["parameters"].as_array().cloned().unwrap_or_default();
    for p in &op.params {
        let location = match p.location {
            Location::Path => "path",
            Location::Query => "query",
            Location::Header => "header",
        };
        let found = params.iter().find(|q| q["name"] == json!(p.field.wire_name) && q["in"] == json!(location));
        match (found, p.supplied_by) {
            (Some(_), Some(Supplied::AuthToken)) => {
                out.push(format!("{file}: {} is a parameter, not only the token scheme", p.field.wire_name));
            }
            (Some(_), Some(Supplied::ContentType)) => {
                out.push(format!("{file}: {} is a parameter, not the request body's media type", p.field.wire_name));
            }
            (None, Some(Supplied::AuthToken | Supplied::ContentType)) => {}
            (None, _) => out.push(format!("{file}: no {location} parameter {}", p.field.wire_name)),
            (Some(q), _) => {
                if q["required"] != json!(p.field.mandatory) || q["description"] != json!(p.field.description) {
                    out.push(format!("{file}: parameter {} has another `required` or description", p.field.wire_name));
                }
                if !q["schema"].is_object() {
                    out.push(format!("{file}: parameter {} has no schema", p.field.wire_name));
                }
            }
        }
    }
    if let Some(b) = &op.body {
        let body = &o["requestBody"];
        let media_type = b.content_type.split(';').next().unwrap_or_default().trim();
        let schema = &body["content"][media_type]["schema"];
        let described = match b.object() {
            Some(object) => schema["$ref"] == schema_ref(s, v, object),
            // A body that is not a JSON object: its type's schema, an array here.
            None => schema["type"] == json!("array"),
        };
        if body["required"] != json!(b.mandatory) || !described {
            out.push(format!(
                "{file}: the request body of {} is not a required-as-documented {:?}",
                op.wire_name, b.ty
            ));
        }
    }
    for r in &op.responses {
        let resp = &o["responses"][r.status.to_string()];
        if resp["description"] != json!(r.description) {
            out.push(format!("{file}: status {} of {} is missing or described otherwise", r.status, op.wire_name));
        }
        let media = &resp["content"]["application/json"];
        if let Some(name) = &r.body
            && media["schema"]["$ref"] != schema_ref(s, v, name)
        {
            out.push(format!("{file}: status {} of {} does not refer to {name}", r.status, op.wire_name));
        }
        let shown: Vec<&Value> = match (&media["example"], &media["examples"]) {
            (Value::Null, Value::Object(named)) => named.values().map(|e| &e["value"]).collect(),
            (Value::Null, _) => Vec::new(),
            (single, _) => vec![single],
        };
        // An example that contradicts its table (`mismatch`) is left out of the document.
        let documented: Vec<&Value> = r.examples.iter().filter_map(|e| e.checked()).collect();
        if shown != documented {
            out.push(format!("{file}: the examples of status {} of {} differ", r.status, op.wire_name));
        }
    }
}

fn object(s: &ir::Service, v: &ir::Version, o: &ir::Object, doc: &Value, out: &mut Vec<String>) {
    let at = format!("/components/schemas/{}", segment(&schema_name(&s.name, &v.name, &o.name)));
    let Some(schema) = doc.pointer(&at) else {
        out.push(format!("{}: no schema {at} for object {}", o.spec_file, o.name));
        return;
    };
    for f in &o.fields {
        // A body that is not a JSON object (`type:` on a response): its one field is the schema.
        let property = if o.whole { schema } else { &schema["properties"][&f.wire_name] };
        if property["description"] != json!(if o.whole { &o.description } else { &f.description }) {
            out.push(format!("{}: {}.{} is not a described property of {at}", o.spec_file, o.name, f.wire_name));
        }
        let required = schema["required"].as_array().is_some_and(|r| r.contains(&json!(f.wire_name)));
        if required != f.mandatory && !o.whole {
            out.push(format!("{}: {}.{} is required = {required} in {at}", o.spec_file, o.name, f.wire_name));
        }
        if let Type::Object(name) | Type::Enum(name) = innermost(&f.ty) {
            let text = property.to_string();
            if !text.contains(&format!("\"#/components/schemas/{}\"", schema_name(&s.name, &v.name, name))) {
                out.push(format!("{}: {}.{} does not refer to {name}", o.spec_file, o.name, f.wire_name));
            }
        }
    }
}

fn innermost(t: &Type) -> &Type {
    match t {
        Type::Array(inner) | Type::Map(inner) => innermost(inner),
        other => other,
    }
}

/// Every `$ref` in `v` with its JSON pointer.
fn refs<'a>(v: &'a Value, at: &str, out: &mut Vec<(String, &'a str)>) {
    match v {
        Value::Object(o) => {
            for (k, x) in o {
                match (k.as_str(), x) {
                    ("$ref", Value::String(r)) => out.push((at.to_owned(), r)),
                    _ => refs(x, &format!("{at}/{}", segment(k)), out),
                }
            }
        }
        Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| refs(x, &format!("{at}/{i}"), out)),
        _ => {}
    }
}

#[test]
fn every_operation_parameter_response_and_field_of_the_ir_is_in_the_document() {
    for rel in SPECS {
        let api = api(rel);
        let doc = document(&api);
        let problems = missing(&api, &doc);
        assert!(problems.is_empty(), "{rel}: the document lacks:\n{}", problems.join("\n"));
        let operations: usize = api.services.iter().flat_map(|s| &s.versions).map(|v| v.operations.len()).sum();
        let described: usize =
            doc["paths"].as_object().map_or(0, |p| p.values().filter_map(Value::as_object).map(|i| i.len()).sum());
        assert_eq!(described, operations, "{rel}: the document has operations the IR does not");
    }
}

#[test]
fn an_operation_name_in_two_modules_is_qualified_in_both_and_ids_stay_unique() {
    let mut api = api("tests/fixtures/golden/spec");
    let mut twin = api.services[0].versions[0].operations[0].clone();
    twin.uri = format!("{}/twin", twin.uri);
    let name = twin.wire_name.clone();
    api.services[1].versions[0].operations.push(twin);
    let doc = document(&api);
    let mut ids: Vec<&str> = doc["paths"]
        .as_object()
        .into_iter()
        .flat_map(|paths| paths.values())
        .filter_map(Value::as_object)
        .flat_map(|item| item.values())
        .filter_map(|o| o["operationId"].as_str())
        .collect();
    ids.sort_unstable();
    let count = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), count, "duplicate operationIds: {ids:?}");
    for s in &api.services[..2] {
        let qualified = format!("{}.{}.{name}", s.name, s.versions[0].name);
        assert!(ids.contains(&qualified.as_str()), "{qualified} not in {ids:?}");
    }
    assert!(!ids.contains(&name.as_str()), "the bare name {name} is still used: {ids:?}");
}

#[test]
fn every_reference_resolves_and_the_token_header_is_a_security_scheme() {
    for rel in SPECS {
        let doc = document(&api(rel));
        let mut found = Vec::new();
        refs(&doc, "", &mut found);
        assert!(!found.is_empty(), "{rel}: no references at all");
        for (at, r) in found {
            let target = r.strip_prefix('#').unwrap_or_else(|| panic!("{rel}: {at}: `{r}` is not local"));
            assert!(doc.pointer(target).is_some(), "{rel}: {at}: `{r}` does not resolve");
        }
        let schemes = &doc["components"]["securitySchemes"];
        assert_eq!(schemes[openapi::TOKEN_SCHEME]["name"], "X-Auth-Token", "{rel}");
        assert_eq!(schemes[openapi::AKSK_SCHEME]["name"], "Authorization", "{rel}");
        assert_eq!(doc["security"], json!([{ openapi::TOKEN_SCHEME: [] }, { openapi::AKSK_SCHEME: [] }]), "{rel}");
    }
}

#[test]
fn the_rendered_file_is_the_document_with_its_generated_marker_first() {
    let api = api("spec");
    let text = openapi::render(&api);
    assert!(openapi::is_generated(&text), "{}", text.chars().take(200).collect::<String>());
    let parsed: Value = serde_json::from_str(&text).expect("the rendered document is JSON");
    assert_eq!(parsed, document(&api));
    assert!(!openapi::is_generated("{\n  \"openapi\": \"3.0.3\"\n}\n"), "a hand-written document is not generated");
}

#[test]
fn codegen_updates_or_deletes_a_generated_document_and_refuses_a_hand_written_one() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let dir = tmp.path();
    let fresh = GeneratedFile { path: "openapi.json".to_owned(), contents: openapi::render(&api("spec")) };
    let kinds = |on_disk: &str, files: &[GeneratedFile]| {
        std::fs::write(dir.join("openapi.json"), on_disk).expect("write");
        let changes = plan(dir, files).expect("plan");
        changes
            .iter()
            .map(|c| match c {
                Change::Create { .. } => "create",
                Change::Update { .. } => "update",
                Change::Delete { .. } => "delete",
                Change::Conflict { .. } => "refuse",
            })
            .collect::<Vec<_>>()
    };
    let stale = fresh.contents.replacen("Querying DDM Accounts", "An older title", 1);
    assert_eq!(kinds(&stale, std::slice::from_ref(&fresh)), ["update"]);
    assert_eq!(kinds(&fresh.contents, &[]), ["delete"]);
    assert_eq!(kinds("{\n  \"openapi\": \"3.0.3\"\n}\n", std::slice::from_ref(&fresh)), ["refuse"]);
}

/// Runs `python -m openapi_spec_validator <file>` with the oracle's Python.
fn validate(file: &Path) -> Output {
    let out = Command::new(oracle::python())
        .args(["-m", "openapi_spec_validator"])
        .arg(file)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .output()
        .unwrap_or_else(|e| panic!("running the validator: {e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("No module named openapi_spec_validator"),
        "openapi-spec-validator is not installed in the oracle's Python; see tests/oracle/requirements.txt"
    );
    out
}

/// The first characters of the validator's output: on errors it prints the whole document.
fn head(out: &Output) -> String {
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    text.chars().take(600).collect()
}

#[test]
fn the_validator_accepts_the_checked_in_documents() {
    for file in ["generated/openapi.json", "tests/fixtures/golden/expected/openapi.json"] {
        let out = validate(&root().join(file));
        assert!(out.status.success(), "{file} is not valid OpenAPI:\n{}", head(&out));
        assert!(String::from_utf8_lossy(&out.stdout).contains("OK"), "{file}: {}", head(&out));
    }
}

#[test]
fn the_validator_rejects_a_reference_to_a_missing_schema() {
    let mut doc = document(&api("spec"));
    let reference = doc
        .pointer_mut("/paths/~1v3~1projects/get/responses/200/content/application~1json/schema/$ref")
        .expect("KeystoneListProjects refers to its response schema");
    *reference = json!("#/components/schemas/iam.v3.NoSuchSchema");
    let file = tempfile::Builder::new().suffix(".json").tempfile().expect("a temporary file");
    std::fs::write(file.path(), doc.to_string()).unwrap_or_else(|e| panic!("writing {}: {e}", file.path().display()));
    let out = validate(file.path());
    assert!(!out.status.success(), "the broken document passed:\n{}", head(&out));
    assert!(head(&out).contains("iam.v3.NoSuchSchema"), "the error does not name the schema:\n{}", head(&out));
}
