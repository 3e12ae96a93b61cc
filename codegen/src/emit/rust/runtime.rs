//! The private `rt` module of a generated file: small helpers the generated
//! code calls, emitted only when used (so nothing is dead code).

use proc_macro2::TokenStream;
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

/// Every helper, in the order the `rt` module lists the ones used.
pub const HELPERS: &[&str] = &[
    "WireStr",
    "inflate",
    "deflate",
    "json",
    "present_json",
    "present",
    "nullable",
    "string_enum",
    "Keys",
    "ReadKeys",
];

/// The text of the `rt` module holding the helpers in `used` (nothing when
/// no helper is used). Each helper is formatted on its own ([`formatted`]);
/// `cache` holds the ones formatted so far: the helpers do not depend on the
/// contract, so the modules of one run share them.
pub fn module(used: &BTreeSet<&str>, cache: &mut BTreeMap<&'static str, String>) -> String {
    let mut out = String::new();
    for &name in HELPERS.iter().filter(|name| used.contains(*name)) {
        out.push_str(cache.entry(name).or_insert_with(|| formatted(name)));
    }
    if out.is_empty() {
        return out;
    }
    format!("/// Helpers of the generated code.\nmod rt {{\n{out}}}\n")
}

/// One helper formatted as an item of the `rt` module (inside `mod rt` so
/// that it is indented as it will be), without the module's own first and
/// last lines.
pub fn formatted(name: &str) -> String {
    let items = items(name);
    let text = super::render(quote! { mod rt { #items } });
    match text
        .strip_prefix("mod rt {\n")
        .and_then(|t| t.strip_suffix("}\n"))
    {
        Some(inside) => inside.to_owned(),
        None => panic!("eventc formatted the `rt` module unexpectedly; this is a bug in eventc"),
    }
}

/// The items of one helper (of [`HELPERS`]).
fn items(name: &str) -> TokenStream {
    match name {
        "WireStr" => wire_str(),
        "inflate" => inflate(),
        "deflate" => deflate(),
        "json" => json(),
        "present_json" => present_json(),
        "present" => present(),
        "nullable" => nullable(),
        "string_enum" => string_enum(),
        "Keys" => keys_serializer(),
        "ReadKeys" => read_keys_deserializer(),
        _ => TokenStream::new(),
    }
}

/// `WireStr`: a string borrowed from the input when it can be.
fn wire_str() -> TokenStream {
    quote! {
        /// A string that borrows from the input when it can (no escapes).
        pub(super) struct WireStr<'de>(pub(super) ::std::borrow::Cow<'de, str>);

        impl<'de> ::serde::Deserialize<'de> for WireStr<'de> {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct StrVisitor;
                impl<'de> ::serde::de::Visitor<'de> for StrVisitor {
                    type Value = WireStr<'de>;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str("a string")
                    }
                    fn visit_borrowed_str<E: ::serde::de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                        Ok(WireStr(::std::borrow::Cow::Borrowed(v)))
                    }
                    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                        Ok(WireStr(::std::borrow::Cow::Owned(::std::borrow::ToOwned::to_owned(v))))
                    }
                }
                deserializer.deserialize_str(StrVisitor)
            }
        }
    }
}

/// `inflate`: base64, then zlib, with a limit on the inflated size.
fn inflate() -> TokenStream {
    quote! {
        /// Largest decompressed payload accepted, in bytes (guards against zlib bombs).
        const MAX_INFLATED: u64 = 16 * 1024 * 1024;

        /// Decodes standard base64, then inflates zlib data.
        pub(super) fn inflate(text: &str) -> Result<Vec<u8>, String> {
            use ::base64::Engine as _;
            use ::std::io::Read as _;
            let bytes = ::base64::engine::general_purpose::STANDARD
                .decode(text)
                .map_err(|e| ::std::format!("compressed payload is not valid base64: {e}"))?;
            let mut out = Vec::new();
            ::flate2::read::ZlibDecoder::new(bytes.as_slice())
                .take(MAX_INFLATED + 1)
                .read_to_end(&mut out)
                .map_err(|e| ::std::format!("compressed payload is not valid zlib data: {e}"))?;
            if out.len() as u64 > MAX_INFLATED {
                return Err(::std::format!("compressed payload inflates beyond {MAX_INFLATED} bytes"));
            }
            Ok(out)
        }
    }
}

