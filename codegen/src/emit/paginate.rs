//! The per-operation glue of the runtime's pagination and project discovery: which request field
//! moves, which response fields are read. The loops themselves are in the runtime
//! (`huaweicloud_sdk_runtime::paginate`, `huaweicloud_sdk_runtime::discovery`).

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc;
use super::models::rust_type;
use crate::ir::{Field, Marker, Operation, Service, Type};

/// The request's pagination parameter `f` read as `Option<_>` from the caller's `request`: a query
/// parameter, or with `body` (whether the body is mandatory) a field of the request body, which
/// may be unset; a copy of an integer, a clone of a String (a marker), or with `text` a String
/// borrowed as `&str` (a number written as text, which the runtime parses).
fn read_param(body: Option<bool>, f: &Field, text: bool) -> TokenStream {
    let n = &f.rust_name;
    let (n, mandatory) = match (f.ty == Type::String, text) {
        (false, _) => (quote!(#n), quote!(#n)),
        (true, false) => (quote!(#n.clone()), quote!(#n.clone())),
        (true, true) => (quote!(#n.as_deref()), quote!(#n.as_str())),
    };
    match (body, f.mandatory) {
        (Some(true), true) => quote!(Some(request.body.#mandatory)),
        (Some(true), false) => quote!(request.body.#n),
        (Some(false), true) => quote!(request.body.as_ref().map(|b| b.#mandatory)),
        (Some(false), false) => quote!(request.body.as_ref().and_then(|b| b.#n)),
        (None, true) => quote!(Some(request.#mandatory)),
        (None, false) => quote!(request.#n),
    }
}

/// The page size as the paginator takes it: `Option<i64>` with `wide` (a marker or text cursor),
/// else of the cursor's integer type; a String size is parsed (`None` when it holds no number:
/// the service answers the size as sent, and the listing then ends on an empty page or the total).
fn read_size(body: Option<bool>, f: &Field, cursor: &Field, wide: bool) -> TokenStream {
    let read = read_param(body, f, true);
    match (f.ty == Type::String, wide) {
        (false, false) if f.ty == cursor.ty => read,
        // An Integer cursor with a Long size, or the other way: the cursor's type.
        (false, false) => quote!(#read.and_then(|n| n.try_into().ok())),
        (false, true) => quote!(#read.map(i64::from)),
        (true, true) => quote!(#read.and_then(paginate::number)),
        (true, false) => quote!(#read.and_then(paginate::number).and_then(|n| n.try_into().ok())),
    }
}

/// Sets the request's cursor to `value` (the closure's `cursor`, or `Some(cursor)`): the query
/// parameter, or with `body` (whether the body is mandatory) the body's field. A number cursor is
/// always sent, as a query's is (in a body made with only the cursor when the caller set none); a
/// marker (`value` an `Option`) only from the second page: a body the caller left unset is made
/// only for a marker to send, so that the first page goes as the caller's request would, without
/// a body.
fn set_param(body: Option<bool>, marker: bool, f: &Field, value: TokenStream) -> TokenStream {
    let n = &f.rust_name;
    match (body, marker) {
        (None, _) => quote!(request.#n = #value;),
        (Some(true), _) => quote!(request.body.#n = #value;),
        // The body is optional only when none of its fields is mandatory: the cursor is an
        // `Option` here, and the body's type has `Default`.
        (Some(false), false) => quote! {
            request.body.get_or_insert_with(::core::default::Default::default).#n = #value;
        },
        // A marker's `value` is the closure's `cursor` itself, an `Option<String>`.
        (Some(false), true) => quote! {
            if #value.is_some() || request.body.is_some() {
                request.body.get_or_insert_with(::core::default::Default::default).#n = #value;
            }
        },
    }
}

/// The field at the end of `path` from `response`, through its objects, as an `Option<&T>`.
fn reach(path: &[Field]) -> TokenStream {
    let mut at = quote!();
    for (i, f) in path.iter().enumerate() {
        let n = &f.rust_name;
        at = match (i, f.mandatory) {
            (0, true) => quote!(Some(&response.#n)),
            (0, false) => quote!(response.#n.as_ref()),
            (_, true) => quote!(#at.map(|v| &v.#n)),
            (_, false) => quote!(#at.and_then(|v| v.#n.as_ref())),
        };
    }
    at
}

/// `response.<field>` of a list field, as an `Option<Vec<_>>`: `None` when absent or of the wrong
/// shape, which the paginator tells apart from the raw body.
fn page_items(f: &Field) -> TokenStream {
    let n = &f.rust_name;
    if f.mandatory { quote!(Some(response.#n)) } else { quote!(response.#n) }
}

/// `response.<field>` of a list field, as a `Vec`.
fn items(f: &Field) -> TokenStream {
    let n = &f.rust_name;
    if f.mandatory { quote!(response.#n) } else { quote!(response.#n.unwrap_or_default()) }
}

/// The `<operation>_all` method of an operation that declares pagination.
pub fn method(op: &Operation) -> Option<TokenStream> {
    let p = op.pagination.as_ref()?;
    let Type::Array(item) = &p.items.ty else { return None };
    let item = rust_type(item);
    let name = &op.names.all_method;
    let call = &op.names.method;
    let request = &op.names.request;
    let error = &op.names.error;
    let st = &op.names.op_static;
    // A marker cursor is optional (lowering checks it): the first page goes without one.
    let set_cursor = match (p.cursor.mandatory, &p.marker) {
        (_, Some(_)) => quote!(cursor),
        (true, None) => quote!(cursor),
        (false, None) => quote!(Some(cursor)),
    };
    // Where the cursor and size are: the query (`None`), or the body, mandatory or not.
    let body = op.body.as_ref().filter(|_| p.in_body).map(|b| b.mandatory);
    let set = set_param(body, p.marker.is_some(), &p.cursor, set_cursor);
    // A number cursor written as a String (DWS's `offset`) pages by text; the runtime parses it.
    let text = p.marker.is_none() && p.cursor.ty == Type::String;
    let constructor = match (&p.marker, text) {
        (Some(_), _) => quote!(by_marker),
        (None, true) => quote!(by_text),
        (None, false) => quote!(new),
    };
    let start = read_param(body, &p.cursor, text);
    let size = match &p.size {
        Some(f) => read_size(body, f, &p.cursor, p.marker.is_some() || text),
        None => quote!(None),
    };
    let style = match (p.by_page, p.first_page, &p.marker) {
        (_, _, Some(_)) => quote!(Marker),
        (true, 0, None) => quote!(PageFromZero),
        (true, _, None) => quote!(Page),
        (false, _, None) => quote!(Offset),
    };
    let items = page_items(&p.items);
    // A Long total is already the runtime's i64; an Integer one widens.
    let total = match p.total.as_deref() {
        // A field of the body itself as it always was; one through objects by `reach`.
        Some([t]) => {
            let (n, long) = (&t.rust_name, t.ty == Type::Long);
            match (t.mandatory, long) {
                (true, true) => quote!(Some(response.#n)),
                (true, false) => quote!(Some(i64::from(response.#n))),
                (false, true) => quote!(response.#n),
                (false, false) => quote!(response.#n.map(i64::from)),
            }
        }
        Some(path) => {
            let at = reach(path);
            let long = path.last().is_some_and(|t| t.ty == Type::Long);
            if long { quote!(#at.copied()) } else { quote!(#at.copied().map(i64::from)) }
        }
        None => quote!(None),
    };
    let total_path = p.total.as_deref().map(wire_path);
    let (cursor_wire, items_wire) = (&p.cursor.wire_name, &p.items.wire_name);
    // An items field without a wire name is the whole body (`items: .`).
    let items_named = if items_wire.is_empty() { "the body".to_owned() } else { format!("`{items_wire}`") };
    // The runtime's messages name a body field as validation does: `body.offset`.
    let cursor_named = if p.in_body { format!("body.{cursor_wire}") } else { cursor_wire.clone() };
    let total_wire = match &total_path {
        Some(w) => quote!(Some(#w)),
        None => quote!(None),
    };
    let stop = match (&total_path, &p.marker) {
        (Some(t), Some(Marker::Next(path))) => {
            format!("when a page has no `{}`, or when `{t}` items have been read", wire_path(path))
        }
        (None, Some(Marker::Next(path))) => format!("when a page has no `{}`", wire_path(path)),
        (Some(t), _) => format!("when `{t}` items have been read, or on an empty page"),
        (None, _) if p.size.is_some() => "on a page shorter than the page size, or on an empty page".to_owned(),
        (None, _) => "on an empty page".to_owned(),
    };
    let moves = match &p.marker {
        Some(Marker::Next(path)) => format!("setting it to each page's `{}`", wire_path(path)),
        Some(Marker::Item(f)) => format!("setting it to the `{}` of each page's last item", f.wire_name),
        None if p.by_page => "one page".to_owned(),
        None => "the number of items received".to_owned(),
    };
    // The next page's marker, read before the items are moved out of the response.
    let next = match &p.marker {
        Some(Marker::Next(path)) => {
            let at = reach(path);
            quote!(#at.cloned())
        }
        Some(Marker::Item(f)) => {
            let (list, n) = (&p.items.rust_name, &f.rust_name);
            let list = if p.items.mandatory { quote!(Some(&response.#list)) } else { quote!(response.#list.as_ref()) };
            let value = if f.mandatory { quote!(Some(i.#n.clone())) } else { quote!(i.#n.clone()) };
            quote!(#list.and_then(|l| l.last()).and_then(|i| #value))
        }
        None => quote!(None),
    };
    let marker_wire = match &p.marker {
        Some(Marker::Next(path)) => {
            let w = wire_path(path);
            quote!(Some(paginate::Marker::Next(#w)))
        }
        Some(Marker::Item(f)) => {
            let w = &f.wire_name;
            quote!(Some(paginate::Marker::Item(#w)))
        }
        None => quote!(None),
    };
    let docs = doc(&format!(
        "`{}`, every page: the items of {items_named} of each page as a stream, fetching the next page only \
         when the stream reaches it. Starts at the request{}'s `{cursor_wire}` and moves it by {}; stops {stop}. \
         The first error ends the stream; a listing that cannot go on ({items_named} not the documented array, \
         a page that repeats the previous one, the page cap) ends with \
         [`Error::Pagination`](::huaweicloud_sdk_runtime::Error::Pagination) rather than silently \
         (see [`paginate`](::huaweicloud_sdk_runtime::paginate)).",
        op.wire_name,
        if p.in_body { " body" } else { "" },
        moves,
    ));
    // `#[inline]`: the stream's loop, the listing's call and the decoding of its pages (the
    // paginator's future made a `dyn Stream` instantiates them all) are compiled in the program
    // that lists, as an `async fn`'s body is where it is awaited, not in the service's library
    // for every listing (half the library's code: BENCHMARKS.md, "Where the build ... goes").
    Some(quote! {
        #docs
        #[inline]
        pub fn #name(
            &self,
            request: &super::#request,
        ) -> paginate::Paginator<#item, super::#error> {
            static PAGES: paginate::Pages = paginate::Pages {
                op: &#st,
                style: paginate::Style::#style,
                cursor: #cursor_named,
                items: #items_wire,
                total: #total_wire,
                marker: #marker_wire,
            };
            let (start, size) = (#start, #size);
            let client = self.clone();
            let request = request.clone();
            paginate::Paginator::#constructor(&PAGES, start, size, move |cursor| {
                let client = client.clone();
                let mut request = request.clone();
                #set
                async move {
                    let response = client.#call(&request).await?;
                    let meta = response.meta().clone();
                    // `next` first: it reads what `items` moves out of the response.
                    Ok(paginate::Page { next: #next, items: #items, total: #total, meta })
                }
            })
        }
    })
}

/// The wire names of a path of fields, dotted: `page_info.next_marker`.
pub(super) fn wire_path(path: &[Field]) -> String {
    path.iter().map(|f| f.wire_name.as_str()).collect::<Vec<_>>().join(".")
}

/// `PROJECT_DISCOVERY` and its lookup function, for the operation that lists projects.
pub fn discovery(s: &Service, op: &Operation) -> Option<TokenStream> {
    let d = op.project_discovery.as_ref()?;
    let client = &s.names.client;
    let call = &op.names.method;
    let request = &op.names.request;
    let region = &d.region.rust_name;
    let build = if d.region.mandatory {
        quote!(let request = super::#request::new(region);)
    } else {
        quote!(let mut request = super::#request::new(); request.#region = Some(region);)
    };
    let items = items(&d.items);
    let id = &d.id.rust_name;
    let id = if d.id.mandatory { quote!(p.#id) } else { quote!(p.#id.unwrap_or_default()) };
    let docs = doc(&format!(
        "Project discovery through `{}`: the IDs in `{}[].{}` of the projects whose `{}` is the region. \
         Clients of project-scoped services use it when the credentials have no project ID (see \
         [`discovery`](::huaweicloud_sdk_runtime::discovery)).",
        op.wire_name, d.items.wire_name, d.id.wire_name, d.region.wire_name
    ));
    Some(quote! {
        #docs
        pub static PROJECT_DISCOVERY: ProjectsOfRegion = ProjectsOfRegion;
        /// The [`ProjectResolver`](::huaweicloud_sdk_runtime::discovery::ProjectResolver) of this
        /// service: [`PROJECT_DISCOVERY`] is its one value.
        #[derive(Debug, Clone, Copy)]
        pub struct ProjectsOfRegion;
        impl runtime::discovery::ProjectResolver for ProjectsOfRegion {
            fn service(&self) -> &'static runtime::endpoint::ServiceInfo {
                &super::super::SERVICE
            }
            fn projects(
                &self,
                config: &runtime::Config,
                endpoint: client::Url,
                region: String,
            ) -> runtime::discovery::ResolveFuture {
                let client = #client {
                    client: runtime::Client::with_endpoints(
                        config,
                        &super::super::SERVICE,
                        vec![endpoint],
                    ),
                };
                Box::pin(async move {
                    #build
                    let response = client.#call(&request).await?;
                    Ok(#items.into_iter().map(|p| #id).collect())
                })
            }
        }
    })
}
