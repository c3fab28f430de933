//! The arguments of an operation's conformance call, from its spec: every parameter the caller
//! passes and every body field set, nested objects included. A value comes from the page's first
//! example request where it has one that fits the table (type, value list, range, length), else it
//! is made from the type, range, length and value list.

use codegen::ir::{Bounds, Enum, Field, Location, Operation, Supplied, Type, Version};
use serde_json::{Map, Value, json};

/// How deep nested objects are filled; deeper optional objects of a self-referencing table are
/// left out.
const MAX_DEPTH: usize = 6;

/// `{"path": {..}, "query": {..}, "header": {..}, "body": ..}` by wire name; `body` only when the
/// operation has one.
pub fn args(v: &Version, op: &Operation) -> Value {
    let (example_path, example_query) = example_url(op);
    let mut parts: [(Location, &str, Map<String, Value>); 3] = [
        (Location::Path, "path", Map::new()),
        (Location::Query, "query", Map::new()),
        (Location::Header, "header", Map::new()),
    ];
    for p in op.params.iter().filter(|p| p.supplied_by.is_none()) {
        let f = &p.field;
        let documented = match p.location {
            Location::Path => {
                example_path.iter().find(|(k, _)| *k == f.wire_name).map(|(_, v)| Value::String(v.clone()))
            }
            Location::Query => example_query.iter().find(|(k, _)| *k == f.wire_name).map(|(_, v)| from_text(&f.ty, v)),
            // A caller's signing time (IMS ListImages documents it): both signers take it, so it
            // must be one (`YYYYMMDDTHHMMSSZ`).
            Location::Header if f.wire_name.eq_ignore_ascii_case("X-Sdk-Date") => {
                Some(Value::String("20240102T030405Z".to_owned()))
            }
            Location::Header => None,
        };
        let value = match documented {
            Some(d) if fits(v, &f.ty, Some(f), &d) => d,
            _ => made(v, &f.ty, Some(f), &f.wire_name, 0),
        };
        if let Some((_, _, part)) = parts.iter_mut().find(|(l, _, _)| *l == p.location) {
            part.insert(f.wire_name.clone(), value);
        }
    }
    let mut out = Map::new();
    for (_, name, part) in parts {
        out.insert(name.to_owned(), Value::Object(part));
    }
    if let Some(b) = &op.body {
        let ty = b.ty.clone();
        let example = op.example_requests.iter().find_map(|e| e.body.as_ref().and_then(|b| b.checked()));
        let body = match example {
            Some(e) => merged(v, &ty, None, e, "body", 0),
            None => made(v, &ty, None, "body", 0),
        };
        out.insert("body".to_owned(), body);
    }
    Value::Object(out)
}

/// The arguments of each documented example request whose body (if any) agrees with its table,
/// as printed: its body verbatim, the parameters its URL gives, and made values only for the
/// mandatory parameters it leaves as placeholders (and a made body where it prints none but the
/// operation requires one).
pub fn example_args(v: &Version, op: &Operation) -> Vec<Value> {
    let mut out = Vec::new();
    for (i, e) in op.example_requests.iter().enumerate() {
        if e.body.as_ref().is_some_and(|b| b.checked().is_none()) {
            continue;
        }
        let (path, query) = url_values(op, &e.url).unwrap_or_default();
        let mut parts = [("path", Map::new()), ("query", Map::new()), ("header", Map::new())];
        for p in op.params.iter().filter(|p| p.supplied_by.is_none()) {
            let f = &p.field;
            let documented = match p.location {
                Location::Path => path.iter().find(|(k, _)| *k == f.wire_name).map(|(_, v)| Value::String(v.clone())),
                Location::Query => query.iter().find(|(k, _)| *k == f.wire_name).map(|(_, v)| from_text(&f.ty, v)),
                Location::Header => None,
            };
            let value = match documented {
                Some(d) => d,
                None if f.mandatory => made(v, &f.ty, Some(f), &f.wire_name, 0),
                None => continue,
            };
            let index = match p.location {
                Location::Path => 0,
                Location::Query => 1,
                Location::Header => 2,
            };
            parts[index].1.insert(f.wire_name.clone(), value);
        }
        let mut args: Map<String, Value> = parts.into_iter().map(|(k, m)| (k.to_owned(), Value::Object(m))).collect();
        match (e.body.as_ref().and_then(|b| b.checked()), &op.body) {
            (Some(body), _) => drop(args.insert("body".to_owned(), body.clone())),
            (None, Some(b)) if b.mandatory => {
                drop(args.insert("body".to_owned(), made(v, &b.ty, None, "body", 0)));
            }
            _ => {}
        }
        args.insert("example".to_owned(), json!(i + 1));
        out.push(Value::Object(args));
    }
    out
}

