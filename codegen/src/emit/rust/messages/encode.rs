//! Writing a `Message`: each envelope shape's keys, the payload (compressed
//! when the message would be longer than the threshold) and constants.

use super::*;

pub(super) fn message_serialize(ctx: &Ctx<'_>, _lists: &Lists) -> TokenStream {
    let c = ctx.c;
    let compression = c.envelopes.values().find_map(|e| e.compression.as_ref());
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
    let Some(cmp) = compression else {
        return quote! {
            impl ::serde::Serialize for Message {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    use ::serde::ser::SerializeMap as _;
                    let mut map = serializer.serialize_map(None)?;
                    #body
                    map.end()
                }
            }
        };
    };
    compressing_serialize(ctx, cmp, body)
}

/// `Serialize` for a contract with compression: the message is measured as
/// written uncompressed, and when that is longer than the threshold it is
/// written again with the payload compressed (the seed's rule: messages
/// longer than the threshold are compressed).
fn compressing_serialize(ctx: &Ctx<'_>, cmp: &Compression, body: TokenStream) -> TokenStream {
    let threshold = Literal::usize_unsuffixed(cmp.threshold as usize);
    ctx.use_helper("deflate");
    ctx.use_helper("json_len");
    quote! {
        impl ::serde::Serialize for Message {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                /// A message written with its payload uncompressed, to measure.
                struct Uncompressed<'m>(&'m Message, &'m Option<Box<::serde_json::value::RawValue>>);
                impl ::serde::Serialize for Uncompressed<'_> {
                    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                        self.0.write_map(serializer, self.1, &None)
                    }
                }
                let payload = payload_raw(&self.event).map_err(::serde::ser::Error::custom)?;
                let compressed = match &payload {
                    Some(p) if rt::json_len(&Uncompressed(self, &payload))
                        .map_err(::serde::ser::Error::custom)? > #threshold => {
                        Some(rt::deflate(p.get()).map_err(::serde::ser::Error::custom)?)
                    }
                    _ => None,
                };
                self.write_map(serializer, &payload, &compressed)
            }
        }
        impl Message {
            /// Writes the message with its payload as given: `compressed`
            /// (zlib, base64) when set, else `payload` as it is.
            fn write_map<S: ::serde::Serializer>(
                &self,
                serializer: S,
                payload: &Option<Box<::serde_json::value::RawValue>>,
                compressed: &Option<String>,
            ) -> Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap as _;
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
            let keys: Vec<&str> = std::iter::once(key).chain(f.old_key()).collect();
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
