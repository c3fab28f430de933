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
            if l.is_empty() { String::new() } else { format!(" {}", angle_urls(&escape_tags(&escape_brackets(&l)))) }
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
                // A link to an item or a web page; a page's link to its own site's tags
                // (`[text](tag:hws)`) is text.
                let target_ok = |j: usize| {
                    let target: String = chars[j + 2..].iter().take_while(|&&d| d != ')').collect();
                    ["http://", "https://", "::", "Self", "self", "super", "crate", "#"]
                        .iter()
                        .any(|p| target.starts_with(p))
                        || target.chars().all(|c| c.is_alphanumeric() || c == '_')
                };
                let link = close.is_some_and(|j| {
                    chars.get(i + 1) == Some(&'`') || (chars.get(j + 1) == Some(&'(') && target_ok(j))
                });
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

/// `line` with each `<` of page text that would open an HTML tag (`<content-to-be-encoded>`,
/// `</b>`) escaped, which rustdoc would otherwise read as one; code spans and URLs in angle
/// brackets are left alone.
fn escape_tags(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut in_code = false;
    let mut chars = line.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '`' => in_code = !in_code,
            '<' if !in_code => {
                let rest = &line[at + 1..];
                let tag = chars.peek().is_some_and(|(_, n)| n.is_ascii_alphabetic() || *n == '/' || *n == '!');
                if tag && !rest.starts_with("http://") && !rest.starts_with("https://") {
                    out.push('\\');
                }
            }
            _ => {}
        }
        out.push(c);
    }
    out
}

/// `line` with each bare `http://` or `https://` URL of page text put in angle brackets, so that
/// rustdoc makes it a link (its `bare_urls` lint refuses it as is); URLs in code spans, links and
/// angle brackets are left alone. A URL ends at white space, a non-ASCII character or a quote,
/// and trailing punctuation is not part of it.
fn angle_urls(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line;
    let mut in_code = false;
    while let Some(at) = rest.find(['`', 'h']) {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        if let Some(after) = from.strip_prefix('`') {
            in_code = !in_code;
            out.push('`');
            rest = after;
            continue;
        }
        let link_target = before.ends_with('<') || out.ends_with("](");
        let wrapped = !in_code && !link_target && (from.starts_with("http://") || from.starts_with("https://"));
        let len = from
            .find(|c: char| c.is_whitespace() || !c.is_ascii() || matches!(c, '"' | '\'' | '<' | '>' | '`'))
            .unwrap_or(from.len());
        let url = from[..len].trim_end_matches(['.', ',', ';', ':', ')', ']', '!', '?']);
        if wrapped && url.len() > "https://".len() {
            out.push('<');
            out.push_str(url);
            out.push('>');
            rest = &from[url.len()..];
        } else {
            out.push('h');
            rest = &from[1..];
        }
    }
    out.push_str(rest);
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
    // `range: [null, null]` bounds nothing: it says nothing.
    let bounded = |b: &Bounds| b.min.is_some() || b.max.is_some();
    if let Some(b) = f.range.filter(bounded) {
        facts.push(format!("Range {}.", bounds(b)));
    }
    if let Some(b) = f.length.filter(bounded) {
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

/// `1 to 128`, `at least 0`, `at most 5`: the shared check's words, which the runtime's and the
/// mock's messages use too.
pub fn bounds(b: Bounds) -> String {
    huaweicloud_sdk_shape::bounds(b.min, b.max)
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
        assert_eq!(escape_brackets("[see the guide](tag:hws)."), "\\[see the guide\\](tag:hws).");
        assert_eq!(escape_brackets("[guide](https://x.example/a)"), "[guide](https://x.example/a)");
    }

    #[test]
    fn what_page_text_would_open_as_an_html_tag_is_escaped() {
        use super::escape_tags;
        assert_eq!(
            escape_tags("echo \"*<content-to-be-encoded>*\" | base64"),
            "echo \"*\\<content-to-be-encoded>*\" | base64"
        );
        assert_eq!(escape_tags("a </b> c"), "a \\</b> c");
        for kept in ["`Vec<String>`", "<https://a.example>", "1 < 2", "a<=b"] {
            assert_eq!(escape_tags(kept), kept);
        }
    }

    #[test]
    fn bare_urls_of_page_text_become_links() {
        use super::angle_urls;
        assert_eq!(
            angle_urls("示例：http://glance.example.com/images/3b8d - 指定"),
            "示例：<http://glance.example.com/images/3b8d> - 指定"
        );
        assert_eq!(angle_urls("See https://a.example/x."), "See <https://a.example/x>.");
        assert_eq!(angle_urls("见规格(https://a.example/#/x?api=L)的"), "见规格(<https://a.example/#/x?api=L>)的");
        for kept in ["`http://a.example`", "<https://a.example>", "[a](https://a.example)", "http:// alone", "hash"] {
            assert_eq!(angle_urls(kept), kept);
        }
    }
}
