//! Named types (interfaces, enums, unions, aliases) and type expressions.

use super::context::Ctx;
use super::{docs, text};
use crate::emit::printer::Printer;
use crate::model::*;
use crate::naming;
use std::collections::BTreeSet;

/// Where a type expression is used: `json` admits `null` only as an element.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Pos {
    /// A field or payload (nullability comes from the field).
    Field,
    /// An array item or map value.
    Element,
}

/// A rendered type expression.
pub(super) struct Ty {
    text: String,
    /// A top-level union, which needs parentheses before `[]`.
    union: bool,
}

impl Ty {
    fn plain(text: impl Into<String>) -> Self {
        Ty {
            text: text.into(),
            union: false,
        }
    }

    /// The type text.
    pub(super) fn into_text(self) -> String {
        self.text
    }
}

/// A literal type for a JSON scalar, if it is one.
pub(super) fn literal_type(value: &serde_json::Value) -> Option<String> {
    use serde_json::Value;
    match value {
        Value::String(s) => Some(text::string_literal(s)),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null => Some("null".to_owned()),
        Value::Array(_) | Value::Object(_) => None,
    }
}

/// An enum value as a TypeScript literal.
fn enum_literal(value: &EnumLiteral) -> String {
    match value {
        EnumLiteral::Str(s) => text::string_literal(s),
        EnumLiteral::Int(i) => i.to_string(),
    }
}

/// Writes `export type <name> = a | b;`, on several lines when long.
pub(super) fn union_alias(p: &mut Printer, name: &str, members: &[String]) {
    if members.is_empty() {
        p.line(format!("export type {name} = never;"));
        return;
    }
    let one_line = members.join(" | ");
    if one_line.len() + name.len() < 80 {
        p.line(format!("export type {name} = {one_line};"));
        return;
    }
    p.line(format!("export type {name} ="));
    for (i, m) in members.iter().enumerate() {
        let end = if i + 1 == members.len() { ";" } else { "" };
        p.line(format!("  | {m}{end}"));
    }
}

