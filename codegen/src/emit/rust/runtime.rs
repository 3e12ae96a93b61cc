//! The private `rt` module of a generated file: small helpers the generated
//! code calls, emitted only when used (so nothing is dead code).

use super::context::Ctx;
use proc_macro2::TokenStream;
use quote::quote;

/// The `rt` module with the helpers `ctx` recorded as used.
pub fn emit(ctx: &Ctx<'_>) -> TokenStream {
    let wire_str = ctx.uses("WireStr").then(|| {
        quote! {
            /// A string that borrows from the input when it can (no escapes).
            pub(super) struct WireStr<'de>(pub(super) ::std::borrow::Cow<'de, str>);

            impl<'de> ::serde::Deserialize<'de> for WireStr<'de> {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                    struct StrVisitor;
                    impl<'de> ::serde::de::Visitor<'de> for StrVisitor {
                        type Value = WireStr<'de>;
                        fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                            f.write_str("a string")
                        }
                        fn visit_borrowed_str<E: ::serde::de::Error>(self, v: &'de str) -> ::core::result::Result<Self::Value, E> {
                            ::core::result::Result::Ok(WireStr(::std::borrow::Cow::Borrowed(v)))
                        }
                        fn visit_str<E: ::serde::de::Error>(self, v: &str) -> ::core::result::Result<Self::Value, E> {
                            ::core::result::Result::Ok(WireStr(::std::borrow::Cow::Owned(::std::borrow::ToOwned::to_owned(v))))
                        }
                    }
                    deserializer.deserialize_str(StrVisitor)
                }
            }
        }
    });
    let inflate = ctx.uses("inflate").then(|| {
        quote! {
            /// Largest decompressed payload accepted, in bytes (guards against zlib bombs).
            const MAX_INFLATED: u64 = 16 * 1024 * 1024;

            /// Decodes standard base64, then inflates zlib data.
            pub(super) fn inflate(text: &str) -> ::core::result::Result<::std::vec::Vec<u8>, ::std::string::String> {
                use ::base64::Engine as _;
                use ::std::io::Read as _;
                let bytes = ::base64::engine::general_purpose::STANDARD
                    .decode(text)
                    .map_err(|e| ::std::format!("compressed payload is not valid base64: {e}"))?;
                let mut out = ::std::vec::Vec::new();
                ::flate2::read::ZlibDecoder::new(bytes.as_slice())
                    .take(MAX_INFLATED + 1)
                    .read_to_end(&mut out)
                    .map_err(|e| ::std::format!("compressed payload is not valid zlib data: {e}"))?;
                if out.len() as u64 > MAX_INFLATED {
                    return ::core::result::Result::Err(::std::format!("compressed payload inflates beyond {MAX_INFLATED} bytes"));
                }
                ::core::result::Result::Ok(out)
            }
        }
    });
    let deflate = ctx.uses("deflate").then(|| {
        quote! {
            /// Compresses JSON text with zlib and encodes it as standard base64.
            pub(super) fn deflate(json: &str) -> ::core::result::Result<::std::string::String, ::std::io::Error> {
                use ::base64::Engine as _;
                use ::std::io::Write as _;
                let mut encoder = ::flate2::write::ZlibEncoder::new(::std::vec::Vec::new(), ::flate2::Compression::default());
                encoder.write_all(json.as_bytes())?;
                let bytes = encoder.finish()?;
                ::core::result::Result::Ok(::base64::engine::general_purpose::STANDARD.encode(bytes))
            }
        }
    });
    let readers = field_readers(ctx);
    if readers.is_empty() && wire_str.is_none() && inflate.is_none() && deflate.is_none() {
        return TokenStream::new();
    }
    quote! {
        /// Helpers of the generated code.
        mod rt {
            #wire_str
            #inflate
            #deflate
            #readers
        }
    }
}

/// The `deserialize_with` functions derived objects name, those used only.
fn field_readers(ctx: &Ctx<'_>) -> TokenStream {
    let json = ctx.uses("json").then(|| {
        quote! {
            /// Reads raw JSON that is not `null`.
            pub(super) fn json<'de, D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<::std::boxed::Box<::serde_json::value::RawValue>, D::Error> {
                let value = <::std::boxed::Box<::serde_json::value::RawValue> as ::serde::Deserialize<'de>>::deserialize(deserializer)?;
                if value.get() == "null" {
                    return ::core::result::Result::Err(::serde::de::Error::invalid_type(::serde::de::Unexpected::Option, &"a JSON value other than null"));
                }
                ::core::result::Result::Ok(value)
            }
        }
    });
    let present_json = ctx.uses("present_json").then(|| {
        quote! {
            /// Reads a raw JSON key that may be absent but is not `null` when present.
            pub(super) fn present_json<'de, D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<::core::option::Option<::std::boxed::Box<::serde_json::value::RawValue>>, D::Error> {
                json(deserializer).map(::core::option::Option::Some)
            }
        }
    });
    let present = ctx.uses("present").then(|| {
        quote! {
            /// Reads a key that may be absent but is not `null` when present.
            pub(super) fn present<'de, D: ::serde::Deserializer<'de>, T: ::serde::Deserialize<'de>>(deserializer: D) -> ::core::result::Result<::core::option::Option<T>, D::Error> {
                T::deserialize(deserializer).map(::core::option::Option::Some)
            }
        }
    });
    let nullable = ctx.uses("nullable").then(|| {
        quote! {
            /// Reads a key that must be present and may be `null` (a missing key is an error).
            pub(super) fn nullable<'de, D: ::serde::Deserializer<'de>, T: ::serde::Deserialize<'de>>(deserializer: D) -> ::core::result::Result<::core::option::Option<T>, D::Error> {
                <::core::option::Option<T> as ::serde::Deserialize<'de>>::deserialize(deserializer)
            }
        }
    });
    let required = ctx.uses("required").then(|| {
        quote! {
            /// The value read under one of a field's keys, or a missing-field error.
            pub(super) fn required<T, E: ::serde::de::Error>(value: ::core::option::Option<T>, key: &'static str) -> ::core::result::Result<T, E> {
                value.ok_or_else(|| E::missing_field(key))
            }
        }
    });
    let string_enum = ctx.uses("string_enum").then(|| {
        quote! {
            /// Reads a string enum: `parse` maps a wire value to its variant, and a
            /// value it does not know is an unknown-variant error listing `values`.
            pub(super) fn string_enum<'de, D: ::serde::Deserializer<'de>, T, F: ::core::ops::FnOnce(&str) -> ::core::option::Option<T>>(
                deserializer: D,
                expecting: &'static str,
                values: &'static [&'static str],
                parse: F,
            ) -> ::core::result::Result<T, D::Error> {
                struct EnumVisitor<T, F> {
                    expecting: &'static str,
                    values: &'static [&'static str],
                    parse: F,
                    value: ::core::marker::PhantomData<T>,
                }
                impl<'de, T, F: ::core::ops::FnOnce(&str) -> ::core::option::Option<T>> ::serde::de::Visitor<'de> for EnumVisitor<T, F> {
                    type Value = T;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(self.expecting)
                    }
                    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> ::core::result::Result<T, E> {
                        let values = self.values;
                        (self.parse)(v).ok_or_else(|| E::unknown_variant(v, values))
                    }
                }
                deserializer.deserialize_str(EnumVisitor { expecting, values, parse, value: ::core::marker::PhantomData })
            }
        }
    });
    quote! { #json #present_json #present #nullable #required #string_enum }
}
