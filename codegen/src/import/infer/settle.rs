//! What the spec format would refuse, settled before drafting, each change with a review mark:
//! type phrases (an unreadable phrase or an untabled object made free-form, a parameter made a
//! String), and the facts read from descriptions (a value listed twice kept once, values that make
//! one Rust variant name left as text, a length on a number or a range on a text left out), and
//! rows a table lists twice. A draft may still fail the lowering for what the page says twice in
//! ways no rule here reads, but not for these.

use super::drafted::{Drafted, Field, Role, kind, named, object_names, phrase_text, without_unknown_objects};
use super::kind::Kind;
use crate::import::error::ImportError;
use crate::lower::types::{self, Phrase};
use crate::naming;

/// Every type phrase parses and every object it names is tabled on the page, or the draft says
/// what stands in: a phrase the importer cannot read and an object tabled on no page drafted as
/// free-form JSON (`Object`, which keeps whatever arrives; `String` for a parameter, which has no
/// encoding for objects), an object table nothing names and nothing refers to left out. Each with
/// a review mark; nothing here fails the page.
///
/// Two cases stay errors, at their rows: a phrase that is a misspelt scalar (`Integr`: the copy is
/// broken, and a guess would hide it). And one case is read rather than made free-form: when the
/// page names exactly one object it never tables and has exactly one object table that nothing
/// refers to, the name is read as that table's (a caption and a type cell that spell one object
/// differently), marked.
pub(super) fn types(file: &str, tables: &mut [Drafted], errors: &mut Vec<ImportError>) {
    pair_the_one_untabled_name(tables);
    let objects: Vec<String> = object_names(tables);
    let known = |n: &str| objects.iter().any(|o| o == n);
    for t in tables.iter_mut() {
        contain_no_self(t);
        if t.role == Role::Object(String::new()) {
            let rows: Vec<&str> = t.fields.iter().map(|f| f.name.as_str()).collect();
            t.role = Role::LeftOut;
            t.role_review = Some(format!(
                "its caption names no object and no row refers to it, so no field takes its rows ({})",
                rows.join(", ")
            ));
            continue;
        }
        let parameter = matches!(t.role, Role::Path | Role::Query | Role::Header | Role::ResponseHeader);
        let free = if parameter { "String" } else { "Object" };
        for (k, f) in t.fields.iter_mut().enumerate() {
            let why = match types::parse(&f.ty) {
                Err(e) if misspelt_scalar(&e.word) => {
                    errors.push(ImportError {
                        file: file.to_owned(),
                        line: f.line,
                        table: Some(format!("{}, row {} ({})", t.caption, k + 1, f.name)),
                        message: format!("type phrase `{}` is not understood (at `{}`)", f.ty, e.word),
                    });
                    continue;
                }
                Err(e) => format!("type phrase `{}` is not understood (at `{}`); drafted as {free}", f.ty, e.word),
                Ok(p) => {
                    let mut names = Vec::new();
                    named(&p, &mut names);
                    let missing: Vec<&String> = names.iter().filter(|n| !known(n)).collect();
                    if missing.is_empty() {
                        continue;
                    }
                    let settled =
                        if parameter { free.to_owned() } else { phrase_text(&without_unknown_objects(&p, &known)) };
                    let what = missing.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
                    let ty = std::mem::replace(&mut f.ty, settled);
                    f.ty_review = Some(format!(
                        "`{ty}`: object {what} is not tabled on this page; drafted as `{}` (free-form JSON) until its table is added",
                        f.ty
                    ));
                    continue;
                }
            };
            f.ty = free.to_owned();
            f.ty_review = Some(why);
        }
    }
}

/// Whether `word` is a misspelling of a scalar type's name (`Integr`, `Strng`), not the name.
fn misspelt_scalar(word: &str) -> bool {
    const SCALARS: [&str; 7] = ["String", "Integer", "Long", "Number", "Float", "Double", "Boolean"];
    !SCALARS.iter().any(|s| s.eq_ignore_ascii_case(word)) && crate::diag::closest(word, SCALARS).is_some()
}

