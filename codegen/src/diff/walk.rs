//! Structural comparison of two uses of a type.
//!
//! Types are compared by what they allow on the wire, not by name: a named
//! type renamed with the same structure gives no finding. Every pair of
//! named types is entered once ([`Ctx::first_visit`]), so recursive types
//! end and a type shared by several events is reported once, at
//! `types.<Name>` with the readers of all of them.

use super::{child, constraints, enums, fields, lifecycle, type_path, Ctx, Readers};
use crate::diff::severity::Change;
use crate::diff::RuleDoc;
use crate::model::{
    Contract, EnumRepr, Field, Origin, TimestampEncoding, TypeDef, TypeId, TypeKind, TypeRef,
};
use crate::source::Span;
use rustc_hash::FxHashSet;
use std::fmt;

/// Where a comparison stands: the path, the spans of the parts compared and
/// who reads them.
#[derive(Debug, Clone)]
pub(crate) struct Site {
    /// Path of the part (see `docs/diff-rules.md`).
    pub path: String,
    /// The part in the old contract.
    pub old: Option<Span>,
    /// The part in the new contract.
    pub new: Option<Span>,
    /// Who reads messages carrying it.
    pub readers: Readers,
}

impl Site {
    /// A site below this one, at the same spans.
    pub fn below(&self, key: &str) -> Site {
        Site {
            path: child(&self.path, key),
            ..self.clone()
        }
    }

    /// The same path with other spans.
    pub fn spanning(&self, old: Option<Span>, new: Option<Span>) -> Site {
        Site {
            old,
            new,
            ..self.clone()
        }
    }
}

impl Ctx<'_> {
    /// Records a finding at a site, with its spans.
    pub fn report_at(&mut self, rule: &RuleDoc, change: Change, site: &Site, message: String) {
        self.report(rule, change, site.readers, &site.path, message)
            .at(site.old, site.new);
    }
}

/// Compares an old use of a type with a new one.
pub(crate) fn compare(cx: &mut Ctx, site: &Site, old: &TypeRef, new: &TypeRef) {
    if let (TypeRef::Named(a), TypeRef::Named(b)) = (old, new) {
        return named_pair(cx, site, a, b);
    }
    if let Some(target) = alias_target(cx.old, old) {
        return compare(cx, site, target, new);
    }
    if let Some(target) = alias_target(cx.new, new) {
        return compare(cx, site, old, target);
    }
    match (old, new) {
        (TypeRef::String(a), TypeRef::String(b)) => constraints::strings(cx, site, a, b),
        (TypeRef::Integer(a), TypeRef::Integer(b)) => constraints::integers(cx, site, a, b),
        (TypeRef::Number(a), TypeRef::Number(b)) => constraints::numbers(cx, site, a, b),
        (TypeRef::Boolean, TypeRef::Boolean)
        | (TypeRef::Json, TypeRef::Json)
        | (TypeRef::Channel, TypeRef::Channel) => {}
        (TypeRef::Timestamp(a), TypeRef::Timestamp(b)) => {
            if a != b {
                let message = format!("timestamp encoding {} → {}", encoding(*a), encoding(*b));
                cx.report_at(
                    &fields::TIMESTAMP_ENCODING_CHANGED,
                    Change::Incompatible,
                    site,
                    message,
                );
            }
        }
        (TypeRef::Array(a), TypeRef::Array(b)) => {
            constraints::counts(
                cx,
                site,
                "items",
                (a.min_items, a.max_items),
                (b.min_items, b.max_items),
            );
            compare(cx, &site.below("items"), &a.items, &b.items);
        }
        (TypeRef::Map(a), TypeRef::Map(b)) => {
            constraints::patterns(
                cx,
                site,
                "key pattern",
                a.key_pattern.as_ref(),
                b.key_pattern.as_ref(),
            );
            compare(cx, &site.below("values"), &a.values, &b.values);
        }
        _ => kind_changed(cx, site, Shape::of(cx.old, old), Shape::of(cx.new, new)),
    }
}

