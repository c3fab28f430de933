//! Structs for body and object tables, and enums for value lists.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::{doc, field_doc};
use crate::ir::{Enum, Field, Object, Type};
use crate::naming::ident;

/// The Rust type of a value, generated types named from a sibling module (`super::Name`).
pub fn rust_type(ty: &Type) -> TokenStream {
    rust_type_in(ty, &quote!(super))
}

/// The Rust type of a value, generated types named through `module` (`super`, or the conformance
/// harness's `api` alias of a version module).
pub fn rust_type_in(ty: &Type, module: &TokenStream) -> TokenStream {
    match ty {
        Type::String => quote!(String),
        Type::Integer => quote!(i32),
        Type::Long => quote!(i64),
        Type::Number => quote!(f64),
        Type::Boolean => quote!(bool),
        Type::Any => quote!(::serde_json::Value),
        Type::Array(t) => {
            let t = rust_type_in(t, module);
            quote!(Vec<#t>)
        }
        Type::Map(t) => {
            let t = rust_type_in(t, module);
            quote!(::std::collections::BTreeMap<String, #t>)
        }
        Type::Object(n) | Type::Enum(n) => {
            let n = ident(n);
            quote!(#module::#n)
        }
    }
}

/// The declared type of a field: `Option<T>` unless it is mandatory, where `T` is the runtime's
/// `Secret` for a sensitive field (lowering allows `sensitive` on String fields only), as for
/// the credentials: redacted in `Debug`, no `Display`, zeroed on drop.
pub fn field_type(f: &Field) -> TokenStream {
    let t = if f.sensitive { quote!(runtime::Secret) } else { rust_type(&f.ty) };
    if f.mandatory { t } else { quote!(Option<#t>) }
}

/// A setter or constructor argument: `impl Into<String>` for strings (`impl Into<Secret>` for a
/// sensitive one, which a `String` or `&str` is), the type otherwise.
pub fn arg_type(f: &Field) -> TokenStream {
    match &f.ty {
        _ if f.sensitive => quote!(impl Into<runtime::Secret>),
        Type::String => quote!(impl Into<String>),
        other => rust_type(other),
    }
}

/// An argument's value as stored: strings through `Into`, the others as they are.
fn arg_value(f: &Field) -> TokenStream {
    let n = f.rust_name.clone();
    match f.ty {
        Type::String => quote!(#n.into()),
        _ => quote!(#n),
    }
}

/// One struct (a body or object table) with, for request objects, its constructor and setters;
/// for an operation's success body (`output`), the response's meta (status, request ID, headers,
/// raw body, read with `meta()`); and its serde impls: its field list in the runtime's
/// `__object_serde!` glue, which implements the runtime's `Object` (decoded leniently in place)
/// or `StrictObject` trait and `Serialize`/`Deserialize` on top, instead of serde derives, which
/// expand to several visitors and a wrapper per lenient field and dominated the build of a large
/// crate (see BENCHMARKS.md).
///
/// `output` is `Some(headers)` for an operation's success body, with the response headers its
/// operation documents: each gets an accessor reading it from the meta.
pub fn object(o: &Object, output: Option<&[Field]>) -> TokenStream {
    let headers = output.unwrap_or_default();
    let output = output.is_some();
    if o.whole {
        return whole_object(o);
    }
    let name = ident(&o.name);
    let docs = if o.caption == o.name {
        doc(&o.description)
    } else {
        doc(&format!("{}\n\nDocumented as `{}`.", o.description, o.caption))
    };
    let all_optional = o.fields.iter().all(|f| !f.mandatory);
    let default = all_optional.then(|| quote!(Default,));
    let builder = o.in_request.then(|| builder(&name, &o.fields, output, |f| field_doc(f, None, None)));
    let (meta_field, meta_impl) = if output {
        (
            Some(quote!(sdk_meta: client::ResponseMeta,)),
            Some(output_impl(&name, o.fields.is_empty().then_some("ignores_body"))),
        )
    } else {
        (None, None)
    };
    let fields = o.fields.iter().map(|f| {
        let docs = doc(&field_doc(f, None, None));
        let n = f.rust_name.clone();
        let ty = field_type(f);
        quote! { #docs pub #n: #ty, }
    });
    // Every field optional and reachable from a response: decoded leniently, in place. Otherwise
    // (request objects, or mandatory fields) the strict form.
    let serde = if all_optional && o.in_response {
        lenient_impl(&name, &o.fields)
    } else {
        strict_impl(&name, &o.fields, output)
    };
    // `meta()` and the list accessors in one block (a response object has no builder).
    let (meta_fn, meta_glue) = meta_impl.unzip();
    let mut accessors = list_accessors(o, output);
    accessors.extend(headers.iter().map(header_accessor));
    let reads = (meta_fn.is_some() || !accessors.is_empty()).then(|| quote!(impl #name { #meta_fn #(#accessors)* }));
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, #default)]
        #[non_exhaustive]
        pub struct #name { #(#fields)* #meta_field }
        #builder
        #reads
        #meta_glue
        #serde
    }
}

/// The accessor of a documented response header: its text, or a `Secret` for a sensitive one
/// (IAM's `X-Subject-Token`); `None` when the response did not carry it or it is not text.
fn header_accessor(f: &Field) -> TokenStream {
    let n = &f.rust_name;
    let wire = &f.wire_name;
    let (ty, read) = if f.sensitive {
        (quote!(Option<runtime::Secret>), quote!(.map(runtime::Secret::from)))
    } else {
        (quote!(Option<&str>), quote!())
    };
    let secret = if f.sensitive { " A secret: its `Debug` is redacted; `expose()` gives the text." } else { "" };
    let docs = doc(&format!(
        "Response header `{wire}`: {}{secret} `None` when the response did not carry it (or not as text); [`meta()`](Self::meta) has every header.",
        f.description.trim()
    ));
    quote! {
        #docs
        pub fn #n(&self) -> #ty {
            self.sdk_meta.headers().get(#wire).and_then(|v| v.to_str().ok()) #read
        }
    }
}

/// A response object's slice accessor for each optional list (`users()` for
/// `users: Option<Vec<User>>`), empty when the service sent none, so that a loop needs no
/// `.iter().flatten()` (as aws-sdk-rust's). Not on objects that requests use too, whose builder
/// setters have the fields' names, nor for a field the response's `meta()` would shadow.
fn list_accessors(o: &Object, output: bool) -> Vec<TokenStream> {
    if !o.in_response || o.in_request {
        return Vec::new();
    }
    o.fields
        .iter()
        .filter(|f| !(f.mandatory || output && f.rust_name.name() == "meta"))
        .filter_map(|f| {
            let Type::Array(element) = &f.ty else { return None };
            let n = f.rust_name.clone();
            let element = rust_type(element);
            let docs =
                doc(&format!("`{}` as a slice: empty when the response has none (the field is `None`).", f.wire_name));
            Some(quote! {
                #docs
                pub fn #n(&self) -> &[#element] {
                    self.#n.as_deref().unwrap_or_default()
                }
            })
        })
        .collect()
}

/// The success type of a body that is not a JSON object (the spec's response `type`): the whole
/// body in `body` (`None` when the service sent something else, which stays readable in the
/// meta's raw body), decoded leniently; a `String` body also takes a body that is not JSON as its
/// text, as the official SDKs do.
fn whole_object(o: &Object) -> TokenStream {
    let name = ident(&o.name);
    let docs = doc(&format!(
        "{}

The body is not a JSON object: `body` holds all of it.",
        o.description
    ));
    let field = o.fields.first().expect("lowering gives a whole body exactly one field");
    let (n, ty) = (&field.rust_name, field_type(field));
    let field_docs = doc(&field_doc(field, None, None));
    let (meta, glue) = output_impl(&name, (field.ty == Type::String).then_some("text_body"));
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Default)]
        #[non_exhaustive]
        pub struct #name {
            #field_docs
            pub #n: #ty,
            sdk_meta: client::ResponseMeta,
        }
        impl #name { #meta }
        #glue
        impl<'de> runtime::__serde::Deserialize<'de> for #name {
            fn deserialize<D: runtime::__serde::Deserializer<'de>>(
                d: D,
            ) -> Result<Self, D::Error> {
                Ok(Self { #n: lenient::deserialize(d)?, sdk_meta: Default::default() })
            }
        }
        impl runtime::__serde::Serialize for #name {
            fn serialize<S: runtime::__serde::Serializer>(
                &self,
                s: S,
            ) -> Result<S::Ok, S::Error> {
                runtime::__serde::Serialize::serialize(&self.#n, s)
            }
        }
    }
}

/// `meta()` and the runtime's `Output` (its `__output!` glue) of an operation's success body.
/// `flag` is the glue's `ignores_body` or `text_body`.
fn output_impl(name: &proc_macro2::Ident, flag: Option<&str>) -> (TokenStream, TokenStream) {
    let flag = flag.map(|f| {
        let f = format_ident!("{f}");
        quote!(, #f)
    });
    let meta = quote! {
        /// Status, request ID, headers, attempts and raw body of the response this was decoded from.
        pub fn meta(&self) -> &client::ResponseMeta {
            &self.sdk_meta
        }
    };
    (meta, quote!(runtime::__output!(#name #flag);))
}

/// The runtime's `Object` for a response object: its field list (each field's name and wire
/// name) in the `__object_serde!` glue, which makes the match arm per field.
fn lenient_impl(name: &proc_macro2::Ident, fields: &[Field]) -> TokenStream {
    let fields = fields.iter().map(|f| {
        let (n, wire) = (&f.rust_name, &f.wire_name);
        quote!(#n = #wire)
    });
    quote!(runtime::__object_serde!(#name { #(#fields),* });)
}

/// The runtime's `StrictObject` for a request object or one with mandatory fields: its field
/// list in the `__object_serde!` glue, each field `req` (mandatory) or `opt`; `output` for an
/// operation's success body, whose meta starts empty.
fn strict_impl(name: &proc_macro2::Ident, fields: &[Field], output: bool) -> TokenStream {
    let fields = fields.iter().map(|f| {
        let (n, wire) = (&f.rust_name, &f.wire_name);
        let kind = format_ident!("{}", if f.mandatory { "req" } else { "opt" });
        quote!(#kind #n = #wire)
    });
    let form = format_ident!("{}", if output { "output" } else { "strict" });
    quote!(runtime::__object_serde!(#form #name { #(#fields),* });)
}

/// A setter's doc: a link to its field, whose docs say everything, and the first line of those
/// docs (the field's summary), so that the method list still reads.
fn setter_doc(f: &Field, field_doc: &str) -> String {
    let anchor = f.rust_name.name();
    let summary = field_doc.trim().lines().next().unwrap_or("").trim();
    let link = format!("Sets [`{anchor}`](Self#structfield.{anchor})");
    if summary.is_empty() { format!("{link}.") } else { format!("{link}: {summary}") }
}

/// `new` taking the mandatory fields, and one chained setter per optional field, each documented
/// with a link to its field and the summary of its documentation (`doc_of`). `meta` starts an output's meta field empty.
pub fn builder(
    name: &(impl quote::ToTokens + std::fmt::Display),
    fields: &[Field],
    meta: bool,
    doc_of: impl Fn(&Field) -> String,
) -> TokenStream {
    let mandatory: Vec<&Field> = fields.iter().filter(|f| f.mandatory).collect();
    let args = mandatory.iter().map(|f| {
        let n = f.rust_name.clone();
        let t = arg_type(f);
        quote!(#n: #t)
    });
    let inits = fields.iter().map(|f| {
        let n = f.rust_name.clone();
        if f.mandatory && f.ty == Type::String {
            quote!(#n: #n.into(),)
        } else if f.mandatory {
            quote!(#n,)
        } else {
            quote!(#n: None,)
        }
    });
    let meta = meta.then(|| quote!(sdk_meta: Default::default(),));
    // Every field optional: the type derives `Default` (both callers), which is `new`.
    let body =
        if mandatory.is_empty() { quote!(<Self as Default>::default()) } else { quote!(Self { #(#inits)* #meta }) };
    // The fields' own docs say what each is; `new` names them.
    let new_doc = if mandatory.is_empty() {
        format!("Creates a `{name}` with every field unset; set them with the chained setters.")
    } else {
        let list: Vec<String> = mandatory.iter().map(|f| format!("`{}`", f.rust_name.name())).collect();
        format!(
            "Creates a `{name}` from its mandatory fields ({}); optional fields start unset, set them with the chained setters.",
            list.join(", ")
        )
    };
    let new_doc = doc(&new_doc);
    let setters = fields.iter().filter(|f| !f.mandatory).map(|f| {
        let n = f.rust_name.clone();
        let t = arg_type(f);
        let v = arg_value(f);
        let d = doc(&setter_doc(f, &doc_of(f)));
        quote! {
            #d
            #[must_use]
            pub fn #n(mut self, #n: #t) -> Self {
                self.#n = Some(#v);
                self
            }
        }
    });
    // One argument per mandatory field of the page: as many as the page has (CreateCluster: 11).
    let allow_many = (mandatory.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    quote! {
        impl #name {
            #new_doc
            #allow_many
            pub fn new(#(#args),*) -> Self {
                #body
            }
            #(#setters)*
        }
    }
}

/// One enum with an `Unknown` variant, and its conversions as plain impls: `from_wire`, lenient,
/// for decoding; `FromStr`, which refuses an undocumented value, for a caller's text (the serde
/// glue is the runtime's `__wire_enum_serde!`).
pub fn enumeration(e: &Enum) -> TokenStream {
    if e.integer {
        return integer_enumeration(e);
    }
    let name = ident(&e.name);
    let (docs, variant_docs) = enum_docs(e);
    let variants = e.variants.iter().zip(variant_docs).map(|(v, d)| {
        let n = format_ident!("{}", v.rust_name);
        quote!(#d #n,)
    });
    let to_wire = e.variants.iter().map(|v| {
        let n = format_ident!("{}", v.rust_name);
        let w = &v.wire;
        quote!(Self::#n => #w,)
    });
    let from_wire = e.variants.iter().map(|v| {
        let n = format_ident!("{}", v.rust_name);
        let w = &v.wire;
        quote!(#w => Self::#n,)
    });
    let wires = e.variants.iter().map(|v| v.wire.as_str());
    let unknown_doc = unknown_doc();
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            #unknown_doc
            Unknown(runtime::Undocumented<String>),
        }
        impl #name {
            /// The value as it is sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_wire)*
                    Self::Unknown(other) => other.as_str(),
                }
            }
            /// The variant for any wire value: a documented one's variant, `Unknown` for any other.
            /// Responses decode through it; a caller uses it to send a value newer than this SDK
            /// on purpose (`str::parse` refuses such a value, to catch typos).
            pub fn from_wire(value: &str) -> Self {
                match value {
                    #(#from_wire)*
                    other => Self::Unknown(runtime::Undocumented::__new(other.to_owned())),
                }
            }
        }
        runtime::__wire_enum_serde!(#name, [#(#wires),*]);
    }
}

/// The rustdoc of an enum and of each of its variants. The enum's says how text becomes a value
/// (refused when undocumented) and how to send a value newer than the SDK on purpose.
fn enum_docs(e: &Enum) -> (TokenStream, Vec<TokenStream>) {
    let values: Vec<String> = e.variants.iter().map(|v| format!("`{}`", v.wire)).collect();
    let name = &e.name;
    let (convert, unknown) = if e.integer {
        (format!("`{name}::try_from(n)`"), format!("`{name}::from_wire(n)`"))
    } else {
        (format!("`text.parse::<{name}>()`"), format!("`{name}::from_wire(text)`"))
    };
    let docs = doc(&format!(
        "{}\n\nDocumented values: {}.\n\n{convert} refuses any other value; {unknown} takes any (an \
         undocumented one as `Unknown`), to send a value newer than this SDK. See \
         [`Undocumented`](::huaweicloud_sdk_runtime::Undocumented) for how value enums convert.",
        e.description,
        values.join(", ")
    ));
    let variants = e
        .variants
        .iter()
        .map(|v| match &v.description {
            Some(text) => doc(&format!("`{}`: {}", v.wire, text)),
            None => doc(&format!("`{}`.", v.wire)),
        })
        .collect();
    (docs, variants)
}

/// The rustdoc of the `Unknown` variant: where such a value comes from, and that it never holds
/// a documented value.
fn unknown_doc() -> TokenStream {
    doc("A value not documented when this SDK was generated, as received or as written with `from_wire`; \
         never a documented value.")
}

/// An enum made from a list of integers, with an `Unknown(i64)` variant and its conversions as
/// plain impls: `from_wire` for decoding, `TryFrom<i64>`, which refuses an undocumented value, for
/// a caller's number (the serde glue, a JSON number, is the runtime's `__int_enum_serde!`).
fn integer_enumeration(e: &Enum) -> TokenStream {
    let name = ident(&e.name);
    let (docs, variant_docs) = enum_docs(e);
    let idents: Vec<proc_macro2::Ident> = e.variants.iter().map(|v| format_ident!("{}", v.rust_name)).collect();
    let numbers: Vec<TokenStream> = e
        .variants
        .iter()
        .map(|v| {
            let n: i64 = v.wire.parse().expect("lowering checks that integer values parse");
            let abs = proc_macro2::Literal::u64_unsuffixed(n.unsigned_abs());
            if n < 0 { quote!(-#abs) } else { quote!(#abs) }
        })
        .collect();
    let wires = e.variants.iter().map(|v| v.wire.as_str());
    let unknown_doc = unknown_doc();
    quote! {
        #docs
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_docs #idents,)*
            #unknown_doc
            Unknown(runtime::Undocumented<i64>),
        }
        impl #name {
            /// The value as it is sent on the wire.
            pub fn as_i64(&self) -> i64 {
                match self {
                    #(Self::#idents => #numbers,)*
                    Self::Unknown(other) => *other.get(),
                }
            }
            /// The variant for any wire value: a documented one's variant, `Unknown` for any other.
            /// Responses decode through it; a caller uses it to send a value newer than this SDK
            /// on purpose (`try_from` refuses such a value, to catch typos).
            pub fn from_wire(value: i64) -> Self {
                match value {
                    #(#numbers => Self::#idents,)*
                    other => Self::Unknown(runtime::Undocumented::__new(other)),
                }
            }
        }
        runtime::__int_enum_serde!(#name, [#(#wires),*]);
    }
}
