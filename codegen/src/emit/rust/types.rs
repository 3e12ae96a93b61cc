//! Named and hoisted types: enums, unions and aliases (objects are in
//! `object.rs`).
//!
//! Unions peek at the keys of the raw object before decoding the one variant
//! that fits.

use super::checks::{check_impl, value_check};
use super::context::Ctx;
use super::names;
use crate::model::*;
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

/// The items of one named or hoisted type.
pub fn emit_type(ctx: &Ctx<'_>, t: &TypeDef) -> TokenStream {
    let docs = type_docs(t);
    match &t.kind {
        TypeKind::Object(o) => super::object::object(ctx, t, o, docs),
        TypeKind::Enum(e) => enumeration(ctx, t, e, docs),
        TypeKind::Union(u) => union(ctx, t, u, docs),
        TypeKind::Alias(r) => {
            let name = ctx.type_ident(&t.id);
            let ty = ctx.rust_type(r);
            if ctx.c.graph.is_recursive_alias(&t.id) {
                // A type alias cannot name itself: a transparent newtype can.
                let derive = derives(
                    ctx,
                    &t.id,
                    &[quote!(::serde::Serialize), quote!(::serde::Deserialize)],
                );
                let checks = ctx
                    .rules
                    .check(r)
                    .filter(|_| ctx.rules.has(&t.id))
                    .map(|check| check_impl(&name, value_check(ctx, &check, &quote!((&self.0)))));
                quote! {
                    #docs
                    #derive
                    #[serde(transparent)]
                    pub struct #name(pub #ty);
                    #checks
                }
            } else {
                quote! { #docs pub type #name = #ty; }
            }
        }
    }
}

/// Doc comment plus `#[deprecated]` for a documented element.
pub fn docs_and_deprecation(fallback: &str, docs: &Docs, extra: &[String]) -> TokenStream {
    let mut paragraphs: Vec<&str> = vec![docs.description.as_deref().unwrap_or(fallback)];
    paragraphs.extend(extra.iter().map(String::as_str));
    let since = docs
        .since
        .as_ref()
        .map(|s| format!("Since {}.", names::code_span(s)));
    paragraphs.extend(since.as_deref());
    let doc = names::doc_paragraphs(paragraphs);
    let deprecated = docs.deprecated.as_ref().map(deprecated_attr);
    quote! { #doc #deprecated }
}

/// `#[deprecated(note = …)]` for a deprecation.
pub fn deprecated_attr(d: &Deprecation) -> TokenStream {
    let note = names::doc_lines(&d.note()).join(" ");
    quote!(#[deprecated(note = #note)])
}

fn type_docs(t: &TypeDef) -> TokenStream {
    let origin = match &t.origin {
        Origin::Declared => format!("Contract type {}.", names::code_span(t.id.as_str())),
        Origin::Inline(at) => format!("Inline type of {}.", names::code_span(at)),
    };
    docs_and_deprecation("", &t.docs, &[origin])
}

/// `Debug, Clone`, `PartialEq` when the type holds no raw JSON, then
/// `extra`; then the attributes the caller gave for the type.
pub fn derives(ctx: &Ctx<'_>, id: &TypeId, extra: &[TokenStream]) -> TokenStream {
    let eq = ctx.comparable_def(id).then(|| quote!(PartialEq));
    let all = [quote!(Debug), quote!(Clone)]
        .into_iter()
        .chain(eq)
        .chain(extra.iter().cloned());
    let attributes = ctx.options.attributes_for(id.as_str());
    quote!(#[derive(#(#all),*)] #attributes)
}

fn enumeration(ctx: &Ctx<'_>, t: &TypeDef, e: &EnumType, docs: TokenStream) -> TokenStream {
    let name = ctx.type_ident(&t.id);
    let mut ns = names::Namespace::with_reserved(if e.open { &["Unknown"] } else { &[] });
    let idents: Vec<_> = e
        .values
        .iter()
        .map(|v| names::ident(&ns.claim(&names::type_text(&v.ident))))
        .collect();
    let variant_defs = e.values.iter().zip(&idents).map(|(v, ident)| {
        let wire = match &v.value {
            EnumLiteral::Str(s) => format!("Wire value {}.", names::code_span(s)),
            EnumLiteral::Int(i) => format!("Wire value `{i}`."),
        };
        let renamed = v.old_wire.as_ref().map(|old| {
            format!(
                "Renamed from {}, which readers still accept.",
                names::code_span(&literal_text(old))
            )
        });
        let extra: Vec<String> = std::iter::once(wire).chain(renamed).collect();
        let docs = docs_and_deprecation("", &v.docs, &extra);
        quote!(#docs #ident,)
    });
    let unknown_def = match e.repr {
        EnumRepr::String => quote!(String),
        EnumRepr::Integer => quote!(i64),
    };
    let unknown = e.open.then(|| {
        quote! {
            /// A value this contract does not list (the enum is open); kept as written.
            Unknown(#unknown_def),
        }
    });
    let attributes = ctx.options.attributes_for(t.id.as_str());
    let derive = if e.open {
        quote!(#[derive(Debug, Clone, PartialEq, Eq, Hash)] #attributes)
    } else {
        quote!(#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)] #attributes)
    };
    let body = match e.repr {
        EnumRepr::String => string_enum_impls(ctx, &name, e, &idents),
        EnumRepr::Integer => int_enum_impls(&name, e, &idents),
    };
    quote! {
        #docs
        #derive
        pub enum #name { #(#variant_defs)* #unknown }
        #body
    }
}

fn string_values(e: &EnumType) -> Vec<String> {
    e.values.iter().map(|v| literal_text(&v.value)).collect()
}

/// An enum literal as the text of a string enum.
fn literal_text(literal: &EnumLiteral) -> String {
    match literal {
        EnumLiteral::Str(s) => s.clone(),
        EnumLiteral::Int(i) => i.to_string(),
    }
}

fn string_enum_impls(
    ctx: &Ctx<'_>,
    name: &proc_macro2::Ident,
    e: &EnumType,
    idents: &[proc_macro2::Ident],
) -> TokenStream {
    ctx.use_helper("string_enum");
    let values = string_values(e);
    // Old values of renamed values: read as the new ones, never written.
    let (old_values, renamed): (Vec<String>, Vec<&proc_macro2::Ident>) = e
        .values
        .iter()
        .zip(idents)
        .filter_map(|(v, ident)| Some((literal_text(v.old_wire.as_ref()?), ident)))
        .unzip();
    let as_str_unknown = e.open.then(|| quote!(Self::Unknown(v) => v.as_str(),));
    let (from_wire, parse) = if e.open {
        (
            quote! {
                /// The variant written as `value` (`Unknown` for a value the contract does not list).
                pub fn from_wire(value: &str) -> Self {
                    match value {
                        #(#values => Self::#idents,)*
                        #(#old_values => Self::#renamed,)*
                        other => Self::Unknown(::std::borrow::ToOwned::to_owned(other)),
                    }
                }
            },
            quote!(|v| Some(Self::from_wire(v))),
        )
    } else {
        (
            quote! {
                /// The variant written as `value` (`None` for a value the contract does not list).
                pub fn from_wire(value: &str) -> Option<Self> {
                    Some(match value {
                        #(#values => Self::#idents,)*
                        #(#old_values => Self::#renamed,)*
                        _ => return None,
                    })
                }
            },
            quote!(Self::from_wire),
        )
    };
    let expecting = format!("a {} value", name);
    quote! {
        impl #name {
            /// The wire value.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#idents => #values,)*
                    #as_str_unknown
                }
            }

            #from_wire
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                rt::string_enum(deserializer, #expecting, &[#(#values),*], #parse)
            }
        }
    }
}

fn int_enum_impls(
    name: &proc_macro2::Ident,
    e: &EnumType,
    idents: &[proc_macro2::Ident],
) -> TokenStream {
    let values: Vec<Literal> = e
        .values
        .iter()
        .map(|v| match &v.value {
            EnumLiteral::Int(i) => Literal::i64_suffixed(*i),
            EnumLiteral::Str(_) => Literal::i64_suffixed(0),
        })
        .collect();
    let value_unknown = e.open.then(|| quote!(Self::Unknown(v) => *v,));
    let fallback = if e.open {
        quote!(other => #name::Unknown(other),)
    } else {
        let expected = format!(
            "one of {}",
            e.values
                .iter()
                .map(|v| v.value.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
        quote!(other => return Err(::serde::de::Error::invalid_value(::serde::de::Unexpected::Signed(other), &#expected)),)
    };
    let expecting = format!("a {} value (integer)", name);
    quote! {
        impl #name {
            /// The wire value.
            pub fn value(&self) -> i64 {
                match self {
                    #(Self::#idents => #values,)*
                    #value_unknown
                }
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct EnumVisitor;
                impl<'de> ::serde::de::Visitor<'de> for EnumVisitor {
                    type Value = #name;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_i64<E: ::serde::de::Error>(self, v: i64) -> Result<#name, E> {
                        Ok(match v {
                            #(#values => #name::#idents,)*
                            #fallback
                        })
                    }
                    fn visit_u64<E: ::serde::de::Error>(self, v: u64) -> Result<#name, E> {
                        match i64::try_from(v) {
                            Ok(v) => self.visit_i64(v),
                            Err(_) => Err(::serde::de::Error::invalid_value(::serde::de::Unexpected::Unsigned(v), &self)),
                        }
                    }
                }
                deserializer.deserialize_i64(EnumVisitor)
            }
        }
    }
}

fn union(ctx: &Ctx<'_>, t: &TypeDef, u: &UnionType, docs: TokenStream) -> TokenStream {
    let name = ctx.type_ident(&t.id);
    let mut ns = names::Namespace::default();
    let idents: Vec<_> = u
        .variants
        .iter()
        .map(|v| names::ident(&ns.claim(&names::type_text(&v.ident))))
        .collect();
    let derive = derives(ctx, &t.id, &[]);
    let variant_defs = u.variants.iter().zip(&idents).map(|(v, ident)| {
        let ty = ctx.type_ident(&v.ty);
        let boxed = ctx.needs_box(&t.id, &TypeRef::Named(v.ty.clone()));
        let ty = if boxed { quote!(Box<#ty>) } else { quote!(#ty) };
        let how = match (&v.tag, &v.when) {
            (Some(tag), _) => format!("Tag value {}.", names::code_span(tag)),
            (None, Some(w)) => format!("Chosen when {}.", w.describe()),
            (None, None) => "Never chosen by shape (no condition).".to_owned(),
        };
        let doc = names::doc_attrs(&how);
        quote!(#doc #ident(#ty),)
    });
    let (ser, de) = match &u.discrimination {
        Discrimination::Tag(tag) => tagged_union_impls(ctx, t, u, &idents, tag),
        Discrimination::Fields => shape_union_impls(ctx, t, u, &idents),
    };
    ctx.use_helper("WireStr");
    let checks = ctx.rules.has(&t.id).then(|| {
        let checked: Vec<&Ident> = u
            .variants
            .iter()
            .zip(&idents)
            .filter(|(v, _)| ctx.rules.has(&v.ty))
            .map(|(_, ident)| ident)
            .collect();
        let body = match checked.as_slice() {
            // One variant with rules among others: no match of one arm and a wildcard.
            [ident] if checked.len() < u.variants.len() => {
                quote!(if let Self::#ident(v) = self { v.check(c) })
            }
            _ => {
                let rest = (checked.len() < u.variants.len()).then(|| quote!(_ => {}));
                quote!(match self { #(Self::#checked(v) => v.check(c),)* #rest })
            }
        };
        check_impl(&name, body)
    });
    let items = quote! {
        #docs
        #derive
        #[allow(clippy::large_enum_variant)]
        pub enum #name { #(#variant_defs)* }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                #ser
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            /// Peeks at the keys of the raw object, then decodes the one variant that fits.
            /// Needs a deserializer that lends its input (`serde_json::from_str`/`from_slice`).
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let raw = <&'de ::serde_json::value::RawValue as ::serde::Deserialize<'de>>::deserialize(deserializer)?;
                #de
            }
        }
    };
    quote!(#items #checks)
}

/// Decodes the variant type from the raw text, mapping errors into `D::Error`.
fn decode_variant(
    ctx: &Ctx<'_>,
    owner: &TypeId,
    union_name: &proc_macro2::Ident,
    v: &Variant,
    ident: &proc_macro2::Ident,
) -> TokenStream {
    let ty = ctx.type_ident(&v.ty);
    let wrap = if ctx.needs_box(owner, &TypeRef::Named(v.ty.clone())) {
        quote!(|v| #union_name::#ident(Box::new(v)))
    } else {
        quote!(#union_name::#ident)
    };
    let context = format!("{} variant {}: ", owner.as_str(), v.ident);
    quote! {
        ::serde_json::from_str::<#ty>(raw.get())
            .map(#wrap)
            .map_err(|e| ::serde::de::Error::custom(::core::format_args!("{}{}", #context, e)))
    }
}

fn shape_union_impls(
    ctx: &Ctx<'_>,
    t: &TypeDef,
    u: &UnionType,
    idents: &[proc_macro2::Ident],
) -> (TokenStream, TokenStream) {
    let name = ctx.type_ident(&t.id);
    let ser_arms = idents
        .iter()
        .map(|i| quote!(Self::#i(v) => ::serde::Serialize::serialize(v, serializer),));
    let ser = quote! { match self { #(#ser_arms)* } };
    let mut keys: Vec<&str> = Vec::new();
    for w in u.variants.iter().filter_map(|v| v.when.as_ref()) {
        for k in w.any_present.iter().chain(&w.all_present).chain(&w.absent) {
            if !keys.contains(&k.as_str()) {
                keys.push(k);
            }
        }
    }
    let n = keys.len();
    let key_arms = keys
        .iter()
        .enumerate()
        .map(|(i, k)| quote!(#k => Some(#i),));
    // With no key to look for, a key is read and dropped (a `match` with
    // only a wildcard arm is a clippy warning).
    let scan_key = if keys.is_empty() {
        quote! {
            <::serde::de::IgnoredAny as ::serde::Deserialize<'de>>::deserialize(deserializer)?;
            Ok(ScanKey(None))
        }
    } else {
        quote! {
            let key = <rt::WireStr<'de> as ::serde::Deserialize<'de>>::deserialize(deserializer)?;
            Ok(ScanKey(match &*key.0 { #(#key_arms)* _ => None }))
        }
    };
    let has = |k: &String| {
        let i = keys.iter().position(|x| x == k).unwrap_or(0);
        quote!(seen[#i])
    };
    let branches = u.variants.iter().zip(idents).filter_map(|(v, ident)| {
        let w = v.when.as_ref()?;
        let any: Vec<_> = w.any_present.iter().map(has).collect();
        let all: Vec<_> = w.all_present.iter().map(has).collect();
        let absent: Vec<_> = w.absent.iter().map(has).collect();
        let mut conds: Vec<TokenStream> = Vec::new();
        match any.len() {
            0 => {}
            1 => conds.push(any[0].clone()),
            _ if all.is_empty() && absent.is_empty() => conds.push(quote!(#(#any)||*)),
            _ => conds.push(quote!((#(#any)||*))),
        }
        conds.extend(all);
        conds.extend(absent.into_iter().map(|a| quote!(!#a)));
        if conds.is_empty() {
            conds.push(quote!(true));
        }
        let decode = decode_variant(ctx, &t.id, &name, v, ident);
        Some(quote! {
            if #(#conds)&&* {
                return #decode;
            }
        })
    });
    let no_match = format!(
        "matches no variant of `{}`: {}",
        t.id.as_str(),
        u.detection_summary()
    );
    let de = quote! {
        struct Seen([bool; #n]);
        impl<'de> ::serde::Deserialize<'de> for Seen {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct ScanKey(Option<usize>);
                impl<'de> ::serde::Deserialize<'de> for ScanKey {
                    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                        #scan_key
                    }
                }
                struct ScanVisitor;
                impl<'de> ::serde::de::Visitor<'de> for ScanVisitor {
                    type Value = Seen;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str("an object")
                    }
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Seen, A::Error> {
                        let mut seen = [false; #n];
                        while let Some(key) = map.next_key::<ScanKey>()? {
                            if let Some(i) = key.0 {
                                seen[i] = true;
                            }
                            map.next_value::<::serde::de::IgnoredAny>()?;
                        }
                        Ok(Seen(seen))
                    }
                }
                deserializer.deserialize_map(ScanVisitor)
            }
        }
        let seen = ::serde_json::from_str::<Seen>(raw.get()).map_err(::serde::de::Error::custom)?.0;
        #(#branches)*
        let _ = seen;
        Err(::serde::de::Error::custom(#no_match))
    };
    (ser, de)
}

fn tagged_union_impls(
    ctx: &Ctx<'_>,
    t: &TypeDef,
    u: &UnionType,
    idents: &[proc_macro2::Ident],
    tag: &str,
) -> (TokenStream, TokenStream) {
    let name = ctx.type_ident(&t.id);
    let ser_arms = u.variants.iter().zip(idents).map(|(v, i)| {
        let value = v.tag.clone().unwrap_or_default();
        let has_tag_field = match ctx.c.type_def(&v.ty).map(|t| &t.kind) {
            Some(TypeKind::Object(o)) => o.field(tag).is_some(),
            _ => false,
        };
        if has_tag_field {
            quote!(Self::#i(v) => ::serde::Serialize::serialize(v, serializer),)
        } else {
            quote!(Self::#i(v) => v.serialize_keyed(serializer, Some((#tag, #value))),)
        }
    });
    let ser = quote! {
        match self { #(#ser_arms)* }
    };
    let tags: Vec<String> = u.variants.iter().filter_map(|v| v.tag.clone()).collect();
    let arms = u.variants.iter().zip(idents).filter_map(|(v, ident)| {
        let value = v.tag.as_deref()?;
        let decode = decode_variant(ctx, &t.id, &name, v, ident);
        Some(quote!(#value => #decode,))
    });
    let missing = format!("missing the tag `{tag}` of `{}`", t.id.as_str());
    let unknown = format!(
        "is not a tag of `{}` (expected one of: {})",
        t.id.as_str(),
        tags.join(", ")
    );
    let de = quote! {
        struct Tag<'de>(Option<rt::WireStr<'de>>);
        impl<'de> ::serde::Deserialize<'de> for Tag<'de> {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct TagVisitor;
                impl<'de> ::serde::de::Visitor<'de> for TagVisitor {
                    type Value = Tag<'de>;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str("an object")
                    }
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Tag<'de>, A::Error> {
                        let mut tag = None;
                        while let Some(key) = map.next_key::<rt::WireStr<'de>>()? {
                            if tag.is_none() && &*key.0 == #tag {
                                tag = Some(map.next_value::<rt::WireStr<'de>>()?);
                            } else {
                                map.next_value::<::serde::de::IgnoredAny>()?;
                            }
                        }
                        Ok(Tag(tag))
                    }
                }
                deserializer.deserialize_map(TagVisitor)
            }
        }
        let tag = ::serde_json::from_str::<Tag<'de>>(raw.get()).map_err(::serde::de::Error::custom)?.0;
        let tag = match tag {
            Some(tag) => tag,
            None => return Err(::serde::de::Error::custom(#missing)),
        };
        match &*tag.0 {
            #(#arms)*
            other => Err(::serde::de::Error::custom(::core::format_args!("`{}` {}", other, #unknown))),
        }
    };
    (ser, de)
}
