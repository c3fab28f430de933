//! The mock cloud's routes (feature `mock`): per version `src/<service>/<version>/mock.rs`, one
//! `runtime::mock::Route` per operation, data only (parameters and body with their documented
//! constraints, documented responses, pagination); and `src/mock.rs` with `MockCloud`, which
//! starts the runtime's mock server with the routes of the enabled services.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::client::op_static;
use super::docs::inner_doc;
use crate::ir::{Api, Bounds, Field, Location, Operation, Service, Supplied, Type, Version};
use crate::naming::ident;

const RT: &str = "::huaweicloud_sdk_runtime::mock";

fn rt() -> TokenStream {
    RT.parse().unwrap_or_default()
}

fn opt(x: Option<f64>) -> TokenStream {
    match x {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    }
}

fn bounds(b: Option<&Bounds>) -> (TokenStream, TokenStream) {
    (opt(b.and_then(|b| b.min)), opt(b.and_then(|b| b.max)))
}

/// The shape of a value of type `ty`; `field` carries the constraints when the value is a field
/// itself (not an element of one). Objects already being expanded become `Any` (no cycles).
fn shape(v: &Version, ty: &Type, field: Option<&Field>, open: &mut BTreeSet<String>) -> TokenStream {
    let length = field.and_then(|f| f.length.as_ref());
    let range = field.and_then(|f| f.range.as_ref());
    match ty {
        Type::String => {
            let (min, max) = bounds(length);
            quote!(Shape::String { min_len: #min, max_len: #max, values: &[] })
        }
        Type::Enum(name) => {
            let (min, max) = bounds(length);
            let values: Vec<&str> = v
                .enums
                .iter()
                .find(|e| &e.name == name)
                .map(|e| e.variants.iter().map(|x| x.wire.as_str()).collect())
                .unwrap_or_default();
            quote!(Shape::String { min_len: #min, max_len: #max, values: &[#(#values),*] })
        }
        Type::Integer | Type::Long => {
            let (min, max) = bounds(range);
            quote!(Shape::Integer { min: #min, max: #max })
        }
        Type::Number => {
            let (min, max) = bounds(range);
            quote!(Shape::Number { min: #min, max: #max })
        }
        Type::Boolean => quote!(Shape::Boolean),
        Type::Any => quote!(Shape::Any),
        Type::Array(inner) => {
            let items = shape(v, inner, None, open);
            let (min, max) = bounds(length);
            quote!(Shape::Array { items: &#items, min_items: #min, max_items: #max })
        }
        Type::Map(inner) => {
            let values = shape(v, inner, None, open);
            quote!(Shape::Map(&#values))
        }
        Type::Object(name) => {
            let Some(object) = v.objects.iter().find(|o| &o.name == name) else { return quote!(Shape::Any) };
            if !open.insert(name.clone()) {
                return quote!(Shape::Any);
            }
            let fields: Vec<TokenStream> = object.fields.iter().map(|f| field_tokens(v, f, open)).collect();
            open.remove(name);
            quote!(Shape::Object(&[#(#fields),*]))
        }
    }
}

fn field_tokens(v: &Version, f: &Field, open: &mut BTreeSet<String>) -> TokenStream {
    let (name, mandatory) = (&f.wire_name, f.mandatory);
    let shape = shape(v, &f.ty, Some(f), open);
    quote!(Field { name: #name, mandatory: #mandatory, shape: #shape })
}

fn route(s: &Service, v: &Version, op: &Operation) -> TokenStream {
    let service = &s.name;
    let st = op_static(op);
    let mut open = BTreeSet::new();
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
            let field = field_tokens(v, &p.field, &mut open);
            quote!(Param { location: Location::#location, field: #field })
        })
        .collect();
    let (body, body_mandatory) = match &op.body {
        Some(b) => {
            let shape = shape(v, &Type::Object(b.object.clone()), None, &mut open);
            (quote!(Some(&#shape)), b.mandatory)
        }
        None => (quote!(None), false),
    };
    let responses = op.responses.iter().map(|r| {
        let status = r.status;
        let example = r.examples.first().map_or("", |e| e.json.as_str());
        quote!((#status, #example))
    });
    let paging = match &op.pagination {
        Some(p) => {
            let (by_page, cursor, items) = (p.by_page, &p.cursor.wire_name, &p.items.wire_name);
            let size = match &p.size {
                Some(f) => {
                    let n = &f.wire_name;
                    quote!(Some(#n))
                }
                None => quote!(None),
            };
            let default_size = match p.size.as_ref().and_then(|f| f.default.as_ref()).and_then(|d| d.as_i64()) {
                Some(n) => quote!(Some(#n)),
                None => quote!(None),
            };
            let total = match &p.total {
                Some(f) => {
                    let n = &f.wire_name;
                    quote!(Some(#n))
                }
                None => quote!(None),
            };
            quote!(Some(Paging { by_page: #by_page, cursor: #cursor, size: #size, default_size: #default_size, items: #items, total: #total }))
        }
        None => quote!(None),
    };
    quote! {
        Route {
            service: #service,
            operation: &super::client::#st,
            params: &[#(#params),*],
            body: #body,
            body_mandatory: #body_mandatory,
            responses: &[#(#responses),*],
            paging: #paging,
        }
    }
}

/// `src/<service>/<version>/mock.rs`.
pub fn version_file(s: &Service, v: &Version) -> TokenStream {
    let docs = inner_doc(&format!("Mock cloud routes of {} API {} (feature `mock`).", s.display_name, v.name));
    let routes = v.operations.iter().map(|op| route(s, v, op));
    quote! {
        #docs
        #[allow(unused_imports)]
        use ::huaweicloud_sdk_runtime::mock::{Field, Location, Param, Paging, Route, Shape};
        /// One route per operation, in operation order.
        pub(crate) static ROUTES: &[Route] = &[#(#routes),*];
    }
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
        " service would; see [`runtime::mock`](huaweicloud_sdk_runtime::mock) for what it checks and how",
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
        pub use #rt::{Answer, MockServer, Received};
        /// A running mock cloud with the routes of every enabled service; it derefs to the runtime's
        /// [`MockServer`] (config, scripting, received requests) and stops when dropped.
        #[derive(Debug)]
        pub struct MockCloud(MockServer);
        impl MockCloud {
            /// Starts the mock cloud on a free port of 127.0.0.1 (inside a tokio runtime).
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
