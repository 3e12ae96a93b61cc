//! Payload and named types: objects, enums, unions and aliases.
//!
//! Objects get a hand-written `Serialize` (dual-key renames write both keys)
//! and `Deserialize` (a map visitor over borrowed keys: aliases and old names
//! are read, unknown keys skipped or refused, optional, nullable and tri-state
//! fields kept apart). Unions peek at the keys of the raw object before
//! decoding the one variant that fits.

use super::context::Ctx;
use super::names;
use crate::model::*;
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

/// The items of one named or hoisted type.
pub fn emit_type(ctx: &Ctx<'_>, t: &TypeDef) -> TokenStream {
    let docs = type_docs(t);
    match &t.kind {
        TypeKind::Object(o) => object(ctx, t, o, docs),
        TypeKind::Enum(e) => enumeration(ctx, t, e, docs),
        TypeKind::Union(u) => union(ctx, t, u, docs),
        TypeKind::Alias(r) => {
            let name = ctx.type_ident(&t.id);
            let ty = ctx.rust_type(r);
            quote! { #docs pub type #name = #ty; }
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
    let deprecated = docs.deprecated.as_ref().map(|d| {
        let note = names::doc_lines(&d.note()).join(" ");
        quote!(#[deprecated(note = #note)])
    });
    quote! { #doc #deprecated }
}

fn type_docs(t: &TypeDef) -> TokenStream {
    let origin = match &t.origin {
        Origin::Declared => format!("Contract type {}.", names::code_span(t.id.as_str())),
        Origin::Inline(at) => format!("Inline type of {}.", names::code_span(at)),
    };
    docs_and_deprecation("", &t.docs, &[origin])
}

/// `Debug, Clone` plus `PartialEq` when the type holds no raw JSON.
fn derives(ctx: &Ctx<'_>, id: &TypeId) -> TokenStream {
    if ctx.comparable_def(id) {
        quote!(#[derive(Debug, Clone, PartialEq)])
    } else {
        quote!(#[derive(Debug, Clone)])
    }
}

/// How one object field is read and written.
struct FieldPlan<'a> {
    f: &'a Field,
    ident: proc_macro2::Ident,
    slot: proc_macro2::Ident,
    key_variant: proc_macro2::Ident,
    ty: TokenStream,
    inner: TokenStream,
    boxed: bool,
}

fn plans<'a>(ctx: &Ctx<'_>, owner: &TypeId, o: &'a ObjectType) -> Vec<FieldPlan<'a>> {
    let mut ns = names::Namespace::default();
    o.fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let boxed = ctx.needs_box(owner, &f.ty);
            let inner = ctx.rust_type(&f.ty);
            let inner = if boxed {
                quote!(::std::boxed::Box<#inner>)
            } else {
                inner
            };
            FieldPlan {
                f,
                ident: names::ident(&ns.claim(&names::field_text(&f.ident))),
                slot: format_ident!("f{}", i),
                key_variant: format_ident!("F{}", i),
                ty: ctx.field_type(f, &f.ty, boxed),
                inner,
                boxed,
            }
        })
        .collect()
}

fn object(ctx: &Ctx<'_>, t: &TypeDef, o: &ObjectType, docs: TokenStream) -> TokenStream {
    let name = ctx.type_ident(&t.id);
    let plans = plans(ctx, &t.id, o);
    let derive = derives(ctx, &t.id);
    let fields = plans.iter().map(|p| {
        let FieldPlan { f, ident, ty, .. } = p;
        let mut extra = vec![format!("Wire key {}.", names::code_span(&f.name))];
        if let Some(old) = &f.renamed_from {
            extra.push(format!(
                "Renamed from {}: written under both keys, read from either.",
                names::code_span(old)
            ));
        }
        if !f.aliases.is_empty() {
            let list: Vec<String> = f.aliases.iter().map(|a| names::code_span(a)).collect();
            extra.push(format!("Also read from {}.", list.join(", ")));
        }
        let docs = docs_and_deprecation("", &f.docs, &extra);
        quote! { #docs pub #ident: #ty, }
    });
    let write = object_write(&plans);
    let read = object_read(ctx, &name, &t.id, o, &plans);
    let expecting = format!("an object of type {}", t.id.as_str());
    quote! {
        #docs
        #derive
        pub struct #name { #(#fields)* }

        #[allow(deprecated)]
        impl #name {
            fn write_fields<M: ::serde::ser::SerializeMap>(&self, map: &mut M) -> ::core::result::Result<(), M::Error> {
                #write
                ::core::result::Result::Ok(())
            }
        }

        #[allow(deprecated)]
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(::core::option::Option::None)?;
                self.write_fields(&mut map)?;
                map.end()
            }
        }

        #[allow(deprecated)]
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                struct ObjectVisitor;
                impl<'de> ::serde::de::Visitor<'de> for ObjectVisitor {
                    type Value = #name;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::core::result::Result<#name, A::Error> {
                        #read
                    }
                }
                deserializer.deserialize_map(ObjectVisitor)
            }
        }
    }
}

