//! The roles a spec file declares beyond its documentation page: `pagination` (how the operation
//! pages through its results), `project_discovery` (the operation that finds project IDs) and a
//! success response's `errors_in_body` (the fields with which a 200 body reports a failure).
//! All name parameters and response fields of the page; this module checks that those exist
//! and have usable types, and resolves them to `ir` fields.

use crate::diag::{Diagnostic, closest};
use crate::ir::{self, Location, Type};
use crate::spec;
use crate::spec::load::Parsed;

/// The page's pagination, resolved, or `None` (with diagnostics when it is declared but wrong).
pub fn pagination(
    page: &Parsed<spec::Operation>,
    op: &ir::Operation,
    objects: &[ir::Object],
    diags: &mut Vec<Diagnostic>,
) -> Option<ir::Pagination> {
    let p = page.spec.pagination.as_ref()?;
    let before = diags.len();
    let by_marker = p.style == spec::PageStyle::Marker;
    // A number cursor may be a String that holds one (DWS's `offset`); the runtime parses it.
    let (ok, wanted): (fn(&Type) -> bool, _) =
        if by_marker { (is_string, "a String (a marker)") } else { (is_number, NUMBER) };
    let cursor = request(page, op, objects, "pagination.cursor", &p.cursor, ok, wanted, None, diags);
    let in_body = cursor.as_ref().is_some_and(|c| c.1);
    let cursor = cursor.map(|c| c.0);
    if let Some(c) = cursor.as_ref().filter(|c| by_marker && c.mandatory) {
        diags.push(page.at(
            "pagination.cursor",
            format!("the marker `{}` is mandatory, but the first page is asked for without one", c.wire_name),
            Some("a marker parameter is optional (`mandatory: false`)".to_owned()),
        ));
    }
    let size = p.size.as_ref().and_then(|s| {
        // Looked up first where the cursor is: a name both in the query and in the body is the
        // size that goes with the cursor.
        let near = cursor.as_ref().map(|_| in_body);
        let (size, size_in_body) = request(page, op, objects, "pagination.size", s, is_number, NUMBER, near, diags)?;
        if cursor.is_some() && size_in_body != in_body {
            let (cursor_at, size_at) = if in_body { ("the request body", "the query") } else { ("the query", "the request body") };
            diags.push(page.at(
                "pagination.size",
                format!("the cursor `{}` is in {cursor_at} and the size `{s}` in {size_at}", p.cursor),
                Some("a listing's cursor and page size are sent together: both query parameters or both fields of the body".to_owned()),
            ));
        }
        Some(size)
    });
    let items = if p.items == WHOLE_BODY {
        whole_items(page, op, objects, diags)
    } else {
        response(page, op, objects, "pagination.items", &p.items, is_array, "an array", diags)
    };
    // A dotted path through objects (CES's `meta_data.total`), as `next` is.
    let total = p
        .total
        .as_ref()
        .and_then(|t| response_path(page, op, None, objects, "pagination.total", t, is_integer, "an integer", diags));
    let by_page = p.style == spec::PageStyle::Page;
    let first_page = match (p.first_page, by_page) {
        (None, by_page) => i64::from(by_page),
        (Some(n @ (0 | 1)), true) => n,
        (Some(n), true) => {
            diags.push(page.at_key(
                "pagination.first_page",
                format!("`first_page: {n}`: pages are numbered from 1 (the default) or from 0"),
                Some("write `first_page: 0` for a cursor that is the page number minus 1, or leave it out".to_owned()),
            ));
            return None;
        }
        (Some(_), false) => {
            diags.push(page.at_key(
                "pagination.first_page",
                "`first_page` applies to `style: page`; an offset cursor counts items from 0".to_owned(),
                Some("use `style: page` with `first_page: 0` for a cursor that counts pages from 0".to_owned()),
            ));
            return None;
        }
    };
    let marker = marker(page, op, objects, p, items.as_ref(), diags);
    if diags.len() > before {
        return None;
    }
    Some(ir::Pagination { by_page, first_page, cursor: cursor?, in_body, size, items: items?, total, marker })
}

/// `items: .`: the success body itself holds the items.
const WHOLE_BODY: &str = ".";

