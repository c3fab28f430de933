//! Clients: one per service version (`DdmClient` in `services/ddm/src/v1/client.rs`) with one async method
//! per operation (its checks are `checks.rs`'s, its error enum `errors.rs`'s) and the operations'
//! descriptors. Everything that is the same for every operation lives in the runtime; a method only
//! maps its request type onto a `runtime::client::Request` and names its response types.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc, inner_doc};
use crate::ir::{Location, Operation, PathPart, Service, SuccessCode, Version};
use crate::naming::ident;

/// The success type: the success body's object, else no content.
pub(super) fn success_type(op: &Operation) -> TokenStream {
    match &op.success_body {
        Some(body) => {
            let n = ident(body);
            quote!(#n)
        }
        None => quote!(client::NoContent),
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
        let waiter = super::waiter::static_item(op);
        let errors = errors.map(|e| quote!(.with_errors_in_body(#e)));
        let secret = op.secret_response.then(|| quote!(.with_secret_response()));
        quote! {
            pub(super) static #st: client::Operation =
                client::Operation::new(#name, #method, &[#(#path),*]) #errors #secret;
            #waiter
        }
    });
    // Each operation's method, then its paginator (`list_users`, `list_users_all`) or its waiter
    // (`create_instance`, `wait_for_create_instance`).
    let methods = v.operations.iter().map(|op| {
        let call = method(s, v, op, lib);
        let all = super::paginate::method(op);
        let wait = super::waiter::method(v, op);
        quote!(#call #all #wait)
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

/// The runtime's `BodyErrors` of an operation's static, when its spec declares `errors_in_body`.
fn errors_in_body(op: &Operation) -> Option<TokenStream> {
    let e = op.errors_in_body.as_ref()?;
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
    Some(quote! {
        &client::BodyErrors {
            code: #code,
            message: #message,
            success: &[#(#success),*],
        }
    })
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
        steps.extend(super::checks::checks(f, quote!(request.#field), &quote!(#wire)));
        steps.push(match p.location {
            Location::Path => quote!(r.path(#wire, &request.#field);),
            Location::Query => quote!(r.query(#wire, &request.#field);),
            Location::Header if f.sensitive && f.mandatory => quote!(r.header(#wire, request.#field.expose());),
            Location::Header if f.sensitive => {
                quote!(if let Some(v) = &request.#field { r.header(#wire, v.expose()); })
            }
            Location::Header if f.mandatory => quote!(r.header(#wire, &request.#field);),
            Location::Header => quote!(if let Some(v) = &request.#field { r.header(#wire, v); }),
        });
    }
    if let Some(b) = &op.body {
        let content_type = &b.content_type;
        let body_checks = match b.object() {
            Some(name) => {
                v.objects.iter().find(|o| o.name == name).map(|o| super::checks::body(v, o)).unwrap_or_default()
            }
            None => super::checks::whole_body(v, b),
        };
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
