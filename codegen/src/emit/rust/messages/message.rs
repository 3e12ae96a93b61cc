//! The `Message` struct: its envelope fields and the constructor that fills
//! the fields derived from the event.

use super::events::decode_strict;
use super::*;

pub(super) fn message_struct(ctx: &Ctx<'_>, _lists: &Lists) -> TokenStream {
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

/// `Option<String>`: the address of the event's channel when it has no
/// parameters; plain `None` when no event has such a channel (a `match`
/// with only a wildcard arm is a clippy warning).
fn fixed_channel(ctx: &Ctx<'_>) -> TokenStream {
    let arms: Vec<TokenStream> = ctx
        .c
        .events
        .values()
        .filter_map(|e| {
            let ch = ctx.c.channel_of(e)?;
            ch.fixed_address()?;
            let v = &ctx.event(e).variant;
            let constant = &ctx.channels[&ch.name];
            Some(quote!(AnyEvent::#v(_) => Some(::std::borrow::ToOwned::to_owned(channels::#constant)),))
        })
        .collect();
    if arms.is_empty() {
        return quote!(None);
    }
    quote! {
        match &event {
            #(#arms)*
            _ => None,
        }
    }
}