/// The items of a listing whose success body is the array (`items: .`, a response `type: Array of
/// ...` rather than a table): the body's one field, without a wire name (the runtime then reads
/// the whole body), or a located diagnostic.
fn whole_items(
    page: &Parsed<spec::Operation>,
    op: &ir::Operation,
    objects: &[ir::Object],
    diags: &mut Vec<Diagnostic>,
) -> Option<ir::Field> {
    let body = op.responses.iter().find(|r| (200..300).contains(&r.status)).and_then(|r| r.body.as_deref());
    let object = body.and_then(|b| objects.iter().find(|o| o.name == b));
    let name = &op.wire_name;
    let message = match object.filter(|o| o.whole).and_then(|o| o.fields.first()) {
        Some(f) if is_array(&f.ty) => return Some(ir::Field { wire_name: String::new(), ..f.clone() }),
        Some(_) => format!("the success body of `{name}` is not an array"),
        None if object.is_some() => format!("the success body of `{name}` is a table, not the array"),
        None => format!("the success response of `{name}` has no body"),
    };
    let hint = "`items: .` is for a body documented as `type: Array of ...`; name the table's array field otherwise";
    diags.push(page.at("pagination.items", message, Some(hint.to_owned())));
    None
}

/// Where a marker-paged listing's next marker is (`next` or `item_marker`), resolved; `None` for
/// the other styles, which may name neither.
fn marker(
    page: &Parsed<spec::Operation>,
    op: &ir::Operation,
    objects: &[ir::Object],
    p: &spec::Pagination,
    items: Option<&ir::Field>,
    diags: &mut Vec<Diagnostic>,
) -> Option<ir::Marker> {
    if p.style != spec::PageStyle::Marker {
        for (key, given) in [("next", &p.next), ("item_marker", &p.item_marker)] {
            if given.is_some() {
                diags.push(page.at_key(
                    &format!("pagination.{key}"),
                    format!("`{key}` applies to `style: marker`; an integer cursor moves by itself"),
                    None,
                ));
            }
        }
        return None;
    }
    match (&p.next, &p.item_marker) {
        (Some(next), None) => {
            response_path(page, op, None, objects, "pagination.next", next, is_string, "a String", diags)
                .map(ir::Marker::Next)
        }
        (None, Some(name)) => {
            let Type::Array(item) = &items?.ty else { return None };
            let Type::Object(object) = &**item else {
                diags.push(page.at(
                    "pagination.item_marker",
                    format!("the items of `{}` are not objects, so they have no field `{name}`", p.items),
                    Some("name the response field with the next marker in `next` instead".to_owned()),
                ));
                return None;
            };
            let fields = &objects.iter().find(|o| &o.name == object)?.fields;
            let place = Place::Object(object);
            field(page, fields, "pagination.item_marker", name, is_string, "a String", place, diags)
                .map(ir::Marker::Item)
        }
        (given, _) => {
            let message = if given.is_some() {
                "`next` and `item_marker` both given; a listing takes its marker from one place"
            } else {
                "a marker listing says where the next marker is: `next` or `item_marker`"
            };
            let hint = "`next: page_info.next_marker` (a response field) or `item_marker: id` (the last item's field)";
            diags.push(page.at("pagination", message.to_owned(), Some(hint.to_owned())));
            None
        }
    }
}

