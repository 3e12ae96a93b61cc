//! Per-contract emission context: the names every item gets, facts about
//! types (equality, recursion) and which runtime helpers the module uses.

use super::names::{self, Namespace};
use super::options::Options;
use crate::emit::value_rules::{self, Rules};
use crate::model::*;
use indexmap::{IndexMap, IndexSet};
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use std::cell::RefCell;
use std::collections::BTreeSet;

/// Type names the generated module defines itself, and the standard prelude
/// names its code spells without a path (a contract type of the same name
/// would shadow them, so it is renamed instead).
pub const RESERVED_TYPES: &[&str] = &[
    "Message",
    "AnyEvent",
    "Event",
    "Maybe",
    "Map",
    "Direction",
    "Priority",
    "EventMeta",
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "From",
];

/// Names of one event's generated items.
#[derive(Debug, Clone)]
pub struct EventNames {
    /// The per-event type (`OrderUpdateEvent`).
    pub ty: Ident,
    /// The `AnyEvent` variant (`OrderUpdate`).
    pub variant: Ident,
    /// The wire-name constant in `events` (`ORDER_UPDATE`).
    pub constant: Ident,
    /// Deprecated constants for legacy identifiers.
    pub legacy: Vec<Ident>,
}

/// One envelope field as it appears on `Message`.
#[derive(Debug, Clone)]
pub struct MessageField<'c> {
    /// The field (from the first envelope shape that declares it).
    pub field: &'c Field,
    /// Identifier on `Message`.
    pub ident: Ident,
    /// Required (non-`Option` key) in every envelope shape.
    pub always_required: bool,
}

/// Everything emitters need to know about one contract.
pub struct Ctx<'c> {
    /// The contract.
    pub c: &'c Contract,
    /// Type names by id.
    pub types: IndexMap<TypeId, Ident>,
    /// Event names by wire name.
    pub events: IndexMap<String, EventNames>,
    /// Channel constant names by channel key.
    pub channels: IndexMap<String, Ident>,
    /// Envelope fields stored on `Message`, over every shape.
    pub message_fields: Vec<MessageField<'c>>,
    /// The types whose values carry value rules (what `validate` checks).
    pub rules: Rules<'c>,
    /// The contract's patterns, by index into the module's `patterns()`.
    pub patterns: IndexSet<&'c str>,
    /// Whether the module checks channel addresses (`is_address_of`): a
    /// `channel` value or a field derived from the event's channel.
    pub checks_channels: bool,
    /// Whether some value is of type `channel` (`is_channel`).
    pub channel_values: bool,
    /// The marker type of each required `const` object field, by owning
    /// type and wire key (`StrategyStartedState`).
    pub const_types: IndexMap<(TypeId, String), Ident>,
    /// What the caller asked of the output.
    pub options: &'c Options,
    /// Runtime helpers used so far.
    used: RefCell<BTreeSet<&'static str>>,
}

impl<'c> Ctx<'c> {
    /// Builds the context: allocates every name once, in IR order.
    pub fn new(c: &'c Contract, options: &'c Options) -> Self {
        let mut ns = Namespace::with_reserved(RESERVED_TYPES);
        let types = c
            .types
            .values()
            .map(|t| {
                (
                    t.id.clone(),
                    names::ident(&ns.claim(&names::type_text(&t.ident))),
                )
            })
            .collect();
        let mut variants = Namespace::with_reserved(&["Unknown"]);
        let mut consts = Namespace::default();
        let events = c
            .events
            .values()
            .map(|e| {
                let stem = names::type_text(&e.ident);
                let names = EventNames {
                    ty: names::ident(&ns.claim(&format!("{stem}Event"))),
                    variant: names::ident(&variants.claim(&stem)),
                    constant: names::ident(&consts.claim(&names::const_text(&e.ident))),
                    legacy: e
                        .legacy_idents
                        .iter()
                        .map(|l| names::ident(&consts.claim(&names::const_text(l))))
                        .collect(),
                };
                (e.name.clone(), names)
            })
            .collect();
        let const_types = const_types(c, &mut ns);
        let mut channel_ns = Namespace::default();
        let channels = c
            .channels
            .values()
            .map(|ch| {
                let name = channel_ns.claim(&names::const_text(&ch.ident));
                (ch.name.clone(), names::ident(&name))
            })
            .collect();
        let rules = Rules::of(c);
        let channel_values = value_rules::has_channel_values(c);
        let checks_channels = channel_values || value_rules::has_derived_channels(c);
        let patterns = rules.patterns(checks_channels);
        Ctx {
            c,
            rules,
            patterns,
            checks_channels,
            channel_values,
            types,
            events,
            channels,
            message_fields: message_fields(c),
            const_types,
            options,
            used: RefCell::new(BTreeSet::new()),
        }
    }

    /// The identifier of a type.
    pub fn type_ident(&self, id: &TypeId) -> Ident {
        self.types
            .get(id)
            .cloned()
            .unwrap_or_else(|| names::ident(&names::type_text(id.as_str())))
    }

