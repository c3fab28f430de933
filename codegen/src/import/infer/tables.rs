//! Page tables to spec tables: what each table describes (by caption and section), its rows as
//! fields, object tables named and the type phrases that refer to them resolved.

use super::captions::{CAPTION_WORDS, object_name};
pub use super::drafted::{Drafted, Field, Role, kind, named, phrase_text, without_unknown_objects};
use super::examples::type_from_examples;
use super::{objects, phrases, prose, settle};
use crate::import::error::ImportError;
use crate::import::read::page::{Page, PlacedTable, Row, Section};
use crate::import::read::vocab::{self, Column};
use crate::lower::types::{self, Phrase, Scalar};

fn has(words: &str, any: &[&str]) -> bool {
    any.iter().any(|w| words.contains(w))
}

/// The role of a table from its caption and section; `None` for an object table.
fn role(t: &PlacedTable) -> Option<Role> {
    let w = vocab::caption_parts(&t.table.caption).1.to_lowercase();
    if w.starts_with("objects of") || w.contains("object") {
        return None;
    }
    // `pools字段说明`, and a compound type name (`ListenerInsertHeaders`, whose words would
    // otherwise read as a section's: "header").
    let words = vocab::caption_parts(&t.table.caption).1;
    let compound = crate::naming::is_type_name(&words) && words.chars().filter(char::is_ascii_uppercase).count() >= 2;
    // The Cinder-style pages' query table, "Request filter参数说明", reads like an object's caption.
    if w.starts_with("request filter") {
        return Some(Role::Query);
    }
    if compound || vocab::zh_object_caption(&words).is_some() {
        return None;
    }
    let role = if has(&w, &["path param", "uri param", "路径参数"]) {
        Role::Path
    } else if has(&w, &["query param", "filter param", "query参数", "查询参数"]) {
        Role::Query
    } else if has(&w, &["response header", "响应header", "响应头", "响应消息头"]) {
        Role::ResponseHeader
    } else if has(&w, &["header", "请求header", "请求头", "请求消息头"]) {
        Role::Header
    } else if has(&w, &["request body", "请求body", "请求参数"])
        || (t.section == Section::Request && (w == "request" || w.starts_with("request param")))
    {
        Role::RequestBody
    } else if has(&w, &["response body", "响应body", "响应参数", "response param"])
        || (t.section == Section::Response && w == "response")
    {
        Role::ResponseBody(t.status)
    } else if t.section == Section::Uri && (w.is_empty() || has(&w, &["parameter description", "parameters"])) {
        Role::Path
    } else if generic_caption(&w) && t.section == Section::Request && (w.contains("request") || w.contains("param")) {
        Role::RequestBody
    } else if generic_caption(&w) && t.section == Section::Response && (w.contains("response") || w.contains("param")) {
        Role::ResponseBody(t.status)
    } else {
        return zh_section_role(&w, t);
    };
    Some(role)
}

/// The Chinese captions that say only "parameters" or "elements" (参数说明, 要素说明): the
/// table of the section they are in.
fn zh_section_role(w: &str, t: &PlacedTable) -> Option<Role> {
    if !has(w, &["参数说明", "要素说明", "uri参数"]) {
        return None;
    }
    match t.section {
        Section::Uri => Some(Role::Path),
        Section::Request => Some(Role::RequestBody),
        Section::Response => Some(Role::ResponseBody(t.status)),
        Section::Other => None,
    }
}

/// Whether a caption (lower case) is made of caption words only and names no field (`normal
/// response`, `parameters`, `parameter description`): in the request or response section, it is
/// the section's body.
fn generic_caption(w: &str) -> bool {
    !w.is_empty() && w.split_whitespace().all(|t| CAPTION_WORDS.contains(&t))
}

/// Whether a table outside the response is the request header table whatever its caption says
/// ("Parameter description"): every row names a header (`X-...`, `Content-Type`) and one of them
/// is `X-Auth-Token` or `Content-Type`.
fn header_rows(t: &PlacedTable, name_col: usize) -> bool {
    let names: Vec<&str> = t.table.rows.iter().filter_map(|r| r.cells.get(name_col)).map(|c| c.trim()).collect();
    let known = |n: &str| n.eq_ignore_ascii_case("X-Auth-Token") || n.eq_ignore_ascii_case("Content-Type");
    let header = |n: &str| known(n) || n.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("X-"));
    t.section != Section::Response && names.iter().any(|n| known(n)) && names.iter().all(|n| header(n))
}

