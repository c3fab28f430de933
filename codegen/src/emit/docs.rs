//! Rustdoc attributes from spec descriptions.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Bounds, Field, Type};

/// `#[doc = "..."]` attributes, one per line.
pub fn doc(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote! { #( #[doc = #lines] )* }
}

/// `#![doc = "..."]` attributes: the documentation of the module the file is.
pub fn inner_doc(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote! { #( #![doc = #lines] )* }
}

/// The lines of a doc comment, each with a leading space, and with indentation removed so that no
/// line of documentation text becomes an indented code block (and so a doctest); a code fence in
/// a description is defused for the same reason.
fn doc_lines(text: &str) -> Vec<String> {
    text.trim()
        .lines()
        .map(|l| {
            let l = l.trim();
            let l = if l.starts_with("```") { l.replacen("```", "'''", 1) } else { l.to_owned() };
            if l.is_empty() { String::new() } else { format!(" {l}") }
        })
        .collect()
}

/// The documentation of a field: its description, then in one paragraph where it goes (`place`:
/// "Query parameter", ...) and what the tables say about it.
pub fn field_doc(f: &Field, enum_values: Option<&[String]>, place: Option<&str>) -> String {
    let mut s = f.description.trim().to_owned();
    if s.is_empty() {
        s = format!("`{}`.", f.wire_name);
    }
    let mut facts = Vec::new();
    if let Some(place) = place {
        facts.push(format!("{place} `{}`.", f.wire_name));
    }
    if f.rust_name.name() != f.wire_name {
        facts.push(format!("Wire name `{}`.", f.wire_name));
    }
    if let Some(d) = &f.default {
        facts.push(format!("Default `{d}`."));
    }
    if let Some(b) = f.range {
        facts.push(format!("Range {}.", bounds(b)));
    }
    if let Some(b) = f.length {
        facts.push(format!("Length {}.", bounds(b)));
    }
    if let (Some(values), false) = (enum_values, matches!(f.ty, Type::Enum(_))) {
        facts.push(format!("Values: {}.", values.join(", ")));
    }
    if !facts.is_empty() {
        s.push_str("\n\n");
        s.push_str(&facts.join(" "));
    }
    s
}

/// `1 to 128`, `at least 0`, `at most 5`.
pub fn bounds(b: Bounds) -> String {
    match (b.min, b.max) {
        (Some(lo), Some(hi)) => format!("{lo} to {hi}"),
        (Some(lo), None) => format!("at least {lo}"),
        (None, Some(hi)) => format!("at most {hi}"),
        (None, None) => "unbounded".to_owned(),
    }
}
