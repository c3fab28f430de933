//! The type names of a version module, each decided once, when its page lowers the table or
//! value list (spec/README.md, "Names"). A name is claimed in path order of the pages: a table or
//! value list identical to the one already under its name shares it; a different one is named
//! `<Operation><Name>`; only when that is taken too is it an error. A page's tables are lowered
//! children first (`order`), so a table is compared and placed with the final names of the tables
//! it refers to, and the operation is built with final names; only tables that refer to each
//! other in a cycle see a later table's name after the page (`Page::close`).

use std::collections::BTreeMap;

use crate::diag::Diagnostic;
use crate::ir::{self, Type};
use crate::spec;
use crate::spec::load::Parsed;

/// What a name of the module belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
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

    fn source(self) -> &'static str {
        match self {
            Kind::Enum => "value list",
            _ => "table",
        }
    }
}

/// Who claimed a name first: the page and YAML path, for the messages.
#[derive(Debug)]
struct Claim {
    page: usize,
    path: String,
    kind: Kind,
}

/// Every type name of one version module, and the objects and enums named so far.
pub(super) struct Namespace<'a> {
    pages: &'a [Parsed<spec::Operation>],
    names: BTreeMap<String, Claim>,
    /// Operation module names, to the page that defines each.
    modules: BTreeMap<String, usize>,
    /// The version's objects, under their final names.
    pub(super) objects: Vec<ir::Object>,
    /// The version's enums, under their final names.
    pub(super) enums: Vec<ir::Enum>,
}

/// Where a table or value list ended up.
enum Placed {
    /// Under a name of its own.
    New(String),
    /// Under the name of an identical one.
    Shared(String),
}

/// How far the namespace was before a page, to forget a page with errors.
pub(super) struct Mark {
    objects: usize,
    enums: usize,
}

