//! The type names of a version module. Objects and enums belong to their page; each page's claim
//! their Rust name in path order: a table identical to the one already under that name shares it,
//! a different one is renamed `<Operation><Name>`, and the page's types follow its renames. Only
//! when that name is taken too is it an error (spec/README.md, "Names").

use std::collections::BTreeMap;

use crate::diag::Diagnostic;
use crate::ir::{self, Type};
use crate::spec;
use crate::spec::load::Parsed;

/// What a name of the module belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// An operation's request type (`ListUsersRequest`).
    Request,
    /// An operation's error enum (`ListUsersError`).
    Error,
    /// A struct made from a table.
    Object,
    /// An enum made from a value list.
    Enum,
}

impl Kind {
    fn what(self) -> &'static str {
        match self {
            Kind::Request => "a request",
            Kind::Error => "an operation's error enum",
            Kind::Object => "an object",
            Kind::Enum => "an enum",
        }
    }
}

/// Who claimed a name first: the page and YAML path, for the messages.
#[derive(Debug)]
pub(super) struct Claim {
    pub(super) page: usize,
    pub(super) path: String,
    pub(super) kind: Kind,
}

/// Every type name of one version module.
pub(super) struct Namespace<'a> {
    pub(super) pages: &'a [Parsed<spec::Operation>],
    pub(super) names: BTreeMap<String, Claim>,
}

/// A page's renames: its own object and enum names to the ones they have in the module.
#[derive(Debug, Default)]
pub(super) struct Renames {
    objects: BTreeMap<String, String>,
    enums: BTreeMap<String, String>,
}

/// Where a table or value list ended up.
enum Placed {
    /// Under a name of its own.
    New(String),
    /// Under the name of an identical one.
    Shared(String),
}

impl Namespace<'_> {
    /// The error for `name`, wanted at `path` of `page` but already claimed.
    pub(super) fn taken(&self, page: usize, path: &str, name: &str, claim: &Claim) -> Diagnostic {
        let first = &self.pages[claim.page];
        let (l, c) = first.locator.value(&claim.path);
        self.pages[page].at(
            path,
            format!("`{name}` is already the name of {} at {}:{l}:{c}", claim.kind.what(), first.file),
            Some("rename one of them (objects by their table name, enums with `enum_name`)".to_owned()),
        )
    }

    /// Adds a page's enums and objects to the version, each under the name the rule gives it,
    /// and returns the page's renames.
    pub(super) fn admit(
        &mut self,
        page: usize,
        objects: Vec<(ir::Object, String)>,
        enums: Vec<(ir::Enum, String)>,
        v: &mut ir::Version,
        diags: &mut Vec<Diagnostic>,
    ) -> Renames {
        let mut r = Renames::default();
        for (mut e, path) in enums {
            let local = e.name.clone();
            let same = |n: &str| v.enums.iter().any(|x| x.name == n && wires(x) == wires(&e));
            match self.place(page, &path, &local, Kind::Enum, same, diags) {
                Some(Placed::New(name)) => {
                    e.name = name.clone();
                    v.enums.push(e);
                    r.enums.insert(local, name);
                }
                Some(Placed::Shared(name)) => {
                    r.enums.insert(local, name);
                }
                None => {}
            }
        }
        let first_new = v.objects.len();
        for k in order(&objects) {
            let (mut o, path) = objects[k].clone();
            let local = o.name.clone();
            o.fields.iter_mut().for_each(|f| rename_type(&mut f.ty, &r));
            if let Some(done) = r.objects.get(&local) {
                // A second table of this page under one name: two statuses with one body name.
                match v.objects.iter_mut().find(|x| &x.name == done) {
                    Some(first) if same_table(first, &o) => merge(first, &o),
                    _ => diags.push(self.pages[page].at(
                        &path,
                        format!("two tables of this page are named `{}` and differ", o.caption),
                        Some("give each table its own name".to_owned()),
                    )),
                }
                continue;
            }
            let same = |n: &str| v.objects.iter().any(|x| x.name == n && same_table(x, &o));
            match self.place(page, &path, &local, Kind::Object, same, diags) {
                Some(Placed::New(name)) => {
                    o.name = name.clone();
                    v.objects.push(o);
                    r.objects.insert(local, name);
                }
                Some(Placed::Shared(name)) => {
                    if let Some(first) = v.objects.iter_mut().find(|x| x.name == name) {
                        merge(first, &o);
                    }
                    r.objects.insert(local, name);
                }
                None => {}
            }
        }
        // Tables that refer to each other in a cycle see each other's final names only now.
        for o in &mut v.objects[first_new..] {
            o.fields.iter_mut().for_each(|f| rename_type(&mut f.ty, &r));
        }
        r
    }

    /// The name `local` gets: itself when free or held by an identical item (`same`), else
    /// `<Operation><local>` on the same terms, else an error.
    fn place(
        &mut self,
        page: usize,
        path: &str,
        local: &str,
        kind: Kind,
        same: impl Fn(&str) -> bool,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Placed> {
        let renamed = format!("{}{local}", self.pages[page].spec.operation);
        for candidate in [local, renamed.as_str()] {
            match self.names.get(candidate) {
                None => {
                    self.names.insert(candidate.to_owned(), Claim { page, path: path.to_owned(), kind });
                    return Some(Placed::New(candidate.to_owned()));
                }
                Some(c) if c.kind == kind && same(candidate) => return Some(Placed::Shared(candidate.to_owned())),
                Some(_) => {}
            }
        }
        let claim = &self.names[&renamed];
        let mut d = self.taken(page, path, &renamed, claim);
        d.message = format!("`{local}` differs from the table of that name, and {}", d.message);
        diags.push(d);
        None
    }
}

