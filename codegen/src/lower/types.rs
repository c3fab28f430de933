//! Type phrases as the documentation writes them ("Array of strings", "DatabaseOmUserInfo object").

/// A parsed type phrase, before object names are resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phrase {
    /// A scalar keyword.
    Scalar(Scalar),
    /// `Object`: free-form JSON.
    Any,
    /// `<Name> object`.
    Named(String),
    /// `Array of <element>`.
    Array(Box<Phrase>),
    /// `Map<String,<value>>`.
    Map(Box<Phrase>),
}

/// The scalar keywords.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar {
    /// `String`.
    String,
    /// `Integer`: a 32-bit signed integer.
    Integer,
    /// `Long`: a 64-bit signed integer.
    Long,
    /// `Float`, `Double`, `Number`: a 64-bit float.
    Number,
    /// `Boolean`.
    Boolean,
}

/// The scalar keywords and their plurals, as accepted (case-insensitive).
const SCALARS: &[(&str, &str, Scalar)] = &[
    ("string", "strings", Scalar::String),
    ("integer", "integers", Scalar::Integer),
    ("int", "ints", Scalar::Integer),
    ("long", "longs", Scalar::Long),
    ("float", "floats", Scalar::Number),
    ("double", "doubles", Scalar::Number),
    ("number", "numbers", Scalar::Number),
    ("boolean", "booleans", Scalar::Boolean),
];

/// The spellings to suggest for an unknown type.
pub const KNOWN: &[&str] = &[
    "String",
    "Integer",
    "Long",
    "Float",
    "Double",
    "Number",
    "Boolean",
    "Object",
    "Array of strings",
    "Array of integers",
    "Array of longs",
    "Array of numbers",
    "Array of booleans",
    "Array of objects",
    "List<String>",
];

/// Why a phrase did not parse: the word that is not a type, and the whole phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    /// The part that is not understood.
    pub word: String,
    /// What is wrong, where it is known (a map's key that is not String).
    pub hint: Option<&'static str>,
}

/// How deeply `Array of` and `Map<...>` may nest: documentation pages go two or three deep, and
/// a bound keeps the parser's and the generator's recursion off the end of the stack (cargo-fuzz
/// found a 15,000-deep phrase that overflowed it).
pub const MAX_NESTING: usize = 8;

/// Parses a type phrase.
pub fn parse(phrase: &str) -> Result<Phrase, Unknown> {
    let p = phrase.trim();
    let lower = p.to_ascii_lowercase();
    let depth = lower.matches("array of").count()
        + lower.matches("map<").count()
        + lower.matches("list<").count()
        + lower.matches("list(").count();
    if depth > MAX_NESTING {
        let shown: String = p.chars().take(40).collect();
        return Err(Unknown { word: format!("{shown}... (nested {depth} deep, at most {MAX_NESTING})"), hint: None });
    }
    let unknown = || Unknown { word: p.to_owned(), hint: None };
    if let Some(rest) = strip_prefix_ci(p, "array of ") {
        return element(rest.trim()).map(|e| Phrase::Array(Box::new(e)));
    }
    if let Some(rest) = strip_prefix_ci(p, "map<") {
        let inner = rest.strip_suffix('>').ok_or_else(unknown)?;
        let (key, value) = inner.split_once(',').ok_or_else(unknown)?;
        if !key.trim().eq_ignore_ascii_case("string") {
            return Err(Unknown {
                word: format!("{} (as a map's key)", key.trim()),
                hint: Some("a map's keys are JSON object keys, always strings: write Map<String,...>"),
            });
        }
        return parse(value).map(|v| Phrase::Map(Box::new(v)));
    }
    if let Some(inner) = list_element(p) {
        return element(inner.trim()).map(|e| Phrase::Array(Box::new(e)));
    }
    // `Dict` and the Chinese pages' "dictionary data structure" are free-form objects; their
    // "list data structure" is a list of anything.
    if p.eq_ignore_ascii_case("object") || p.eq_ignore_ascii_case("dict") || p == "字典数据结构" {
        return Ok(Phrase::Any);
    }
    if p == "列表数据结构" {
        return Ok(Phrase::Array(Box::new(Phrase::Any)));
    }
    if let Some(name) = strip_suffix_ci(p, " object") {
        return named(name.trim(), p);
    }
    SCALARS
        .iter()
        .find(|(one, _, _)| p.eq_ignore_ascii_case(one))
        .map(|(_, _, s)| Phrase::Scalar(*s))
        .ok_or_else(unknown)
}

/// The element of `List<...>` or `List(...)`, as some pages write `Array of ...`.
fn list_element(p: &str) -> Option<&str> {
    strip_prefix_ci(p, "list<")
        .and_then(|r| r.strip_suffix('>'))
        .or_else(|| strip_prefix_ci(p, "list(").and_then(|r| r.strip_suffix(')')))
}

