//! Name constants: the wire names of events, channel addresses, and the `Priority` enum.

use super::*;

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

pub(super) fn constants(ctx: &Ctx<'_>, lists: &Lists) -> TokenStream {
    let events = lists.list(Kind::Item, ctx.c.events.values(), |e| {
        let n = ctx.event(e);
        let constant = &n.constant;
        let wire = &e.name;
        let doc = format!(" Wire name of {}.", names::code_span(&e.name));
        let deprecated = e.docs.deprecated.as_ref().map(deprecated_attr);
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
            #deprecated
            pub const #constant: &str = #wire;
            #(#legacy)*
        }
    });
    let channels = lists.list(Kind::Item, ctx.c.channels.values(), |ch| {
        let constant = &ctx.channels[&ch.name];
        let address = &ch.full_address;
        let renamed = ch.renamed_from.as_ref().map(|old| {
            format!(
                "Renamed from {}, which readers still accept.",
                names::code_span(&old.from)
            )
        });
        let extra: Vec<String> = std::iter::once(format!("Address {}.", names::code_span(address)))
            .chain(renamed)
            .collect();
        let docs = docs_and_deprecation("", &ch.docs, &extra);
        quote! { #docs pub const #constant: &str = #address; }
    });
    let mut builder_names = names::Namespace::default();
    let builders: Vec<TokenStream> = ctx
        .c
        .channels
        .values()
        .filter(|ch| ch.fixed_address().is_none())
        .map(|ch| {
            let name = names::ident(&builder_names.claim(&names::field_text(&ch.ident)));
            channel_builder(ctx, ch, &name)
        })
        .collect();
    quote! {
        /// Wire names of the events.
        pub mod events {
            #events
        }

        /// Channel addresses (templates keep their `{param}` placeholders).
        pub mod channels {
            #channels
            #(#builders)*
        }
    }
}

/// The function building the full address of a channel with parameters
/// (Go's `ChannelType…` functions): one argument per distinct parameter, in
/// the order the address names them; a string enum parameter is its enum.
fn channel_builder(ctx: &Ctx<'_>, ch: &Channel, name: &Ident) -> TokenStream {
    let mut params: Vec<(&str, Ident, TokenStream)> = Vec::new();
    let mut arg_names = names::Namespace::default();
    let mut parts: Vec<TokenStream> = Vec::new();
    for seg in ch.full_segments() {
        match seg {
            AddressSegment::Literal(text) => parts.push(quote!(#text)),
            AddressSegment::Param(param) => {
                let enum_ty = ch.params.get(param).and_then(|ty| match ctx.c.resolve(ty) {
                    TypeRef::Named(id) => ctx.types.get(id).cloned(),
                    _ => None,
                });
                let arg = match params.iter().find(|(p, _, _)| *p == param) {
                    Some((_, arg, _)) => arg.clone(),
                    None => {
                        let arg = names::ident(&arg_names.claim(&names::field_text(param)));
                        let ty = match &enum_ty {
                            Some(ty) => quote!(super::#ty),
                            None => quote!(&str),
                        };
                        params.push((param, arg.clone(), ty));
                        arg
                    }
                };
                parts.push(match enum_ty {
                    Some(_) => quote!(#arg.as_str()),
                    None => quote!(#arg),
                });
            }
        }
    }
    let args = params.iter().map(|(_, arg, ty)| quote!(#arg: #ty));
    let doc = format!(
        " The address of channel {} ({}) for the given parameters.",
        names::code_span(&ch.name),
        names::code_span(&ch.full_address)
    );
    quote! {
        #[doc = #doc]
        pub fn #name(#(#args),*) -> String {
            [#(#parts),*].concat()
        }
    }
}
