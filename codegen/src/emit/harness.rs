//! `conformance/harness.rs`: the test harness that sends any operation through the generated
//! public API from its arguments as JSON by wire name. It is not part of any crate (nothing in
//! `src/` or `services/` names it, and the facade's manifest excludes the directory from the
//! package); the workspace's wire conformance test (`tests/tests/it/official_sdk.rs`) includes it
//! with `#[path]`, so that every operation of `spec/` is compared with the official SDK without a
//! hand-written line per operation.
//!
//! Per operation, one `async fn` builds the request as an application does: the constructor with
//! the mandatory parameters and body, then one chained setter per optional parameter or optional
//! body that the arguments give; each value, and the body as a whole, is deserialized from its
//! JSON into the declared type (so the body object goes through its model's `Deserialize`).

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Api, Location, Operation, Service, Type, Version};
use crate::naming::ident;

/// The type of a value as seen from a version module alias `api`.
fn value_type(ty: &Type) -> TokenStream {
    super::models::rust_type_in(ty, &quote!(api))
}

/// The module of one service version in the harness, e.g. `ddm_v1`.
fn module(s: &Service, v: &Version) -> proc_macro2::Ident {
    crate::naming::composed(&[&s.name, &v.name])
}

/// One operation's function: arguments to typed request to client call.
fn operation(s: &Service, op: &Operation) -> TokenStream {
    let request = &op.names.request;
    let method = &op.names.method;
    let client = &s.names.client;
    let mut ctor = Vec::new();
    let mut setters = Vec::new();
    for p in op.params.iter().filter(|p| p.supplied_by.is_none()) {
        let f = &p.field;
        let (wire, setter, ty) = (&f.wire_name, &f.rust_name, value_type(&f.ty));
        let place = match p.location {
            Location::Path => "path",
            Location::Query => "query",
            Location::Header => "header",
        };
        if f.mandatory {
            ctor.push(quote!(args.required::<#ty>(#place, #wire)?));
        } else {
            setters.push(quote! {
                let request = match args.optional::<#ty>(#place, #wire)? {
                    Some(value) => request.#setter(value),
                    None => request,
                };
            });
        }
    }
    if let Some(b) = &op.body {
        let ty = super::models::rust_type_in(&b.ty, &quote!(api));
        if b.mandatory {
            ctor.push(quote!(args.required_body::<#ty>()?));
        } else {
            setters.push(quote! {
                let request = match args.optional_body::<#ty>()? {
                    Some(value) => request.body(value),
                    None => request,
                };
            });
        }
    }
    // An operation without parameters or body reads no arguments.
    let args = if ctor.is_empty() && setters.is_empty() { quote!(_args) } else { quote!(args) };
    quote! {
        pub(super) fn #method<'a>(config: &'a Config, #args: Args<'a>) -> Call<'a> {
            Box::pin(async move {
                let request = api::#request::new(#(#ctor),*);
                #(#setters)*
                api::#client::new(config).#method(&request).await.map(drop).map_err(|e| e.to_string())
            })
        }
    }
}

/// The harness file.
pub fn file(api: &Api, lib_name: &str) -> TokenStream {
    let sdk = ident(lib_name);
    let mut arms = Vec::new();
    let mut modules = Vec::new();
    for s in &api.services {
        for v in &s.versions {
            let m = module(s, v);
            let alias = super::modules::flat_alias(&sdk, s, v);
            let fns = v.operations.iter().map(|op| operation(s, op));
            let entries = v.operations.iter().map(|op| {
                let (wire, method) = (&op.wire_name, &op.names.method);
                quote!((#wire, #method),)
            });
            modules.push(quote! {
                mod #m {
                    use super::{Args, Call, Config, Send};
                    #alias

                    /// Each operation of the module by wire name.
                    pub(super) static OPERATIONS: &[(&str, Send)] = &[#(#entries)*];

                    #(#fns)*
                }
            });
            let (service, version) = (&s.name, &v.name);
            arms.push(quote!((#service, #version) => #m::OPERATIONS,));
        }
    }
    let doc = [
        " The conformance harness: any operation of `spec/` sent with the generated clients, its request",
        " built through the public API (constructor, chained setters, the body model's `Deserialize`) from",
        " JSON arguments by wire name. Not part of any crate; the workspace's wire conformance test",
        " (`tests/tests/it/official_sdk.rs`) includes it, and `cargo xtask codegen --check` keeps it fresh.",
    ];
    quote! {
        #(#![doc = #doc])*
        #![allow(clippy::too_many_lines)]

        use ::std::future::Future;
        use ::std::pin::Pin;

        use ::#sdk::runtime::Config;
        use ::serde_json::Value;

        /// The arguments of one call, by wire name: `path`, `query` and `header` are JSON objects
        /// (`Null` reads as empty), `body` the body when there is one.
        #[derive(Debug, Clone, Copy)]
        pub struct Args<'a> {
            /// Path parameters.
            pub path: &'a Value,
            /// Query parameters.
            pub query: &'a Value,
            /// Header parameters.
            pub header: &'a Value,
            /// The body.
            pub body: Option<&'a Value>,
        }

        impl Args<'_> {
            /// The parameter `name` of `place`, when given, as a `T`.
            fn optional<T: ::serde::de::DeserializeOwned>(&self, place: &str, name: &str) -> Result<Option<T>, String> {
                let part = match place {
                    "path" => self.path,
                    "query" => self.query,
                    _ => self.header,
                };
                part.get(name)
                    .map(|v| ::serde_json::from_value(v.clone()).map_err(|e| format!("{place} parameter {name}: {e}")))
                    .transpose()
            }

            /// The parameter `name` of `place` as a `T`; an error when it is not given.
            fn required<T: ::serde::de::DeserializeOwned>(&self, place: &str, name: &str) -> Result<T, String> {
                self.optional(place, name)?.ok_or_else(|| format!("no {place} parameter {name}"))
            }

            /// The body, when given, as a `T`.
            fn optional_body<T: ::serde::de::DeserializeOwned>(&self) -> Result<Option<T>, String> {
                self.body
                    .map(|v| ::serde_json::from_value(v.clone()).map_err(|e| format!("body: {e}")))
                    .transpose()
            }

            /// The body as a `T`; an error when there is none.
            fn required_body<T: ::serde::de::DeserializeOwned>(&self) -> Result<T, String> {
                self.optional_body()?.ok_or_else(|| "no body".to_owned())
            }
        }

        /// One operation's call, boxed where it is made: the dispatch below holds a pointer per
        /// operation, not each operation's future (in a debug build, a match that built them all
        /// in its own frame overflowed the test thread's stack at a thousand operations).
        type Call<'a> = Pin<Box<dyn Future<Output = Result<(), String>> + 'a>>;

        /// The function that sends one operation. Each module lists its own in a table, looked
        /// up by name: a `match` over every operation's name built a decision tree deep enough
        /// to overflow rustc's stack at 1,600 operations.
        type Send = for<'a> fn(&'a Config, Args<'a>) -> Call<'a>;

        /// Sends `operation` of `service` `version` (wire names, e.g. `ddm`, `v1`, `ListUsers`) with
        /// `args` through its generated client made from `config`: `None` for an operation the
        /// spec does not have, else the call's outcome (its error as text).
        pub async fn call(
            config: &Config,
            service: &str,
            version: &str,
            operation: &str,
            args: Args<'_>,
        ) -> Option<Result<(), String>> {
            let operations: &[(&str, Send)] = match (service, version) {
                #(#arms)*
                _ => return None,
            };
            let send = operations.iter().find(|(name, _)| *name == operation)?.1;
            Some(send(config, args).await)
        }

        #(#modules)*
    }
}

/// `conformance/decode_all.rs`: `decode_all(bytes)`, which reads `bytes` as every body type of
/// every operation (success and documented error bodies, with serde_json as the client does) and,
/// for each documented error status, as every operation's error enum and the generic
/// `ServiceError`, formatting what comes out. The fuzz targets include it (the proptest one in
/// `tests/tests/it/fuzz.rs` and cargo-fuzz's `decoders`), so every generated decoder is fuzzed
/// without a list kept by hand. Only a panic fails.
pub fn decoders(api: &Api, lib_name: &str) -> TokenStream {
    let sdk = ident(lib_name);
    let mut parts = Vec::new();
    let mut calls = Vec::new();
    let mut statuses = std::collections::BTreeSet::new();
    for s in &api.services {
        for v in &s.versions {
            let (mut bodies, mut errors) = (Vec::new(), Vec::new());
            let (svc, ver) = (&s.names.module, ident(&v.name));
            let mut seen = std::collections::BTreeSet::new();
            for op in &v.operations {
                for name in op.success_body.iter().chain(op.responses.iter().filter_map(|r| r.body.as_ref())) {
                    if seen.insert(name.clone()) {
                        let t = super::modules::path_in_version(v, name);
                        bodies.push(quote!(body::<::#sdk::#svc::#ver::#t>(bytes);));
                    }
                }
                let error = super::modules::path_in_version(v, op.names.error.name());
                errors.push(quote!(error(::#sdk::#svc::#ver::#error::from_response, statuses, bytes);));
                statuses.extend(op.responses.iter().map(|r| r.status).filter(|s| *s >= 300));
            }
            let f = ident(&format!("decode_{}_{}", s.names.module, v.name));
            parts.push(quote! {
                /// The decoders of one module.
                fn #f(bytes: &[u8], statuses: &[u16]) {
                    #(#bodies)*
                    #(#errors)*
                }
            });
            calls.push(quote!(#f(bytes, STATUSES);));
        }
    }
    let statuses = statuses.into_iter();
    // No inner doc attribute: the file is `include!`d (this comment's words are in the fn's doc).
    quote! {
        /// Every generated decoder of `spec/`, for the fuzz targets (`tests/tests/it/fuzz.rs` and
        /// cargo-fuzz's `decoders` include this file; it is in no crate, and `cargo xtask codegen
        /// --check` keeps it fresh). Decodes `bytes` as every success and error body type of every operation, as the client
        /// does, and as every operation's error enum and the generic `ServiceError` for every
        /// documented error status; formats what comes out. Only a panic fails.
        #[allow(clippy::too_many_lines)]
        fn decode_all(bytes: &[u8]) {
            /// Every documented error status.
            const STATUSES: &[u16] = &[#(#statuses),*];
            #(#calls)*
            for &status in STATUSES {
                let error = ::#sdk::runtime::ServiceError::from_response(status, Some("r".to_owned()), bytes);
                let _ = error.to_string();
            }
        }

        /// `bytes` decoded as a `T` as the client does, formatted. One function per type, never
        /// inlined: the optimizer of the fuzz build sees functions of bounded size (inlined into
        /// one function per module, 1,600 operations' decoders took a release build past 13
        /// minutes and 6 GB).
        #[inline(never)]
        fn body<T: ::#sdk::runtime::__serde::de::DeserializeOwned + ::std::fmt::Debug>(bytes: &[u8]) {
            let _ = format!("{:?}", ::serde_json::from_slice::<T>(bytes));
        }

        /// `bytes` decoded by an operation's error enum for every status in `statuses`, formatted.
        #[inline(never)]
        fn error<E: ::std::fmt::Debug>(decode: fn(u16, &[u8]) -> Option<E>, statuses: &[u16], bytes: &[u8]) {
            for &status in statuses {
                let _ = format!("{:?}", decode(status, bytes));
            }
        }

        #(#parts)*
    }
}