/// `deflate`: zlib, then base64.
fn deflate() -> TokenStream {
    quote! {
        /// Compresses JSON text with zlib and encodes it as standard base64.
        pub(super) fn deflate(json: &str) -> Result<String, ::std::io::Error> {
            use ::base64::Engine as _;
            use ::std::io::Write as _;
            let mut encoder = ::flate2::write::ZlibEncoder::new(Vec::new(), ::flate2::Compression::default());
            encoder.write_all(json.as_bytes())?;
            let bytes = encoder.finish()?;
            Ok(::base64::engine::general_purpose::STANDARD.encode(bytes))
        }
    }
}

/// `Keys`: a serializer that writes a derived struct as a map with a leading
/// tag entry and each renamed field under its old key as well.
fn keys_serializer() -> TokenStream {
    let forwards = forwarded_serializer_methods();
    quote! {
        /// Writes a struct derived with `#[serde(remote = "Self")]` as a map:
        /// first the `tag` entry (a variant of a tagged union), then each
        /// field, and right after a renamed field its value again under the
        /// old key. `renamed` lists (new key, old key) in field order.
        /// Anything other than a struct is passed to `inner` unchanged.
        pub(super) struct Keys<S> {
            pub(super) inner: S,
            pub(super) tag: Option<(&'static str, &'static str)>,
            pub(super) renamed: &'static [(&'static str, &'static str)],
        }

        /// The map a `Keys` serializer writes a struct's fields into.
        pub(super) struct KeysMap<M> {
            map: M,
            renamed: &'static [(&'static str, &'static str)],
        }

        impl<S: ::serde::Serializer> ::serde::Serializer for Keys<S> {
            type Ok = S::Ok;
            type Error = S::Error;
            type SerializeSeq = S::SerializeSeq;
            type SerializeTuple = S::SerializeTuple;
            type SerializeTupleStruct = S::SerializeTupleStruct;
            type SerializeTupleVariant = S::SerializeTupleVariant;
            type SerializeMap = S::SerializeMap;
            type SerializeStruct = KeysMap<S::SerializeMap>;
            type SerializeStructVariant = S::SerializeStructVariant;

            fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct, S::Error> {
                use ::serde::ser::SerializeMap as _;
                let mut map = self.inner.serialize_map(None)?;
                if let Some((key, value)) = self.tag {
                    map.serialize_entry(key, value)?;
                }
                Ok(KeysMap { map, renamed: self.renamed })
            }

            #forwards
        }

        impl<M: ::serde::ser::SerializeMap> ::serde::ser::SerializeStruct for KeysMap<M> {
            type Ok = M::Ok;
            type Error = M::Error;

            fn serialize_field<T: ?Sized + ::serde::Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), M::Error> {
                self.map.serialize_entry(key, value)?;
                if let Some((&(new, old), rest)) = self.renamed.split_first() {
                    if new == key {
                        self.map.serialize_entry(old, value)?;
                        self.renamed = rest;
                    }
                }
                Ok(())
            }

            fn skip_field(&mut self, key: &'static str) -> Result<(), M::Error> {
                if let Some((&(new, _), rest)) = self.renamed.split_first() {
                    if new == key {
                        self.renamed = rest;
                    }
                }
                Ok(())
            }

            fn end(self) -> Result<M::Ok, M::Error> {
                self.map.end()
            }
        }
    }
}

