//! Generated objects: decoded in place field by field ([`Object`], response objects, lenient) or
//! from their members ([`StrictObject`], request objects and objects with mandatory fields), and
//! encoded with the fields that are set.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeOwned, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;

use super::{Lenient, Seed};

/// A generated response object: decoded in place, field by field, and encoded with the fields
/// that are set. Generated code implements it with `__object_serde!` from the model's field list, which adds
/// `Serialize`, `Deserialize` and [`Lenient`] on top of it, rather than the several visitors and
/// per-field wrappers a serde derive expands to.
pub trait Object: Default {
    /// Decodes the value of `key` into its field: `Ok(false)` when `key` is not a field (the
    /// caller skips the value). A value of the wrong shape leaves the field `None`.
    ///
    /// # Errors
    /// Only when the input is malformed.
    fn decode_field<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error>;

    /// Writes every field that is set, under its wire name.
    ///
    /// # Errors
    /// When the serializer fails.
    fn encode<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error>;
}

/// Reads the next map value leniently: `None` for `null` or a value of the wrong shape (which is
/// counted as left out: `ResponseMeta::dropped_elements`).
///
/// # Errors
/// Only when the input is malformed.
pub fn field<'de, A: MapAccess<'de>, T: Lenient>(map: &mut A) -> Result<Option<T>, A::Error> {
    map.next_value_seed(Seed::<T>(std::marker::PhantomData))
}

/// Writes `key: value` when the field is set.
///
/// # Errors
/// When the serializer fails.
pub fn encode_field<M: SerializeMap, T: Serialize>(
    map: &mut M,
    key: &'static str,
    value: &Option<T>,
) -> Result<(), M::Error> {
    match value {
        Some(v) => map.serialize_entry(key, v),
        None => Ok(()),
    }
}

/// Writes `key: value` for a mandatory field.
///
/// # Errors
/// When the serializer fails.
pub fn encode_required<M: SerializeMap, T: Serialize + ?Sized>(
    map: &mut M,
    key: &'static str,
    value: &T,
) -> Result<(), M::Error> {
    map.serialize_entry(key, value)
}

/// `Serialize::serialize` of an [`Object`]: a map of the fields that are set.
///
/// # Errors
/// When the serializer fails.
pub fn encode_object<T: Object, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(None)?;
    value.encode(&mut map)?;
    map.end()
}

/// `Deserialize::deserialize` of an [`Object`]: the value must be a JSON object (anything else is
/// an error naming what arrived); its fields are lenient and unknown keys are skipped.
///
/// # Errors
/// When the value is not an object, or the input is malformed.
pub fn decode_object<'de, T: Object, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    d.deserialize_map(ObjectVisitor::<T> { lenient: false, ty: std::marker::PhantomData })?
        .ok_or_else(|| de::Error::custom("expected an object"))
}

/// [`Lenient::deserialize_lenient`] of an [`Object`]: `None` for a value that is not an object.
///
/// # Errors
/// Only when the input is malformed.
pub fn decode_object_lenient<'de, T: Object, D: Deserializer<'de>>(d: D) -> Result<Option<T>, D::Error> {
    d.deserialize_any(ObjectVisitor::<T> { lenient: true, ty: std::marker::PhantomData })
}

/// The members of a JSON object, taken out one by one by a [`StrictObject`]'s `from_members`.
#[derive(Debug)]
pub struct Members(serde_json::Map<String, Value>);

impl Members {
    /// Reads a JSON object.
    ///
    /// # Errors
    /// When the value is not an object, or the input is malformed.
    pub fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Value::deserialize(d)? {
            Value::Object(m) => Ok(Members(m)),
            other => Err(de::Error::custom(format!("invalid type: {}, expected an object", kind(&other)))),
        }
    }

    /// Takes a mandatory member.
    ///
    /// # Errors
    /// When it is missing or does not decode, naming the member.
    pub fn required<T: DeserializeOwned>(&mut self, key: &'static str) -> Result<T, String> {
        match self.0.remove(key) {
            None => Err(format!("missing field `{key}`")),
            Some(v) => serde_json::from_value(v).map_err(|e| format!("field `{key}`: {e}")),
        }
    }

    /// Takes an optional member, leniently: `None` when it is missing, `null` or of the wrong
    /// shape.
    ///
    /// # Errors
    /// Never for a value that came from [`Members::read`]; the `Result` keeps the call sites
    /// uniform with [`Members::required`].
    pub fn optional<T: Lenient>(&mut self, key: &'static str) -> Result<Option<T>, String> {
        match self.0.remove(key) {
            None | Some(Value::Null) => Ok(None),
            // Counted when left out, as a lenient object's field is.
            Some(v) => super::counted(|| T::deserialize_lenient(v)).map_err(|e| format!("field `{key}`: {e}")),
        }
    }
}

/// The JSON kind of a value, for messages: "an array", "null", ...
pub use huaweicloud_sdk_shape::kind;

