//! Clients: one per service version (`DdmClient` in `services/ddm/src/v1/client.rs`) with one async method
//! per operation, and per operation the enum of its documented error responses. Everything that is
//! the same for every operation lives in the runtime; a method only maps its request type onto a
//! `runtime::client::Request` and names its response types.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::{doc, inner_doc};
use crate::ir::{Bounds, Field, Location, Operation, PathPart, Service, SuccessCode, Type, Version};
use crate::naming::ident;

/// The success type: the success body's object, else no content.
fn success_type(op: &Operation) -> TokenStream {
    match &op.success_body {
        Some(body) => {
            let n = ident(body);
            quote!(#n)
        }
        None => quote!(client::NoContent),
    }
}

/// `ServiceInfo` of a service, emitted into the service crate's `lib.rs`.
pub fn service_info(s: &Service) -> TokenStream {
    let name = &s.name;
    let endpoint = &s.endpoint;
    let regions = &s.regions;
    let (error_code, error_message) = (&s.error_code_field, &s.error_message_field);
    let exceptions = s.endpoint_exceptions.iter().map(|(r, e)| quote!((#r, #e)));
    let docs = doc(&format!(
        "Endpoints of {}: the pattern, the documented regions and their exceptions, from `{}`.",
        s.display_name, s.spec_file
    ));
    quote! {
        #docs
        pub static SERVICE: ::huaweicloud_sdk_runtime::endpoint::ServiceInfo =
            ::huaweicloud_sdk_runtime::endpoint::ServiceInfo {
                name: #name,
                endpoint: #endpoint,
                regions: &[#(#regions),*],
                exceptions: &[#(#exceptions),*],
                error_body: (#error_code, #error_message),
            };
    }
}

/// How the clients of `s` are made: with project discovery when the IR says another crate finds
/// project IDs for it.
fn runtime_client(s: &Service) -> (TokenStream, bool) {
    let base = quote!(runtime::Client::new(config, &super::super::SERVICE));
    match &s.discovery {
        Some(d) => {
            let (lib, version) = (&d.lib, &d.version);
            (quote!(#base.with_project_discovery(&::#lib::#version::PROJECT_DISCOVERY)), true)
        }
        None => (base, false),
    }
}

/// `services/<service>/src/<version>/client.rs`.
pub fn file(s: &Service, v: &Version, lib: &str) -> TokenStream {
    let client = &s.names.client;
    let module_doc = inner_doc(&format!("[`{client}`]: the client of {} API {}.", s.display_name, v.name));
    let statics = v.operations.iter().map(|op| {
        let st = &op.names.op_static;
        let (name, method) = (&op.wire_name, &op.method);
        let path = op.path.iter().map(|part| match part {
            PathPart::Text(text) => quote!(client::PathPart::Text(#text)),
            PathPart::Param(name) => quote!(client::PathPart::Param(#name)),
        });
        let errors = errors_in_body(op);
        quote! {
            pub(super) static #st: client::Operation =
                client::Operation {
                    name: #name,
                    method: #method,
                    path: &[#(#path),*],
                    errors_in_body: #errors,
                };
        }
    });
    // Each operation's method, then its paginator (`list_users`, `list_users_all`).
    let methods = v.operations.iter().map(|op| {
        let call = method(s, v, op, lib);
        let all = super::paginate::method(op);
        quote!(#call #all)
    });
    let discovery = v.operations.iter().find_map(|op| super::paginate::discovery(s, op));
    let (new_client, discovers) = runtime_client(s);
    let new_doc = if discovers {
        " Creates a client; an unknown region or a bad endpoint is reported by every call. Without a \
         project ID in the credentials, the first call finds it through IAM (see \
         [`discovery`](::huaweicloud_sdk_runtime::discovery))."
    } else {
        " Creates a client; an unknown region or a bad endpoint is reported by every call."
    };
    let docs = doc(&format!(
        "Client of {} API {}: one async method per operation.\n\n\
         Endpoints come from the config's region (see [`super::super::SERVICE`]) unless the config or \
         `HUAWEICLOUD_SDK_REGION_{}_<REGION>` overrides them. Create one client per config and reuse \
         it: clones are cheap and share the config's connection pool.",
        s.display_name,
        v.name,
        s.name.to_ascii_uppercase()
    ));
    // What users read first; the operations' descriptors, which they never read, last.
    quote! {
        #module_doc
        // The version's requests, responses and errors by their names (the module's private imports).
        use super::*;
        #docs
        #[derive(Debug, Clone)]
        pub struct #client {
            client: runtime::Client,
        }
        impl #client {
            #[doc = #new_doc]
            pub fn new(config: &runtime::Config) -> Self {
                Self { client: #new_client }
            }
            /// The runtime client underneath: the config and the resolved endpoints.
            pub fn runtime(&self) -> &runtime::Client {
                &self.client
            }
            /// A copy of this client whose calls override the config's retry policy, timeouts or
            /// extra headers with `options`, sharing its connection pool (as cheap as a clone):
            /// `client.with_options(CallOptions::new().operation_timeout(..)).method(&request)`.
            /// See [`CallOptions`](::huaweicloud_sdk_runtime::CallOptions).
            #[must_use]
            pub fn with_options(&self, options: runtime::CallOptions) -> Self {
                Self { client: self.client.with_options(options) }
            }
            #(#methods)*
        }
        #discovery
        #(#statics)*
    }
}

/// The `errors_in_body` of an operation's static: `None`, or the runtime's `BodyErrors`.
fn errors_in_body(op: &Operation) -> TokenStream {
    let Some(e) = &op.errors_in_body else { return quote!(None) };
    let (code, message) = (&e.code, &e.message);
    let success = e.success.iter().map(|c| match c {
        SuccessCode::Null => quote!(client::SuccessCode::Null),
        SuccessCode::Str(s) => quote!(client::SuccessCode::Str(#s)),
        SuccessCode::Int(i) => {
            let i = proc_macro2::Literal::i64_unsuffixed(*i);
            quote!(client::SuccessCode::Int(#i))
        }
        SuccessCode::Bool(b) => quote!(client::SuccessCode::Bool(#b)),
    });
    quote! {
        Some(&client::BodyErrors {
            code: #code,
            message: #message,
            success: &[#(#success),*],
        })
    }
}

fn method(s: &Service, v: &Version, op: &Operation, lib: &str) -> TokenStream {
    let name = &op.names.method;
    let request = &op.names.request;
    let error = &op.names.error;
    let success = success_type(op);
    let st = &op.names.op_static;
    let mut steps = Vec::new();
    for p in op.params.iter().filter(|p| p.supplied_by.is_none()) {
        let f = &p.field;
        let field = &f.rust_name;
        let wire = &f.wire_name;
        steps.extend(checks(f, quote!(request.#field), &quote!(#wire)));
        steps.push(match p.location {
            Location::Path => quote!(r.path(#wire, &request.#field);),
            Location::Query => quote!(r.query(#wire, &request.#field);),
            Location::Header if f.mandatory => quote!(r.header(#wire, &request.#field);),
            Location::Header => quote!(if let Some(v) = &request.#field { r.header(#wire, v); }),
        });
    }
    if let Some(b) = &op.body {
        let content_type = &b.content_type;
        let mut body_checks = Vec::new();
        if let Some(o) = v.objects.iter().find(|o| o.name == b.object) {
            let mut walk = Walk { version: v, depth: 0, path: Vec::new() };
            for f in &o.fields {
                let field = &f.rust_name;
                let label = Label::new(&format!("body.{}", f.wire_name));
                let access = quote!(body.#field);
                body_checks.extend(Step::emit(walk.field(f, access, &label)));
            }
        }
        steps.push(if b.mandatory && body_checks.is_empty() {
            quote!(r.json_body(&request.body, #content_type);)
        } else if b.mandatory {
            quote!(let body = &request.body; #(#body_checks)* r.json_body(body, #content_type);)
        } else {
            quote!(if let Some(body) = &request.body { #(#body_checks)* r.json_body(body, #content_type); })
        });
    }
    let statuses = op
        .responses
        .iter()
        .filter(|r| r.status >= 400)
        .map(|r| format!("{} ({})", r.status, r.description.trim()))
        .collect::<Vec<_>>();
    let mut text =
        format!("`{}`: {}.\n\n`{} {}`\n\n{}", op.wire_name, op.title, op.method, op.uri, op.description.trim());
    if let Some(c) = op.constraints.as_ref().filter(|c| !c.eq_ignore_ascii_case("none")) {
        text.push_str(&format!("\n\nConstraints: {}", c.trim()));
    }
    if let Some(source) = &op.source {
        text.push_str(&format!("\n\n{}", source.sentence()));
    }
    let in_body = match &op.errors_in_body {
        Some(e) => format!(
            " A success body whose `{}` is not a success code is an \
             [`Error::Service`](::huaweicloud_sdk_runtime::Error::Service) too, with the 2xx status and `{}` as \
             the message.",
            e.code, e.message
        ),
        None => String::new(),
    };
    text.push_str(&format!(
        "\n\n# Errors\n\n[`Error::Validation`](::huaweicloud_sdk_runtime::Error::Validation) before anything is \
         sent when a documented constraint is broken; transport, timeout and decoding errors; \
         [`Error::Service`](::huaweicloud_sdk_runtime::Error::Service) for error statuses{}{in_body}",
        if statuses.is_empty() {
            ".".to_owned()
        } else {
            format!(
                ", with the body decoded as [`{0}`](super::{0}) for the documented ones: {1}.",
                op.names.error,
                statuses.join(", ")
            )
        }
    ));
    let docs = doc(&text);
    let example_intro =
        doc("# Example\n\nPlaceholder values for the mandatory fields (the facade's `tests/usage.rs` compiles \
         this example):");
    let example = super::docs::code_block("no_run", &super::usage::snippet(lib, s, v, op));
    let build = if steps.is_empty() {
        quote!(let _ = request; let r = client::Request::new(&#st);)
    } else {
        quote!(let mut r = client::Request::new(&#st); #(#steps)*)
    };
    quote! {
        #docs
        ///
        #example_intro
        ///
        #example
        pub async fn #name(&self, request: &#request) -> Result<#success, runtime::Error<#error>> {
            #build
            self.client.call(r, #error::from_response).await
        }
    }
}

/// The name a failed check gives a body field: `body.cluster.port`, `body.users[2].name`,
/// `body.tags.<key>.value`. A label below a list or a map is formatted at run time from the loop's
/// index or key variables; any other label is a string literal.
#[derive(Clone)]
struct Label {
    /// A `format!` string (braces of wire names doubled) naming the loop variables it uses.
    format: String,
    /// Whether `format` names a loop variable.
    dynamic: bool,
}

impl Label {
    fn new(text: &str) -> Self {
        Label { format: text.replace('{', "{{").replace('}', "}}"), dynamic: false }
    }

    /// The label of a field of the object this label names.
    fn field(&self, wire: &str) -> Self {
        Label { format: format!("{}.{}", self.format, wire.replace('{', "{{").replace('}', "}}")), ..self.clone() }
    }

    /// The label of an element of the list or map this label names, by the loop variable `var`.
    fn element(&self, var: &proc_macro2::Ident, list: bool) -> Self {
        let format = if list { format!("{}[{{{var}}}]", self.format) } else { format!("{}.{{{var}}}", self.format) };
        Label { format, dynamic: true }
    }

    /// An expression of type `&str`.
    fn expr(&self) -> TokenStream {
        if self.dynamic {
            let f = &self.format;
            quote!(&format!(#f))
        } else {
            let text = self.format.replace("{{", "{").replace("}}", "}");
            quote!(#text)
        }
    }
}

/// The constraint checks of a request body, through its nested objects, lists and maps.
struct Walk<'a> {
    version: &'a Version,
    /// Loops and bindings opened so far, for distinct variable names.
    depth: usize,
    /// Objects being walked, so that a type that contains itself ends the walk.
    path: Vec<String>,
}

/// A step of the checks: code, or code under `if let Some(..) = ..` bindings. Kept apart until
/// emitted so that an optional field whose only checks sit under another optional field becomes
/// one `if let .. && let ..` chain (clippy's `collapsible_if`).
enum Step {
    Code(TokenStream),
    IfLet(Vec<TokenStream>, Vec<Step>),
}

impl Step {
    fn emit(steps: Vec<Step>) -> Vec<TokenStream> {
        steps
            .into_iter()
            .map(|s| match s {
                Step::Code(code) => code,
                Step::IfLet(conditions, body) => {
                    let body = Step::emit(body);
                    quote!(if #(#conditions)&&* { #(#body)* })
                }
            })
            .collect()
    }
}

impl Walk<'_> {
    /// Checks of field `f` reached through `access` (a place expression of its declared type):
    /// its own range or length, then those of the objects it holds.
    fn field(&mut self, f: &Field, access: TokenStream, label: &Label) -> Vec<Step> {
        let mut out: Vec<Step> = checks(f, access.clone(), &label.expr()).into_iter().map(Step::Code).collect();
        if !self.constrained(&f.ty) {
            return out;
        }
        if f.mandatory {
            out.extend(self.value(&f.ty, access, label));
        } else {
            let var = format_ident!("v{}", self.depth);
            self.depth += 1;
            let mut inner = self.value(&f.ty, quote!(#var), label);
            let condition = quote!(let Some(#var) = &#access);
            out.push(match inner.pop() {
                Some(Step::IfLet(mut conditions, body)) if inner.is_empty() => {
                    conditions.insert(0, condition);
                    Step::IfLet(conditions, body)
                }
                last => {
                    inner.extend(last);
                    Step::IfLet(vec![condition], inner)
                }
            });
        }
        out
    }

    /// Checks inside a value of type `ty` reached through `access` (a place expression of type `T`
    /// or an expression of type `&T`).
    fn value(&mut self, ty: &Type, access: TokenStream, label: &Label) -> Vec<Step> {
        match ty {
            Type::Object(name) => {
                let Some(o) = self.version.objects.iter().find(|o| &o.name == name) else { return Vec::new() };
                self.path.push(name.clone());
                let mut out = Vec::new();
                for g in &o.fields {
                    let field = &g.rust_name;
                    out.extend(self.field(g, quote!(#access.#field), &label.field(&g.wire_name)));
                }
                self.path.pop();
                out
            }
            Type::Array(t) | Type::Map(t) if self.constrained(t) => {
                let list = matches!(ty, Type::Array(_));
                let (key, item) = (format_ident!("k{}", self.depth), format_ident!("e{}", self.depth));
                self.depth += 1;
                let inner = Step::emit(self.value(t, quote!(#item), &label.element(&key, list)));
                vec![Step::Code(if list {
                    quote!(for (#key, #item) in #access.iter().enumerate() { #(#inner)* })
                } else {
                    quote!(for (#key, #item) in #access.iter() { #(#inner)* })
                })]
            }
            _ => Vec::new(),
        }
    }

    /// Whether a value of type `ty` holds an object with a constrained field, at any depth.
    fn constrained(&mut self, ty: &Type) -> bool {
        match ty {
            Type::Array(t) | Type::Map(t) => self.constrained(t),
            Type::Object(name) if !self.path.contains(name) => {
                let Some(o) = self.version.objects.iter().find(|o| &o.name == name) else { return false };
                self.path.push(name.clone());
                let found =
                    o.fields.iter().any(|g| !checks(g, quote!(x), &quote!("")).is_empty() || self.constrained(&g.ty));
                self.path.pop();
                found
            }
            _ => false,
        }
    }
}

/// Constraint checks of one field reached through `access` (a place expression of the field's
/// declared type), named `label` (an expression of type `&str`) in the error.
fn checks(f: &Field, access: TokenStream, label: &TokenStream) -> Vec<TokenStream> {
    // An inclusive range of `f64` literals: `1.0..=64.0`, `0.0..`, `..=255.0`.
    let bounds = |b: &Bounds| {
        let lit = |v: f64| {
            let abs = proc_macro2::Literal::f64_unsuffixed(v.abs());
            if v < 0.0 { quote!(-#abs) } else { quote!(#abs) }
        };
        match (b.min.map(lit), b.max.map(lit)) {
            (Some(min), Some(max)) => quote!(#min..=#max),
            (Some(min), None) => quote!(#min..),
            (None, Some(max)) => quote!(..=#max),
            (None, None) => quote!(..),
        }
    };
    // The runtime's checks take the field as declared, `Option` or not: an unset field passes.
    let mut out = Vec::new();
    if let Some(b) = f.range.as_ref().filter(|_| matches!(f.ty, Type::Integer | Type::Long | Type::Number)) {
        let b = bounds(b);
        out.push(quote!(r.check_range(#label, #access, #b);));
    }
    if let Some(b) = &f.length {
        let b = bounds(b);
        match f.ty {
            Type::String => out.push(quote!(r.check_length(#label, &#access, #b);)),
            Type::Array(_) => out.push(quote!(r.check_items(#label, &#access, #b);)),
            _ => {}
        }
    }
    out
}

/// The enum of an operation's documented error responses, emitted into the operation's file.
pub fn error_enum(op: &Operation) -> TokenStream {
    let name = &op.names.error;
    let errors: Vec<_> = op.responses.iter().filter(|r| r.status >= 400).collect();
    let variants = errors.iter().map(|r| {
        let v = &r.variant;
        let d = doc(&format!("{}: {}", r.status, r.description.trim()));
        match &r.body {
            Some(b) => {
                let b = ident(b);
                quote!(#d #v(super::#b),)
            }
            None => quote!(#d #v,),
        }
    });
    let arms = errors.iter().map(|r| {
        let v = &r.variant;
        let status = proc_macro2::Literal::u16_unsuffixed(r.status);
        match r.body {
            Some(_) => quote!(#status => client::error_body(body).map(Self::#v),),
            None => quote!(#status => Some(Self::#v),),
        }
    });
    let body_arg = if errors.iter().any(|r| r.body.is_some()) { quote!(body) } else { quote!(_body) };
    let decode = if errors.is_empty() {
        quote!(let _ = status; None)
    } else {
        quote! {
            match status {
                #(#arms)*
                _ => None,
            }
        }
    };
    let docs = doc(&format!(
        "The documented error responses of `{}`, found in [`Error::documented`](::huaweicloud_sdk_runtime::Error::documented) \
         when the service answers with one of these statuses.",
        op.wire_name
    ));
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name { #(#variants)* }
        impl #name {
            /// The documented error of `status` with its decoded body; `None` for another status or a body that is not the documented JSON.
            pub fn from_response(status: u16, #body_arg: &[u8]) -> Option<Self> {
                #decode
            }
        }
    }
}