/// One object name no table has, and one named object table no row refers to: the name is read
/// as the table's, with a review mark on each row that changes.
fn pair_the_one_untabled_name(tables: &mut [Drafted]) {
    let tabled: Vec<String> = object_names(tables);
    let mut referred = Vec::new();
    for f in tables.iter().flat_map(|t| &t.fields) {
        if let Ok(p) = types::parse(&f.ty) {
            named(&p, &mut referred);
        }
    }
    let untabled: Vec<&String> = referred.iter().filter(|n| !tabled.contains(n)).collect();
    let unreferred: Vec<&String> = tabled.iter().filter(|n| !referred.contains(n)).collect();
    let ([name], [table]) = (untabled.as_slice(), unreferred.as_slice()) else { return };
    let (name, table) = ((*name).clone(), (*table).clone());
    // A row of the table itself naming it would make the object contain itself: no pairing.
    let inside = tables.iter().filter(|t| t.role == Role::Object(table.clone())).flat_map(|t| &t.fields).any(|f| {
        let mut names = Vec::new();
        if let Ok(p) = types::parse(&f.ty) {
            named(&p, &mut names);
        }
        names.contains(&name)
    });
    if inside {
        return;
    }
    let is_name = |n: &str| n == name;
    for f in tables.iter_mut().flat_map(|t| &mut t.fields) {
        let Ok(p) = types::parse(&f.ty) else { continue };
        let mut names = Vec::new();
        named(&p, &mut names);
        if names.iter().any(|n| is_name(n)) {
            let renamed = rename_object(&p, &name, &table);
            let printed = std::mem::replace(&mut f.ty, phrase_text(&renamed));
            f.ty_review = Some(format!(
                "`{printed}`: no table of the page is named `{name}`; read as `{table}`, the one object table no row refers to"
            ));
        }
    }
}

/// `p` with the object `from` named `to`.
fn rename_object(p: &Phrase, from: &str, to: &str) -> Phrase {
    match p {
        Phrase::Named(n) if n == from => Phrase::Named(to.to_owned()),
        Phrase::Array(e) => Phrase::Array(Box::new(rename_object(e, from, to))),
        Phrase::Map(v) => Phrase::Map(Box::new(rename_object(v, from, to))),
        other => other.clone(),
    }
}

/// A row of an object table whose type is that object itself (not a list or map of it) would
/// make a struct that contains itself; pages print it when a row's "see Table N" points at its
/// own table. Drafted free-form, marked.
fn contain_no_self(t: &mut Drafted) {
    let Role::Object(own) = &t.role else { return };
    let own = own.clone();
    for f in &mut t.fields {
        if matches!(types::parse(&f.ty), Ok(Phrase::Named(n)) if n == own) {
            let printed = std::mem::replace(&mut f.ty, "Object".to_owned());
            f.ty_review = Some(format!(
                "`{printed}` in the table of `{own}` itself: an object cannot contain itself; drafted as `Object` (free-form JSON){}",
                f.ty_review.as_deref().map(|r| format!("; before: {r}")).unwrap_or_default()
            ));
        }
    }
}

/// The facts read from descriptions, and the rows, settled where the spec format would refuse
/// them (see the module's doc); each change noted on its row.
pub(super) fn facts(tables: &mut [Drafted]) {
    // The request's tables of one role are drafted as one list (two path tables, a body in two
    // tables): a name is kept once per role, as it is once per table.
    let mut seen: Vec<(Role, String, usize)> = Vec::new();
    for t in tables.iter_mut() {
        let parameter = matches!(t.role, Role::Path | Role::Query | Role::Header);
        let shared = matches!(t.role, Role::Path | Role::Query | Role::Header | Role::RequestBody);
        let mut keep: Vec<Field> = Vec::with_capacity(t.fields.len());
        let mut elsewhere = Vec::new();
        for mut f in std::mem::take(&mut t.fields) {
            if let Some(kept) = keep.iter_mut().find(|k| k.name == f.name) {
                let why = format!("the table lists `{}` again at page line {}; that row is left out", f.name, f.line);
                note(kept, &why);
                continue;
            }
            let same = |(r, n, _): &&(Role, String, usize)| *r == t.role && n.eq_ignore_ascii_case(&f.name);
            if let Some((_, _, line)) = seen.iter().find(same).filter(|_| shared) {
                elsewhere.push(format!(
                    "`{}` (page line {}) is left out: another table of the request has it (page line {line})",
                    f.name, f.line
                ));
                continue;
            }
            if shared {
                seen.push((t.role.clone(), f.name.clone(), f.line));
            }
            if parameter {
                encodable(&mut f, &t.role);
            } else {
                key_value_map(&mut f);
            }
            values(&mut f);
            bounds(&mut f);
            keep.push(f);
        }
        t.fields = keep;
        if !elsewhere.is_empty() {
            let why = elsewhere.join("; ");
            t.role_review = Some(match t.role_review.take() {
                Some(r) => format!("{r}; {why}"),
                None => why,
            });
        }
    }
}

/// Adds `why` to the row's note.
fn note(f: &mut Field, why: &str) {
    f.note = Some(match f.note.take() {
        Some(n) => format!("{n}; {why}"),
        None => why.to_owned(),
    });
}

/// The names whose free-form objects are string maps by convention: OpenStack's `metadata` and
/// `extra_specs`, Kubernetes' `annotations` and `labels`, CCE's `k8sTags`, EVS's `tags`.
const MAP_NAMES: [&str; 6] = ["metadata", "annotations", "labels", "extra_specs", "k8sTags", "tags"];

