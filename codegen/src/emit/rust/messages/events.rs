//! One type per event implementing the `Event` trait, the `AnyEvent` enum of
//! them all, and `decode_strict`.

use super::*;

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
    let aliases: Vec<&str> = e.read_aliases().collect();
    if !aliases.is_empty() {
        let list: Vec<String> = aliases.iter().map(|a| names::code_span(a)).collect();
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
    let aliases = (!aliases.is_empty())
        .then(|| quote!(const ALIASES: &'static [&'static str] = &[#(#aliases),*];));
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

fn unknown_payload_type(c: &Contract) -> TokenStream {
    let raw = quote!(Box<::serde_json::value::RawValue>);
    match default_payload(c) {
        Some(f) if f.optional => quote!(Option<#raw>),
        _ => raw,
    }
}

pub(super) fn any_event(ctx: &Ctx<'_>, lists: &Lists) -> TokenStream {
    let variants = lists.list(Kind::Variant, ctx.c.events.values(), |e| {
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
    let name_arms = lists.list(Kind::Arm, ctx.c.events.values(), |e| {
        let n = ctx.event(e);
        let (v, ty) = (&n.variant, &n.ty);
        quote!(AnyEvent::#v(_) => <#ty as Event>::NAME,)
    });
    let meta_arms = lists.list(Kind::Arm, ctx.c.events.values(), |e| {
        let n = ctx.event(e);
        let (v, ty) = (&n.variant, &n.ty);
        quote!(AnyEvent::#v(_) => EventMeta::of::<#ty>(),)
    });
    quote! {
        /// Every event of this contract, plus the ones it does not declare.
        ///
        /// Payloads are stored inline (no `Box`), so decoding allocates nothing for the enum.
        #[derive(Debug, Clone)]
        #[allow(clippy::large_enum_variant)]
        pub enum AnyEvent {
            #variants
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
                match self { #name_arms AnyEvent::Unknown { event, .. } => event.as_str() }
            }

            /// The declarations of this event's type.
            fn meta(&self) -> EventMeta {
                match self { #meta_arms AnyEvent::Unknown { .. } => EventMeta::UNKNOWN }
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

/// `decode_strict`: `decode`, the contract's unknown-event policy, then the value rules.
pub(super) fn decode_strict(c: &Contract) -> TokenStream {
    let unknown = (!c.compatibility.unknown_events).then(|| {
        quote! {
            if let AnyEvent::Unknown { event, .. } = &message.event {
                return Err(DecodeError::UnknownEvent(::std::borrow::ToOwned::to_owned(event.as_str())));
            }
        }
    });
    let policy = if c.compatibility.unknown_events {
        "this contract allows unknown events (`unknown_events: allow`)"
    } else {
        "refuses events this contract does not declare, as its policy says (`unknown_events: deny`)"
    };
    let doc = format!(" Decodes one message from JSON text and checks it: {policy}, and");
    quote! {
        #[doc = #doc]
        /// applies the contract's value rules (`Message::validate`), so it accepts
        /// exactly the messages `eventc validate` accepts.
        pub fn decode_strict(json: &str) -> Result<Message, DecodeError> {
            let message = decode(json)?;
            #unknown
            message.validate()?;
            Ok(message)
        }
    }
}