/// Statements writing each field into `map` (both keys for renamed fields).
fn object_write(plans: &[FieldPlan<'_>]) -> TokenStream {
    if plans.is_empty() {
        return quote!(let _ = map;);
    }
    plans
        .iter()
        .map(|p| {
            let keys: Vec<&str> = std::iter::once(p.f.name.as_str())
                .chain(p.f.renamed_from.as_deref())
                .collect();
            let ident = &p.ident;
            write_field(p.f, &keys, &quote!(self.#ident), &quote!(map))
        })
        .collect::<TokenStream>()
}

/// Writes a field value expression under each of `keys`, honouring optional/nullable.
pub fn write_field(
    f: &Field,
    keys: &[&str],
    value: &TokenStream,
    map: &TokenStream,
) -> TokenStream {
    let entries = |v: TokenStream| {
        let stmts = keys.iter().map(|k| quote!(#map.serialize_entry(#k, #v)?;));
        quote!(#(#stmts)*)
    };
    match (f.optional, f.nullable) {
        (false, _) => entries(quote!(&#value)),
        (true, false) => {
            let e = entries(quote!(v));
            quote! { if let ::core::option::Option::Some(v) = &#value { #e } }
        }
        (true, true) => {
            let value_entries = entries(quote!(v));
            let null_entries = entries(quote!(&()));
            quote! {
                match &#value {
                    Maybe::Absent => {}
                    Maybe::Null => { #null_entries }
                    Maybe::Value(v) => { #value_entries }
                }
            }
        }
    }
}

/// The body of an object's `visit_map`.
fn object_read(
    ctx: &Ctx<'_>,
    name: &proc_macro2::Ident,
    id: &TypeId,
    o: &ObjectType,
    plans: &[FieldPlan<'_>],
) -> TokenStream {
    let variants: Vec<_> = plans.iter().map(|p| &p.key_variant).collect();
    let arms = plans.iter().map(|p| {
        let keys: Vec<&str> = p.f.read_keys().collect();
        let v = &p.key_variant;
        quote!(#(#keys)|* => Key::#v,)
    });
    let tolerated: Vec<String> = ctx
        .tag_keys
        .get(id)
        .map(|s| {
            s.iter()
                .filter(|k| {
                    !o.fields
                        .iter()
                        .any(|f| f.read_keys().any(|r| r == k.as_str()))
                })
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    let fallback = if o.additional {
        quote!(_ => Key::Other,)
    } else {
        let known: Vec<String> = o
            .fields
            .iter()
            .flat_map(|f| f.read_keys().map(str::to_owned))
            .chain(tolerated.iter().cloned())
            .collect();
        let tolerated = (!tolerated.is_empty()).then(|| quote!(#(#tolerated)|* => Key::Other,));
        quote! {
            #tolerated
            other => return ::core::result::Result::Err(::serde::de::Error::unknown_field(other, &[#(#known),*])),
        }
    };
    let with_other = o.additional || !tolerated.is_empty();
    let key_enum = key_enum(&variants, &arms.collect::<Vec<_>>(), &fallback, with_other);
    let other_arm =
        with_other.then(|| quote!(Key::Other => { map.next_value::<::serde::de::IgnoredAny>()?; }));
    let slots = plans.iter().map(|p| {
        let slot = &p.slot;
        let ty = slot_type(p);
        quote!(let mut #slot: #ty = ::core::option::Option::None;)
    });
    let read_arms = plans.iter().map(|p| {
        let v = &p.key_variant;
        let slot = &p.slot;
        let value = read_value(p.f, &p.f.ty, &p.inner, p.boxed);
        quote! {
            Key::#v => {
                if #slot.is_some() {
                    map.next_value::<::serde::de::IgnoredAny>()?;
                } else {
                    #slot = ::core::option::Option::Some(#value);
                }
            }
        }
    });
    let finish = plans.iter().map(|p| {
        let FieldPlan { f, ident, slot, .. } = p;
        let key = f.name.as_str();
        let value = match (f.optional, f.nullable) {
            (false, _) => quote! {
                match #slot {
                    ::core::option::Option::Some(v) => v,
                    ::core::option::Option::None => return ::core::result::Result::Err(::serde::de::Error::missing_field(#key)),
                }
            },
            (true, false) => quote!(#slot),
            (true, true) => quote!(#slot.unwrap_or(Maybe::Absent)),
        };
        quote!(#ident: #value,)
    });
    quote! {
        #key_enum
        #(#slots)*
        while let ::core::option::Option::Some(key) = map.next_key::<Key>()? {
            match key {
                #(#read_arms)*
                #other_arm
            }
        }
        ::core::result::Result::Ok(#name { #(#finish)* })
    }
}

/// What a field's slot holds while reading: the decoded value, `Option<T>` for
/// nullable fields, `Maybe<T>` for tri-state ones.
fn slot_type(p: &FieldPlan<'_>) -> TokenStream {
    let inner = &p.inner;
    let value = match (p.f.optional, p.f.nullable) {
        (true, true) => quote!(Maybe<#inner>),
        (_, true) => quote!(::core::option::Option<#inner>),
        _ => inner.clone(),
    };
    quote!(::core::option::Option<#value>)
}

/// An expression reading the next map value of a field (null refused unless nullable).
pub fn read_value(f: &Field, ty: &TypeRef, inner: &TokenStream, boxed: bool) -> TokenStream {
    let key = f.name.as_str();
    let not_null = format!("`{key}` must not be null");
    let read_inner = if matches!(ty, TypeRef::Json) && !boxed {
        quote! {{
            let v: #inner = map.next_value()?;
            if v.get() == "null" {
                return ::core::result::Result::Err(::serde::de::Error::custom(#not_null));
            }
            v
        }}
    } else {
        quote!(map.next_value::<#inner>()?)
    };
    match (f.optional, f.nullable) {
        (_, false) => read_inner,
        (false, true) => quote!(map.next_value::<::core::option::Option<#inner>>()?),
        (true, true) => quote! {
            match map.next_value::<::core::option::Option<#inner>>()? {
                ::core::option::Option::Some(v) => Maybe::Value(v),
                ::core::option::Option::None => Maybe::Null,
            }
        },
    }
}

/// A `Key` enum with a borrowed-`str` identifier visitor (no allocation per key).
pub fn key_enum(
    variants: &[&proc_macro2::Ident],
    arms: &[TokenStream],
    fallback: &TokenStream,
    with_other: bool,
) -> TokenStream {
    let other = with_other.then(|| quote!(Other));
    quote! {
        enum Key { #(#variants,)* #other }
        impl<'de> ::serde::Deserialize<'de> for Key {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                struct KeyVisitor;
                impl<'de> ::serde::de::Visitor<'de> for KeyVisitor {
                    type Value = Key;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str("a field name")
                    }
                    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> ::core::result::Result<Key, E> {
                        ::core::result::Result::Ok(match v {
                            #(#arms)*
                            #fallback
                        })
                    }
                }
                deserializer.deserialize_identifier(KeyVisitor)
            }
        }
    }
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
        let docs = docs_and_deprecation("", &v.docs, &[wire]);
        quote!(#docs #ident,)
    });
    let unknown_def = match e.repr {
        EnumRepr::String => quote!(::std::string::String),
        EnumRepr::Integer => quote!(i64),
    };
    let unknown = e.open.then(|| {
        quote! {
            /// A value this contract does not list (the enum is open); kept as written.
            Unknown(#unknown_def),
        }
    });
    let derive = if e.open {
        quote!(#[derive(Debug, Clone, PartialEq, Eq, Hash)])
    } else {
        quote!(#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)])
    };
    let body = match e.repr {
        EnumRepr::String => string_enum_impls(&name, e, &idents),
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
    e.values
        .iter()
        .map(|v| match &v.value {
            EnumLiteral::Str(s) => s.clone(),
            EnumLiteral::Int(i) => i.to_string(),
        })
        .collect()
}

fn string_enum_impls(
    name: &proc_macro2::Ident,
    e: &EnumType,
    idents: &[proc_macro2::Ident],
) -> TokenStream {
    let values = string_values(e);
    let as_str_unknown = e.open.then(|| quote!(Self::Unknown(v) => v.as_str(),));
    let fallback = if e.open {
        quote!(other => #name::Unknown(::std::borrow::ToOwned::to_owned(other)),)
    } else {
        quote!(other => return ::core::result::Result::Err(::serde::de::Error::unknown_variant(other, &[#(#values),*])),)
    };
    let expecting = format!("a {} value", name);
    quote! {
        #[allow(deprecated)]
        impl #name {
            /// The wire value.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#idents => #values,)*
                    #as_str_unknown
                }
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        #[allow(deprecated)]
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                struct EnumVisitor;
                impl<'de> ::serde::de::Visitor<'de> for EnumVisitor {
                    type Value = #name;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> ::core::result::Result<#name, E> {
                        ::core::result::Result::Ok(match v {
                            #(#values => #name::#idents,)*
                            #fallback
                        })
                    }
                }
                deserializer.deserialize_str(EnumVisitor)
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
        quote!(other => return ::core::result::Result::Err(::serde::de::Error::invalid_value(::serde::de::Unexpected::Signed(other), &#expected)),)
    };
    let expecting = format!("a {} value (integer)", name);
    quote! {
        #[allow(deprecated)]
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
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }

        #[allow(deprecated)]
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                struct EnumVisitor;
                impl<'de> ::serde::de::Visitor<'de> for EnumVisitor {
                    type Value = #name;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_i64<E: ::serde::de::Error>(self, v: i64) -> ::core::result::Result<#name, E> {
                        ::core::result::Result::Ok(match v {
                            #(#values => #name::#idents,)*
                            #fallback
                        })
                    }
                    fn visit_u64<E: ::serde::de::Error>(self, v: u64) -> ::core::result::Result<#name, E> {
                        match i64::try_from(v) {
                            ::core::result::Result::Ok(v) => self.visit_i64(v),
                            ::core::result::Result::Err(_) => ::core::result::Result::Err(::serde::de::Error::invalid_value(::serde::de::Unexpected::Unsigned(v), &self)),
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
    let derive = derives(ctx, &t.id);
    let variant_defs = u.variants.iter().zip(&idents).map(|(v, ident)| {
        let ty = ctx.type_ident(&v.ty);
        let boxed = ctx.needs_box(&t.id, &TypeRef::Named(v.ty.clone()));
        let ty = if boxed {
            quote!(::std::boxed::Box<#ty>)
        } else {
            quote!(#ty)
        };
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
    quote! {
        #docs
        #derive
        #[allow(clippy::large_enum_variant)]
        pub enum #name { #(#variant_defs)* }

        #[allow(deprecated)]
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                #ser
            }
        }

        #[allow(deprecated)]
        impl<'de> ::serde::Deserialize<'de> for #name {
            /// Peeks at the keys of the raw object, then decodes the one variant that fits.
            /// Needs a deserializer that lends its input (`serde_json::from_str`/`from_slice`).
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                let raw = <&'de ::serde_json::value::RawValue as ::serde::Deserialize<'de>>::deserialize(deserializer)?;
                #de
            }
        }
    }
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
        quote!(|v| #union_name::#ident(::std::boxed::Box::new(v)))
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
        .map(|(i, k)| quote!(#k => ::core::option::Option::Some(#i),));
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
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                struct ScanKey(::core::option::Option<usize>);
                impl<'de> ::serde::Deserialize<'de> for ScanKey {
                    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                        let key = <rt::WireStr<'de> as ::serde::Deserialize<'de>>::deserialize(deserializer)?;
                        ::core::result::Result::Ok(ScanKey(match &*key.0 { #(#key_arms)* _ => ::core::option::Option::None }))
                    }
                }
                struct ScanVisitor;
                impl<'de> ::serde::de::Visitor<'de> for ScanVisitor {
                    type Value = Seen;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str("an object")
                    }
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::core::result::Result<Seen, A::Error> {
                        let mut seen = [false; #n];
                        while let ::core::option::Option::Some(key) = map.next_key::<ScanKey>()? {
                            if let ::core::option::Option::Some(i) = key.0 {
                                seen[i] = true;
                            }
                            map.next_value::<::serde::de::IgnoredAny>()?;
                        }
                        ::core::result::Result::Ok(Seen(seen))
                    }
                }
                deserializer.deserialize_map(ScanVisitor)
            }
        }
        let seen = ::serde_json::from_str::<Seen>(raw.get()).map_err(::serde::de::Error::custom)?.0;
        #(#branches)*
        let _ = seen;
        ::core::result::Result::Err(::serde::de::Error::custom(#no_match))
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
        let tag_entry = (!has_tag_field).then(|| quote!(map.serialize_entry(#tag, #value)?;));
        quote!(Self::#i(v) => { #tag_entry v.write_fields(&mut map)?; })
    });
    let ser = quote! {
        use ::serde::ser::SerializeMap as _;
        let mut map = serializer.serialize_map(::core::option::Option::None)?;
        match self { #(#ser_arms)* }
        map.end()
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
        struct Tag<'de>(::core::option::Option<rt::WireStr<'de>>);
        impl<'de> ::serde::Deserialize<'de> for Tag<'de> {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                struct TagVisitor;
                impl<'de> ::serde::de::Visitor<'de> for TagVisitor {
                    type Value = Tag<'de>;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str("an object")
                    }
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::core::result::Result<Tag<'de>, A::Error> {
                        let mut tag = ::core::option::Option::None;
                        while let ::core::option::Option::Some(key) = map.next_key::<rt::WireStr<'de>>()? {
                            if tag.is_none() && &*key.0 == #tag {
                                tag = ::core::option::Option::Some(map.next_value::<rt::WireStr<'de>>()?);
                            } else {
                                map.next_value::<::serde::de::IgnoredAny>()?;
                            }
                        }
                        ::core::result::Result::Ok(Tag(tag))
                    }
                }
                deserializer.deserialize_map(TagVisitor)
            }
        }
        let tag = ::serde_json::from_str::<Tag<'de>>(raw.get()).map_err(::serde::de::Error::custom)?.0;
        let tag = match tag {
            ::core::option::Option::Some(tag) => tag,
            ::core::option::Option::None => return ::core::result::Result::Err(::serde::de::Error::custom(#missing)),
        };
        match &*tag.0 {
            #(#arms)*
            other => ::core::result::Result::Err(::serde::de::Error::custom(::core::format_args!("`{}` {}", other, #unknown))),
        }
    };
    (ser, de)
}
