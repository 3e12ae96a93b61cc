//! Object types.
//!
//! An object derives `Serialize` and `Deserialize` as
//! `#[serde(remote = "Self")]`, with field attributes for wire keys and for
//! optional, nullable and tri-state fields (helpers in `rt`), and
//! `deny_unknown_fields` where the contract refuses undeclared keys. Its
//! `Deserialize` impl runs the derived reader through `rt::MapOnly`, so it
//! reads a map only (the derived reader alone also takes an array, by
//! position, which no other reader of the contract does). Two kinds of
//! object need more than serde's attributes express:
//! - a field read from several keys (`renamed_from`, `aliases`) or an
//!   object that is a tagged-union variant without a field for the tag: the
//!   derive is `#[serde(remote = "Self")]` and the `Deserialize` impl runs it
//!   through the `rt::ReadKeys` deserializer, which hands the derived reader
//!   each field under its own key (the first key in contract order present
//!   wins: canonical name, old name, aliases; so a message carrying both keys
//!   is not a duplicate) and skips the union's tag entry;
//! - a field written under two keys (`renamed_from`) or a tagged-union
//!   variant (the union's tag entry comes first): the same remote derive,
//!   and the `Serialize` impl runs it through the `rt::Keys` serializer,
//!   which adds the old keys and the tag entry.

use super::checks::{check_impl, field_check};
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
    /// Its text, as claimed (before the keyword rules).
    text: String,
    /// Full field type (`T`, `Option<T>` or `Maybe<T>`).
    ty: TokenStream,
    /// Holds raw JSON that must not be `null`.
    json_not_null: bool,
    /// The marker type of a required `const` field.
    fixed: Option<Ident>,
}