/// Drafts every table of the page: its role (or object name) and its rows as fields, then names
/// the objects and resolves the type phrases that refer to them. A table or row that cannot be
/// read is left out with a located error.
pub fn draft_tables(file: &str, page: &Page, errors: &mut Vec<ImportError>) -> Vec<Drafted> {
    let mut out = Vec::new();
    let mut free_key_objects: Vec<String> = Vec::new();
    for t in &page.tables {
        let caption =
            if t.table.caption.is_empty() { "the table without caption".to_owned() } else { t.table.caption.clone() };
        let at = Located { file, caption: &caption };
        let cols = match columns(t) {
            Ok(cols) => cols,
            Err(NotFields::Error(message)) => {
                errors.push(at.error(t.table.line, None, message));
                continue;
            }
            Err(NotFields::Values(why)) => {
                let (number, _) = vocab::caption_parts(&t.table.caption);
                let caption = t.table.caption.clone();
                let line = t.table.line;
                out.push(Drafted {
                    role: Role::LeftOut,
                    role_review: Some(why),
                    caption,
                    number,
                    line,
                    fields: Vec::new(),
                });
                continue;
            }
        };
        let (number, words) = vocab::caption_parts(&t.table.caption);
        let (role, role_review) = table_role(t, &words, &caption, cols.name);
        let mut fields = Vec::new();
        let mut skipped = Vec::new();
        let mut free_keys = false;
        for (k, row) in t.table.rows.iter().enumerate() {
            match draft_row(page, &role, &cols, row) {
                Ok(RowOutcome::Fields(more)) => fields.extend(more),
                Ok(RowOutcome::Empty) => {}
                Ok(RowOutcome::Skipped { why, free_key }) => {
                    skipped.push(why);
                    free_keys |= free_key;
                }
                Err(message) => errors.push(at.error(row.line, Some(k + 1), message)),
            }
        }
        let role_review = match (role_review, skipped.is_empty()) {
            (r, true) => r,
            (None, false) => Some(skipped.join("; ")),
            (Some(r), false) => Some(format!("{r}; {}", skipped.join("; "))),
        };
        let mut drafted =
            Drafted { role, role_review, caption: t.table.caption.clone(), number, line: t.table.line, fields };
        if free_keys && let Role::Object(name) = &drafted.role {
            free_key_objects.push(name.clone());
            let why = drafted.role_review.take().unwrap_or_default();
            drafted.role_review =
                Some(format!("{why}; the object's keys are free: the fields that refer to it are free-form JSON"));
            drafted.role = Role::LeftOut;
        }
        out.push(drafted);
    }
    free_form(&mut out, &free_key_objects);
    objects::resolve(page, &mut out);
    settle::types(file, &mut out, errors);
    settle::facts(&mut out);
    out
}

/// Where a table's problems are reported.
struct Located<'a> {
    file: &'a str,
    caption: &'a str,
}

impl Located<'_> {
    fn error(&self, line: usize, row: Option<usize>, message: String) -> ImportError {
        let table = match row {
            Some(r) => format!("{}, row {r}", self.caption),
            None => self.caption.to_owned(),
        };
        ImportError { file: self.file.to_owned(), line, table: Some(table), message }
    }
}

/// The columns of a table, by what they hold.
struct Columns {
    name: usize,
    description: usize,
    mandatory: Option<usize>,
    ty: Option<usize>,
    /// Remarks columns, with their header words: their text is added to the description.
    remarks: Vec<(usize, String)>,
}

/// Why a table is not drafted: a problem in it (an error), or it is no table of fields (a table of
/// values or references, left out with a mark).
enum NotFields {
    Error(String),
    Values(String),
}

