//! The per-operation glue of waiting (the spec's `waiter`): the `static` that describes the wait
//! (also read by the mock cloud) and the client's `wait_for_<operation>` method, which builds the
//! polling request from the start's request and answer. The loop is the runtime's
//! (`huaweicloud_sdk_runtime::waiter::wait`).

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc;
use super::models::rust_type;
use crate::ir::{Operation, Type, Version, WaitSource, Waiter};

fn path(p: &[String]) -> TokenStream {
    quote!(&[#(#p),*])
}

fn opt_path(p: Option<&Vec<String>>) -> TokenStream {
    match p {
        Some(p) => {
            let p = path(p);
            quote!(Some(#p))
        }
        None => quote!(None),
    }
}

/// `pub(super) static <OP>_WAITER: runtime::waiter::Waiter`, for an operation with a waiter.
pub fn static_item(op: &Operation) -> Option<TokenStream> {
    let w = op.waiter.as_ref()?;
    let st = &op.names.waiter_static;
    let (name, poll) = (&op.wire_name, &w.poll);
    let status = path(&w.status);
    let (success, failure, pending) = (&w.success, &w.failure, &w.pending);
    let progress = opt_path(w.progress.as_ref());
    let code = opt_path(w.error_code.as_ref());
    let message = opt_path(w.error_message.as_ref());
    let gone = w.gone_is_done;
    let listed = match &w.item {
        Some(item) => {
            let items = path(&item.items);
            let key = &item.key.wire_name;
            let id = match &item.equals {
                WaitSource::Response(fields) => {
                    let wires: Vec<String> = fields.iter().map(|f| f.wire_name.clone()).collect();
                    let p = path(&wires);
                    quote!(runtime::waiter::IdSource::Response(#p))
                }
                WaitSource::Request(f) => {
                    let wire = &f.wire_name;
                    quote!(runtime::waiter::IdSource::Request(#wire))
                }
                // Refused by lowering: an item is found by an ID.
                WaitSource::Clock { .. } => return None,
            };
            quote!(Some(runtime::waiter::Listed { items: #items, key: &[#key], id: #id }))
        }
        None => quote!(None),
    };
    Some(quote! {
        pub(super) static #st: runtime::waiter::Waiter = runtime::waiter::Waiter {
            operation: #name,
            poll: #poll,
            status: #status,
            success: &[#(#success),*],
            failure: &[#(#failure),*],
            pending: &[#(#pending),*],
            progress: #progress,
            error_code: #code,
            error_message: #message,
            gone_is_done: #gone,
            listed: #listed,
        };
    })
}

/// The words of a list, quoted and joined (`` `Completed` ``, `` `SUCCESS` or `FINISHED` ``).
fn words(ws: &[String]) -> String {
    let quoted: Vec<String> = ws.iter().map(|w| format!("`{w:?}`")).collect();
    match quoted.as_slice() {
        [] => "none".to_owned(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

fn docs(op: &Operation, w: &Waiter, poll: &Operation) -> TokenStream {
    let args: Vec<String> = w.args.iter().map(|a| format!("`{}` from `{}`", a.param.wire_name, a.written)).collect();
    let args = if args.is_empty() { "no parameters".to_owned() } else { args.join(", ") };
    let (method, poll_method) = (op.names.method.name(), poll.names.method.name());
    let status = w.status.join(".");
    // A listing's item, or the poll's answer.
    let (answer, that, gone) = match &w.item {
        Some(_) => ("the item", "that item", "two walks of the listing in a row do not hold the item"),
        None => ("its answer", "that answer", "the poll answers 404"),
    };
    let done = match (w.gone_is_done, w.success.is_empty()) {
        (true, true) => format!("{gone} (done: the resource is gone; `None` is returned)"),
        (true, false) => format!(
            "`{status}` of {answer} is {} (done: `Some` of {that}) or {gone} (done: the resource is gone; \
             `None`)",
            words(&w.success)
        ),
        (false, _) => format!("`{status}` of {answer} is {} (done: {that} is returned)", words(&w.success)),
    };
    let failed = if w.failure.is_empty() {
        String::new()
    } else {
        format!(", or until `{status}` is {} (failed)", words(&w.failure))
    };
    let polls = match &w.item {
        Some(item) => {
            let all = poll.names.all_method.to_string();
            format!(
                "`{}` ([`{all}`](Self::{all}), page after page, with {args}) for the item whose `{}` \
                 is `{}`",
                poll.wire_name, item.key.wire_name, item.written
            )
        }
        None => format!("`{}` ([`{poll_method}`](Self::{poll_method}), with {args})", poll.wire_name),
    };
    let mut text = format!(
        "Waits for the work that [`{method}`](Self::{method}) started to end: polls {polls} until {done}{failed}."
    );
    if w.args.iter().any(|a| matches!(a.from, WaitSource::Clock { .. })) {
        text.push_str(" The time parameters (`now`: epoch milliseconds) are read from the clock at each poll.");
    }
    if w.success.iter().chain(&w.failure).chain(&w.pending).any(String::is_empty) {
        text.push_str(
            " The empty word (`\"\"`) stands for the status absent or empty: a poll made before the \
             service sets it would end the wait, so pause before the first poll with \
             `WaitOptions::delay`.",
        );
    }
    if !w.pending.is_empty() {
        let verb = if w.pending.len() == 1 { "means" } else { "mean" };
        text.push_str(&format!(
            " {} {verb} it is still running; another word is taken as still running too.",
            words(&w.pending)
        ));
    }
    if let Some(p) = &w.progress {
        text.push_str(&format!(" The progress (`{}`) is given to the options' `on_progress`.", p.join(".")));
    }
    let from_request = w.sources().any(|s| matches!(s, WaitSource::Request(_)));
    let from_started = w.sources().any(|s| matches!(s, WaitSource::Response(_)));
    let reads = match (from_request, from_started) {
        (true, true) => "`request` and `started` (the request sent and its answer) are both read",
        (true, false) => "`request` (the request sent) is read; `started` (its answer) is not",
        (false, true) => {
            "`started` (the answer) is read, from its typed fields, so that a wait can be taken up \
             again with an answer rebuilt from a stored ID; `request` is not"
        }
        (false, false) => "neither `request` nor `started` is read",
    };
    let each = if w.item.is_some() {
        "Each poll walks the listing from its first page, each page a call with the client's retries \
         and time bounds (the last poll, at the deadline, may walk for up to 60 s more)"
    } else {
        "Each poll is a call with the client's retries and time bounds"
    };
    text.push_str(&format!(
        "\n\n{reads}. {each}; `options` bound \
         the wait and the interval between polls (see \
         [`WaitOptions`](::huaweicloud_sdk_runtime::waiter::WaitOptions)). Dropping the future stops \
         waiting; the work goes on, and another call takes the wait up again.\n\n\
         # Errors\n\n\
         [`WaitError`](::huaweicloud_sdk_runtime::waiter::WaitError): "
    ));
    if !w.failure.is_empty() {
        text.push_str("`Failed` with the status word");
        let parts: Vec<String> = [
            w.error_code.as_ref().map(|c| format!("code (`{}`)", c.join("."))),
            w.error_message.as_ref().map(|m| format!("message (`{}`)", m.join("."))),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !parts.is_empty() {
            text.push_str(&format!(" and the answer's {}", parts.join(" and ")));
        }
        text.push_str("; ");
    }
    text.push_str("`TimedOut` with the last status");
    if !w.gone_is_done {
        text.push_str(&format!("; `Gone` when {gone}"));
    }
    if from_started {
        text.push_str("; `MissingId` when `started` lacks a value the poll needs");
    }
    text.push_str(&format!(
        "; `NoStatus` when {} has no status; `Poll` when a poll fails otherwise.",
        if w.item.is_some() { "the item" } else { "an answer" }
    ));
    doc(&text)
}

/// The client's `wait_for_<operation>` method, for an operation with a waiter.
pub fn method(v: &Version, op: &Operation) -> Option<TokenStream> {
    let w = op.waiter.as_ref()?;
    let poll = v.operations.iter().find(|o| o.wire_name == w.poll)?;
    let st = &op.names.waiter_static;
    let name = &op.names.wait_method;
    let request = &op.names.request;
    let started = super::client::success_type(op);
    let (poll_request, poll_error, poll_method) = (&poll.names.request, &poll.names.error, &poll.names.method);
    let poll_success = super::client::success_type(poll);
    let value = |from: &WaitSource, written: &str| match from {
        // Read from the typed answer (a caller may rebuild `started` from a stored ID), as text.
        WaitSource::Response(fields) => {
            let mut read = quote!(Some(started));
            for f in fields {
                let n = &f.rust_name;
                read =
                    if f.mandatory { quote!(#read.map(|v| &v.#n)) } else { quote!(#read.and_then(|v| v.#n.as_ref())) };
            }
            quote!(runtime::waiter::id(&#st, #read.map(ToString::to_string), #written)?)
        }
        WaitSource::Request(f) => {
            let n = &f.rust_name;
            quote!(request.#n.clone())
        }
        WaitSource::Clock { offset_secs } => {
            let n = proc_macro2::Literal::u64_unsuffixed(offset_secs.unsigned_abs());
            if *offset_secs < 0 {
                quote!(runtime::waiter::epoch_ms(-#n))
            } else {
                quote!(runtime::waiter::epoch_ms(#n))
            }
        }
    };
    let mandatory = w.args.iter().filter(|a| a.param.mandatory).map(|a| value(&a.from, &a.written));
    let setters = w.args.iter().filter(|a| !a.param.mandatory).map(|a| {
        let setter = &a.param.rust_name;
        let v = value(&a.from, &a.written);
        quote!(.#setter(#v))
    });
    let uses_request = w.sources().any(|s| matches!(s, WaitSource::Request(_)));
    let uses_started = w.sources().any(|s| matches!(s, WaitSource::Response(_)));
    // Both are arguments of every waiter, whichever the polling request's values come from.
    let unused = match (uses_request, uses_started) {
        (true, true) => quote!(),
        (false, true) => quote!(let _ = request;),
        (true, false) => quote!(let _ = started;),
        (false, false) => quote!(let _ = (request, started);),
    };
    let docs = docs(op, w, poll);
    let build = quote!(#poll_request::new(#(#mandatory),*) #(#setters)*);
    // The clock is read at each poll, so the request is built in the poll; else once.
    let clocked = w.args.iter().any(|a| matches!(a.from, WaitSource::Clock { .. }));
    let (answer, body) = match (&w.item, &poll.pagination) {
        (Some(item), Some(pages)) => {
            let Type::Array(element) = &pages.items.ty else { return None };
            let element = rust_type(element);
            let id = value(&item.equals, &item.written);
            let all = &poll.names.all_method;
            let wait = if w.gone_is_done { quote!(wait_listed_until_gone) } else { quote!(wait_listed) };
            let body = quote! {
                let id = #id;
                runtime::waiter::#wait(&#st, options, &id, || {
                    let poll = #build;
                    self.#all(&poll)
                })
                .await
            };
            (element, body)
        }
        (Some(_), None) => return None,
        (None, _) => {
            let wait = if w.gone_is_done { quote!(wait_until_gone) } else { quote!(wait) };
            let body = if clocked {
                quote! {
                    runtime::waiter::#wait(&#st, options, || {
                        let poll = #build;
                        async move { self.#poll_method(&poll).await }
                    })
                    .await
                }
            } else {
                quote! {
                    let poll = #build;
                    runtime::waiter::#wait(&#st, options, || self.#poll_method(&poll)).await
                }
            };
            (poll_success, body)
        }
    };
    // A deletion's wait ends with `None` when the resource is gone.
    let output = if w.gone_is_done { quote!(Option<#answer>) } else { answer };
    Some(quote! {
        #docs
        pub async fn #name(
            &self,
            request: &#request,
            started: &#started,
            options: &runtime::waiter::WaitOptions,
        ) -> Result<#output, runtime::waiter::WaitError<#poll_error>> {
            #unused
            #body
        }
    })
}