/// `ReadKeys`: a deserializer that reads a derived struct's fields from
/// every key the contract gives them and skips a tagged union's tag entry.
fn read_keys_deserializer() -> TokenStream {
    quote! {
        /// Reads a struct derived with `#[serde(remote = "Self")]` from a map
        /// in which a field may appear under other keys than its own. `keys`
        /// lists (field key, its other keys in contract order): the first key
        /// in that order that the map holds wins, wherever it stands in the
        /// map, and the others are read and dropped. `skip` lists keys read
        /// and dropped (the tag of a tagged union, which the union reads).
        /// A value under another key is held as the input's own text until
        /// the map ends, so reading one needs borrowed input
        /// (`serde_json::from_str`/`from_slice`), as unions do.
        /// Anything other than a struct is passed to `inner` unchanged.
        pub(super) struct ReadKeys<D> {
            pub(super) inner: D,
            pub(super) keys: &'static [(&'static str, &'static [&'static str])],
            pub(super) skip: &'static [&'static str],
        }

        impl<'de, D: ::serde::Deserializer<'de>> ::serde::Deserializer<'de> for ReadKeys<D> {
            type Error = D::Error;

            fn deserialize_struct<V: ::serde::de::Visitor<'de>>(self, name: &'static str, fields: &'static [&'static str], visitor: V) -> Result<V::Value, D::Error> {
                let visitor = ReadKeysVisitor { inner: visitor, keys: self.keys, skip: self.skip };
                self.inner.deserialize_struct(name, fields, visitor)
            }

            fn deserialize_any<V: ::serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
                self.inner.deserialize_any(visitor)
            }

            ::serde::forward_to_deserialize_any! {
                bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
                byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map
                enum identifier ignored_any
            }
        }

        /// The visitor a `ReadKeys` deserializer hands its inner deserializer.
        struct ReadKeysVisitor<V> {
            inner: V,
            keys: &'static [(&'static str, &'static [&'static str])],
            skip: &'static [&'static str],
        }

        impl<'de, V: ::serde::de::Visitor<'de>> ::serde::de::Visitor<'de> for ReadKeysVisitor<V> {
            type Value = V::Value;

            fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                self.inner.expecting(f)
            }

            fn visit_map<A: ::serde::de::MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
                self.inner.visit_map(ReadKeysMap {
                    map,
                    keys: self.keys,
                    skip: self.skip,
                    own: 0,
                    own_past_64: Vec::new(),
                    held: Vec::new(),
                    next: None,
                    ended: false,
                })
            }

            fn visit_seq<A: ::serde::de::SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
                self.inner.visit_seq(seq)
            }
        }

        /// The map a `ReadKeys` deserializer's struct visitor reads.
        struct ReadKeysMap<'de, A> {
            map: A,
            keys: &'static [(&'static str, &'static [&'static str])],
            skip: &'static [&'static str],
            /// Bit `i`: entry `i` of `keys` was read under its own key
            /// (entries from 64 on are listed in `own_past_64`).
            own: u64,
            own_past_64: Vec<usize>,
            /// Values read under other keys, held (as the input's text) until
            /// the map ends: entry of `keys`, rank of the key among its other
            /// keys, value.
            held: Vec<(usize, usize, &'de ::serde_json::value::RawValue)>,
            /// The value of the key last handed over from `held`.
            next: Option<&'de ::serde_json::value::RawValue>,
            /// Whether the inner map has no entries left.
            ended: bool,
        }

        impl<A> ReadKeysMap<'_, A> {
            /// The entry of `keys` naming `key`, and the key's rank in it (0
            /// for the entry's own key).
            fn entry(&self, key: &str) -> Option<(usize, usize)> {
                self.keys.iter().enumerate().find_map(|(field, (own, others))| {
                    if *own == key {
                        return Some((field, 0));
                    }
                    others.iter().position(|other| *other == key).map(|rank| (field, rank + 1))
                })
            }

            /// Whether entry `field` was read under its own key.
            fn own_read(&self, field: usize) -> bool {
                match 1u64.checked_shl(u32::try_from(field).unwrap_or(u32::MAX)) {
                    Some(bit) => self.own & bit != 0,
                    None => self.own_past_64.contains(&field),
                }
            }

            /// Records that entry `field` was read under its own key.
            fn read_own(&mut self, field: usize) {
                match 1u64.checked_shl(u32::try_from(field).unwrap_or(u32::MAX)) {
                    Some(bit) => self.own |= bit,
                    None => self.own_past_64.push(field),
                }
                self.held.retain(|(held, _, _)| *held != field);
            }
        }

        impl<'de, A: ::serde::de::MapAccess<'de>> ::serde::de::MapAccess<'de> for ReadKeysMap<'de, A> {
            type Error = A::Error;

            fn next_key_seed<K: ::serde::de::DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
                use ::serde::de::Error as _;
                while !self.ended {
                    let Some(WireStr(key)) = self.map.next_key::<WireStr<'de>>()? else {
                        self.ended = true;
                        break;
                    };
                    if self.skip.contains(&&*key) {
                        self.map.next_value::<::serde::de::IgnoredAny>()?;
                        continue;
                    }
                    let Some((field, rank)) = self.entry(&key) else {
                        return key_seed(seed, key).map(Some);
                    };
                    if rank == 0 {
                        self.read_own(field);
                        return key_seed(seed, key).map(Some);
                    }
                    if self.own_read(field) {
                        self.map.next_value::<::serde::de::IgnoredAny>()?;
                        continue;
                    }
                    match self.held.iter().position(|(held, _, _)| *held == field) {
                        Some(i) if self.held[i].1 == rank => {
                            return Err(A::Error::duplicate_field(self.keys[field].1[rank - 1]));
                        }
                        Some(i) if self.held[i].1 < rank => {
                            self.map.next_value::<::serde::de::IgnoredAny>()?;
                        }
                        Some(i) => self.held[i] = (field, rank, self.map.next_value()?),
                        None => self.held.push((field, rank, self.map.next_value()?)),
                    }
                }
                // The map has ended: give each field read only under another
                // key its value, under its own key.
                match self.held.pop() {
                    Some((field, _, value)) => {
                        self.next = Some(value);
                        let key = ::serde::de::value::BorrowedStrDeserializer::new(self.keys[field].0);
                        seed.deserialize(key).map(Some)
                    }
                    None => Ok(None),
                }
            }

            fn next_value_seed<T: ::serde::de::DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
                match self.next.take() {
                    Some(value) => seed.deserialize(value).map_err(held_error),
                    None => self.map.next_value_seed(seed),
                }
            }
        }

        /// An error in a value held by `ReadKeysMap`, without the position
        /// inside that value (the map's own reader tells where the map is).
        fn held_error<E: ::serde::de::Error>(error: ::serde_json::Error) -> E {
            let text = error.to_string();
            let position = ::std::format!(" at line {} column {}", error.line(), error.column());
            E::custom(text.strip_suffix(&position).unwrap_or(&text))
        }

        /// Passes a key read from the map on to `seed`.
        fn key_seed<'de, K: ::serde::de::DeserializeSeed<'de>, E: ::serde::de::Error>(seed: K, key: ::std::borrow::Cow<'de, str>) -> Result<K::Value, E> {
            match key {
                ::std::borrow::Cow::Borrowed(key) => seed.deserialize(::serde::de::value::BorrowedStrDeserializer::new(key)),
                ::std::borrow::Cow::Owned(key) => seed.deserialize(::serde::de::value::StringDeserializer::new(key)),
            }
        }
    }
}

