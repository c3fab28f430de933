//! `tests/examples.rs` of the generated crate: every documented example through its model.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::{Api, Example, Operation, Service, Version};
use crate::naming::ident;

/// One `#[test]` per documented example body: responses must decode and keep every documented
/// value, request bodies must serialize back to the documented JSON. An example that contradicts
/// its table (`mismatch`) gets no test; the file's doc comment names it with the reason.
pub fn file(api: &Api, lib_name: &str) -> TokenStream {
    let sdk = ident(lib_name);
    let mut tests = Vec::new();
    let mut skipped = Vec::new();
    for s in &api.services {
        for v in &s.versions {
            for op in &v.operations {
                for (name, e, call) in examples(s, v, op) {
                    let reason = match (&e.mismatch, call) {
                        (None, Some(call)) => {
                            tests.push(test(&sdk, s, v, &name, &e.json, call));
                            continue;
                        }
                        (Some(reason), _) => one_line(reason),
                        (None, None) => {
                            "no table documents its body, so there is no model to check it against".to_owned()
                        }
                    };
                    skipped.push(format!(" - `{name}` ({}): {reason}", op.spec_file));
                }
            }
        }
    }
    let mut doc = vec![
        " Every example body documented in `spec/`, decoded into (responses) or encoded from".to_owned(),
        " (request bodies) its generated model.".to_owned(),
    ];
    if !skipped.is_empty() {
        doc.extend([
            String::new(),
            " Not tested: the examples that contradict their tables (`mismatch`), or have none.".to_owned(),
        ]);
        doc.extend(skipped);
    }
    quote! {
        #(#![doc = #doc])*
        #[allow(unused_imports)]
        use huaweicloud_sdk_mock::examples;
        #(#tests)*
    }
}

/// Which of the runtime's example helpers a test calls, and on which model.
#[derive(Clone, Copy)]
enum Call<'a> {
    Response(&'a str),
    Request(&'a crate::ir::Type),
}

/// Every example body of `op` with its test name and its call (`None` when no table documents
/// the body it shows), in page order.
fn examples<'a>(s: &Service, v: &Version, op: &'a Operation) -> Vec<(String, &'a Example, Option<Call<'a>>)> {
    let prefix = format!("{}_{}_{}", s.name, v.name, op.names.module.name());
    let mut out = Vec::new();
    for r in &op.responses {
        let call = r.body.as_deref().map(Call::Response);
        for (i, e) in r.examples.iter().enumerate() {
            out.push((format!("{prefix}_status_{}_example_{}", r.status, i + 1), e, call));
        }
    }
    let call = op.body.as_ref().map(|b| Call::Request(&b.ty));
    for (i, e) in op.example_requests.iter().enumerate() {
        if let Some(ex) = &e.body {
            out.push((format!("{prefix}_request_example_{}", i + 1), ex, call));
        }
    }
    out
}

fn test(sdk: &proc_macro2::Ident, s: &Service, v: &Version, name: &str, json: &str, call: Call<'_>) -> TokenStream {
    let (svc, ver, feature) = (&s.names.module, ident(&v.name), &s.name);
    let name = format_ident!("{name}");
    let call = match call {
        Call::Response(ty) => {
            let ty = super::modules::path_in_version(v, ty);
            quote!(examples::response::<#sdk::#svc::#ver::#ty>(#json))
        }
        Call::Request(ty) => {
            let ty = super::modules::type_in_version(v, ty, &quote!(#sdk::#svc::#ver));
            quote!(examples::request::<#ty>(#json))
        }
    };
    quote! {
        #[cfg(feature = #feature)]
        #[test]
        fn #name() {
            #call;
        }
    }
}

/// A reason on one line of the doc comment.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
