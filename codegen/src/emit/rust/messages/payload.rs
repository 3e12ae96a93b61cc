//! The private functions decoding and writing each event's payload.

use super::*;

/// Private functions decoding and writing payloads per event.
pub(super) fn payload_codec(ctx: &Ctx<'_>, lists: &Lists) -> TokenStream {
    let c = ctx.c;
    let unknown_payload_optional = default_payload(c).is_some_and(|f| f.optional);
    // Events whose payload key is required, by key: one `missing_field` arm each.
    let mut missing: IndexMap<&str, Vec<&str>> = IndexMap::new();
    for e in c.events.values() {
        if let (_, Some(pf)) = shape_of(c, e) {
            if !pf.optional {
                missing
                    .entry(pf.name.as_str())
                    .or_default()
                    .extend(e.wire_names());
            }
        }
    }
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
    let events = || c.events.values();
    let writer = if compression {
        let raw_arms = lists.list(Kind::Arm, events(), |e| raw_arm(ctx, e));
        quote! {
            /// The payload of an event as JSON text (`None` when the message has none).
            fn payload_raw(event: &AnyEvent) -> Result<Option<Box<::serde_json::value::RawValue>>, ::serde_json::Error> {
                match event {
                    #raw_arms
                    #unknown_raw
                }
            }
        }
    } else if has_payload {
        let write_arms = lists.list(Kind::Arm, events(), |e| write_arm(ctx, e));
        quote! {
            /// Writes the payload of an event under `key` (nothing when the message has none).
            fn write_payload<M: ::serde::ser::SerializeMap>(event: &AnyEvent, key: &'static str, map: &mut M) -> Result<(), M::Error> {
                match event {
                    #write_arms
                    #unknown_write
                }
                Ok(())
            }
        }
    } else {
        TokenStream::new()
    };
    let decode_bytes = has_payload.then(|| {
        let decode_arms = lists.list(Kind::Arm, events(), |e| decode_arm(ctx, e));
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
                    #decode_arms
                    #unknown_decode
                }
            }
        }
    });
    let absent_arms = lists.list(Kind::Arm, events(), |e| absent_arm(ctx, e));
    let missing_arms = lists.list(
        Kind::Arm,
        missing.iter(),
        |(key, names)| quote!(#(#names)|* => Err(::serde::de::Error::missing_field(#key)),),
    );
    quote! {
        #writer
        #decode_bytes

        /// The event `name` when its message carries no payload key.
        fn absent_event<E: ::serde::de::Error>(name: &str) -> Result<AnyEvent, E> {
            match name {
                #absent_arms
                #missing_arms
                #unknown_absent
            }
        }
    }
}

/// The `decode_event` arm of an event: its payload read from `deserializer`.
fn decode_arm(ctx: &Ctx<'_>, e: &Event) -> TokenStream {
    let n = ctx.event(e);
    let (v, ty) = (&n.variant, &n.ty);
    let names = e.wire_names();
    let Some(pf) = shape_of(ctx.c, e).1 else {
        return quote! {
            #(#names)|* => {
                <::serde::de::IgnoredAny as ::serde::Deserialize<'de>>::deserialize(deserializer)?;
                Ok(AnyEvent::#v(#ty))
            }
        };
    };
    let read = payload_read(ctx, pf, &payload_type(e));
    let value = if pf.optional && !pf.nullable {
        quote!(Some(p))
    } else {
        quote!(p)
    };
    quote!(#(#names)|* => #read.map(|p| AnyEvent::#v(#ty(#value))),)
}

/// The `absent_event` arm of an event whose payload may be absent (nothing
/// for a required payload: those share one `missing_field` arm per key).
fn absent_arm(ctx: &Ctx<'_>, e: &Event) -> TokenStream {
    let n = ctx.event(e);
    let (v, ty) = (&n.variant, &n.ty);
    let names = e.wire_names();
    let absent = match shape_of(ctx.c, e).1.map(|pf| (pf.optional, pf.nullable)) {
        None => quote!(Ok(AnyEvent::#v(#ty))),
        Some((false, _)) => return TokenStream::new(),
        Some((true, false)) => quote!(Ok(AnyEvent::#v(#ty(None)))),
        Some((true, true)) => quote!(Ok(AnyEvent::#v(#ty(Maybe::Absent)))),
    };
    quote!(#(#names)|* => #absent,)
}

/// The `write_payload` arm of an event.
fn write_arm(ctx: &Ctx<'_>, e: &Event) -> TokenStream {
    let v = &ctx.event(e).variant;
    match shape_of(ctx.c, e).1 {
        Some(pf) => {
            let w = write_payload_entry(pf, quote!(e.0));
            quote!(AnyEvent::#v(e) => { #w })
        }
        None => quote!(AnyEvent::#v(_) => {}),
    }
}

/// The `payload_raw` arm of an event.
fn raw_arm(ctx: &Ctx<'_>, e: &Event) -> TokenStream {
    let v = &ctx.event(e).variant;
    match shape_of(ctx.c, e).1 {
        Some(pf) => raw_payload_arm(pf, v),
        None => quote!(AnyEvent::#v(_) => Ok(None),),
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
