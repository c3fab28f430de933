//! Lowering one table row (`spec::Field`) to an `ir::Field`, checking its type, default, range,
//! length and value list.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::diag::{Diagnostic, closest};
use crate::ir::{self, Bounds, Type};
use crate::lower::types::{self, Phrase, Scalar};
use crate::naming;
use crate::spec;

use super::names::{Named, Namespace};

/// Which kind of table a row is in; decides whether `mandatory` and `supplied_by` belong there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// Path, query or header parameters.
    Param,
    /// Request body or an object reached from it.
    Request,
    /// Response body or an object reached only from responses.
    Response,
}

/// What lowering a row needs from its page.
pub(super) struct Ctx<'a, 'v> {
    /// The page, for locations.
    pub page: &'a crate::spec::load::Parsed<spec::Operation>,
    /// The page's index among its version's pages, for the names it claims.
    pub index: usize,
    /// Objects the page defines (its `objects:` and body names), caption to the Rust name the
    /// caption makes.
    pub objects: &'a BTreeMap<String, String>,
    /// The tables placed so far, caption to their name in the module.
    pub placed: &'a mut BTreeMap<String, String>,
    /// Problems found so far.
    pub diags: &'a mut Vec<Diagnostic>,
    /// The version's names, objects and enums: each value list is named there when lowered.
    pub space: &'a mut Namespace<'v>,
    /// The page's operation module name.
    pub module: &'a str,
    /// The Rust name the caption of the table being lowered makes (none for parameters), for
    /// its value lists' third name candidate.
    pub table: Option<String>,
}

impl Ctx<'_, '_> {
    fn error(&mut self, path: &str, message: String, hint: Option<String>) {
        let d = self.page.at(path, message, hint);
        self.diags.push(d);
    }
}

/// Lowers the rows of one table, reporting duplicate names. `path` is the table's YAML path.
pub(super) fn lower_table(cx: &mut Ctx<'_, '_>, path: &str, rows: &[spec::Field], table: Table) -> Vec<ir::Field> {
    let mut wire = BTreeSet::new();
    let mut rust = BTreeSet::new();
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let p = format!("{path}[{i}]");
        if !wire.insert(row.name.as_str()) {
            cx.error(
                &format!("{p}.name"),
                format!("duplicate parameter `{}` in this table", row.name),
                Some("each row of a table names a different parameter; remove or rename one".to_owned()),
            );
            continue;
        }
        if let Some(f) = lower_field(cx, &p, row, table) {
            if !rust.insert(f.rust_name.clone()) {
                cx.error(
                    &format!("{p}.name"),
                    format!("`{}` has the same Rust name `{}` as another row", row.name, f.rust_name),
                    Some("two wire names that differ only in case or separators cannot both become fields".to_owned()),
                );
                continue;
            }
            out.push(f);
        }
    }
    out
}

