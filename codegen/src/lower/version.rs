//! One version module of a service: its pages lowered together, every type name claimed once,
//! identical tables shared, and the types several operations reach moved to the shared module.

use std::collections::{BTreeMap, BTreeSet};

use super::page::lower_page;
use crate::diag::Diagnostic;
use crate::ir;
use crate::spec;
use crate::spec::load::Parsed;

pub(super) fn lower_version(
    version: &str,
    pages: &[Parsed<spec::Operation>],
    diags: &mut Vec<Diagnostic>,
) -> ir::Version {
    let mut v =
        ir::Version { name: version.to_owned(), operations: Vec::new(), objects: Vec::new(), enums: Vec::new() };
    // Every type name of the module, with the page and YAML path that introduced it.
    let mut names: BTreeMap<String, (usize, String, &'static str)> = BTreeMap::new();
    let mut claim = |name: &str, page: usize, path: String, what: &'static str, diags: &mut Vec<Diagnostic>| -> bool {
        match names.get(name) {
            None => {
                names.insert(name.to_owned(), (page, path, what));
                true
            }
            Some((first_page, first_path, first_what)) => {
                if *first_what != what || what == "request" {
                    let first = &pages[*first_page];
                    let (l, c) = first.locator.value(first_path);
                    diags.push(pages[page].at(
                        &path,
                        format!("`{name}` is already the name of a {first_what} at {}:{l}:{c}", first.file),
                        Some("rename one of them (objects by their table name, enums with `enum_name`)".to_owned()),
                    ));
                }
                false
            }
        }
    };
    for (i, page) in pages.iter().enumerate() {
        let Some(out) = lower_page(page, diags) else { continue };
        if let Some(other) = v.operations.iter().find(|o| o.names.module == out.op.names.module) {
            diags.push(page.at(
                "operation",
                format!("operation `{}` is also defined in {}", out.op.wire_name, other.spec_file),
                Some("each operation has one spec file".to_owned()),
            ));
            continue;
        }
        claim(out.op.names.request.name(), i, "operation".to_owned(), "request", diags);
        for (o, path) in out.objects {
            if claim(&o.name, i, path.clone(), "object", diags) {
                v.objects.push(o);
            } else if let Some(first) = v.objects.iter_mut().find(|f| f.name == o.name) {
                if !same_table(first, &o) {
                    diags.push(page.at(
                        &path,
                        format!("object `{}` differs from the table of the same name in {}", o.name, first.spec_file),
                        Some("the same name must mean the same table; give one of them another name".to_owned()),
                    ));
                } else {
                    first.in_request |= o.in_request;
                    first.in_response |= o.in_response;
                }
            }
        }
        for (e, path) in out.enums {
            if claim(&e.name, i, path.clone(), "enum", diags) {
                v.enums.push(e);
            } else if let Some(first) = v.enums.iter().find(|f| f.name == e.name) {
                let wires = |e: &ir::Enum| e.variants.iter().map(|x| x.wire.clone()).collect::<Vec<_>>();
                if wires(first) != wires(&e) {
                    diags.push(page.at(
                        &path,
                        format!("value list `{}` differs from the one of the same name in {}", e.name, first.spec_file),
                        Some("give this list another name with `enum_name`".to_owned()),
                    ));
                }
            }
        }
        v.operations.push(out.op);
    }
    share(&mut v);
    v.operations.sort_by(|a, b| a.names.module.name().cmp(b.names.module.name()));
    v.objects.sort_by(|a, b| a.name.cmp(&b.name));
    v.enums.sort_by(|a, b| a.name.cmp(&b.name));
    v
}

/// Moves every object and enum that more than one operation's types reach into the version's
/// shared module, and says so in the description of a response body named after one operation.
fn share(v: &mut ir::Version) {
    let mut users: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for op in &v.operations {
        let mut roots: Vec<String> = op.responses.iter().filter_map(|r| r.body.clone()).collect();
        roots.extend(op.body.iter().map(|b| b.object.clone()));
        roots.extend(op.params.iter().filter_map(|p| type_name(&p.field.ty)));
        let mut seen = BTreeSet::new();
        while let Some(name) = roots.pop() {
            if !seen.insert(name.clone()) {
                continue;
            }
            users.entry(name.clone()).or_default().insert(op.wire_name.clone());
            if let Some(o) = v.objects.iter().find(|o| o.name == name) {
                roots.extend(o.fields.iter().filter_map(|f| type_name(&f.ty)));
            }
        }
    }
    let shared = |name: &str| users.get(name).is_some_and(|u| u.len() > 1);
    for o in &mut v.objects {
        if shared(&o.name) {
            o.module = ir::SHARED_MODULE.to_owned();
            if let Some((status, text)) = o.response_of.clone() {
                let ops: Vec<String> = users[&o.name].iter().map(|u| format!("`{u}`")).collect();
                o.description = format!("Response body for status {status} of {}: {text}", ops.join(", "));
            }
        }
    }
    for e in &mut v.enums {
        if shared(&e.name) {
            e.module = ir::SHARED_MODULE.to_owned();
        }
    }
}

/// The object or enum a type refers to, inside arrays and maps.
fn type_name(t: &ir::Type) -> Option<String> {
    match t {
        ir::Type::Object(n) | ir::Type::Enum(n) => Some(n.clone()),
        ir::Type::Array(t) | ir::Type::Map(t) => type_name(t),
        _ => None,
    }
}

fn same_table(a: &ir::Object, b: &ir::Object) -> bool {
    a.fields.len() == b.fields.len()
        && a.fields
            .iter()
            .zip(&b.fields)
            .all(|(x, y)| x.wire_name == y.wire_name && x.ty == y.ty && x.mandatory == y.mandatory)
}