/// The type a named alias stands for (one level), when `ty` names an alias.
fn alias_target<'c>(c: &'c Contract, ty: &TypeRef) -> Option<&'c TypeRef> {
    match ty {
        TypeRef::Named(id) => match &c.type_def(id)?.kind {
            TypeKind::Alias(target) => Some(target),
            _ => None,
        },
        _ => None,
    }
}

/// Compares two named types, once per pair. A declared new type is reported
/// at `types.<Name>`; a type hoisted from inline use where it was written.
fn named_pair(cx: &mut Ctx, site: &Site, a: &TypeId, b: &TypeId) {
    if !cx.first_visit(a, b) {
        return;
    }
    let (Some(da), Some(db)) = (cx.old.type_def(a), cx.new.type_def(b)) else {
        return;
    };
    let readers = cx.type_readers(a, b);
    let site = match db.origin {
        Origin::Declared => Site {
            path: type_path(b),
            old: Some(da.span),
            new: Some(db.span),
            readers,
        },
        Origin::Inline(_) => Site {
            path: site.path.clone(),
            old: Some(da.span),
            new: Some(db.span),
            readers,
        },
    };
    compare_defs(cx, &site, da, db);
}

/// Compares two type definitions by kind.
pub(crate) fn compare_defs(cx: &mut Ctx, site: &Site, da: &TypeDef, db: &TypeDef) {
    let (old_ref, new_ref) = (TypeRef::Named(da.id.clone()), TypeRef::Named(db.id.clone()));
    match (&da.kind, &db.kind) {
        (TypeKind::Alias(x), _) => compare(cx, site, x, &new_ref),
        (_, TypeKind::Alias(y)) => compare(cx, site, &old_ref, y),
        (TypeKind::Object(o), TypeKind::Object(n)) => fields::compare_objects(cx, site, o, n),
        (TypeKind::Enum(o), TypeKind::Enum(n)) => enums::compare_enums(cx, site, o, n),
        (TypeKind::Union(o), TypeKind::Union(n)) => constraints::compare_unions(cx, site, o, n),
        _ => kind_changed(
            cx,
            site,
            Shape::of(cx.old, &old_ref),
            Shape::of(cx.new, &new_ref),
        ),
    }
}

/// Compares declared types that no event reaches in either contract (their
/// changes reach no reader, so they are listed as info), and reports
/// declared types on one side only that no comparison entered.
pub(crate) fn unreached_types(cx: &mut Ctx) {
    let declared =
        |c: &Contract, id: &TypeId| c.type_def(id).is_some_and(|t| t.origin == Origin::Declared);
    let pairs: Vec<&TypeId> = cx
        .old
        .types
        .keys()
        .filter(|id| declared(cx.old, id) && declared(cx.new, id) && !cx.new_type_visited(id))
        .collect();
    let nowhere = Site {
        path: String::new(),
        old: None,
        new: None,
        readers: Readers::None,
    };
    for id in pairs {
        named_pair(cx, &nowhere, id, id);
    }
    let gone: Vec<&TypeDef> = cx
        .old
        .types
        .values()
        .filter(|t| {
            t.origin == Origin::Declared
                && cx.new.type_def(&t.id).is_none()
                && !cx.old_type_visited(&t.id)
        })
        .collect();
    for t in gone {
        let message = format!("unused type `{}` removed", t.id);
        cx.report(
            &lifecycle::UNUSED_TYPE_REMOVED,
            Change::Safe,
            Readers::None,
            &type_path(&t.id),
            message,
        )
        .at(Some(t.span), None);
    }
    let new: Vec<&TypeDef> = cx
        .new
        .types
        .values()
        .filter(|t| {
            t.origin == Origin::Declared
                && cx.old.type_def(&t.id).is_none()
                && !cx.new_type_visited(&t.id)
        })
        .collect();
    for t in new {
        let message = format!("unused type `{}` added", t.id);
        cx.report(
            &lifecycle::UNUSED_TYPE_ADDED,
            Change::Safe,
            Readers::None,
            &type_path(&t.id),
            message,
        )
        .at(None, Some(t.span));
    }
}

