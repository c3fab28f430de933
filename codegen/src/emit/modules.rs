//! The module tree: `lib.rs`, one `mod.rs` per service and per version.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::inner_doc;
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
    let info = super::client::service_info(s);
    quote! {
        #docs
        #![deny(missing_docs)]
        #![allow(clippy::doc_markdown)]
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

/// `services/<service>/src/<version>/mod.rs`: private operation modules, their public items re-exported.
pub fn version(s: &Service, v: &Version) -> TokenStream {
    let mut text = format!("{} API {}.\n\nOperations:\n", s.display_name, v.name);
    for op in &v.operations {
        text.push_str(&format!(
            "\n- `{}` ([`{}`]): {} (`{} {}`)",
            op.wire_name, op.names.request, op.title, op.method, op.uri
        ));
    }
    text.push_str(&format!("\n\nCall them with [`{}`].", s.names.client));
    let docs = inner_doc(&text);
    let client = &s.names.client;
    let mods = v.operations.iter().map(|op| {
        let m = &op.names.module;
        let mut items = vec![op.names.request.to_string(), op.names.error.to_string()];
        items.extend(v.objects.iter().filter(|o| o.module == m.name()).map(|o| o.name.clone()));
        items.extend(v.enums.iter().filter(|e| e.module == m.name()).map(|e| e.name.clone()));
        items.sort();
        let items = items.iter().map(|i| ident(i));
        quote! {
            mod #m;
            pub use #m::{#(#items),*};
        }
    });
    let shared: Vec<String> = v
        .objects
        .iter()
        .filter(|o| o.module == crate::ir::SHARED_MODULE)
        .map(|o| o.name.clone())
        .chain(v.enums.iter().filter(|e| e.module == crate::ir::SHARED_MODULE).map(|e| e.name.clone()))
        .collect();
    let shared = (!shared.is_empty()).then(|| {
        let items = shared.iter().map(|i| ident(i));
        quote! {
            mod shared;
            pub use shared::{#(#items),*};
        }
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
        #shared
        #(#mods)*
    }
}
