//! Lenient decoding of response fields.
//!
//! Huawei Cloud services do not always send what their documentation says: DWS documents
//! `error_code` as a String and sends the number `0`; other services send numbers as strings.
//! A response must never fail to decode because of that, so every optional response field is
//! decoded through [`Lenient`]: scalars are converted where the conversion is lossless, and a value
//! of the wrong shape becomes `None` instead of an error. Only input that is not JSON at all fails.
//!
//! Generated models implement [`Object`] or [`StrictObject`] field by field, in plain code, and get
//! their serde impls from the hidden `__object_serde!` glue rather than from serde derives: the same
//! behaviour, decoded in place without buffering, at a fraction of the compile time.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;

/// A type that can be decoded leniently.
///
/// The default method buffers the value and decodes it with the type's own `Deserialize` impl,
/// giving `None` when that fails; scalars, arrays and maps override it to convert in place.
pub trait Lenient: DeserializeOwned {
    /// Decodes a value, or `Ok(None)` when it has the wrong shape. Errors only on malformed input.
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error> {
        let v = Value::deserialize(d)?;
        Ok(serde_json::from_value(v).ok())
    }
}

use serde::Deserialize;

/// `#[serde(deserialize_with = "...")]` helper for `Option<T>` fields of response models.
pub fn deserialize<'de, D: Deserializer<'de>, T: Lenient>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize_lenient(d)
}