/// The outline of a type: what a reader sees first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    String,
    Integer,
    Number,
    Boolean,
    Timestamp(TimestampEncoding),
    Json,
    Channel,
    Array,
    Map,
    Object,
    Enum(EnumRepr),
    Union,
}

impl Shape {
    /// The outline of a use of a type, through aliases.
    pub fn of(c: &Contract, ty: &TypeRef) -> Shape {
        match c.resolve(ty) {
            TypeRef::String(_) => Shape::String,
            TypeRef::Integer(_) => Shape::Integer,
            TypeRef::Number(_) => Shape::Number,
            TypeRef::Boolean => Shape::Boolean,
            TypeRef::Timestamp(e) => Shape::Timestamp(*e),
            TypeRef::Json => Shape::Json,
            TypeRef::Channel => Shape::Channel,
            TypeRef::Array(_) => Shape::Array,
            TypeRef::Map(_) => Shape::Map,
            TypeRef::Named(id) => match c.type_def(id).map(|t| &t.kind) {
                Some(TypeKind::Enum(e)) => Shape::Enum(e.repr),
                Some(TypeKind::Union(_)) => Shape::Union,
                _ => Shape::Object,
            },
        }
    }

    fn is_container(self) -> bool {
        matches!(self, Shape::Array | Shape::Map)
    }
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Shape::String => f.write_str("string"),
            Shape::Integer => f.write_str("integer"),
            Shape::Number => f.write_str("number"),
            Shape::Boolean => f.write_str("boolean"),
            Shape::Timestamp(e) => write!(f, "timestamp ({})", encoding(*e)),
            Shape::Json => f.write_str("json"),
            Shape::Channel => f.write_str("channel"),
            Shape::Array => f.write_str("array"),
            Shape::Map => f.write_str("map"),
            Shape::Object => f.write_str("object"),
            Shape::Enum(EnumRepr::String) => f.write_str("string enum"),
            Shape::Enum(EnumRepr::Integer) => f.write_str("integer enum"),
            Shape::Union => f.write_str("union"),
        }
    }
}

/// The name of a timestamp encoding as written in a contract.
fn encoding(e: TimestampEncoding) -> &'static str {
    match e {
        TimestampEncoding::Rfc3339 => "rfc3339",
        TimestampEncoding::UnixS => "unix_s",
        TimestampEncoding::UnixMs => "unix_ms",
    }
}

/// Reports a change of outline: a widening or narrowing when every old value
/// is a new one or the reverse (integer ⊂ number, string enum ⊂ string,
/// anything ⊂ json), a cardinality change between scalars, arrays and maps,
/// else an incompatible type change.
fn kind_changed(cx: &mut Ctx, site: &Site, old: Shape, new: Shape) {
    use Shape::*;
    let rfc = Timestamp(TimestampEncoding::Rfc3339);
    let (rule, change) = match (old, new) {
        (_, Json) | (Integer, Number) | (Enum(EnumRepr::String) | Channel, String) => {
            (&fields::FIELD_TYPE_WIDENED, Change::Widens)
        }
        (Enum(EnumRepr::Integer), Integer) => (&fields::FIELD_TYPE_WIDENED, Change::Widens),
        (t, String) if t == rfc => (&fields::FIELD_TYPE_WIDENED, Change::Widens),
        (Json, _) | (Number, Integer) | (String, Channel) => {
            (&fields::FIELD_TYPE_NARROWED, Change::Narrows)
        }
        (String, t) if t == rfc => (&fields::FIELD_TYPE_NARROWED, Change::Narrows),
        (String, Enum(EnumRepr::String)) | (Integer, Enum(EnumRepr::Integer)) => {
            (&enums::FIELD_BECAME_ENUM_OR_CONST, Change::Narrows)
        }
        (Timestamp(_), Timestamp(_)) => (&fields::TIMESTAMP_ENCODING_CHANGED, Change::Incompatible),
        (a, b) if a.is_container() || b.is_container() => {
            (&fields::FIELD_CARDINALITY_CHANGED, Change::Incompatible)
        }
        _ => (&fields::FIELD_TYPE_CHANGED, Change::Incompatible),
    };
    cx.report_at(rule, change, site, format!("type {old} → {new}"));
}

