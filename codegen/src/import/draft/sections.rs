//! The sections of a drafted spec file after its head: parameters, request body, responses with
//! their bodies and examples, objects, and the inferred pagination.

use super::fields::{fields, of_role};
use super::mismatch::{self, Rejected};
use super::yaml::Writer;
use crate::import::infer::examples;
use crate::import::infer::prose::Inferred;
use crate::import::infer::tables::{self, Drafted, Field, Role};
use crate::import::read::page::{Example, Page};

/// The `{placeholders}` of a path.
fn placeholders(path: &str) -> Vec<String> {
    path.split('{').skip(1).filter_map(|s| s.split_once('}').map(|(p, _)| p.to_owned())).collect()
}

fn table_comment(w: &mut Writer, indent: usize, t: &Drafted) {
    if !t.caption.is_empty() {
        w.comment(indent, &t.caption);
    }
    if let Some(r) = &t.role_review {
        w.review(indent, r);
    }
}

/// Path, query and header parameters; path rows that are not in the URI become query rows, and a
/// placeholder without a row gets one, each marked.
pub fn parameters(w: &mut Writer, path: &str, tables: &[Drafted]) {
    let holes = placeholders(path);
    let mut path_rows: Vec<Field> = Vec::new();
    let mut moved: Vec<Field> = Vec::new();
    for t in of_role(tables, &Role::Path) {
        for f in &t.fields {
            if holes.contains(&f.name) {
                let mut f = f.clone();
                if f.mandatory != Some(true) {
                    f.mandatory = Some(true);
                    f.note =
                        Some(format!("the page has `{}` optional; a placeholder of the URI is always needed", f.name));
                }
                path_rows.push(f);
            } else {
                let mut f = f.clone();
                f.note = Some(format!(
                    "`{}` is in the path parameters table but not in the URI; drafted as a query parameter",
                    f.name
                ));
                // The runtime fills `project_id` in the path only: in the query it is the caller's.
                f.supplied_by = None;
                moved.push(f);
            }
        }
    }
    for h in &holes {
        if !path_rows.iter().any(|f| &f.name == h) {
            path_rows.push(Field {
                name: h.clone(),
                mandatory: Some(true),
                ty: "String".to_owned(),
                ty_review: None,
                inferred: Inferred { description: h.replace('_', " "), ..Inferred::default() },
                supplied_by: (h == "project_id").then_some("project_id"),
                line: 0,
                note: Some(format!("the URI has {{{h}}} but the page has no row for it")),
            });
        }
    }
    if !path_rows.is_empty() {
        w.blank();
        if let Some(t) = of_role(tables, &Role::Path).first() {
            table_comment(w, 0, t);
        }
        w.open(0, "", "path_parameters");
        fields(w, 2, &path_rows, true);
    }
    let query: Vec<&Drafted> = of_role(tables, &Role::Query);
    if !query.is_empty() || !moved.is_empty() {
        w.blank();
        for t in &query {
            table_comment(w, 0, t);
        }
        w.open(0, "", "query_parameters");
        for t in &query {
            fields(w, 2, &t.fields, true);
        }
        fields(w, 2, &moved, true);
    }
    let headers = of_role(tables, &Role::Header);
    if !headers.is_empty() {
        w.blank();
        for t in &headers {
            table_comment(w, 0, t);
        }
        w.open(0, "", "header_parameters");
        for t in &headers {
            fields(w, 2, &t.fields, true);
        }
    }
}

