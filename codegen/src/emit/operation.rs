//! One file per operation: its request type and the objects and enums its page defines first.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc, field_doc, inner_doc};
use super::models::{self, builder, field_type};
use crate::ir::{Field, Location, Operation, Version};

/// The items of `services/<service>/src/<version>/<operation>.rs`.
pub fn file(v: &Version, op: &Operation) -> TokenStream {
    let module_doc = inner_doc(&module_doc(op));
    let request = request(v, op);
    let error = super::client::error_enum(op);
    let module = op.names.module.name();
    let (objects, enums) = items(v, module);
    quote! {
        #module_doc
        #request
        #error
        #(#objects)*
        #(#enums)*
    }
}

/// The objects and enums of the module `module`, with their impls.
fn items(v: &Version, module: &str) -> (Vec<TokenStream>, Vec<TokenStream>) {
    let outputs: Vec<&str> = v.operations.iter().filter_map(|o| o.success_body.as_deref()).collect();
    let objects = v
        .objects
        .iter()
        .filter(|o| o.module == module)
        .map(|o| models::object(o, outputs.contains(&o.name.as_str())))
        .collect();
    let enums = v.enums.iter().filter(|e| e.module == module).map(models::enumeration).collect();
    (objects, enums)
}

/// `services/<service>/src/<version>/shared.rs`: the objects and enums that several operations
/// use (written only when [`Version::has_shared_items`]).
pub fn shared_file(v: &Version) -> TokenStream {
    let (objects, enums) = items(v, crate::ir::SHARED_MODULE);
    let module_doc = inner_doc("The objects and value lists that several operations of this version use.");
    quote! {
        #module_doc
        #(#objects)*
        #(#enums)*
    }
}

/// The operation's title: the module is private, its items re-exported, so its description and
/// constraints are in the rendered docs of the client method instead.
fn module_doc(op: &Operation) -> String {
    format!("{}: {}", op.wire_name, op.title)
}

/// The fields of the request type: parameters the caller passes, then `body`.
pub fn request_fields(v: &Version, op: &Operation) -> Vec<Field> {
    let mut fields: Vec<Field> =
        op.params.iter().filter(|p| p.supplied_by.is_none()).map(|p| p.field.clone()).collect();
    if let Some(b) = &op.body {
        let description =
            v.objects.iter().find(|o| o.name == b.object).map(|o| o.description.clone()).unwrap_or_default();
        fields.push(Field {
            wire_name: "body".to_owned(),
            rust_name: crate::naming::Ident::from_source("body"),
            ty: crate::ir::Type::Object(b.object.clone()),
            mandatory: b.mandatory,
            description,
            default: None,
            range: None,
            length: None,
            sensitive: false,
        });
    }
    fields
}

fn request(v: &Version, op: &Operation) -> TokenStream {
    let name = &op.names.request;
    let fields = request_fields(v, op);
    let doc_of = |f: &Field| {
        let place = op.params.iter().find(|p| p.field.wire_name == f.wire_name && f.rust_name.name() != "body").map(
            |p| match p.location {
                Location::Path => "Path parameter",
                Location::Query => "Query parameter",
                Location::Header => "Header",
            },
        );
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