impl Ctx<'_> {
    /// Renders a type expression.
    pub(super) fn ty(&self, t: &TypeRef, pos: Pos) -> Ty {
        match t {
            TypeRef::String(_) => Ty::plain("string"),
            TypeRef::Integer(_) | TypeRef::Number(_) => Ty::plain("number"),
            TypeRef::Boolean => Ty::plain("boolean"),
            TypeRef::Timestamp(TimestampEncoding::Rfc3339) => Ty::plain("string"),
            TypeRef::Timestamp(_) => Ty::plain("number"),
            TypeRef::Json if pos == Pos::Element => Ty {
                text: format!("{} | null", self.json),
                union: true,
            },
            TypeRef::Json => Ty::plain(self.json.clone()),
            TypeRef::Channel => Ty::plain(self.channel_address.as_deref().unwrap_or("string")),
            TypeRef::Array(a) => {
                let item = self.ty(&a.items, Pos::Element);
                if item.union {
                    Ty::plain(format!("({})[]", item.text))
                } else {
                    Ty::plain(format!("{}[]", item.text))
                }
            }
            TypeRef::Map(m) => Ty::plain(format!(
                "{{ [key: string]: {} }}",
                self.ty(&m.values, Pos::Element).text
            )),
            TypeRef::Named(id) => Ty::plain(self.type_name(id).unwrap_or(self.json.as_str())),
        }
    }

    /// The type of a field's value, nullability included.
    pub(super) fn field_ty(&self, f: &Field, base: Option<String>) -> String {
        let mut text = base
            .or_else(|| f.constant.as_ref().and_then(literal_type))
            .unwrap_or_else(|| self.ty(&f.ty, Pos::Field).text);
        if f.nullable && text != "null" {
            text.push_str(" | null");
        }
        text
    }

    /// Writes a field (and the deprecated old key of a renamed field).
    pub(super) fn field(&self, p: &mut Printer, f: &Field, base: Option<String>) {
        let ty = self.field_ty(f, base);
        let q = if f.optional { "?" } else { "" };
        docs(p, &f.docs, &[]);
        p.line(format!("{}{q}: {ty};", text::property(&f.name)));
        if let Some(old) = f.old_key() {
            super::jsdoc(
                p,
                &[format!(
                    "Old key of `{}`: writers send both keys during the rename window.",
                    f.name
                )],
                &[("deprecated", format!("use `{}`", f.name))],
            );
            p.line(format!("{}{q}: {ty};", text::property(old)));
        }
    }

    /// Writes a named type declaration.
    pub(super) fn type_def(&self, p: &mut Printer, def: &TypeDef) {
        let name = self.type_name(&def.id).unwrap_or_default().to_owned();
        match &def.kind {
            TypeKind::Object(o) => self.object(p, def, &name, o),
            TypeKind::Enum(e) => self.enumeration(p, def, &name, e),
            TypeKind::Union(u) => {
                docs(p, &def.docs, &[]);
                union_alias(p, &name, &self.union_members(u));
            }
            TypeKind::Alias(t) => {
                docs(p, &def.docs, &[]);
                p.line(format!(
                    "export type {name} = {};",
                    self.ty(t, Pos::Field).text
                ));
            }
        }
    }

    fn object(&self, p: &mut Printer, def: &TypeDef, name: &str, o: &ObjectType) {
        docs(p, &def.docs, &[]);
        if o.fields.is_empty() {
            p.line(format!("export type {name} = {{ [key: string]: never }};"));
            return;
        }
        p.block(format!("export interface {name} {{"), "}", |p| {
            for f in &o.fields {
                self.field(p, f, None);
            }
        });
    }

    fn enumeration(&self, p: &mut Printer, def: &TypeDef, name: &str, e: &EnumType) {
        let mut keys = super::names::Names::default();
        jsdoc_line(p, &format!("The values of `{name}` by name."));
        p.block(format!("export const {name} = {{"), "} as const;", |p| {
            for v in &e.values {
                let renamed: Vec<String> = v
                    .old_wire
                    .iter()
                    .map(|old| {
                        format!(
                            "Renamed from {}, which readers still accept.",
                            enum_literal(old)
                        )
                    })
                    .collect();
                docs(p, &v.docs, &renamed);
                let key = keys.claim(&naming::pascal(&v.ident));
                let value = enum_literal(&v.value);
                p.line(format!("{}: {value},", text::property(&key)));
            }
        });
        let open = if e.open {
            vec!["Open enum: values this contract does not list are kept.".to_owned()]
        } else {
            Vec::new()
        };
        docs(p, &def.docs, &open);
        let mut members: Vec<String> = e.values.iter().map(|v| enum_literal(&v.value)).collect();
        if e.open {
            members.push(match e.repr {
                EnumRepr::String => "(string & {})".to_owned(),
                EnumRepr::Integer => "(number & {})".to_owned(),
            });
        }
        union_alias(p, name, &members);
    }

    fn union_members(&self, u: &UnionType) -> Vec<String> {
        u.variants
            .iter()
            .map(|v| {
                let name = self.type_name(&v.ty).unwrap_or(self.json.as_str());
                match (&u.discrimination, &v.tag) {
                    (Discrimination::Tag(key), Some(tag)) => format!(
                        "({{ {}: {} }} & {name})",
                        text::property(key),
                        text::string_literal(tag)
                    ),
                    _ => self.absent_keys(v, name),
                }
            })
            .collect()
    }

    /// A shape-detected variant, with the keys it requires absent typed `?: never`.
    fn absent_keys(&self, v: &Variant, name: &str) -> String {
        let own: BTreeSet<&str> = match self.c.type_def(&v.ty).map(|t| &t.kind) {
            Some(TypeKind::Object(o)) => o.fields.iter().map(|f| f.name.as_str()).collect(),
            _ => BTreeSet::new(),
        };
        let absent: Vec<String> = v
            .when
            .iter()
            .flat_map(|w| w.absent.iter())
            .filter(|k| !own.contains(k.as_str()))
            .map(|k| format!("{}?: never", text::property(k)))
            .collect();
        if absent.is_empty() {
            name.to_owned()
        } else {
            format!("({name} & {{ {} }})", absent.join("; "))
        }
    }
}

/// Writes a one-paragraph JSDoc.
pub(super) fn jsdoc_line(p: &mut Printer, text: &str) {
    super::jsdoc(p, &[text.to_owned()], &[]);
}
