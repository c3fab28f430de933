//! Rustdoc attributes from spec descriptions.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Bounds, Field, Type};

/// `#[doc = "..."]` attributes, one per line.
pub fn doc(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote! { #( #[doc = #lines] )* }
}

/// `#[doc = "..."]` attributes of a Rust code block the generator wrote (not page text): kept as
/// written, indentation included, in a fence with `attributes` (`no_run`).
pub fn code_block(attributes: &str, code: &str) -> TokenStream {
    let mut lines = vec![format!(" ```{attributes}")];
    lines.extend(code.lines().map(|l| if l.is_empty() { String::new() } else { format!(" {l}") }));
    lines.push(" ```".to_owned());
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
            if l.is_empty() { String::new() } else { format!(" {}", escape_brackets(&l)) }
        })
        .collect()
}

/// `line` with the square brackets of page text escaped (`^[a-z]{0,255}$`, `[1, 2]`), which
/// rustdoc would otherwise read as intra-doc links; kept are links the generator writes
/// (`[text](target)`, ``[`Item`]``) and everything inside a code span.
fn escape_brackets(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut in_code = false;
    let mut keep_close = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '`' => {
                in_code = !in_code;
                out.push(c);
            }
            '[' if !in_code => {
                let close = chars[i + 1..].iter().position(|&d| d == ']').map(|p| i + 1 + p);
                let link = close.is_some_and(|j| chars.get(i + 1) == Some(&'`') || chars.get(j + 1) == Some(&'('));
                if link {
                    keep_close.extend(close);
                    out.push('[');
                } else {
                    out.push_str("\\[");
                }
            }
            ']' if !in_code && !keep_close.contains(&i) => out.push_str("\\]"),
            _ => out.push(c),
        }
    }
    out
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

#[cfg(test)]
mod tests {
    use super::escape_brackets;

    #[test]
    fn page_brackets_are_escaped_and_generated_links_kept() {
        assert_eq!(escape_brackets("Range: ^[a-z0-9]{0,255}$"), "Range: ^\\[a-z0-9\\]{0,255}$");
        assert_eq!(escape_brackets("values [1, 2] or ]"), "values \\[1, 2\\] or \\]");
        let links = "see [`Error::Pagination`](::x::Error) and [`paginate`]";
        assert_eq!(escape_brackets(links), links);
        assert_eq!(escape_brackets("code `a[0]` stays"), "code `a[0]` stays");
    }
}
