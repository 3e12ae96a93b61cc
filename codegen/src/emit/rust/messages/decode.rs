//! Reading a `Message`: one pass over the envelope keys through `rt::Slot`s
//! (the key rule of docs/generated-code.md), then per-shape checks.

use super::*;

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
            .filter_map(|e| e.compression_flag_field())
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

pub(super) fn message_deserialize(ctx: &Ctx<'_>, _lists: &Lists) -> TokenStream {
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

    // The payload is decoded in place when the tag came before it under its
    // own key (which no later key can change: `Slot::value` holds only the
    // own key's value); otherwise, and when the payload may be compressed,
    // it is held as text and decoded at the end.
    let in_place = !compression;
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
    // A held payload is already raw JSON text: it is taken as it is.
    let finish_slots = slots.iter().map(|s| {
        if s == "payload" {
            ctx.use_helper("finish_raw");
            quote!(let payload = rt::finish_raw(payload);)
        } else {
            quote!(let #s = #s.finish::<A::Error>()?;)
        }
    });
    let finish_slots = quote!(#(#finish_slots)*);
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
    let const_checks: Vec<TokenStream> = keys
        .consts
        .iter()
        .enumerate()
        .map(|(i, (f, _))| {
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
        })
        .collect();
    let flag_check = c.envelopes.values().find_map(|e| {
        let f = e.compression_flag_field().filter(|f| !f.optional)?;
        let key = f.name.as_str();
        let shapes: Vec<usize> = c
            .envelopes
            .values()
            .filter(|e| e.compression_flag_field().is_some_and(|x| x.name == f.name))
            .map(|e| shape_index(c, e))
            .collect();
        Some(guarded(
            &shape_condition(ctx, &shapes),
            quote!(flag.is_none()),
            quote!(return Err(::serde::de::Error::missing_field(#key));),
        ))
    });
    let finish: Vec<TokenStream> = keys
        .fields
        .iter()
        .enumerate()
        .map(|(i, (m, _))| finish_field(ctx, m, i))
        .collect();
    // The envelope shape is worked out only when a check depends on it (an
    // unused binding is a warning).
    let binding = if const_checks
        .iter()
        .chain(&flag_check)
        .chain(&finish)
        .any(mentions_shape)
    {
        shape_binding(ctx, quote!(&event))
    } else {
        TokenStream::new()
    };
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
        Some(serde_json::Value::Bool(true)) => quote!(!*v),
        Some(serde_json::Value::Bool(false)) => quote!(*v),
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

/// Whether `tokens` read the `shape` binding of [`shape_binding`].
fn mentions_shape(tokens: &TokenStream) -> bool {
    tokens.clone().into_iter().any(|t| match t {
        proc_macro2::TokenTree::Ident(i) => i == "shape",
        proc_macro2::TokenTree::Group(g) => mentions_shape(&g.stream()),
        _ => false,
    })
}
