//! `Message::validate`: the value rules of the envelope fields, the fields
//! derived from the event (category, channel, event name) against the
//! event, and the payload's rules; with the module's channel matchers and
//! compiled patterns.

use super::*;
use crate::emit::rust::checks::{check_impl_with_doc, field_check, module_items, value_check};

/// `impl Message { validate, check }` and the items its checks call.
pub(super) fn message_validate(ctx: &Ctx<'_>, lists: &Lists) -> TokenStream {
    let fields = ctx.message_fields.iter().filter_map(|m| {
        let (optional, nullable) = message_rules(m);
        let ident = &m.ident;
        let value = field_check(ctx, m.field, quote!(self.#ident), optional, nullable);
        let derived = derived_check(ctx, m, optional, nullable);
        (value.is_some() || derived.is_some()).then(|| quote!(#value #derived))
    });
    let fields: Vec<TokenStream> = fields.collect();
    let payload = payload_checks(ctx, lists);
    let body = quote! { #(#fields)* #payload };
    let items = module_items(ctx);
    let doc = quote! {
        /// Checks the contract's value rules that the types cannot express,
        /// as `eventc validate` does: lengths, patterns, ranges, timestamp
        /// formats, channel addresses, and the envelope fields derived from
        /// the event. `decode_strict` applies it.
    };
    if body.is_empty() {
        return quote! {
            impl Message {
                #doc
                pub fn validate(&self) -> Result<(), Invalid> {
                    Ok(())
                }
            }
            #items
        };
    }
    ctx.use_helper("Checker");
    let message = check_impl_with_doc(&format_ident!("Message"), doc, body);
    quote! {
        #message

        #items
    }
}

/// The text of a stored string field as `Option<&str>`.
fn text_of(place: TokenStream, optional: bool, nullable: bool) -> TokenStream {
    match (optional, nullable) {
        (false, false) => quote!(Some(#place.as_str())),
        (true, true) => quote!(#place.value().map(String::as_str)),
        _ => quote!(#place.as_deref()),
    }
}

/// Checks a field derived from the event against the event (known events only).
fn derived_check(
    ctx: &Ctx<'_>,
    m: &MessageField<'_>,
    optional: bool,
    nullable: bool,
) -> Option<TokenStream> {
    let source = m.field.derived?;
    // Both are held as a `String` (a channel is its address).
    if !matches!(m.field.ty, TypeRef::String(_) | TypeRef::Channel) {
        return None;
    }
    ctx.use_helper("Checker");
    ctx.use_helper("key");
    ctx.use_helper("problem");
    let ident = &m.ident;
    let key = m.field.name.as_str();
    let text = text_of(quote!(self.#ident), optional, nullable);
    let events: Vec<(&Event, DerivedValue<'_>)> = ctx
        .c
        .events
        .values()
        .filter(|e| ctx.c.envelope_of(e).field(&m.field.name).is_some())
        .filter_map(|e| Some((e, ctx.c.derived_value(e, source)?)))
        .collect();
    if events.is_empty() {
        return None;
    }
    let name = &m.field.name;
    let arm = |e: &Event, value: TokenStream| {
        let variant = &ctx.event(e).variant;
        quote!(AnyEvent::#variant(_) => Some(#value),)
    };
    let (expected, test, problem) = match source {
        Derived::Category => {
            let arms = events.iter().filter_map(|(e, d)| match d {
                DerivedValue::Category(cat) => Some(arm(e, quote!(#cat))),
                _ => None,
            });
            (
                quote!(match &self.event { #(#arms)* _ => None }),
                quote!(v != expected),
                quote!(c.problem("category-mismatch", ::std::format!(
                    "`{}` is `{}` but event `{}` has category `{}`", #name, v, self.event.name(), expected))),
            )
        }
        Derived::Channel => {
            let arms = events.iter().filter_map(|(e, d)| match d {
                DerivedValue::Address(ch) => {
                    let index = ctx.c.channels.get_index_of(&ch.name).unwrap_or(usize::MAX);
                    let address = ch.address.as_str();
                    Some(arm(e, quote!((#index, #address))))
                }
                _ => None,
            });
            (
                quote!(match &self.event { #(#arms)* _ => None }),
                quote!(!is_address_of(expected.0, v)),
                quote!(c.problem(
                    "channel-mismatch",
                    ::std::format!(
                        "event `{}` belongs to channel `{}`, not `{}`",
                        self.event.name(),
                        expected.1,
                        v
                    )
                )),
            )
        }
        Derived::Event => {
            let arms = events.iter().map(|(e, _)| {
                let names: Vec<&str> = e.wire_names().collect();
                arm(e, quote!(&[#(#names),*][..]))
            });
            (
                quote!(match &self.event { #(#arms)* _ => None }),
                quote!(!expected.contains(&v)),
                quote!(c.problem(
                    "event-mismatch",
                    ::std::format!(
                    "`{}` is `{}` but the event is `{}`", #name, v, self.event.name())
                )),
            )
        }
    };
    Some(quote! {
        if let (Some(v), Some(expected)) = (#text, #expected) {
            if #test {
                c.key(#key);
                #problem;
                c.pop();
            }
        }
    })
}

/// Checks the payload of each event whose payload type carries rules, under the payload key.
fn payload_checks(ctx: &Ctx<'_>, lists: &Lists) -> Option<TokenStream> {
    let checked: Vec<_> = ctx
        .c
        .events
        .values()
        .filter_map(|e| {
            let (_, pf) = shape_of(ctx.c, e);
            let pf = pf?;
            let check = ctx.rules.check(e.payload.as_ref()?)?;
            Some((e, pf, check))
        })
        .collect();
    if checked.is_empty() {
        return None;
    }
    let arms = lists.list(Kind::Arm, checked.into_iter(), |(e, pf, check)| {
        ctx.use_helper("key");
        let key = pf.name.as_str();
        let variant = &ctx.event(e).variant;
        let inner = value_check(ctx, &check, &quote!(v));
        let body = quote! { c.key(#key); #inner c.pop(); };
        let body = match (pf.optional, pf.nullable) {
            (false, false) => quote! { let v = &e.0; #body },
            (true, true) => quote! { if let Maybe::Value(v) = &e.0 { #body } },
            _ => quote! { if let Some(v) = &e.0 { #body } },
        };
        quote!(AnyEvent::#variant(e) => { #body })
    });
    Some(quote! {
        #[allow(clippy::single_match)]
        match &self.event {
            #arms
            _ => {}
        }
    })
}
