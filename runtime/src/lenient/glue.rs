//! The serde glue of generated models and enums, which nobody reads: hidden macros that make
//! [`Object`](super::Object) and [`StrictObject`](super::StrictObject) impls from a model's field
//! list, and the enums' impls on top of their plain generated `as_str`/`from_wire`
//! (`as_i64`/`from_wire` for integer enums).

use serde::de::{self, Deserializer};

use super::Lenient;

/// The serde glue of a generated model, which nobody reads: its field list, each field with its
/// wire name, becomes the runtime's [`Object`](super::Object) (`__object_serde!(Name { users =
/// "users", total = "total_count" })`: a response object, every field optional, decoded leniently
/// in place) or [`StrictObject`](super::StrictObject) (`__object_serde!(strict Name { req name =
/// "name", opt count = "count" })`: a request object or one with mandatory fields, `req` fields
/// required and `opt` ones lenient; `output` instead of `strict` for an operation's success body,
/// whose `sdk_meta` starts empty), with `Serialize`, `Deserialize` and [`Lenient`] on top. Fields
/// are encoded in the order given. This replaces the several visitors and per-field wrappers a
/// serde derive expands to (see BENCHMARKS.md), in a line per field.
#[doc(hidden)]
#[macro_export]
macro_rules! __object_serde {
    (strict $name:ident { $($kind:ident $field:ident = $wire:literal),* $(,)? }) => {
        $crate::__object_serde!(@strict $name [] { $($kind $field = $wire),* });
    };
    (output $name:ident { $($kind:ident $field:ident = $wire:literal),* $(,)? }) => {
        $crate::__object_serde!(@strict $name [sdk_meta] { $($kind $field = $wire),* });
    };
    (@strict $name:ident [$($meta:ident)?] { $($kind:ident $field:ident = $wire:literal),* }) => {
        impl $crate::lenient::StrictObject for $name {
            // `#[inline]`: compiled in the crate that decodes the model (a response's, or a
            // caller's `serde_json::from_str`), not for every model of the library it is in; a
            // request body is encoded only (see BENCHMARKS.md, "Where the build ... goes").
            #[allow(unused_variables)]
            #[inline]
            fn from_members(m: &mut $crate::lenient::Members) -> ::std::result::Result<Self, ::std::string::String> {
                ::std::result::Result::Ok(Self {
                    $($field: $crate::__object_serde!(@take $kind m $wire),)*
                    $($meta: ::std::default::Default::default(),)?
                })
            }
            #[allow(unused_variables)]
            fn encode<M: $crate::lenient::SerializeMap>(&self, map: &mut M) -> ::std::result::Result<(), M::Error> {
                $($crate::__object_serde!(@put $kind map $wire, &self.$field);)*
                ::std::result::Result::Ok(())
            }
        }
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
    (@take req $m:ident $wire:literal) => { $m.required($wire)? };
    (@take opt $m:ident $wire:literal) => { $m.optional($wire)? };
    (@put req $map:ident $wire:literal, $value:expr) => { $crate::lenient::encode_required($map, $wire, $value)? };
    (@put opt $map:ident $wire:literal, $value:expr) => { $crate::lenient::encode_field($map, $wire, $value)? };
    ($name:ident { $($field:ident = $wire:literal),* $(,)? }) => {
        impl $crate::lenient::Object for $name {
            #[allow(unused_variables)]
            fn decode_field<'de, A: $crate::lenient::MapAccess<'de>>(
                &mut self,
                key: &str,
                map: &mut A,
            ) -> ::std::result::Result<bool, A::Error> {
                ::std::result::Result::Ok(match key {
                    $($wire => {
                        self.$field = $crate::lenient::field(map)?;
                        true
                    })*
                    _ => false,
                })
            }
            #[allow(unused_variables)]
            fn encode<M: $crate::lenient::SerializeMap>(&self, map: &mut M) -> ::std::result::Result<(), M::Error> {
                $($crate::lenient::encode_field(map, $wire, &self.$field)?;)*
                ::std::result::Result::Ok(())
            }
        }
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

/// The runtime's [`Output`](crate::client::Output) of an operation's success body, which nobody
/// reads: its meta in the field `sdk_meta` (`__output!(Name)`; `__output!(Name, ignores_body)`
/// for a body the documentation gives no fields, `__output!(Name, text_body)` for a bare string
/// body). The body's public `meta()` is plain generated code.
#[doc(hidden)]
#[macro_export]
macro_rules! __output {
    ($name:ident $(, $flag:ident)?) => {
        impl $crate::client::Output for $name {
            $($crate::__output!(@flag $flag);)?
            fn meta(&self) -> &$crate::client::ResponseMeta {
                &self.sdk_meta
            }
            fn set_meta(&mut self, meta: $crate::client::ResponseMeta) {
                self.sdk_meta = meta;
            }
        }
    };
    (@flag ignores_body) => {
        const IGNORES_BODY: bool = true;
    };
    (@flag text_body) => {
        const TEXT_BODY: bool = true;
    };
}

/// The glue of an enum made from a documented value list, which nobody reads: `Display`,
/// `FromStr` (which refuses a value not in the documented list, naming them), `Serialize`,
/// lenient `Deserialize`, [`Lenient`] and the query encoding, all through the enum's generated
/// `as_str` and `from_wire` (`__wire_enum_serde!(Name, ["a", "b"])`).
#[doc(hidden)]
#[macro_export]
macro_rules! __wire_enum_serde {
    ($name:ident, [$($value:literal),*]) => {
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl ::std::str::FromStr for $name {
            type Err = $crate::UnknownValueError;
            /// The variant of a documented value, matched exactly; any other value is an error
            /// that names the documented values (`from_wire` sends a value newer than this SDK).
            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                match Self::from_wire(s) {
                    Self::Unknown(_) => ::std::result::Result::Err($crate::UnknownValueError::new(
                        stringify!($name),
                        s,
                        &[$($value),*],
                    )),
                    known => ::std::result::Result::Ok(known),
                }
            }
        }
        $crate::__wire_enum_serde!($name);
    };
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

/// The glue of an enum made from a documented list of integers (`values: [4, 6]`), which nobody
/// reads: `Display`, `TryFrom<i64>` (which refuses a value not in the documented list, naming
/// them), `Serialize` as a JSON number, `Deserialize` that also accepts a numeric string,
/// [`Lenient`] and the query encoding, all through the enum's generated `as_i64` and `from_wire`
/// (`__int_enum_serde!(Name, ["4", "6"])`).
#[doc(hidden)]
#[macro_export]
macro_rules! __int_enum_serde {
    ($name:ident, [$($value:literal),*]) => {
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.as_i64(), f)
            }
        }
        impl ::std::convert::TryFrom<i64> for $name {
            type Error = $crate::UnknownValueError;
            /// The variant of a documented value; any other value is an error that names the
            /// documented values (`from_wire` sends a value newer than this SDK).
            fn try_from(value: i64) -> ::std::result::Result<Self, Self::Error> {
                match Self::from_wire(value) {
                    Self::Unknown(_) => ::std::result::Result::Err($crate::UnknownValueError::integer(
                        stringify!($name),
                        value,
                        &[$($value),*],
                    )),
                    known => ::std::result::Result::Ok(known),
                }
            }
        }
        $crate::__int_enum_serde!($name);
    };
    ($name:ident) => {
        impl $crate::__serde::Serialize for $name {
            fn serialize<S: $crate::__serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                s.serialize_i64(self.as_i64())
            }
        }
        impl<'de> $crate::__serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                $crate::lenient::wire_i64(d).map(Self::from_wire)
            }
        }
        impl $crate::lenient::Lenient for $name {
            fn deserialize_lenient<'de, D: $crate::__serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<::std::option::Option<Self>, D::Error> {
                ::std::result::Result::Ok(
                    <i64 as $crate::lenient::Lenient>::deserialize_lenient(d)?.map(Self::from_wire),
                )
            }
        }
        impl $crate::client::QueryValue for $name {
            fn push_pairs(&self, key: &str, out: &mut ::std::vec::Vec<(::std::string::String, ::std::string::String)>) {
                out.push((key.to_owned(), self.as_i64().to_string()));
            }
        }
    };
}

/// Reads the wire integer of an integer enum value: a JSON integer, or a string holding one.
pub fn wire_i64<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    match i64::deserialize_lenient(d)? {
        Some(v) => Ok(v),
        None => Err(de::Error::custom("expected an integer value")),
    }
}

/// Reads the wire string of an enum value: a string, or a number or boolean as its JSON text.
pub fn wire_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    match String::deserialize_lenient(d)? {
        Some(s) => Ok(s),
        None => Err(de::Error::custom("expected a string value")),
    }
}