/// The `Serializer` methods `Keys` passes to its inner serializer unchanged.
fn forwarded_serializer_methods() -> TokenStream {
    let scalars = [
        ("serialize_bool", quote!(bool)),
        ("serialize_i8", quote!(i8)),
        ("serialize_i16", quote!(i16)),
        ("serialize_i32", quote!(i32)),
        ("serialize_i64", quote!(i64)),
        ("serialize_u8", quote!(u8)),
        ("serialize_u16", quote!(u16)),
        ("serialize_u32", quote!(u32)),
        ("serialize_u64", quote!(u64)),
        ("serialize_f32", quote!(f32)),
        ("serialize_f64", quote!(f64)),
        ("serialize_char", quote!(char)),
        ("serialize_str", quote!(&str)),
        ("serialize_bytes", quote!(&[u8])),
    ]
    .into_iter()
    .map(|(method, ty)| {
        let method = proc_macro2::Ident::new(method, proc_macro2::Span::call_site());
        quote! {
            fn #method(self, v: #ty) -> Result<S::Ok, S::Error> {
                self.inner.#method(v)
            }
        }
    });
    quote! {
        #(#scalars)*
        fn serialize_none(self) -> Result<S::Ok, S::Error> {
            self.inner.serialize_none()
        }
        fn serialize_some<T: ?Sized + ::serde::Serialize>(self, value: &T) -> Result<S::Ok, S::Error> {
            self.inner.serialize_some(value)
        }
        fn serialize_unit(self) -> Result<S::Ok, S::Error> {
            self.inner.serialize_unit()
        }
        fn serialize_unit_struct(self, name: &'static str) -> Result<S::Ok, S::Error> {
            self.inner.serialize_unit_struct(name)
        }
        fn serialize_unit_variant(self, name: &'static str, index: u32, variant: &'static str) -> Result<S::Ok, S::Error> {
            self.inner.serialize_unit_variant(name, index, variant)
        }
        fn serialize_newtype_struct<T: ?Sized + ::serde::Serialize>(self, name: &'static str, value: &T) -> Result<S::Ok, S::Error> {
            self.inner.serialize_newtype_struct(name, value)
        }
        fn serialize_newtype_variant<T: ?Sized + ::serde::Serialize>(self, name: &'static str, index: u32, variant: &'static str, value: &T) -> Result<S::Ok, S::Error> {
            self.inner.serialize_newtype_variant(name, index, variant, value)
        }
        fn serialize_seq(self, len: Option<usize>) -> Result<S::SerializeSeq, S::Error> {
            self.inner.serialize_seq(len)
        }
        fn serialize_tuple(self, len: usize) -> Result<S::SerializeTuple, S::Error> {
            self.inner.serialize_tuple(len)
        }
        fn serialize_tuple_struct(self, name: &'static str, len: usize) -> Result<S::SerializeTupleStruct, S::Error> {
            self.inner.serialize_tuple_struct(name, len)
        }
        fn serialize_tuple_variant(self, name: &'static str, index: u32, variant: &'static str, len: usize) -> Result<S::SerializeTupleVariant, S::Error> {
            self.inner.serialize_tuple_variant(name, index, variant, len)
        }
        fn serialize_map(self, len: Option<usize>) -> Result<S::SerializeMap, S::Error> {
            self.inner.serialize_map(len)
        }
        fn serialize_struct_variant(self, name: &'static str, index: u32, variant: &'static str, len: usize) -> Result<S::SerializeStructVariant, S::Error> {
            self.inner.serialize_struct_variant(name, index, variant, len)
        }
    }
}