/// Reads a table's header: every header word known, a name and a description column, and a Type
/// column unless the rows show none was ever printed.
fn columns(t: &PlacedTable) -> Result<Columns, NotFields> {
    let mut cols: Vec<Option<Column>> = t.table.header.iter().map(|h| vocab::column(h)).collect();
    let cells = |k: usize| t.table.rows.iter().map(move |r| r.cells.get(k).map_or("", |c| c.trim()));
    for (k, word) in t.table.header.iter().enumerate() {
        let word = word.trim();
        if cols[k].is_some() {
            continue;
        }
        // A header cell that is a type (`String` where `Type` is meant) over a column of types.
        if vocab::is_type(word) && !t.table.rows.is_empty() && cells(k).all(vocab::is_type) {
            cols[k] = Some(Column::Type);
        }
        // A column headed by nothing (`_`, `-`) with nothing in it.
        if word.chars().all(|c| matches!(c, '_' | '-' | ' ')) && cells(k).all(|c| c.is_empty() || c == "-") {
            cols[k] = Some(Column::Remarks);
        }
    }
    // "Parameter | Type | Remarks": the remarks are the description.
    if !cols.contains(&Some(Column::Description))
        && let Some(k) = cols.iter().position(|c| *c == Some(Column::Remarks))
    {
        cols[k] = Some(Column::Description);
    }
    let col = |c: Column| cols.iter().position(|x| *x == Some(c));
    let header = t.table.header.join(" | ");
    if let Some(k) = cols.iter().position(Option::is_none) {
        let word = &t.table.header[k];
        if vocab::misspelled_column(word).is_some() {
            let hint = crate::diag::closest(word.trim(), vocab::COLUMN_WORDS).unwrap_or_default();
            return Err(NotFields::Error(format!("unknown table header `{word}` (did you mean `{hint}`?)")));
        }
        // No column of names: the table lists values (policies, statuses, versions), not fields.
        if col(Column::Name).is_none() {
            return Err(NotFields::Values(format!(
                "its header `{header}` has no parameter column: a table of values or references, not of fields"
            )));
        }
        return Err(NotFields::Error(format!("unknown table header `{word}`")));
    }
    let (Some(name), Some(description)) = (col(Column::Name), col(Column::Description)) else {
        return Err(NotFields::Error("table has no Parameter or no Description column".to_owned()));
    };
    // A header without Type whose rows' descriptions each start with a type phrase lost its
    // Type cell (a copy that dropped it): the types would be guessed and the words kept as
    // descriptions.
    let starts_with_type = |row: &Row| {
        row.cells.get(description).and_then(|d| d.split("\n\n").next()).is_some_and(|p| {
            let p = p.trim();
            p.split_whitespace().count() <= 5 && !p.ends_with(['.', '。']) && vocab::is_type(p)
        })
    };
    if col(Column::Type).is_none() && t.table.rows.len() >= 2 && t.table.rows.iter().all(starts_with_type) {
        return Err(NotFields::Error(format!(
            "the header `{header}` has no Type column, but every row's description starts with a type \
             phrase: the header seems to have lost its `Type` cell"
        )));
    }
    let remarks = (0..cols.len())
        .filter(|k| cols[*k] == Some(Column::Remarks))
        .map(|k| (k, t.table.header[k].trim().trim_matches('*').trim().to_owned()))
        .collect();
    Ok(Columns { name, description, mandatory: col(Column::Mandatory), ty: col(Column::Type), remarks })
}

/// What a table describes, and why when it is inferred: its caption and section, request headers
/// by their rows, else an object named from the caption's words (unnamed until a row refers to
/// it).
fn table_role(t: &PlacedTable, words: &str, caption: &str, name_col: usize) -> (Role, Option<String>) {
    match role(t) {
        Some(Role::Path | Role::Query | Role::RequestBody) | None if header_rows(t, name_col) => {
            let why = format!("the rows are request headers; read as the request header table, not as \"{caption}\"");
            (Role::Header, Some(why))
        }
        Some(r) => (r, None),
        None => match object_name(words) {
            Some((name, derived)) => {
                (Role::Object(name), derived.then(|| format!("object named from the caption \"{}\"", t.table.caption)))
            }
            None => (Role::Object(String::new()), None),
        },
    }
}

/// One row as a field; `None` for an empty row, the problem for a row that cannot be one.
/// What a row gives.
enum RowOutcome {
    /// Nothing: an empty row.
    Empty,
    /// Its fields: one, or each of `a or b`.
    Fields(Vec<Field>),
    /// No field, and why (for the table's mark); `free_key` when the row names the object's free
    /// keys (`{User defined key}`), so the object is a map of them.
    Skipped { why: String, free_key: bool },
}

/// The row words that stand for the items of an array body (`[Array element]`, `*[数组]*`).
const ARRAY_ITEM_WORDS: &[&str] = &[
    "[array]",
    "[array element]",
    "[array elements]",
    "array element",
    "array elements",
    "[数组]",
    "数组",
    "[数组元素]",
];

