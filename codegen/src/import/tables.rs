//! Page tables to spec tables: what each table describes (by caption and section), its rows as
//! fields, object tables named and the type phrases that refer to them resolved.

use super::ImportError;
use super::page::{Page, PlacedTable, Section};
use super::phrases;
use super::prose::{self, Inferred, Kind};
use super::vocab::{self, Column};
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

/// A caption naming an object: `GetUsersListDetailResponses`, or a caption whose one word that is
/// not a common word of captions is the field the table details (`server_groups field
/// description`, `Objects of request parameter user`, `subnet objects`, `Parameters in the volume
/// field`, `Description of the routetable field`, `Data structure of the spec field`; a dotted path
/// `mapping.rules.local` names its last field), with whether the name was derived.
fn object_name(words: &str) -> Option<(String, bool)> {
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
const CAPTION_WORDS: &[&str] = &[
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
fn parent_field(caption: &str) -> Option<String> {
    let words = vocab::caption_parts(caption).1;
    caption_field(&words).map(|c| c.rsplit('.').next().unwrap_or(c).to_owned())
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

/// Drafts every table of the page, or the located errors of those it cannot read.
pub fn draft_tables(file: &str, page: &Page, errors: &mut Vec<ImportError>) -> Vec<Drafted> {
    let mut out = Vec::new();
    let err = |line: usize, table: &str, row: Option<usize>, message: String| ImportError {
        file: file.to_owned(),
        line,
        table: Some(match row {
            Some(r) => format!("{table}, row {r}"),
            None => table.to_owned(),
        }),
        message,
    };
    for t in &page.tables {
        let caption =
            if t.table.caption.is_empty() { "the table without caption".to_owned() } else { t.table.caption.clone() };
        let (number, words) = vocab::caption_parts(&t.table.caption);
        let cols: Vec<Option<Column>> = t.table.header.iter().map(|h| vocab::column(h)).collect();
        if let Some(k) = cols.iter().position(Option::is_none) {
            let header = &t.table.header[k];
            let hint = match vocab::misspelled_column(header) {
                Some(_) => format!(
                    " (did you mean `{}`?)",
                    crate::diag::closest(header.trim(), vocab::COLUMN_WORDS).unwrap_or_default()
                ),
                None => String::new(),
            };
            errors.push(err(t.table.line, &caption, None, format!("unknown table header `{header}`{hint}")));
            continue;
        }
        let col = |c: Column| cols.iter().position(|x| *x == Some(c));
        let (Some(name_col), Some(desc_col)) = (col(Column::Name), col(Column::Description)) else {
            errors.push(err(
                t.table.line,
                &caption,
                None,
                "table has no Parameter or no Description column".to_owned(),
            ));
            continue;
        };
        // A header without Type whose rows' descriptions each start with a type phrase lost its
        // Type cell (a copy that dropped it): the types would be guessed and the words kept as
        // descriptions.
        let starts_with_type = |row: &super::page::Row| {
            row.cells.get(desc_col).and_then(|d| d.split("\n\n").next()).is_some_and(|p| {
                let p = p.trim();
                p.split_whitespace().count() <= 5 && !p.ends_with(['.', '。']) && vocab::is_type(p)
            })
        };
        if col(Column::Type).is_none() && t.table.rows.len() >= 2 && t.table.rows.iter().all(starts_with_type) {
            errors.push(err(
                t.table.line,
                &caption,
                None,
                format!(
                    "the header `{}` has no Type column, but every row's description starts with a type \
                     phrase: the header seems to have lost its `Type` cell",
                    t.table.header.join(" | ")
                ),
            ));
            continue;
        }
        let (role, role_review) = match role(t) {
            Some(Role::Path | Role::Query | Role::RequestBody) | None if header_rows(t, name_col) => {
                let why =
                    format!("the rows are request headers; read as the request header table, not as \"{caption}\"");
                (Role::Header, Some(why))
            }
            Some(r) => (r, None),
            None => match object_name(&words) {
                Some((name, derived)) => (
                    Role::Object(name),
                    derived.then(|| format!("object named from the caption \"{}\"", t.table.caption)),
                ),
                None => (Role::Object(String::new()), None),
            },
        };
        let mut fields = Vec::new();
        for (k, row) in t.table.rows.iter().enumerate() {
            let cell = |c: Option<usize>| c.and_then(|c| row.cells.get(c)).map(|s| s.trim().to_owned());
            let name = cell(Some(name_col)).unwrap_or_default();
            if name.is_empty() && row.cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            if !vocab::is_name(&name) {
                errors.push(err(row.line, &caption, Some(k + 1), format!("`{name}` is not a parameter name")));
                continue;
            }
            let mandatory = match col(Column::Mandatory) {
                Some(c) => match vocab::yes_no(&cell(Some(c)).unwrap_or_default()) {
                    Some(b) => Some(b),
                    None => {
                        let m = cell(Some(c)).unwrap_or_default();
                        errors.push(err(
                            row.line,
                            &caption,
                            Some(k + 1),
                            format!("mandatory cell `{m}` is neither yes nor no"),
                        ));
                        continue;
                    }
                },
                None => None,
            };
            let (ty, ty_review) = match cell(col(Column::Type)) {
                Some(ty) => (ty.split_whitespace().collect::<Vec<_>>().join(" "), None),
                None if role == Role::Path => {
                    ("String".to_owned(), Some("the table has no Type column; a path parameter is a String".to_owned()))
                }
                None => match type_from_examples(page, &name) {
                    Some((ty, json)) => {
                        let why = format!("the table has no Type column; the page's example has `\"{name}\": {json}`");
                        (ty, Some(why))
                    }
                    None => (
                        "String".to_owned(),
                        Some("the table has no Type column and no example has it; String".to_owned()),
                    ),
                },
            };
            let (ty, ty_review) = match phrases::applies(&ty) {
                false => (ty, ty_review),
                true => {
                    let example = type_from_examples(page, &name);
                    let parameter = matches!(role, Role::Path | Role::Query | Role::Header);
                    let ids = phrases::names_ids(&name, &cell(Some(desc_col)).unwrap_or_default());
                    let cx = phrases::Context { parameter, example: example.as_ref(), ids };
                    match phrases::rewrite(&ty, &cx) {
                        Some((rewritten, why)) => (rewritten, Some(why)),
                        None => (ty, ty_review),
                    }
                }
            };
            let description = cell(Some(desc_col)).unwrap_or_default();
            let inferred = prose::infer(&description, kind(&ty));
            let supplied_by = match (&role, name.as_str()) {
                (Role::Path, "project_id") => Some("project_id"),
                (Role::Header, n) if n.eq_ignore_ascii_case("X-Auth-Token") => Some("auth_token"),
                (Role::Header, n) if n.eq_ignore_ascii_case("Content-Type") => Some("content_type"),
                _ => None,
            };
            fields.push(Field { name, mandatory, ty, ty_review, inferred, supplied_by, line: row.line, note: None });
        }
        let drafted =
            Drafted { role, role_review, caption: t.table.caption.clone(), number, line: t.table.line, fields };
        out.push(drafted);
    }
    link_objects(&mut out);
    rename_references(&mut out);
    resolve_by_key(&mut out);
    resolve_table_words(&mut out);
    resolve_object_words(page, &mut out);
    resolve_generic_lists(&mut out);
    check_types(file, &out, errors);
    out
}

/// Names unnamed object tables after the row that refers to them ("For details, see Table 4"),
/// and gives `Object` / `Array of objects` rows that refer to an object table its name.
fn link_objects(tables: &mut [Drafted]) {
    let objects: Vec<(Option<u32>, String, usize)> = tables
        .iter()
        .enumerate()
        .filter_map(|(k, t)| match &t.role {
            Role::Object(n) => Some((t.number, n.clone(), k)),
            _ => None,
        })
        .collect();
    for (number, name, k) in objects {
        if number.is_none() && name.is_empty() {
            continue;
        }
        let mut referrer: Option<String> = None;
        for t in tables.iter_mut() {
            // The field a dotted caption names (`projects` of `projects`, `user` of `token.user`):
            // its rows' objects are tabled as `<field>.<row>`, named `<Field><Row>`.
            let parent = parent_field(&t.caption);
            for f in &mut t.fields {
                let see = number.is_some_and(|n| refers_to(&f.inferred.description, n));
                let generic = matches!(types::parse(&f.ty), Ok(Phrase::Any) | Ok(Phrase::Array(_)))
                    && (f.ty.eq_ignore_ascii_case("object")
                        || f.ty.to_lowercase().ends_with("of objects")
                        || f.ty.to_lowercase().ends_with("of object"));
                let by_name = !name.is_empty()
                    && (crate::naming::pascal(&f.name) == name
                        || parent.as_ref().is_some_and(|p| crate::naming::pascal(&format!("{p}_{}", f.name)) == name));
                if generic && (see || by_name) {
                    referrer.get_or_insert_with(|| f.name.clone());
                    let target = if name.is_empty() { crate::naming::pascal(&f.name) } else { name.clone() };
                    let array = f.ty.to_lowercase().starts_with("array");
                    f.ty_review = Some(match number.filter(|_| see) {
                        Some(n) => format!("printed `{}`; the row refers to Table {n}", f.ty),
                        None => format!("printed `{}`; the row has the name of the object tabled as {target}", f.ty),
                    });
                    f.ty = if array { format!("Array of {target} objects") } else { format!("{target} object") };
                }
            }
        }
        if name.is_empty()
            && let (Some(r), Some(number)) = (referrer, number)
        {
            tables[k].role = Role::Object(crate::naming::pascal(&r));
            tables[k].role_review = Some(format!("object named after the row `{r}` that refers to Table {number}"));
        }
    }
}

/// Type phrases that name an object by its caption as printed (`Array of user_list objects`)
/// name it as drafted (`UserList`), marked.
fn rename_references(tables: &mut [Drafted]) {
    let renamed: Vec<(String, String)> = tables
        .iter()
        .filter_map(|t| match &t.role {
            Role::Object(name) => {
                let raw = vocab::caption_parts(&t.caption).1;
                (raw != *name && naming_key(&raw) == naming_key(name)).then(|| (raw, name.clone()))
            }
            _ => None,
        })
        .collect();
    let mut objects: Vec<String> = tables
        .iter()
        .filter_map(|t| match &t.role {
            Role::Object(name) if !name.is_empty() => Some(name.clone()),
            _ => None,
        })
        .collect();
    objects.sort();
    objects.dedup();
    // A phrase naming an object not tabled under that name, whose name is one tabled object's
    // in other case or spelling (`subnet object`, `Array of extra_dhcp_opt objects`).
    let spelled = |f: &Field, parent: Option<&str>| -> Option<(String, String)> {
        let mut names = Vec::new();
        named(&types::parse(&f.ty).ok()?, &mut names);
        names.into_iter().filter(|n| !objects.contains(n)).find_map(|n| {
            // `user object` in the `mapping.rules.local` table is the `LocalUser` object.
            if let Some(o) = parent.map(|p| crate::naming::pascal(&format!("{p}_{n}"))).filter(|o| objects.contains(o))
            {
                return Some((n, o));
            }
            let key = naming_key(&n);
            // Also in the plural or the singular (`List<Transfer>` of the `transfers` table).
            let plural = |a: &str, b: &str| a.strip_suffix('s') == Some(b) || b.strip_suffix('s') == Some(a);
            let exact = objects.iter().any(|o| naming_key(o) == key);
            let mut same = objects.iter().filter(|o| {
                let k = naming_key(o);
                if exact { k == key } else { plural(&k, &key) }
            });
            match (same.next(), same.next()) {
                (Some(o), None) => Some((n, o.clone())),
                _ => None,
            }
        })
    };
    for t in tables.iter_mut() {
        let parent = parent_field(&t.caption);
        for f in &mut t.fields {
            if let Some((raw, name)) = spelled(f, parent.as_deref()) {
                let words: Vec<&str> = f.ty.split(' ').collect();
                let ty = words.iter().map(|w| if *w == raw { name.as_str() } else { w }).collect::<Vec<_>>().join(" ");
                f.ty_review = Some(format!("printed `{}`; the object is named {name} after its caption", f.ty));
                f.ty = ty;
                continue;
            }
            let words: Vec<&str> = f.ty.split(' ').collect();
            if let Some((raw, name)) = renamed.iter().find(|(raw, _)| words.contains(&raw.as_str())) {
                let ty = words.iter().map(|w| if w == raw { name.as_str() } else { w }).collect::<Vec<_>>().join(" ");
                f.ty_review = Some(format!("printed `{}`; the object is named {name} after its caption", f.ty));
                f.ty = ty;
            }
        }
    }
}

/// `List<Transfer>`, `Array<Array<Zone>>` and `Array<String>` inside a map: the generic forms
/// some pages print, as the phrases the generator reads (`Array of Transfer objects`,
/// `List<String>`), when every name in them is tabled. Marked.
fn resolve_generic_lists(tables: &mut [Drafted]) {
    let objects: Vec<String> = tables
        .iter()
        .filter_map(|t| match &t.role {
            Role::Object(name) if !name.is_empty() => Some(name.clone()),
            _ => None,
        })
        .collect();
    for t in tables.iter_mut() {
        for f in &mut t.fields {
            if types::parse(&f.ty).is_ok() || !f.ty.contains('<') {
                continue;
            }
            let Some(ty) = generic_list(f.ty.trim(), &objects) else { continue };
            if types::parse(&ty).is_ok() {
                f.ty_review = Some(format!("printed `{}`, read as `{ty}`", f.ty));
                f.ty = ty;
            }
        }
    }
}

/// One generic form rewritten (`List<X>` / `Array<X>` with X tabled or a phrase), or `None`.
fn generic_list(ty: &str, objects: &[String]) -> Option<String> {
    let (head, rest) = ty.split_once('<')?;
    let inner = rest.strip_suffix('>')?.trim();
    let tabled = objects.iter().find(|o| naming_key(o) == naming_key(inner));
    match head.trim() {
        "List" | "Array" | "list" | "array" => match tabled {
            Some(name) => Some(format!("Array of {name} objects")),
            None => Some(format!("List<{}>", generic_list(inner, objects).unwrap_or_else(|| inner.to_owned()))),
        },
        "Map" | "map" => {
            let (key, value) = inner.split_once(',')?;
            let value = generic_list(value.trim(), objects).unwrap_or_else(|| value.trim().to_owned());
            Some(format!("Map<{},{value}>", key.trim()))
        }
        _ => None,
    }
}

/// Type phrases that name an object by its caption's words but not as drafted (`port object`
/// for the table `port对象`, drafted `Port`; `Array of Security Group Rule objects`;
/// `binding:vif_details object`) name the object whose name has the same letters and digits,
/// marked.
fn resolve_by_key(tables: &mut [Drafted]) {
    let objects: Vec<String> = tables
        .iter()
        .filter_map(|t| match &t.role {
            Role::Object(name) if !name.is_empty() => Some(name.clone()),
            _ => None,
        })
        .collect();
    for t in tables.iter_mut() {
        for f in &mut t.fields {
            let Some((array, printed)) = phrase_name(&f.ty) else { continue };
            if objects.contains(&printed) {
                continue;
            }
            let key = naming_key(&printed);
            let mut same: Vec<&String> = objects.iter().filter(|o| naming_key(o) == key).collect();
            same.sort();
            same.dedup();
            if let [name] = same.as_slice() {
                f.ty_review = Some(format!("printed `{}`; the object is drafted as {name}", f.ty));
                f.ty = if array { format!("Array of {name} objects") } else { format!("{name} object") };
            }
        }
    }
}

/// The object a type phrase names as printed: `X object` or `Array of X objects`, with whether
/// it is an array.
fn phrase_name(ty: &str) -> Option<(bool, String)> {
    let t = ty.trim();
    if let Some(rest) = t.strip_prefix("Array of ") {
        let name = rest.strip_suffix(" objects").or_else(|| rest.strip_suffix(" object"))?.trim();
        return (!name.is_empty() && name != "Table").then(|| (true, name.to_owned()));
    }
    let name = t.strip_suffix(" object")?.trim();
    (!name.is_empty() && !name.contains(" of ")).then(|| (false, name.to_owned()))
}

/// Type phrases that name an object by its table (`Array of Table 5 objects`, `Table NodeInfo
/// object`, as some RST exports print the link) name the object that table describes, marked.
fn resolve_table_words(tables: &mut [Drafted]) {
    let objects: Vec<(Option<u32>, String)> = tables
        .iter()
        .filter_map(|t| match &t.role {
            Role::Object(name) if !name.is_empty() => Some((t.number, name.clone())),
            _ => None,
        })
        .collect();
    let target = |word: &str| -> Option<String> {
        match word.parse::<u32>() {
            Ok(n) => objects.iter().find(|(number, _)| *number == Some(n)).map(|(_, name)| name.clone()),
            Err(_) => objects.iter().find(|(_, name)| name == word).map(|(_, name)| name.clone()),
        }
    };
    for t in tables.iter_mut() {
        for f in &mut t.fields {
            let words: Vec<&str> = f.ty.split(' ').collect();
            let Some(i) = words.iter().position(|w| w.eq_ignore_ascii_case("table")) else { continue };
            let Some(name) = words.get(i + 1).and_then(|w| target(w)) else { continue };
            let mut out: Vec<&str> = words[..i].to_vec();
            out.push(&name);
            out.extend_from_slice(&words[i + 2..]);
            f.ty_review = Some(format!("printed `{}`; the phrase names the object by its table", f.ty));
            f.ty = out.join(" ");
        }
    }
}

/// A caption tabled twice on one page with different rows (a request and a response copy of
/// one object): the first table keeps the name, each later one becomes `<Operation><Name>` (the
/// per-page naming rule of spec/README.md), marked, and every type phrase naming it reaches the
/// copy tabled after its own table (else the last one before it). Copies with the same rows
/// (names and types: a response copy prints no Mandatory column) stay one object, the first.
pub fn separate_copies(op: &str, tables: &mut [Drafted]) {
    let same = |a: &Drafted, b: &Drafted| {
        a.fields.len() == b.fields.len()
            && a.fields.iter().zip(&b.fields).all(|(x, y)| x.name == y.name && x.ty == y.ty)
    };
    let mut names: Vec<String> = Vec::new();
    for t in tables.iter() {
        if let Role::Object(n) = &t.role
            && !n.is_empty()
            && !names.contains(n)
        {
            names.push(n.clone());
        }
    }
    for name in names {
        let copies: Vec<usize> = (0..tables.len()).filter(|&k| tables[k].role == Role::Object(name.clone())).collect();
        if copies.len() < 2 || copies[1..].iter().all(|&k| same(&tables[copies[0]], &tables[k])) {
            continue;
        }
        // The name each copy gets: the first keeps it, a different later one is renamed.
        let mut given: Vec<(usize, usize, String)> = Vec::new();
        for (j, &k) in copies.iter().enumerate() {
            let renamed = match given.iter().find(|(_, c, _)| same(&tables[*c], &tables[k])) {
                Some((_, _, n)) => n.clone(),
                None if j == 0 => name.clone(),
                None => {
                    let base = format!("{op}{name}");
                    let mut n = base.clone();
                    let mut i = 2;
                    while tables.iter().any(|t| t.role == Role::Object(n.clone()))
                        || given.iter().any(|(_, _, g)| *g == n)
                    {
                        n = format!("{base}{i}");
                        i += 1;
                    }
                    n
                }
            };
            given.push((tables[k].line, k, renamed));
        }
        for t in tables.iter_mut() {
            let line = t.line;
            let target = given.iter().find(|(l, _, _)| *l > line).or(given.last()).map(|(_, _, n)| n.clone());
            let Some(target) = target.filter(|n| *n != name) else { continue };
            for f in &mut t.fields {
                let words: Vec<&str> = f.ty.split(' ').collect();
                if words.contains(&name.as_str()) {
                    let ty = words
                        .iter()
                        .map(|w| if *w == name { target.as_str() } else { w })
                        .collect::<Vec<_>>()
                        .join(" ");
                    f.ty_review = Some(format!(
                        "printed `{}`; the page tables {name} twice with different rows, and the copy after this table is {target}",
                        f.ty
                    ));
                    f.ty = ty;
                }
            }
        }
        for (_, k, n) in given {
            if n != name {
                tables[k].role = Role::Object(n.clone());
                tables[k].role_review = Some(format!(
                    "the page tables {name} twice with different rows; this copy is named {n} (spec/README.md, \"Names belong to their page\")"
                ));
            }
        }
    }
}

/// Type cells that name a tabled object without the words of a type phrase, as some pages print
/// the link: the bare name (`DnInstance`, an array when the page's example has one there), the
/// name glued to its noun (`DisasterRecoveryobject`, `Array of Nodeobjects`) and a generic phrase
/// with its table in brackets (`Array of objects (Table 6)`). Each becomes the phrase naming the
/// object, marked; a cell naming nothing tabled is left for `check_types` to report.
fn resolve_object_words(page: &Page, tables: &mut [Drafted]) {
    let objects: Vec<(Option<u32>, String)> = tables
        .iter()
        .filter_map(|t| match &t.role {
            Role::Object(name) if !name.is_empty() => Some((t.number, name.clone())),
            _ => None,
        })
        .collect();
    let tabled = |name: &str| objects.iter().any(|(_, n)| n == name);
    for t in tables.iter_mut() {
        for f in &mut t.fields {
            if types::parse(&f.ty).is_ok() {
                continue;
            }
            let printed = f.ty.clone();
            let resolved = if tabled(printed.trim()) {
                let name = printed.trim();
                let array = matches!(type_from_examples(page, &f.name), Some((ty, _)) if ty.starts_with("Array"));
                let ty = if array { format!("Array of {name} objects") } else { format!("{name} object") };
                let why = if array {
                    format!("printed `{printed}`, the name of a table; the page's example has an array here")
                } else {
                    format!("printed `{printed}`, the name of a table")
                };
                Some((ty, why))
            } else if let Some((ty, name)) = glued(&printed).filter(|(_, n)| tabled(n)) {
                Some((ty, format!("printed `{printed}`; read as the {name} object")))
            } else if let Some((head, number)) = bracketed_table(&printed)
                && let Some((_, name)) = objects.iter().find(|(n, _)| *n == Some(number))
                && matches!(head.to_lowercase().as_str(), "object" | "array of objects" | "array of object")
            {
                let array = head.to_lowercase().starts_with("array");
                let ty = if array { format!("Array of {name} objects") } else { format!("{name} object") };
                Some((ty, format!("printed `{printed}`; the phrase names the object by its table")))
            } else {
                None
            };
            if let Some((ty, why)) = resolved {
                f.ty = ty;
                f.ty_review = Some(why);
            }
        }
    }
}

/// `DisasterRecoveryobject` -> (`DisasterRecovery object`, `DisasterRecovery`), `Array of
/// Nodeobjects` -> (`Array of Node objects`, `Node`): a name glued to the noun after it.
fn glued(ty: &str) -> Option<(String, String)> {
    let t = ty.trim();
    if let Some(rest) = t.strip_prefix("Array of ") {
        let name = rest.trim().strip_suffix("objects")?.trim_end();
        return (crate::naming::is_type_name(name) && !name.contains(' '))
            .then(|| (format!("Array of {name} objects"), name.to_owned()));
    }
    let name = t.strip_suffix("object")?.trim_end();
    (crate::naming::is_type_name(name) && !name.contains(' ')).then(|| (format!("{name} object"), name.to_owned()))
}

/// `Array of objects (Table 6)`, `Object（表6）` -> (`Array of objects`, 6).
fn bracketed_table(ty: &str) -> Option<(&str, u32)> {
    let t = ty.trim();
    let open = t.find(['(', '（'])?;
    let inner = t[open..].trim_start_matches(['(', '（']).trim_end_matches([')', '）']).trim();
    let inner = inner.strip_prefix("Table").or_else(|| inner.strip_prefix("表"))?.trim();
    let number = inner.parse().ok()?;
    Some((t[..open].trim(), number))
}

fn naming_key(s: &str) -> String {
    s.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_lowercase()
}

/// "see Table 4", "详见表4", "表 4": whether a description points at table `n`.
fn refers_to(description: &str, n: u32) -> bool {
    ["Table ", "table ", "表", "表 "].iter().any(|p| {
        description.match_indices(p).any(|(k, _)| {
            let rest = &description[k + p.len()..];
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse::<u32>().ok() == Some(n)
        })
    })
}

/// Every type phrase parses and every object it names is tabled on the page.
fn check_types(file: &str, tables: &[Drafted], errors: &mut Vec<ImportError>) {
    let objects: Vec<&str> = tables
        .iter()
        .filter_map(|t| match &t.role {
            Role::Object(n) => Some(n.as_str()),
            _ => None,
        })
        .collect();
    for t in tables {
        if t.role == Role::Object(String::new()) {
            let message =
                "cannot name the object this table describes: its caption is not a name and no row refers to it";
            errors.push(ImportError {
                file: file.to_owned(),
                line: t.line,
                table: Some(t.caption.clone()),
                message: message.to_owned(),
            });
        }
        for (k, f) in t.fields.iter().enumerate() {
            let line = f.line;
            let at = Some(format!("{}, row {} ({})", t.caption, k + 1, f.name));
            match types::parse(&f.ty) {
                Err(e) => errors.push(ImportError {
                    file: file.to_owned(),
                    line,
                    table: at,
                    message: format!("type phrase `{}` is not understood (at `{}`)", f.ty, e.word),
                }),
                Ok(p) => {
                    let mut names = Vec::new();
                    named(&p, &mut names);
                    for n in names.iter().filter(|n| !objects.contains(&n.as_str())) {
                        errors.push(ImportError {
                            file: file.to_owned(),
                            line,
                            table: at.clone(),
                            message: format!("object `{n}` is referred to but never tabled on the page"),
                        });
                    }
                }
            }
        }
    }
}

/// The request body of a page that prints an example request body but no body table: one
/// optional field per member of the first example that is a JSON object with members, typed from
/// its value, each marked. `None` when no example request has such a body.
pub fn body_from_example(page: &Page) -> Option<Vec<Field>> {
    let (line, map) = page.example_requests.iter().find_map(|e| {
        let v = serde_json::from_str::<serde_json::Value>(e.json.as_deref()?).ok()?;
        match v {
            serde_json::Value::Object(map) if !map.is_empty() && map.keys().all(|k| vocab::is_name(k)) => {
                Some((e.line, map))
            }
            _ => None,
        }
    })?;
    let fields = map
        .iter()
        .map(|(name, value)| {
            let (ty, shown) = json_type(value).unwrap_or_else(|| ("String".to_owned(), "null".to_owned()));
            Field {
                name: name.clone(),
                mandatory: Some(false),
                ty,
                ty_review: Some(format!("type from the example request's `\"{name}\": {shown}`")),
                inferred: Inferred {
                    description: format!("`{name}`, as the example request sends it."),
                    ..Inferred::default()
                },
                supplied_by: None,
                line,
                note: Some(format!(
                    "the page has no request body table; `{name}` is drafted from the example request, optional"
                )),
            }
        })
        .collect();
    Some(fields)
}

/// The type phrase of field `name` from the first example of the page (request or response) that
/// has a member of that name, with the value as printed (shortened): a table without a Type
/// column is typed from the page's evidence, for review.
fn type_from_examples(page: &Page, name: &str) -> Option<(String, String)> {
    let examples = page.example_requests.iter().chain(&page.example_responses);
    let value = examples
        .filter_map(|e| e.json.as_deref())
        .filter_map(|j| serde_json::from_str::<serde_json::Value>(j).ok())
        .find_map(|v| member(&v, name).cloned())?;
    json_type(&value)
}

/// The type phrase of a JSON value and the value as printed (shortened); `None` for `null`.
fn json_type(value: &serde_json::Value) -> Option<(String, String)> {
    let ty = match value {
        serde_json::Value::String(_) => "String",
        serde_json::Value::Bool(_) => "Boolean",
        serde_json::Value::Number(n) if n.as_i64().is_some_and(|i| i32::try_from(i).is_ok()) => "Integer",
        serde_json::Value::Number(n) if n.is_i64() || n.is_u64() => "Long",
        serde_json::Value::Number(_) => "Double",
        serde_json::Value::Array(items) if items.iter().all(serde_json::Value::is_string) => "Array of strings",
        serde_json::Value::Array(_) => "Array of objects",
        serde_json::Value::Object(_) => "Object",
        serde_json::Value::Null => return None,
    };
    let mut shown = value.to_string();
    if shown.chars().count() > 40 {
        shown = format!("{}...", shown.chars().take(40).collect::<String>());
    }
    Some((ty.to_owned(), shown))
}

/// The first member named `name` at any depth of `v`.
fn member<'a>(v: &'a serde_json::Value, name: &str) -> Option<&'a serde_json::Value> {
    match v {
        serde_json::Value::Object(map) => map.get(name).or_else(|| map.values().find_map(|x| member(x, name))),
        serde_json::Value::Array(items) => items.iter().find_map(|x| member(x, name)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::page::{Example, Page};

    fn page(json: &str) -> Page {
        let example =
            Example { line: 1, caption: None, status: Some(200), url: None, json: Some(json.to_owned()), error: false };
        Page { example_responses: vec![example], ..Page::default() }
    }

    #[test]
    fn a_type_phrase_naming_an_object_by_its_table_names_the_object() {
        use super::{Drafted, Field, Role};
        let field = |ty: &str| Field {
            name: "nodes".to_owned(),
            mandatory: Some(true),
            ty: ty.to_owned(),
            ty_review: None,
            inferred: Default::default(),
            supplied_by: None,
            line: 1,
            note: None,
        };
        let table = |role: Role, number: Option<u32>, fields: Vec<Field>| Drafted {
            role,
            role_review: None,
            caption: String::new(),
            number,
            line: 1,
            fields,
        };
        let mut tables = vec![
            table(
                Role::Object("Body".to_owned()),
                Some(3),
                vec![
                    field("Array of Table 5 objects"),
                    field("Table NodeInfo object"),
                    field("Array of Table 9 objects"),
                ],
            ),
            table(Role::Object("GroupInfo".to_owned()), Some(5), vec![]),
            table(Role::Object("NodeInfo".to_owned()), Some(6), vec![]),
        ];
        super::resolve_table_words(&mut tables);
        let types: Vec<&str> = tables[0].fields.iter().map(|f| f.ty.as_str()).collect();
        assert_eq!(types, ["Array of GroupInfo objects", "NodeInfo object", "Array of Table 9 objects"]);
        assert!(tables[0].fields[0].ty_review.as_deref().is_some_and(|r| r.contains("Array of Table 5 objects")));
    }

    #[test]
    fn a_table_without_a_type_column_is_typed_from_the_example() {
        let p = page(r#"{"servers": [{"id": "s1", "count": 3, "big": 9007199254740993, "tags": ["a"], "ok": true}]}"#);
        let ty = |name: &str| super::type_from_examples(&p, name).map(|(t, _)| t);
        assert_eq!(ty("id").as_deref(), Some("String"));
        assert_eq!(ty("count").as_deref(), Some("Integer"));
        assert_eq!(ty("big").as_deref(), Some("Long"));
        assert_eq!(ty("tags").as_deref(), Some("Array of strings"));
        assert_eq!(ty("ok").as_deref(), Some("Boolean"));
        assert_eq!(ty("servers").as_deref(), Some("Array of objects"));
        assert_eq!(ty("missing"), None);
        assert_eq!(super::type_from_examples(&page("not json"), "id"), None);
    }
}