/// `json`: raw JSON that is not `null`.
fn json() -> TokenStream {
    quote! {
        /// Reads raw JSON that is not `null`.
        pub(super) fn json<'de, D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Box<::serde_json::value::RawValue>, D::Error> {
            let value = <Box<::serde_json::value::RawValue> as ::serde::Deserialize<'de>>::deserialize(deserializer)?;
            if value.get() == "null" {
                return Err(::serde::de::Error::invalid_type(::serde::de::Unexpected::Option, &"a JSON value other than null"));
            }
            Ok(value)
        }
    }
}

/// `present_json`: raw JSON that may be absent but not `null`.
fn present_json() -> TokenStream {
    quote! {
        /// Reads a raw JSON key that may be absent but is not `null` when present.
        pub(super) fn present_json<'de, D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Option<Box<::serde_json::value::RawValue>>, D::Error> {
            json(deserializer).map(Some)
        }
    }
}

/// `present`: a key that may be absent but not `null`.
fn present() -> TokenStream {
    quote! {
        /// Reads a key that may be absent but is not `null` when present.
        pub(super) fn present<'de, D: ::serde::Deserializer<'de>, T: ::serde::Deserialize<'de>>(deserializer: D) -> Result<Option<T>, D::Error> {
            T::deserialize(deserializer).map(Some)
        }
    }
}

/// `nullable`: a key that must be present and may be `null`.
fn nullable() -> TokenStream {
    quote! {
        /// Reads a key that must be present and may be `null` (a missing key is an error).
        pub(super) fn nullable<'de, D: ::serde::Deserializer<'de>, T: ::serde::Deserialize<'de>>(deserializer: D) -> Result<Option<T>, D::Error> {
            <Option<T> as ::serde::Deserialize<'de>>::deserialize(deserializer)
        }
    }
}

/// `string_enum`: a string enum read through its `from_wire`.
fn string_enum() -> TokenStream {
    quote! {
        /// Reads a string enum: `parse` maps a wire value to its variant, and a
        /// value it does not know is an unknown-variant error listing `values`.
        pub(super) fn string_enum<'de, D: ::serde::Deserializer<'de>, T, F: ::core::ops::FnOnce(&str) -> Option<T>>(
            deserializer: D,
            expecting: &'static str,
            values: &'static [&'static str],
            parse: F,
        ) -> Result<T, D::Error> {
            struct EnumVisitor<T, F> {
                expecting: &'static str,
                values: &'static [&'static str],
                parse: F,
                value: ::core::marker::PhantomData<T>,
            }
            impl<'de, T, F: ::core::ops::FnOnce(&str) -> Option<T>> ::serde::de::Visitor<'de> for EnumVisitor<T, F> {
                type Value = T;
                fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.write_str(self.expecting)
                }
                fn visit_str<E: ::serde::de::Error>(self, v: &str) -> Result<T, E> {
                    let values = self.values;
                    (self.parse)(v).ok_or_else(|| E::unknown_variant(v, values))
                }
            }
            deserializer.deserialize_str(EnumVisitor { expecting, values, parse, value: ::core::marker::PhantomData })
        }
    }
}