/// A map key, borrowed from the input when it can be.
enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(s) => s,
            Key::Owned(s) => s,
        }
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Key::Borrowed(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Key::Owned(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(Key::Owned(v))
            }
        }
        d.deserialize_str(V)
    }
}

/// Decodes an [`Object`] from a map; other shapes are `None` when lenient, else an error.
struct ObjectVisitor<T> {
    lenient: bool,
    ty: std::marker::PhantomData<T>,
}

impl<T> ObjectVisitor<T> {
    fn other<E: de::Error>(&self, what: de::Unexpected<'_>) -> Result<Option<T>, E> {
        if self.lenient { Ok(None) } else { Err(de::Error::invalid_type(what, &"an object")) }
    }
}

impl<'de, T: Object> Visitor<'de> for ObjectVisitor<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = T::default();
        while let Some(key) = map.next_key::<Key<'de>>()? {
            if !out.decode_field(key.as_str(), &mut map)? {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(Some(out))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        if !self.lenient {
            return Err(de::Error::invalid_type(de::Unexpected::Seq, &"an object"));
        }
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        self.other(de::Unexpected::Str(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        self.other(de::Unexpected::Signed(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        self.other(de::Unexpected::Unsigned(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        self.other(de::Unexpected::Float(v))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        self.other(de::Unexpected::Bool(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        self.other(de::Unexpected::Unit)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        self.other(de::Unexpected::Option)
    }
}

/// A generated object with mandatory fields, or reachable from a request body: decoded from its
/// members, each mandatory one required and each optional one lenient, and encoded with the
/// mandatory fields always and the optional ones when set. Generated code implements it with
/// [`__object_serde!`](crate::__object_serde) from the model's field list, with the serde impls on
/// top.
pub trait StrictObject: Sized {
    /// Builds the value from the members of a JSON object.
    ///
    /// # Errors
    /// A mandatory member missing or not decoding, named in the message.
    fn from_members(m: &mut Members) -> Result<Self, String>;

    /// Writes the mandatory fields, and the optional ones that are set, under their wire names.
    ///
    /// # Errors
    /// When the serializer fails.
    fn encode<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error>;
}

/// `Deserialize::deserialize` of a [`StrictObject`].
///
/// # Errors
/// When the value is not an object or lacks a mandatory member.
pub fn decode_strict<'de, T: StrictObject, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    T::from_members(&mut Members::read(d)?).map_err(de::Error::custom)
}

/// `Serialize::serialize` of a [`StrictObject`].
///
/// # Errors
/// When the serializer fails.
pub fn encode_strict<T: StrictObject, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(None)?;
    value.encode(&mut map)?;
    map.end()
}

#[cfg(test)]
mod tests {
    use crate::lenient::Lenient;

    fn parse<T: Lenient>(json: &str) -> Option<T> {
        let mut de = serde_json::Deserializer::from_str(json);
        T::deserialize_lenient(&mut de).expect("valid JSON")
    }

    #[derive(Debug, Default, PartialEq)]
    struct Inner {
        n: Option<i32>,
    }
    crate::__object_serde!(Inner { n = "n" });

    #[derive(Debug, Default, PartialEq)]
    struct Outer {
        name: Option<String>,
        inner: Option<Inner>,
        r#type: Option<Vec<Inner>>,
    }
    crate::__object_serde!(Outer { name = "name", inner = "inner", r#type = "type" });

    #[derive(Debug, PartialEq)]
    struct Body {
        name: String,
        count: Option<i32>,
    }
    crate::__object_serde!(strict Body { req name = "name", opt count = "count" });

    /// An operation's success body with a mandatory field: `output`, whose meta starts empty.
    #[derive(Debug, PartialEq)]
    struct Answer {
        id: String,
        note: Option<String>,
        sdk_meta: u8,
    }
    crate::__object_serde!(output Answer { req id = "id", opt note = "note" });

    #[derive(Debug, Default, PartialEq)]
    struct Nothing {}
    crate::__object_serde!(Nothing {});

    #[derive(Debug, PartialEq)]
    struct NothingStrict {}
    crate::__object_serde!(strict NothingStrict {});

    #[test]
    fn outputs_and_empty_field_lists_have_their_impls() {
        let a: Answer = serde_json::from_str(r#"{"id": "x", "note": 3, "other": 1}"#).expect("decodes");
        assert_eq!(a, Answer { id: "x".to_owned(), note: Some("3".to_owned()), sdk_meta: 0 });
        assert_eq!(serde_json::to_string(&a).expect("encodes"), r#"{"id":"x","note":"3"}"#);
        assert!(serde_json::from_str::<Answer>(r#"{"note": "n"}"#).is_err(), "id is mandatory");
        assert_eq!(serde_json::from_str::<Nothing>(r#"{"a": 1}"#).expect("decodes"), Nothing {});
        assert_eq!(serde_json::to_string(&Nothing {}).expect("encodes"), "{}");
        assert_eq!(serde_json::from_str::<NothingStrict>("{}").expect("decodes"), NothingStrict {});
        assert!(serde_json::from_str::<NothingStrict>("[]").is_err(), "an object is still needed");
    }

    #[test]
    fn objects_decode_in_place_leniently_and_skip_unknown_keys() {
        let json = r#"{"na\u006de": 7, "inner": {"n": "3", "x": [1]}, "type": [{"n": 1}, 2, {"n": true}], "y": {}}"#;
        let o: Outer = serde_json::from_str(json).expect("decodes");
        assert_eq!(o.name.as_deref(), Some("7"), "an escaped key is still matched");
        assert_eq!(o.inner, Some(Inner { n: Some(3) }));
        assert_eq!(o.r#type, Some(vec![Inner { n: Some(1) }, Inner { n: None }]));
        let wrong: Outer = serde_json::from_str(r#"{"inner": "nope", "type": {"n": 1}}"#).expect("decodes");
        assert_eq!(wrong, Outer::default(), "values of the wrong shape are None");
        assert_eq!(serde_json::to_string(&o).expect("encodes"), r#"{"name":"7","inner":{"n":3},"type":[{"n":1},{}]}"#);
    }

    #[test]
    fn every_value_left_out_is_counted_once_where_it_was_left_out() {
        let counts = |json: &str| {
            let (o, n) = crate::lenient::counting_dropped(|| serde_json::from_str::<Outer>(json));
            o.expect("decodes");
            (n.values, n.items)
        };
        let count = |json: &str| counts(json).0;
        // The element `2`, and the field `n` of the third element (which is kept, without it):
        // two values, of which one list element.
        assert_eq!(counts(r#"{"type": [{"n": 1}, 2, {"n": true}]}"#), (2, 1));
        assert_eq!(counts(r#"{"inner": {"n": "many"}}"#), (1, 0), "a field is no list element");
        // Fields of the wrong type, a number out of an i32's range, a string that is no number.
        assert_eq!(count(r#"{"inner": "nope", "type": {"n": 1}}"#), 2);
        assert_eq!(count(r#"{"inner": {"n": 3000000000}}"#), 1);
        assert_eq!(count(r#"{"inner": {"n": "many"}}"#), 1);
        // `null` is an unset field, not a value left out; a `null` element is left out.
        assert_eq!(count(r#"{"name": null, "inner": {"n": null}, "type": null}"#), 0);
        assert_eq!(count(r#"{"type": [null, {"n": 1}]}"#), 1);
        // Converted values and unknown keys are not left out.
        assert_eq!(count(r#"{"name": 7, "inner": {"n": "3"}, "other": {"x": [1]}}"#), 0);
        let maps =
            |json: &str| crate::lenient::counting_dropped(|| parse::<std::collections::BTreeMap<String, i32>>(json));
        let (map, n) = maps(r#"{"a": 1, "b": "x", "c": null}"#);
        assert_eq!((map, n.values, n.items), (Some([("a".to_owned(), 1)].into()), 2, 2));
        // A strict object's optional member is counted as a lenient object's field is.
        let (b, n) =
            crate::lenient::counting_dropped(|| serde_json::from_str::<Body>(r#"{"name": "a", "count": "x"}"#));
        assert_eq!((b.expect("decodes").count, n.values), (None, 1));
        let (_, n) =
            crate::lenient::counting_dropped(|| serde_json::from_str::<Body>(r#"{"name": "a", "count": null}"#));
        assert_eq!(n.values, 0);
    }

    #[test]
    fn an_object_is_an_object_at_the_top() {
        for json in ["[]", "null", "3", "\"x\""] {
            let e = serde_json::from_str::<Outer>(json).expect_err(json).to_string();
            assert!(e.contains("expected an object"), "{json}: {e}");
        }
        assert!(serde_json::from_str::<Outer>(r#"{"name": "a""#).is_err(), "truncated input");
        assert_eq!(parse::<Outer>("[1, 2]"), None, "nested, a wrong shape is None");
    }

    #[test]
    fn strict_objects_need_their_mandatory_fields() {
        let b: Body = serde_json::from_str(r#"{"name": "a", "count": "x", "other": 1}"#).expect("decodes");
        assert_eq!(b, Body { name: "a".to_owned(), count: None });
        assert_eq!(serde_json::to_string(&b).expect("encodes"), r#"{"name":"a"}"#);
        let e = serde_json::from_str::<Body>(r#"{"count": 1}"#).expect_err("no name").to_string();
        assert!(e.contains("missing field `name`"), "{e}");
        let e = serde_json::from_str::<Body>(r#"{"name": 1}"#).expect_err("not a string").to_string();
        assert!(e.contains("field `name`"), "{e}");
        let e = serde_json::from_str::<Body>("[]").expect_err("an array").to_string();
        assert!(e.contains("expected an object"), "{e}");
        assert_eq!(parse::<Body>(r#"{"count": 1}"#), None, "nested, a body without its mandatory field is None");
    }
}
