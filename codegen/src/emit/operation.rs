//! One file per operation: its request type and the objects and enums its page defines first.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc, field_doc, inner_doc};
use super::models::{self, builder, field_type};
use crate::ir::{Field, Location, Operation, Service, Version};

/// The items of `services/<service>/src/<version>/<operation>.rs`, the public module
/// `<version>::<operation>`: the request, the error enum and the success body (see
/// [`Version::home`]).
pub fn file(s: &Service, v: &Version, op: &Operation) -> TokenStream {
    let module_doc = inner_doc(&module_doc(s, v, op));
    let request = request(v, op);
    let error = super::errors::error_enum(op);
    let module = op.names.module.name();
    let (objects, _) = items(v, |name, m| m == module && v.home(name) == module);
    quote! {
        #module_doc
        #request
        #error
        #(#objects)*
    }
}

/// `services/<service>/src/<version>/types/<operation>.rs`: the objects and enums that only
/// `op` uses, re-exported by the `types` module (written only when [`has_own_types`]).
pub fn types_file(v: &Version, op: &Operation) -> TokenStream {
    let module = op.names.module.name();
    let (objects, enums) = items(v, |name, m| m == module && v.home(name) != module);
    let module_doc = inner_doc(&format!("The objects and value lists that only `{}` uses.", op.wire_name));
    quote! {
        #module_doc
        #(#objects)*
        #(#enums)*
    }
}

/// Whether `op` has objects or enums of its own besides its success body: then it has a
/// [`types_file`].
pub fn has_own_types(v: &Version, op: &Operation) -> bool {
    let module = op.names.module.name();
    v.objects
        .iter()
        .map(|o| (&o.name, &o.module))
        .chain(v.enums.iter().map(|e| (&e.name, &e.module)))
        .any(|(name, m)| m == module && v.home(name) != module)
}

/// The objects and enums for which `keep(name, defining module)` holds, with their impls.
fn items(v: &Version, keep: impl Fn(&str, &str) -> bool) -> (Vec<TokenStream>, Vec<TokenStream>) {
    // Each success body with the headers its operation documents.
    let outputs: Vec<(&str, &[crate::ir::Field])> = v
        .operations
        .iter()
        .filter_map(|o| {
            let headers = o.responses.iter().find(|r| (200..300).contains(&r.status)).map_or(&[][..], |r| &r.headers);
            o.success_body.as_deref().map(|b| (b, headers))
        })
        .collect();
    let objects = v
        .objects
        .iter()
        .filter(|o| keep(&o.name, &o.module))
        .map(|o| models::object(o, outputs.iter().find(|(b, _)| *b == o.name).map(|(_, h)| *h)))
        .collect();
    let enums = v.enums.iter().filter(|e| keep(&e.name, &e.module)).map(models::enumeration).collect();
    (objects, enums)
}

/// `services/<service>/src/<version>/types/shared.rs`: the objects and enums that several
/// operations use (written only when [`Version::has_shared_items`]).
pub fn shared_file(v: &Version) -> TokenStream {
    let (objects, enums) = items(v, |_, m| m == crate::ir::SHARED_MODULE);
    let module_doc = inner_doc("The objects and value lists that several operations of this version use.");
    quote! {
        #module_doc
        #(#objects)*
        #(#enums)*
    }
}

/// The module's documentation: the operation's title, the call and what the module holds (its
/// description and constraints are in the rendered docs of the client method).
fn module_doc(s: &Service, v: &Version, op: &Operation) -> String {
    let output = op
        .success_body
        .as_deref()
        .filter(|b| v.home(b) == op.names.module.name())
        .map(|b| format!(", the response [`{b}`]"))
        .unwrap_or_default();
    let (client, method) = (&s.names.client, &op.names.method);
    format!(
        "{}: {}\n\n`{} {}`, called with [`{client}::{method}`](super::{client}::{method}): the request \
         [`{}`]{output} and the documented errors [`{}`].",
        op.wire_name, op.title, op.method, op.uri, op.names.request, op.names.error
    )
}

/// The fields of the request type: parameters the caller passes, then `body`.
pub fn request_fields(v: &Version, op: &Operation) -> Vec<Field> {
    let mut fields: Vec<Field> =
        op.params.iter().filter(|p| p.supplied_by.is_none()).map(|p| p.field.clone()).collect();
    if let Some(b) = &op.body {
        // A table's object may have been given more words when it moved to `shared`.
        let description = match b.object() {
            Some(name) => v.objects.iter().find(|o| o.name == name).map(|o| o.description.clone()).unwrap_or_default(),
            None => format!("{}\n\nThe whole body: it is not a JSON object.", b.description),
        };
        fields.push(b.field(description));
    }
    fields
}

fn request(v: &Version, op: &Operation) -> TokenStream {
    let name = &op.names.request;
    let fields = request_fields(v, op);
    let doc_of = |f: &Field| {
        let place = op
            .params
            .iter()
            .find(|p| p.field.wire_name == f.wire_name && f.rust_name.name() != crate::naming::BODY_FIELD)
            .map(|p| match p.location {
                Location::Path => "Path parameter",
                Location::Query => "Query parameter",
                Location::Header => "Header",
            });
        field_doc(f, enum_values(v, f).as_deref(), place)
    };
    let decls = fields.iter().map(|f| {
        let n = &f.rust_name;
        let t = field_type(f);
        let d = doc(&doc_of(f));
        quote!(#d pub #n: #t,)
    });
    let source = op.source.as_ref().map(|s| format!("\n\n{}", s.sentence())).unwrap_or_default();
    let docs = doc(&format!(
        "Request of `{}`: {}.\n\n`{} {}`\n\nMandatory parameters are the arguments of [`{}::new`]; optional ones are set with the chained setters.{source}",
        op.wire_name, op.title, op.method, op.uri, op.names.request
    ));
    let builder = builder(&name, &fields, false, doc_of);
    let default = fields.iter().all(|f| !f.mandatory).then(|| quote!(Default,));
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, #default)]
        #[non_exhaustive]
        pub struct #name { #(#decls)* }
        #builder
    }
}

fn enum_values(v: &Version, f: &Field) -> Option<Vec<String>> {
    let crate::ir::Type::Enum(n) = &f.ty else { return None };
    v.enums.iter().find(|e| &e.name == n).map(|e| e.variants.iter().map(|x| x.wire.clone()).collect())
}