/// Whether the operation's parameter `name` is a header the caller passes.
pub fn documented_headers(op: &Operation) -> Vec<String> {
    op.params
        .iter()
        .filter(|p| p.location == Location::Header && p.supplied_by != Some(Supplied::AuthToken))
        .map(|p| p.field.wire_name.clone())
        .collect()
}

/// Name and value pairs, in the order of the URL.
type Pairs = Vec<(String, String)>;

/// The path and query values of the first example request whose URL matches the URI template:
/// `(wire name, text)` pairs, placeholders (`{instance_id}`) left out.
fn example_url(op: &Operation) -> (Pairs, Pairs) {
    op.example_requests.iter().find_map(|e| url_values(op, &e.url)).unwrap_or_default()
}

/// The path and query values of an example request's URL, when it matches the URI template.
#[allow(clippy::type_complexity)]
fn url_values(op: &Operation, url: &str) -> Option<(Vec<(String, String)>, Vec<(String, String)>)> {
    let template: Vec<&str> = op.uri.trim_matches('/').split('/').collect();
    let url: String = url.split_whitespace().filter(|w| !w.chars().all(|c| c.is_ascii_uppercase())).collect();
    let rest = url.find("://").map(|i| &url[i + 3..])?;
    let start = rest.find('/')?;
    let (path, query) = rest[start..].split_once('?').unwrap_or((&rest[start..], ""));
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    if segments.len() != template.len() {
        return None;
    }
    let mut pairs = Vec::new();
    for (t, s) in template.iter().zip(&segments) {
        match t.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
            Some(name) if !s.starts_with('{') => pairs.push((name.to_owned(), decode(s))),
            Some(_) => {}
            None if t == s => {}
            None => return None,
        }
    }
    let query = query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .filter(|(_, v)| !v.starts_with('{'))
        .map(|(k, v)| (decode(k), decode(v)))
        .collect();
    Some((pairs, query))
}

fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned()
}

/// A query value of the example URL as JSON of `ty` (left as text where it does not parse, so
/// that [`fits`] refuses it).
fn from_text(ty: &Type, text: &str) -> Value {
    match ty {
        Type::Integer | Type::Long => text.parse::<i64>().map_or_else(|_| json!(text), Value::from),
        Type::Number => text.parse::<f64>().map_or_else(|_| json!(text), Value::from),
        Type::Boolean => text.parse::<bool>().map_or_else(|_| json!(text), Value::from),
        Type::Array(inner) => Value::Array(text.split(',').map(|t| from_text(inner, t)).collect()),
        _ => json!(text),
    }
}

fn enumeration<'a>(v: &'a Version, name: &str) -> Option<&'a Enum> {
    v.enums.iter().find(|e| e.name == name)
}

fn within(b: Option<&Bounds>, x: f64) -> bool {
    b.is_none_or(|b| b.min.is_none_or(|m| x >= m) && b.max.is_none_or(|m| x <= m))
}

/// Whether a documented value agrees with its table: type, value list, range and length.
fn fits(v: &Version, ty: &Type, f: Option<&Field>, value: &Value) -> bool {
    let range = f.and_then(|f| f.range.as_ref());
    let length = f.and_then(|f| f.length.as_ref());
    match (ty, value) {
        (Type::String, Value::String(s)) => within(length, s.chars().count() as f64),
        (Type::Integer, Value::Number(n)) => {
            n.as_i64().is_some_and(|n| i32::try_from(n).is_ok() && within(range, n as f64))
        }
        (Type::Long, Value::Number(n)) => n.as_i64().is_some_and(|n| within(range, n as f64)),
        (Type::Number, Value::Number(n)) => n.as_f64().is_some_and(|n| within(range, n)),
        (Type::Boolean, Value::Bool(_)) => true,
        (Type::Any, value) => !value.is_null(),
        (Type::Enum(name), value) => enumeration(v, name).is_some_and(|e| {
            let text = value.as_str().map_or_else(|| value.to_string(), str::to_owned);
            e.variants.iter().any(|x| x.wire == text) && (value.is_string() != e.integer)
        }),
        (Type::Array(inner), Value::Array(items)) => {
            !items.is_empty() && within(length, items.len() as f64) && items.iter().all(|i| fits(v, inner, None, i))
        }
        _ => false,
    }
}