    /// Names of an event's items.
    pub fn event(&self, e: &Event) -> &EventNames {
        &self.events[&e.name]
    }

    /// The marker type of a required `const` field of object `owner`, if `f` is one.
    pub fn const_type(&self, owner: &TypeId, f: &Field) -> Option<&Ident> {
        self.const_types.get(&(owner.clone(), f.name.clone()))
    }

    /// Records that a runtime helper is needed.
    pub fn use_helper(&self, name: &'static str) {
        self.used.borrow_mut().insert(name);
    }

    /// The runtime helpers recorded since the last call.
    pub fn take_used_helpers(&self) -> BTreeSet<&'static str> {
        self.used.take()
    }

    /// Whether values of the type can derive `PartialEq` (no raw JSON inside).
    pub fn comparable(&self, ty: &TypeRef) -> bool {
        self.c.graph.is_comparable(ty)
    }

    /// Whether the type definition can derive `PartialEq`.
    pub fn comparable_def(&self, id: &TypeId) -> bool {
        self.c.graph.is_comparable_def(id)
    }

    /// The Rust type of a value of `ty` (no optional/nullable wrapper).
    pub fn rust_type(&self, ty: &TypeRef) -> TokenStream {
        match ty {
            TypeRef::String(_)
            | TypeRef::Channel
            | TypeRef::Timestamp(TimestampEncoding::Rfc3339) => {
                quote!(String)
            }
            TypeRef::Timestamp(_) => quote!(i64),
            TypeRef::Integer(rules) => match rules.width {
                IntWidth::I32 => quote!(i32),
                IntWidth::I64 => quote!(i64),
                IntWidth::U32 => quote!(u32),
                IntWidth::U64 => quote!(u64),
            },
            TypeRef::Number(_) => quote!(f64),
            TypeRef::Boolean => quote!(bool),
            TypeRef::Json => quote!(Box<::serde_json::value::RawValue>),
            TypeRef::Array(a) => {
                let inner = self.rust_type(&a.items);
                quote!(Vec<#inner>)
            }
            TypeRef::Map(m) => {
                let inner = self.rust_type(&m.values);
                quote!(Map<#inner>)
            }
            TypeRef::Named(id) => {
                let name = self.type_ident(id);
                quote!(#name)
            }
        }
    }

    /// The Rust type of a field: `T`, `Option<T>` (optional or nullable) or `Maybe<T>` (both).
    /// `boxed` wraps `T` in a `Box` (recursive types).
    pub fn field_type(&self, f: &Field, ty: &TypeRef, boxed: bool) -> TokenStream {
        let inner = self.rust_type(ty);
        let inner = if boxed { quote!(Box<#inner>) } else { inner };
        match (f.optional, f.nullable) {
            (true, true) => quote!(Maybe<#inner>),
            (false, false) => inner,
            _ => quote!(Option<#inner>),
        }
    }

    /// Whether a field of type `field_ty` inside type `owner` must be boxed to keep
    /// the type finite (it leads back to `owner` without passing a container).
    pub fn needs_box(&self, owner: &TypeId, field_ty: &TypeRef) -> bool {
        self.c.graph.is_recursive_field(owner, field_ty)
    }
}

/// Whether an envelope field is stored on `Message`: derived fields and data
/// (the discriminator, payload, compression flag and required constants are
/// written and checked by the message code itself).
pub fn stored(role: FieldRole) -> bool {
    matches!(role, FieldRole::Derived(_) | FieldRole::Data)
}

fn message_fields(c: &Contract) -> Vec<MessageField<'_>> {
    let mut ns = names::Namespace::with_reserved(&["event"]);
    let mut out: Vec<MessageField<'_>> = Vec::new();
    for env in c.envelopes.values() {
        for (f, _) in env.fields_with_roles().filter(|(_, role)| stored(*role)) {
            if out.iter().any(|m| m.field.name == f.name) {
                continue;
            }
            let always_required = !f.optional
                && c.envelopes.values().all(|e| {
                    e.field(&f.name)
                        .is_some_and(|g| !g.optional && g.ty == f.ty)
                });
            out.push(MessageField {
                field: f,
                ident: names::ident(&ns.claim(&names::field_text(&f.ident))),
                always_required,
            });
        }
    }
    out
}

/// Names the marker type of every required `const` object field: a field
/// that can hold one value only is not for the caller to fill, so its Rust
/// type is a unit struct that writes the constant and refuses any other.
fn const_types(c: &Contract, ns: &mut Namespace) -> IndexMap<(TypeId, String), Ident> {
    let mut out = IndexMap::new();
    for t in c.types.values() {
        let TypeKind::Object(o) = &t.kind else {
            continue;
        };
        for f in o.fields.iter().filter(|f| is_fixed(f)) {
            let text = names::type_text(&format!("{}_{}", t.ident, f.ident));
            out.insert(
                (t.id.clone(), f.name.clone()),
                names::ident(&ns.claim(&text)),
            );
        }
    }
    out
}

/// Whether a field always holds its constant: `const` and required.
fn is_fixed(f: &Field) -> bool {
    f.constant.is_some() && !f.optional
}