/// Accepts any scalar and converts it with `convert`; anything else is drained and gives `None`.
struct ScalarVisitor<T> {
    expecting: &'static str,
    convert: fn(Scalar<'_>) -> Option<T>,
}

/// A scalar as it arrived.
enum Scalar<'a> {
    Str(&'a str),
    I64(i64),
    U64(u64),
    F64(f64),
    Bool(bool),
}

impl<'de, T> Visitor<'de> for ScalarVisitor<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok((self.convert)(Scalar::Str(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok((self.convert)(Scalar::I64(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok((self.convert)(Scalar::U64(v)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok((self.convert)(Scalar::F64(v)))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok((self.convert)(Scalar::Bool(v)))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(None)
    }
}

fn scalar<'de, D: Deserializer<'de>, T>(
    d: D,
    expecting: &'static str,
    convert: fn(Scalar<'_>) -> Option<T>,
) -> Result<Option<T>, D::Error> {
    d.deserialize_any(ScalarVisitor { expecting, convert })
}

impl Lenient for String {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error> {
        scalar(d, "a string", |s| {
            Some(match s {
                Scalar::Str(v) => v.to_owned(),
                Scalar::I64(v) => v.to_string(),
                Scalar::U64(v) => v.to_string(),
                Scalar::F64(v) => v.to_string(),
                Scalar::Bool(v) => v.to_string(),
            })
        })
    }
}

fn to_i64(s: Scalar<'_>) -> Option<i64> {
    match s {
        Scalar::Str(v) => v.trim().parse().ok(),
        Scalar::I64(v) => Some(v),
        Scalar::U64(v) => i64::try_from(v).ok(),
        // Only whole floats inside the i64 range convert; 2^63 itself does not fit.
        Scalar::F64(v)
            if v.fract() == 0.0 && (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&v) =>
        {
            Some(v as i64)
        }
        Scalar::F64(_) | Scalar::Bool(_) => None,
    }
}

impl Lenient for i64 {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error> {
        scalar(d, "an integer", to_i64)
    }
}

impl Lenient for i32 {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error> {
        scalar(d, "an integer", |s| to_i64(s).and_then(|v| i32::try_from(v).ok()))
    }
}

impl Lenient for f64 {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error> {
        scalar(d, "a number", |s| match s {
            Scalar::Str(v) => v.trim().parse().ok().filter(|f: &f64| f.is_finite()),
            Scalar::I64(v) => Some(v as f64),
            Scalar::U64(v) => Some(v as f64),
            Scalar::F64(v) => Some(v),
            Scalar::Bool(_) => None,
        })
    }
}

impl Lenient for bool {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error> {
        scalar(d, "a boolean", |s| match s {
            Scalar::Bool(v) => Some(v),
            Scalar::Str(v) if v.trim().eq_ignore_ascii_case("true") => Some(true),
            Scalar::Str(v) if v.trim().eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        })
    }
}

impl Lenient for Value {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error> {
        Value::deserialize(d).map(|v| if v.is_null() { None } else { Some(v) })
    }
}

/// Decodes one element or map value leniently.
struct Seed<T>(std::marker::PhantomData<T>);

impl<'de, T: Lenient> DeserializeSeed<'de> for Seed<T> {
    type Value = Option<T>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        T::deserialize_lenient(d)
    }
}

/// Arrays: elements of the wrong shape are skipped; a non-array gives `None`.
impl<T: Lenient> Lenient for Vec<T> {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Lenient> Visitor<'de> for V<T> {
            type Value = Option<Vec<T>>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                while let Some(item) = seq.next_element_seed(Seed::<T>(std::marker::PhantomData))? {
                    out.extend(item);
                }
                Ok(Some(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(None)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
                Ok(None)
            }
        }
        d.deserialize_any(V::<T>(std::marker::PhantomData))
    }
}

/// Maps: entries whose value has the wrong shape are skipped; a non-object gives `None`.
impl<T: Lenient> Lenient for BTreeMap<String, T> {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error> {
        let v = Value::deserialize(d)?;
        let Value::Object(map) = v else { return Ok(None) };
        let mut out = BTreeMap::new();
        for (k, item) in map {
            if let Ok(Some(x)) = T::deserialize_lenient(item) {
                out.insert(k, x);
            }
        }
        Ok(Some(out))
    }
}

/// A generated response object: decoded in place, field by field, and encoded with the fields
/// that are set. Generated code implements it field by field; `__object_serde!` adds `Serialize`,
/// `Deserialize` and [`Lenient`] on top of it, so that a model is a field list rather than the
/// several visitors and per-field wrappers a serde derive expands to.
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
    fn encode_fields<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error>;
}

/// Reads the next map value leniently: `None` for `null` or a value of the wrong shape.
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

/// `Serialize::serialize` of an [`Object`]: a map of the fields that are set.
///
/// # Errors
/// When the serializer fails.
pub fn encode_object<T: Object, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(None)?;
    value.encode_fields(&mut map)?;
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
            None => Ok(None),
            Some(v) => T::deserialize_lenient(v).map_err(|e| format!("field `{key}`: {e}")),
        }
    }
}

/// The JSON kind of a value, for messages: "an array", "null", ...
pub(crate) fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

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
/// mandatory fields always and the optional ones when set. Generated code implements it field by
/// field; [`__object_serde!`](crate::__object_serde) adds the serde impls on top.
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
    fn encode_fields<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error>;
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
    value.encode_fields(&mut map)?;
    map.end()
}

/// The serde glue of a generated model, which nobody reads: `Serialize`, `Deserialize` and
/// [`Lenient`] on top of its [`Object`] impl (`__object_serde!(Name)`, response objects decoded
/// leniently in place) or its [`StrictObject`] impl (`__object_serde!(strict Name)`). The field
/// list itself is the plain generated impl of those traits; this replaces the several visitors
/// and per-field wrappers a serde derive expands to (see BENCHMARKS.md).
#[doc(hidden)]
#[macro_export]
macro_rules! __object_serde {
    (strict $name:ident) => {
        impl<'de> $crate::__serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                $crate::lenient::decode_strict(d)
            }
        }
        impl $crate::__serde::Serialize for $name {
            fn serialize<S: $crate::__serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                $crate::lenient::encode_strict(self, s)
            }
        }
        impl $crate::lenient::Lenient for $name {}
    };
    ($name:ident) => {
        impl $crate::__serde::Serialize for $name {
            fn serialize<S: $crate::__serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                $crate::lenient::encode_object(self, s)
            }
        }
        impl<'de> $crate::__serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                $crate::lenient::decode_object(d)
            }
        }
        impl $crate::lenient::Lenient for $name {
            fn deserialize_lenient<'de, D: $crate::__serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<::std::option::Option<Self>, D::Error> {
                $crate::lenient::decode_object_lenient(d)
            }
        }
    };
}

