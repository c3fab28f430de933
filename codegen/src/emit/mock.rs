//! The mock cloud's routes (feature `mock`): per version `services/<service>/src/<version>/mock.rs`, one
//! `huaweicloud_sdk_mock::Route` per operation, data only (parameters and body with their documented
//! constraints, documented responses, pagination); and `src/mock.rs` with `MockCloud`, which
//! starts the runtime's mock server with the routes of the enabled services.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::inner_doc;
use huaweicloud_sdk_shape::{Kind, Schema};

use crate::ir::{
    Api, ErrorsInBody, Field, Location, Marker, Node, Operation, Service, SuccessCode, Supplied, Tables, Type, Version,
};
use crate::naming::ident;

const MOCK: &str = "::huaweicloud_sdk_mock";

fn rt() -> TokenStream {
    MOCK.parse().unwrap_or_default()
}

fn opt(x: Option<f64>) -> TokenStream {
    match x {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    }
}

/// How objects are written: by the name of their field-list constant (each object once per file),
/// or inline when the version's objects refer to each other in a cycle (constants cannot), with
/// the objects being expanded in `open` so that a back reference becomes `Any`.
struct Ctx<'a> {
    v: &'a Version,
    named: bool,
    open: BTreeSet<String>,
}

use crate::naming::fields_const;

/// The shape of a value of type `ty` (a request body), written from the shared check's reading
/// of the tables (`ir::Node`, which the lowering's example check walks too).
fn shape(cx: &mut Ctx<'_>, ty: &Type) -> TokenStream {
    let v = cx.v;
    let t = Tables::of(v);
    node(cx, Node::new(&t, ty, None))
}

