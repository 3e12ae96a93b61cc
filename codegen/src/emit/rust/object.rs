//! Object types.
//!
//! An object derives `Serialize` and `Deserialize`, with field attributes for
//! wire keys and for optional, nullable and tri-state fields (helpers in
//! `rt`), and `deny_unknown_fields` where the contract refuses undeclared
//! keys. Two kinds of object need more than serde's attributes express:
//! - a field read from several keys (`renamed_from`, `aliases`): the object
//!   decodes through a private derived twin with one slot per key, then
//!   merges the slots (the first key in contract order wins: canonical name,
//!   old name, aliases), so a message carrying both keys is not a duplicate;
//! - a field written under two keys (`renamed_from`) or an object that is a
//!   tagged-union variant (the union's tag entry comes first): the derive is
//!   `#[serde(remote = "Self")]` and the `Serialize` impl runs it through the
//!   `rt::Keys` serializer, which adds the old keys and the tag entry; on
//!   read the twin tolerates the tag key.

use super::context::Ctx;
use super::names;
use super::types::{derives, docs_and_deprecation};
use crate::model::*;
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// How one object field is named and typed.
struct FieldPlan<'a> {
    f: &'a Field,
    /// Identifier on the public struct.
    ident: Ident,
    /// Full field type (`T`, `Option<T>` or `Maybe<T>`).
    ty: TokenStream,
    /// Value type without the optional/nullable wrapper (boxed when recursive).
    inner: TokenStream,
    /// Holds raw JSON that must not be `null`.
    json_not_null: bool,
}