/// The element of `Array of ...`: a plural or singular scalar, `objects`, `<Name> objects`, or a
/// nested phrase.
fn element(p: &str) -> Result<Phrase, Unknown> {
    if p.eq_ignore_ascii_case("objects") || p.eq_ignore_ascii_case("object") {
        return Ok(Phrase::Any);
    }
    // `Array of Array of Dimension objects` nests; `Array of Dimension` is no object's name.
    if strip_prefix_ci(p, "array of ").is_some() {
        return parse(p);
    }
    if let Some(name) = strip_suffix_ci(p, " objects").or_else(|| strip_suffix_ci(p, " object")) {
        return named(name.trim(), p);
    }
    if let Some((_, _, s)) =
        SCALARS.iter().find(|(one, many, _)| p.eq_ignore_ascii_case(one) || p.eq_ignore_ascii_case(many))
    {
        return Ok(Phrase::Scalar(*s));
    }
    parse(p)
}

fn named(name: &str, phrase: &str) -> Result<Phrase, Unknown> {
    // A caption as the page writes it: `UserInfo`, `user_list`, `os-start`, `Security Group`.
    let valid = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | ' '));
    if valid { Ok(Phrase::Named(name.to_owned())) } else { Err(Unknown { word: phrase.to_owned(), hint: None }) }
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &s[prefix.len()..])
}

fn strip_suffix_ci<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = s.len().checked_sub(suffix.len())?;
    let tail = s.get(cut..)?;
    tail.eq_ignore_ascii_case(suffix).then(|| &s[..cut])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(n: &str) -> Phrase {
        Phrase::Named(n.to_owned())
    }

    #[test]
    fn nesting_is_bounded() {
        let ok = format!("{}Integer", "Array of ".repeat(MAX_NESTING));
        assert!(parse(&ok).is_ok());
        let deep = format!("{}Integer", "Array of ".repeat(15_000));
        let e = parse(&deep).expect_err("too deep");
        assert!(e.word.contains("nested 15000 deep, at most 8"), "{}", e.word);
        assert!(e.word.len() < 100, "the phrase is cut short in the message");
    }

    #[test]
    fn parses_the_phrases_of_the_documentation() {
        assert_eq!(parse("String"), Ok(Phrase::Scalar(Scalar::String)));
        assert_eq!(parse("Long"), Ok(Phrase::Scalar(Scalar::Long)));
        assert_eq!(parse("Array of strings"), Ok(Phrase::Array(Box::new(Phrase::Scalar(Scalar::String)))));
        assert_eq!(
            parse("Array of GetUsersListDetailResponses objects"),
            Ok(Phrase::Array(Box::new(named("GetUsersListDetailResponses"))))
        );
        assert_eq!(parse("DatabaseOmUserInfo object"), Ok(named("DatabaseOmUserInfo")));
        assert_eq!(parse("Object"), Ok(Phrase::Any));
        assert_eq!(parse("Map<String,Integer>"), Ok(Phrase::Map(Box::new(Phrase::Scalar(Scalar::Integer)))));
        assert_eq!(
            parse("Array of Array of integers"),
            Ok(Phrase::Array(Box::new(Phrase::Array(Box::new(Phrase::Scalar(Scalar::Integer))))))
        );
        assert_eq!(
            parse("Array of Array of Dimension objects"),
            Ok(Phrase::Array(Box::new(Phrase::Array(Box::new(named("Dimension"))))))
        );
    }

    #[test]
    fn captions_that_are_not_type_names_are_object_names() {
        assert_eq!(parse("Array of user_list objects"), Ok(Phrase::Array(Box::new(named("user_list")))));
        assert_eq!(parse("os-start object"), Ok(named("os-start")));
        assert_eq!(parse("Array of Security Group objects"), Ok(Phrase::Array(Box::new(named("Security Group")))));
    }

    #[test]
    fn lists_and_dictionaries_as_some_pages_write_them() {
        let strings = Ok(Phrase::Array(Box::new(Phrase::Scalar(Scalar::String))));
        assert_eq!(parse("List<String>"), strings);
        assert_eq!(parse("List(Dict)"), Ok(Phrase::Array(Box::new(Phrase::Any))));
        assert_eq!(parse("List<Tag object>"), Ok(Phrase::Array(Box::new(named("Tag")))));
        assert_eq!(parse("字典数据结构"), Ok(Phrase::Any));
        assert_eq!(parse("列表数据结构"), Ok(Phrase::Array(Box::new(Phrase::Any))));
        assert!(parse("List<String").is_err());
    }

    #[test]
    fn rejects_misspellings_and_odd_names() {
        assert!(parse("Integr").is_err());
        assert!(parse("Array of strngs").is_err());
        assert!(parse("Foo/Bar object").is_err());
        let e = parse("Map<Integer,String>").expect_err("an integer key");
        assert_eq!(e.word, "Integer (as a map's key)");
        assert!(e.hint.is_some_and(|h| h.contains("Map<String,")));
        assert!(parse("").is_err());
        assert!(parse("é object").is_err());
    }
}