/// The request body, named as the SDK sample names it, else `<Operation>RequestBody`. A page
/// without a body table that prints an example request body (not on a GET or HEAD, which send
/// none) gets the body drafted from the example, each field marked.
pub fn request_body(w: &mut Writer, page: &Page, op: &str, method: &str, tables: &[Drafted]) {
    if let Some(ty) = &page.request_type {
        // A body that is not a JSON object: its type, no table (its elements' tables are objects).
        w.blank();
        w.open(0, "", "request_body");
        w.string(2, "", "type", ty);
        if let Some(media) = &page.body_content_type {
            w.string(2, "", "content_type", media);
        }
        return;
    }
    let bodies = of_role(tables, &Role::RequestBody);
    let from_example;
    let bodies: Vec<&Drafted> = match bodies.first() {
        Some(_) => bodies,
        None if matches!(method, "GET" | "HEAD") => return,
        None => {
            let Some(fields) = examples::body_from_example(page) else { return };
            from_example = Drafted {
                role: Role::RequestBody,
                role_review: Some(
                    "the page has no request body table; the body is drafted from its example request".to_owned(),
                ),
                caption: String::new(),
                number: None,
                line: fields.first().map_or(0, |f| f.line),
                fields,
            };
            vec![&from_example]
        }
    };
    let first = bodies[0];
    w.blank();
    w.open(0, "", "request_body");
    match page.body_hints.first() {
        // A name its source states outright (the official SDK's model): nothing to review.
        Some(h) if h.source.is_empty() => w.string(2, "", "name", &h.name),
        Some(h) => {
            w.review(2, &format!("body name from the SDK sample `{}`", h.source));
            w.string(2, "", "name", &h.name);
        }
        None => {
            w.review(2, "the page does not name the body model; check the official SDK's name");
            w.string(2, "", "name", &format!("{op}RequestBody"));
        }
    }
    if let Some(media) = &page.body_content_type {
        w.string(2, "", "content_type", media);
    }
    table_comment(w, 2, first);
    w.open(2, "", "body");
    for t in &bodies {
        fields(w, 4, &t.fields, true);
    }
}

/// The statuses to draft: the status code table, else those the tables and examples name, with
/// the success status a status code list prints ("- Normal", "202") in place of 200.
fn statuses(w: &mut Writer, page: &Page, tables: &[Drafted]) -> Vec<(u16, String)> {
    let mut out: Vec<(u16, String)> = page.statuses.iter().map(|s| (s.code, s.description.clone())).collect();
    // "Normal: 200" printed above a table of the error statuses only.
    let errors_only = !out.is_empty() && !out.iter().any(|(c, _)| (200..300).contains(c));
    if let Some(s) = page.normal_status.as_ref().filter(|_| errors_only) {
        w.review(0, &format!("the status code table lists errors; {} is the normal status printed above it", s.code));
        out.insert(0, (s.code, s.description.clone()));
    }
    if out.is_empty() {
        let normal = page.normal_status.as_ref();
        let success = normal.map_or(200, |s| s.code);
        let mut codes: Vec<u16> = tables
            .iter()
            .filter_map(|t| match t.role {
                Role::ResponseBody(s) => Some(s.unwrap_or(success)),
                _ => None,
            })
            .chain(page.example_responses.iter().filter_map(|e| example_status(e, success)))
            .chain(normal.map(|s| s.code))
            .collect();
        if codes.is_empty() {
            codes.push(200);
        }
        codes.sort_unstable();
        codes.dedup();
        match normal {
            None => w.review(0, "the page has no status code table; statuses drafted from its tables and examples"),
            Some(_) if codes.len() > 1 => w.review(
                0,
                "the page lists only its normal status; the others are drafted from its tables and examples",
            ),
            Some(_) => {}
        }
        out = codes
            .into_iter()
            .map(|c| match normal.filter(|s| s.code == c) {
                Some(s) => (c, s.description.clone()),
                None if (200..300).contains(&c) => (c, "OK".to_owned()),
                None => (c, "error".to_owned()),
            })
            .collect();
    }
    out
}

/// The status an example response belongs to: the one the page gives, else the success status,
/// except for an abnormal response example, which then belongs to none.
fn example_status(e: &Example, success: u16) -> Option<u16> {
    e.status.or((!e.error).then_some(success))
}

/// A `# review:` mark for every example response that no drafted status takes.
fn examples_left_out(w: &mut Writer, page: &Page, statuses: &[(u16, String)], success: u16) {
    for e in page.example_responses.iter().filter(|e| e.json.is_some()) {
        let what = if e.error { "abnormal response example" } else { "response example" };
        match example_status(e, success) {
            None => w.review(
                0,
                &format!("not drafted: the {what} at line {} does not say which status it belongs to", e.line),
            ),
            Some(code) if !statuses.iter().any(|s| s.0 == code) => w.review(
                0,
                &format!("not drafted: the {what} at line {} is for status {code}, which is not drafted", e.line),
            ),
            Some(_) => {}
        }
    }
}