/// One row as fields; the problem for a row that cannot be one.
fn draft_row(page: &Page, role: &Role, cols: &Columns, row: &Row) -> Result<RowOutcome, String> {
    let cell = |c: Option<usize>| c.and_then(|c| row.cells.get(c)).map(|s| s.trim().to_owned());
    let printed = cell(Some(cols.name)).unwrap_or_default();
    if printed.is_empty() && row.cells.iter().all(|c| c.trim().is_empty()) {
        return Ok(RowOutcome::Empty);
    }
    // Emphasis around the name (`*image_file*`), and a stray space beside an underscore
    // (`protocol _id`).
    let name = printed.trim_matches('*').trim().replace(" _", "_").replace("_ ", "_");
    if ARRAY_ITEM_WORDS.contains(&name.to_lowercase().as_str()) {
        let why =
            format!("the row `{printed}` stands for the items of an array: the rows after it are drafted as one item");
        return Ok(RowOutcome::Skipped { why, free_key: false });
    }
    let names: Vec<String> = match name.split_once(" or ") {
        Some((a, b)) if vocab::is_name(a.trim()) && vocab::is_name(b.trim()) => {
            vec![a.trim().to_owned(), b.trim().to_owned()]
        }
        _ => vec![name.clone()],
    };
    if names.len() == 1 && !vocab::is_name(&name) {
        let free = (name.starts_with('{') && name.ends_with('}'))
            || (name.starts_with('<') && name.ends_with('>'))
            || name.chars().any(char::is_whitespace)
            || !name.is_ascii();
        if free {
            let why = format!("the row `{printed}` names the object's free keys, not a field");
            return Ok(RowOutcome::Skipped { why, free_key: true });
        }
        return Err(format!("`{printed}` is not a parameter name"));
    }
    let mut fields = Vec::new();
    for name in &names {
        match draft_named_row(page, role, cols, row, name)? {
            Some(mut f) if names.len() > 1 => {
                f.mandatory = f.mandatory.map(|_| false);
                f.note = Some(format!("the page prints `{printed}`: one of them, each drafted optional"));
                fields.push(f);
            }
            Some(mut f) => {
                if name != &printed {
                    f.note = Some(format!("the page prints the name `{printed}`"));
                }
                fields.push(f);
            }
            None => {}
        }
    }
    Ok(RowOutcome::Fields(fields))
}

/// The row as the field `name`.
fn draft_named_row(page: &Page, role: &Role, cols: &Columns, row: &Row, name: &str) -> Result<Option<Field>, String> {
    let cell = |c: Option<usize>| c.and_then(|c| row.cells.get(c)).map(|s| s.trim().to_owned());
    let name = name.to_owned();
    let mut condition = None;
    let mandatory = match cols.mandatory {
        Some(c) => {
            let m = cell(Some(c)).unwrap_or_default();
            match vocab::yes_no(&m).or_else(|| conditional_yes_no(&m)) {
                Some(b) => {
                    if vocab::yes_no(&m).is_none() {
                        condition = Some(format!("the Mandatory cell says `{m}`"));
                    }
                    Some(b)
                }
                // A type where Yes or No belongs: the row lost a cell and its columns moved.
                None if vocab::is_type(&m) => return Err(format!("mandatory cell `{m}` is neither yes nor no")),
                // Empty, or words that state no requirement (`取值三选一`): optional, marked.
                None => {
                    condition = Some(if m.is_empty() {
                        "the Mandatory cell is empty; optional assumed".to_owned()
                    } else {
                        format!("the Mandatory cell says `{m}`; optional assumed")
                    });
                    Some(false)
                }
            }
        }
        None => None,
    };
    let mut description = cell(Some(cols.description)).unwrap_or_default();
    for (k, word) in &cols.remarks {
        if let Some(text) = cell(Some(*k)).filter(|t| !t.is_empty() && t != "-" && !t.eq_ignore_ascii_case("n/a")) {
            description = if description.is_empty() {
                format!("{word}: {text}")
            } else {
                format!("{description}\n\n{word}: {text}")
            };
        }
    }
    let (ty, ty_review) = row_type(page, role, &name, cell(cols.ty), &description);
    let inferred = prose::infer(&description, kind(&ty));
    let supplied_by = match (role, name.as_str()) {
        (Role::Path, "project_id") if !page.caller_path_params.iter().any(|p| p == "project_id") => Some("project_id"),
        (Role::Header, n) if n.eq_ignore_ascii_case("X-Auth-Token") => Some("auth_token"),
        (Role::Header, n) if n.eq_ignore_ascii_case("Content-Type") => Some("content_type"),
        _ => None,
    };
    let note = condition;
    Ok(Some(Field { name, mandatory, ty, ty_review, inferred, supplied_by, line: row.line, note }))
}

