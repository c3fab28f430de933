//! JSON schemas of the OpenAPI export: `components.schemas` for every object and enum of the IR,
//! and the schema of each field, parameter and body, with `$ref`s into the components.

use serde_json::{Map, Value, json};

use crate::ir::{self, Type};

/// The module a type name is resolved in: names are unique only within `<service>::<version>`.
#[derive(Debug, Clone, Copy)]
pub struct Module<'a> {
    /// Service name (`ddm`).
    pub service: &'a str,
    /// Version name (`v1`).
    pub version: &'a str,
}

impl Module<'_> {
    /// `{"$ref": "#/components/schemas/<service>.<version>.<name>"}`.
    pub fn reference(&self, name: &str) -> Value {
        json!({ "$ref": format!("#/components/schemas/{}", super::schema_name(self.service, self.version, name)) })
    }
}

/// `components.schemas`: every object and enum of every module, under its qualified name.
pub fn components(api: &ir::Api) -> Map<String, Value> {
    let mut out = Map::new();
    for s in &api.services {
        for v in &s.versions {
            let m = Module { service: &s.name, version: &v.name };
            for o in &v.objects {
                out.insert(super::schema_name(&s.name, &v.name, &o.name), object(m, o));
            }
            for e in &v.enums {
                out.insert(super::schema_name(&s.name, &v.name, &e.name), enumeration(e));
            }
        }
    }
    out
}

/// An object: its fields as properties, the mandatory ones `required`.
fn object(m: Module<'_>, o: &ir::Object) -> Value {
    // A body that is not a JSON object: the schema of the whole body, its one field's.
    if let Some(whole) = o.fields.first().filter(|_| o.whole) {
        let mut schema = property(m, whole);
        if let Value::Object(s) = &mut schema {
            s.insert("description".to_owned(), json!(o.description));
        }
        return schema;
    }
    let mut schema = Map::new();
    schema.insert("type".to_owned(), json!("object"));
    schema.insert("description".to_owned(), json!(o.description));
    if o.caption != o.name {
        schema.insert("title".to_owned(), json!(o.caption));
    }
    if !o.fields.is_empty() {
        let properties: Map<String, Value> = o.fields.iter().map(|f| (f.wire_name.clone(), property(m, f))).collect();
        schema.insert("properties".to_owned(), Value::Object(properties));
    }
    let required: Vec<&str> = o.fields.iter().filter(|f| f.mandatory).map(|f| f.wire_name.as_str()).collect();
    if !required.is_empty() {
        schema.insert("required".to_owned(), json!(required));
    }
    Value::Object(schema)
}

/// An enum: a string schema listing the documented values, each explained in the description.
///
/// The list is closed as OpenAPI writes it, but the SDK is not: a value the server adds later
/// decodes as `Unknown`; `info.description` says so once for every enum.
fn enumeration(e: &ir::Enum) -> Value {
    let mut description = e.description.clone();
    if e.variants.iter().any(|v| v.description.is_some()) {
        description.push_str("\n\nValues:\n");
        for v in &e.variants {
            match &v.description {
                Some(d) => description.push_str(&format!("\n- `{}`: {}", v.wire, d.trim())),
                None => description.push_str(&format!("\n- `{}`", v.wire)),
            }
        }
    }
    if e.integer {
        let values: Vec<Value> =
            e.variants.iter().map(|v| v.wire.parse::<i64>().map_or(Value::Null, Value::from)).collect();
        return json!({ "type": "integer", "description": description, "enum": values });
    }
    let values: Vec<&str> = e.variants.iter().map(|v| v.wire.as_str()).collect();
    json!({ "type": "string", "description": description, "enum": values })
}

/// The schema of an object property: type, limits, default and description.
pub fn property(m: Module<'_>, f: &ir::Field) -> Value {
    let mut extra = limits(f);
    extra.insert("description".to_owned(), json!(f.description));
    with(ty(m, &f.ty), extra)
}

/// The schema of a parameter: type, limits and default (the description is on the parameter).
pub fn parameter(m: Module<'_>, f: &ir::Field) -> Value {
    with(ty(m, &f.ty), limits(f))
}

/// The bare schema of a type.
pub fn ty(m: Module<'_>, t: &Type) -> Value {
    match t {
        Type::String => json!({ "type": "string" }),
        Type::Integer => json!({ "type": "integer", "format": "int32" }),
        Type::Long => json!({ "type": "integer", "format": "int64" }),
        Type::Number => json!({ "type": "number", "format": "double" }),
        Type::Boolean => json!({ "type": "boolean" }),
        // Free-form JSON: the empty schema accepts any value.
        Type::Any => json!({}),
        Type::Array(inner) => json!({ "type": "array", "items": ty(m, inner) }),
        Type::Map(inner) => json!({ "type": "object", "additionalProperties": ty(m, inner) }),
        Type::Object(name) | Type::Enum(name) => m.reference(name),
    }
}

