//! The envelope side of a module: name constants, the `Event` trait, one type
//! per event, `AnyEvent`, `Message` with its constructor and codec, and the
//! `decode`/`encode` functions.
//!
//! `Message` decoding reads envelope keys through a borrowed-key visitor
//! (aliases accepted, unknown keys skipped). When the discriminator comes
//! before the payload and the contract has no compression, the payload is
//! decoded in the same pass through a seed that already knows the event;
//! otherwise it is kept as `&RawValue` and decoded once the event (and the
//! compression flag) are known. Nothing is buffered into `serde_json::Value`.

use super::context::{Ctx, MessageField};
use super::names;
use super::object::{key_enum, write_field};
use super::types::docs_and_deprecation;
use crate::model::*;
use indexmap::IndexMap;
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};
use std::collections::BTreeSet;

/// The message-level item groups before the per-event types, in output
/// order. Each group is built (and formatted) on its own so only one group's
/// tokens are alive at a time, and groups can be formatted on parallel threads.
pub const GROUPS_BEFORE_EVENTS: &[fn(&Ctx<'_>) -> TokenStream] = &[constants];

/// The message-level item groups after the per-event types, in output order.
pub const GROUPS_AFTER_EVENTS: &[fn(&Ctx<'_>) -> TokenStream] = &[
    any_event,
    message_struct,
    message_serialize,
    message_deserialize,
    payload_codec,
];

/// The `Priority` enum of a contract's named priority levels.
pub fn priority_enum(p: &Priorities) -> TokenStream {
    let idents: Vec<Ident> = p
        .levels
        .iter()
        .map(|l| names::ident(&names::type_text(&l.name)))
        .collect();
    let values: Vec<Literal> = p
        .levels
        .iter()
        .map(|l| Literal::i64_suffixed(l.value))
        .collect();
    let docs = p
        .levels
        .iter()
        .map(|l| format!(" Level {} (`{}`).", names::code_span(&l.name), l.value));
    let default = p.default.as_ref().map(|d| {
        let ident = names::ident(&names::type_text(&d.name));
        quote! {
            /// The level events get when they name none.
            pub const DEFAULT: Priority = Priority::#ident;
        }
    });
    quote! {
        /// Named priority levels; written as their integer value.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Priority { #( #[doc = #docs] #idents, )* }

        impl Priority {
            #default

            /// The integer written on the wire.
            pub const fn value(self) -> i64 {
                match self { #(Priority::#idents => #values,)* }
            }

            /// The level with this value, if any.
            pub const fn from_value(value: i64) -> Option<Priority> {
                match value {
                    #(#values => Some(Priority::#idents),)*
                    _ => None,
                }
            }
        }

        impl ::serde::Serialize for Priority {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for Priority {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <i64 as ::serde::Deserialize<'de>>::deserialize(deserializer)?;
                Priority::from_value(value).ok_or_else(|| {
                    ::serde::de::Error::invalid_value(::serde::de::Unexpected::Signed(value), &"a priority level")
                })
            }
        }
    }
}

fn constants(ctx: &Ctx<'_>) -> TokenStream {
    let events = ctx.c.events.values().map(|e| {
        let n = ctx.event(e);
        let constant = &n.constant;
        let wire = &e.name;
        let doc = format!(" Wire name of {}.", names::code_span(&e.name));
        let legacy = n.legacy.iter().map(|l| {
            let note = format!("use {constant}");
            quote! {
                #[doc = " Legacy name of the constant."]
                #[deprecated(note = #note)]
                pub const #l: &str = #constant;
            }
        });
        quote! {
            #[doc = #doc]
            pub const #constant: &str = #wire;
            #(#legacy)*
        }
    });
    let channels = ctx.c.channels.values().map(|ch| {
        let constant = &ctx.channels[&ch.name];
        let address = &ch.full_address;
        let docs = docs_and_deprecation(
            "",
            &ch.docs,
            &[format!("Address {}.", names::code_span(address))],
        );
        quote! { #docs pub const #constant: &str = #address; }
    });
    quote! {
        /// Wire names of the events.
        pub mod events {
            #(#events)*
        }

        /// Channel addresses (templates keep their `{param}` placeholders).
        pub mod channels {
            #(#channels)*
        }
    }
}

/// The envelope shape of an event and its payload field, if any.
fn shape_of<'c>(c: &'c Contract, e: &Event) -> (&'c Envelope, Option<&'c Field>) {
    let env = c.envelope_of(e);
    (env, env.payload_field())
}

fn payload_type(e: &Event) -> TypeRef {
    e.payload.clone().unwrap_or(TypeRef::Json)
}

/// The per-event types of the events at `range` (IR order).
pub fn event_types(ctx: &Ctx<'_>, range: std::ops::Range<usize>) -> TokenStream {
    range
        .filter_map(|index| ctx.c.events.get_index(index))
        .map(|(_, e)| event_type(ctx, e))
        .collect()
}

fn event_type(ctx: &Ctx<'_>, e: &Event) -> TokenStream {
    let n = ctx.event(e);
    let ty = &n.ty;
    let variant = &n.variant;
    let constant = &n.constant;
    let (env, payload) = shape_of(ctx.c, e);
    let mut extra = vec![format!("Wire name {}.", names::code_span(&e.name))];
    if !e.aliases.is_empty() {
        let list: Vec<String> = e.aliases.iter().map(|a| names::code_span(a)).collect();
        extra.push(format!("Also accepted on read: {}.", list.join(", ")));
    }
    if env.name != DEFAULT_ENVELOPE {
        extra.push(format!("Envelope shape {}.", names::code_span(&env.name)));
    }
    let docs = docs_and_deprecation("", &e.docs, &extra);
    let def = match payload {
        None => quote! {
            #docs
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
            pub struct #ty;
        },
        Some(pf) => {
            let pt = payload_type(e);
            let inner = ctx.field_type(pf, &pt, false);
            let derive = if ctx.comparable(&pt) {
                quote!(#[derive(Debug, Clone, PartialEq)])
            } else {
                quote!(#[derive(Debug, Clone)])
            };
            quote! {
                #docs
                #derive
                pub struct #ty(pub #inner);

                impl From<#inner> for #ty {
                    fn from(payload: #inner) -> Self {
                        #ty(payload)
                    }
                }
            }
        }
    };
    let aliases = (!e.aliases.is_empty()).then(|| {
        let aliases = &e.aliases;
        quote!(const ALIASES: &'static [&'static str] = &[#(#aliases),*];)
    });
    let channel = ctx.c.channel_of(e).map(|ch| {
        let c = &ctx.channels[&ch.name];
        quote!(const CHANNEL: Option<&'static str> = Some(channels::#c);)
    });
    let direction = match e.direction {
        Direction::ClientToServer => Some(quote!(Direction::ClientToServer)),
        Direction::ServerToClient => Some(quote!(Direction::ServerToClient)),
        Direction::Both => None,
    }
    .map(|d| quote!(const DIRECTION: Direction = #d;));
    let category = e
        .category
        .as_deref()
        .map(|c| quote!(const CATEGORY: Option<&'static str> = Some(#c);));
    let priority = e.priority.as_ref().map(|p| {
        let v = Literal::i64_suffixed(p.value);
        quote!(const PRIORITY: Option<i64> = Some(#v);)
    });
    quote! {
        #def

        impl Event for #ty {
            const NAME: &'static str = events::#constant;
            #aliases
            #channel
            #direction
            #category
            #priority
        }

        impl From<#ty> for AnyEvent {
            fn from(event: #ty) -> Self {
                AnyEvent::#variant(event)
            }
        }
    }
}

/// The payload field of the default envelope (what `Unknown` carries).
fn default_payload(c: &Contract) -> Option<&Field> {
    c.default_envelope().payload_field()
}

fn unknown_payload_type(c: &Contract) -> TokenStream {
    let raw = quote!(Box<::serde_json::value::RawValue>);
    match default_payload(c) {
        Some(f) if f.optional => quote!(Option<#raw>),
        _ => raw,
    }
}

fn any_event(ctx: &Ctx<'_>) -> TokenStream {
    let variants = ctx.c.events.values().map(|e| {
        let n = ctx.event(e);
        let (v, ty) = (&n.variant, &n.ty);
        let doc = format!(" Event {}.", names::code_span(&e.name));
        let deprecated = e.docs.deprecated.as_ref().map(|d| {
            let note = names::doc_lines(&d.note()).join(" ");
            quote!(#[deprecated(note = #note)])
        });
        quote!(#[doc = #doc] #deprecated #v(#ty),)
    });
    let unknown_payload = unknown_payload_type(ctx.c);
    let (name_arms, meta_arms): (Vec<TokenStream>, Vec<TokenStream>) = ctx
        .c
        .events
        .values()
        .map(|e| {
            let n = ctx.event(e);
            let (v, ty) = (&n.variant, &n.ty);
            (
                quote!(AnyEvent::#v(_) => <#ty as Event>::NAME,),
                quote!(AnyEvent::#v(_) => EventMeta::of::<#ty>(),),
            )
        })
        .unzip();
    quote! {
        /// Every event of this contract, plus the ones it does not declare.
        ///
        /// Payloads are stored inline (no `Box`), so decoding allocates nothing for the enum.
        #[derive(Debug, Clone)]
        #[allow(clippy::large_enum_variant)]
        pub enum AnyEvent {
            #(#variants)*
            /// An event this contract does not declare, kept with its raw payload.
            Unknown {
                /// The wire name as received.
                event: String,
                /// The payload as received.
                payload: #unknown_payload,
            },
        }

        /// What the `Event` trait declares about one event.
        #[derive(Clone, Copy)]
        struct EventMeta {
            channel: Option<&'static str>,
            direction: Direction,
            category: Option<&'static str>,
            priority: Option<i64>,
        }

        impl EventMeta {
            /// What an event this contract does not declare is taken to be.
            const UNKNOWN: EventMeta = EventMeta { channel: None, direction: Direction::Both, category: None, priority: None };

            /// The declarations of the event type `E`.
            fn of<E: Event>() -> Self {
                EventMeta { channel: E::CHANNEL, direction: E::DIRECTION, category: E::CATEGORY, priority: E::PRIORITY }
            }
        }

        impl AnyEvent {
            /// The canonical wire name (as received for `Unknown`).
            pub fn name(&self) -> &str {
                match self { #(#name_arms)* AnyEvent::Unknown { event, .. } => event.as_str() }
            }

            /// The declarations of this event's type.
            fn meta(&self) -> EventMeta {
                match self { #(#meta_arms)* AnyEvent::Unknown { .. } => EventMeta::UNKNOWN }
            }

            /// The channel address the event is bound to.
            pub fn channel(&self) -> Option<&'static str> {
                self.meta().channel
            }

            /// The direction of the event.
            pub fn direction(&self) -> Direction {
                self.meta().direction
            }

            /// The category of the event.
            pub fn category(&self) -> Option<&'static str> {
                self.meta().category
            }

            /// The priority of the event.
            pub fn priority(&self) -> Option<i64> {
                self.meta().priority
            }
        }
    }
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

/// `decode_strict`: `decode` plus the contract's unknown-event policy.
fn decode_strict(c: &Contract) -> TokenStream {
    if c.compatibility.unknown_events {
        return quote! {
            /// Decodes one message from JSON text; this contract allows unknown
            /// events, so this is [`decode`].
            pub fn decode_strict(json: &str) -> Result<Message, ::serde_json::Error> {
                decode(json)
            }
        };
    }
    let names: Vec<&str> = c.events.values().flat_map(|e| e.wire_names()).collect();
    let expected = names.join(", ");
    quote! {
        /// Decodes one message from JSON text and refuses events this contract does
        /// not declare, as its compatibility policy says (`unknown_events: deny`).
        pub fn decode_strict(json: &str) -> Result<Message, ::serde_json::Error> {
            let message = decode(json)?;
            if let AnyEvent::Unknown { event, .. } = &message.event {
                return Err(<::serde_json::Error as ::serde::de::Error>::custom(
                    ::std::format!("unknown event `{}`, expected one of: {}", event, #expected),
                ));
            }
            Ok(message)
        }
    }
}

fn message_struct(ctx: &Ctx<'_>) -> TokenStream {
    let c = ctx.c;
    let strict = decode_strict(c);
    let fields = ctx.message_fields.iter().map(|m| {
        let ident = &m.ident;
        let ty = message_field_type(ctx, m);
        let mut extra = vec![format!("Wire key {}.", names::code_span(&m.field.name))];
        let others: Vec<String> = m.field.read_keys().skip(1).map(names::code_span).collect();
        if !others.is_empty() {
            extra.push(format!("Also read from {}.", others.join(", ")));
        }
        if !m.always_required && !m.field.optional {
            extra.push(
                "Required by some envelope shapes only: set it for events of those shapes."
                    .to_owned(),
            );
        }
        let docs = docs_and_deprecation("", &m.field.docs, &extra);
        quote!(#docs pub #ident: #ty,)
    });
    let env = c.default_envelope();
    let event_doc = format!(
        " The event: discriminator {}{}.",
        names::code_span(&env.discriminator),
        env.payload
            .as_deref()
            .map(|p| format!(" and payload {}", names::code_span(p)))
            .unwrap_or_default()
    );
    let args: Vec<TokenStream> = ctx
        .message_fields
        .iter()
        .filter(|m| !filled(m))
        .map(|m| {
            let ident = &m.ident;
            let ty = message_field_type(ctx, m);
            quote!(#ident: impl ::core::convert::Into<#ty>)
        })
        .collect();
    let inits = ctx.message_fields.iter().map(|m| {
        let ident = &m.ident;
        let value = if filled(m) {
            fill_value(ctx, m)
        } else {
            quote!(#ident.into())
        };
        quote!(#ident: #value,)
    });
    let title = c.title.as_deref().unwrap_or(&c.name);
    let struct_doc = format!(
        " A message of {}: envelope fields and the event.",
        names::code_span(title)
    );
    quote! {
        #[doc = #struct_doc]
        #[derive(Debug, Clone)]
        pub struct Message {
            #(#fields)*
            #[doc = #event_doc]
            pub event: AnyEvent,
        }

        impl Message {
            /// Builds a message around an event. Derived fields (category, channel, event
            /// name) and default priorities are filled from the event, constants are written
            /// by the encoder, optional fields start absent; the remaining required fields
            /// (ids, timestamps in their wire encoding) are the arguments.
            pub fn new(#(#args,)* event: impl ::core::convert::Into<AnyEvent>) -> Self {
                let event = event.into();
                Message { #(#inits)* event }
            }
        }

        /// Decodes one message from JSON text. A tolerant reader: an event this
        /// contract does not know becomes [`AnyEvent::Unknown`], so a newer
        /// peer's events never fail this one.
        pub fn decode(json: &str) -> Result<Message, ::serde_json::Error> {
            ::serde_json::from_str(json)
        }

        #strict

        /// Encodes one message as JSON text.
        pub fn encode(message: &Message) -> Result<String, ::serde_json::Error> {
            ::serde_json::to_string(message)
        }
    }
}

/// The value `Message::new` gives a field it fills itself.
fn fill_value(ctx: &Ctx<'_>, m: &MessageField<'_>) -> TokenStream {
    let f = m.field;
    let source: Option<TokenStream> = match (f.derived, f.default_from) {
        (Some(Derived::Category), _) => Some(quote!(event
            .category()
            .map(::std::borrow::ToOwned::to_owned))),
        (Some(Derived::Event), _) => {
            Some(quote!(Some(::std::borrow::ToOwned::to_owned(event.name()))))
        }
        (Some(Derived::Channel), _) => Some(fixed_channel(ctx)),
        (None, Some(DefaultFrom::Priority)) => Some(match &f.ty {
            TypeRef::Integer(r) if r.width != IntWidth::I64 => {
                quote!(event
                    .priority()
                    .and_then(|p| ::core::convert::TryFrom::try_from(p).ok()))
            }
            _ => quote!(event.priority()),
        }),
        (None, None) => None,
    };
    let (optional, nullable) = message_rules(m);
    match (source, optional, nullable) {
        (None, true, true) => quote!(Maybe::Absent),
        (None, _, _) => quote!(None),
        (Some(s), false, false) => quote!(#s.unwrap_or_default()),
        (Some(s), true, true) => quote! {
            match #s {
                Some(v) => Maybe::Value(v),
                None => Maybe::Absent,
            }
        },
        (Some(s), _, _) => s,
    }
}

/// `Option<String>`: the address of the event's channel when it has no parameters.
fn fixed_channel(ctx: &Ctx<'_>) -> TokenStream {
    let arms = ctx.c.events.values().filter_map(|e| {
        let ch = ctx.c.channel_of(e)?;
        ch.fixed_address()?;
        let v = &ctx.event(e).variant;
        let constant = &ctx.channels[&ch.name];
        Some(
            quote!(AnyEvent::#v(_) => Some(::std::borrow::ToOwned::to_owned(channels::#constant)),),
        )
    });
    quote! {
        match &event {
            #(#arms)*
            _ => None,
        }
    }
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
    let arms = ctx.c.events.values().filter_map(|e| {
        let idx = shape_index(ctx.c, ctx.c.envelope_of(e));
        (idx != default).then(|| {
            let v = &ctx.event(e).variant;
            quote!(AnyEvent::#v(_) => #idx,)
        })
    });
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

fn message_serialize(ctx: &Ctx<'_>) -> TokenStream {
    let c = ctx.c;
    let compression = c.envelopes.values().find_map(|e| e.compression.as_ref());
    let prepare = compression.map(|cmp| {
        let threshold = Literal::usize_unsuffixed(cmp.threshold as usize);
        ctx.use_helper("deflate");
        quote! {
            let payload = payload_raw(&self.event).map_err(::serde::ser::Error::custom)?;
            let compressed = match &payload {
                Some(p) if p.get().len() > #threshold => {
                    Some(rt::deflate(p.get()).map_err(::serde::ser::Error::custom)?)
                }
                _ => None,
            };
        }
    });
    let shapes: Vec<TokenStream> = c
        .envelopes
        .values()
        .map(|env| serialize_shape(ctx, env, compression.is_some()))
        .collect();
    let body = if shapes.len() == 1 {
        shapes.into_iter().collect()
    } else {
        let binding = shape_binding(ctx, quote!(&self.event));
        let idx = 0..shapes.len();
        quote! {
            #binding
            match shape {
                #(#idx => { #shapes })*
                _ => {}
            }
        }
    };
    quote! {
        impl ::serde::Serialize for Message {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap as _;
                #prepare
                let mut map = serializer.serialize_map(None)?;
                #body
                map.end()
            }
        }
    }
}

fn serialize_shape(ctx: &Ctx<'_>, env: &Envelope, compressing: bool) -> TokenStream {
    let map = quote!(map);
    env.fields
        .iter()
        .map(|f| {
            let key = f.name.as_str();
            match env.role(f) {
                FieldRole::Discriminator => {
                    return quote!(map.serialize_entry(#key, self.event.name())?;)
                }
                FieldRole::Payload if compressing => {
                    return quote! {
                        match (&compressed, &payload) {
                            (Some(text), _) => map.serialize_entry(#key, text)?,
                            (None, Some(raw)) => map.serialize_entry(#key, raw)?,
                            (None, None) => {}
                        }
                    }
                }
                FieldRole::Payload => return quote!(write_payload(&self.event, #key, &mut map)?;),
                FieldRole::CompressionFlag if f.optional => {
                    return quote! {
                        if compressed.is_some() {
                            map.serialize_entry(#key, &true)?;
                        }
                    }
                }
                FieldRole::CompressionFlag => {
                    return quote!(map.serialize_entry(#key, &compressed.is_some())?;)
                }
                FieldRole::Constant => {
                    let value = f
                        .constant
                        .as_ref()
                        .map(const_tokens)
                        .unwrap_or_else(|| quote!(()));
                    return quote!(map.serialize_entry(#key, &#value)?;);
                }
                FieldRole::Derived(_) | FieldRole::Data => {}
            }
            let Some(m) = ctx.message_fields.iter().find(|m| m.field.name == f.name) else {
                return TokenStream::new();
            };
            let ident = &m.ident;
            let keys: Vec<&str> = std::iter::once(key)
                .chain(f.renamed_from.as_deref())
                .collect();
            let (optional, _) = message_rules(m);
            if optional && !f.optional {
                let missing = format!("`{key}` is required for this event's envelope shape");
                let shape_rules = Field {
                    optional: false,
                    ..f.clone()
                };
                let entries = keys.iter().map(|k| quote!(map.serialize_entry(#k, v)?;));
                let write = quote!(#(#entries)*);
                let inner = if f.nullable {
                    let null_write =
                        write_field(&shape_rules, &keys, &quote!(Option::<()>::None), &map);
                    quote! {
                        match &self.#ident {
                            Maybe::Value(v) => { #write }
                            Maybe::Null => { #null_write }
                            Maybe::Absent => return Err(::serde::ser::Error::custom(#missing)),
                        }
                    }
                } else {
                    quote! {
                        match &self.#ident {
                            Some(v) => { #write }
                            None => return Err(::serde::ser::Error::custom(#missing)),
                        }
                    }
                };
                return inner;
            }
            write_field(f, &keys, &quote!(self.#ident), &map)
        })
        .collect()
}

/// Slot variable and key variant of each decoded envelope key.
struct Keys<'c> {
    tag: Vec<String>,
    payload: Vec<String>,
    flag: Vec<String>,
    consts: Vec<(&'c Field, Vec<String>)>,
    fields: Vec<(&'c MessageField<'c>, Vec<String>)>,
}

fn envelope_keys<'c>(ctx: &'c Ctx<'c>) -> Keys<'c> {
    let mut used: BTreeSet<String> = BTreeSet::new();
    let mut claim = |keys: Vec<&str>| -> Vec<String> {
        keys.into_iter()
            .filter(|k| used.insert((*k).to_owned()))
            .map(str::to_owned)
            .collect()
    };
    let envs: Vec<&Envelope> = ctx.c.envelopes.values().collect();
    let tag = claim(
        envs.iter()
            .filter_map(|e| e.discriminator_field())
            .flat_map(|f| f.read_keys())
            .collect(),
    );
    let payload = claim(
        envs.iter()
            .filter_map(|e| e.payload_field())
            .flat_map(|f| f.read_keys())
            .collect(),
    );
    let flag = claim(
        envs.iter()
            .filter_map(|e| e.compression.as_ref().and_then(|c| e.field(&c.flag)))
            .flat_map(|f| f.read_keys())
            .collect(),
    );
    let mut consts = Vec::new();
    for e in &envs {
        for f in e.fields.iter().filter(|f| e.role(f) == FieldRole::Constant) {
            let keys = claim(f.read_keys().collect());
            if !keys.is_empty() {
                consts.push((f, keys));
            }
        }
    }
    let fields = ctx
        .message_fields
        .iter()
        .map(|m| (m, claim(m.field.read_keys().collect())))
        .collect();
    Keys {
        tag,
        payload,
        flag,
        consts,
        fields,
    }
}

fn message_deserialize(ctx: &Ctx<'_>) -> TokenStream {
    let c = ctx.c;
    let keys = envelope_keys(ctx);
    let compression = c.envelopes.values().any(|e| e.compression.is_some());
    let has_payload = !keys.payload.is_empty();
    // Each key names its field's variant and its rank among the field's keys.
    let mut variants: Vec<Ident> = Vec::new();
    let mut arms: Vec<TokenStream> = Vec::new();
    let mut add = |variant: Ident, keys: &[String]| {
        for (rank, key) in keys.iter().enumerate() {
            let rank = rank_literal(rank);
            arms.push(quote!(#key => Key::#variant(#rank),));
        }
        variants.push(variant);
    };
    add(format_ident!("Tag"), &keys.tag);
    if has_payload {
        add(format_ident!("Payload"), &keys.payload);
    }
    let with_flag = compression && !keys.flag.is_empty();
    if with_flag {
        add(format_ident!("Flag"), &keys.flag);
    }
    for (i, (_, k)) in keys.consts.iter().enumerate() {
        add(format_ident!("C{}", i), k);
    }
    for (i, (_, k)) in keys.fields.iter().enumerate() {
        if !k.is_empty() {
            add(format_ident!("F{}", i), k);
        }
    }
    let variant_refs: Vec<&Ident> = variants.iter().collect();
    let key_enum = key_enum(&variant_refs, &arms, &quote!(_ => Key::Other,), true);
    ctx.use_helper("WireStr");
    ctx.use_helper("Slot");
    ctx.use_helper("held_error");

    // The payload is decoded in place when the tag came before it and no
    // later key can change the tag (it has one key); otherwise, and when the
    // payload may be compressed, it is held as text and decoded at the end.
    let in_place = !compression && keys.tag.len() == 1;
    let payload_slot = has_payload.then(|| {
        let decoded = in_place.then(|| quote!(let mut decoded: Option<AnyEvent> = None;));
        quote! {
            let mut payload: rt::Slot<'de, &'de ::serde_json::value::RawValue> = rt::Slot::default();
            #decoded
        }
    });
    let flag_slot =
        with_flag.then(|| quote!(let mut flag: rt::Slot<'de, bool> = rt::Slot::default();));
    let const_slots = keys.consts.iter().enumerate().map(|(i, (f, _))| {
        let s = format_ident!("c{}", i);
        let ty = const_type(f);
        quote!(let mut #s: rt::Slot<'de, #ty> = rt::Slot::default();)
    });
    let field_slots = keys.fields.iter().enumerate().map(|(i, (m, _))| {
        let s = format_ident!("f{}", i);
        let inner = ctx.rust_type(&m.field.ty);
        let ty = match (m.field.optional, m.field.nullable) {
            (true, true) => quote!(Maybe<#inner>),
            (_, true) => quote!(Option<#inner>),
            _ => inner,
        };
        quote!(let mut #s: rt::Slot<'de, #ty> = rt::Slot::default();)
    });

    // Of several keys of one field, the most preferred the message holds
    // wins; a key given twice is refused.
    let tag_keys = &keys.tag;
    let mut read_arms: Vec<TokenStream> =
        vec![quote!(Key::Tag(r) => tag.read(&mut map, r, &[#(#tag_keys),*])?,)];
    let mut slots: Vec<Ident> = vec![format_ident!("tag")];
    if has_payload {
        let k = &keys.payload;
        read_arms.push(if in_place {
            quote! {
                Key::Payload(r) => match payload.take::<A::Error>(r, &[#(#k),*])? {
                    rt::Take::Read => match &tag.value {
                        Some(name) => decoded = Some(map.next_value_seed(EventSeed(&name.0))?),
                        None => payload.value = Some(map.next_value()?),
                    },
                    rt::Take::Hold => payload.hold(r, map.next_value()?),
                    rt::Take::Skip => {
                        map.next_value::<::serde::de::IgnoredAny>()?;
                    }
                },
            }
        } else {
            quote!(Key::Payload(r) => payload.read(&mut map, r, &[#(#k),*])?,)
        });
        slots.push(format_ident!("payload"));
    }
    if with_flag {
        let k = &keys.flag;
        read_arms.push(quote!(Key::Flag(r) => flag.read(&mut map, r, &[#(#k),*])?,));
        slots.push(format_ident!("flag"));
    }
    for (i, (_, k)) in keys.consts.iter().enumerate() {
        let v = format_ident!("C{}", i);
        let s = format_ident!("c{}", i);
        read_arms.push(quote!(Key::#v(r) => #s.read(&mut map, r, &[#(#k),*])?,));
        slots.push(s);
    }
    for (i, (_, k)) in keys.fields.iter().enumerate() {
        let s = format_ident!("f{}", i);
        if !k.is_empty() {
            let v = format_ident!("F{}", i);
            read_arms.push(quote!(Key::#v(r) => #s.read(&mut map, r, &[#(#k),*])?,));
        }
        slots.push(s);
    }
    let finish_slots = quote!(#(let #slots = #slots.finish::<A::Error>()?;)*);
    let value_checks: Vec<TokenStream> =
        keys.consts
            .iter()
            .enumerate()
            .map(|(i, (f, _))| const_value_check(f, &format_ident!("c{}", i)))
            .chain(
                keys.fields.iter().enumerate().filter_map(|(i, (m, _))| {
                    not_null_json_check(m.field, &format_ident!("f{}", i))
                }),
            )
            .collect();

    let tag_key = c.default_envelope().discriminator.as_str();
    let event_expr = if has_payload {
        let raw_path = if with_flag {
            ctx.use_helper("inflate");
            quote! {
                if flag == Some(true) {
                    let text = ::serde_json::from_str::<rt::WireStr<'_>>(raw.get()).map_err(|e| {
                        ::serde::de::Error::custom(::core::format_args!("a compressed payload must be a base64 string: {}", e))
                    })?;
                    let bytes = rt::inflate(&text.0).map_err(::serde::de::Error::custom)?;
                    decode_bytes(&tag.0, &bytes)?
                } else {
                    decode_bytes(&tag.0, raw.get().as_bytes())?
                }
            }
        } else {
            quote!(decode_bytes(&tag.0, raw.get().as_bytes())?)
        };
        if !in_place {
            quote! {
                match payload {
                    Some(raw) => { #raw_path }
                    None => absent_event(&tag.0)?,
                }
            }
        } else {
            quote! {
                match (decoded, payload) {
                    (Some(event), _) => event,
                    (None, Some(raw)) => { #raw_path }
                    (None, None) => absent_event(&tag.0)?,
                }
            }
        }
    } else {
        quote!(absent_event(&tag.0)?)
    };
    let seed = (has_payload && in_place).then(|| {
        quote! {
            struct EventSeed<'a>(&'a str);
            impl<'de> ::serde::de::DeserializeSeed<'de> for EventSeed<'_> {
                type Value = AnyEvent;
                fn deserialize<D: ::serde::Deserializer<'de>>(self, deserializer: D) -> Result<AnyEvent, D::Error> {
                    decode_event(self.0, deserializer)
                }
            }
        }
    });
    let binding = shape_binding(ctx, quote!(&event));
    let const_checks = keys.consts.iter().enumerate().map(|(i, (f, _))| {
        let s = format_ident!("c{}", i);
        let key = f.name.as_str();
        let shapes: Vec<usize> = c
            .envelopes
            .values()
            .filter(|e| e.field(&f.name).is_some_and(|g| !g.optional))
            .map(|e| shape_index(c, e))
            .collect();
        guarded(
            &shape_condition(ctx, &shapes),
            quote!(#s.is_none()),
            quote!(return Err(::serde::de::Error::missing_field(#key));),
        )
    });
    let flag_check = c.envelopes.values().find_map(|e| {
        let cmp = e.compression.as_ref()?;
        let f = e.field(&cmp.flag).filter(|f| !f.optional)?;
        let key = f.name.as_str();
        let shapes: Vec<usize> = c
            .envelopes
            .values()
            .filter(|e| e.compression.as_ref().is_some_and(|x| x.flag == f.name))
            .map(|e| shape_index(c, e))
            .collect();
        Some(guarded(
            &shape_condition(ctx, &shapes),
            quote!(flag.is_none()),
            quote!(return Err(::serde::de::Error::missing_field(#key));),
        ))
    });
    let finish = keys
        .fields
        .iter()
        .enumerate()
        .map(|(i, (m, _))| finish_field(ctx, m, i));
    quote! {
        impl<'de> ::serde::Deserialize<'de> for Message {
            /// Reads the envelope keys, then decodes the payload for the event the
            /// discriminator names. Needs a deserializer that lends its input
            /// (`serde_json::from_str`/`from_slice`).
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #key_enum
                #seed
                struct MessageVisitor;
                impl<'de> ::serde::de::Visitor<'de> for MessageVisitor {
                    type Value = Message;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str("a message object")
                    }
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Message, A::Error> {
                        let mut tag: rt::Slot<rt::WireStr<'de>> = rt::Slot::default();
                        #payload_slot
                        #flag_slot
                        #(#const_slots)*
                        #(#field_slots)*
                        while let Some(key) = map.next_key::<Key>()? {
                            match key {
                                #(#read_arms)*
                                Key::Other => { map.next_value::<::serde::de::IgnoredAny>()?; }
                            }
                        }
                        #finish_slots
                        #(#value_checks)*
                        let tag = match tag {
                            Some(tag) => tag,
                            None => return Err(::serde::de::Error::missing_field(#tag_key)),
                        };
                        let event = #event_expr;
                        #binding
                        #(#const_checks)*
                        #flag_check
                        Ok(Message { #(#finish)* event })
                    }
                }
                deserializer.deserialize_map(MessageVisitor)
            }
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

fn const_type(f: &Field) -> TokenStream {
    match &f.constant {
        Some(serde_json::Value::Number(n)) if n.as_i64().is_some() => quote!(i64),
        Some(serde_json::Value::String(_)) => quote!(rt::WireStr<'de>),
        Some(serde_json::Value::Bool(_)) => quote!(bool),
        Some(serde_json::Value::Null) => quote!(()),
        _ => quote!(::serde::de::IgnoredAny),
    }
}

/// Refuses a constant envelope field (read into `slot`, see [`const_type`])
/// whose value is not its constant.
fn const_value_check(f: &Field, slot: &Ident) -> TokenStream {
    let expected = f
        .constant
        .as_ref()
        .map(|v| v.to_string())
        .unwrap_or_default();
    let message = format!("`{}` must be {expected}", f.name);
    let differs = match &f.constant {
        Some(serde_json::Value::Number(n)) if n.as_i64().is_some() => {
            let v = Literal::i64_suffixed(n.as_i64().unwrap_or_default());
            quote!(*v != #v)
        }
        Some(serde_json::Value::String(s)) => quote!(&*v.0 != #s),
        Some(serde_json::Value::Bool(b)) => quote!(*v != #b),
        _ => return TokenStream::new(),
    };
    quote! {
        if let Some(v) = &#slot {
            if #differs {
                return Err(::serde::de::Error::custom(#message));
            }
        }
    }
}

/// Refuses `null` in a raw-JSON envelope field (read into `slot`) that must not be null.
fn not_null_json_check(f: &Field, slot: &Ident) -> Option<TokenStream> {
    if !matches!(f.ty, TypeRef::Json) || f.nullable {
        return None;
    }
    let message = format!("`{}` must not be null", f.name);
    Some(quote! {
        if let Some(v) = &#slot {
            if v.get() == "null" {
                return Err(::serde::de::Error::custom(#message));
            }
        }
    })
}

/// The literal of a key's rank; the checker keeps a field's keys
/// within `u8` (see `check_key_count`).
fn rank_literal(rank: usize) -> Literal {
    Literal::u8_unsuffixed(u8::try_from(rank).unwrap_or(u8::MAX))
}

/// The value of a `Message` field after reading: required-key checks per shape,
/// fields of other shapes dropped.
fn finish_field(ctx: &Ctx<'_>, m: &MessageField<'_>, i: usize) -> TokenStream {
    let c = ctx.c;
    let ident = &m.ident;
    let slot = format_ident!("f{}", i);
    let key = m.field.name.as_str();
    let missing = quote!(return Err(::serde::de::Error::missing_field(#key)));
    let f = m.field;
    if m.always_required {
        return match (f.optional, f.nullable) {
            (false, _) => {
                quote!(#ident: match #slot { Some(v) => v, None => #missing },)
            }
            (true, false) => quote!(#ident: #slot,),
            (true, true) => quote!(#ident: #slot.unwrap_or(Maybe::Absent),),
        };
    }
    let declaring: Vec<usize> = c
        .envelopes
        .values()
        .filter(|e| e.field(&f.name).is_some())
        .map(|e| shape_index(c, e))
        .collect();
    let requiring: Vec<usize> = c
        .envelopes
        .values()
        .filter(|e| e.field(&f.name).is_some_and(|g| !g.optional))
        .map(|e| shape_index(c, e))
        .collect();
    let requiring_cond = shape_condition(ctx, &requiring);
    let declaring_cond = shape_condition(ctx, &declaring);
    let (absent, value) = match (f.optional, f.nullable) {
        (true, true) => (
            quote!(Maybe::Absent),
            quote!(#slot.unwrap_or(Maybe::Absent)),
        ),
        (false, true) => (
            quote!(Maybe::Absent),
            quote! {
                match #slot {
                    Some(Some(v)) => Maybe::Value(v),
                    Some(None) => Maybe::Null,
                    None => Maybe::Absent,
                }
            },
        ),
        _ => (quote!(None), quote!(#slot)),
    };
    let check = guarded(&requiring_cond, quote!(#slot.is_none()), quote!(#missing;));
    let value = match declaring_cond {
        When::Never => absent,
        When::Always => value,
        When::If(cond) => quote!(if #cond { #value } else { #absent }),
    };
    if check.is_empty() {
        quote!(#ident: #value,)
    } else {
        quote!(#ident: { #check #value },)
    }
}

/// Private functions decoding and writing payloads per event.
fn payload_codec(ctx: &Ctx<'_>) -> TokenStream {
    let c = ctx.c;
    let unknown_payload_optional = default_payload(c).is_some_and(|f| f.optional);
    let mut decode_arms: Vec<TokenStream> = Vec::new();
    let mut absent_arms: Vec<TokenStream> = Vec::new();
    let mut write_arms: Vec<TokenStream> = Vec::new();
    let mut raw_arms: Vec<TokenStream> = Vec::new();
    // Events whose payload key is required, by key: one `missing_field` arm each.
    let mut missing: IndexMap<&str, Vec<&str>> = IndexMap::new();
    for e in c.events.values() {
        let n = ctx.event(e);
        let (v, ty) = (&n.variant, &n.ty);
        let names: Vec<&str> = e.wire_names().collect();
        let (_, payload) = shape_of(c, e);
        let Some(pf) = payload else {
            decode_arms.push(quote! {
                #(#names)|* => {
                    <::serde::de::IgnoredAny as ::serde::Deserialize<'de>>::deserialize(deserializer)?;
                    Ok(AnyEvent::#v(#ty))
                }
            });
            absent_arms.push(quote!(#(#names)|* => Ok(AnyEvent::#v(#ty)),));
            write_arms.push(quote!(AnyEvent::#v(_) => {}));
            raw_arms.push(quote!(AnyEvent::#v(_) => Ok(None),));
            continue;
        };
        let key = pf.name.as_str();
        let read = payload_read(ctx, pf, &payload_type(e));
        let value = if pf.optional && !pf.nullable {
            quote!(Some(p))
        } else {
            quote!(p)
        };
        decode_arms.push(quote!(#(#names)|* => #read.map(|p| AnyEvent::#v(#ty(#value))),));
        let absent = match (pf.optional, pf.nullable) {
            (false, _) => {
                missing.entry(key).or_default().extend(names);
                None
            }
            (true, false) => Some(quote!(Ok(AnyEvent::#v(#ty(None))))),
            (true, true) => Some(quote!(Ok(AnyEvent::#v(#ty(Maybe::Absent))))),
        };
        if let Some(absent) = absent {
            let names = e.wire_names();
            absent_arms.push(quote!(#(#names)|* => #absent,));
        }
        let w = write_payload_entry(pf, quote!(e.0));
        write_arms.push(quote!(AnyEvent::#v(e) => { #w }));
        raw_arms.push(raw_payload_arm(pf, v));
    }
    absent_arms.extend(
        missing.iter().map(
            |(key, names)| quote!(#(#names)|* => Err(::serde::de::Error::missing_field(#key)),),
        ),
    );
    // Decoding is tolerant whatever the contract's policy: unknown events
    // become `AnyEvent::Unknown`; `decode_strict` applies the policy.
    let (unknown_decode, unknown_absent) = {
        let payload_init = if unknown_payload_optional {
            quote!(payload: Some(payload))
        } else {
            quote!(payload)
        };
        let absent = match default_payload(c) {
            Some(f) if !f.optional => {
                let key = f.name.as_str();
                quote!({
                    let _ = other;
                    Err(::serde::de::Error::missing_field(#key))
                })
            }
            Some(_) => quote! {
                Ok(AnyEvent::Unknown { event: ::std::borrow::ToOwned::to_owned(other), payload: None })
            },
            None => quote! {{
                let _ = other;
                Err(::serde::de::Error::custom("events without a payload field cannot be kept as unknown events"))
            }},
        };
        (
            quote! {
                other => {
                    let payload = <Box<::serde_json::value::RawValue> as ::serde::Deserialize<'de>>::deserialize(deserializer)?;
                    Ok(AnyEvent::Unknown { event: ::std::borrow::ToOwned::to_owned(other), #payload_init })
                }
            },
            quote!(other => #absent,),
        )
    };
    let unknown_write = if unknown_payload_optional {
        quote! {
            AnyEvent::Unknown { payload, .. } => {
                if let Some(p) = payload {
                    map.serialize_entry(key, p)?;
                }
            }
        }
    } else {
        quote!(AnyEvent::Unknown { payload, .. } => map.serialize_entry(key, payload)?,)
    };
    let unknown_raw = if unknown_payload_optional {
        quote!(AnyEvent::Unknown { payload, .. } => Ok(payload.clone()),)
    } else {
        quote!(AnyEvent::Unknown { payload, .. } => Ok(Some(payload.clone())),)
    };
    let compression = c.envelopes.values().any(|e| e.compression.is_some());
    let has_payload = c.envelopes.values().any(|e| e.payload.is_some());
    let writer = if compression {
        quote! {
            /// The payload of an event as JSON text (`None` when the message has none).
            fn payload_raw(event: &AnyEvent) -> Result<Option<Box<::serde_json::value::RawValue>>, ::serde_json::Error> {
                match event {
                    #(#raw_arms)*
                    #unknown_raw
                }
            }
        }
    } else if has_payload {
        quote! {
            /// Writes the payload of an event under `key` (nothing when the message has none).
            fn write_payload<M: ::serde::ser::SerializeMap>(event: &AnyEvent, key: &'static str, map: &mut M) -> Result<(), M::Error> {
                match event {
                    #(#write_arms)*
                    #unknown_write
                }
                Ok(())
            }
        }
    } else {
        TokenStream::new()
    };
    let decode_bytes = has_payload.then(|| {
        quote! {
            /// Decodes the payload of the event `name` from JSON bytes (the raw or inflated payload).
            fn decode_bytes<E: ::serde::de::Error>(name: &str, bytes: &[u8]) -> Result<AnyEvent, E> {
                let mut deserializer = ::serde_json::Deserializer::from_slice(bytes);
                let event = decode_event(name, &mut deserializer)
                    .and_then(|event| deserializer.end().map(|()| event))
                    .map_err(|e| E::custom(::core::format_args!("invalid payload of `{}`: {}", name, e)))?;
                Ok(event)
            }

            /// Decodes the payload of the event `name`.
            fn decode_event<'de, D: ::serde::Deserializer<'de>>(name: &str, deserializer: D) -> Result<AnyEvent, D::Error> {
                match name {
                    #(#decode_arms)*
                    #unknown_decode
                }
            }
        }
    });
    quote! {
        #writer
        #decode_bytes

        /// The event `name` when its message carries no payload key.
        fn absent_event<E: ::serde::de::Error>(name: &str) -> Result<AnyEvent, E> {
            match name {
                #(#absent_arms)*
                #unknown_absent
            }
        }
    }
}

/// Reads an event's payload (`p` of the arm): through its Rust type, which
/// reads `null` as the field's rules say, or, for raw JSON that must not be
/// `null`, through `rt::json`. An optional non-nullable payload is read as
/// its inner type, so `null` is refused, and wrapped in `Some`.
fn payload_read(ctx: &Ctx<'_>, pf: &Field, ty: &TypeRef) -> TokenStream {
    if matches!(ty, TypeRef::Json) && !pf.nullable {
        ctx.use_helper("json");
        quote!(rt::json(deserializer))
    } else {
        quote!(::serde::Deserialize::deserialize(deserializer))
    }
}

/// Writes an event's payload value under `key` per the payload field's rules.
fn write_payload_entry(pf: &Field, value: TokenStream) -> TokenStream {
    match (pf.optional, pf.nullable) {
        (false, _) => quote!(map.serialize_entry(key, &#value)?;),
        (true, false) => quote! {
            if let Some(v) = &#value {
                map.serialize_entry(key, v)?;
            }
        },
        (true, true) => quote! {
            match &#value {
                Maybe::Absent => {}
                Maybe::Null => map.serialize_entry(key, &())?,
                Maybe::Value(v) => map.serialize_entry(key, v)?,
            }
        },
    }
}

/// A `payload_raw` arm: the payload as JSON text, `None` when absent.
fn raw_payload_arm(pf: &Field, v: &Ident) -> TokenStream {
    let to_raw = |value: TokenStream| quote!(::serde_json::value::to_raw_value(#value).map(Some));
    let body = match (pf.optional, pf.nullable) {
        (false, _) => to_raw(quote!(&e.0)),
        (true, false) => {
            let r = to_raw(quote!(v));
            quote! {
                match &e.0 {
                    Some(v) => #r,
                    None => Ok(None),
                }
            }
        }
        (true, true) => {
            let r = to_raw(quote!(v));
            let n = to_raw(quote!(&()));
            quote! {
                match &e.0 {
                    Maybe::Absent => Ok(None),
                    Maybe::Null => #n,
                    Maybe::Value(v) => #r,
                }
            }
        }
    };
    quote!(AnyEvent::#v(e) => #body,)
}