impl<'a> Namespace<'a> {
    /// The empty namespace of a version whose pages (in path order) are `pages`.
    pub(super) fn new(pages: &'a [Parsed<spec::Operation>]) -> Namespace<'a> {
        Namespace { pages, names: BTreeMap::new(), modules: BTreeMap::new(), objects: Vec::new(), enums: Vec::new() }
    }

    /// The namespace's extent now.
    pub(super) fn mark(&self) -> Mark {
        Mark { objects: self.objects.len(), enums: self.enums.len() }
    }

    /// Forgets the names and items page `page` added since `mark`: a page with errors adds
    /// nothing, so that later pages are not reported against it. (An identical table it shared
    /// may keep its request or response mark: the version is not generated anyway.)
    pub(super) fn forget(&mut self, page: usize, mark: Mark) {
        self.objects.truncate(mark.objects);
        self.enums.truncate(mark.enums);
        self.names.retain(|_, c| c.page != page);
        self.modules.retain(|_, p| *p != page);
    }

    /// The error for `name`, wanted at `path` of `page` but already claimed.
    fn taken(&self, page: usize, path: &str, name: &str, claim: &Claim) -> Diagnostic {
        let first = &self.pages[claim.page];
        let (l, c) = first.locator.value(&claim.path);
        self.pages[page].at(
            path,
            format!("`{name}` is already the name of {} at {}:{l}:{c}", claim.kind.what(), first.file),
            Some("rename one of them (objects by their table name, enums with `enum_name`)".to_owned()),
        )
    }

    /// Claims page `page`'s operation: its module (`wire_name` is the operation's name, for the
    /// message) and its request and error types. False when another page defines the operation.
    pub(super) fn operation(
        &mut self,
        page: usize,
        module: &str,
        request: &str,
        error: &str,
        wire_name: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> bool {
        if let Some(&other) = self.modules.get(module) {
            diags.push(self.pages[page].at(
                "operation",
                format!("operation `{wire_name}` is also defined in {}", self.pages[other].file),
                Some("each operation has one spec file".to_owned()),
            ));
            return false;
        }
        self.modules.insert(module.to_owned(), page);
        for (name, kind) in [(request, Kind::Request), (error, Kind::Error)] {
            match self.names.get(name) {
                Some(taken) => diags.push(self.taken(page, "operation", name, taken)),
                None => {
                    self.names.insert(name.to_owned(), Claim { page, path: "operation".to_owned(), kind });
                }
            }
        }
        true
    }

    /// Names the value list declared at `path` (its `values`) and returns its name in the module.
    pub(super) fn place_enum(
        &mut self,
        page: usize,
        path: &str,
        mut e: ir::Enum,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<String> {
        let local = e.name.clone();
        let same = |space: &Namespace<'_>, n: &str| space.enums.iter().any(|x| x.name == n && wires(x) == wires(&e));
        match self.place(page, path, &local, Kind::Enum, same, diags)? {
            Placed::New(name) => {
                e.name = name.clone();
                self.enums.push(e);
                Some(name)
            }
            Placed::Shared(name) => Some(name),
        }
    }

    /// Names the table claimed at `path` (its rows already refer to the final names of the
    /// tables they reach, but for a cycle's) and returns its name in the module.
    pub(super) fn place_object(
        &mut self,
        page: usize,
        path: &str,
        mut o: ir::Object,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<String> {
        let local = o.name.clone();
        let same = |space: &Namespace<'_>, n: &str| space.objects.iter().any(|x| x.name == n && same_table(x, &o));
        match self.place(page, path, &local, Kind::Object, same, diags)? {
            Placed::New(name) => {
                o.name = name.clone();
                self.objects.push(o);
                Some(name)
            }
            Placed::Shared(name) => {
                if let Some(first) = self.objects.iter_mut().find(|x| x.name == name) {
                    merge(first, &o);
                }
                Some(name)
            }
        }
    }

    /// A second table of page `page` under a name it already placed as `name` (two statuses with
    /// one body name): one table when identical, else an error.
    pub(super) fn place_again(
        &mut self,
        page: usize,
        path: &str,
        name: &str,
        o: &ir::Object,
        diags: &mut Vec<Diagnostic>,
    ) {
        match self.objects.iter_mut().find(|x| x.name == name) {
            Some(first) if same_table(first, o) => merge(first, o),
            _ => diags.push(self.pages[page].at(
                path,
                format!("two tables of this page are named `{}` and differ", o.caption),
                Some("give each table its own name".to_owned()),
            )),
        }
    }

    /// The name `local` gets: itself when free or held by an identical item (`same`), else
    /// `<Operation><local>` on the same terms, else an error.
    fn place(
        &mut self,
        page: usize,
        path: &str,
        local: &str,
        kind: Kind,
        same: impl Fn(&Namespace<'_>, &str) -> bool,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Placed> {
        let renamed = format!("{}{local}", self.pages[page].spec.operation);
        for candidate in [local, renamed.as_str()] {
            match self.names.get(candidate) {
                None => {
                    self.names.insert(candidate.to_owned(), Claim { page, path: path.to_owned(), kind });
                    return Some(Placed::New(candidate.to_owned()));
                }
                Some(c) if c.kind == kind && same(self, candidate) => {
                    return Some(Placed::Shared(candidate.to_owned()));
                }
                Some(_) => {}
            }
        }
        let claim = &self.names[&renamed];
        let mut d = self.taken(page, path, &renamed, claim);
        d.message = format!("`{local}` differs from the {} of that name, and {}", kind.source(), d.message);
        diags.push(d);
        None
    }
}

/// Indices `0..n` in an order where each comes after the ones `refers(k)` names (children
/// first, depth first from the lowest index); a cycle is broken where it is entered.
pub(super) fn order(n: usize, refers: impl Fn(usize) -> Vec<usize>) -> Vec<usize> {
    fn visit(k: usize, refers: &dyn Fn(usize) -> Vec<usize>, seen: &mut [bool], out: &mut Vec<usize>) {
        if std::mem::replace(&mut seen[k], true) {
            return;
        }
        for dep in refers(k) {
            visit(dep, refers, seen, out);
        }
        out.push(k);
    }
    let mut seen = vec![false; n];
    let mut out = Vec::new();
    for k in 0..n {
        visit(k, &refers, &mut seen, &mut out);
    }
    out
}

impl Namespace<'_> {
    /// Points the rows of the objects placed since `mark` that referred to a table of their page
    /// before it was placed (a cycle: `late` maps the name its caption makes to its final name)
    /// at the final names.
    pub(super) fn close(&mut self, mark: &Mark, late: &BTreeMap<String, String>) {
        if late.is_empty() {
            return;
        }
        for o in &mut self.objects[mark.objects..] {
            o.fields.iter_mut().for_each(|f| rename_type(&mut f.ty, late));
        }
    }
}

fn rename_type(t: &mut Type, late: &BTreeMap<String, String>) {
    match t {
        Type::Object(n) => {
            if let Some(to) = late.get(n.as_str()) {
                *n = to.clone();
            }
        }
        Type::Array(t) | Type::Map(t) => rename_type(t, late),
        _ => {}
    }
}

fn merge(first: &mut ir::Object, other: &ir::Object) {
    first.in_request |= other.in_request;
    first.in_response |= other.in_response;
}

fn wires(e: &ir::Enum) -> Vec<&str> {
    e.variants.iter().map(|x| x.wire.as_str()).collect()
}

/// Same rows: wire names, types and mandatory, in order.
fn same_table(a: &ir::Object, b: &ir::Object) -> bool {
    a.whole == b.whole
        && a.fields.len() == b.fields.len()
        && a.fields
            .iter()
            .zip(&b.fields)
            .all(|(x, y)| x.wire_name == y.wire_name && x.ty == y.ty && x.mandatory == y.mandatory)
}

#[cfg(test)]
mod tests {
    use crate::ir::{self, Type};
    use crate::spec::load::SourceFile;

    const SERVICE: &str = "service: fx\ndisplay_name: Fixture\ndescription: A fixture.\n\
        endpoint: https://fx.{region}.example.com\nregions: [xx-test-1]\n\
        error_body: {code: error_code, message: error_msg}\n";

    /// A page of operation `op` whose success body has the rows `body` (YAML, indented for the
    /// table) and whose `objects:` are `objects`.
    fn page(file: &str, op: &str, body: &str, objects: &str) -> SourceFile {
        let text = format!(
            "operation: {op}\ntitle: T\ndescription: D.\nmethod: GET\nuri: /v1/{file}\n\
             responses:\n  - status: 200\n    description: OK\n    body:\n{body}{objects}"
        );
        SourceFile { rel: format!("fx/v1/{file}.yaml"), display: format!("spec/fx/v1/{file}.yaml"), text }
    }

    fn files(inner_enum_name: &str) -> Vec<SourceFile> {
        let service =
            SourceFile { rel: "fx/service.yaml".into(), display: "spec/fx/service.yaml".into(), text: SERVICE.into() };
        vec![
            service,
            page("a_first", "ShowA", "      - {name: kind, type: String, description: K., values: [r]}\n", ""),
            page(
                "b_second",
                "ShowB",
                "      - {name: kind, type: String, description: K., values: [p]}\n      \
                 - {name: inner, type: Inner object, description: I.}\n",
                &format!(
                    "objects:\n  Inner:\n    - {{name: kind, type: String, description: K., {inner_enum_name}values: [q]}}\n"
                ),
            ),
        ]
    }

    /// The wire values of the enum a field of `object` is typed with.
    fn values(v: &ir::Version, object: &str, field: &str) -> Vec<String> {
        let o = v.objects.iter().find(|o| o.name == object).unwrap_or_else(|| panic!("no object {object}"));
        let f = o.fields.iter().find(|f| f.wire_name == field).unwrap_or_else(|| panic!("no field {field}"));
        let Type::Enum(name) = &f.ty else { panic!("{object}.{field} is {:?}", f.ty) };
        let e = v.enums.iter().find(|e| &e.name == name).unwrap_or_else(|| panic!("no enum {name}"));
        e.variants.iter().map(|x| x.wire.clone()).collect()
    }

    #[test]
    fn each_value_list_keeps_its_own_values_when_its_name_is_taken_twice() {
        // `Kind` is the first page's; the second page's two lists of that name want `ShowBKind`:
        // named in two steps (page, then version), the body's field once ended up typed with the
        // other list's enum. Decided once, the second is an error that says what to do.
        let diags = crate::lower::lower(&files("")).expect_err("two lists want ShowBKind").to_string();
        assert!(
            diags.contains("spec/fx/v1/b_second.yaml:")
                && diags.contains("`Kind` differs from the value list of that name, and `ShowBKind` is already the name of an enum at spec/fx/v1/b_second.yaml:")
                && diags.contains("enums with `enum_name`"),
            "{diags}"
        );
        let api = crate::lower::lower(&files("enum_name: InnerKind, ")).unwrap_or_else(|d| panic!("{d}"));
        let v = &api.services[0].versions[0];
        assert_eq!(values(v, "ShowAResponse", "kind"), ["r"]);
        assert_eq!(values(v, "ShowBResponse", "kind"), ["p"]);
        assert_eq!(values(v, "Inner", "kind"), ["q"]);
    }
}
