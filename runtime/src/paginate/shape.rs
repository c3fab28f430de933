//! The items field of a page's raw body, read in one pass without building a JSON tree (values
//! are skipped, not kept): what it is (absent, an array of how many elements, something else).

use std::fmt;

use crate::lenient::repair;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// The items field of a page's raw body, as sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// Absent, `null`, or an empty body.
    Absent,
    /// An array of this many elements.
    Array(usize),
    /// Something else: what it is.
    Other(&'static str),
    /// A body with content that is not a JSON object: what it is.
    NotAnObject(&'static str),
}

/// The shape of `field` in `body`, or of the whole body when `field` is empty (a listing whose
/// body is the array), read as the page itself was: past a byte order mark, with invalid UTF-8
/// and out-of-range numbers repaired.
pub(super) fn shape(body: &[u8], field: &str) -> Shape {
    if repair::past_bom(body).iter().all(u8::is_ascii_whitespace) {
        return Shape::Absent;
    }
    let read = |b: &[u8]| if field.is_empty() { read_whole(b) } else { read(b, field) };
    repair::read_repaired(body, read).map_or(Shape::NotAnObject("not JSON"), |(shape, _)| shape)
}

/// The items field of a page as JSON (the whole body when `field` is empty), to compare two pages
/// item for item (only when their lengths, first and last items already agree, so rarely); `None`
/// when the body is not a JSON object.
pub(super) fn items_value(body: &[u8], field: &str) -> Option<serde_json::Value> {
    match repair::read_repaired(body, |b| serde_json::from_slice::<serde_json::Value>(b)).ok()?.0 {
        whole if field.is_empty() => Some(whole),
        serde_json::Value::Object(mut obj) => obj.remove(field),
        _ => None,
    }
}

/// The whole body as the items: an array, or what else it is.
fn read_whole(body: &[u8]) -> Result<Shape, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let shape = de.deserialize_any(Items)?;
    de.end()?;
    Ok(shape)
}

fn read(body: &[u8], field: &str) -> Result<Shape, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let shape = de.deserialize_any(Page { field })?;
    de.end()?;
    Ok(shape)
}

/// The whole body: a JSON object whose `field` is read (the last one when it repeats, as a
/// JSON object keeps it), anything else [`Shape::NotAnObject`].
struct Page<'f> {
    field: &'f str,
}

impl<'de> Visitor<'de> for Page<'_> {
    type Value = Shape;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
        let mut shape = Shape::Absent;
        while let Some(is_field) = map.next_key_seed(KeyIs(self.field))? {
            if is_field {
                shape = map.next_value_seed(Items)?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(shape)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Shape, A::Error> {
        drain(seq).map(|()| Shape::NotAnObject("an array"))
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Shape, E> {
        Ok(Shape::NotAnObject("a string"))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Shape, E> {
        Ok(Shape::NotAnObject("a boolean"))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Shape, E> {
        Ok(Shape::NotAnObject("a number"))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Shape, E> {
        Ok(Shape::NotAnObject("a number"))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Shape, E> {
        Ok(Shape::NotAnObject("a number"))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Shape, E> {
        Ok(Shape::NotAnObject("null"))
    }
}

fn drain<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    while seq.next_element::<IgnoredAny>()?.is_some() {}
    Ok(())
}

/// Whether a map key is `field`, without allocating it.
struct KeyIs<'f>(&'f str);

impl<'de> DeserializeSeed<'de> for KeyIs<'_> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeyIs<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<bool, E> {
        Ok(key == self.0)
    }
}

/// The items field's value.
struct Items;

impl<'de> DeserializeSeed<'de> for Items {
    type Value = Shape;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Shape, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Items {
    type Value = Shape;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the items field")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Shape, A::Error> {
        let mut len = 0;
        while seq.next_element::<IgnoredAny>()?.is_some() {
            len += 1;
        }
        Ok(Shape::Array(len))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Shape::Other("an object"))
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Shape, E> {
        Ok(Shape::Other("a string"))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Shape, E> {
        Ok(Shape::Other("a boolean"))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Shape, E> {
        Ok(Shape::Other("a number"))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Shape, E> {
        Ok(Shape::Other("a number"))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Shape, E> {
        Ok(Shape::Other("a number"))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Shape, E> {
        Ok(Shape::Absent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_items_field_is_read_without_a_tree() {
        assert_eq!(shape(br#"{"a":[1,{"b":2}],"items":[1,{"x":[2]},"3"],"total":3}"#, "items"), Shape::Array(3));
        assert_eq!(shape(br#"{"items":null}"#, "items"), Shape::Absent);
        assert_eq!(shape(br#"{"other":[]}"#, "items"), Shape::Absent);
        assert_eq!(shape(b"  ", "items"), Shape::Absent);
        assert_eq!(shape(br#"{"items":{"a":1}}"#, "items"), Shape::Other("an object"));
        assert_eq!(shape(br#"{"items":"x"}"#, "items"), Shape::Other("a string"));
        assert_eq!(shape(br#"[{"items":[]}]"#, "items"), Shape::NotAnObject("an array"));
        assert_eq!(shape(b"<html>", "items"), Shape::NotAnObject("not JSON"));
        assert_eq!(shape(br#"{"items":[1]} trailing"#, "items"), Shape::NotAnObject("not JSON"));
        // The last of a repeated key counts, as in a JSON object.
        assert_eq!(shape(br#"{"items":[1,2],"items":null}"#, "items"), Shape::Absent);
        // Past a byte order mark, and with invalid UTF-8 repaired as the page's decoding does.
        assert_eq!(shape(b"\xEF\xBB\xBF{\"items\":[\"a\xFF\"]}", "items"), Shape::Array(1));
    }

    #[test]
    fn an_empty_field_name_reads_the_whole_body_as_the_items() {
        assert_eq!(shape(br#"[1,{"x":[2]},"3"]"#, ""), Shape::Array(3));
        assert_eq!(shape(b"null", ""), Shape::Absent);
        assert_eq!(shape(b" ", ""), Shape::Absent);
        assert_eq!(shape(br#"{"items":[1]}"#, ""), Shape::Other("an object"));
        assert_eq!(shape(b"[1] trailing", ""), Shape::NotAnObject("not JSON"));
        assert_eq!(items_value(b"[1,2]", ""), Some(serde_json::json!([1, 2])));
        assert_eq!(items_value(br#"{"items":[1]}"#, "items"), Some(serde_json::json!([1])));
    }
}
