//! Type cells that the type-phrase grammar (`lower::types`) does not take, as some pages print
//! them, rewritten into a phrase it takes with the reason for the review mark: a bare `Array` or
//! `list` whose items the description or the example gives, `List<resource_tag>` and
//! `Array<Array<Zone>>` generics, `JSONArray`, `AnyType`, `Null` (a member sent as null), `datetime`.

use crate::lower::types;

/// What the page says around a type cell: whether the row is a request parameter outside the
/// body (its items are strings on the wire), and the type the page's example gives the member.
#[derive(Debug)]
pub struct Context<'a> {
    /// A path, query or header parameter.
    pub parameter: bool,
    /// The type phrase of the member in the page's examples, with the value as printed.
    pub example: Option<&'a (String, String)>,
    /// The member is a list of IDs by its name (`*_ids`) or description (`ID list`, `ID的列表`).
    pub ids: bool,
    /// The scalar type (`Integer`) a row of the same name has in another table of the page: a
    /// query filter `delay` printed `Array` filters on the response's `delay`, an Integer.
    pub elsewhere: Option<&'a str>,
}

/// Whether a member named `name` and described by `description` holds IDs ([`Context::ids`]).
pub fn names_ids(name: &str, description: &str) -> bool {
    let d = description.to_lowercase();
    ["id的列表", "id列表", "id list", "ids"].iter().any(|w| d.contains(w)) || name.to_lowercase().ends_with("_ids")
}

/// Whether [`rewrite`] reads `ty`: the grammar does not take it, or takes it for the wrong thing
/// (`JSON object` is no object named `JSON`, `Array of arrays of X objects` no object named
/// `arrays of X`).
pub fn applies(ty: &str) -> bool {
    let lower = ty.trim().to_ascii_lowercase();
    lower == "json object" || lower.starts_with("array of arrays of ") || types::parse(ty).is_err()
}

/// The phrase to draft for `ty` and why, or `None` when the grammar takes `ty` or nothing here
/// reads it.
pub fn rewrite(ty: &str, cx: &Context<'_>) -> Option<(String, String)> {
    let t = ty.trim();
    let lower = t.to_ascii_lowercase();
    if lower == "json object" {
        // Not an object named `JSON`: any object, which the row's table then names.
        return Some(("Object".to_owned(), format!("printed `{t}`")));
    }
    if let Some(rest) = lower.strip_prefix("array of arrays of ") {
        let nested = format!("Array of Array of {}", &t[t.len() - rest.len()..]);
        return types::parse(&nested).is_ok().then(|| (nested.clone(), format!("printed `{t}`; read as `{nested}`")));
    }
    if matches!(lower.as_str(), "array" | "list" | "jsonarray" | "list of objects" | "array of object") {
        return Some(bare_array(t, cx));
    }
    if matches!(lower.as_str(), "anytype" | "json" | "jsonobject" | "map") {
        return Some(("Object".to_owned(), format!("printed `{t}`: free-form JSON")));
    }
    if matches!(lower.as_str(), "null" | "none") {
        return Some(("Object".to_owned(), format!("printed `{t}`: the member is sent as null; free-form JSON")));
    }
    if matches!(lower.as_str(), "datetime" | "date" | "timestamp") {
        return Some(("String".to_owned(), format!("printed `{t}`: a date and time, sent as a string")));
    }
    if types::parse(ty).is_ok() {
        return None;
    }
    let generic = generic(t)?;
    types::parse(&generic).is_ok().then(|| (generic.clone(), format!("printed `{t}`; read as `{generic}`")))
}

/// A bare array word: strings for a parameter outside the body, else the items the example shows,
/// else objects (a row that refers to an object table then gets its name, `tables::link_objects`).
fn bare_array(t: &str, cx: &Context<'_>) -> (String, String) {
    if let (true, Some(scalar)) = (cx.parameter, cx.elsewhere) {
        let why = format!("printed `{t}`; the page's other tables type a member of this name `{scalar}`");
        return (format!("Array of {scalar}"), why);
    }
    if cx.parameter {
        return ("Array of strings".to_owned(), format!("printed `{t}`; a parameter's items are strings on the wire"));
    }
    if cx.ids && cx.example.is_none() {
        return ("Array of strings".to_owned(), format!("printed `{t}`; its description speaks of IDs"));
    }
    match cx.example {
        Some((ty, json)) if ty.starts_with("Array of") => {
            (ty.clone(), format!("printed `{t}`; the page's example has `{json}` here"))
        }
        _ => ("Array of objects".to_owned(), format!("printed `{t}`; the items are taken as objects")),
    }
}

/// `List<resource_tag>`, `Set<String>`, `Array<Array<Zone>>` -> `Array of resource_tag objects`,
/// `Array of strings`, `Array of Array of Zone objects`.
fn generic(t: &str) -> Option<String> {
    let open = t.find('<')?;
    let head = t[..open].trim().to_ascii_lowercase();
    let inner = t[open + 1..].trim().strip_suffix('>')?.trim();
    if !matches!(head.as_str(), "list" | "array" | "set") {
        return None;
    }
    if inner.eq_ignore_ascii_case("object") {
        return Some("Array of objects".to_owned());
    }
    if inner.contains('<') {
        return Some(format!("Array of {}", generic(inner)?));
    }
    if let Ok(types::Phrase::Scalar(_)) = types::parse(inner) {
        return Some(format!("Array of {}s", inner.to_ascii_lowercase()));
    }
    let name = inner.strip_suffix(" object").unwrap_or(inner).trim();
    let ident = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    (ident && !name.is_empty()).then(|| format!("Array of {name} objects"))
}

#[cfg(test)]
mod tests {
    use super::{Context, rewrite};

    fn body() -> Context<'static> {
        Context { parameter: false, example: None, ids: false, elsewhere: None }
    }

    #[test]
    fn generics_become_array_phrases() {
        let r = |t: &str| rewrite(t, &body()).map(|(ty, _)| ty);
        assert_eq!(r("List<resource_tag>").as_deref(), Some("Array of resource_tag objects"));
        assert_eq!(r("Set<String>").as_deref(), Some("Array of strings"));
        assert_eq!(r("Array<Array<Zone>>").as_deref(), Some("Array of Array of Zone objects"));
        assert_eq!(r("String"), None, "a phrase the grammar takes is left alone");
        assert_eq!(r("Foo<Bar>"), None);
        assert_eq!(r("Array<Object>").as_deref(), Some("Array of objects"));
        assert_eq!(r("JSON object").as_deref(), Some("Object"));
        assert_eq!(r("Array of arrays of Dimension objects").as_deref(), Some("Array of Array of Dimension objects"));
    }

    #[test]
    fn a_bare_array_takes_its_items_from_the_example_or_is_strings_in_a_query() {
        let strings = ("Array of strings".to_owned(), "[\"a\"]".to_owned());
        let from_example = Context { parameter: false, example: Some(&strings), ids: false, elsewhere: None };
        assert_eq!(rewrite("list", &from_example).map(|(t, _)| t).as_deref(), Some("Array of strings"));
        let query = Context { parameter: true, example: None, ids: false, elsewhere: None };
        assert_eq!(rewrite("Array", &query).map(|(t, _)| t).as_deref(), Some("Array of strings"));
        assert_eq!(rewrite("Array", &body()).map(|(t, _)| t).as_deref(), Some("Array of objects"));
    }
}
