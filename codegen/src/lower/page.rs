//! One page: its tables, type phrases, responses, examples and roles lowered to an
//! `ir::Operation`, its tables and value lists named in the version's namespace (`names`) as
//! they are lowered; or located diagnostics.

use std::collections::{BTreeMap, BTreeSet};

use super::example;
use super::names::{self, Mark, Namespace, Sharing};
use super::roles;
use super::table::{self, Ctx, Table};
use super::types::{self, Phrase};
use super::{JSON_CONTENT_TYPE, METHODS};
use crate::diag::{Diagnostic, closest};
use crate::ir::{self, Location, Supplied};
use crate::naming;
use crate::spec;
use crate::spec::load::Parsed;

/// Lowers page `index` of its version: its value lists and tables are named in the version's
/// namespace as they are lowered (tables children first), and the operation is built with those
/// names. A page with errors adds nothing to the namespace and gives `None`.
pub(super) fn lower_page(
    index: usize,
    page: &Parsed<spec::Operation>,
    space: &mut Namespace<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Option<ir::Operation> {
    let before = diags.len();
    let mark = space.mark();
    let op = lower_operation(index, page, space, &mark, diags);
    if diags.len() > before {
        space.forget(index, mark);
        return None;
    }
    op
}

fn lower_operation(
    index: usize,
    page: &Parsed<spec::Operation>,
    space: &mut Namespace<'_>,
    mark: &Mark,
    diags: &mut Vec<Diagnostic>,
) -> Option<ir::Operation> {
    let s = &page.spec;
    let before = diags.len();
    let (module_ident, method) = check_operation(page, diags);
    let request = naming::Ident::from_source(&format!("{}Request", s.operation));
    let error = naming::Ident::from_source(&format!("{}Error", s.operation));
    if !space.operation(index, module_ident.name(), request.name(), error.name(), &s.operation, diags) {
        return None;
    }
    let response_names = response_names(s);
    let objects = page_names(page, &response_names, diags);
    let mut placed = BTreeMap::new();
    let mut cx = Ctx {
        page,
        index,
        objects: &objects,
        placed: &mut placed,
        diags,
        space,
        module: module_ident.name(),
        table: None,
    };
    let params = lower_params(&mut cx);
    let first_ok = s.responses.iter().position(|r| (200..300).contains(&r.status));
    let late = lower_tables(&mut cx, &response_names);
    let body = lower_body(&mut cx);
    let responses = lower_responses(&mut cx, &response_names, first_ok);
    let example_requests = s
        .example_requests
        .iter()
        .enumerate()
        .map(|(j, e)| ir::ExampleRequest {
            description: e.description.clone(),
            url: e.url.clone(),
            body: e.json.as_ref().and_then(|json| {
                example::parse(page, &format!("example_requests[{j}]"), None, json, e.mismatch.as_deref(), cx.diags)
            }),
        })
        .collect::<Vec<_>>();
    space.close(mark, &late);
    // The examples and roles are checked against tables that lowered whole.
    if diags.len() > before {
        return None;
    }
    let success_body = responses.iter().find(|r| (200..300).contains(&r.status)).and_then(|r| r.body.clone());
    let mut op = ir::Operation {
        wire_name: s.operation.clone(),
        names: ir::OperationNames {
            all_method: module_ident.suffixed("_all"),
            method: module_ident.clone(),
            request,
            error,
            op_static: naming::Ident::from_source(&module_ident.name().to_ascii_uppercase()),
            wait_method: naming::Ident::from_source(&format!("wait_for_{}", module_ident.name())),
            waiter_static: naming::Ident::from_source(&format!("{}_WAITER", module_ident.name().to_ascii_uppercase())),
            module: module_ident,
        },
        spec_file: page.file.clone(),
        title: s.title.trim().to_owned(),
        source: source(page, diags),
        description: s.description.trim().to_owned(),
        constraints: s.constraints.as_ref().map(|c| c.trim().to_owned()),
        method,
        uri: s.uri.clone(),
        path: path_parts(&s.uri).unwrap_or_default(),
        params,
        body,
        responses,
        example_requests,
        pagination: None,
        project_discovery: None,
        errors_in_body: None,
        // Resolved with the version: it names another operation.
        waiter: None,
        success_body,
        secret_response: secret_response(s),
    };
    example::check_page(page, &op, &space.tables(), diags);
    op.pagination = roles::pagination(page, &op, &space.objects, diags);
    op.project_discovery = roles::project_discovery(page, &op, &space.objects, diags);
    op.errors_in_body = roles::errors_in_body(page, &op, &space.objects, diags);
    Some(op)
}

/// Where a table's rows are.
enum Rows<'s> {
    /// A table.
    Table(&'s [spec::Field]),
    /// A response `type`: the one field `body`.
    Whole(&'s str),
}

/// One table of the page, before it is lowered.
struct PageTable<'s> {
    caption: &'s str,
    /// Where its name is claimed.
    claim: String,
    /// Where its rows are.
    at: String,
    rows: Rows<'s>,
    kind: Table,
    description: String,
    in_request: bool,
    in_response: bool,
    response_of: Option<(u16, String)>,
}

/// The page's tables (the request body's, each named response's, each of `objects:`), lowered
/// and placed in the version children first, each with the final names of the tables it refers
/// to but in a cycle. Returns, for the tables a table in a cycle referred to before they were
/// placed, the name their caption makes and their final name (for `Namespace::close`).
fn lower_tables(cx: &mut Ctx<'_, '_>, response_names: &[Option<String>]) -> BTreeMap<String, String> {
    let page = cx.page;
    let s = &page.spec;
    let mut tables = Vec::new();
    if let Some(b) = &s.request_body
        && let (Some(name), Some(rows), None) = (&b.name, &b.body, &b.ty)
    {
        tables.push(PageTable {
            caption: name,
            claim: "request_body.name".to_owned(),
            at: "request_body.body".to_owned(),
            rows: Rows::Table(rows),
            kind: Table::Request,
            description: request_description(s),
            in_request: true,
            in_response: false,
            response_of: None,
        });
    }
    for (i, (r, name)) in s.responses.iter().zip(response_names).enumerate() {
        let Some(name) = name else { continue };
        let rp = format!("responses[{i}]");
        let (at, rows) = match &r.ty {
            Some(ty) => (rp.clone(), Rows::Whole(ty)),
            None => (format!("{rp}.body"), Rows::Table(r.body.as_deref().unwrap_or_default())),
        };
        tables.push(PageTable {
            caption: name,
            claim: format!("{rp}.status"),
            at,
            rows,
            kind: Table::Response,
            description: format!(
                "Response body of `{}` for status {}: {}",
                s.operation,
                r.status,
                r.description.trim()
            ),
            in_request: false,
            in_response: true,
            response_of: Some((r.status, r.description.trim().to_owned())),
        });
    }
    let whole_request: Vec<spec::Field> = s.request_body.iter().filter_map(|b| b.ty.as_deref()).map(type_row).collect();
    let request_reach = reachable(s, s.request_body.iter().flat_map(|b| b.body.iter().flatten()).chain(&whole_request));
    for (name, rows) in &s.objects {
        let in_request = request_reach.contains(name);
        tables.push(PageTable {
            caption: name,
            claim: format!("objects.{name}"),
            at: format!("objects.{name}"),
            rows: Rows::Table(rows),
            kind: if in_request { Table::Request } else { Table::Response },
            description: referring_description(s, name)
                .unwrap_or_else(|| format!("The `{name}` object of *{}*.", s.title)),
            in_request,
            in_response: !in_request || responses_reach(s, name),
            response_of: None,
        });
    }
    // The captions of the page's tables that each table's rows name (itself included).
    let names: Vec<BTreeSet<&str>> = tables
        .iter()
        .map(|t| {
            let named: Vec<String> = match t.rows {
                Rows::Table(rows) => rows.iter().flat_map(|r| phrase_names(&r.ty)).collect(),
                Rows::Whole(ty) => phrase_names(ty),
            };
            tables.iter().map(|u| u.caption).filter(|c| named.iter().any(|n| n == c)).collect()
        })
        .collect();
    let refers =
        |k: usize| (0..tables.len()).filter(|&j| j != k && names[k].contains(tables[j].caption)).collect::<Vec<_>>();
    // Captions referred to before their table was placed (tables in a cycle).
    let mut late = BTreeSet::new();
    // Captions whose table had errors or got no name: not placed (a second table of the caption
    // is still lowered, for its own errors).
    let mut skipped = BTreeSet::new();
    for k in names::order(tables.len(), refers) {
        let t = &tables[k];
        let before = cx.diags.len();
        // A table that names a table of the page not placed yet (its own caption, or another in
        // a cycle) is not shared with another page's table: only under its own name when it
        // refers to itself, never when to another (that one could lead back into this page).
        let unplaced: Vec<&str> = names[k].iter().copied().filter(|c| !cx.placed.contains_key(*c)).collect();
        let sharing = if unplaced.is_empty() {
            Sharing::Any
        } else if unplaced.iter().all(|c| *c == t.caption) {
            Sharing::OwnName
        } else {
            Sharing::Never
        };
        late.extend(unplaced);
        cx.table = cx.objects.get(t.caption).cloned();
        let fields = match t.rows {
            Rows::Table(rows) => table::lower_table(cx, &t.at, rows, t.kind),
            Rows::Whole(ty) => whole_body_field(cx, &t.at, ty, &t.description).into_iter().collect(),
        };
        cx.table = None;
        // A table missing a row that had errors is not compared with others: its page fails.
        if cx.diags.len() > before || skipped.contains(t.caption) {
            skipped.insert(t.caption);
            continue;
        }
        let mut o =
            object(cx, t.caption, t.description.clone(), t.in_request, t.in_response, fields, t.response_of.clone());
        o.whole = matches!(t.rows, Rows::Whole(_));
        match cx.placed.get(t.caption) {
            Some(name) => {
                let name = name.clone();
                cx.space.place_again(cx.index, &t.claim, &name, &o, cx.diags);
            }
            None => match cx.space.place_object(cx.index, &t.claim, o, sharing, cx.diags) {
                Some(name) => {
                    cx.placed.insert(t.caption.to_owned(), name);
                }
                None => {
                    skipped.insert(t.caption);
                }
            },
        }
    }
    late.iter().filter_map(|c| Some((cx.objects.get(*c)?.clone(), cx.placed.get(*c)?.clone()))).collect()
}

/// The object names a type phrase refers to (none when it does not parse: lowering says why).
fn phrase_names(ty: &str) -> Vec<String> {
    match types::parse(ty) {
        Ok(ph) => named(&ph).into_iter().map(str::to_owned).collect(),
        Err(_) => Vec::new(),
    }
}

fn request_description(s: &spec::Operation) -> String {
    let b = s.request_body.as_ref();
    b.and_then(|b| b.description.clone()).unwrap_or_else(|| format!("Request body of `{}` ({}).", s.operation, s.title))
}

/// The request body: its table's object (placed by `lower_tables`) or its `type`.
fn lower_body(cx: &mut Ctx<'_, '_>) -> Option<ir::Body> {
    let page = cx.page;
    let s = &page.spec;
    let b = s.request_body.as_ref()?;
    let description = request_description(s);
    let content_type = b.content_type.clone().unwrap_or_else(|| JSON_CONTENT_TYPE.to_owned());
    match (&b.name, &b.body, &b.ty) {
        (Some(name), Some(_), None) => {
            let name = cx.placed.get(name)?.clone();
            let mandatory = cx.space.objects.iter().find(|o| o.name == name)?.fields.iter().any(|f| f.mandatory);
            return Some(ir::Body { ty: ir::Type::Object(name), description, content_type, mandatory });
        }
        (None, None, Some(ty)) => {
            let row = spec::Field { description: description.clone(), mandatory: Some(true), ..type_row(ty) };
            // Located at `request_body.type`: the row's keys are the body's.
            match table::lower_field(cx, "request_body", &row, Table::Request) {
                // One object is a JSON object: its table is the body, under the SDK's name.
                Some(f) if matches!(f.ty, ir::Type::Object(_)) => cx.diags.push(page.at_key(
                    "request_body.type",
                    format!("a request body of one object is a table, not a `type` (`{ty}`)"),
                    Some("write `name:` (the official SDK's model name) and its `body:` table instead".to_owned()),
                )),
                Some(f) => return Some(ir::Body { ty: f.ty, description, content_type, mandatory: true }),
                None => {}
            }
        }
        (_, Some(_), Some(_)) => cx.diags.push(page.at_key(
            "request_body.type",
            "the request body has both a `type` and a `body` table".to_owned(),
            Some("`body` is for a JSON object's table; `type` for a body that is an array or a bare value".to_owned()),
        )),
        (None, Some(_), None) => cx.diags.push(page.at_key(
            "request_body",
            "the request body table has no `name`".to_owned(),
            Some("write the official SDK's model name of the body (`name: CreateUsersReq`)".to_owned()),
        )),
        (Some(_), None, Some(_)) => cx.diags.push(page.at_key(
            "request_body.name",
            "a request body with a `type` has no model of its own: `name` names nothing".to_owned(),
            Some("remove `name`; the request's field is `body`, of the `type`".to_owned()),
        )),
        (_, None, None) => cx.diags.push(page.at_key(
            "request_body",
            "the request body has neither a `body` table nor a `type`".to_owned(),
            Some("add the body table (`body:`), or `type:` for a body that is not a JSON object".to_owned()),
        )),
    }
    None
}

/// The documented name of each response's body: its `name`, `<Operation>Response` for the first
/// 2xx, `<Operation>Status<N>Body` for another status with a table, none otherwise.
fn response_names(s: &spec::Operation) -> Vec<Option<String>> {
    let first_ok = s.responses.iter().position(|r| (200..300).contains(&r.status));
    s.responses
        .iter()
        .enumerate()
        .map(|(i, r)| match (&r.name, &r.body) {
            (Some(n), _) => Some(n.clone()),
            (None, _) if Some(i) == first_ok => Some(format!("{}Response", s.operation)),
            (None, Some(_)) => Some(format!("{}Status{}Body", s.operation, r.status)),
            (None, None) => None,
        })
        .collect()
}

/// Every object name the page defines (nested tables and body names) with the Rust type name
/// made from it; two captions that make one name, or a caption that makes none, are reported.
fn page_names(
    page: &Parsed<spec::Operation>,
    response_names: &[Option<String>],
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<String, String> {
    let s = &page.spec;
    let mut captions: Vec<(String, String)> = s.objects.keys().map(|k| (k.clone(), format!("objects.{k}"))).collect();
    if let Some(name) = s.request_body.as_ref().and_then(|b| b.name.clone().filter(|_| b.body.is_some())) {
        captions.push((name, "request_body.name".to_owned()));
    }
    for (i, n) in response_names.iter().enumerate() {
        let path = if s.responses[i].name.is_some() { format!("responses[{i}].name") } else { "operation".to_owned() };
        captions.extend(n.clone().map(|n| (n, path)));
    }
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    for (caption, path) in captions {
        let rust = naming::type_name(&caption);
        if !naming::is_type_name(&rust) {
            diags.push(page.at_key(
                &path,
                format!("object name `{caption}` does not make a Rust type name"),
                Some("use the model name of the official SDKs, or an ASCII caption".to_owned()),
            ));
        } else if let Some((other, _)) = names.iter().find(|(c, r)| **r == rust && **c != caption) {
            diags.push(page.at_key(
                &path,
                format!("object names `{other}` and `{caption}` both make the Rust type name `{rust}`"),
                Some("the page documents two tables under one name; rename one of them".to_owned()),
            ));
        }
        names.entry(caption).or_insert(rust);
    }
    names
}

/// The file's `source`, checked: it names a page or an SDK model (or both), and a licence only
/// with a page.
fn source(page: &Parsed<spec::Operation>, diags: &mut Vec<Diagnostic>) -> Option<ir::Source> {
    let s = page.spec.source.as_ref()?;
    let blank = |v: &Option<String>| v.as_deref().is_some_and(|t| t.trim().is_empty());
    for (key, v) in [("page", &s.page), ("licence", &s.licence), ("sdk", &s.sdk)] {
        if blank(v) {
            diags.push(page.at(&format!("source.{key}"), format!("`source.{key}` is empty"), None));
        }
    }
    if s.page.is_none() && s.sdk.is_none() {
        diags.push(page.at(
            "source",
            "`source` names neither a `page` nor an `sdk` model".to_owned(),
            Some("write the page's corpus path or URL as `page` (with its `licence`), or the SDK package and version as `sdk`".to_owned()),
        ));
    }
    if s.licence.is_some() && s.page.is_none() {
        diags.push(page.at(
            "source.licence",
            "`source.licence` is the licence of a page, and `source` names no `page`".to_owned(),
            None,
        ));
    }
    Some(ir::Source { page: s.page.clone(), licence: s.licence.clone(), sdk: s.sdk.clone() })
}

/// The operation's module name and upper-case method, checked: a PascalCase name that does not
/// collide with the modules every version has, a known HTTP method.
fn check_operation(page: &Parsed<spec::Operation>, diags: &mut Vec<Diagnostic>) -> (naming::Ident, String) {
    let s = &page.spec;
    let module = naming::snake(&s.operation);
    let module_ident = naming::Ident::from_source(&module);
    if ["client", "mock", "mod", ir::SHARED_MODULE, ir::TYPES_MODULE].contains(&module_ident.name()) {
        diags.push(page.at(
            "operation",
            format!(
                "operation `{}` would be the module `{}`, which every version module already has",
                s.operation,
                module_ident.name()
            ),
            Some("use the operation name of the official SDKs (`ListClients`, `ShowMock`, ...)".to_owned()),
        ));
    }
    if !naming::is_type_name(&s.operation) {
        diags.push(page.at(
            "operation",
            format!("operation name `{}` is not PascalCase", s.operation),
            Some(format!("write it as the official SDKs do, e.g. `{}`", naming::pascal(&s.operation))),
        ));
    } else {
        // One file per operation, found by its name: `ListUsers` in `list_users.yaml`.
        let name = page.rel.rsplit_once('/').map_or(page.rel.as_str(), |(_, name)| name);
        let stem = name.strip_suffix(".yaml").or_else(|| name.strip_suffix(".yml")).unwrap_or(name);
        let module = naming::spec_file(&s.operation);
        if stem != module {
            let hint = match page.file.rsplit_once('/') {
                Some((dir, _)) => format!("rename the file: `git mv {} {dir}/{module}.yaml`", page.file),
                None => format!("rename the file to `{module}.yaml`"),
            };
            diags.push(page.at(
                "operation",
                format!("operation `{}` is in `{name}`; its file is `{module}.yaml`", s.operation),
                Some(hint),
            ));
        }
    }
    let method = s.method.to_ascii_uppercase();
    if !METHODS.contains(&method.as_str()) {
        let hint = closest(&method, METHODS.iter().copied()).map(|c| format!("did you mean `{c}`?"));
        diags.push(page.at("method", format!("unknown HTTP method `{}`", s.method), hint));
    }
    (module_ident, method)
}

/// The path, query and header parameters, with who supplies them; checks that path parameters
/// are mandatory and match the URI, and that the caller's parameters have distinct Rust names.
fn lower_params(cx: &mut Ctx<'_, '_>) -> Vec<ir::Param> {
    let page = cx.page;
    let s = &page.spec;
    let mut params = Vec::new();
    for (key, rows, location) in [
        ("path_parameters", &s.path_parameters, Location::Path),
        ("query_parameters", &s.query_parameters, Location::Query),
        ("header_parameters", &s.header_parameters, Location::Header),
    ] {
        let fields = table::lower_table(cx, key, rows, Table::Param);
        for field in fields {
            let Some(i) = rows.iter().position(|r| r.name == field.wire_name) else { continue };
            let row = &rows[i];
            let supplied_by = supplied_by(page, &format!("{key}[{i}]"), row, location, cx.diags);
            if location == Location::Header {
                check_header_name(cx, &format!("{key}[{i}].name"), &row.name);
            }
            check_param_type(cx, &format!("{key}[{i}]"), row, &field.ty, location);
            if location == Location::Path && !field.mandatory {
                let d = page.at(
                    &format!("{key}[{i}].mandatory"),
                    format!("path parameter `{}` is not mandatory", row.name),
                    Some("a placeholder of the URI is always needed; write `mandatory: true`".to_owned()),
                );
                cx.diags.push(d);
            }
            params.push(ir::Param { location, supplied_by, field });
        }
    }
    check_uri(page, &s.path_parameters, cx.diags);
    let mut rust_names: BTreeSet<String> = BTreeSet::new();
    for p in params.iter().filter(|p| p.supplied_by.is_none()) {
        let name = p.field.rust_name.name();
        if !rust_names.insert(name.to_owned()) || (s.request_body.is_some() && name == naming::BODY_FIELD) {
            let d = page.at(
                "operation",
                format!("parameter `{}` has the same Rust name as another request field", p.field.wire_name),
                Some("parameters of different tables, and the body (`body`), must have distinct names".to_owned()),
            );
            cx.diags.push(d);
        }
    }

    params
}

/// A parameter's value must have a text form on the wire: a scalar or a value list, and in the
/// query also a list of them (one `key=value` pair per element, as the official SDKs send it).
/// Objects, maps and free-form JSON have none the pages define, so they are an error here, not
/// generated code that does not compile.
fn check_param_type(cx: &mut Ctx<'_, '_>, at: &str, row: &spec::Field, ty: &ir::Type, location: Location) {
    use ir::Type as T;
    let scalar = |t: &T| matches!(t, T::String | T::Integer | T::Long | T::Number | T::Boolean | T::Enum(_));
    let ok = match (location, ty) {
        (Location::Query, T::Array(inner)) => scalar(inner),
        (_, t) => scalar(t),
    };
    if !ok {
        let place = format!("{location:?}").to_lowercase();
        let wanted = if location == Location::Query {
            "a String, Integer, Long, Number or Boolean, a value list, or an Array of one of them"
        } else {
            "a String, Integer, Long, Number or Boolean, or a value list"
        };
        let d = cx.page.at(
            &format!("{at}.type"),
            format!("{place} parameter `{}` of type `{}` has no encoding on the wire", row.name, row.ty),
            Some(format!("a {place} parameter is {wanted}; check the official SDK's type for it")),
        );
        cx.diags.push(d);
    }
}

/// Who supplies a parameter other than the caller, as its `supplied_by` says; each kind fits
/// one place, and a `Content-Type` header is always the runtime's (the body's content type).
fn supplied_by(
    page: &Parsed<spec::Operation>,
    at: &str,
    row: &spec::Field,
    location: Location,
    diags: &mut Vec<Diagnostic>,
) -> Option<Supplied> {
    let content_type = location == Location::Header && row.name.eq_ignore_ascii_case("Content-Type");
    match row.supplied_by {
        None if content_type => {
            diags.push(page.at(
                at,
                "header `Content-Type` is the content type of the body, which the runtime sends".to_owned(),
                Some("write `supplied_by: content_type` (the body's type is `request_body.content_type`)".to_owned()),
            ));
            None
        }
        None => None,
        Some(spec::SuppliedBy::ProjectId) if location == Location::Path => Some(Supplied::ProjectId),
        Some(spec::SuppliedBy::DomainId) if location == Location::Path => Some(Supplied::DomainId),
        Some(spec::SuppliedBy::AuthToken) if location == Location::Header => Some(Supplied::AuthToken),
        Some(spec::SuppliedBy::ContentType) if content_type => Some(Supplied::ContentType),
        Some(other) => {
            let place = format!("{location:?}").to_lowercase();
            diags.push(page.at(
                &format!("{at}.supplied_by"),
                format!("`supplied_by: {}` does not apply to the {place} parameter `{}`", other.key(), row.name),
                Some(
                    "project_id and domain_id fill a path parameter, auth_token the X-Auth-Token header, content_type the Content-Type header"
                        .to_owned(),
                ),
            ));
            None
        }
    }
}

/// One `ir::Response` per row of the status code table, each body the object `lower_tables`
/// placed; checks statuses and that a 2xx is documented.
fn lower_responses(
    cx: &mut Ctx<'_, '_>,
    response_names: &[Option<String>],
    first_ok: Option<usize>,
) -> Vec<ir::Response> {
    let page = cx.page;
    let s = &page.spec;
    let mut responses = Vec::new();
    let mut statuses = BTreeSet::new();
    for (i, (r, name)) in s.responses.iter().zip(response_names).enumerate() {
        let rp = format!("responses[{i}]");
        if !(100..600).contains(&r.status) {
            let d = page.at(&format!("{rp}.status"), format!("{} is not an HTTP status", r.status), None);
            cx.diags.push(d);
        }
        if !statuses.insert(r.status) {
            let d = page.at(
                &format!("{rp}.status"),
                format!("status {} is listed twice", r.status),
                Some("one entry per row of the status code table".to_owned()),
            );
            cx.diags.push(d);
        }
        if r.name.is_some() && r.body.is_none() && r.ty.is_none() {
            let d = page.at_key(
                &format!("{rp}.name"),
                "`name` without a `body` table".to_owned(),
                Some("add the response body table, or remove `name`".to_owned()),
            );
            cx.diags.push(d);
        }
        check_whole_body(cx, i, r, first_ok);
        let headers = response_headers(cx, i, r, first_ok);
        let rust_name = name.as_ref().and_then(|n| cx.placed.get(n)).cloned();
        let examples = r
            .examples
            .iter()
            .enumerate()
            .filter_map(|(j, e)| {
                let path = format!("{rp}.examples[{j}]");
                example::parse(page, &path, e.description.clone(), &e.json, e.mismatch.as_deref(), cx.diags)
            })
            .collect();
        responses.push(ir::Response {
            status: r.status,
            variant: naming::status_variant(r.status),
            description: r.description.trim().to_owned(),
            body: if r.body.is_some() || r.ty.is_some() || Some(i) == first_ok { rust_name } else { None },
            headers,
            examples,
        });
    }
    if first_ok.is_none() {
        let d = page.at(
            "responses",
            "no 2xx response is documented".to_owned(),
            Some("add the success row of the status code table".to_owned()),
        );
        cx.diags.push(d);
    }
    responses
}

/// The success response's `headers`, lowered: String fields, whose Rust names become accessors
/// of the response beside `meta()` and the body's list accessors. Headers of another status are
/// an error: nothing reads them.
fn response_headers(cx: &mut Ctx<'_, '_>, i: usize, r: &spec::Response, first_ok: Option<usize>) -> Vec<ir::Field> {
    if r.headers.is_empty() {
        return Vec::new();
    }
    let at = format!("responses[{i}].headers");
    if Some(i) != first_ok {
        let d = cx.page.at_key(
            &at,
            format!("`headers` on status {}, which is not the success response", r.status),
            Some("only the first 2xx response's headers are read (an error's are in its `ResponseMeta`)".to_owned()),
        );
        cx.diags.push(d);
        return Vec::new();
    }
    let fields = table::lower_table(cx, &at, &r.headers, Table::Response);
    let body: Vec<&str> = r.body.iter().flatten().map(|f| f.name.as_str()).collect();
    for (j, f) in fields.iter().enumerate() {
        check_header_name(cx, &format!("{at}[{j}].name"), &f.wire_name);
        if f.ty != ir::Type::String {
            let d = cx.page.at(
                &format!("{at}[{j}].type"),
                format!("response header `{}` is read as text: its type must be String", f.wire_name),
                None,
            );
            cx.diags.push(d);
        }
        let name = f.rust_name.name();
        if name == "meta" || body.iter().any(|b| naming::field(b) == name) {
            let d = cx.page.at(
                &format!("{at}[{j}].name"),
                format!("response header `{}` has the Rust name of another accessor of the response", f.wire_name),
                Some(
                    "`meta()` and the body's fields have these names; the header stays in `meta().headers()`"
                        .to_owned(),
                ),
            );
            cx.diags.push(d);
        }
    }
    fields
}

/// A header's name must be an HTTP field name (RFC 9110 `token`): the client could not send it,
/// nor the mock cloud answer with it.
fn check_header_name(cx: &mut Ctx<'_, '_>, at: &str, name: &str) {
    let token = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    if name.is_empty() || !name.chars().all(token) {
        let d = cx.page.at(
            at,
            format!("`{name}` is not an HTTP header name"),
            Some("a header name is letters, digits and `-` (`X-Subject-Token`)".to_owned()),
        );
        cx.diags.push(d);
    }
}

/// A response `type` (a body that is not a JSON object) is allowed only on the success response
/// and only instead of a `body` table.
fn check_whole_body(cx: &mut Ctx<'_, '_>, i: usize, r: &spec::Response, first_ok: Option<usize>) {
    if r.ty.is_none() {
        return;
    }
    let at = format!("responses[{i}].type");
    if r.body.is_some() {
        let d = cx.page.at_key(
            &at,
            "a response has both a `type` and a `body` table".to_owned(),
            Some("`body` is for a JSON object's table; `type` for a body that is an array or a bare value".to_owned()),
        );
        cx.diags.push(d);
    } else if Some(i) != first_ok {
        let d = cx.page.at_key(
            &at,
            format!("`type` on status {}, which is not the success response", r.status),
            Some("only the first 2xx response may be a body that is not a JSON object".to_owned()),
        );
        cx.diags.push(d);
    }
}

/// The one field `body` of a success body that is not a JSON object, typed by the response's
/// `type` phrase (checked like a table row's, at `responses[i].type`).
fn whole_body_field(cx: &mut Ctx<'_, '_>, rp: &str, ty: &str, description: &str) -> Option<ir::Field> {
    let row =
        spec::Field { description: format!("The whole body, documented as `{ty}`. {description}"), ..type_row(ty) };
    // The row's keys are the response's: a type error is located at `responses[i].type`.
    table::lower_field(cx, rp, &row, Table::Response)
}

/// The object of the table documented as `caption`, under the page's Rust name for it.
fn object(
    cx: &Ctx<'_, '_>,
    caption: &str,
    description: String,
    in_request: bool,
    in_response: bool,
    fields: Vec<ir::Field>,
    response_of: Option<(u16, String)>,
) -> ir::Object {
    ir::Object {
        response_of,
        name: cx.objects.get(caption).cloned().unwrap_or_else(|| naming::type_name(caption)),
        caption: caption.to_owned(),
        module: cx.module.to_owned(),
        spec_file: cx.page.file.clone(),
        description,
        in_response,
        in_request,
        fields,
        whole: false,
    }
}

/// Object names reached from `rows` through `<Name> object` types, following nested tables.
fn reachable<'a>(s: &'a spec::Operation, rows: impl Iterator<Item = &'a spec::Field>) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo: Vec<&spec::Field> = rows.collect();
    while let Some(f) = todo.pop() {
        if let Ok(ph) = types::parse(&f.ty) {
            for n in named(&ph) {
                if seen.insert(n.to_owned()) {
                    todo.extend(s.objects.get(n).into_iter().flatten());
                }
            }
        }
    }
    seen
}

/// Whether a success body documents a secret: a `sensitive` row of a 2xx body table, or of an
/// object one reaches.
fn secret_response(s: &spec::Operation) -> bool {
    let success = || s.responses.iter().filter(|r| (200..300).contains(&r.status));
    let whole: Vec<spec::Field> = success().filter_map(|r| r.ty.as_ref()).map(|t| type_row(t)).collect();
    let rows = || success().flat_map(|r| r.body.iter().flatten());
    rows().any(|f| f.sensitive)
        || reachable(s, rows().chain(&whole))
            .iter()
            .flat_map(|n| s.objects.get(n).into_iter().flatten())
            .any(|f| f.sensitive)
}

fn responses_reach(s: &spec::Operation, name: &str) -> bool {
    let whole: Vec<spec::Field> = s.responses.iter().filter_map(|r| r.ty.as_ref()).map(|t| type_row(t)).collect();
    reachable(s, s.responses.iter().flat_map(|r| r.body.iter().flatten()).chain(&whole)).contains(name)
}

/// A row of type `ty`, to follow a response `type` like a table row.
fn type_row(ty: &str) -> spec::Field {
    spec::Field {
        name: "body".to_owned(),
        mandatory: None,
        ty: ty.to_owned(),
        description: String::new(),
        default: None,
        range: None,
        length: None,
        values: None,
        enum_name: None,
        supplied_by: None,
        sensitive: false,
    }
}

fn named(ph: &Phrase) -> Vec<&str> {
    match ph {
        Phrase::Named(n) => vec![n.as_str()],
        Phrase::Array(e) | Phrase::Map(e) => named(e),
        Phrase::Scalar(_) | Phrase::Any => Vec::new(),
    }
}

/// The description of the first row that refers to object `name`: a good summary of the object.
fn referring_description(s: &spec::Operation, name: &str) -> Option<String> {
    // A body that is a `type` (`Array of MetricData objects`) refers to its elements' object with
    // the body's description.
    let typed: Vec<spec::Field> = s
        .request_body
        .iter()
        .filter_map(|b| Some(spec::Field { description: b.description.clone()?, ..type_row(b.ty.as_deref()?) }))
        .collect();
    let rows = s
        .request_body
        .iter()
        .flat_map(|b| b.body.iter().flatten())
        .chain(&typed)
        .chain(s.responses.iter().flat_map(|r| r.body.iter().flatten()))
        .chain(s.objects.values().flatten());
    for f in rows {
        // A referring row without words (a page's `-`) documents nothing; the next one may.
        if types::parse(&f.ty).is_ok_and(|ph| named(&ph).contains(&name)) && !f.description.trim().is_empty() {
            return Some(f.description.trim().to_owned());
        }
    }
    None
}

/// The URI template as literal text and placeholders, parsed once (the client's descriptor and
/// the mock use the parts); an unbalanced brace is an error.
fn path_parts(uri: &str) -> Result<Vec<ir::PathPart>, &'static str> {
    let mut parts = Vec::new();
    let mut rest = uri;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { return Err("uri has a `{` without a closing `}`") };
        if rest[..open].contains('}') {
            return Err("uri has a `}` without an opening `{`");
        }
        if open > 0 {
            parts.push(ir::PathPart::Text(rest[..open].to_owned()));
        }
        parts.push(ir::PathPart::Param(rest[open + 1..open + close].to_owned()));
        rest = &rest[open + close + 1..];
    }
    if rest.contains('}') {
        return Err("uri has a `}` without an opening `{`");
    }
    if !rest.is_empty() {
        parts.push(ir::PathPart::Text(rest.to_owned()));
    }
    Ok(parts)
}

