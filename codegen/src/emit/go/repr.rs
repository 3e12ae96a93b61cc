//! How IR types and fields are represented in Go: the Go type of a type
//! reference, and how a field's optional and nullable flags wrap it.

use super::context::Ctx;
use super::names::Names;
use super::runtime::Helper;
use super::text::cat;
use crate::model::{Contract, Field, IntWidth, TimestampEncoding, TypeKind, TypeRef};

/// How a value with given optional/nullable flags is held in Go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rep {
    /// Free-form JSON: `json.RawMessage` (nil = absent, `null` kept as text).
    Raw,
    /// Required and not nullable: `T`.
    Plain,
    /// Optional, not nullable: `*T` (nil = absent).
    Optional,
    /// Optional, not nullable slice or map: `[]T` / `map[string]T` (nil = absent).
    OptionalContainer,
    /// Required, nullable: `*T` (nil = null).
    Nullable,
    /// Optional and nullable: `Nullable[T]`.
    TriState,
}

impl Rep {
    /// The representation for a type and its flags.
    pub fn of(ty: &TypeRef, optional: bool, nullable: bool) -> Rep {
        match (ty, optional, nullable) {
            (TypeRef::Json, _, _) => Rep::Raw,
            (TypeRef::Array(_) | TypeRef::Map(_), true, false) => Rep::OptionalContainer,
            (_, false, false) => Rep::Plain,
            (_, true, false) => Rep::Optional,
            (_, false, true) => Rep::Nullable,
            (_, true, true) => Rep::TriState,
        }
    }

    /// The representation of a field.
    pub fn of_field(f: &Field) -> Rep {
        Rep::of(&f.ty, f.optional, f.nullable)
    }

    /// The representation of an event payload (an optional container payload is a pointer).
    pub fn of_payload(f: &Field) -> Rep {
        match Rep::of_field(f) {
            Rep::OptionalContainer => Rep::Optional,
            rep => rep,
        }
    }

    /// The Go type holding a value of base type `base`.
    pub fn wrap(self, ctx: &Ctx, base: &str) -> String {
        match self {
            Rep::Raw => "json.RawMessage".to_owned(),
            Rep::Plain | Rep::OptionalContainer => base.to_owned(),
            Rep::Optional | Rep::Nullable => cat!("*", base),
            Rep::TriState => cat!(ctx.use_helper(Helper::NullableType), "[", base, "]"),
        }
    }

    /// The runtime helper that decodes a member into this representation.
    pub fn decoder(self) -> Helper {
        match self {
            Rep::Raw => Helper::RawValue,
            Rep::Plain => Helper::Required,
            Rep::Optional => Helper::Optional,
            Rep::OptionalContainer => Helper::OptionalValue,
            Rep::Nullable => Helper::Nullable,
            Rep::TriState => Helper::OptionalNullable,
        }
    }
}

/// The Go type of a type reference.
pub fn go_type(names: &Names, ty: &TypeRef) -> String {
    match ty {
        TypeRef::String(_) => "string".to_owned(),
        TypeRef::Integer(rules) => int_type(rules.width).to_owned(),
        TypeRef::Number(_) => "float64".to_owned(),
        TypeRef::Boolean => "bool".to_owned(),
        TypeRef::Timestamp(enc) => timestamp_helper(*enc).name().to_owned(),
        TypeRef::Json => "json.RawMessage".to_owned(),
        TypeRef::Channel => "ChannelType".to_owned(),
        TypeRef::Array(a) => cat!("[]", go_type(names, &a.items)),
        TypeRef::Map(m) => cat!("map[string]", go_type(names, &m.values)),
        TypeRef::Named(id) => names
            .types
            .get(id)
            .cloned()
            .unwrap_or_else(|| "json.RawMessage".to_owned()),
    }
}

/// The runtime type holding timestamps of an encoding.
pub fn timestamp_helper(enc: TimestampEncoding) -> Helper {
    match enc {
        TimestampEncoding::Rfc3339 => Helper::Timestamp,
        TimestampEncoding::UnixS => Helper::UnixSeconds,
        TimestampEncoding::UnixMs => Helper::UnixMillis,
    }
}

/// The timestamp encodings a contract's values use, in any type, envelope
/// field, payload or channel parameter (each needs its runtime type).
pub fn timestamp_encodings(c: &Contract) -> Vec<TimestampEncoding> {
    fn visit(ty: &TypeRef, out: &mut Vec<TimestampEncoding>) {
        match ty {
            TypeRef::Timestamp(enc) if !out.contains(enc) => out.push(*enc),
            TypeRef::Array(a) => visit(&a.items, out),
            TypeRef::Map(m) => visit(&m.values, out),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for t in c.types.values() {
        match &t.kind {
            TypeKind::Object(o) => o.fields.iter().for_each(|f| visit(&f.ty, &mut out)),
            TypeKind::Alias(ty) => visit(ty, &mut out),
            TypeKind::Union(_) | TypeKind::Enum(_) => {}
        }
    }
    for f in c.envelopes.values().flat_map(|e| &e.fields) {
        visit(&f.ty, &mut out);
    }
    for ty in c.events.values().filter_map(|e| e.payload.as_ref()) {
        visit(ty, &mut out);
    }
    for ty in c.channels.values().flat_map(|ch| ch.params.values()) {
        visit(ty, &mut out);
    }
    out
}

/// The Go integer type of a width.
pub fn int_type(width: IntWidth) -> &'static str {
    match width {
        IntWidth::I32 => "int32",
        IntWidth::I64 => "int64",
        IntWidth::U32 => "uint32",
        IntWidth::U64 => "uint64",
    }
}

/// The helper that writes a nil value of `ty` as `[]`/`{}`, when values of
/// `ty` are Go slices or maps.
pub fn container(contract: &Contract, ty: &TypeRef) -> Option<Helper> {
    match contract.resolve(ty) {
        TypeRef::Array(_) => Some(Helper::NonNilSlice),
        TypeRef::Map(_) => Some(Helper::NonNilMap),
        _ => None,
    }
}

/// What the decoder checks in the arrays and maps of a value of `ty` before
/// decoding it (see the runtime's `checkItems`), one letter per level: `a`
/// an array whose items must not be null, `m` a map whose values must not be
/// null (the IR has no nullable items), `k` a map of free-form `json` values,
/// which may be anything. No map may repeat a key. Empty when there is
/// nothing to check (not a container, or an array of `json`). A container
/// type that holds itself (`L: array<L>`) is followed down to where it comes
/// back, so the shape is finite.
pub fn item_checks(contract: &Contract, ty: &TypeRef) -> String {
    let mut shape = String::new();
    let mut seen = Vec::new();
    let mut ty = contract.resolve(ty);
    loop {
        let (items, level) = match ty {
            TypeRef::Array(a) => (&a.items, 'a'),
            TypeRef::Map(m) => (&m.values, 'm'),
            _ => return shape,
        };
        if let TypeRef::Named(id) = items {
            if seen.contains(&id) {
                return shape;
            }
            seen.push(id);
        }
        ty = contract.resolve(items);
        if matches!(ty, TypeRef::Json) {
            if level == 'm' {
                shape.push('k');
            }
            return shape;
        }
        shape.push(level);
    }
}