/// The documented `example` of `ty`, its objects completed with every field of their tables, its
/// values replaced where they do not fit the table.
fn merged(v: &Version, ty: &Type, f: Option<&Field>, example: &Value, name: &str, depth: usize) -> Value {
    match (ty, example) {
        (Type::Object(object), Value::Object(documented)) if depth < MAX_DEPTH => {
            let Some(o) = v.objects.iter().find(|o| &o.name == object) else { return json!({}) };
            let mut out = Map::new();
            for field in &o.fields {
                let value = match documented.get(&field.wire_name).filter(|x| !x.is_null()) {
                    Some(x) => merged(v, &field.ty, Some(field), x, &field.wire_name, depth + 1),
                    None => made(v, &field.ty, Some(field), &field.wire_name, depth + 1),
                };
                if !value.is_null() {
                    out.insert(field.wire_name.clone(), value);
                }
            }
            Value::Object(out)
        }
        (Type::Array(inner), Value::Array(items))
            if !items.is_empty() && within(f.and_then(|f| f.length.as_ref()), items.len() as f64) =>
        {
            Value::Array(items.iter().map(|i| merged(v, inner, None, i, name, depth)).collect())
        }
        (Type::Map(inner), Value::Object(entries)) if !entries.is_empty() => {
            Value::Object(entries.iter().map(|(k, x)| (k.clone(), merged(v, inner, None, x, name, depth))).collect())
        }
        _ if fits(v, ty, f, example) => example.clone(),
        _ => made(v, ty, f, name, depth),
    }
}

/// A value of `ty` made from its table: the first documented value, a number inside the range,
/// a string `<name>-value` cut or padded to the length, two elements of arrays where the length
/// allows (the second of a string array with ` b,ü` added), one entry of maps, every
/// field of objects (`Null` for an object nested deeper than [`MAX_DEPTH`]).
fn made(v: &Version, ty: &Type, f: Option<&Field>, name: &str, depth: usize) -> Value {
    let range = f.and_then(|f| f.range.as_ref());
    let length = f.and_then(|f| f.length.as_ref());
    let clamp = |x: f64, b: Option<&Bounds>| {
        let x = b.and_then(|b| b.min).map_or(x, |m| x.max(m));
        b.and_then(|b| b.max).map_or(x, |m| x.min(m))
    };
    match ty {
        Type::String => {
            let min = length.and_then(|b| b.min).unwrap_or(0.0) as usize;
            let max = length.and_then(|b| b.max).map_or(usize::MAX, |m| m as usize);
            let mut s = format!("{name}-value");
            while s.len() < min {
                s.push('x');
            }
            s.truncate(max.max(min));
            json!(s)
        }
        Type::Integer | Type::Long => json!(clamp(1.0, range).ceil() as i64),
        Type::Number => json!(clamp(1.5, range)),
        Type::Boolean => json!(true),
        Type::Any => json!({ "key": "value" }),
        Type::Enum(e) => match enumeration(v, e).and_then(|e| e.variants.first().map(|x| (e.integer, x))) {
            Some((true, x)) => x.wire.parse::<i64>().map_or_else(|_| json!(x.wire), Value::from),
            Some((false, x)) => json!(x.wire),
            None => json!(name),
        },
        Type::Array(inner) => {
            // Two elements where the length allows, the second of a string array with a space, a
            // comma and a non-ASCII letter: how a list is encoded (a repeated query key, never
            // joined) shows on the wire.
            let n = clamp(2.0, length).ceil() as usize;
            let item = made(v, inner, None, name, depth);
            if item.is_null() {
                return json!([]);
            }
            let mut items = vec![item; n];
            if let (Type::String, Some(Value::String(second))) = (&**inner, items.get_mut(1)) {
                second.push_str(" b,ü");
            }
            Value::Array(items)
        }
        Type::Map(inner) => {
            let item = made(v, inner, None, name, depth);
            if item.is_null() { json!({}) } else { json!({ "key": item }) }
        }
        Type::Object(object) => {
            if depth >= MAX_DEPTH {
                return Value::Null;
            }
            let Some(o) = v.objects.iter().find(|o| &o.name == object) else { return json!({}) };
            let mut out = Map::new();
            for field in &o.fields {
                let value = made(v, &field.ty, Some(field), &field.wire_name, depth + 1);
                if !value.is_null() {
                    out.insert(field.wire_name.clone(), value);
                }
            }
            Value::Object(out)
        }
    }
}