/// One response per status, with its body table and examples.
pub fn responses(w: &mut Writer, page: &Page, op: &str, tables: &[Drafted], rejected: &Rejected) {
    w.blank();
    let statuses = statuses(w, page, tables);
    let success = statuses.iter().map(|s| s.0).find(|c| (200..300).contains(c)).unwrap_or(200);
    // The success response's String headers are drafted (`headers:`); others the spec cannot read.
    let string = |f: &Field| f.ty.eq_ignore_ascii_case("string");
    let header_tables = of_role(tables, &Role::ResponseHeader);
    let header_rows: Vec<Field> =
        header_tables.iter().flat_map(|t| t.fields.iter().filter(|f| string(f))).cloned().collect();
    for t in &header_tables {
        for f in t.fields.iter().filter(|f| !string(f)) {
            w.review(
                0,
                &format!("not drafted: response header `{}` is typed `{}`; a header is read as a String", f.name, f.ty),
            );
        }
    }
    examples_left_out(w, page, &statuses, success);
    w.open(0, "", "responses");
    for (i, (code, description)) in statuses.iter().enumerate() {
        w.raw(2, "- ", "status", &code.to_string());
        w.string(4, "", "description", description);
        let body: Vec<&Drafted> = tables
            .iter()
            .filter(|t| match t.role {
                Role::ResponseBody(Some(s)) => s == *code,
                Role::ResponseBody(None) => *code == success,
                _ => false,
            })
            .collect();
        if let Some(t) = body.first() {
            let rows: &[Field] = &t.fields;
            if *code != success {
                let names: Vec<&str> = rows.iter().map(|f| f.name.as_str()).collect();
                let error_shape = matches!(
                    names.as_slice(),
                    ["errCode", "externalMessage"] | ["error_code", "error_msg"] | ["code", "message"]
                );
                let name = if error_shape { "ErrorResponseBody".to_owned() } else { format!("{op}Response{code}") };
                w.review(4, "the page does not name this body model");
                w.string(4, "", "name", &name);
            }
            table_comment(w, 4, t);
            w.open(4, "", "body");
            fields(w, 6, rows, false);
            for extra in body.iter().skip(1) {
                w.review(4, &format!("a second body table for this status is not drafted: {}", extra.caption));
            }
        }
        if *code == success
            && body.is_empty()
            && let Some(ty) = &page.success_type
        {
            w.string(4, "", "type", ty);
        }
        examples(w, page, (i, *code), success, description, rejected);
        if *code == success {
            errors_in_body(w, body.first().copied());
            if !header_rows.is_empty() {
                w.open(4, "", "headers");
                fields(w, 6, &header_rows, false);
            }
        }
    }
}

/// The examples of the response at index `i` of status `code`.
fn examples(
    w: &mut Writer,
    page: &Page,
    (i, code): (usize, u16),
    success: u16,
    description: &str,
    rejected: &Rejected,
) {
    let mine: Vec<_> = page
        .example_responses
        .iter()
        .filter(|e| example_status(e, success) == Some(code) && e.json.is_some())
        .collect();
    if mine.is_empty() {
        return;
    }
    w.open(4, "", "examples");
    for (j, e) in mine.into_iter().enumerate() {
        let mut prefix = "- ";
        if let Some(c) = e.caption.as_deref().filter(|c| c.trim() != description.trim()) {
            w.string(6, prefix, "description", c);
            prefix = "  ";
        }
        if let Some(json) = &e.json {
            w.string(6, prefix, "json", json);
            mismatch::write(w, 8, &format!("responses[{i}].examples[{j}]"), rejected);
        }
    }
}

/// DWS-style success bodies with `error_code` and `error_msg` can report a failure.
fn errors_in_body(w: &mut Writer, body: Option<&Drafted>) {
    let Some(t) = body else { return };
    let has = |n: &str| t.fields.iter().any(|f| f.name == n && f.ty.eq_ignore_ascii_case("string"));
    if has("error_code") && has("error_msg") {
        w.review(4, "the success body documents error_code and error_msg; a 200 can carry an error");
        w.raw(4, "", "errors_in_body", "{code: error_code, message: error_msg, success: [\"0\", 0, null]}");
    }
}

