//! Whether a JSON value fits a documented table: the one check of it. The SDK's generator checks
//! every documented example against the tables it illustrates, and the mock cloud checks every
//! request body it receives against its operation's tables; each describes its tables through
//! [`Schema`] (the generator's intermediate types, the mock's static shapes), and the walk, its
//! two strictness levels and its messages are here.
//!
//! ```
//! use huaweicloud_sdk_shape::{Bounds, Field, Kind, Schema, Strictness, check};
//!
//! /// A table of one mandatory field `name`, a string of 1 to 3 characters.
//! #[derive(Clone, Copy)]
//! enum Node { Table, Name }
//!
//! impl Schema<'static> for Node {
//!     fn kind(self) -> Kind<'static, Node> {
//!         match self {
//!             Node::Table => Kind::Object {
//!                 table: Some("Thing"),
//!                 fields: vec![Field { name: "name", mandatory: true, node: Node::Name }],
//!             },
//!             Node::Name => Kind::String { length: Bounds::new(Some(1.0), Some(3.0)), values: vec![] },
//!         }
//!     }
//! }
//!
//! let value = serde_json::json!({ "name": "abcd", "size": 1 });
//! let found: Vec<String> = check(Node::Table, &value, Strictness::Request, "body").iter().map(ToString::to_string).collect();
//! assert_eq!(found, [
//!     "`body.name` has 4 characters, outside the documented length 1 to 3",
//!     "`body.size` is not a field of the table `Thing`",
//! ]);
//! ```

#![deny(missing_docs)]

use std::fmt;

use serde_json::Value;

/// A documented range, length or count, either end inclusive or open.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Bounds {
    /// The least value, when there is one.
    pub min: Option<f64>,
    /// The greatest value, when there is one.
    pub max: Option<f64>,
}

impl Bounds {
    /// Bounds from their two ends.
    pub const fn new(min: Option<f64>, max: Option<f64>) -> Bounds {
        Bounds { min, max }
    }

    /// Whether `n` lies within them (never for NaN).
    pub fn contains(self, n: f64) -> bool {
        !(n.is_nan() || self.min.is_some_and(|m| n < m) || self.max.is_some_and(|m| n > m))
    }
}

/// `1 to 128`, `at least 0`, `at most 5`, `any`: bounds as the messages of the SDK say them.
pub fn bounds(min: Option<f64>, max: Option<f64>) -> String {
    match (min, max) {
        (Some(a), Some(b)) => format!("{a} to {b}"),
        (Some(a), None) => format!("at least {a}"),
        (None, Some(b)) => format!("at most {b}"),
        (None, None) => "any".to_owned(),
    }
}

/// What a JSON value is, as the messages say it: `a string`, `null`, ...
pub fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// What a node of a schema documents.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind<'a, N> {
    /// Any value.
    Any,
    /// `true` or `false`.
    Boolean,
    /// A string of a documented length, from a value list when `values` is not empty.
    String {
        /// Its length in characters.
        length: Bounds,
        /// The documented values (empty: any).
        values: Vec<&'a str>,
    },
    /// An integer in a documented range, from a value list when `values` is not empty; a 32-bit
    /// one unless `wide`.
    Integer {
        /// Its range.
        range: Bounds,
        /// The documented values (empty: any).
        values: Vec<i64>,
        /// Whether it may take 64 bits (`Long`, or a schema that does not say).
        wide: bool,
    },
    /// A number in a documented range.
    Number {
        /// Its range.
        range: Bounds,
    },
    /// A list of `items`, with a documented count.
    Array {
        /// Its elements' node.
        items: N,
        /// How many elements it may have.
        count: Bounds,
    },
    /// An object whose every value is a `N`.
    Map(N),
    /// An object of the documented fields, and only those.
    Object {
        /// The table's name, for the messages, when the schema knows it.
        table: Option<&'a str>,
        /// Its fields, in the table's order.
        fields: Vec<Field<'a, N>>,
    },
}

/// A field of a table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Field<'a, N> {
    /// Its name on the wire.
    pub name: &'a str,
    /// Whether a request must give it.
    pub mandatory: bool,
    /// Its value's node.
    pub node: N,
}

/// A node of a documented schema: a table, a field's type, a list's elements.
pub trait Schema<'a>: Copy {
    /// What the node documents.
    fn kind(self) -> Kind<'a, Self>;
}