/// A body field printed as a bare `Object` (no table) whose description speaks of key-value pairs,
/// or whose name is one of [`MAP_NAMES`], is a map of strings (`Map<String,String>`), marked:
/// the official SDK types these `dict(str, str)`.
fn key_value_map(f: &mut Field) {
    if f.ty != "Object" || f.ty_review.is_some() {
        return;
    }
    let d = f.inferred.description.to_lowercase();
    let pairs = ["key-value", "key/value", "key value pair", "key and value", "键值对", "key和value", "key-value对"]
        .iter()
        .any(|w| d.contains(w));
    let named = MAP_NAMES.contains(&f.name.as_str());
    // Named sub-parameters (`reserved`, `limit`, `in_use`) are an object's fields, not free keys.
    let fields = ["sub-parameter", "sub parameter", "subparameter", "子参数"].iter().any(|w| d.contains(w));
    if (!pairs && !named) || fields {
        return;
    }
    f.ty = "Map<String,String>".to_owned();
    let why =
        if pairs { "its description speaks of key-value pairs" } else { "a field of this name is a map by convention" };
    f.ty_review = Some(format!("printed `Object`; {why}, so drafted as a map of strings: check the values' type"));
}

/// A path, query or header parameter has a text form on the wire: a scalar (in the query also a
/// list of scalars). Anything else is drafted a String.
fn encodable(f: &mut Field, role: &Role) {
    let scalar = |p: &Phrase| matches!(p, Phrase::Scalar(_));
    let ok = match types::parse(&f.ty) {
        Ok(Phrase::Array(inner)) => *role == Role::Query && scalar(&inner),
        Ok(p) => scalar(&p),
        Err(_) => true,
    };
    if !ok {
        let printed = std::mem::replace(&mut f.ty, "String".to_owned());
        f.ty_review = Some(format!(
            "`{printed}`: a parameter outside the body is text on the wire; drafted as String{}",
            f.ty_review.as_deref().map(|r| format!(" (before: {r})")).unwrap_or_default()
        ));
    }
}

/// A value list the spec takes: each value once, and no two values that make one Rust variant
/// name (`a-b` and `a_b`, `On` and `ON`); a list that would is left as text.
fn values(f: &mut Field) {
    let Some(found) = f.inferred.values.as_mut() else { return };
    let integer = kind(&f.ty) == Kind::Integer;
    let mut wires: Vec<String> = Vec::new();
    let mut twice = Vec::new();
    found.value.retain(|v| {
        let wire = if integer {
            v.value.trim().parse::<i64>().map_or(v.value.clone(), |n| n.to_string())
        } else {
            v.value.clone()
        };
        if wires.contains(&wire) {
            twice.push(v.value.clone());
            return false;
        }
        wires.push(wire);
        true
    });
    if !twice.is_empty() {
        found.words = format!("{} (listed twice on the page, kept once: {})", found.words, twice.join(", "));
    }
    if integer {
        return;
    }
    let mut names: Vec<String> = Vec::new();
    let clash = found.value.iter().find_map(|v| {
        let name = naming::pascal(&v.value);
        if name == "Unknown" || names.contains(&name) {
            return Some((v.value.clone(), name));
        }
        names.push(name);
        None
    });
    if let Some((value, name)) = clash {
        let all: Vec<&str> = found.value.iter().map(|v| v.value.as_str()).collect();
        let why = format!(
            "the values `{}` are not drafted as a value list: `{value}` gives the Rust variant name `{name}`, which another value \
             (or the `Unknown` case) has",
            all.join("`, `")
        );
        f.inferred.values = None;
        note(f, &why);
    }
}

/// A length only for text and lists, a range only for numbers, neither beside a value list: one the
/// page gives another type is left out (a page's slip, or a misreading), noted.
fn bounds(f: &mut Field) {
    let k = kind(&f.ty);
    // A value list makes the field an enum, which takes neither.
    let listed = f.inferred.values.is_some();
    let text_or_list = !listed && matches!(k, Kind::String | Kind::Strings | Kind::Array);
    let number = !listed && matches!(k, Kind::Integer | Kind::Number);
    let whose = if listed { "beside a value list".to_owned() } else { format!("for a `{}`", f.ty) };
    if !text_or_list && let Some(l) = f.inferred.length.take() {
        note(f, &format!("a length {whose} is not drafted: {}", l.words));
    }
    if !number && let Some(r) = f.inferred.range.take() {
        note(f, &format!("a range {whose} is not drafted: {}", r.words));
    }
    // An `Integer` (32-bit) whose documented range passes 32 bits is a `Long`.
    let wide = |b: Option<f64>| b.is_some_and(|x| x < f64::from(i32::MIN) || x > f64::from(i32::MAX));
    if let Some(r) = f.inferred.range.as_ref().filter(|r| f.ty == "Integer" && (wide(r.value.0) || wide(r.value.1))) {
        let why = format!("printed `Integer`; its range ({}) passes 32 bits, so drafted as Long", r.words);
        f.ty = "Long".to_owned();
        f.ty_review = Some(why);
    }
}
