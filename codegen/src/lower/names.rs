//! The type names of a version module, each decided once, when its page lowers the table or
//! value list (spec/README.md, "Names"). A name is claimed in path order of the pages: a table or
//! value list identical to the one already under its name shares it; a different one is named
//! `<Operation><Name>`, and then a table's value list `<Table><Name>` or
//! `<Operation><Table><Name>`; only when those are taken too is it an error. A page's tables are
//! lowered children first (`order`), so a table is compared and placed with the final names of
//! the tables it refers to, and the operation is built with final names; only tables that refer
//! to each other in a cycle see a later table's name after the page (`Namespace::close`), and
//! such a table shares no other's name but its own caption's, when it refers only to itself
//! (`Sharing`).

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

/// Whether a table may be one type with an identical table of the version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Sharing {
    /// Its rows refer to final names only.
    Any,
    /// It refers to itself before it is placed: identical only to a table under its own name,
    /// whose rows then name it too.
    OwnName,
    /// It refers to a table of its page that is not placed yet (a cycle): the final name is not
    /// known, so no table is known to be identical.
    Never,
}

/// Where a value list's name comes from.
#[derive(Clone, Copy)]
pub(super) enum Named<'t> {
    /// The spec's `enum_name`: that name or an error.
    Exactly,
    /// The row's name; the Rust name of the row's table (none for a parameter's) names the
    /// fallbacks.
    Derived(Option<&'t str>),
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

    /// The objects and enums placed so far.
    pub(super) fn tables(&self) -> ir::Tables<'_> {
        ir::Tables { objects: &self.objects, enums: &self.enums }
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
        self.pages[page].at(
            path,
            format!("`{name}` is already the name of {} at {}", claim.kind.what(), self.located(claim)),
            Some("rename one of them (objects by their table name, enums with `enum_name`)".to_owned()),
        )
    }

    /// Where `claim` was made: `file:line:column`.
    fn located(&self, claim: &Claim) -> String {
        let first = &self.pages[claim.page];
        let (l, c) = first.locator.value(&claim.path);
        format!("{}:{l}:{c}", first.file)
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
    /// A name the spec gave (`Named::Exactly`) is the only one tried; for a derived name of a row
    /// of the table whose Rust name is `table` (none for a parameter's), after its own name and
    /// `<Operation><Name>`, `<Table><Name>` and `<Operation><Table><Name>` are tried.
    pub(super) fn place_enum(
        &mut self,
        page: usize,
        path: &str,
        mut e: ir::Enum,
        named: Named<'_>,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<String> {
        let local = e.name.clone();
        let same = |space: &Namespace<'_>, n: &str| {
            space.enums.iter().any(|x| x.name == n && x.integer == e.integer && wires(x) == wires(&e))
        };
        let candidates = match named {
            Named::Exactly => vec![local],
            Named::Derived(table) => self.candidates(page, &local, table),
        };
        match self.place(page, path, &candidates, Kind::Enum, same, diags)? {
            Placed::New(name) => {
                e.name = name.clone();
                self.enums.push(e);
                Some(name)
            }
            Placed::Shared(name) => Some(name),
        }
    }

    /// Names the table claimed at `path` (its rows already refer to the final names of the
    /// tables they reach, but in a cycle: `sharing`) and returns its name in the module.
    pub(super) fn place_object(
        &mut self,
        page: usize,
        path: &str,
        mut o: ir::Object,
        sharing: Sharing,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<String> {
        let local = o.name.clone();
        let may_share = |n: &str| match sharing {
            Sharing::Any => true,
            Sharing::OwnName => n == local,
            Sharing::Never => false,
        };
        let same = |space: &Namespace<'_>, n: &str| {
            may_share(n) && space.objects.iter().any(|x| x.name == n && same_table(x, &o))
        };
        let candidates = self.candidates(page, &local, None);
        match self.place(page, path, &candidates, Kind::Object, same, diags)? {
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

    /// The names `local` may take, in turn: itself, `<Operation><local>`, and for a value list
    /// of the table whose Rust name is `table`, `<Table><local>` and `<Operation><Table><local>`.
    fn candidates(&self, page: usize, local: &str, table: Option<&str>) -> Vec<String> {
        let operation = &self.pages[page].spec.operation;
        let mut candidates = vec![local.to_owned(), format!("{operation}{local}")];
        if let Some(t) = table {
            for c in [format!("{t}{local}"), format!("{operation}{t}{local}")] {
                if !candidates.contains(&c) {
                    candidates.push(c);
                }
            }
        }
        candidates
    }

    /// The name a table or value list gets: the first of `candidates` (`Namespace::candidates`)
    /// that is free or held by an identical item (`same`), else an error.
    fn place(
        &mut self,
        page: usize,
        path: &str,
        candidates: &[String],
        kind: Kind,
        same: impl Fn(&Namespace<'_>, &str) -> bool,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Placed> {
        let local = &candidates[0];
        for candidate in candidates {
            match self.names.get(candidate) {
                None => {
                    self.names.insert(candidate.clone(), Claim { page, path: path.to_owned(), kind });
                    return Some(Placed::New(candidate.clone()));
                }
                Some(c) if c.kind == kind && same(self, candidate) => {
                    return Some(Placed::Shared(candidate.clone()));
                }
                Some(_) => {}
            }
        }
        let last = &candidates[candidates.len() - 1];
        let mut d = self.taken(page, path, last, &self.names[last]);
        if candidates.len() == 1 {
            // The spec's own name: nothing else was tried.
            diags.push(d);
            return None;
        }
        let others: Vec<String> = candidates[1..candidates.len() - 1].iter().map(|c| format!("`{c}`")).collect();
        let taken = match others.len() {
            0 => String::new(),
            1 => format!(", {} is taken too", others[0]),
            _ => format!(", {} are taken too", others.join(", ")),
        };
        // Where the name itself is held: a page that sorts first may have taken it since.
        let claim = &self.names[local.as_str()];
        let at = self.located(claim);
        let holder = match claim.kind == kind {
            true => format!("{} at {at} that is not one type with this {}", claim.kind.what(), kind.source()),
            false => format!("{} at {at}", claim.kind.what()),
        };
        d.message = format!("`{local}` is the name of {holder}{taken}, and {}", d.message);
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

    /// The spec of version `fx/v1` with the pages `(file, text)`.
    fn spec(pages: &[(String, String)]) -> Vec<SourceFile> {
        let file = |rel: String, text: String| SourceFile { display: format!("spec/{rel}"), rel, text };
        let mut files = vec![file("fx/service.yaml".into(), SERVICE.into())];
        files.extend(pages.iter().map(|(name, text)| file(format!("fx/v1/{name}.yaml"), text.clone())));
        files
    }

    /// A page of operation `op` (file `file`) whose success body has the rows `body` (YAML lines
    /// of the table, without indentation), with `rest` after the responses (`objects:`, ...) and
    /// `query` as its query parameter rows.
    fn page(file: &str, op: &str, query: &str, body: &str, rest: &str) -> (String, String) {
        let indent = |text: &str, by: &str| text.lines().map(|l| format!("{by}{l}\n")).collect::<String>();
        let query =
            if query.is_empty() { String::new() } else { format!("query_parameters:\n{}", indent(query, "  ")) };
        let text = format!(
            "operation: {op}\ntitle: T\ndescription: D.\nmethod: GET\nuri: /v1/{file}\n{query}\
             responses:\n  - status: 200\n    description: OK\n    body:\n{}{rest}",
            indent(body, "      ")
        );
        (file.to_owned(), text)
    }

    fn version(pages: &[(String, String)]) -> ir::Version {
        let api = crate::lower::lower(&spec(pages)).unwrap_or_else(|d| panic!("{d}"));
        api.services.into_iter().next().and_then(|s| s.versions.into_iter().next()).expect("one version")
    }

    fn object<'v>(v: &'v ir::Version, name: &str) -> &'v ir::Object {
        v.objects.iter().find(|o| o.name == name).unwrap_or_else(|| panic!("no object {name}"))
    }

    /// The type of field `field` of `object`.
    fn field<'v>(v: &'v ir::Version, object: &str, field: &str) -> &'v Type {
        let o = self::object(v, object);
        &o.fields.iter().find(|f| f.wire_name == field).unwrap_or_else(|| panic!("no field {object}.{field}")).ty
    }

    /// The wire values of the enum a field of `object` is typed with.
    fn values(v: &ir::Version, object: &str, field: &str) -> Vec<String> {
        let Type::Enum(name) = self::field(v, object, field) else { panic!("{object}.{field} is no enum") };
        let e = v.enums.iter().find(|e| &e.name == name).unwrap_or_else(|| panic!("no enum {name}"));
        e.variants.iter().map(|x| x.wire.clone()).collect()
    }

    /// `Kind` (and `first`'s rows) on the first page; on the second, a body list `kind` and a
    /// list `kind` of its table `Inner`.
    fn kinds(first: &str) -> Vec<(String, String)> {
        vec![
            page(
                "show_a",
                "ShowA",
                "",
                &format!("- {{name: kind, type: String, description: K., values: [r]}}{first}"),
                "",
            ),
            page(
                "show_b",
                "ShowB",
                "",
                "- {name: kind, type: String, description: K., values: [p]}\n\
                 - {name: inner, type: Inner object, description: I.}",
                "objects:\n  Inner:\n    - {name: kind, type: String, description: K., values: [q]}\n",
            ),
        ]
    }

    /// A row of the first page that names its list `ShowBResponseKind`.
    const TAKEN: &str = "\n- {name: other, type: String, description: O., enum_name: ShowBResponseKind, values: [z]}";

    #[test]
    fn a_value_list_whose_two_names_are_taken_is_named_after_its_table() {
        // `Kind` is the first page's; both lists of the second page want `ShowBKind`, which
        // `Inner`'s takes (a table claims before the tables that refer to it): the body's is
        // `ShowBResponseKind`. Named in two steps (page, then version), the body's `kind` once
        // ended up typed with `Inner`'s enum.
        let v = version(&kinds(""));
        assert_eq!(values(&v, "ShowAResponse", "kind"), ["r"]);
        assert_eq!(values(&v, "ShowBResponse", "kind"), ["p"]);
        assert_eq!(values(&v, "Inner", "kind"), ["q"]);
        assert_eq!(field(&v, "ShowBResponse", "kind"), &Type::Enum("ShowBResponseKind".into()));
        // When that name is taken too, `<Operation><Table><Name>`.
        let v = version(&kinds(TAKEN));
        assert_eq!(values(&v, "ShowBResponse", "kind"), ["p"]);
        assert_eq!(field(&v, "ShowBResponse", "kind"), &Type::Enum("ShowBShowBResponseKind".into()));
    }

    /// The first page's `Kind` and `ShowBKind` (and `extra` rows), and the second page's query
    /// parameter list `kind`.
    fn parameter_kinds(extra: &str) -> Vec<(String, String)> {
        let first = format!(
            "- {{name: kind, type: String, description: K., values: [r]}}\n\
             - {{name: other, type: String, description: O., enum_name: ShowBKind, values: [z]}}{extra}"
        );
        vec![
            page("show_a", "ShowA", "", &first, ""),
            page(
                "show_b",
                "ShowB",
                "- {name: kind, mandatory: false, type: String, description: K., values: [p]}",
                "- {name: n, type: String, description: N.}",
                "",
            ),
        ]
    }

    #[test]
    fn a_parameter_s_value_list_whose_two_names_are_taken_is_an_error() {
        let diags = crate::lower::lower(&spec(&parameter_kinds(""))).expect_err("ShowBKind is taken").to_string();
        assert!(
            diags.contains("spec/fx/v1/show_b.yaml:")
                && diags.contains("error: `Kind` is the name of an enum at spec/fx/v1/show_a.yaml:10:61 that is not one type with this value list, and `ShowBKind` is already the name of an enum at spec/fx/v1/show_a.yaml:")
                && diags.contains("enums with `enum_name`"),
            "{diags}"
        );
    }

    #[test]
    fn a_value_list_named_by_the_spec_keeps_its_name_or_is_an_error() {
        let row = |values: &str| {
            format!("- {{name: state, type: String, description: S., enum_name: State, values: [{values}]}}")
        };
        let pages = |second: &str, rest: &str| {
            vec![page("show_a", "ShowA", "", &row("up"), ""), page("show_b", "ShowB", "", second, rest)]
        };
        // The same list under the same name is one enum.
        let v = version(&pages(&row("up"), ""));
        assert_eq!(field(&v, "ShowBResponse", "state"), &Type::Enum("State".into()));
        assert_eq!(v.enums.iter().filter(|e| e.name.contains("State")).count(), 1);
        // Another list is not quietly renamed `ShowBState`: the spec asked for `State`.
        let diags = crate::lower::lower(&spec(&pages(&row("down"), ""))).expect_err("State is taken").to_string();
        assert!(
            diags.contains("spec/fx/v1/show_b.yaml:")
                && diags.contains("error: `State` is already the name of an enum at spec/fx/v1/show_a.yaml:")
                && diags.contains("enums with `enum_name`"),
            "{diags}"
        );
        // Nor when a table holds the name.
        let table = "objects:\n  State:\n    - {name: n, type: String, description: N.}\n";
        let second = format!("{}\n- {{name: s, type: State object, description: S.}}", row("up"));
        let diags = crate::lower::lower(&spec(&[page("show_b", "ShowB", "", &second, table)]))
            .expect_err("State is a table")
            .to_string();
        assert!(
            diags.contains("error: `State` is already the name of an object at spec/fx/v1/show_b.yaml:"),
            "{diags}"
        );
    }

    #[test]
    fn the_error_for_a_value_list_names_every_candidate_taken() {
        let row = |name: &str| {
            format!("\n- {{name: o{name}, type: String, description: O., enum_name: {name}, values: [z]}}")
        };
        // All four names of `Inner`'s list are taken.
        let taken = format!("{}{}{}", row("ShowBKind"), row("InnerKind"), row("ShowBInnerKind"));
        let diags = crate::lower::lower(&spec(&kinds(&taken))).expect_err("four names taken").to_string();
        assert!(
            diags.contains("error: `Kind` is the name of an enum at spec/fx/v1/show_a.yaml:10:61 that is not one type with this value list, `ShowBKind`, `InnerKind` are taken too, and `ShowBInnerKind` is already the name of an enum at spec/fx/v1/show_a.yaml:"),
            "{diags}"
        );
        // A table named like its operation has three: its second and third are one.
        let pages: Vec<(String, String)> = kinds(&format!("{}{}", row("ShowBKind"), row("ShowBShowBKind")))
            .into_iter()
            .map(|(file, text)| (file, text.replace("Inner", "ShowB")))
            .collect();
        let diags = crate::lower::lower(&spec(&pages)).expect_err("three names taken").to_string();
        assert!(
            diags.contains("error: `Kind` is the name of an enum at spec/fx/v1/show_a.yaml:10:61 that is not one type with this value list, `ShowBKind` is taken too, and `ShowBShowBKind` is already the name of an enum at spec/fx/v1/show_a.yaml:"),
            "{diags}"
        );
    }

    #[test]
    fn a_value_list_shares_the_enum_of_its_own_name_so_identical_tables_are_one_type() {
        // The second page's parameter list is renamed (`ShowListState`); its table's list is the
        // first page's `State`, so the third page's identical table is the same `Item`. Named in
        // two steps, the table's list was `ShowListShowListState` and the third page's `Item` another type.
        let item = "objects:\n  Item:\n    - {name: state, type: String, description: S., values: [a]}\n";
        let items = "- {name: items, type: Array of Item objects, description: I.}";
        let v = version(&[
            page("show_a", "ShowA", "", "- {name: state, type: String, description: S., values: [a]}", ""),
            page(
                "show_list",
                "ShowList",
                "- {name: state, mandatory: false, type: String, description: S., values: [b]}",
                items,
                item,
            ),
            page("show_x", "ShowX", "", items, item),
        ]);
        assert_eq!(v.objects.iter().filter(|o| o.caption == "Item").count(), 1, "{:?}", v.objects);
        assert_eq!(field(&v, "Item", "state"), &Type::Enum("State".into()));
        assert_eq!(field(&v, "ShowListResponse", "items"), field(&v, "ShowXResponse", "items"));
        let param = &v.operations.iter().find(|o| o.wire_name == "ShowList").expect("ShowList").params[0];
        assert_eq!(param.field.ty, Type::Enum("ShowListState".into()));
    }

    #[test]
    fn a_table_in_a_cycle_keeps_its_own_page_s_tables() {
        // `Foo` and `Bar` refer to each other on both pages (through a list, as a Rust struct
        // cannot hold itself); the second page's `Bar` is identical
        // to the first's until its `Foo` is named, and its `Foo` differs. Shared, the second
        // page's `Bar` would lead back to the first page's `Foo`.
        let cycle = |extra: &str| {
            format!(
                "objects:\n  Foo:\n    - {{name: bar, type: Bar object, description: B.}}\n    \
                 - {{name: {extra}, type: String, description: E.}}\n  Bar:\n    \
                 - {{name: foo, type: Array of Foo objects, description: F.}}\n"
            )
        };
        let body = "- {name: foo, type: Foo object, description: F.}";
        let v =
            version(&[page("show_a", "ShowA", "", body, &cycle("x")), page("show_b", "ShowB", "", body, &cycle("y"))]);
        let b_foo = field(&v, "ShowBResponse", "foo").object_name().expect("an object").to_owned();
        let b_bar = field(&v, "ShowBFoo", "bar").object_name().expect("an object").to_owned();
        assert_eq!(b_foo, "ShowBFoo");
        let list = |name: &str| Type::Array(Box::new(Type::Object(name.into())));
        assert_eq!(field(&v, &b_bar, "foo"), &list("ShowBFoo"), "{b_bar} leads back elsewhere");
        assert_eq!(field(&v, "Bar", "foo"), &list("Foo"));
        // A table that refers only to itself is one type with its identical twin.
        let tree = "objects:\n  Node:\n    - {name: children, type: Array of Node objects, description: C.}\n";
        let body = "- {name: root, type: Node object, description: R.}";
        let v = version(&[page("show_a", "ShowA", "", body, tree), page("show_b", "ShowB", "", body, tree)]);
        assert_eq!(v.objects.iter().filter(|o| o.caption == "Node").count(), 1, "{:?}", v.objects);
        assert_eq!(field(&v, "Node", "children"), &Type::Array(Box::new(Type::Object("Node".into()))));
    }

    #[test]
    fn two_statuses_of_one_body_name_are_one_table_or_an_error() {
        let two = |second: &str| {
            let (file, text) = page("show_a", "ShowA", "", "- {name: n, type: String, description: N.}", "");
            let text = text.replacen(
                "responses:\n  - status: 200\n    description: OK\n",
                "responses:\n  - status: 200\n    description: OK\n    name: Thing\n",
                1,
            ) + &format!(
                "  - status: 202\n    description: Accepted\n    name: Thing\n    body:\n      {second}\n"
            );
            vec![(file, text)]
        };
        let v = version(&two("- {name: n, type: String, description: N.}"));
        assert_eq!(v.objects.iter().filter(|o| o.name == "Thing").count(), 1);
        let diags = crate::lower::lower(&spec(&two("- {name: m, type: String, description: M.}")))
            .expect_err("two tables named Thing")
            .to_string();
        assert!(diags.contains("two tables of this page are named `Thing` and differ"), "{diags}");
    }

    #[test]
    fn a_page_with_errors_claims_no_name() {
        // The first page would hold `Kind` and `ShowBKind`, but a misspelt type fails it: the
        // second page's parameter list is then `Kind`, not reported against the failed page.
        let pages = parameter_kinds("\n- {name: extra, type: Lng, description: X.}");
        let diags = crate::lower::lower(&spec(&pages)).expect_err("a misspelt type").to_string();
        assert!(
            diags.contains("unknown type \"Lng\"") && diags.ends_with("1 error in the spec; nothing was generated"),
            "{diags}"
        );
    }

    #[test]
    fn an_integer_list_and_a_string_list_of_the_same_values_are_two_enums() {
        let level = |ty: &str| format!("- {{name: level, type: {ty}, description: L., values: [1, 2]}}");
        let v = version(&[
            page("show_a", "ShowA", "", &level("Integer"), ""),
            page("show_b", "ShowB", "", &level("String"), ""),
        ]);
        let enums: Vec<(&str, bool)> = v.enums.iter().map(|e| (e.name.as_str(), e.integer)).collect();
        assert_eq!(enums, [("Level", true), ("ShowBLevel", false)]);
        assert_eq!(field(&v, "ShowBResponse", "level"), &Type::Enum("ShowBLevel".into()));
    }
}