/// The serde glue of an enum made from a documented value list, which nobody reads: `Serialize`,
/// lenient `Deserialize`, [`Lenient`] and the query encoding, all through the enum's generated
/// `as_str` and `from_wire` (`__wire_enum_serde!(Name)`).
#[doc(hidden)]
#[macro_export]
macro_rules! __wire_enum_serde {
    ($name:ident) => {
        impl $crate::__serde::Serialize for $name {
            fn serialize<S: $crate::__serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl<'de> $crate::__serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                $crate::lenient::wire_string(d).map(|s| Self::from_wire(&s))
            }
        }
        impl $crate::lenient::Lenient for $name {
            fn deserialize_lenient<'de, D: $crate::__serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<::std::option::Option<Self>, D::Error> {
                ::std::result::Result::Ok(
                    <::std::string::String as $crate::lenient::Lenient>::deserialize_lenient(d)?
                        .map(|s| Self::from_wire(&s)),
                )
            }
        }
        impl $crate::client::QueryValue for $name {
            fn push_pairs(&self, key: &str, out: &mut ::std::vec::Vec<(::std::string::String, ::std::string::String)>) {
                out.push((key.to_owned(), self.as_str().to_owned()));
            }
        }
    };
}

/// Reads the wire string of an enum value: a string, or a number or boolean as its JSON text.
pub fn wire_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    match String::deserialize_lenient(d)? {
        Some(s) => Ok(s),
        None => Err(de::Error::custom("expected a string value")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse<T: Lenient>(json: &str) -> Option<T> {
        let mut de = serde_json::Deserializer::from_str(json);
        T::deserialize_lenient(&mut de).expect("valid JSON")
    }

    #[test]
    fn strings_accept_numbers_and_booleans() {
        assert_eq!(parse::<String>("0"), Some("0".to_owned()));
        assert_eq!(parse::<String>("true"), Some("true".to_owned()));
        assert_eq!(parse::<String>("\"x\""), Some("x".to_owned()));
        assert_eq!(parse::<String>("null"), None);
        assert_eq!(parse::<String>("{\"a\": [1]}"), None);
    }

    #[test]
    fn integers_accept_numeric_strings_and_reject_overflow() {
        assert_eq!(parse::<i32>("\" 42 \""), Some(42));
        assert_eq!(parse::<i32>("4294967296"), None);
        assert_eq!(parse::<i64>("1686904661709"), Some(1_686_904_661_709));
        assert_eq!(parse::<i64>("1.5"), None);
        assert_eq!(parse::<i64>("\"abc\""), None);
        assert_eq!(parse::<i64>("1e300"), None);
    }

    #[test]
    fn arrays_skip_elements_of_the_wrong_shape() {
        assert_eq!(parse::<Vec<i32>>("[1, \"2\", {}, 3]"), Some(vec![1, 2, 3]));
        assert_eq!(parse::<Vec<i32>>("\"nope\""), None);
    }

    #[derive(Debug, Default, PartialEq)]
    struct Inner {
        n: Option<i32>,
    }
    impl Object for Inner {
        fn decode_field<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
            match key {
                "n" => self.n = field(map)?,
                _ => return Ok(false),
            }
            Ok(true)
        }
        fn encode_fields<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
            encode_field(map, "n", &self.n)
        }
    }
    crate::__object_serde!(Inner);

    #[derive(Debug, Default, PartialEq)]
    struct Outer {
        name: Option<String>,
        inner: Option<Inner>,
        r#type: Option<Vec<Inner>>,
    }
    impl Object for Outer {
        fn decode_field<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
            match key {
                "name" => self.name = field(map)?,
                "inner" => self.inner = field(map)?,
                "type" => self.r#type = field(map)?,
                _ => return Ok(false),
            }
            Ok(true)
        }
        fn encode_fields<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
            encode_field(map, "name", &self.name)?;
            encode_field(map, "inner", &self.inner)?;
            encode_field(map, "type", &self.r#type)
        }
    }
    crate::__object_serde!(Outer);

    #[derive(Debug, PartialEq)]
    struct Body {
        name: String,
        count: Option<i32>,
    }
    impl StrictObject for Body {
        fn from_members(m: &mut Members) -> Result<Self, String> {
            Ok(Body { name: m.required("name")?, count: m.optional("count")? })
        }
        fn encode_fields<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
            map.serialize_entry("name", &self.name)?;
            encode_field(map, "count", &self.count)
        }
    }
    crate::__object_serde!(strict Body);

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

    #[test]
    fn malformed_json_is_still_an_error() {
        let mut de = serde_json::Deserializer::from_str("[1, ");
        assert!(Vec::<i32>::deserialize_lenient(&mut de).is_err());
    }
}