fn node(cx: &mut Ctx<'_>, n: Node<'_>) -> TokenStream {
    match n.kind() {
        Kind::Any => quote!(Shape::Any),
        Kind::Boolean => quote!(Shape::Boolean),
        Kind::String { length, values } => {
            let (min, max) = (opt(length.min), opt(length.max));
            quote!(Shape::String { min_len: #min, max_len: #max, values: &[#(#values),*] })
        }
        Kind::Integer { range, values, wide: _ } => {
            let (min, max) = (opt(range.min), opt(range.max));
            quote!(Shape::Integer { min: #min, max: #max, values: &[#(#values),*] })
        }
        Kind::Number { range } => {
            let (min, max) = (opt(range.min), opt(range.max));
            quote!(Shape::Number { min: #min, max: #max })
        }
        Kind::Array { items, count } => {
            let items = node(cx, items);
            let (min, max) = (opt(count.min), opt(count.max));
            quote!(Shape::Array { items: &#items, min_items: #min, max_items: #max })
        }
        Kind::Map(values) => {
            let values = node(cx, values);
            quote!(Shape::Map(&#values))
        }
        Kind::Object { table, fields } => {
            // `ir::Node` names every table it finds.
            let Some(name) = table else { return quote!(Shape::Any) };
            if cx.named {
                let c = fields_const(name);
                return quote!(Shape::Object(#c));
            }
            if !cx.open.insert(name.to_owned()) {
                return quote!(Shape::Any);
            }
            let fields: Vec<TokenStream> = fields.into_iter().map(|f| field_of(cx, f)).collect();
            cx.open.remove(name);
            quote!(Shape::Object(&[#(#fields),*]))
        }
    }
}

fn field_of(cx: &mut Ctx<'_>, f: huaweicloud_sdk_shape::Field<'_, Node<'_>>) -> TokenStream {
    let (name, mandatory) = (f.name, f.mandatory);
    let shape = node(cx, f.node);
    quote!(Field { name: #name, mandatory: #mandatory, shape: #shape })
}

/// A parameter's or a request table's row.
fn field_tokens(cx: &mut Ctx<'_>, f: &Field) -> TokenStream {
    let v = cx.v;
    let t = Tables::of(v);
    field_of(cx, Node::field(&t, f))
}

fn route(cx: &mut Ctx<'_>, s: &Service, op: &Operation) -> TokenStream {
    let service = &s.name;
    let st = &op.names.op_static;
    let params: Vec<TokenStream> = op
        .params
        .iter()
        .filter(|p| p.supplied_by != Some(Supplied::AuthToken))
        .map(|p| {
            let location = match p.location {
                Location::Path => quote!(Path),
                Location::Query => quote!(Query),
                Location::Header => quote!(Header),
            };
            let field = field_tokens(cx, &p.field);
            quote!(Param { location: Location::#location, field: #field })
        })
        .collect();
    let (body, body_mandatory) = match &op.body {
        Some(b) => {
            let shape = shape(cx, &b.ty);
            (quote!(Some(&#shape)), b.mandatory)
        }
        None => (quote!(None), false),
    };
    let responses = op.responses.iter().map(|r| {
        let status = r.status;
        // A checked example first: one that contradicts its table (`mismatch`) is served only
        // when the page has no other, and never when it is not JSON (then nothing, as for a page
        // without an example).
        let example = r
            .examples
            .iter()
            .find(|e| e.checked().is_some())
            .or_else(|| r.examples.iter().find(|e| e.value.is_some()))
            .map(|e| e.json.clone());
        // A success without a usable example answers a body made up from its table, so that a
        // program run against the mock sees every documented field rather than an empty answer.
        let example = match (example, &r.body) {
            (Some(json), _) => json,
            (None, Some(body)) if (200..300).contains(&status) => {
                made_up(cx.v, body, op.errors_in_body.as_ref()).unwrap_or_default()
            }
            (None, _) => String::new(),
        };
        quote!((#status, #example))
    });
    // The success response's declared headers (lowering keeps them on the first 2xx only).
    let headers = op.responses.iter().flat_map(|r| &r.headers).map(|h| h.wire_name.as_str());
    let paging = match &op.pagination {
        Some(p) => {
            let (by_page, first_page, cursor, in_body, items) =
                (p.by_page, p.first_page, &p.cursor.wire_name, p.in_body, &p.items.wire_name);
            let size = match &p.size {
                Some(f) => {
                    let n = &f.wire_name;
                    quote!(Some(#n))
                }
                None => quote!(None),
            };
            // A String size's default holds its number (`"1000"`).
            let default = p.size.as_ref().and_then(|f| f.default.as_ref());
            let default = default.and_then(|d| d.as_i64().or_else(|| d.as_str().and_then(|t| t.trim().parse().ok())));
            let default_size = match default {
                Some(n) => quote!(Some(#n)),
                None => quote!(None),
            };
            let total = match &p.total {
                Some(path) => {
                    let n = super::paginate::wire_path(path);
                    quote!(Some(#n))
                }
                None => quote!(None),
            };
            let (next, item_marker) = match &p.marker {
                Some(Marker::Next(path)) => {
                    let w = super::paginate::wire_path(path);
                    (quote!(Some(#w)), quote!(None))
                }
                Some(Marker::Item(f)) => {
                    let w = &f.wire_name;
                    (quote!(None), quote!(Some(#w)))
                }
                None => (quote!(None), quote!(None)),
            };
            quote!(Some(Paging { by_page: #by_page, first_page: #first_page, cursor: #cursor, size: #size, in_body: #in_body, default_size: #default_size, items: #items, total: #total, next: #next, item_marker: #item_marker }))
        }
        None => quote!(None),
    };
    let waiter = match &op.waiter {
        Some(_) => {
            let w = &op.names.waiter_static;
            quote!(Some(&super::client::#w))
        }
        None => quote!(None),
    };
    let version = &cx.v.name;
    quote! {
        Route {
            service: #service,
            version: #version,
            operation: &super::client::#st,
            params: &[#(#params),*],
            body: #body,
            body_mandatory: #body_mandatory,
            responses: &[#(#responses),*],
            headers: &[#(#headers),*],
            paging: #paging,
            waiter: #waiter,
        }
    }
}

/// A body of the table `name` (a success body without a usable example) with every documented
/// field: a value list's first value, `"string"` for other strings (fitted to a documented
/// length), 1 for numbers (within a documented range), `true`, one element per list (as many as
/// a documented minimum asks) and one `"key"` per map; a field that would hold its own table
/// again is left out (an empty list or map where it is their element). `None` when such a body
/// would not fit its table as the models read it (the check every example passes). Where
/// the body reports failures (`errors`), its code says success: absent, or its first success
/// value, and no message.
fn made_up(v: &Version, name: &str, errors: Option<&ErrorsInBody>) -> Option<String> {
    let t = Tables::of(v);
    let object = Type::Object(name.to_owned());
    let node = match t.whole_body(name) {
        Some(whole) => Node::new(&t, &whole.ty, None),
        None => Node::new(&t, &object, None),
    };
    let mut value = sample(node, &mut Vec::new())?;
    if let (Some(e), serde_json::Value::Object(fields)) = (errors, &mut value) {
        fields.remove(&e.message);
        let code = e.success.iter().find(|c| **c != SuccessCode::Null).map(|c| match c {
            SuccessCode::Str(s) => serde_json::Value::from(s.as_str()),
            SuccessCode::Int(n) => serde_json::Value::from(*n),
            SuccessCode::Bool(b) => serde_json::Value::from(*b),
            SuccessCode::Null => serde_json::Value::Null,
        });
        match code {
            _ if e.success.contains(&SuccessCode::Null) => fields.remove(&e.code),
            Some(code) => fields.insert(e.code.clone(), code),
            None => fields.remove(&e.code),
        };
    }
    let fits = huaweicloud_sdk_shape::check(node, &value, huaweicloud_sdk_shape::Strictness::Response, "$");
    fits.is_empty().then(|| value.to_string())
}

/// A value of `n` (see [`made_up`]); `None` for a table already being made (`open`).
fn sample<'a>(n: Node<'a>, open: &mut Vec<&'a str>) -> Option<serde_json::Value> {
    use serde_json::Value;
    // `x` moved into the bounds, a whole number when `whole` (the least whole number from the
    // minimum up, unless that passes the maximum).
    let within = |x: f64, b: huaweicloud_sdk_shape::Bounds, whole: bool| {
        let (min, max) = match whole {
            true => (b.min.map(f64::ceil), b.max.map(f64::floor)),
            false => (b.min, b.max),
        };
        let x = min.map_or(x, |m| x.max(m));
        max.map_or(x, |m| x.min(m))
    };
    Some(match n.kind() {
        Kind::Any => Value::Object(serde_json::Map::new()),
        Kind::Boolean => Value::Bool(true),
        Kind::String { values, .. } if !values.is_empty() => Value::from(values[0]),
        Kind::String { length, .. } => {
            let len = within(6.0, length, true).max(0.0) as usize;
            Value::from("string".chars().cycle().take(len).collect::<String>())
        }
        Kind::Integer { values, .. } if !values.is_empty() => Value::from(values[0]),
        Kind::Integer { range, .. } => Value::from(within(1.0, range, true) as i64),
        Kind::Number { range } => Value::from(within(1.0, range, false)),
        // As many elements as the list must have, at least one (and at most ten) where it may.
        Kind::Array { items, count } => match sample(items, open) {
            Some(item) => Value::Array(vec![item; within(1.0, count, true).clamp(0.0, 10.0) as usize]),
            None => Value::Array(Vec::new()),
        },
        Kind::Map(values) => {
            let mut map = serde_json::Map::new();
            if let Some(value) = sample(values, open) {
                map.insert("key".to_owned(), value);
            }
            Value::Object(map)
        }
        Kind::Object { table, fields } => {
            if table.is_some_and(|t| open.contains(&t)) {
                return None;
            }
            open.extend(table);
            let mut map = serde_json::Map::new();
            for f in fields {
                if let Some(value) = sample(f.node, open) {
                    map.insert(f.name.to_owned(), value);
                }
            }
            if table.is_some() {
                open.pop();
            }
            Value::Object(map)
        }
    })
}

/// `services/<service>/src/<version>/mock.rs`.
pub fn version_file(s: &Service, v: &Version) -> TokenStream {
    let docs = inner_doc(&format!("Mock cloud routes of {} API {} (feature `mock`).", s.display_name, v.name));
    let bodies = request_objects(v);
    let mut cx = Ctx { v, named: !cyclic(v, &bodies), open: BTreeSet::new() };
    let consts: Vec<TokenStream> = if cx.named {
        bodies
            .iter()
            .filter_map(|name| v.objects.iter().find(|o| &o.name == name))
            .map(|o| {
                let c = fields_const(&o.name);
                let fields: Vec<TokenStream> = o.fields.iter().map(|f| field_tokens(&mut cx, f)).collect();
                let d = format!(" The request table of `{}`.", o.name);
                quote!(#[doc = #d] const #c: &[Field] = &[#(#fields),*];)
            })
            .collect()
    } else {
        Vec::new()
    };
    let routes: Vec<TokenStream> = v.operations.iter().map(|op| route(&mut cx, s, op)).collect();
    quote! {
        #docs
        #[allow(unused_imports)]
        use ::huaweicloud_sdk_mock::{Field, Location, Param, Paging, Route, Shape};
        #(#consts)*
        /// One route per operation, in operation order.
        pub static ROUTES: &[Route] = &[#(#routes),*];
    }
}

/// The objects reachable from request bodies, sorted.
fn request_objects(v: &Version) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut todo: Vec<String> =
        v.operations.iter().filter_map(|o| o.body.as_ref()?.ty.object_name().map(str::to_owned)).collect();
    while let Some(name) = todo.pop() {
        if !out.insert(name.clone()) {
            continue;
        }
        if let Some(o) = v.objects.iter().find(|o| o.name == name) {
            todo.extend(o.fields.iter().filter_map(|f| f.ty.object_name().map(str::to_owned)));
        }
    }
    out
}

/// Whether some object of `objects` reaches itself.
fn cyclic(v: &Version, objects: &BTreeSet<String>) -> bool {
    let refs = |name: &str| -> Vec<String> {
        v.objects
            .iter()
            .find(|o| o.name == name)
            .map(|o| o.fields.iter().filter_map(|f| f.ty.object_name().map(str::to_owned)).collect())
            .unwrap_or_default()
    };
    objects.iter().any(|start| {
        let mut seen = BTreeSet::new();
        let mut todo = refs(start);
        while let Some(n) = todo.pop() {
            if &n == start {
                return true;
            }
            if seen.insert(n.clone()) {
                todo.extend(refs(&n));
            }
        }
        false
    })
}

/// `src/mock.rs`.
pub fn file(api: &Api, lib_name: &str) -> TokenStream {
    let rt = rt();
    // Written line by line rather than through `inner_doc`, which defuses code fences: this one
    // is a doctest.
    let start = format!(" let cloud = {lib_name}::mock::MockCloud::start().await?;");
    let lines = [
        " A mock cloud for tests (feature `mock`): [`MockCloud::start`] serves every operation of the",
        " enabled services on 127.0.0.1, as the spec documents it, and checks what it receives as the real",
        " service would; see [`huaweicloud_sdk_mock`] for what it checks and how",
        " to script it.",
        "",
        " ```no_run",
        " # async fn run() -> Result<(), Box<dyn std::error::Error>> {",
        start.as_str(),
        " // Every client made from this config calls the mock cloud, signed with its credentials.",
        " let config = cloud.config();",
        " # let _ = config;",
        " # Ok(()) }",
        " ```",
    ];
    let docs = quote!(#(#![doc = #lines])*);
    let extends = api.services.iter().flat_map(|s| {
        let feature = &s.name;
        let svc = ident(&s.name);
        s.versions.iter().map(move |v| {
            let ver = ident(&v.name);
            quote!(#[cfg(feature = #feature)] routes.extend(crate::#svc::#ver::mock::ROUTES);)
        })
    });
    quote! {
        #docs
        pub use #rt::{
            ACCESS_KEY, Answer, JobScript, METADATA_SECURITY_KEY, METADATA_TOKEN, MockServer, PROJECT_ID, REGION, Received, SECRET_KEY,
            ScriptError, TOKEN,
        };
        /// A running mock cloud with the routes of every enabled service; it derefs to the runtime's
        /// [`MockServer`] (config, scripting, received requests) and stops when dropped.
        #[derive(Debug)]
        pub struct MockCloud(MockServer);
        impl MockCloud {
            /// Starts the mock cloud on free ports of 127.0.0.1, one per service (inside a tokio runtime).
            pub async fn start() -> ::std::io::Result<Self> {
                #[allow(unused_mut)]
                let mut routes: Vec<&'static #rt::Route> = Vec::new();
                #(#extends)*
                MockServer::start(routes).await.map(MockCloud)
            }
        }
        impl ::std::ops::Deref for MockCloud {
            type Target = MockServer;
            fn deref(&self) -> &MockServer {
                &self.0
            }
        }
    }
}