/// `minimum`/`maximum`, `minLength`/`maxLength` (`minItems`/`maxItems` for arrays) and `default`.
fn limits(f: &ir::Field) -> Map<String, Value> {
    let mut out = Map::new();
    if let Some(r) = f.range {
        bound(&mut out, "minimum", r.min);
        bound(&mut out, "maximum", r.max);
    }
    if let Some(l) = f.length {
        let (min, max) =
            if matches!(f.ty, Type::Array(_)) { ("minItems", "maxItems") } else { ("minLength", "maxLength") };
        bound(&mut out, min, l.min);
        bound(&mut out, max, l.max);
    }
    if let Some(d) = &f.default {
        out.insert("default".to_owned(), d.clone());
    }
    out
}

fn bound(out: &mut Map<String, Value>, key: &str, value: Option<f64>) {
    if let Some(v) = value {
        out.insert(key.to_owned(), number(v));
    }
}

/// A whole number as a JSON integer (`128`, not `128.0`), anything else as a float.
pub fn number(v: f64) -> Value {
    // 2^53: above it an f64 no longer holds every integer, so the cast could change the value.
    const EXACT: f64 = 9_007_199_254_740_992.0;
    if v.fract() == 0.0 && v.abs() <= EXACT { json!(v as i64) } else { json!(v) }
}

/// `base` with the keys of `extra`. OpenAPI 3.0 ignores the siblings of a `$ref`, so a reference
/// that needs any is wrapped as `allOf: [<ref>]`.
fn with(base: Value, extra: Map<String, Value>) -> Value {
    if extra.is_empty() {
        return base;
    }
    let mut schema = match base {
        Value::Object(o) if !o.contains_key("$ref") => o,
        reference => {
            let mut o = Map::new();
            o.insert("allOf".to_owned(), json!([reference]));
            o
        }
    };
    schema.extend(extra);
    Value::Object(schema)
}

/// The `example` (one uncaptioned example) or `examples` (otherwise) keys of a media type.
pub fn examples<'a>(items: impl IntoIterator<Item = Example<'a>>) -> Map<String, Value> {
    let items: Vec<Example<'a>> = items.into_iter().collect();
    let mut out = Map::new();
    match items.as_slice() {
        [] => {}
        [only] if only.summary.is_none() && only.description.is_none() => {
            out.insert("example".to_owned(), only.value.clone());
        }
        many => {
            let named: Map<String, Value> = many
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    let mut o = Map::new();
                    if let Some(s) = e.summary {
                        o.insert("summary".to_owned(), json!(s));
                    }
                    if let Some(d) = &e.description {
                        o.insert("description".to_owned(), json!(d));
                    }
                    o.insert("value".to_owned(), e.value.clone());
                    (format!("example-{}", i + 1), Value::Object(o))
                })
                .collect();
            out.insert("examples".to_owned(), Value::Object(named));
        }
    }
    out
}

/// One documented example, as an OpenAPI Example Object takes it.
#[derive(Debug)]
pub struct Example<'a> {
    /// The caption.
    pub summary: Option<&'a str>,
    /// Longer text (the documented request line, for example requests).
    pub description: Option<String>,
    /// The parsed JSON.
    pub value: &'a Value,
}

#[cfg(test)]
mod tests {
    use super::*;

    const M: Module<'static> = Module { service: "ddm", version: "v1" };

    fn field(ty: Type) -> ir::Field {
        ir::Field {
            wire_name: "x".to_owned(),
            rust_name: crate::naming::Ident::from_source("x"),
            ty,
            mandatory: false,
            description: "An x.".to_owned(),
            default: None,
            range: None,
            length: None,
            sensitive: false,
        }
    }

    #[test]
    fn a_described_reference_is_wrapped_in_all_of_because_ref_siblings_are_ignored() {
        let schema = property(M, &field(Type::Object("Detail".to_owned())));
        assert_eq!(
            schema,
            json!({ "allOf": [{ "$ref": "#/components/schemas/ddm.v1.Detail" }], "description": "An x." })
        );
        assert_eq!(parameter(M, &field(Type::Enum("Mode".to_owned()))), M.reference("Mode"));
    }

    #[test]
    fn array_lengths_are_item_counts_and_string_lengths_are_characters() {
        let bounds = Some(ir::Bounds { min: Some(1.0), max: None });
        let array = ir::Field { length: bounds, ..field(Type::Array(Box::new(Type::String))) };
        let string = ir::Field { length: bounds, ..field(Type::String) };
        assert_eq!(parameter(M, &array), json!({ "type": "array", "items": { "type": "string" }, "minItems": 1 }));
        assert_eq!(parameter(M, &string), json!({ "type": "string", "minLength": 1 }));
    }

    #[test]
    fn whole_bounds_are_written_as_integers() {
        assert_eq!(number(128.0).to_string(), "128");
        assert_eq!(number(0.5).to_string(), "0.5");
    }
}