/// The page's objects in an order where a table comes after the tables its rows refer to.
fn order(objects: &[(ir::Object, String)]) -> Vec<usize> {
    fn visit(k: usize, objects: &[(ir::Object, String)], seen: &mut [bool], out: &mut Vec<usize>) {
        if std::mem::replace(&mut seen[k], true) {
            return;
        }
        for f in &objects[k].0.fields {
            let Some(dep) = f.ty.object_name() else { continue };
            for j in (0..objects.len()).filter(|&j| objects[j].0.name == dep) {
                visit(j, objects, seen, out);
            }
        }
        out.push(k);
    }
    let mut seen = vec![false; objects.len()];
    let mut out = Vec::new();
    for k in 0..objects.len() {
        visit(k, objects, &mut seen, &mut out);
    }
    out
}

fn rename_type(t: &mut Type, r: &Renames) {
    match t {
        Type::Object(n) => {
            if let Some(to) = r.objects.get(n.as_str()) {
                *n = to.clone();
            }
        }
        Type::Enum(n) => {
            if let Some(to) = r.enums.get(n.as_str()) {
                *n = to.clone();
            }
        }
        Type::Array(t) | Type::Map(t) => rename_type(t, r),
        _ => {}
    }
}

/// Points every type of the operation at the names its page's tables got in the module.
pub(super) fn rename_operation(op: &mut ir::Operation, r: &Renames) {
    let object = |n: &mut String| {
        if let Some(to) = r.objects.get(n.as_str()) {
            *n = to.clone();
        }
    };
    op.params.iter_mut().for_each(|p| rename_type(&mut p.field.ty, r));
    op.body.iter_mut().for_each(|b| rename_type(&mut b.ty, r));
    op.responses.iter_mut().filter_map(|x| x.body.as_mut()).for_each(object);
    op.success_body.iter_mut().for_each(object);
    if let Some(p) = &mut op.pagination {
        p.items.ty = renamed(&p.items.ty, r);
    }
    if let Some(d) = &mut op.project_discovery {
        d.items.ty = renamed(&d.items.ty, r);
    }
}

fn renamed(t: &Type, r: &Renames) -> Type {
    let mut t = t.clone();
    rename_type(&mut t, r);
    t
}

fn merge(first: &mut ir::Object, other: &ir::Object) {
    first.in_request |= other.in_request;
    first.in_response |= other.in_response;
}

fn wires(e: &ir::Enum) -> Vec<&str> {
    e.variants.iter().map(|x| x.wire.as_str()).collect()
}

/// Same rows: wire names, types and mandatory, in order.
pub(super) fn same_table(a: &ir::Object, b: &ir::Object) -> bool {
    a.whole == b.whole
        && a.fields.len() == b.fields.len()
        && a.fields
            .iter()
            .zip(&b.fields)
            .all(|(x, y)| x.wire_name == y.wire_name && x.ty == y.ty && x.mandatory == y.mandatory)
}