/// A row's type phrase and why it is not the one printed: the Type cell, else a path
/// parameter's String or the page's example, rewritten when the printed phrase is one the
/// importer reads only from context (`phrases`).
fn row_type(
    page: &Page,
    role: &Role,
    name: &str,
    printed: Option<String>,
    description: &str,
) -> (String, Option<String>) {
    let (ty, ty_review) = match printed {
        // `String。`, `Integer.`: a sentence's full stop after the phrase.
        Some(ty) => {
            (ty.split_whitespace().collect::<Vec<_>>().join(" ").trim_end_matches(['.', '。']).to_owned(), None)
        }
        None if *role == Role::Path => {
            ("String".to_owned(), Some("the table has no Type column; a path parameter is a String".to_owned()))
        }
        None => match type_from_examples(page, name) {
            Some((ty, json)) => {
                let why = format!("the table has no Type column; the page's example has `\"{name}\": {json}`");
                (ty, Some(why))
            }
            None => {
                ("String".to_owned(), Some("the table has no Type column and no example has it; String".to_owned()))
            }
        },
    };
    if !phrases::applies(&ty) {
        return (ty, ty_review);
    }
    let example = type_from_examples(page, name);
    let parameter = matches!(role, Role::Path | Role::Query | Role::Header);
    let ids = phrases::names_ids(name, description);
    let elsewhere = if parameter { scalar_elsewhere(page, name) } else { None };
    let cx = phrases::Context { parameter, example: example.as_ref(), ids, elsewhere };
    match phrases::rewrite(&ty, &cx) {
        Some((rewritten, why)) => (rewritten, Some(why)),
        None => (ty, ty_review),
    }
}

/// The scalar type (`Integer`, `String`, ...) that a row named `name` has in some table of the
/// page, when every such row agrees on one.
fn scalar_elsewhere(page: &Page, name: &str) -> Option<&'static str> {
    let mut found: Option<&'static str> = None;
    for t in &page.tables {
        let cols: Vec<Option<Column>> = t.table.header.iter().map(|h| vocab::column(h)).collect();
        let col = |c: Column| cols.iter().position(|x| *x == Some(c));
        let (Some(n), Some(ty)) = (col(Column::Name), col(Column::Type)) else { continue };
        for row in &t.table.rows {
            if row.cells.get(n).map(|c| c.trim()) != Some(name) {
                continue;
            }
            let scalar = match types::parse(row.cells.get(ty).map_or("", |c| c.trim())) {
                Ok(Phrase::Scalar(s)) => match s {
                    Scalar::String => "String",
                    Scalar::Integer => "Integer",
                    Scalar::Long => "Long",
                    Scalar::Number => "Number",
                    Scalar::Boolean => "Boolean",
                },
                _ => continue,
            };
            match found {
                Some(f) if f != scalar => return None,
                _ => found = Some(scalar),
            }
        }
    }
    found
}

/// A Mandatory cell with a condition after its word (`Yes (If the volume is created from a
/// snapshot, this parameter is optional.)`, `是（...）`): required only when the condition does not
/// make it optional, so optional when the words say it can be.
fn conditional_yes_no(cell: &str) -> Option<bool> {
    let c = cell.trim();
    let (word, rest) = c.split_once(['(', '（', ' ', ',', '，']).unwrap_or((c, ""));
    let yes = vocab::yes_no(word.trim())?;
    let lower = rest.to_lowercase();
    let optional = ["optional", "可选", "not mandatory", "非必选"].iter().any(|w| lower.contains(w));
    Some(yes && !optional)
}

/// Every field whose type names one of `objects` (tables of free keys) made free-form, marked.
fn free_form(tables: &mut [Drafted], objects: &[String]) {
    if objects.is_empty() {
        return;
    }
    let known = |n: &str| !objects.iter().any(|o| o == n);
    for f in tables.iter_mut().flat_map(|t| &mut t.fields) {
        let Ok(p) = types::parse(&f.ty) else { continue };
        let mut names = Vec::new();
        named(&p, &mut names);
        if names.iter().any(|n| !known(n)) {
            let printed = std::mem::replace(&mut f.ty, phrase_text(&without_unknown_objects(&p, &known)));
            f.ty_review = Some(format!(
                "`{printed}`: the object's table names free keys, not fields; drafted as `{}` (free-form JSON)",
                f.ty
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_mandatory_word_with_a_condition_is_optional_only_when_the_condition_says_so() {
        assert_eq!(
            super::conditional_yes_no("Yes (If it is from a snapshot, this parameter is optional.)"),
            Some(false)
        );
        assert_eq!(super::conditional_yes_no("是（如果卷快照创卷，size为可选。）"), Some(false));
        assert_eq!(super::conditional_yes_no("Yes (in every region)"), Some(true));
        assert_eq!(super::conditional_yes_no("No, unless asked"), Some(false));
        assert_eq!(super::conditional_yes_no("One of three"), None);
    }
}
