//! `tests/examples.rs` of the generated crate: every documented example through its model.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::Api;
use crate::naming::ident;

/// One `#[test]` per documented example body: responses must decode and keep every documented
/// value, request bodies must serialize back to the documented JSON.
pub fn file(api: &Api, lib_name: &str) -> TokenStream {
    let sdk = ident(lib_name);
    let mut tests = Vec::new();
    for s in &api.services {
        for v in &s.versions {
            let (svc, ver) = (&s.names.module, ident(&v.name));
            let feature = &s.name;
            for op in &v.operations {
                for r in &op.responses {
                    let Some(body) = &r.body else { continue };
                    let ty = ident(body);
                    for (i, e) in r.examples.iter().enumerate() {
                        let name = format_ident!(
                            "{}_{}_{}_status_{}_example_{}",
                            s.name,
                            v.name,
                            op.names.module.name(),
                            r.status,
                            i + 1
                        );
                        let json = &e.json;
                        tests.push(quote! {
                            #[cfg(feature = #feature)]
                            #[test]
                            fn #name() {
                                examples::response::<#sdk::#svc::#ver::#ty>(#json);
                            }
                        });
                    }
                }
                let Some(b) = &op.body else { continue };
                let ty = ident(&b.object);
                for (i, e) in op.example_requests.iter().enumerate() {
                    let Some(ex) = &e.body else { continue };
                    let name =
                        format_ident!("{}_{}_{}_request_example_{}", s.name, v.name, op.names.module.name(), i + 1);
                    let json = &ex.json;
                    tests.push(quote! {
                        #[cfg(feature = #feature)]
                        #[test]
                        fn #name() {
                            examples::request::<#sdk::#svc::#ver::#ty>(#json);
                        }
                    });
                }
            }
        }
    }
    quote! {
        //! Every example body documented in `spec/`, decoded into (responses) or encoded from
        //! (request bodies) its generated model.
        #[allow(unused_imports)]
        use huaweicloud_sdk_mock::examples;
        #(#tests)*
    }
}
