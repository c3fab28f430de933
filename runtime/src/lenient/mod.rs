//! Lenient decoding of response fields.
//!
//! Huawei Cloud services do not always send what their documentation says: DWS documents
//! `error_code` as a String and sends the number `0`; other services send numbers as strings.
//! A response must never fail to decode because of that, so every optional response field is
//! decoded through [`Lenient`]: scalars are converted where the conversion is lossless, and a value
//! of the wrong shape becomes `None` instead of an error. Only input that is not JSON at all fails.
//!
//! Generated models implement [`Object`] or [`StrictObject`], and their serde impls, with the
//! hidden `__object_serde!` glue from a field list (each field's name and wire name) rather than
//! with serde derives: the same behaviour, decoded in place without buffering, at a fraction of the
//! compile time, in a line per field.

mod glue;
mod object;
pub(crate) mod repair;

pub use glue::{wire_i64, wire_string};
#[doc(hidden)]
pub use object::kind;
pub use object::{
    Members, Object, StrictObject, decode_object, decode_object_lenient, decode_strict, encode_field, encode_object,
    encode_required, encode_strict, field,
};
/// The serde traits that generated `Object` and `StrictObject` impls name
/// (`lenient::MapAccess`, `lenient::SerializeMap`), so that a generated file imports one module.
#[doc(hidden)]
pub use serde::{de::MapAccess, ser::SerializeMap};

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, IgnoredAny, SeqAccess, Visitor};
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

    /// Whether decoding a value of this type never counts a value inside it as left out (a
    /// scalar): then it is counted without looking at the count before and after.
    #[doc(hidden)]
    const SCALAR: bool = false;
}

use serde::Deserialize;

/// `#[serde(deserialize_with = "...")]` helper for `Option<T>` fields of response models.
pub fn deserialize<'de, D: Deserializer<'de>, T: Lenient>(d: D) -> Result<Option<T>, D::Error> {
    // Through the seed, so that a value left out is counted as a generated field's is.
    Seed::<T>(std::marker::PhantomData).deserialize(d)
}

/// Accepts any scalar and converts it with `convert` (a closure, not a function pointer, so that it
/// is inlined into each value's decoding); anything else is drained and gives `None`.
struct ScalarVisitor<F> {
    expecting: &'static str,
    convert: F,
}

/// A scalar as it arrived.
enum Scalar<'a> {
    Str(&'a str),
    I64(i64),
    U64(u64),
    F64(f64),
    Bool(bool),
}

impl<'de, T, F: FnOnce(Scalar<'_>) -> Option<T>> Visitor<'de> for ScalarVisitor<F> {
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
    convert: impl FnOnce(Scalar<'_>) -> Option<T>,
) -> Result<Option<T>, D::Error> {
    d.deserialize_any(ScalarVisitor { expecting, convert })
}

impl Lenient for String {
    const SCALAR: bool = true;
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
    const SCALAR: bool = true;
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error> {
        scalar(d, "an integer", to_i64)
    }
}

impl Lenient for i32 {
    const SCALAR: bool = true;
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Self>, D::Error> {
        scalar(d, "an integer", |s| to_i64(s).and_then(|v| i32::try_from(v).ok()))
    }
}

impl Lenient for f64 {
    const SCALAR: bool = true;
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
    const SCALAR: bool = true;
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

/// Decodes one field, element or map value leniently; a value that is there (not `null`) and
/// gives `None` is counted as left out ([`dropped`]), once, where it was left out: a field of an
/// object inside an element counts as itself, not as its element.
struct Seed<T>(std::marker::PhantomData<T>);

impl<'de, T: Lenient> DeserializeSeed<'de> for Seed<T> {
    type Value = Option<T>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_option(Present::<T>(std::marker::PhantomData))
    }
}

/// [`Seed`]'s visitor: `null` is an unset value, anything else is decoded and counted when left out.
struct Present<T>(std::marker::PhantomData<T>);

impl<'de, T: Lenient> Visitor<'de> for Present<T> {
    type Value = Option<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        if T::SCALAR {
            let value = T::deserialize_lenient(d)?;
            if value.is_none() {
                dropped();
            }
            return Ok(value);
        }
        counted(|| T::deserialize_lenient(d))
    }
}

/// Runs one value's decoding and counts the value as left out when it gives `Ok(None)` and
/// nothing inside it was counted already.
pub(crate) fn counted<T, E>(decode: impl FnOnce() -> Result<Option<T>, E>) -> Result<Option<T>, E> {
    let (value, inside) = counting_inside(decode);
    let value = value?;
    if value.is_none() && !inside {
        dropped();
    }
    Ok(value)
}

/// Runs a decoding and says whether it counted a value as left out.
fn counting_inside<R>(decode: impl FnOnce() -> R) -> (R, bool) {
    let before = DROPPED.with(std::cell::Cell::get);
    let out = decode();
    (out, DROPPED.with(std::cell::Cell::get) != before)
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
                loop {
                    let (next, inside) = counting_inside(|| seq.next_element_seed(Seed::<T>(std::marker::PhantomData)));
                    match next? {
                        Some(Some(item)) => out.push(item),
                        // A `null` element is left out too; any other was counted by the seed.
                        Some(None) => dropped_item(inside),
                        None => break,
                    }
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
            // A `null` entry is left out too, and counted as one; so is one that does not decode.
            match counting_inside(|| T::deserialize_lenient(item)) {
                (Ok(Some(x)), _) => {
                    out.insert(k, x);
                }
                (_, inside) => dropped_item(inside),
            }
        }
        Ok(Some(out))
    }
}

thread_local! {
    /// Values (fields, elements, entries) left out by the lenient decoding on this thread since
    /// the last [`counting_dropped`] began.
    static DROPPED: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    /// Of those, list elements and map entries.
    static DROPPED_ITEMS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// A value that is not of the documented type (a field, a list element, a map entry) was left out.
fn dropped() {
    DROPPED.with(|d| d.set(d.get().saturating_add(1)));
}

/// A list element or map entry was left out, whether counted as a value already or not (a `null`
/// element is not counted as a value before this).
fn dropped_item(counted_as_value: bool) {
    if !counted_as_value {
        dropped();
    }
    DROPPED_ITEMS.with(|d| d.set(d.get().saturating_add(1)));
}

/// What one decoding left out: every value, and of those the list elements and map entries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Dropped {
    pub(crate) values: u32,
    pub(crate) items: u32,
}

/// Runs a (synchronous) decoding and counts the values it left out because they were not of
/// the documented type (fields, list elements, map entries): what
/// `ResponseMeta::dropped_elements` reports.
pub(crate) fn counting_dropped<R>(decode: impl FnOnce() -> R) -> (R, Dropped) {
    let before = (DROPPED.with(std::cell::Cell::get), DROPPED_ITEMS.with(std::cell::Cell::get));
    let out = decode();
    let after = (DROPPED.with(std::cell::Cell::get), DROPPED_ITEMS.with(std::cell::Cell::get));
    (out, Dropped { values: after.0.wrapping_sub(before.0), items: after.1.wrapping_sub(before.1) })
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

    #[test]
    fn malformed_json_is_still_an_error() {
        let mut de = serde_json::Deserializer::from_str("[1, ");
        assert!(Vec::<i32>::deserialize_lenient(&mut de).is_err());
    }
}
