//! The envelope side of a module: name constants, the `Event` trait, one type
//! per event, `AnyEvent`, `Message` with its constructor and codec, and the
//! `decode`/`encode` functions.
//!
//! `Message` decoding reads envelope keys through a borrowed-key visitor
//! (aliases accepted, unknown keys skipped, a key given twice refused). When
//! the discriminator has a single key and comes before the payload, and the
//! contract has no compression, the payload is decoded in the same pass
//! through a seed that already knows the event; otherwise it is kept as
//! `&RawValue` and decoded once the event (and the compression flag) are
//! known. Nothing is buffered into `serde_json::Value`.
//!
//! One file per construct: `wire_names` (constants), `events` (per-event
//! types, `AnyEvent`), `message` (`Message` and its constructor), `encode`,
//! `decode`, `payload` (the per-event payload codec) and `validate`
//! (`Message::validate`, the value rules).

mod decode;
mod encode;
mod events;
mod message;
mod payload;
mod validate;
mod wire_names;

use decode::message_deserialize;
use encode::message_serialize;
use events::any_event;
pub use events::event_types;
use message::message_struct;
use payload::payload_codec;
use validate::message_validate;
use wire_names::constants;
pub use wire_names::priority_enum;

use super::context::{Ctx, MessageField};
use super::lists::{Kind, Lists};
use super::names;
use super::object::{key_enum, write_field};
use super::types::{deprecated_attr, docs_and_deprecation};
use crate::model::*;
use indexmap::IndexMap;
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};
use std::collections::BTreeSet;

/// Builds one message-level group of items; lists that grow with the
/// contract are made through [`Lists`], so that they can be formatted a run
/// at a time.
pub type Group = fn(&Ctx<'_>, &Lists) -> TokenStream;

/// The message-level item groups before the per-event types, in output
/// order. Each group is built (and formatted) on its own so only one group's
/// tokens are alive at a time, and groups can be formatted on parallel threads.
pub const GROUPS_BEFORE_EVENTS: &[Group] = &[constants];

/// The message-level item groups after the per-event types, in output order.
pub const GROUPS_AFTER_EVENTS: &[Group] = &[
    any_event,
    message_struct,
    message_serialize,
    message_deserialize,
    payload_codec,
    message_validate,
];

/// The envelope shape of an event and its payload field, if any.
fn shape_of<'c>(c: &'c Contract, e: &Event) -> (&'c Envelope, Option<&'c Field>) {
    let env = c.envelope_of(e);
    (env, env.payload_field())
}

fn payload_type(e: &Event) -> TypeRef {
    e.payload.clone().unwrap_or(TypeRef::Json)
}

/// The payload field of the default envelope (what `Unknown` carries).
fn default_payload(c: &Contract) -> Option<&Field> {
    c.default_envelope().payload_field()
}

/// `(optional, nullable)` of a field as stored on `Message`.
fn message_rules(m: &MessageField<'_>) -> (bool, bool) {
    (m.field.optional || !m.always_required, m.field.nullable)
}

fn message_field_type(ctx: &Ctx<'_>, m: &MessageField<'_>) -> TokenStream {
    let (optional, nullable) = message_rules(m);
    let f = Field {
        optional,
        nullable,
        ..m.field.clone()
    };
    ctx.field_type(&f, &m.field.ty, false)
}

/// Whether `Message::new` fills the field itself.
fn filled(m: &MessageField<'_>) -> bool {
    let (optional, _) = message_rules(m);
    optional || m.field.derived.is_some() || m.field.default_from.is_some()
}

/// Index of each envelope shape in `Contract::envelopes`, and of the default one.
fn shape_index(c: &Contract, env: &Envelope) -> usize {
    c.envelopes.get_index_of(&env.name).unwrap_or(0)
}

/// `let shape: usize = …` computed from `event_expr`, or nothing for one-shape contracts.
fn shape_binding(ctx: &Ctx<'_>, event_expr: TokenStream) -> TokenStream {
    if ctx.c.envelopes.len() < 2 {
        return TokenStream::new();
    }
    let default = shape_index(ctx.c, ctx.c.default_envelope());
    let arms: Vec<TokenStream> = ctx
        .c
        .events
        .values()
        .filter_map(|e| {
            let idx = shape_index(ctx.c, ctx.c.envelope_of(e));
            (idx != default).then(|| {
                let v = &ctx.event(e).variant;
                quote!(AnyEvent::#v(_) => #idx,)
            })
        })
        .collect();
    if arms.is_empty() {
        // No event uses another shape (a `match` with only a wildcard arm
        // is a clippy warning).
        return quote!(let shape: usize = #default;);
    }
    quote! {
        let shape: usize = match #event_expr {
            #(#arms)*
            _ => #default,
        };
    }
}

/// Tokens for a constant JSON value.
fn const_tokens(v: &serde_json::Value) -> TokenStream {
    match v {
        serde_json::Value::Null => quote!(()),
        serde_json::Value::Bool(b) => quote!(#b),
        serde_json::Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                let l = Literal::i64_suffixed(i);
                quote!(#l)
            } else if let Some(u) = n.as_u64() {
                let l = Literal::u64_suffixed(u);
                quote!(#l)
            } else {
                let l = Literal::f64_suffixed(n.as_f64().unwrap_or_default());
                quote!(#l)
            }
        }
        serde_json::Value::String(s) => quote!(#s),
        other => {
            let text = other.to_string();
            quote!(::serde_json::value::RawValue::from_string(::std::borrow::ToOwned::to_owned(#text))
                .map_err(::serde::ser::Error::custom)?)
        }
    }
}

/// When a check applies, by envelope shape.
enum When {
    Never,
    Always,
    If(TokenStream),
}

/// Whether the current `shape` is one of `shapes`.
fn shape_condition(ctx: &Ctx<'_>, shapes: &[usize]) -> When {
    if shapes.is_empty() {
        When::Never
    } else if shapes.len() >= ctx.c.envelopes.len() {
        When::Always
    } else {
        When::If(quote!(matches!(shape, #(#shapes)|*)))
    }
}

/// `if <when> && <test> { <then> }`.
fn guarded(when: &When, test: TokenStream, then: TokenStream) -> TokenStream {
    match when {
        When::Never => TokenStream::new(),
        When::Always => quote!(if #test { #then }),
        When::If(cond) => quote!(if #cond && #test { #then }),
    }
}
