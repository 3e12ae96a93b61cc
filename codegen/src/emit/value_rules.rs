//! The value rules generated readers check after decoding: what `eventc
//! validate` checks that a language's types cannot express (lengths,
//! patterns, ranges, timestamp formats, channel addresses, collection sizes,
//! map key patterns), as one language-neutral plan per type reference that
//! the Rust and Go emitters render. The rules themselves come from the IR;
//! this module only decides which values carry any, so a reader walks no
//! value that has nothing to check.

use crate::model::*;
use indexmap::IndexSet;
use std::collections::HashSet;

/// What to check in a value of one type reference.
#[derive(Debug, Clone)]
pub enum Check<'c> {
    /// A string's length and pattern.
    String(&'c StringRules),
    /// An integer's `min`/`max`.
    Integer(Option<i128>, Option<i128>),
    /// A number's `min`/`max`.
    Number(Option<f64>, Option<f64>),
    /// An RFC 3339 timestamp string.
    Rfc3339,
    /// A unix timestamp; the number of units per second (1 or 1000).
    Unix(i64),
    /// A channel address of the contract.
    Channel,
    /// An array: its length bounds, and what to check in each item.
    Array(Option<u64>, Option<u64>, Option<Box<Check<'c>>>),
    /// A map: its key pattern, and what to check in each value.
    Map(Option<&'c Pattern>, Option<Box<Check<'c>>>),
    /// A named object, union or alias that carries rules: its own check.
    Named(&'c TypeId),
    /// An optional `const` field's value (a required one has no field: the
    /// decoders check it): the rules of its type, then the constant, as
    /// `eventc validate` checks them.
    Const(&'c serde_json::Value, Option<Box<Check<'c>>>),
}

/// The named types whose values carry value rules somewhere inside.
pub struct Rules<'c> {
    c: &'c Contract,
    checked: HashSet<&'c TypeId>,
}

impl<'c> Rules<'c> {
    /// Finds the types with rules: a type has rules when a value of it can
    /// break one, directly or through a type it holds (iterated to a fixed
    /// point, so recursive types are settled).
    pub fn of(c: &'c Contract) -> Self {
        let mut rules = Rules {
            c,
            checked: HashSet::new(),
        };
        loop {
            let before = rules.checked.len();
            for t in c.types.values() {
                if !rules.checked.contains(&t.id) && rules.def_has_rules(&t.kind) {
                    rules.checked.insert(&t.id);
                }
            }
            if rules.checked.len() == before {
                return rules;
            }
        }
    }

    fn def_has_rules(&self, kind: &'c TypeKind) -> bool {
        match kind {
            TypeKind::Object(o) => o.fields.iter().any(|f| self.field(f).is_some()),
            TypeKind::Union(u) => u
                .variants
                .iter()
                .any(|v| self.checked.contains(&v.ty) || self.has(&v.ty)),
            TypeKind::Alias(ty) => self.check(ty).is_some(),
            TypeKind::Enum(_) => false,
        }
    }

    /// What to check in the value of an object field: the rules of its type,
    /// and its constant when it is optional (a required constant has no
    /// field in Rust or Go: their decoders check it).
    pub fn field(&self, f: &'c Field) -> Option<Check<'c>> {
        match &f.constant {
            Some(v) if f.optional => Some(Check::Const(v, self.check(&f.ty).map(Box::new))),
            Some(_) => None,
            None => self.check(&f.ty),
        }
    }

    /// Whether values of the named type carry rules.
    pub fn has(&self, id: &TypeId) -> bool {
        self.checked.contains(id)
    }

    /// What to check in a value of `ty`; `None` when nothing can be wrong
    /// with it that decoding did not already refuse.
    pub fn check(&self, ty: &'c TypeRef) -> Option<Check<'c>> {
        match ty {
            TypeRef::String(r) => {
                (r.pattern.is_some() || r.min_length.is_some() || r.max_length.is_some())
                    .then_some(Check::String(r))
            }
            TypeRef::Integer(r) => {
                (r.min.is_some() || r.max.is_some()).then_some(Check::Integer(r.min, r.max))
            }
            TypeRef::Number(r) => {
                (r.min.is_some() || r.max.is_some()).then_some(Check::Number(r.min, r.max))
            }
            TypeRef::Timestamp(TimestampEncoding::Rfc3339) => Some(Check::Rfc3339),
            TypeRef::Timestamp(TimestampEncoding::UnixS) => Some(Check::Unix(1)),
            TypeRef::Timestamp(TimestampEncoding::UnixMs) => Some(Check::Unix(1000)),
            TypeRef::Channel => Some(Check::Channel),
            TypeRef::Boolean | TypeRef::Json => None,
            TypeRef::Array(a) => {
                let items = self.check(&a.items).map(Box::new);
                (items.is_some() || a.min_items.is_some() || a.max_items.is_some())
                    .then_some(Check::Array(a.min_items, a.max_items, items))
            }
            TypeRef::Map(m) => {
                let values = self.check(&m.values).map(Box::new);
                (values.is_some() || m.key_pattern.is_some())
                    .then_some(Check::Map(m.key_pattern.as_ref(), values))
            }
            TypeRef::Named(id) => self.has(id).then_some(Check::Named(id)),
        }
    }

    /// Every pattern a reader of the contract checks (string rules, map key
    /// patterns, channel parameters), each source once, in IR order: the
    /// readers compile each once and refer to it by its index here. The
    /// patterns of channel parameters count only when `channels` says the
    /// reader checks channel addresses.
    pub fn patterns(&self, channels: bool) -> IndexSet<&'c str> {
        let mut out = IndexSet::new();
        let mut add = |ty: &'c TypeRef| {
            visit_patterns(ty, &mut |p| {
                out.insert(p.source.as_str());
            })
        };
        for t in self.c.types.values() {
            match &t.kind {
                TypeKind::Object(o) => o.fields.iter().for_each(|f| add(&f.ty)),
                TypeKind::Alias(ty) => add(ty),
                TypeKind::Union(_) | TypeKind::Enum(_) => {}
            }
        }
        for env in self.c.envelopes.values() {
            env.fields.iter().for_each(|f| add(&f.ty));
        }
        for e in self.c.events.values() {
            if let Some(ty) = &e.payload {
                add(ty);
            }
        }
        if channels {
            for ch in self.c.channels.values() {
                ch.params.values().for_each(&mut add);
            }
        }
        out
    }
}

/// Calls `f` with each pattern written directly in `ty` (not through named types).
fn visit_patterns<'c>(ty: &'c TypeRef, f: &mut dyn FnMut(&'c Pattern)) {
    match ty {
        TypeRef::String(r) => r.pattern.iter().for_each(f),
        TypeRef::Array(a) => visit_patterns(&a.items, f),
        TypeRef::Map(m) => {
            m.key_pattern.iter().for_each(&mut *f);
            visit_patterns(&m.values, f);
        }
        _ => {}
    }
}

/// How a channel parameter's text is checked, after following aliases.
pub enum ParamCheck<'c> {
    /// Any text fits.
    Any,
    /// String rules.
    String(&'c StringRules),
    /// An RFC 3339 timestamp.
    Rfc3339,
    /// A value of a closed string enum.
    Enum(&'c TypeId),
    /// An address of a channel.
    Channel,
    /// No text fits (the parameter's type is not a string type).
    None,
}

/// How the text standing for a channel parameter of type `ty` is checked
/// (the validator's rule: the text is a value of the parameter's type).
pub fn param_check<'c>(c: &'c Contract, ty: &'c TypeRef) -> ParamCheck<'c> {
    match c.resolve(ty) {
        TypeRef::String(r)
            if r.pattern.is_none() && r.min_length.is_none() && r.max_length.is_none() =>
        {
            ParamCheck::Any
        }
        TypeRef::String(r) => ParamCheck::String(r),
        TypeRef::Timestamp(TimestampEncoding::Rfc3339) => ParamCheck::Rfc3339,
        TypeRef::Channel => ParamCheck::Channel,
        TypeRef::Json => ParamCheck::Any,
        TypeRef::Named(id) => match c.type_def(id).map(|t| &t.kind) {
            Some(TypeKind::Enum(e)) if e.repr == EnumRepr::String && e.open => ParamCheck::Any,
            Some(TypeKind::Enum(e)) if e.repr == EnumRepr::String => ParamCheck::Enum(id),
            _ => ParamCheck::None,
        },
        _ => ParamCheck::None,
    }
}

/// Whether some value of the contract is of type `channel` (in a type, an
/// envelope field, a payload or a channel parameter).
pub fn has_channel_values(c: &Contract) -> bool {
    fn mentions(ty: &TypeRef) -> bool {
        match ty {
            TypeRef::Channel => true,
            TypeRef::Array(a) => mentions(&a.items),
            TypeRef::Map(m) => mentions(&m.values),
            _ => false,
        }
    }
    let in_types = c.types.values().any(|t| match &t.kind {
        TypeKind::Object(o) => o.fields.iter().any(|f| mentions(&f.ty)),
        TypeKind::Alias(ty) => mentions(ty),
        TypeKind::Union(_) | TypeKind::Enum(_) => false,
    });
    in_types
        || c.envelopes
            .values()
            .flat_map(|e| &e.fields)
            .any(|f| mentions(&f.ty))
        || c.events
            .values()
            .filter_map(|e| e.payload.as_ref())
            .any(mentions)
        || c.channels
            .values()
            .flat_map(|ch| ch.params.values())
            .any(mentions)
}

/// Whether an envelope field is derived from the channel of an event that has one.
pub fn has_derived_channels(c: &Contract) -> bool {
    c.events.values().any(|e| {
        c.channel_of(e).is_some()
            && c.envelope_of(e)
                .fields
                .iter()
                .any(|f| f.derived == Some(Derived::Channel))
    })
}