fn plans<'a>(ctx: &Ctx<'_>, owner: &TypeId, o: &'a ObjectType) -> Vec<FieldPlan<'a>> {
    let mut ns = names::Namespace::default();
    o.fields
        .iter()
        .map(|f| {
            let boxed = ctx.needs_box(owner, &f.ty);
            let text = ns.claim(&names::field_text(&f.ident));
            let fixed = ctx.const_type(owner, f).cloned();
            FieldPlan {
                f,
                ident: names::ident(&text),
                text,
                ty: match &fixed {
                    Some(marker) => quote!(#marker),
                    None => ctx.field_type(f, &f.ty, boxed),
                },
                json_not_null: matches!(f.ty, TypeRef::Json) && !f.nullable,
                fixed,
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
        .c
        .graph
        .variant_tags(&t.id)
        .is_some_and(|keys| keys.iter().any(|k| o.field(k).is_none()));
    let keyed = tagged_variant || plans.iter().any(|p| p.f.renamed_from.is_some());
    let read_keys = !tag_keys.is_empty() || plans.iter().any(|p| p.f.read_keys().nth(1).is_some());
    let derive = derives(
        ctx,
        &t.id,
        &[quote!(::serde::Serialize), quote!(::serde::Deserialize)],
    );
    let remote = quote!(#[serde(remote = "Self")]);
    let deny = (!o.additional).then(|| quote!(#[serde(deny_unknown_fields)]));
    let fields = plans.iter().map(|p| {
        let attrs = serde_attrs(ctx, p, true, true);
        let FieldPlan { ident, ty, .. } = p;
        let docs = field_docs(p.f);
        quote! { #docs #attrs pub #ident: #ty, }
    });
    let ser = if keyed {
        keyed_serialize(ctx, &name, &plans, tagged_variant)
    } else {
        forwarded_serialize(&name)
    };
    let de = if read_keys {
        read_keys_deserialize(ctx, &name, &plans, &tag_keys)
    } else {
        map_only_deserialize(ctx, &name)
    };
    let checks = ctx.rules.has(&t.id).then(|| {
        let body = plans.iter().filter_map(|p| {
            let ident = &p.ident;
            field_check(ctx, p.f, quote!(self.#ident), p.f.optional, p.f.nullable)
        });
        check_impl(&name, quote!(#(#body)*))
    });
    let markers = plans
        .iter()
        .filter_map(|p| Some(const_marker(ctx, &name, p, p.fixed.as_ref()?)));
    quote! {
        #docs
        #derive
        #remote
        #deny
        pub struct #name { #(#fields)* }
        #ser
        #de
        #checks
        #(#markers)*
    }
}

/// The marker type of a required `const` field: a unit struct (the field
/// holds nothing the caller could get wrong) that writes the constant and
/// refuses any other value when read.
fn const_marker(ctx: &Ctx<'_>, owner: &Ident, p: &FieldPlan<'_>, marker: &Ident) -> TokenStream {
    ctx.use_helper("constant");
    ctx.use_helper("write_constant");
    ctx.use_helper("same_json");
    let json =
        p.f.constant
            .as_ref()
            .map(|v| v.to_string())
            .unwrap_or_default();
    let doc = format!(
        " The `{}` field of [`{owner}`]: always `{json}`, written by the encoder and checked by the decoder.",
        p.f.name
    );
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        pub struct #marker;
        impl #marker {
            /// The constant, as JSON text.
            pub const JSON: &'static str = #json;
        }
        impl ::serde::Serialize for #marker {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                rt::write_constant(serializer, Self::JSON)
            }
        }
        impl<'de> ::serde::Deserialize<'de> for #marker {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                rt::constant(deserializer, Self::JSON).map(|()| #marker)
            }
        }
    }
}

/// A field's doc comment: description, wire key, old key and aliases.
fn field_docs(f: &Field) -> TokenStream {
    let mut extra = vec![format!("Wire key {}.", names::code_span(&f.name))];
    if let Some(old) = f.old_key() {
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
    let rename = ((ser || de) && wire_name_differs(&p.text, key)).then(|| quote!(rename = #key));
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
    if p.fixed.is_some() {
        return items;
    }
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
fn wire_name_differs(text: &str, key: &str) -> bool {
    names::spelled(text) != key
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
    ctx.c
        .graph
        .variant_tags(id)
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
        let old = p.f.old_key()?;
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

/// `Deserialize` for a struct whose derive is `#[serde(remote = "Self")]`:
/// the derived reader, from a map only.
fn map_only_deserialize(ctx: &Ctx<'_>, name: &Ident) -> TokenStream {
    ctx.use_helper("MapOnly");
    quote! {
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #name::deserialize(rt::MapOnly(deserializer))
            }
        }
    }
}

/// `Serialize` for a struct whose derive is `#[serde(remote = "Self")]`
/// that writes nothing but its fields.
fn forwarded_serialize(name: &Ident) -> TokenStream {
    quote! {
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                #name::serialize(self, serializer)
            }
        }
    }
}

/// `Deserialize` for a struct derived with `#[serde(remote = "Self")]` whose
/// fields are read from several keys or which skips a tag key: the derived
/// reader runs through `rt::ReadKeys`, which hands it each field under its
/// own key, from the first of its keys in contract order that is present.
fn read_keys_deserialize(
    ctx: &Ctx<'_>,
    name: &Ident,
    plans: &[FieldPlan<'_>],
    tag_keys: &[String],
) -> TokenStream {
    ctx.use_helper("ReadKeys");
    ctx.use_helper("held_error");
    ctx.use_helper("WireStr");
    let keys = plans.iter().filter_map(|p| {
        let mut keys = p.f.read_keys();
        let own = keys.next()?;
        let others: Vec<&str> = keys.collect();
        (!others.is_empty()).then(|| quote!((#own, &[#(#others),*])))
    });
    quote! {
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #name::deserialize(rt::ReadKeys { inner: deserializer, keys: &[#(#keys),*], skip: &[#(#tag_keys),*] })
            }
        }
    }
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

/// A `Key` enum with a borrowed-`str` identifier visitor (no allocation per key).
/// Each variant stands for one field and carries the rank of the key read
/// among that field's keys.
pub fn key_enum(
    variants: &[&proc_macro2::Ident],
    arms: &[TokenStream],
    fallback: &TokenStream,
    with_other: bool,
) -> TokenStream {
    let other = with_other.then(|| quote!(Other));
    quote! {
        enum Key { #(#variants(u8),)* #other }
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
