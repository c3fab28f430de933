//! The module tree: `lib.rs`, one `mod.rs` per service and per version.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc, inner_doc};
use crate::ir::{Api, Service, Version};
use crate::naming::ident;

/// `src/lib.rs` of the facade: re-exports the crate of each service as a module.
pub fn lib(api: &Api) -> TokenStream {
    let mut text = String::from(
        "Huawei Cloud SDK for Rust, generated from the endpoint specs under `spec/`.\n\n\
         Each service is a module, each API version a module below it, each documented operation a \
         request type with the models of its page:\n",
    );
    for s in &api.services {
        for v in &s.versions {
            text.push_str(&format!(
                "\n- [`{}::{}`]: {}, {} operation(s)",
                s.name,
                v.name,
                s.display_name,
                v.operations.len()
            ));
        }
    }
    text.push_str(
        "\n\nEach version module has a client (`ddm::v1::DdmClient`, ...) with one async method per operation. \
         The runtime (config, credentials, errors, signer, lenient decoding) is re-exported as [`runtime`]. \
         Each service is a crate of its own (`huaweicloud_sdk_ddm`, ...), re-exported here behind the \
         Cargo feature of its name (all on by default): services build in parallel, and a program builds \
         only the ones it enables.",
    );
    let docs = inner_doc(&text);
    let mods = api.services.iter().map(|s| {
        // The module's documentation is the inner doc of the service crate's lib.rs.
        let n = &s.names.module;
        let krate = &s.names.lib;
        let feature = &s.name;
        quote!(#[cfg(feature = #feature)] #[doc(inline)] pub use #krate as #n;)
    });
    quote! {
        #docs
        #![deny(missing_docs)]
        #![allow(clippy::doc_markdown)]
        pub use huaweicloud_sdk_runtime as runtime;
        #(#mods)*
        #[cfg(feature = "mock")]
        pub mod mock;
    }
}

/// `services/<service>/src/lib.rs`: the root of the service's crate.
pub fn service(s: &Service) -> TokenStream {
    let mut text = format!("{}\n\n{}\n\nEndpoint: `{}`.", s.display_name, s.description, s.endpoint);
    text.push_str(&format!(" Regions: {}.", s.regions.join(", ")));
    let docs = inner_doc(&text);
    let mods = s.versions.iter().map(|v| {
        let n = ident(&v.name);
        quote!(pub mod #n;)
    });
    let info = service_info(s);
    // Setters are named after the wire's fields, and a wire field may be called `add`, `next` or
    // `default` (VPC's `UpdateRouteTable` adds routes with `add`): such a setter is no operator.
    quote! {
        #docs
        #![deny(missing_docs)]
        #![allow(clippy::doc_markdown, clippy::should_implement_trait)]
        /// The runtime this crate was generated for: what a program that uses this service crate
        /// alone needs besides it (the config, the credentials, the errors).
        #[doc(no_inline)]
        pub use ::huaweicloud_sdk_runtime::{CallOptions, Config, Credentials, Error};
        /// The whole runtime, for what the items above do not name (retry policies, endpoints,
        /// pagination).
        pub use ::huaweicloud_sdk_runtime as runtime;
        #info
        #(#mods)*
    }
}

/// `services/<service>/src/<version>/mod.rs`: the client, one public module per operation (its
/// request, response and errors) and `types` (every other object and enum), as aws-sdk-rust's
/// `operation::<op>` and `types`: the version's page lists a client and modules, each with its
/// title, however many operations it has. The generated modules name each other's items as
/// `super::Name`, which the private imports at the end resolve.
pub fn version(s: &Service, v: &Version) -> TokenStream {
    let client = &s.names.client;
    let text = format!(
        "{} API {}: {} operation(s).\n\n\
         Call them with [`{client}`]. Each operation's module below holds its request, its response \
         (unless several operations share it) and its documented errors; the objects and value lists \
         they use are in [`types`].",
        s.display_name,
        v.name,
        v.operations.len()
    );
    let docs = inner_doc(&text);
    let modules = v.operations.iter().map(|op| {
        let m = &op.names.module;
        quote!(pub mod #m;)
    });
    let imports = v.operations.iter().map(|op| {
        let m = &op.names.module;
        let mut items = vec![ident(op.names.request.name()), ident(op.names.error.name())];
        items.extend(op.success_body.iter().filter(|b| v.home(b) == m.name()).map(|b| ident(b)));
        quote!(#m::{#(#items),*})
    });
    let discovery = v.operations.iter().any(|o| o.project_discovery.is_some()).then(|| {
        quote!(
            pub use client::{PROJECT_DISCOVERY, ProjectsOfRegion};
        )
    });
    quote! {
        #docs
        mod client;
        pub use client::#client;
        #discovery
        #[cfg(feature = "mock")]
        #[doc(hidden)]
        pub mod mock;
        pub mod types;
        #(#modules)*
        #[allow(unused_imports)]
        use self::{types::*, #(#imports),*};
    }
}

/// `services/<service>/src/<version>/types/mod.rs`: every object and enum that is not an
/// operation's own response, re-exported from one private file per operation that first uses
/// it (`types/list_users.rs`) and one for those several use (`types/shared.rs`).
pub fn types(s: &Service, v: &Version) -> TokenStream {
    let docs = inner_doc(&format!(
        "The objects and value lists of {} API {}: request bodies, the objects nested in requests \
         and responses, error bodies, and the enums of documented values.",
        s.display_name, v.name
    ));
    let in_types = |name: &str| v.home(name) == crate::ir::TYPES_MODULE;
    let mut files: Vec<(String, Vec<String>)> = Vec::new();
    let mut push = |file: &str, name: &str| match files.iter_mut().find(|(f, _)| f == file) {
        Some((_, items)) => items.push(name.to_owned()),
        None => files.push((file.to_owned(), vec![name.to_owned()])),
    };
    for (name, module) in
        v.objects.iter().map(|o| (&o.name, &o.module)).chain(v.enums.iter().map(|e| (&e.name, &e.module)))
    {
        if in_types(name) {
            push(module, name);
        }
    }
    files.sort();
    for (_, items) in &mut files {
        items.sort();
    }
    let mods = files.iter().map(|(file, _)| {
        let m = v.module_ident(file);
        quote!(mod #m;)
    });
    let uses = files.iter().map(|(file, items)| {
        let m = v.module_ident(file);
        let items = items.iter().map(|i| ident(i));
        quote!(pub use #m::{#(#items),*};)
    });
    // An operation's response named by an object here (none in the spec today).
    let outputs: Vec<TokenStream> = v
        .objects
        .iter()
        .filter(|o| in_types(&o.name))
        .flat_map(|o| o.fields.iter().filter_map(|f| f.ty.object_name()))
        .filter(|n| !in_types(n))
        .map(|n| {
            let (m, n) = (v.home_ident(n), ident(n));
            quote!(use super::#m::#n;)
        })
        .map(|t| (t.to_string(), t))
        .collect::<std::collections::BTreeMap<_, _>>()
        .into_values()
        .collect();
    quote! {
        #docs
        #(#mods)*
        #(#uses)*
        #(#outputs)*
    }
}

/// The path of a generated type below its version module: `list_users::ListUsersRequest`,
/// `types::BaseAuthority` (see [`Version::home`]).
pub fn path_in_version(v: &Version, name: &str) -> TokenStream {
    let (home, name) = (v.home_ident(name), ident(name));
    quote!(#home::#name)
}

/// The Rust type of `ty` with each generated type named by its path below the version module
/// `version` (`Vec<#version::types::MetricData>`).
pub fn type_in_version(v: &Version, ty: &crate::ir::Type, version: &TokenStream) -> TokenStream {
    use crate::ir::Type;
    match ty {
        Type::Object(n) | Type::Enum(n) => {
            let path = path_in_version(v, n);
            quote!(#version::#path)
        }
        Type::Array(t) => {
            let t = type_in_version(v, t, version);
            quote!(Vec<#t>)
        }
        Type::Map(t) => {
            let t = type_in_version(v, t, version);
            quote!(::std::collections::BTreeMap<String, #t>)
        }
        other => super::models::rust_type(other),
    }
}

/// A module `api` that names every public item of a version module flat (`api::ListUsersRequest`,
/// `api::BaseAuthority`, `api::DdmClient`), for the generated tests and harness that name types
/// by the spec's names.
pub fn flat_alias(sdk: &proc_macro2::Ident, s: &Service, v: &Version) -> TokenStream {
    let (svc, ver, client) = (&s.names.module, ident(&v.name), &s.names.client);
    let modules = v.operations.iter().map(|op| &op.names.module);
    quote! {
        #[allow(unused_imports)]
        mod api {
            pub use ::#sdk::#svc::#ver::{#client, types::*, #(#modules::*),*};
        }
    }
}

/// `ServiceInfo` of a service, emitted into the service crate's `lib.rs`.
pub fn service_info(s: &Service) -> TokenStream {
    let name = &s.name;
    let endpoint = &s.endpoint;
    let regions = &s.regions;
    let (error_code, error_message) = (&s.error_code_field, &s.error_message_field);
    let global = s.global;
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
                global: #global,
            };
    }
}