/// Lowers one row; `None` (with diagnostics) when it cannot be used.
pub(super) fn lower_field(cx: &mut Ctx<'_, '_>, p: &str, row: &spec::Field, table: Table) -> Option<ir::Field> {
    let rust_source = naming::field(&row.name);
    let mut ok = true;
    if !naming::is_ident(&rust_source) {
        cx.error(
            &format!("{p}.name"),
            format!("`{}` does not make a Rust identifier", row.name),
            Some("parameter names must contain letters or digits".to_owned()),
        );
        ok = false;
    }
    let mandatory = match (table, row.mandatory) {
        // Some pages give response tables a Mandatory column; it is kept in the spec as printed,
        // but the server's answer is never trusted to have a field: response fields stay `Option`.
        (Table::Response, _) => false,
        (_, Some(m)) => m,
        (_, None) => {
            cx.error(
                p,
                format!("`{}` has no `mandatory`", row.name),
                Some("write `mandatory: true` or `mandatory: false` as the table's Mandatory column says".to_owned()),
            );
            false
        }
    };
    if row.supplied_by.is_some() && table != Table::Param {
        let d = cx.page.at_key(
            &format!("{p}.supplied_by"),
            "`supplied_by` is only for path and header parameters".to_owned(),
            None,
        );
        cx.diags.push(d);
    }
    let ty = resolve_type(cx, p, row)?;
    // A sensitive field becomes the runtime's `Secret`, a string sent in a body or a header (a
    // token to validate, an ID token in `Authorization`).
    if row.sensitive && table == Table::Param && !p.starts_with("header_parameters") {
        cx.error(
            &format!("{p}.sensitive"),
            format!("parameter `{}` cannot be `sensitive`", row.name),
            Some(
                "a secret is sent in a body or a header; a path or query value is part of the URL, which errors \
                 and logs show"
                    .to_owned(),
            ),
        );
        ok = false;
    } else if row.sensitive && ty != Type::String {
        cx.error(
            &format!("{p}.sensitive"),
            format!("`{}` of type `{}` cannot be `sensitive`", row.name, row.ty),
            Some("only a String field becomes a `Secret`".to_owned()),
        );
        ok = false;
    }
    let range = bounds(cx, &format!("{p}.range"), row.range.as_ref(), "range");
    let length = bounds(cx, &format!("{p}.length"), row.length.as_ref(), "length");
    if range.is_some() && !matches!(ty, Type::Integer | Type::Long | Type::Number) {
        cx.error(
            &format!("{p}.range"),
            format!("a range does not apply to `{}`", row.ty),
            Some("ranges are for Integer, Long and Number; use `length` for strings and arrays".to_owned()),
        );
        ok = false;
    }
    if let Some(b) = range {
        if matches!(ty, Type::Integer | Type::Long) && [b.min, b.max].into_iter().flatten().any(|v| v.fract() != 0.0) {
            cx.error(
                &format!("{p}.range"),
                format!("the range of `{}` is not whole numbers but the type is {}", row.name, row.ty),
                Some("write integer bounds, e.g. [1, 128]".to_owned()),
            );
            ok = false;
        }
        if ty == Type::Integer
            && [b.min, b.max].into_iter().flatten().any(|v| v < f64::from(i32::MIN) || v > f64::from(i32::MAX))
        {
            cx.error(
                &format!("{p}.range"),
                "the range does not fit an Integer (32-bit)".to_owned(),
                Some("use type Long for 64-bit values".to_owned()),
            );
            ok = false;
        }
    }
    if length.is_some() && !matches!(ty, Type::String | Type::Array(_)) {
        cx.error(
            &format!("{p}.length"),
            format!("a length does not apply to `{}`", row.ty),
            Some("lengths are for String and Array types; use `range` for numbers".to_owned()),
        );
        ok = false;
    }
    if let Some(b) = length
        && [b.min, b.max].into_iter().flatten().any(|v| v < 0.0 || v.fract() != 0.0)
    {
        cx.error(&format!("{p}.length"), "a length must be a whole number of at least 0".to_owned(), None);
        ok = false;
    }
    let default = match &row.default {
        None => None,
        Some(v) => match check_default(cx, &ty, v, range) {
            Ok(v) => Some(v),
            Err((message, hint)) => {
                cx.error(&format!("{p}.default"), message, hint);
                ok = false;
                None
            }
        },
    };
    ok.then(|| ir::Field {
        wire_name: row.name.clone(),
        rust_name: naming::Ident::from_source(&rust_source),
        ty,
        mandatory,
        description: row.description.trim().to_owned(),
        default,
        range,
        length,
        sensitive: row.sensitive,
    })
}

/// Resolves the type phrase, turning value lists into enums.
fn resolve_type(cx: &mut Ctx<'_, '_>, p: &str, row: &spec::Field) -> Option<Type> {
    let phrase = match types::parse(&row.ty) {
        Ok(ph) => ph,
        Err(u) => {
            let mut candidates: Vec<String> = types::KNOWN.iter().map(|s| (*s).to_owned()).collect();
            for o in cx.objects.keys() {
                candidates.push(format!("{o} object"));
                candidates.push(format!("Array of {o} objects"));
            }
            let hint = match u.hint {
                Some(h) => h.to_owned(),
                None => closest(&row.ty, candidates.iter().map(String::as_str))
                    .map(|c| format!("did you mean \"{c}\"?"))
                    .unwrap_or_else(|| "see spec/README.md for the type phrases the generator understands".to_owned()),
            };
            cx.error(&format!("{p}.type"), format!("unknown type \"{}\"", u.word), Some(hint));
            return None;
        }
    };
    let ty = to_type(cx, p, &phrase)?;
    match (&row.values, &row.enum_name) {
        (None, None) => Some(ty),
        (None, Some(_)) => {
            let d = cx.page.at_key(
                &format!("{p}.enum_name"),
                "`enum_name` without `values`".to_owned(),
                Some("add the documented value list under `values`, or remove `enum_name`".to_owned()),
            );
            cx.diags.push(d);
            Some(ty)
        }
        (Some(values), name) => {
            let name = name.clone().unwrap_or_else(|| naming::unshadowed(naming::pascal(&row.name)));
            let element = match &ty {
                Type::Array(inner) => (**inner).clone(),
                other => other.clone(),
            };
            if !matches!(element, Type::String | Type::Integer | Type::Long) {
                cx.error(
                    &format!("{p}.values"),
                    format!("a value list on a `{}` field", row.ty),
                    Some("value lists are supported on String, Integer and Long fields and arrays of them".to_owned()),
                );
                return None;
            }
            let with_enum = match ty {
                Type::Array(_) => Type::Array(Box::new(Type::Enum(name.clone()))),
                _ => Type::Enum(name.clone()),
            };
            let e = lower_enum(cx, p, &name, row, values, &element)?;
            // A name the spec chose (`enum_name`) is kept or refused, never replaced by another.
            let (named, at) = match row.enum_name {
                Some(_) => (Named::Exactly, format!("{p}.enum_name")),
                None => (Named::Derived(cx.table.as_deref()), format!("{p}.values")),
            };
            let named = cx.space.place_enum(cx.index, &at, e, named, cx.diags)?;
            Some(if named == name { with_enum } else { rename_enum(with_enum, &named) })
        }
    }
}

