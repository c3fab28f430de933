//! Object names read from table captions: `subnet objects`, `Description of the routetable
//! field`, `GetUsersListDetailResponses`, a dotted `mapping.rules.local`, Chinese captions.

use crate::import::read::vocab;

/// A caption naming an object: `GetUsersListDetailResponses`, or a caption whose one word that is
/// not a common word of captions is the field the table details (`server_groups field
/// description`, `Objects of request parameter user`, `subnet objects`, `Parameters in the volume
/// field`, `Description of the routetable field`, `Data structure of the spec field`; a dotted path
/// `mapping.rules.local` names its last field), with whether the name was derived.
pub(super) fn object_name(words: &str) -> Option<(String, bool)> {
    let w = words.trim();
    // `Detail`, `Tag` name their object; `Parameters` and `Description` name none.
    let bare =
        ["parameter", "parameters", "description", "field", "fields", "object", "objects", "response", "request"];
    if crate::naming::is_type_name(w) && !bare.contains(&w.to_lowercase().as_str()) {
        return Some((w.to_owned(), false));
    }
    if let Some(core) = vocab::zh_object_caption(w) {
        let name = crate::naming::type_name(core);
        return crate::naming::is_type_name(&name).then_some((name, true));
    }
    let core = caption_field(w)?;
    Some((crate::naming::pascal(core), true))
}

/// The words captions use around the name of the field their table details.
pub(super) const CAPTION_WORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "of",
    "in",
    "for",
    "and",
    "to",
    "parameter",
    "parameters",
    "param",
    "params",
    "description",
    "descriptions",
    "field",
    "fields",
    "object",
    "objects",
    "data",
    "structure",
    "structures",
    "attribute",
    "attributes",
    "element",
    "elements",
    "request",
    "response",
    "body",
    "details",
    "detail",
    "information",
    "format",
    "property",
    "properties",
    "struct",
    "table",
    "normal",
    "abnormal",
    "example",
    "returned",
    "definition",
    "definitions",
    "explanation",
    "sub",
    "nested",
];

/// The one word of a caption that names a field (see [`object_name`]), as printed.
fn caption_field(words: &str) -> Option<&str> {
    let ident = |t: &str| {
        t.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && t.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ':'))
    };
    let tokens: Vec<&str> =
        words.split_whitespace().map(|t| t.trim_matches(|c| matches!(c, '"' | '\'' | ','))).collect();
    if tokens.is_empty() || !tokens.iter().all(|t| ident(t)) {
        return None;
    }
    let names: Vec<&str> = tokens.into_iter().filter(|t| !CAPTION_WORDS.contains(&t.to_lowercase().as_str())).collect();
    let [name] = names.as_slice() else { return None };
    // `mapping.rules.local` is `RulesLocal`, as the pages' type cells name it.
    let name = name.trim_end_matches('.');
    let last = match name.rmatch_indices('.').nth(1) {
        Some((k, _)) => &name[k + 1..],
        None => name,
    };
    (!last.is_empty() && ident(last)).then_some(last)
}

/// The field a table's caption names, its last segment when dotted (`projects` of `projects`,
/// `user` of `token.user`): the objects of its rows are tabled as `<field>.<row>` and named
/// `<Field><Row>` (`ProjectsLinks`, `UserDomain`).
pub(super) fn parent_field(caption: &str) -> Option<String> {
    let words = vocab::caption_parts(caption).1;
    caption_field(&words).map(|c| c.rsplit('.').next().unwrap_or(c).to_owned())
}
