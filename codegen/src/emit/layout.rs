//! Layout of the runtime's table macros in generated code. The models, setters, enum values and
//! documented errors of an operation are tables (`object!(Name { field: "wire", ... })`,
//! `builder!`, `wire_enum!`, `documented_errors!`) that runtime macros expand; prettyplease fills
//! macro arguments like running text (`name : "name", status :`), so each invocation is laid out
//! again here: one entry per line, spaced like Rust.

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

/// How prettyplease prints the path of a runtime macro.
const RUNTIME: &str = "::huaweicloud_sdk_runtime::";

/// The table macros, invoked as `RUNTIME` then one of these.
const MACROS: &[&str] = &["object!(", "builder!(", "wire_enum!(", "documented_errors!("];

/// `src` with every table macro invocation laid out one entry per line.
pub fn table_macros(src: &str) -> Result<String, String> {
    let mut out = String::with_capacity(src.len());
    let mut rest = src;
    while let Some(at) = rest.find(RUNTIME) {
        let after = at + RUNTIME.len();
        let Some(name) = MACROS.iter().find(|m| rest[after..].starts_with(*m)) else {
            // Another runtime path (`output!`, a type): kept as printed.
            out.push_str(&rest[..after]);
            rest = &rest[after..];
            continue;
        };
        out.push_str(&rest[..at]);
        let args = after + name.len();
        let len = closing_paren(&rest[args..]).ok_or_else(|| format!("`{name}` is not closed"))?;
        let tokens: TokenStream = rest[args..args + len].parse().map_err(|e| format!("{name}: {e}"))?;
        out.push_str(RUNTIME);
        out.push_str(name);
        out.push_str(&table(tokens));
        out.push(')');
        rest = &rest[args + len + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The byte length up to the `)` that closes an already opened parenthesis, skipping string
/// literals.
fn closing_paren(s: &str) -> Option<usize> {
    let mut depth = 1usize;
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => loop {
                match chars.next()?.1 {
                    '\\' => {
                        chars.next()?;
                    }
                    '"' => break,
                    _ => {}
                }
            },
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// `[strict] Name { entry, ... } [sdk_meta]`: the brace group one entry per line.
fn table(tokens: TokenStream) -> String {
    let mut out = String::new();
    let mut head = Vec::new();
    for tt in tokens {
        match tt {
            TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => {
                out.push_str(&join(&std::mem::take(&mut head)));
                out.push_str(" {\n");
                for entry in entries(g.stream()) {
                    out.push_str(&format!("    {},\n", join(&entry)));
                }
                out.push('}');
            }
            other => head.push(other),
        }
    }
    if !head.is_empty() {
        out.push(' ');
        out.push_str(&join(&head));
    }
    out
}

/// The entries of a table: split at the commas that are not inside `<...>`.
fn entries(stream: TokenStream) -> Vec<Vec<TokenTree>> {
    let mut out = vec![Vec::new()];
    let mut angle = 0usize;
    for t in stream {
        match &t {
            TokenTree::Punct(p) if p.as_char() == ',' && angle == 0 => {
                out.push(Vec::new());
                continue;
            }
            TokenTree::Punct(p) if p.as_char() == '<' => angle += 1,
            TokenTree::Punct(p) if p.as_char() == '>' && !after_equals(out.last()) => {
                angle = angle.saturating_sub(1);
            }
            _ => {}
        }
        if let Some(last) = out.last_mut() {
            last.push(t);
        }
    }
    out.retain(|e| !e.is_empty());
    out
}

/// Whether the entry so far ends in a `=` joint with what follows (the `=` of `=>`).
fn after_equals(entry: Option<&Vec<TokenTree>>) -> bool {
    matches!(entry.and_then(|e| e.last()), Some(TokenTree::Punct(p)) if p.as_char() == '=' && p.spacing() == Spacing::Joint)
}

/// Tokens as Rust is written: `name: "wire" required`, `status: super::AccountStatus`,
/// `name: impl Into<String>`, `400 => BadRequest(body)`.
fn join(tokens: &[TokenTree]) -> String {
    let mut out = String::new();
    let mut prev: Option<&TokenTree> = None;
    for t in tokens {
        let glued = match (prev, t) {
            (None, _) => true,
            // The second `:` of `::`, and whatever follows `::`, `<` or `&`.
            (Some(TokenTree::Punct(p)), _) if p.spacing() == Spacing::Joint && p.as_char() == ':' => true,
            (Some(TokenTree::Punct(p)), _) if matches!(p.as_char(), '<' | '&') => true,
            (Some(TokenTree::Punct(p)), TokenTree::Punct(q)) if p.as_char() == '=' && q.as_char() == '>' => true,
            (Some(TokenTree::Punct(p)), _) if p.as_char() == ':' && out.ends_with("::") => true,
            // `:` of a field, `,`, and the angle brackets of a type.
            (_, TokenTree::Punct(q)) if matches!(q.as_char(), ',' | '<' | '>') => true,
            (_, TokenTree::Punct(q)) if q.as_char() == ':' => {
                !matches!(prev, Some(TokenTree::Punct(p)) if p.as_char() == ':')
            }
            (_, TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis => true,
            _ => false,
        };
        if !glued {
            out.push(' ');
        }
        match t {
            // `new(name: impl Into<String>, ...)` of `builder!`.
            TokenTree::Group(g) if g.delimiter() == Delimiter::Parenthesis => {
                let inner: Vec<TokenTree> = g.stream().into_iter().collect();
                out.push_str(&format!("({})", join(&inner)));
            }
            other => out.push_str(&other.to_string()),
        }
        prev = Some(t);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_laid_out_one_entry_per_line() {
        let src = "::huaweicloud_sdk_runtime::builder!(\n    Req { new(id : impl Into < String >, k : super :: K), \
                   name : impl Into < String >, extra : :: serde_json :: Value, \
                   map : :: std :: collections :: BTreeMap < String, super :: X >, s : super :: S, }\n);\n";
        assert_eq!(
            table_macros(src).expect("lays out"),
            "::huaweicloud_sdk_runtime::builder!(Req {\n    new(id: impl Into<String>, k: super::K),\n    \
             name: impl Into<String>,\n    extra: ::serde_json::Value,\n    \
             map: ::std::collections::BTreeMap<String, super::X>,\n    s: super::S,\n});\n"
        );
        let src = "::huaweicloud_sdk_runtime::documented_errors!(E { 400 => BadRequest(body), 404 => NotFound });";
        assert_eq!(
            table_macros(src).expect("lays out"),
            "::huaweicloud_sdk_runtime::documented_errors!(E {\n    400 => BadRequest(body),\n    404 => NotFound,\n});"
        );
        let src = "::huaweicloud_sdk_runtime::object!(strict B { a : \"a, b)\" required, } sdk_meta);";
        assert_eq!(
            table_macros(src).expect("lays out"),
            "::huaweicloud_sdk_runtime::object!(strict B {\n    a: \"a, b)\" required,\n} sdk_meta);"
        );
        assert_eq!(table_macros("fn f() {}\n").expect("no table"), "fn f() {}\n");
        assert!(table_macros("::huaweicloud_sdk_runtime::object!(A { a: \"x\" ").is_err(), "unclosed");
    }
}