fn rename_enum(ty: Type, name: &str) -> Type {
    match ty {
        Type::Enum(_) => Type::Enum(name.to_owned()),
        Type::Array(inner) => Type::Array(Box::new(rename_enum(*inner, name))),
        other => other,
    }
}

fn to_type(cx: &mut Ctx<'_, '_>, p: &str, phrase: &Phrase) -> Option<Type> {
    Some(match phrase {
        Phrase::Scalar(Scalar::String) => Type::String,
        Phrase::Scalar(Scalar::Integer) => Type::Integer,
        Phrase::Scalar(Scalar::Long) => Type::Long,
        Phrase::Scalar(Scalar::Number) => Type::Number,
        Phrase::Scalar(Scalar::Boolean) => Type::Boolean,
        Phrase::Any => Type::Any,
        Phrase::Array(e) => Type::Array(Box::new(to_type(cx, p, e)?)),
        Phrase::Map(v) => Type::Map(Box::new(to_type(cx, p, v)?)),
        Phrase::Named(n) => {
            if let Some(name) = cx.placed.get(n) {
                return Some(Type::Object(name.clone()));
            }
            let Some(rust) = cx.objects.get(n) else {
                let hint = match closest(n, cx.objects.keys().map(String::as_str)) {
                    Some(c) => format!("did you mean `{c}`?"),
                    None => format!("add its table under `objects:` as `{n}:`"),
                };
                cx.error(&format!("{p}.type"), format!("object `{n}` is not defined on this page"), Some(hint));
                return None;
            };
            // Not placed yet: a table in a cycle (`Namespace::close`).
            Type::Object(rust.clone())
        }
    })
}

fn lower_enum(
    cx: &mut Ctx<'_, '_>,
    p: &str,
    name: &str,
    row: &spec::Field,
    values: &[spec::EnumValue],
    element: &Type,
) -> Option<ir::Enum> {
    let integer = matches!(element, Type::Integer | Type::Long);
    if !naming::is_type_name(name) {
        cx.error(
            &format!("{p}.enum_name"),
            format!("`{name}` is not a PascalCase type name"),
            Some(format!("write `enum_name: {}`", naming::pascal(name))),
        );
        return None;
    }
    if values.is_empty() {
        cx.error(
            &format!("{p}.values"),
            "empty value list".to_owned(),
            Some("list the documented values, or remove `values`".to_owned()),
        );
        return None;
    }
    let mut seen_wire = BTreeSet::new();
    let mut seen_rust = BTreeSet::new();
    let mut variants = Vec::new();
    for (i, v) in values.iter().enumerate() {
        let vp = format!("{p}.values[{i}]");
        let wire = if integer {
            match integer_value(&v.value(), element) {
                Some(n) => n.to_string(),
                None => {
                    let what = if *element == Type::Integer { "an Integer (32-bit)" } else { "a Long" };
                    cx.error(
                        &vp,
                        format!("value `{}` is not {what}", v.value()),
                        Some(format!("list whole numbers that fit `{}`, e.g. [4, 6]", row.ty)),
                    );
                    continue;
                }
            }
        } else {
            v.value()
        };
        let rust_name = if integer { integer_variant(&wire) } else { naming::pascal(&wire) };
        if !seen_wire.insert(wire.clone()) {
            cx.error(&vp, format!("value `{wire}` is listed twice"), None);
            continue;
        }
        if rust_name == "Unknown" || !seen_rust.insert(rust_name.clone()) {
            cx.error(
                &vp,
                format!("value `{}` gives the variant name `{rust_name}`, which is already taken", v.value()),
                Some("values that differ only in case cannot become distinct variants".to_owned()),
            );
            continue;
        }
        variants.push(ir::Variant { wire, rust_name, description: v.description().map(|d| d.trim().to_owned()) });
    }
    Some(ir::Enum {
        name: name.to_owned(),
        module: cx.module.to_owned(),
        spec_file: cx.page.file.clone(),
        description: row.description.trim().to_owned(),
        variants,
        integer,
    })
}

