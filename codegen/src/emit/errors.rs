//! The enum of each operation's documented error responses (`ListUsersError`), emitted into the
//! operation's module: one variant per documented error status (named in lowering), carrying its
//! documented body, and `from_response`, which the client method hands to the runtime.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc;
use crate::ir::Operation;
use crate::naming::ident;

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
    let docs = if errors.is_empty() {
        doc(&format!(
            "The documented error responses of `{}`: its page documents none, so \
             [`Error::documented`](::huaweicloud_sdk_runtime::Error::documented) is always `None`; \
             read an error answer through [`Error::status`](::huaweicloud_sdk_runtime::Error::status) \
             and [`Error::service_error`](::huaweicloud_sdk_runtime::Error::service_error) \
             (code, message, request ID).",
            op.wire_name
        ))
    } else {
        doc(&format!(
            "The documented error responses of `{}`, found in [`Error::documented`](::huaweicloud_sdk_runtime::Error::documented) \
             when the service answers with one of these statuses.",
            op.wire_name
        ))
    };
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
