//! Declared and hoisted types: type names, the long form of a type by kind,
//! and type expressions whose inline objects, enums and unions become named types.

use super::Lowerer;
use super::DOC_KEYS;
use crate::diag::Diagnostic;
use crate::load::node::{Key, Node, NodeKind};
use crate::load::read;
use crate::model::*;
use crate::naming;

/// Names `type:` accepts besides declared type names; no declared type may take one.
pub(super) const PRIMITIVES: &[&str] = &[
    "string",
    "integer",
    "number",
    "boolean",
    "timestamp",
    "json",
    "channel",
    "array",
    "map",
    "object",
    "enum",
    "union",
];

/// Keys a long-form type of the given kind accepts besides `type`.
pub(super) fn type_keys(kind: &str) -> &'static [&'static str] {
    match kind {
        "string" => &["pattern", "min_length", "max_length"],
        "integer" => &["width", "min", "max"],
        "number" => &["min", "max"],
        "timestamp" => &["encoding"],
        "array" => &["items", "min_items", "max_items"],
        "map" => &["values", "key_pattern"],
        "object" => &["fields", "additional", "removed"],
        "enum" => &["values", "open", "removed"],
        "union" => &["tag", "detect", "variants"],
        _ => &[],
    }
}

impl Lowerer<'_> {
    /// Records (and checks) every name under `types:` before any type is lowered,
    /// so references may point forward.
    pub(super) fn declare_types(&mut self, node: Option<&Node>) {
        let Some(NodeKind::Map(entries)) = node.map(|n| &n.kind) else {
            return;
        };
        for (key, _) in entries {
            if !naming::is_type_name(&key.name) {
                self.d.push(
                    Diagnostic::error(
                        "invalid-name",
                        key.span,
                        format!("type name `{}` is not an identifier", key.name),
                    )
                    .expected("[A-Za-z][A-Za-z0-9_]*")
                    .help(
                        naming::ascii_suggestion(&key.name, naming::pascal, naming::is_type_name)
                            .map_or_else(
                                || {
                                    "use ASCII letters, digits and `_`, starting with a letter"
                                        .to_owned()
                                },
                                |s| format!("try `{s}`"),
                            ),
                    ),
                );
            }
            if PRIMITIVES.contains(&key.name.as_str()) {
                self.d.push(
                    Diagnostic::error(
                        "reserved-name",
                        key.span,
                        format!("`{}` is a built-in type name", key.name),
                    )
                    .help("choose another name for the type"),
                );
            }
            self.declared.insert(key.name.clone(), key.span);
        }
    }

    /// Inserts a hoisted or declared type; a second definition under the same id is an error.
    fn insert_type(&mut self, def: TypeDef) -> TypeId {
        let id = def.id.clone();
        if let Some(existing) = self.types.get(&id) {
            self.d.push(
                Diagnostic::error(
                    "duplicate-type",
                    def.span,
                    format!("two types are both named `{id}`"),
                )
                .label(match &def.origin {
                    Origin::Declared => "declared here".to_owned(),
                    Origin::Inline(w) => format!("inline type of {w} is named `{id}`"),
                })
                .also(existing.span, "first defined here")
                .help("give one of them another name (declare it under `types:` or set `ident:`)"),
            );
        } else {
            self.types.insert(id.clone(), def);
        }
        id
    }

    /// A type declared under `types:`: a long form with documentation, or an alias.
    pub(super) fn named_type(&mut self, key: &Key, node: &Node) {
        let (kind, docs, ident) = match &node.kind {
            NodeKind::Map(entries) => {
                let Some(ty) = self.type_kind_name(node, entries) else {
                    return;
                };
                let allowed: Vec<&str> = ["type"]
                    .iter()
                    .chain(DOC_KEYS)
                    .chain(type_keys(ty))
                    .copied()
                    .collect();
                read::known_keys(
                    self.d,
                    entries,
                    &allowed,
                    format_args!("type `{}`", key.name),
                );
                let docs = self.docs(entries);
                let ident = self.ident(entries, &key.name);
                let Some(kind) = self.type_kind(&key.name, ty, node, entries) else {
                    return;
                };
                (kind, docs, ident)
            }
            _ => {
                let Some(r) = self.type_ref(node, &key.name) else {
                    return;
                };
                (TypeKind::Alias(r), Docs::default(), key.name.clone())
            }
        };
        self.insert_type(TypeDef {
            id: TypeId(key.name.clone()),
            ident,
            origin: Origin::Declared,
            docs,
            kind,
            span: key.span,
        });
    }

    /// The `type:` of a long-form type.
    pub(super) fn type_kind_name<'n>(
        &mut self,
        node: &'n Node,
        entries: &'n [(Key, Node)],
    ) -> Option<&'n str> {
        let Some(t) = read::get(entries, "type") else {
            self.d.push(
                Diagnostic::error("missing-key", node.span, "type is missing its `type:` key")
                    .expected(format!(
                        "`type:` with one of: {}, or a named type",
                        PRIMITIVES.join(", ")
                    )),
            );
            return None;
        };
        read::string(self.d, t, "`type`")
    }

    /// Lowers the long form of an object, enum, union or constrained primitive.
    fn type_kind(
        &mut self,
        owner: &str,
        ty: &str,
        node: &Node,
        entries: &[(Key, Node)],
    ) -> Option<TypeKind> {
        Some(match ty {
            "object" => TypeKind::Object(self.object(owner, entries)),
            "enum" => TypeKind::Enum(self.enumeration(node, entries)?),
            "union" => TypeKind::Union(self.union(owner, node, entries)?),
            _ => TypeKind::Alias(self.long_type_ref(owner, ty, node, entries)?),
        })
    }

    /// A type expression; inline objects, enums and unions are hoisted under `owner`.
    pub(super) fn type_ref(&mut self, node: &Node, owner: &str) -> Option<TypeRef> {
        match &node.kind {
            NodeKind::Str(s) => self.short_type(s, node.span),
            NodeKind::Map(entries) => {
                let ty = self.type_kind_name(node, entries)?;
                let allowed: Vec<&str> = ["type"].iter().chain(type_keys(ty)).copied().collect();
                let article = if ty.starts_with(['a', 'e', 'i', 'o', 'u']) {
                    "an"
                } else {
                    "a"
                };
                read::known_keys(
                    self.d,
                    entries,
                    &allowed,
                    format_args!("{article} `{ty}` type"),
                );
                self.inline_type(owner, ty, node, entries, Docs::default())
            }
            other => {
                self.d.push(read::wrong_kind(
                    node,
                    "a type",
                    "a type name or a mapping with `type:`",
                    other,
                ));
                None
            }
        }
    }

    /// A long-form type: objects, enums and unions are hoisted as types named after `owner`.
    pub(super) fn inline_type(
        &mut self,
        owner: &str,
        ty: &str,
        node: &Node,
        entries: &[(Key, Node)],
        docs: Docs,
    ) -> Option<TypeRef> {
        match ty {
            "object" | "enum" | "union" => {
                let kind = self.type_kind(owner, ty, node, entries)?;
                let id = TypeId(naming::pascal(owner));
                Some(TypeRef::Named(self.insert_type(TypeDef {
                    ident: id.0.clone(),
                    id,
                    origin: Origin::Inline(owner.to_owned()),
                    docs,
                    kind,
                    span: node.span,
                })))
            }
            _ => self.long_type_ref(owner, ty, node, entries),
        }
    }

    /// [`Self::type_ref`], naming the owner of hoisted types only when there
    /// may be one (a type name never hoists anything).
    pub(super) fn type_ref_hoisting_as(
        &mut self,
        node: &Node,
        owner: impl FnOnce() -> String,
    ) -> Option<TypeRef> {
        match &node.kind {
            NodeKind::Str(s) => self.short_type(s, node.span),
            _ => self.type_ref(node, &owner()),
        }
    }
}