/// The fields on the dotted `path` (`page_info.next_marker`) from the success body of `op`, or
/// from the fields of `from` (an item of a listing) when given, through nested objects, the last
/// with a type `ok` accepts; a located diagnostic at `yaml_path` otherwise. Pagination's `next`
/// and a waiter's paths are read with it.
#[allow(clippy::too_many_arguments)]
pub(super) fn response_path(
    page: &Parsed<spec::Operation>,
    op: &ir::Operation,
    from: Option<&ir::Object>,
    objects: &[ir::Object],
    yaml_path: &str,
    path: &str,
    ok: fn(&Type) -> bool,
    wanted: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<ir::Field>> {
    let parts: Vec<&str> = path.split('.').collect();
    let (last, through) = parts.split_last()?;
    let mut fields_on_path = Vec::new();
    let mut fields: Option<(&[ir::Field], &str)> = from.map(|o| (o.fields.as_slice(), o.name.as_str()));
    for name in through {
        let is_object = |t: &Type| matches!(t, Type::Object(_));
        let f = match fields {
            None => response(page, op, objects, yaml_path, name, is_object, "an object", diags)?,
            Some((fs, o)) => field(page, fs, yaml_path, name, is_object, "an object", Place::Object(o), diags)?,
        };
        let Type::Object(object) = &f.ty else { return None };
        let object = objects.iter().find(|o| &o.name == object)?;
        fields = Some((&object.fields, &object.name));
        fields_on_path.push(f);
    }
    let f = match fields {
        None => response(page, op, objects, yaml_path, last, ok, wanted, diags)?,
        Some((fs, o)) => field(page, fs, yaml_path, last, ok, wanted, Place::Object(o), diags)?,
    };
    fields_on_path.push(f);
    Some(fields_on_path)
}

/// The page's project discovery role, resolved, or `None`.
pub fn project_discovery(
    page: &Parsed<spec::Operation>,
    op: &ir::Operation,
    objects: &[ir::Object],
    diags: &mut Vec<Diagnostic>,
) -> Option<ir::ProjectDiscovery> {
    let d = page.spec.project_discovery.as_ref()?;
    let others = op
        .params
        .iter()
        .any(|p| p.supplied_by.is_none() && p.field.mandatory && p.field.wire_name != d.region_parameter);
    if others || op.body.as_ref().is_some_and(|b| b.mandatory) {
        diags.push(
            page.at_key(
                "project_discovery",
                "project discovery calls the operation with the region only, but it has other mandatory parameters"
                    .to_owned(),
                Some("declare it on an operation whose only mandatory input is the region, or none".to_owned()),
            ),
        );
    }
    let region =
        query(page, op, "project_discovery.region_parameter", &d.region_parameter, is_string, "a string", diags);
    let is_objects = |t: &Type| matches!(t, Type::Array(inner) if matches!(**inner, Type::Object(_)));
    let items =
        response(page, op, objects, "project_discovery.items", &d.items, is_objects, "an array of objects", diags)?;
    let Type::Array(inner) = &items.ty else { return None };
    let Type::Object(name) = &**inner else { return None };
    let project = objects.iter().find(|o| &o.name == name)?;
    let id =
        field(page, &project.fields, "project_discovery.id", &d.id, is_string, "a string", Place::Object(name), diags)?;
    Some(ir::ProjectDiscovery { region: region?, items, id })
}

/// The success response's `errors_in_body`, resolved, or `None` (with diagnostics when it is
/// declared on a response that is not the success body, or names fields the body lacks).
pub fn errors_in_body(
    page: &Parsed<spec::Operation>,
    op: &ir::Operation,
    objects: &[ir::Object],
    diags: &mut Vec<Diagnostic>,
) -> Option<ir::ErrorsInBody> {
    let before = diags.len();
    let mut out = None;
    for (i, r) in page.spec.responses.iter().enumerate() {
        let Some(e) = &r.errors_in_body else { continue };
        let at = format!("responses[{i}].errors_in_body");
        let success_body = op.responses.iter().find(|x| (200..300).contains(&x.status)).map(|x| x.status);
        if success_body != Some(r.status) || r.body.is_none() {
            let message =
                format!("`errors_in_body` on status {}, which is not the success response with a body table", r.status);
            diags.push(page.at_key(
                &at,
                message,
                Some("declare it on the first 2xx response, with its body table".to_owned()),
            ));
            continue;
        }
        let any = |_: &Type| true;
        let code = response(page, op, objects, &format!("{at}.code"), &e.code, any, "", diags);
        let message = response(page, op, objects, &format!("{at}.message"), &e.message, any, "", diags);
        let mut success = Vec::new();
        for (j, v) in e.success.iter().enumerate() {
            let code = match v {
                serde_yaml::Value::Null => Some(ir::SuccessCode::Null),
                serde_yaml::Value::String(s) => Some(ir::SuccessCode::Str(s.clone())),
                serde_yaml::Value::Bool(b) => Some(ir::SuccessCode::Bool(*b)),
                serde_yaml::Value::Number(n) => n.as_i64().map(ir::SuccessCode::Int),
                _ => None,
            };
            match code {
                Some(c) => success.push(c),
                None => diags.push(page.at(
                    &format!("{at}.success[{j}]"),
                    "a success code must be a string, an integer, a boolean or null".to_owned(),
                    Some("write the value as the service sends it, e.g. \"0\", 0 or null".to_owned()),
                )),
            }
        }
        if e.success.is_empty() {
            diags.push(page.at_key(
                &format!("{at}.success"),
                "no success code listed".to_owned(),
                Some("list the codes that mean success, e.g. [\"0\", 0, null]".to_owned()),
            ));
        }
        if let (Some(code), Some(message)) = (code, message) {
            out = Some(ir::ErrorsInBody { code: code.wire_name, message: message.wire_name, success });
        }
    }
    if diags.len() > before { None } else { out }
}

fn is_integer(t: &Type) -> bool {
    matches!(t, Type::Integer | Type::Long)
}

/// What [`is_number`] accepts, in the messages.
const NUMBER: &str = "an integer (or a String holding one)";

/// An integer, or a String that holds one (a cursor or page size some services type String).
fn is_number(t: &Type) -> bool {
    is_integer(t) || is_string(t)
}

fn is_string(t: &Type) -> bool {
    *t == Type::String
}

fn is_array(t: &Type) -> bool {
    matches!(t, Type::Array(_))
}

/// Where a named field is looked up, for the messages.
#[derive(Clone, Copy)]
enum Place<'a> {
    /// The page's query parameters.
    Query,
    /// The fields of an object.
    Object(&'a str),
}

/// A query parameter the caller passes, with a type `ok` accepts.
fn query(
    page: &Parsed<spec::Operation>,
    op: &ir::Operation,
    yaml_path: &str,
    name: &str,
    ok: fn(&Type) -> bool,
    wanted: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<ir::Field> {
    field(page, &query_fields(op), yaml_path, name, ok, wanted, Place::Query, diags)
}

/// A request parameter the caller passes, with a type `ok` accepts: the query parameter `name`, or
/// else the field `name` of the request body's object (`true` with it: a POST listing whose cursor
/// is in its body, KMS `ListGrants`, the `resource_instances/action` tag filters), the body first
/// when `in_body` says so (a name in both); a located diagnostic naming the closest of both
/// otherwise.
#[allow(clippy::too_many_arguments)]
fn request(
    page: &Parsed<spec::Operation>,
    op: &ir::Operation,
    objects: &[ir::Object],
    yaml_path: &str,
    name: &str,
    ok: fn(&Type) -> bool,
    wanted: &str,
    in_body: Option<bool>,
    diags: &mut Vec<Diagnostic>,
) -> Option<(ir::Field, bool)> {
    let query = query_fields(op);
    let in_query = query.iter().any(|f| f.wire_name == name);
    let body = op.body.as_ref().and_then(|b| b.object()).and_then(|b| objects.iter().find(|o| o.name == b));
    match body {
        Some(body) if body.fields.iter().any(|f| f.wire_name == name) && (!in_query || in_body == Some(true)) => {
            field(page, &body.fields, yaml_path, name, ok, wanted, Place::Object(&body.name), diags).map(|f| (f, true))
        }
        Some(body) if !in_query => {
            // The message says the name is in neither; the hint takes the closest of both.
            let hint = closest(name, query.iter().chain(&body.fields).map(|f| f.wire_name.as_str()))
                .map(|c| format!("did you mean `{c}`?"));
            let message = format!(
                "`{name}` is neither a query parameter of the page nor a field of its request body `{}`",
                body.name
            );
            diags.push(page.at(yaml_path, message, hint));
            None
        }
        _ => field(page, &query, yaml_path, name, ok, wanted, Place::Query, diags).map(|f| (f, false)),
    }
}

/// The query parameters the caller passes (not those the SDK supplies).
fn query_fields(op: &ir::Operation) -> Vec<ir::Field> {
    op.params
        .iter()
        .filter(|p| p.location == Location::Query && p.supplied_by.is_none())
        .map(|p| p.field.clone())
        .collect()
}

/// A field of the success response body, with a type `ok` accepts.
#[allow(clippy::too_many_arguments)]
fn response(
    page: &Parsed<spec::Operation>,
    op: &ir::Operation,
    objects: &[ir::Object],
    yaml_path: &str,
    name: &str,
    ok: fn(&Type) -> bool,
    wanted: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<ir::Field> {
    let body = op.responses.iter().find(|r| (200..300).contains(&r.status)).and_then(|r| r.body.as_deref());
    let Some(object) = body.and_then(|b| objects.iter().find(|o| o.name == b)) else {
        diags.push(page.at(yaml_path, format!("the success response of `{}` has no body table", op.wire_name), None));
        return None;
    };
    if object.whole {
        // Its one field, `body`, is the generated struct's, not the wire's.
        let hint =
            (yaml_path == "pagination.items").then(|| "`items: .` names a body that is itself the list".to_owned());
        let message =
            format!("the success body of `{}` is not a JSON object, so it has no field `{name}`", op.wire_name);
        diags.push(page.at(yaml_path, message, hint));
        return None;
    }
    field(page, &object.fields, yaml_path, name, ok, wanted, Place::Object(&object.name), diags)
}

/// The field `name` of `fields`, with a type `ok` accepts, or a located diagnostic.
#[allow(clippy::too_many_arguments)]
fn field(
    page: &Parsed<spec::Operation>,
    fields: &[ir::Field],
    yaml_path: &str,
    name: &str,
    ok: fn(&Type) -> bool,
    wanted: &str,
    place: Place<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Option<ir::Field> {
    let Some(f) = fields.iter().find(|f| f.wire_name == name) else {
        let hint = closest(name, fields.iter().map(|f| f.wire_name.as_str())).map(|c| format!("did you mean `{c}`?"));
        let message = match place {
            Place::Query => format!("`{name}` is not a query parameter of the page"),
            Place::Object(object) => format!("`{object}` has no field `{name}`"),
        };
        diags.push(page.at(yaml_path, message, hint));
        return None;
    };
    if !ok(&f.ty) {
        let message = match place {
            Place::Query => format!("query parameter `{name}` is not {wanted}"),
            Place::Object(object) => format!("field `{name}` of `{object}` is not {wanted}"),
        };
        diags.push(page.at(yaml_path, message, None));
        return None;
    }
    Some(f.clone())
}