/// How strictly a value is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strictness {
    /// As a server reads a request: every type, 32-bit width, value list, range, length and count,
    /// every mandatory field. `null` fits only where anything goes: a field sent as `null` is not
    /// absent (EIP's UpdatePublicip unbinds an instance with `null`), and the SDK never sends it.
    Request,
    /// As the SDK's lenient models read a response: `null` anywhere; for a number, a finite
    /// number written as a string (`"1e3"`); for an integer, a whole number written as a string
    /// (`"42"`, not `"4.5"` or `"1e3"`) or with a fraction (`4.0`); a number or boolean for a
    /// string; `"true"` or `"false"` (any case) for a boolean; any value of a value list; no
    /// ranges, lengths or counts. Types, the widths of integers (however written) and unknown
    /// fields are still checked.
    ///
    /// A mandatory field (only a table that requests use too has one: the generator marks no row of
    /// a response table mandatory) is read as its model decodes it: it must be present, and its value, and the elements of a
    /// list or map it holds, must have their exact types (no `null`, no `"42"` or `4.0` for an
    /// integer, no `"true"` for a boolean, no number for a string; a value of a value list is
    /// read as elsewhere, but not `null`); ranges, lengths, counts and value lists still do not
    /// count. An object inside it is read by its own fields again.
    Response,
}

