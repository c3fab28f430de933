//! Structs for body and object tables, and enums for value lists.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::{doc, field_doc};
use crate::ir::{Enum, Field, Object, Type};
use crate::naming::ident;

/// The Rust type of a field, as seen from an operation module (siblings are reached via `super`).
pub fn rust_type(ty: &Type) -> TokenStream {
    match ty {
        Type::String => quote!(String),
        Type::Integer => quote!(i32),
        Type::Long => quote!(i64),
        Type::Number => quote!(f64),
        Type::Boolean => quote!(bool),
        Type::Any => quote!(::serde_json::Value),
        Type::Array(t) => {
            let t = rust_type(t);
            quote!(Vec<#t>)
        }
        Type::Map(t) => {
            let t = rust_type(t);
            quote!(::std::collections::BTreeMap<String, #t>)
        }
        Type::Object(n) | Type::Enum(n) => {
            let n = ident(n);
            quote!(super::#n)
        }
    }
}

/// The declared type of a field: `Option<T>` unless it is mandatory.
pub fn field_type(f: &Field) -> TokenStream {
    let t = rust_type(&f.ty);
    if f.mandatory { t } else { quote!(Option<#t>) }
}

/// A setter or constructor argument: `impl Into<String>` for strings, the type otherwise (the
/// runtime's `builder!` converts with `Into::into`, the identity for the others).
pub fn arg_type(ty: &Type) -> TokenStream {
    match ty {
        Type::String => quote!(impl Into<String>),
        other => rust_type(other),
    }
}

/// One struct with its constructor and setters (request objects), and its serde impls from the
/// runtime's `object!`: a field list with wire names instead of serde derives, which expand to
/// several visitors and a wrapper per lenient field and dominated the build of a large crate
/// (see BENCHMARKS.md). An `output` (an operation's success body) also keeps the response's
/// status, request ID and headers, read with `meta()`.
pub fn object(o: &Object, output: bool) -> TokenStream {
    let name = ident(&o.name);
    let docs = doc(&o.description);
    let all_optional = o.fields.iter().all(|f| !f.mandatory);
    let default = all_optional.then(|| quote!(Default,));
    let (builder, meta_field, meta_impl) = if output {
        let ignores_body = o.fields.is_empty().then(|| quote!(, ignores_body));
        (
            o.in_request.then(|| builder(&name, &o.fields, true)),
            Some(quote!(sdk_meta: ::huaweicloud_sdk_runtime::client::ResponseMeta,)),
            Some(quote!(::huaweicloud_sdk_runtime::output!(#name #ignores_body);)),
        )
    } else {
        (o.in_request.then(|| builder(&name, &o.fields, false)), None, None)
    };
    let fields = o.fields.iter().map(|f| {
        let docs = doc(&field_doc(f, None, None));
        let n = ident(&f.rust_name);
        let ty = field_type(f);
        quote! { #docs pub #n: #ty, }
    });
    let entries = o.fields.iter().map(|f| {
        let n = ident(&f.rust_name);
        let wire = &f.wire_name;
        let required = f.mandatory.then(|| quote!(required));
        quote!(#n: #wire #required,)
    });
    // Every field optional and reachable from a response: decoded leniently, in place. Otherwise
    // (request objects, or mandatory fields) the strict form.
    let serde = if all_optional && o.in_response {
        quote!(::huaweicloud_sdk_runtime::object!(#name { #(#entries)* });)
    } else {
        let meta = output.then(|| quote!(sdk_meta));
        quote!(::huaweicloud_sdk_runtime::object!(strict #name { #(#entries)* } #meta);)
    };
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, #default)]
        #[non_exhaustive]
        pub struct #name { #(#fields)* #meta_field }
        #builder
        #meta_impl
        #serde
    }
}

/// `new` taking the mandatory fields, and one chained setter per optional field: a table for the
/// runtime's `builder!`, one line per field. `meta` starts an output's meta field empty.
pub fn builder(name: &proc_macro2::Ident, fields: &[Field], meta: bool) -> TokenStream {
    let args = fields.iter().filter(|f| f.mandatory).map(|f| {
        let n = ident(&f.rust_name);
        let t = arg_type(&f.ty);
        quote!(#n: #t)
    });
    let setters = fields.iter().filter(|f| !f.mandatory).map(|f| {
        let n = ident(&f.rust_name);
        let t = arg_type(&f.ty);
        quote!(#n: #t,)
    });
    let meta = meta.then(|| quote!(sdk_meta));
    quote!(::huaweicloud_sdk_runtime::builder!(#name { new(#(#args),*), #(#setters)* } #meta);)
}

/// One enum with an `Unknown` variant, and its wire conversions.
pub fn enumeration(e: &Enum) -> TokenStream {
    let name = ident(&e.name);
    let values: Vec<String> = e.variants.iter().map(|v| format!("`{}`", v.wire)).collect();
    let docs = doc(&format!("{}\n\nDocumented values: {}.", e.description, values.join(", ")));
    let variants = e.variants.iter().map(|v| {
        let n = format_ident!("{}", v.rust_name);
        let d = match &v.description {
            Some(text) => format!("`{}`: {}", v.wire, text),
            None => format!("`{}`.", v.wire),
        };
        let d = doc(&d);
        quote!(#d #n,)
    });
    let table = e.variants.iter().map(|v| {
        let n = format_ident!("{}", v.rust_name);
        let w = &v.wire;
        quote!(#n = #w,)
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #(#variants)*
            /// A value that was not documented when this SDK was generated, kept as received.
            Unknown(String),
        }
        ::huaweicloud_sdk_runtime::wire_enum!(#name { #(#table)* });
    }
}