/// Structural equality of types across two contracts; a pair of named types
/// met again is assumed equal (so recursion ends).
struct Equality<'c> {
    old: &'c Contract,
    new: &'c Contract,
    assumed: FxHashSet<(&'c TypeId, &'c TypeId)>,
}

impl<'c> Equality<'c> {
    fn types(&mut self, a: &'c TypeRef, b: &'c TypeRef) -> bool {
        let (a, b) = (self.old.resolve(a), self.new.resolve(b));
        match (a, b) {
            (TypeRef::Named(x), TypeRef::Named(y)) => {
                if !self.assumed.insert((x, y)) {
                    return true;
                }
                match (self.old.type_def(x), self.new.type_def(y)) {
                    (Some(dx), Some(dy)) => self.kinds(&dx.kind, &dy.kind),
                    _ => false,
                }
            }
            (TypeRef::Array(x), TypeRef::Array(y)) => {
                (x.min_items, x.max_items) == (y.min_items, y.max_items)
                    && self.types(&x.items, &y.items)
            }
            (TypeRef::Map(x), TypeRef::Map(y)) => {
                x.key_pattern == y.key_pattern && self.types(&x.values, &y.values)
            }
            _ => a == b,
        }
    }

    fn kinds(&mut self, a: &'c TypeKind, b: &'c TypeKind) -> bool {
        match (a, b) {
            (TypeKind::Object(x), TypeKind::Object(y)) => {
                x.additional == y.additional
                    && x.fields.len() == y.fields.len()
                    && x.fields
                        .iter()
                        .all(|f| y.field(&f.name).is_some_and(|g| self.fields(f, g)))
            }
            (TypeKind::Enum(x), TypeKind::Enum(y)) => {
                x.repr == y.repr
                    && x.open == y.open
                    && x.values.len() == y.values.len()
                    && x.values
                        .iter()
                        .all(|v| y.values.iter().any(|w| w.value == v.value))
            }
            (TypeKind::Union(x), TypeKind::Union(y)) => {
                x.discrimination == y.discrimination
                    && x.variants.len() == y.variants.len()
                    && x.variants.iter().zip(&y.variants).all(|(v, w)| {
                        v.tag == w.tag && v.when == w.when && self.types_named(&v.ty, &w.ty)
                    })
            }
            _ => false,
        }
    }

    fn types_named(&mut self, a: &'c TypeId, b: &'c TypeId) -> bool {
        if !self.assumed.insert((a, b)) {
            return true;
        }
        match (self.old.type_def(a), self.new.type_def(b)) {
            (Some(x), Some(y)) => self.kinds(&x.kind, &y.kind),
            _ => false,
        }
    }

    /// Two fields of the same key carry the same values the same way.
    pub fn fields(&mut self, f: &'c Field, g: &'c Field) -> bool {
        f.optional == g.optional
            && f.nullable == g.nullable
            && f.constant == g.constant
            && f.derived == g.derived
            && self.types(&f.ty, &g.ty)
    }
}

/// Whether an old and a new field carry the same values (their keys aside).
pub(crate) fn same_field(old: &Contract, f: &Field, new: &Contract, g: &Field) -> bool {
    Equality {
        old,
        new,
        assumed: FxHashSet::default(),
    }
    .fields(f, g)
}