/// One object per object table; a second table of the same name is left out, marked.
pub fn objects(w: &mut Writer, page: &Page, tables: &[Drafted]) {
    let objects: Vec<&Drafted> = tables.iter().filter(|t| matches!(t.role, Role::Object(_))).collect();
    if objects.is_empty() {
        return;
    }
    w.blank();
    w.open(0, "", "objects");
    let in_request = request_objects(page, tables);
    let mut seen: Vec<&str> = Vec::new();
    for t in objects {
        let Role::Object(name) = &t.role else { continue };
        if seen.contains(&name.as_str()) {
            w.review(2, &format!("a second table named {name} is not drafted: {}", t.caption));
            continue;
        }
        seen.push(name);
        table_comment(w, 2, t);
        w.open(2, "", name);
        // Only objects reached from the request keep the Mandatory column (spec/README.md).
        fields(w, 4, &t.fields, in_request.contains(name));
    }
}

/// The objects reached from the request body or parameters, directly or through other objects.
fn request_objects(page: &Page, tables: &[Drafted]) -> Vec<String> {
    let refs = |fields: &[Field]| {
        let mut names = Vec::new();
        for f in fields {
            if let Ok(p) = crate::lower::types::parse(&f.ty) {
                tables::named(&p, &mut names);
            }
        }
        names
    };
    let request = [Role::RequestBody, Role::Query, Role::Header, Role::Path];
    let mut out: Vec<String> =
        tables.iter().filter(|t| request.contains(&t.role)).flat_map(|t| refs(&t.fields)).collect();
    // A typed request body (not a JSON object) names its elements' objects.
    if let Some(Ok(p)) = page.request_type.as_deref().map(crate::lower::types::parse) {
        tables::named(&p, &mut out);
    }
    let mut k = 0;
    while k < out.len() {
        let name = out[k].clone();
        for t in tables.iter().filter(|t| t.role == Role::Object(name.clone())) {
            for n in refs(&t.fields) {
                if !out.contains(&n) {
                    out.push(n);
                }
            }
        }
        k += 1;
    }
    out
}

/// Offset/limit or page/per_page query parameters, an items array and a total in the success body
/// (or a success body that is itself an array: `success_type`, the page's `Array of ...`); or, for
/// a page whose query has no cursor, the same in the request body's fields (a POST listing that
/// pages in its body: the tag filters, KMS's grant listings).
pub fn pagination(w: &mut Writer, tables: &[Drafted], success_type: Option<&str>) {
    let query: Vec<&Field> = of_role(tables, &Role::Query).into_iter().flat_map(|t| &t.fields).collect();
    if !pagination_by(w, tables, &query, "the query parameter", success_type) {
        let body: Vec<&Field> = of_role(tables, &Role::RequestBody).into_iter().flat_map(|t| &t.fields).collect();
        pagination_by(w, tables, &body, "the request body's field", success_type);
    }
}

/// The type words of a cursor or page size: an integer, or a String holding one (DWS's `offset`,
/// "page number minus 1": the spec declares it as it is, and the SDK pages by the number it holds).
const NUMBER_TYPES: &[&str] = &["integer", "long", "int", "string"];

