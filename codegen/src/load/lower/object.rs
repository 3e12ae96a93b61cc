//! Objects and their fields.

use super::evolution::Removed;
use super::types::type_keys;
use super::Lowerer;
use super::DOC_KEYS;
use crate::load::node::{Key, Node, NodeKind};
use crate::load::read;
use crate::model::*;
use crate::naming;

/// Keys a long-form field accepts besides its type's and the documentation keys.
const FIELD_KEYS: &[&str] = &[
    "optional",
    "nullable",
    "renamed_from",
    "aliases",
    "const",
    "derived",
    "default_from",
];

impl Lowerer<'_> {
    /// An object type: its fields and whether it allows keys it does not declare.
    pub(super) fn object(&mut self, owner: &str, entries: &[(Key, Node)]) -> ObjectType {
        let additional = match read::get(entries, "additional") {
            Some(n) => self
                .choice(n, "`additional`", &["allow", "deny"])
                .map_or(self.extra_keys, |v| v == "allow"),
            None => self.extra_keys,
        };
        let fields = match read::get(entries, "fields") {
            Some(n) => self.fields(n, owner),
            None => Vec::new(),
        };
        let removed = self.removed_list(entries, Removed::Fields);
        ObjectType {
            fields,
            additional,
            removed,
        }
    }

    /// The fields of an object or envelope, in contract order.
    pub(super) fn fields(&mut self, node: &Node, owner: &str) -> Vec<Field> {
        let Some(entries) = read::map(self.d, node, "`fields`") else {
            return Vec::new();
        };
        // Sized up front: a field is large, and growing the list copies them all.
        let mut fields = Vec::with_capacity(entries.len());
        fields.extend(
            entries
                .iter()
                .filter_map(|(key, value)| self.field(owner, key, value)),
        );
        fields
    }

    /// One field: a type expression, or a mapping of field keys, documentation keys and type keys.
    fn field(&mut self, owner: &str, key: &Key, node: &Node) -> Option<Field> {
        let hoist_as = || format!("{owner}{}", naming::pascal(&key.name));
        let mut field = Field {
            name: key.name.clone(),
            ident: key.name.clone(),
            ty: TypeRef::Json,
            optional: false,
            nullable: false,
            docs: Docs::default(),
            renamed_from: None,
            aliases: Vec::new(),
            constant: None,
            derived: None,
            default_from: None,
            span: key.span,
        };
        let NodeKind::Map(entries) = &node.kind else {
            field.ty = self.type_ref_hoisting_as(node, hoist_as)?;
            return Some(field);
        };
        let ty = self.type_kind_name(node, entries)?;
        let allowed: Vec<&str> = ["type"]
            .iter()
            .chain(DOC_KEYS)
            .chain(FIELD_KEYS)
            .chain(type_keys(ty))
            .copied()
            .collect();
        read::known_keys(
            self.d,
            entries,
            &allowed,
            format_args!("field `{}`", key.name),
        );
        field.docs = self.docs(entries);
        field.ident = self.ident(entries, &key.name);
        let flag = |s: &mut Self, k: &str| {
            read::get(entries, k)
                .and_then(|n| read::boolean(s.d, n, format_args!("`{k}`")))
                .unwrap_or(false)
        };
        field.optional = flag(self, "optional");
        field.nullable = flag(self, "nullable");
        field.renamed_from = self.renamed_from(entries);
        field.aliases = read::get(entries, "aliases")
            .map(|n| read::strings(self.d, n, "an alias"))
            .unwrap_or_default()
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        field.constant = read::get(entries, "const").and_then(|n| self.constant(n));
        field.derived = read::get(entries, "derived").and_then(|n| {
            Some(
                match self.choice(n, "`derived`", &["category", "channel", "event"])? {
                    "category" => Derived::Category,
                    "channel" => Derived::Channel,
                    _ => Derived::Event,
                },
            )
        });
        field.default_from = read::get(entries, "default_from").and_then(|n| {
            self.choice(n, "`default_from`", &["priority"])
                .map(|_| DefaultFrom::Priority)
        });
        field.ty = self.field_type(node, entries, ty, hoist_as)?;
        Some(field)
    }

    /// The type of a long-form field: only the type keys describe it (field
    /// keys were consumed by [`Self::field`]).
    fn field_type(
        &mut self,
        node: &Node,
        entries: &[(Key, Node)],
        ty: &str,
        hoist_as: impl FnOnce() -> String,
    ) -> Option<TypeRef> {
        let is_type_key = |k: &Key| k.name == "type" || type_keys(ty).contains(&k.name.as_str());
        let type_keys_count = entries.iter().filter(|(k, _)| is_type_key(k)).count();
        if type_keys_count == 1 {
            let t = read::get(entries, "type").unwrap_or(node);
            return self.type_ref_hoisting_as(t, hoist_as);
        }
        let hoist_as = hoist_as();
        if type_keys_count == entries.len() {
            // Nothing to filter out: the field's own node describes the type.
            return self.inline_type(&hoist_as, ty, node, entries, Docs::default());
        }
        let type_entries: Vec<(Key, Node)> = entries
            .iter()
            .filter(|(k, _)| is_type_key(k))
            .cloned()
            .collect();
        let type_node = Node {
            kind: NodeKind::Map(type_entries.clone()),
            span: node.span,
        };
        self.inline_type(&hoist_as, ty, &type_node, &type_entries, Docs::default())
    }
}

impl Lowerer<'_> {
    /// A `const:` value as JSON; a non-finite number anywhere in it is
    /// refused (JSON cannot hold one).
    fn constant(&mut self, node: &Node) -> Option<serde_json::Value> {
        match find_non_finite(node) {
            Some(bad) => {
                let what = "a number in a `const` value";
                self.d
                    .push(read::wrong_kind(bad, what, "a finite number", &bad.kind));
                None
            }
            None => Some(read::to_json(node)),
        }
    }
}

/// The first node of `node` that is a non-finite number, if any.
fn find_non_finite(node: &Node) -> Option<&Node> {
    match &node.kind {
        NodeKind::Float(f) if !f.is_finite() => Some(node),
        NodeKind::Seq(items) => items.iter().find_map(find_non_finite),
        NodeKind::Map(entries) => entries.iter().find_map(|(_, v)| find_non_finite(v)),
        _ => None,
    }
}