/// A value of an integer value list, when it is a whole number that fits the field's type.
fn integer_value(text: &str, element: &Type) -> Option<i64> {
    let n: i64 = text.trim().parse().ok()?;
    (*element == Type::Long || i32::try_from(n).is_ok()).then_some(n)
}

/// The variant of an integer value: `4` -> `V4`, `-1` -> `VMinus1`.
fn integer_variant(wire: &str) -> String {
    match wire.strip_prefix('-') {
        Some(abs) => format!("VMinus{abs}"),
        None => format!("V{wire}"),
    }
}

/// Reads `[min, max]`.
fn bounds(cx: &mut Ctx<'_, '_>, p: &str, v: Option<&serde_yaml::Value>, what: &str) -> Option<Bounds> {
    let v = v?;
    let hint = Some(format!("write the {what} as `[min, max]`, with `null` for an open end, e.g. [1, 128]"));
    let Some(seq) = v.as_sequence().filter(|s| s.len() == 2) else {
        cx.error(p, format!("a {what} must be a list of two bounds"), hint);
        return None;
    };
    let mut ends = [None, None];
    for (i, end) in seq.iter().enumerate() {
        if end.is_null() {
            continue;
        }
        match end.as_f64() {
            Some(n) => ends[i] = Some(n),
            None => {
                cx.error(&format!("{p}[{i}]"), format!("a bound of a {what} must be a number or null"), hint.clone());
                return None;
            }
        }
    }
    let b = Bounds { min: ends[0], max: ends[1] };
    if let (Some(lo), Some(hi)) = (b.min, b.max)
        && lo > hi
    {
        cx.error(p, format!("the {what} [{lo}, {hi}] is empty: min is above max"), Some("swap the bounds".to_owned()));
        return None;
    }
    Some(b)
}

/// Checks a default against the type and range, returning it as JSON.
fn check_default(
    cx: &Ctx<'_, '_>,
    ty: &Type,
    v: &serde_yaml::Value,
    range: Option<Bounds>,
) -> Result<Value, (String, Option<String>)> {
    let json: Value = serde_json::to_value(v).map_err(|e| (format!("default is not plain data: {e}"), None))?;
    let wrong = |what: &str| {
        (
            format!("default `{}` is not {what}", short(&json)),
            Some(format!("write a default of the field's type, {what}")),
        )
    };
    match ty {
        Type::Integer => {
            let n = json.as_i64().ok_or_else(|| wrong("an Integer"))?;
            i32::try_from(n).map_err(|_| wrong("an Integer (32-bit)"))?;
        }
        Type::Long => {
            json.as_i64().ok_or_else(|| wrong("a Long"))?;
        }
        Type::Number => {
            json.as_f64().ok_or_else(|| wrong("a Number"))?;
        }
        Type::Boolean => {
            json.as_bool().ok_or_else(|| wrong("a Boolean"))?;
        }
        Type::String => {
            json.as_str().ok_or_else(|| wrong("a String"))?;
        }
        Type::Enum(name) => {
            let known = cx.space.enums.iter().find(|e| &e.name == name);
            let s = match known {
                Some(e) if e.integer => json.as_i64().ok_or_else(|| wrong("an integer"))?.to_string(),
                _ => json.as_str().ok_or_else(|| wrong("a String"))?.to_owned(),
            };
            if let Some(e) = known
                && !e.variants.iter().any(|va| va.wire == s)
            {
                let vals: Vec<&str> = e.variants.iter().map(|va| va.wire.as_str()).collect();
                return Err((
                    format!("default `{s}` is not one of the documented values"),
                    Some(format!("use one of {}", vals.join(", "))),
                ));
            }
        }
        _ => {
            return Err((
                "defaults are supported on scalar fields only".to_owned(),
                Some("remove the default; describe it in `description`".to_owned()),
            ));
        }
    }
    if let (Some(b), Some(n)) = (range, json.as_f64())
        && (b.min.is_some_and(|lo| n < lo) || b.max.is_some_and(|hi| n > hi))
    {
        return Err((
            format!("default {n} is outside the documented range"),
            Some("fix the default or the range so that the default lies within it".to_owned()),
        ));
    }
    Ok(json)
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 40 { format!("{}...", s.chars().take(40).collect::<String>()) } else { s }
}