/// The pagination of a page whose cursor and size are among `query` (the query parameters, or
/// the request body's fields: `place` says which, in the review mark); whether `query` has a
/// cursor, drafted or not.
fn pagination_by(
    w: &mut Writer,
    tables: &[Drafted],
    query: &[&Field],
    place: &str,
    success_type: Option<&str>,
) -> bool {
    let int =
        |n: &str| query.iter().copied().find(|f| f.name == n && NUMBER_TYPES.contains(&f.ty.to_lowercase().as_str()));
    let styles: [(&str, &[&str], &[&str]); 2] = [
        ("offset", &["offset"], &["limit"]),
        (
            "page",
            &["page", "page_no", "pageNo", "page_num", "pageNum", "curPage", "current_page"],
            &["per_page", "page_size", "pageSize", "perPage", "limit"],
        ),
    ];
    let Some((style, cursor, size)) = styles.iter().find_map(|(style, cursors, sizes)| {
        let cursor = cursors.iter().find_map(|c| int(c))?;
        Some((*style, cursor, sizes.iter().find(|s| int(s).is_some()).copied()))
    }) else {
        return marker_pagination(w, tables, query, place);
    };
    let body = success_body(tables);
    // A success body that is itself the array (`type: Array of ...`): its items are `.`.
    let whole = body.is_none() && success_type.is_some_and(|t| t.to_lowercase().starts_with("array of"));
    let fields: &[Field] = body.map_or(&[], |b| &b.fields);
    let items = match items_array(fields) {
        Some(items) => items.name.as_str(),
        None if whole => ".",
        None => return true,
    };
    // A `count` is the total only when its words say so ("Total number of ..."), not "Number of ...".
    let total = fields.iter().find(|f| {
        let n = f.name.to_lowercase();
        matches!(f.ty.to_lowercase().as_str(), "integer" | "long" | "int")
            && (n.contains("total") || (n == "count" && says_total(&f.inferred.description)))
            && !n.contains("page")
    });
    // An offset that is "the page number minus 1" counts pages from 0 (spec/README.md, "Pagination").
    let from_zero = pages_from_zero(&cursor.inferred.description);
    let style = if from_zero.is_some() { "page" } else { style };
    w.blank();
    let text = if cursor.ty.eq_ignore_ascii_case("string") { " (a String holding a number)" } else { "" };
    let cursor = cursor.name.as_str();
    let array = if whole { "the success body, an array".to_owned() } else { format!("the array `{items}`") };
    w.review(0, &format!("pagination inferred from {place}s `{cursor}`{text} and {array}"));
    if let Some(words) = from_zero {
        w.review(0, &format!("`{cursor}` counts pages from 0: {words}"));
    }
    w.open(0, "", "pagination");
    w.raw(2, "", "style", style);
    if from_zero.is_some() {
        w.raw(2, "", "first_page", "0");
    }
    w.string(2, "", "cursor", cursor);
    if let Some(s) = size {
        w.string(2, "", "size", s);
    }
    w.string(2, "", "items", items);
    if let Some(t) = total {
        w.string(2, "", "total", &t.name);
    }
    true
}

/// A String `marker` query parameter (or request body field: `place`) and an items array: the
/// next marker from a String `next_marker` of the body or of one of its objects
/// (`page_info.next_marker`), or the `marker` of one of its objects (CES's `meta_data.marker`),
/// else the last item's `id` (Neutron style). A String `start` is the cursor too when the body
/// names the next marker (CES's listings by a metric's or a template's ID). `limit` is the size
/// when it is a number. Whether `query` has the marker (drafted or not), or a `start` that was
/// drafted.
fn marker_pagination(w: &mut Writer, tables: &[Drafted], query: &[&Field], place: &str) -> bool {
    let is = |f: &Field, types: &[&str]| types.contains(&f.ty.to_lowercase().as_str());
    let string = |name: &str| query.iter().any(|f| f.name == name && is(f, &["string"]));
    let cursor = if string("marker") {
        "marker"
    } else if string("start") {
        "start"
    } else {
        return false;
    };
    let size = query.iter().find(|f| f.name == "limit" && is(f, NUMBER_TYPES));
    // A `start` is a marker only with the next marker found below; otherwise the request body may
    // still hold the cursor.
    let Some(body) = success_body(tables) else { return cursor == "marker" };
    let Some(items) = items_array(&body.fields) else { return cursor == "marker" };
    // The object a field's type phrase names (`PageInfo object`, `Array of Vpc objects`).
    let object_of = |ty: &str| {
        let mut names = Vec::new();
        if let Ok(p) = crate::lower::types::parse(ty) {
            tables::named(&p, &mut names);
        }
        names.first().and_then(|n| tables.iter().find(|t| t.role == Role::Object(n.clone())))
    };
    let string_field = |t: &Drafted, name: &str| t.fields.iter().any(|f| f.name == name && is(f, &["string"]));
    // A String field `name` of an object the body holds (not the items'): its dotted path.
    let in_object = |name: &str| {
        body.fields
            .iter()
            .filter(|f| !f.ty.to_lowercase().starts_with("array of"))
            .find_map(|f| object_of(&f.ty).filter(|o| string_field(o, name)).map(|_| format!("{}.{name}", f.name)))
    };
    let (key, value, words) = if let Some(path) = in_object("next_marker") {
        let words = format!("the response's `{path}`");
        ("next", path, words)
    } else if string_field(body, "next_marker") {
        ("next", "next_marker".to_owned(), "the response's `next_marker`".to_owned())
    } else if let Some(path) = in_object("marker") {
        let words = format!(
            "the response's `{path}` (check that it names where the next page starts, not the marker the page was asked with)"
        );
        ("next", path, words)
    } else if cursor == "marker" && object_of(&items.ty).is_some_and(|o| string_field(o, "id")) {
        ("item_marker", "id".to_owned(), format!("the `id` of the last item of `{}`", items.name))
    } else {
        return cursor == "marker";
    };
    w.blank();
    w.review(0, &format!("pagination inferred from {place} `{cursor}`, the array `{}` and {words}", items.name));
    w.open(0, "", "pagination");
    w.raw(2, "", "style", "marker");
    w.string(2, "", "cursor", cursor);
    if let Some(s) = size {
        w.string(2, "", "size", &s.name);
    }
    w.string(2, "", "items", &items.name);
    // A total beside an object's next marker (CES's `meta_data.total`) ends the listing without
    // asking for a page after the last, whose marker some services still name.
    if let Some((object, _)) = value.rsplit_once('.').filter(|_| key == "next") {
        let total = body
            .fields
            .iter()
            .find(|f| f.name == object)
            .and_then(|f| object_of(&f.ty))
            .and_then(|o| o.fields.iter().find(|f| f.name == "total" && is(f, &["integer", "long", "int"])));
        if total.is_some() {
            w.string(2, "", "total", &format!("{object}.total"));
        }
    }
    w.string(2, "", key, &value);
    true
}