/// One place where a value does not fit its schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Where: the root's name, then `.field` and `[index]` steps (`body.users[0].name`).
    pub at: String,
    /// What is wrong, after the place (`is a string, but the table says an integer`).
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` {}", self.at, self.message)
    }
}

/// Every place where `value` does not fit `node`, in the schema's order (an object's fields in
/// its table's order, then the fields the table does not have, in the object's order; a list's
/// elements in turn); `root` names the value in the findings (`body`, `$`).
///
/// Under [`Strictness::Response`], a `null` for a whole object (a response body) is read as `{}`,
/// as the SDK decodes a success body of `null`: fine for a response table, whose fields are all
/// optional, but each mandatory field of a table that requests use too is missing.
pub fn check<'a, N: Schema<'a>>(node: N, value: &Value, strictness: Strictness, root: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    let empty = Value::Object(serde_json::Map::new());
    let whole_null = strictness == Strictness::Response && value.is_null();
    let value = if whole_null && matches!(node.kind(), Kind::Object { .. }) { &empty } else { value };
    walk(node, value, strictness, false, root, &mut out);
    out
}

/// 2^63: whole numbers in `-2^63..2^63` fit 64 bits, as the models convert them.
const I64_END: f64 = 9_223_372_036_854_775_808.0;

/// `typed`: the value is (inside) a mandatory field of a response, which its model decodes with
/// exact types (`Strictness::Response`).
fn walk<'a, N: Schema<'a>>(node: N, v: &Value, strictness: Strictness, typed: bool, at: &str, out: &mut Vec<Finding>) {
    let strict = strictness == Strictness::Request;
    let mut found = |message: String| out.push(Finding { at: at.to_owned(), message });
    let kind = node.kind();
    // Whether the lenient models' readings of a response apply (numbers as strings, ...): an
    // enum decodes its value leniently even where exact types are wanted, but not from `null`.
    let listed = matches!(&kind, Kind::String { values, .. } if !values.is_empty())
        || matches!(&kind, Kind::Integer { values, .. } if !values.is_empty());
    let lenient = !strict && (!typed || listed);
    match (&kind, v) {
        (Kind::Any, _) => {}
        (_, Value::Null) if !strict && !typed => {}
        (Kind::Boolean, Value::Bool(_)) => {}
        (Kind::Boolean, Value::String(s))
            if lenient && (s.trim().eq_ignore_ascii_case("true") || s.trim().eq_ignore_ascii_case("false")) => {}
        (Kind::String { length, values }, Value::String(s)) => {
            let n = s.chars().count();
            if strict && !length.contains(n as f64) {
                found(format!("has {n} characters, outside the documented length {}", bounds(length.min, length.max)));
            }
            if strict && !values.is_empty() && !values.contains(&s.as_str()) {
                found(format!("is {s:?}, not one of the documented values {}", values.join(", ")));
            }
        }
        (Kind::String { .. }, Value::Number(_) | Value::Bool(_)) if lenient => {}
        (Kind::Integer { range, values, wide }, Value::Number(n)) if n.is_i64() || n.is_u64() => match n.as_i64() {
            Some(i) if *wide || i32::try_from(i).is_ok() => {
                if strict && !range.contains(i as f64) {
                    found(format!("is {i}, outside the documented range {}", bounds(range.min, range.max)));
                }
                if strict && !values.is_empty() && !values.contains(&i) {
                    let list: Vec<String> = values.iter().map(i64::to_string).collect();
                    found(format!("is {i}, not one of the documented values {}", list.join(", ")));
                }
            }
            _ => found(format!("is {n}, which does not fit the documented integer type")),
        },
        // A number written as a string, or `4.0`, as the lenient models read them: a whole number,
        // which must fit the field's width all the same.
        (Kind::Integer { wide, .. }, Value::String(s)) if lenient && s.trim().parse::<i64>().is_ok() => {
            if !wide && s.trim().parse::<i32>().is_err() {
                found(format!("is {s:?}, which does not fit the documented integer type"));
            }
        }
        (Kind::Integer { wide, .. }, Value::Number(n))
            if lenient && n.as_f64().is_some_and(|x| x.fract() == 0.0 && (-I64_END..I64_END).contains(&x)) =>
        {
            let x = n.as_f64().unwrap_or_default();
            if !wide && !(f64::from(i32::MIN)..=f64::from(i32::MAX)).contains(&x) {
                found(format!("is {n}, which does not fit the documented integer type"));
            }
        }
        (Kind::Number { range }, Value::Number(n)) => {
            let x = n.as_f64().unwrap_or_default();
            if strict && !range.contains(x) {
                found(format!("is {n}, outside the documented range {}", bounds(range.min, range.max)));
            }
        }
        (Kind::Number { .. }, Value::String(s)) if lenient && s.trim().parse::<f64>().is_ok_and(f64::is_finite) => {}
        (Kind::Array { items, count }, Value::Array(list)) => {
            if strict && !count.contains(list.len() as f64) {
                let n = list.len();
                found(format!("has {n} elements, outside the documented count {}", bounds(count.min, count.max)));
            }
            for (i, e) in list.iter().enumerate() {
                walk(*items, e, strictness, typed, &format!("{at}[{i}]"), out);
            }
        }
        (Kind::Map(values), Value::Object(map)) => {
            for (k, e) in map {
                walk(*values, e, strictness, typed, &format!("{at}.{k}"), out);
            }
        }
        (Kind::Object { table, fields }, Value::Object(map)) => {
            for f in fields {
                match map.get(f.name) {
                    Some(e) => walk(f.node, e, strictness, !strict && f.mandatory, &format!("{at}.{}", f.name), out),
                    None if f.mandatory => {
                        out.push(Finding { at: format!("{at}.{}", f.name), message: "is mandatory".to_owned() })
                    }
                    None => {}
                }
            }
            let table = table.map_or_else(|| "the documented table".to_owned(), |t| format!("the table `{t}`"));
            for k in map.keys().filter(|k| !fields.iter().any(|f| f.name == k.as_str())) {
                out.push(Finding { at: format!("{at}.{k}"), message: format!("is not a field of {table}") });
            }
        }
        (kind, v) => found(format!("is {}, but the table says {}", self::kind(v), expected(kind))),
    }
}

/// What a node documents, as the messages say it.
fn expected<N>(kind: &Kind<'_, N>) -> String {
    match kind {
        Kind::Any => "anything".to_owned(),
        Kind::Boolean => "a boolean".to_owned(),
        Kind::String { values, .. } if !values.is_empty() => "a string from a value list".to_owned(),
        Kind::String { .. } => "a string".to_owned(),
        Kind::Integer { values, .. } if !values.is_empty() => "an integer from a value list".to_owned(),
        Kind::Integer { wide: false, .. } => "a 32-bit integer".to_owned(),
        Kind::Integer { .. } => "an integer".to_owned(),
        Kind::Number { .. } => "a number".to_owned(),
        Kind::Array { .. } => "an array".to_owned(),
        Kind::Map(_) => "a map".to_owned(),
        Kind::Object { table: Some(t), .. } => format!("a `{t}` object"),
        Kind::Object { table: None, .. } => "an object".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// `Thing { id: Integer (1 to 10, mandatory when `Thing(true)`), size: Long, kind: "a" | "b",
    /// tags: [String] (at most 2, each 1 to 3 characters), labels: {String: Number (at least 0)},
    /// any: Any, flag: Boolean }`.
    #[derive(Debug, Clone, Copy)]
    enum Node {
        Thing(bool),
        Id,
        Size,
        Kind,
        Tags,
        Tag,
        Labels,
        Label,
        Flag,
        Any,
    }

    impl Schema<'static> for Node {
        fn kind(self) -> Kind<'static, Node> {
            let field = |name, mandatory, node| Field { name, mandatory, node };
            match self {
                Node::Thing(id_mandatory) => Kind::Object {
                    table: Some("Thing"),
                    fields: vec![
                        field("id", id_mandatory, Node::Id),
                        field("size", false, Node::Size),
                        field("kind", false, Node::Kind),
                        field("tags", false, Node::Tags),
                        field("labels", false, Node::Labels),
                        field("any", false, Node::Any),
                        field("flag", false, Node::Flag),
                    ],
                },
                Node::Id => Kind::Integer { range: Bounds::new(Some(1.0), Some(10.0)), values: vec![], wide: false },
                Node::Size => Kind::Integer { range: Bounds::default(), values: vec![], wide: true },
                Node::Kind => Kind::String { length: Bounds::default(), values: vec!["a", "b"] },
                Node::Tags => Kind::Array { items: Node::Tag, count: Bounds::new(None, Some(2.0)) },
                Node::Tag => Kind::String { length: Bounds::new(Some(1.0), Some(3.0)), values: vec![] },
                Node::Labels => Kind::Map(Node::Label),
                Node::Label => Kind::Number { range: Bounds::new(Some(0.0), None) },
                Node::Flag => Kind::Boolean,
                Node::Any => Kind::Any,
            }
        }
    }

    /// The findings for `Thing` with a mandatory `id` when read as a request, else as a response
    /// table (no field mandatory).
    fn found(value: serde_json::Value, strictness: Strictness) -> Vec<String> {
        let thing = Node::Thing(strictness == Strictness::Request);
        check(thing, &value, strictness, "$").iter().map(ToString::to_string).collect()
    }

    /// The findings for `Thing` with a mandatory `id` (a table requests use too) in a response.
    fn found_shared(value: serde_json::Value) -> Vec<String> {
        check(Node::Thing(true), &value, Strictness::Response, "$").iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_request_that_fits_has_no_findings() {
        let value =
            json!({"id": 3, "size": 1_u64 << 40, "kind": "a", "tags": ["x", "yz"], "labels": {"k": 0.5}, "any": null});
        assert_eq!(found(value, Strictness::Request), Vec::<String>::new());
    }

    #[test]
    fn a_request_is_read_strictly_and_every_finding_is_named_in_order() {
        let value = json!({
            "size": "12",
            "kind": "c",
            "tags": ["", "abcd", "ok"],
            "labels": {"k": -1, "m": null},
            "extra": true
        });
        assert_eq!(
            found(value, Strictness::Request),
            [
                "`$.id` is mandatory",
                "`$.size` is a string, but the table says an integer",
                "`$.kind` is \"c\", not one of the documented values a, b",
                "`$.tags` has 3 elements, outside the documented count at most 2",
                "`$.tags[0]` has 0 characters, outside the documented length 1 to 3",
                "`$.tags[1]` has 4 characters, outside the documented length 1 to 3",
                "`$.labels.k` is -1, outside the documented range at least 0",
                "`$.labels.m` is null, but the table says a number",
                "`$.extra` is not a field of the table `Thing`",
            ]
        );
    }

    #[test]
    fn integers_are_checked_for_width_range_and_value_list() {
        assert_eq!(
            found(json!({"id": 1_u64 << 40}), Strictness::Request),
            ["`$.id` is 1099511627776, which does not fit the documented integer type"]
        );
        assert_eq!(
            found(json!({"id": 11}), Strictness::Request),
            ["`$.id` is 11, outside the documented range 1 to 10"]
        );
        assert_eq!(
            found(json!({"id": 1.5}), Strictness::Request),
            ["`$.id` is a number, but the table says a 32-bit integer"]
        );
        let listed = Kind::Integer { range: Bounds::default(), values: vec![1, 2], wide: true };
        #[derive(Clone, Copy)]
        struct Listed(&'static Kind<'static, Listed>);
        impl Schema<'static> for Listed {
            fn kind(self) -> Kind<'static, Listed> {
                self.0.clone()
            }
        }
        let listed: &'static Kind<'static, Listed> = Box::leak(Box::new(listed));
        let at =
            |v| check(Listed(listed), &v, Strictness::Request, "x").iter().map(ToString::to_string).collect::<Vec<_>>();
        assert_eq!(at(json!(3)), ["`x` is 3, not one of the documented values 1, 2"]);
        assert_eq!(at(json!("1")), ["`x` is a string, but the table says an integer from a value list"]);
    }

    #[test]
    fn a_response_is_read_as_the_lenient_models_read_it() {
        // Null anywhere, numbers as strings and strings as numbers, any value of a value list, no
        // ranges, lengths or counts; types, widths and unknown fields still count.
        let value =
            json!({"size": "12", "kind": 7, "tags": ["", "abcd", "ok", null], "labels": {"k": "-1"}, "any": [1]});
        assert_eq!(found(value, Strictness::Response), Vec::<String>::new());
        let value = json!({"id": {}, "tags": "x", "extra": 1, "size": "twelve"});
        assert_eq!(
            found(value, Strictness::Response),
            [
                "`$.id` is an object, but the table says a 32-bit integer",
                "`$.size` is a string, but the table says an integer",
                "`$.tags` is a string, but the table says an array",
                "`$.extra` is not a field of the table `Thing`",
            ]
        );
        assert_eq!(found(json!({"id": 1_u64 << 40}), Strictness::Response).len(), 1);
        assert_eq!(found(json!({"id": 4.0, "size": 5.0}), Strictness::Response), Vec::<String>::new());
        assert_eq!(
            found(json!({"id": 4.5}), Strictness::Response),
            ["`$.id` is a number, but the table says a 32-bit integer"]
        );
        // However an integer is written, it must fit the field's width, as the models read it.
        assert_eq!(
            found(json!({"id": "3000000000"}), Strictness::Response),
            ["`$.id` is \"3000000000\", which does not fit the documented integer type"]
        );
        assert_eq!(
            found(json!({"id": 3e9}), Strictness::Response),
            ["`$.id` is 3000000000.0, which does not fit the documented integer type"]
        );
        assert_eq!(
            found(json!({"id": 2147483648.0, "size": -9223372036854775808.0}), Strictness::Response),
            ["`$.id` is 2147483648.0, which does not fit the documented integer type"]
        );
        // 2^63 itself fits no 64-bit integer.
        assert_eq!(
            found(json!({"size": 9223372036854775808.0}), Strictness::Response),
            ["`$.size` is a number, but the table says an integer"]
        );
        assert_eq!(
            found(json!({"size": "3000000000", "id": -2147483648.0}), Strictness::Response),
            Vec::<String>::new()
        );
        assert_eq!(
            found(json!({"labels": {"a": "1e3", "b": "NaN", "c": "inf"}}), Strictness::Response),
            [
                "`$.labels.b` is a string, but the table says a number",
                "`$.labels.c` is a string, but the table says a number"
            ]
        );
        // Booleans written as strings, as the models read them.
        assert_eq!(found(json!({"flag": " False"}), Strictness::Response), Vec::<String>::new());
        assert_eq!(
            found(json!({"flag": "yes"}), Strictness::Response),
            ["`$.flag` is a string, but the table says a boolean"]
        );
        assert_eq!(
            found(json!({"id": 1, "flag": "true"}), Strictness::Request),
            ["`$.flag` is a string, but the table says a boolean"]
        );
    }

    #[test]
    fn a_mandatory_field_of_a_response_is_read_as_its_model_decodes_it() {
        // Present, and of its exact type: the model of a table requests use too takes it with
        // serde's own reading, not the lenient one.
        assert_eq!(found_shared(json!({"kind": "a"})), ["`$.id` is mandatory"]);
        assert_eq!(found_shared(json!({"id": null})), ["`$.id` is null, but the table says a 32-bit integer"]);
        assert_eq!(found_shared(json!({"id": "4"})), ["`$.id` is a string, but the table says a 32-bit integer"]);
        assert_eq!(found_shared(json!({"id": 4.0})), ["`$.id` is a number, but the table says a 32-bit integer"]);
        // Its range does not count, and the optional fields beside it are read leniently.
        assert_eq!(found_shared(json!({"id": 40, "size": "12", "flag": "true", "kind": null})), Vec::<String>::new());
        assert_eq!(found(json!({"id": "4", "size": null}), Strictness::Response), Vec::<String>::new());
    }

    /// `Outer { inner: Inner, list: [String], state: "on" | "off", level: 1 | 2, flag: Boolean,
    /// ratio: Number, labels: {String: Number} }`, all mandatory, and `Inner { n: Integer }`: what
    /// is inside a mandatory field.
    #[derive(Debug, Clone, Copy)]
    enum Nested {
        Outer,
        Inner,
        N,
        List,
        Text,
        State,
        Level,
        Flag,
        Ratio,
        Labels,
    }

    impl Schema<'static> for Nested {
        fn kind(self) -> Kind<'static, Nested> {
            let field = |name, mandatory, node| Field { name, mandatory, node };
            match self {
                Nested::Outer => Kind::Object {
                    table: Some("Outer"),
                    fields: vec![
                        field("inner", true, Nested::Inner),
                        field("list", true, Nested::List),
                        field("state", true, Nested::State),
                        field("level", true, Nested::Level),
                        field("flag", true, Nested::Flag),
                        field("ratio", true, Nested::Ratio),
                        field("labels", true, Nested::Labels),
                    ],
                },
                Nested::Inner => Kind::Object { table: Some("Inner"), fields: vec![field("n", false, Nested::N)] },
                Nested::N => Kind::Integer { range: Bounds::default(), values: vec![], wide: false },
                Nested::List => Kind::Array { items: Nested::Text, count: Bounds::new(Some(5.0), None) },
                Nested::Text => Kind::String { length: Bounds::default(), values: vec![] },
                Nested::State => Kind::String { length: Bounds::default(), values: vec!["on", "off"] },
                Nested::Level => Kind::Integer { range: Bounds::default(), values: vec![1, 2], wide: true },
                Nested::Flag => Kind::Boolean,
                Nested::Ratio => Kind::Number { range: Bounds::default() },
                Nested::Labels => Kind::Map(Nested::Ratio),
            }
        }
    }

    #[test]
    fn inside_a_mandatory_field_lists_are_exact_objects_are_their_own_and_value_lists_lenient() {
        let found =
            |v| check(Nested::Outer, &v, Strictness::Response, "$").iter().map(ToString::to_string).collect::<Vec<_>>();
        // An object's optional field is lenient again; a value list takes a number as the enum
        // models do, and any value; a list's count does not count.
        let fits = json!({
            "inner": {"n": "7"}, "list": ["a"], "state": 1, "level": "3", "flag": true, "ratio": 2, "labels": {"a": 1.5}
        });
        assert_eq!(found(fits), Vec::<String>::new());
        let wrong = json!({
            "inner": null, "list": ["a", 1, null], "state": null, "level": true, "flag": "true", "ratio": "1e3",
            "labels": {"a": "1", "b": null}
        });
        assert_eq!(
            found(wrong),
            [
                "`$.inner` is null, but the table says a `Inner` object",
                "`$.list[1]` is a number, but the table says a string",
                "`$.list[2]` is null, but the table says a string",
                "`$.state` is null, but the table says a string from a value list",
                "`$.level` is a boolean, but the table says an integer from a value list",
                "`$.flag` is a string, but the table says a boolean",
                "`$.ratio` is a string, but the table says a number",
                "`$.labels.a` is a string, but the table says a number",
                "`$.labels.b` is null, but the table says a number",
            ]
        );
    }

    #[test]
    fn nan_is_outside_any_bounds() {
        assert!(!Bounds::default().contains(f64::NAN));
        assert!(Bounds::default().contains(f64::INFINITY));
        assert!(!Bounds::new(None, Some(1.0)).contains(f64::INFINITY));
    }

    #[test]
    fn the_whole_value_is_checked_too() {
        assert_eq!(found(json!([]), Strictness::Request), ["`$` is an array, but the table says a `Thing` object"]);
        assert_eq!(found(json!(null), Strictness::Response), Vec::<String>::new());
        // A body of `null` reads as `{}`: a mandatory field (a table requests use too) is missing.
        assert_eq!(found_shared(json!(null)), ["`$.id` is mandatory"]);
        assert_eq!(bounds(None, None), "any");
    }
}