fn check_uri(page: &Parsed<spec::Operation>, path_params: &[spec::Field], diags: &mut Vec<Diagnostic>) {
    let uri = &page.spec.uri;
    if !uri.starts_with('/') {
        diags.push(page.at(
            "uri",
            format!("uri `{uri}` does not start with `/`"),
            Some("write the path as documented, e.g. /v1/{project_id}/...".to_owned()),
        ));
    }
    if uri.contains('?') {
        diags.push(page.at(
            "uri",
            "uri contains a query string".to_owned(),
            Some("write the path only; the query parameters go under `query_parameters`".to_owned()),
        ));
    }
    let parts = match path_parts(uri) {
        Ok(parts) => parts,
        Err(message) => {
            diags.push(page.at("uri", message.to_owned(), None));
            Vec::new()
        }
    };
    let placeholders: Vec<&str> = parts
        .iter()
        .filter_map(|p| match p {
            ir::PathPart::Param(name) => Some(name.as_str()),
            ir::PathPart::Text(_) => None,
        })
        .collect();
    for ph in &placeholders {
        if !path_params.iter().any(|p| &p.name == ph) {
            let hint = closest(ph, path_params.iter().map(|p| p.name.as_str()))
                .map(|c| format!("did you mean `{c}`?"))
                .unwrap_or_else(|| format!("add a row `{{name: {ph}, mandatory: true, type: String, description: ...}}` under `path_parameters`"));
            diags.push(page.at("uri", format!("placeholder `{{{ph}}}` in the uri has no path parameter"), Some(hint)));
        }
    }
    for (i, p) in path_params.iter().enumerate() {
        if !placeholders.contains(&p.name.as_str()) {
            diags.push(page.at(
                &format!("path_parameters[{i}].name"),
                format!("path parameter `{}` does not appear in the uri", p.name),
                Some(format!(
                    "add `{{{}}}` to the uri where the documentation has it, or move the row to the right table",
                    p.name
                )),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::path_parts;
    use crate::ir::PathPart::{Param, Text};

    #[test]
    fn the_uri_is_parsed_into_text_and_placeholders() {
        let p = |s: &str| s.to_owned();
        assert_eq!(
            path_parts("/v1/{project_id}/instances/{instance_id}/users"),
            Ok(vec![
                Text(p("/v1/")),
                Param(p("project_id")),
                Text(p("/instances/")),
                Param(p("instance_id")),
                Text(p("/users"))
            ])
        );
        assert_eq!(path_parts("/"), Ok(vec![Text(p("/"))]));
        assert_eq!(path_parts("/v1/{a}{b}"), Ok(vec![Text(p("/v1/")), Param(p("a")), Param(p("b"))]));
        assert!(path_parts("/v1/{a").is_err());
        assert!(path_parts("/v1/a}/{b}").is_err());
        assert!(path_parts("/v1/{a}/b}").is_err());
    }
}