/// The body table of the page's success response, if it has one.
fn success_body(tables: &[Drafted]) -> Option<&Drafted> {
    tables.iter().find(|t| matches!(t.role, Role::ResponseBody(None) | Role::ResponseBody(Some(200..=299))))
}

/// The array of a listing's items among the success body's `fields`: its only array, or its only
/// array of objects when the others hold scalars (KMS ListKeys' `key_details` beside the `keys`
/// IDs, RDS ListOperateRecord's `traces` beside `all_operate_type`); `None` when it is not clear.
/// An `<items>_links` array (the pages' links, Neutron style) is never the items.
fn items_array(fields: &[Field]) -> Option<&Field> {
    use crate::lower::types::{Phrase, parse};
    let arrays: Vec<&Field> =
        fields.iter().filter(|f| f.ty.to_lowercase().starts_with("array of") && !f.name.ends_with("_links")).collect();
    if let [items] = arrays.as_slice() {
        return Some(items);
    }
    let of_scalars = |f: &&Field| matches!(parse(&f.ty), Ok(Phrase::Array(e)) if matches!(*e, Phrase::Scalar(_)));
    let of_objects = |f: &&Field| matches!(parse(&f.ty), Ok(Phrase::Array(e)) if matches!(*e, Phrase::Named(_)));
    let (objects, rest): (Vec<&Field>, Vec<&Field>) = arrays.iter().copied().partition(of_objects);
    match objects.as_slice() {
        [items] if rest.iter().all(of_scalars) => Some(items),
        _ => None,
    }
}

/// Whether a count's description says it is the total ("Total number of records", "总数").
fn says_total(description: &str) -> bool {
    let d = description.to_lowercase();
    d.contains("total") || ["总数", "总条数", "总记录", "总量"].iter().any(|w| d.contains(w))
}

/// The paragraph of an offset's description that makes it a page number counted from 0 ("Page
/// offset, which starts from 0 (page number minus 1)."), if it has one.
fn pages_from_zero(description: &str) -> Option<&str> {
    let cues = ["page number minus 1", "page number - 1", "页码减1", "页码减一", "页数减1"];
    description.split("\n\n").map(str::trim).find(|p| {
        let p = p.to_lowercase();
        cues.iter().any(|c| p.contains(c))
    })
}
