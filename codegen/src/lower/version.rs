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
    check_containment(pages, &v, diags);
    share(&mut v);
    v.operations.sort_by(|a, b| a.names.module.name().cmp(b.names.module.name()));
    v.objects.sort_by(|a, b| a.name.cmp(&b.name));
    v.enums.sort_by(|a, b| a.name.cmp(&b.name));
    v
}

/// A struct that holds itself through fields that are not lists or maps (`NodePool.spec` is a
/// `Spec`, whose `nodeTemplate` is a `NodePool`) would have no size in Rust: each such cycle is
/// an error at the first of its tables by name (under `objects`, or a request or response body),
/// found from that table; another cycle through it shows once this one is mended.
fn check_containment(pages: &[Parsed<spec::Operation>], v: &ir::Version, diags: &mut Vec<Diagnostic>) {
    let objects: BTreeMap<&str, &ir::Object> = v.objects.iter().map(|o| (o.name.as_str(), o)).collect();
    // Each object's fields that hold another object directly: (field's wire name, object).
    let direct: BTreeMap<&str, Vec<(&str, &str)>> = v
        .objects
        .iter()
        .map(|o| {
            let fields = o.fields.iter().filter_map(|f| match &f.ty {
                ir::Type::Object(n) => Some((f.wire_name.as_str(), n.as_str())),
                _ => None,
            });
            (o.name.as_str(), fields.collect())
        })
        .collect();
    for start in v.objects.iter().map(|o| o.name.as_str()) {
        // The shortest path of direct fields from `start` back to it, breadth first: `from`
        // holds the step that reached each object.
        let mut from: BTreeMap<&str, (&str, &str)> = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([start]);
        let mut back = None;
        'search: while let Some(name) = queue.pop_front() {
            for &(field, to) in direct.get(name).into_iter().flatten() {
                if to == start {
                    back = Some((name, field));
                    break 'search;
                }
                if !from.contains_key(to) {
                    from.insert(to, (name, field));
                    queue.push_back(to);
                }
            }
        }
        let Some((last, field)) = back else { continue };
        // The cycle's steps, `start` first: (object, field, the field's object).
        let mut steps = vec![(last, field, start)];
        let mut at = last;
        while at != start {
            let Some(&(prev, f)) = from.get(at) else { break };
            steps.push((prev, f, at));
            at = prev;
        }
        steps.reverse();
        let mut members: Vec<&str> = steps.iter().map(|(o, _, _)| *o).collect();
        members.sort_unstable();
        // Each cycle once: from its first member by name.
        if members.first() != Some(&start) {
            continue;
        }
        let path: Vec<String> = steps.iter().map(|(o, f, to)| format!("`{o}.{f}` is a `{to}`")).collect();
        let message = format!(
            "`{start}` holds itself: {}, with no list or map between, and a Rust struct cannot hold itself",
            path.join(", ")
        );
        let hint = Some(
            "if the service nests them so, type one of these fields `Object` (any JSON); if a row names the wrong \
             table, name the right one"
                .to_owned(),
        );
        let place = members.iter().find_map(|m| place(pages, v, objects.get(m)?)).or_else(|| {
            let page = pages.iter().find(|p| p.file == objects[start].spec_file)?;
            Some((page, String::new()))
        });
        if let Some((page, at)) = place {
            diags.push(page.at_key(&at, message, hint));
        }
    }
}

/// Where a page tables `o`: under `objects`, as its request body or as a response's body.
fn place<'a>(
    pages: &'a [Parsed<spec::Operation>],
    v: &ir::Version,
    o: &ir::Object,
) -> Option<(&'a Parsed<spec::Operation>, String)> {
    let page = pages.iter().find(|p| p.file == o.spec_file)?;
    if page.spec.objects.contains_key(&o.caption) {
        return Some((page, format!("objects.{}", o.caption)));
    }
    let op = v.operations.iter().find(|op| op.spec_file == page.file)?;
    if op.body.as_ref().and_then(ir::Body::object) == Some(o.name.as_str()) {
        return Some((page, "request_body".to_owned()));
    }
    let status = op.responses.iter().find(|r| r.body.as_deref() == Some(o.name.as_str()))?.status;
    let i = page.spec.responses.iter().position(|r| r.status == status)?;
    Some((page, format!("responses[{i}]")))
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