fn plans<'a>(ctx: &Ctx<'_>, owner: &TypeId, o: &'a ObjectType) -> Vec<FieldPlan<'a>> {
    let mut ns = names::Namespace::default();
    o.fields
        .iter()
        .map(|f| {
            let boxed = ctx.needs_box(owner, &f.ty);
            let inner = ctx.rust_type(&f.ty);
            let inner = if boxed { quote!(Box<#inner>) } else { inner };
            FieldPlan {
                f,
                ident: names::ident(&ns.claim(&names::field_text(&f.ident))),
                ty: ctx.field_type(f, &f.ty, boxed),
                inner,
                json_not_null: matches!(f.ty, TypeRef::Json) && !f.nullable,
            }
        })
        .collect()
}

/// The items of an object type.
pub fn object(ctx: &Ctx<'_>, t: &TypeDef, o: &ObjectType, docs: TokenStream) -> TokenStream {
    let name = ctx.type_ident(&t.id);
    let plans = plans(ctx, &t.id, o);
    let tag_keys = tolerated_tag_keys(ctx, &t.id, o);
    // A variant whose union writes the tag entry itself (no field has the tag's name).
    let tagged_variant = ctx
        .tag_keys
        .get(&t.id)
        .is_some_and(|keys| keys.iter().any(|k| o.field(k).is_none()));
    let keyed = tagged_variant || plans.iter().any(|p| p.f.renamed_from.is_some());
    let derive_de = tag_keys.is_empty() && plans.iter().all(|p| p.f.read_keys().nth(1).is_none());
    let serde_derives: Vec<TokenStream> = std::iter::once(quote!(::serde::Serialize))
        .chain(derive_de.then(|| quote!(::serde::Deserialize)))
        .collect();
    let derive = derives(ctx, &t.id, &serde_derives);
    let remote = keyed.then(|| quote!(#[serde(remote = "Self")]));
    let deny = (derive_de && !o.additional).then(|| quote!(#[serde(deny_unknown_fields)]));
    let fields = plans.iter().map(|p| {
        let attrs = serde_attrs(ctx, p, true, derive_de);
        let FieldPlan { ident, ty, .. } = p;
        let docs = field_docs(p.f);
        quote! { #docs #attrs pub #ident: #ty, }
    });
    let ser = keyed.then(|| keyed_serialize(ctx, &name, &plans, tagged_variant));
    let de = if !derive_de {
        Some(twin_deserialize(ctx, &name, o, &plans, &tag_keys))
    } else {
        keyed.then(|| forwarded_deserialize(&name))
    };
    quote! {
        #docs
        #derive
        #remote
        #deny
        pub struct #name { #(#fields)* }
        #ser
        #de
    }
}

/// A field's doc comment: description, wire key, old key and aliases.
fn field_docs(f: &Field) -> TokenStream {
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
    docs_and_deprecation("", &f.docs, &extra)
}

/// The `#[serde(...)]` attribute of a field of a derived struct, for writing and/or reading.
fn serde_attrs(ctx: &Ctx<'_>, p: &FieldPlan<'_>, ser: bool, de: bool) -> Option<TokenStream> {
    let key = p.f.name.as_str();
    let rename = ((ser || de) && wire_name_differs(&p.ident, key)).then(|| quote!(rename = #key));
    let items: Vec<TokenStream> = rename
        .into_iter()
        .chain(semantic_attrs(ctx, p, ser, de))
        .collect();
    (!items.is_empty()).then(|| quote!(#[serde(#(#items),*)]))
}

/// Attribute items keeping optional, nullable and tri-state fields apart.
fn semantic_attrs(ctx: &Ctx<'_>, p: &FieldPlan<'_>, ser: bool, de: bool) -> Vec<TokenStream> {
    let read_with = |helper: &'static str| {
        ctx.use_helper(helper);
        let path = format!("rt::{helper}");
        quote!(deserialize_with = #path)
    };
    let mut items = Vec::new();
    match (p.f.optional, p.f.nullable) {
        (false, false) => items.extend((de && p.json_not_null).then(|| read_with("json"))),
        (false, true) => items.extend(de.then(|| read_with("nullable"))),
        (true, false) => {
            items.extend(de.then(|| quote!(default)));
            items.extend(ser.then(|| quote!(skip_serializing_if = "Option::is_none")));
            items.extend(de.then(|| read_with(present_helper(ctx, p))));
        }
        (true, true) => {
            items.extend(de.then(|| quote!(default)));
            items.extend(ser.then(|| quote!(skip_serializing_if = "Maybe::is_absent")));
        }
    }
    items
}

/// Whether serde would spell the field's identifier differently from its wire key.
fn wire_name_differs(ident: &Ident, key: &str) -> bool {
    names::unraw(ident) != key
}

/// The `rt` helper reading a key that may be absent but is not `null` when
/// present, recorded as used (with `json`, which `present_json` calls).
fn present_helper(ctx: &Ctx<'_>, p: &FieldPlan<'_>) -> &'static str {
    if p.json_not_null {
        ctx.use_helper("json");
        "present_json"
    } else {
        "present"
    }
}

/// Tag keys a tagged-union variant must accept although it declares no such field.
fn tolerated_tag_keys(ctx: &Ctx<'_>, id: &TypeId, o: &ObjectType) -> Vec<String> {
    ctx.tag_keys
        .get(id)
        .map(|keys| {
            keys.iter()
                .filter(|k| {
                    !o.fields
                        .iter()
                        .any(|f| f.read_keys().any(|r| r == k.as_str()))
                })
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

/// `Serialize` for a struct derived with `#[serde(remote = "Self")]`: the
/// derived writer runs through `rt::Keys`, which adds each renamed field's old
/// key and, for a tagged-union variant without a field of its own for the
/// tag, the union's tag entry first.
fn keyed_serialize(
    ctx: &Ctx<'_>,
    name: &Ident,
    plans: &[FieldPlan<'_>],
    tagged_variant: bool,
) -> TokenStream {
    ctx.use_helper("Keys");
    let renamed = plans.iter().filter_map(|p| {
        let old = p.f.renamed_from.as_deref()?;
        let new = p.f.name.as_str();
        Some(quote!((#new, #old)))
    });
    let renamed = quote!(&[#(#renamed),*]);
    if !tagged_variant {
        return quote! {
            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    #name::serialize(self, rt::Keys { inner: serializer, tag: None, renamed: #renamed })
                }
            }
        };
    }
    quote! {
        impl #name {
            /// Writes the fields, after `tag` when it is given (the entry naming this variant in a tagged union).
            fn serialize_keyed<S: ::serde::Serializer>(&self, serializer: S, tag: Option<(&'static str, &'static str)>) -> Result<S::Ok, S::Error> {
                #name::serialize(self, rt::Keys { inner: serializer, tag, renamed: #renamed })
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                self.serialize_keyed(serializer, None)
            }
        }
    }
}

/// `Deserialize` for a struct whose derive is `#[serde(remote = "Self")]`.
fn forwarded_deserialize(name: &Ident) -> TokenStream {
    quote! {
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #name::deserialize(deserializer)
            }
        }
    }
}

/// A `Deserialize` through a private derived twin with one slot per wire key.
fn twin_deserialize(
    ctx: &Ctx<'_>,
    name: &Ident,
    o: &ObjectType,
    plans: &[FieldPlan<'_>],
    tag_keys: &[String],
) -> TokenStream {
    let mut ns = names::Namespace::default();
    for p in plans {
        ns.claim(&names::unraw(&p.ident));
    }
    let mut slots: Vec<TokenStream> = Vec::new();
    let mut bindings: Vec<Ident> = Vec::new();
    let mut fields: Vec<TokenStream> = Vec::new();
    for p in plans {
        let ident = &p.ident;
        let keys: Vec<&str> = p.f.read_keys().collect();
        if keys.len() == 1 {
            let attrs = serde_attrs(ctx, p, false, true);
            let ty = &p.ty;
            slots.push(quote!(#attrs #ident: #ty,));
            bindings.push(ident.clone());
            fields.push(quote!(#ident,));
        } else {
            let idents: Vec<Ident> = (0..keys.len())
                .map(|j| names::ident(&ns.claim(&format!("{}_{j}", names::unraw(ident)))))
                .collect();
            slots.extend(multi_key_slots(ctx, p, &keys, &idents));
            let merged = merge_slots(ctx, p, &idents);
            bindings.extend(idents);
            fields.push(quote!(#ident: #merged,));
        }
    }
    let rest = (!tag_keys.is_empty()).then(|| quote!(..));
    for (j, key) in tag_keys.iter().enumerate() {
        let slot = names::ident(&ns.claim(&format!("tag_{j}")));
        slots.push(quote! {
            #[serde(rename = #key, default)]
            #[allow(dead_code)]
            #slot: Option<::serde::de::IgnoredAny>,
        });
    }
    let deny = (!o.additional).then(|| quote!(#[serde(deny_unknown_fields)]));
    let shown = name.to_string();
    quote! {
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #[derive(::serde::Deserialize)]
                #[serde(rename = #shown)]
                #deny
                struct __Wire { #(#slots)* }
                let __Wire { #(#bindings,)* #rest } = <__Wire as ::serde::Deserialize<'de>>::deserialize(deserializer)?;
                Ok(#name { #(#fields)* })
            }
        }
    }
}

/// Slots of a field read from several keys, one per key (absent unless present).
fn multi_key_slots(
    ctx: &Ctx<'_>,
    p: &FieldPlan<'_>,
    keys: &[&str],
    idents: &[Ident],
) -> Vec<TokenStream> {
    let tri_state = p.f.optional && p.f.nullable;
    let slot_ty = if tri_state {
        p.ty.clone()
    } else if p.f.optional {
        let inner = &p.inner;
        quote!(Option<#inner>)
    } else {
        let ty = &p.ty;
        quote!(Option<#ty>)
    };
    let read = (!tri_state).then(|| {
        let present = present_helper(ctx, p);
        ctx.use_helper(present);
        let path = format!("rt::{present}");
        quote!(, deserialize_with = #path)
    });
    keys.iter()
        .zip(idents)
        .map(|(key, slot)| quote!(#[serde(rename = #key, default #read)] #slot: #slot_ty,))
        .collect()
}

/// The first slot present wins; a required field missing under every key is an error.
fn merge_slots(ctx: &Ctx<'_>, p: &FieldPlan<'_>, idents: &[Ident]) -> TokenStream {
    let first = &idents[0];
    let rest = &idents[1..];
    let merged = quote!(#first #(.or(#rest))*);
    if p.f.optional {
        return merged;
    }
    ctx.use_helper("required");
    let canonical = p.f.name.as_str();
    quote!(rt::required(#merged, #canonical)?)
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
            quote! { if let Some(v) = &#value { #e } }
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

/// An expression reading the next map value of a field (null refused unless nullable).
pub fn read_value(f: &Field, ty: &TypeRef, inner: &TokenStream, boxed: bool) -> TokenStream {
    let key = f.name.as_str();
    let not_null = format!("`{key}` must not be null");
    let read_inner = if matches!(ty, TypeRef::Json) && !boxed {
        quote! {{
            let v: #inner = map.next_value()?;
            if v.get() == "null" {
                return Err(::serde::de::Error::custom(#not_null));
            }
            v
        }}
    } else {
        quote!(map.next_value::<#inner>()?)
    };
    match (f.optional, f.nullable) {
        (_, false) => read_inner,
        (false, true) => quote!(map.next_value::<Option<#inner>>()?),
        (true, true) => quote! {
            match map.next_value::<Option<#inner>>()? {
                Some(v) => Maybe::Value(v),
                None => Maybe::Null,
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
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct KeyVisitor;
                impl<'de> ::serde::de::Visitor<'de> for KeyVisitor {
                    type Value = Key;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str("a field name")
                    }
                    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> Result<Key, E> {
                        Ok(match v {
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
