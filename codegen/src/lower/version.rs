//! One version module of a service: its pages lowered together, every type name claimed once,
//! identical tables shared, and the types several operations reach moved to the shared module.

use std::collections::{BTreeMap, BTreeSet};

use super::names::Namespace;
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
    let mut space = Namespace::new(pages);
    for (i, page) in pages.iter().enumerate() {
        if let Some(op) = lower_page(i, page, &mut space, diags) {
            v.operations.push(op);
        }
    }
    v.objects = space.objects;
    v.enums = space.enums;
    // A waiter names another operation of the version: resolved once all are lowered.
    super::waiter::resolve(pages, &mut v, diags);
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
        roots.extend(op.body.iter().filter_map(|b| type_name(&b.ty)));
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
