//! What inference gives the draft: tables with their role, rows as typed fields; and the two
//! readings of a type phrase every inference step makes (its kind, the objects it names).

use super::kind::Kind;
use super::prose::Inferred;
use crate::lower::types::{self, Phrase, Scalar};

/// What a table describes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// Path parameters.
    Path,
    /// Query parameters.
    Query,
    /// Request headers.
    Header,
    /// The request body.
    RequestBody,
    /// A response body, of a status when the page says which.
    ResponseBody(Option<u16>),
    /// Response headers (the spec format has no place for them).
    ResponseHeader,
    /// A nested object, with its name.
    Object(String),
    /// A table the draft leaves out, with why in the table's `role_review`: an object table no
    /// row refers to and whose caption names nothing, or a table that lists values, not fields.
    LeftOut,
}

/// One row of a table, drafted.
#[derive(Debug, Clone)]
pub struct Field {
    /// Wire name.
    pub name: String,
    /// The Mandatory column, when the table has one.
    pub mandatory: Option<bool>,
    /// Type phrase.
    pub ty: String,
    /// Why the type is not the one printed, when it is not.
    pub ty_review: Option<String>,
    /// What the description says.
    pub inferred: Inferred,
    /// `project_id`, `auth_token` or `content_type`, when the runtime supplies it.
    pub supplied_by: Option<&'static str>,
    /// Line of the row on the page.
    pub line: usize,
    /// Why the row is where it is, when the importer moved or made it.
    pub note: Option<String>,
}

/// One table, drafted.
#[derive(Debug, Clone)]
pub struct Drafted {
    /// What it describes.
    pub role: Role,
    /// Why it got that role or name, when inferred.
    pub role_review: Option<String>,
    /// The caption as printed.
    pub caption: String,
    /// The caption's table number.
    pub number: Option<u32>,
    /// Line of the table on the page.
    pub line: usize,
    /// Its rows.
    pub fields: Vec<Field>,
}

/// The kind of a parsed type, for prose inference.
pub fn kind(ty: &str) -> Kind {
    match types::parse(ty) {
        Ok(Phrase::Scalar(Scalar::Integer | Scalar::Long)) => Kind::Integer,
        Ok(Phrase::Scalar(Scalar::Number)) => Kind::Number,
        Ok(Phrase::Scalar(Scalar::Boolean)) => Kind::Boolean,
        Ok(Phrase::Scalar(Scalar::String)) => Kind::String,
        Ok(Phrase::Array(e)) if *e == Phrase::Scalar(Scalar::String) => Kind::Strings,
        Ok(Phrase::Array(_)) => Kind::Array,
        _ => Kind::Other,
    }
}

/// Names an object phrase refers to.
pub fn named(p: &Phrase, out: &mut Vec<String>) {
    match p {
        Phrase::Named(n) => out.push(n.clone()),
        Phrase::Array(e) | Phrase::Map(e) => named(e, out),
        _ => {}
    }
}

/// The type phrase of `p`, as the spec format writes it (`Array of Tag objects`,
/// `Map<String,Integer>`).
pub fn phrase_text(p: &Phrase) -> String {
    let scalar = |s: &Scalar| match s {
        Scalar::String => "String",
        Scalar::Integer => "Integer",
        Scalar::Long => "Long",
        Scalar::Number => "Number",
        Scalar::Boolean => "Boolean",
    };
    match p {
        Phrase::Scalar(s) => scalar(s).to_owned(),
        Phrase::Any => "Object".to_owned(),
        Phrase::Named(n) => format!("{n} object"),
        Phrase::Array(e) => match &**e {
            Phrase::Any => "Array of objects".to_owned(),
            Phrase::Named(n) => format!("Array of {n} objects"),
            other => format!("Array of {}", phrase_text(other)),
        },
        Phrase::Map(v) => format!("Map<String,{}>", phrase_text(v)),
    }
}

/// `p` with every object name that `known` does not hold made free-form (`Object`).
pub fn without_unknown_objects(p: &Phrase, known: &dyn Fn(&str) -> bool) -> Phrase {
    match p {
        Phrase::Named(n) if !known(n) => Phrase::Any,
        Phrase::Array(e) => Phrase::Array(Box::new(without_unknown_objects(e, known))),
        Phrase::Map(v) => Phrase::Map(Box::new(without_unknown_objects(v, known))),
        other => other.clone(),
    }
}

/// The names of the page's named object tables, in page order (a name tabled twice is listed
/// twice).
pub fn object_names(tables: &[Drafted]) -> Vec<String> {
    tables
        .iter()
        .filter_map(|t| match &t.role {
            Role::Object(n) if !n.is_empty() => Some(n.clone()),
            _ => None,
        })
        .collect()
}
