//! Unions: tagged ones and shape-detected ones with their detection conditions.

use super::Lowerer;
use crate::diag::Diagnostic;
use crate::load::node::{Key, Node};
use crate::load::read;
use crate::model::*;
use crate::naming;
use indexmap::IndexMap;

impl Lowerer<'_> {
    /// A union: tagged (`tag:` and a mapping of variants) or shape-detected (`detect: fields`
    /// and a list of variants).
    pub(super) fn union(
        &mut self,
        owner: &str,
        node: &Node,
        entries: &[(Key, Node)],
    ) -> Option<UnionType> {
        let tag = read::get(entries, "tag")
            .and_then(|n| read::string(self.d, n, "`tag`"))
            .map(str::to_owned);
        let detect =
            read::get(entries, "detect").and_then(|n| self.choice(n, "`detect`", &["fields"]));
        let discrimination = match (tag, detect) {
            (Some(t), None) => Discrimination::Tag(t),
            (None, Some(_)) => Discrimination::Fields,
            (Some(_), Some(_)) => {
                self.d.push(
                    Diagnostic::error(
                        "conflicting-keys",
                        node.span,
                        "a union has either `tag:` or `detect:`, not both",
                    )
                    .help(
                        "keep `tag:` for tagged unions, `detect: fields` for shape-detected ones",
                    ),
                );
                return None;
            }
            (None, None) => {
                self.d.push(
                    Diagnostic::error(
                        "missing-key",
                        node.span,
                        "union says neither how to tell its variants apart",
                    )
                    .expected("`tag: <key>` (tagged) or `detect: fields` (shape-detected)")
                    .help("without one, a reader could decode the wrong variant"),
                );
                return None;
            }
        };
        let Some(variants_node) = read::get(entries, "variants") else {
            self.d.push(Diagnostic::error(
                "missing-key",
                node.span,
                "union is missing `variants:`",
            ));
            return None;
        };
        let variants = match discrimination {
            Discrimination::Tag(_) => {
                let items = read::map(self.d, variants_node, "`variants` of a tagged union")?;
                items
                    .iter()
                    .filter_map(|(k, v)| {
                        let ty =
                            self.variant_type(v, &format!("{owner}{}", naming::pascal(&k.name)))?;
                        Some(Variant {
                            ident: k.name.clone(),
                            tag: Some(k.name.clone()),
                            ty,
                            when: None,
                            span: k.span,
                        })
                    })
                    .collect()
            }
            Discrimination::Fields => {
                let items = read::seq(
                    self.d,
                    variants_node,
                    "`variants` of a shape-detected union",
                )?;
                items
                    .iter()
                    .filter_map(|v| self.detected_variant(owner, v))
                    .collect()
            }
        };
        Some(UnionType {
            discrimination,
            variants,
        })
    }

    /// A variant's type: must end up a named (object) type.
    fn variant_type(&mut self, node: &Node, owner: &str) -> Option<TypeId> {
        match self.type_ref(node, owner)? {
            TypeRef::Named(id) => Some(id),
            _ => {
                self.d.push(
                    Diagnostic::error(
                        "variant-not-object",
                        node.span,
                        "a union variant must be an object type",
                    )
                    .expected("a declared object type or an inline `{type: object, …}`"),
                );
                None
            }
        }
    }

    /// One variant of a shape-detected union: its object type, name and `when` condition.
    fn detected_variant(&mut self, owner: &str, node: &Node) -> Option<Variant> {
        let entries = read::map(self.d, node, "a union variant")?;
        read::known_keys(
            self.d,
            entries,
            &["type", "name", "when"],
            "a union variant",
        );
        let name = read::get(entries, "name")
            .and_then(|n| read::string(self.d, n, "`name`"))
            .map(str::to_owned);
        let Some(type_node) = read::get(entries, "type") else {
            self.d.push(
                Diagnostic::error("missing-key", node.span, "union variant is missing `type:`")
                    .expected("`type: <object type name>`"),
            );
            return None;
        };
        let hoist = format!(
            "{owner}{}",
            naming::pascal(name.as_deref().unwrap_or("Variant"))
        );
        let ty = self.variant_type(type_node, &hoist)?;
        let when = read::get(entries, "when").and_then(|n| self.when(n));
        Some(Variant {
            ident: name.unwrap_or_else(|| ty.0.clone()),
            tag: None,
            ty,
            when,
            span: node.span,
        })
    }

    /// The keys whose presence or absence selects a shape-detected variant.
    fn when(&mut self, node: &Node) -> Option<When> {
        let entries = read::map(self.d, node, "`when`")?;
        read::known_keys(
            self.d,
            entries,
            &["any_present", "all_present", "absent"],
            "`when`",
        );
        let mut key_spans = Vec::new();
        let mut list = |k: &str| {
            let keys = read::get(entries, k)
                .map(|n| read::strings(self.d, n, "a key"))
                .unwrap_or_default();
            key_spans.extend(keys.iter().cloned());
            keys.into_iter().map(|(s, _)| s).collect::<Vec<_>>()
        };
        let mut when = When {
            any_present: list("any_present"),
            all_present: list("all_present"),
            absent: list("absent"),
            key_spans: Vec::new(),
        };
        when.key_spans = key_spans;
        if when.any_present.is_empty() && when.all_present.is_empty() && when.absent.is_empty() {
            self.d.push(
                Diagnostic::error("empty-condition", node.span, "`when` names no keys")
                    .expected("`any_present`, `all_present` or `absent` with at least one key"),
            );
            return None;
        }
        Some(when)
    }

    /// Shape-detected variants without `when` match when all their required keys are present.
    pub(super) fn resolve_default_detection(&mut self) {
        let required_of = |types: &IndexMap<TypeId, TypeDef>, id: &TypeId| -> Vec<String> {
            match types.get(id).map(|t| &t.kind) {
                Some(TypeKind::Object(o)) => o
                    .fields
                    .iter()
                    .filter(|f| !f.optional)
                    .map(|f| f.name.clone())
                    .collect(),
                _ => Vec::new(),
            }
        };
        let ids: Vec<TypeId> = self.types.keys().cloned().collect();
        for id in ids {
            let pending: Vec<(usize, TypeId)> = match self.types.get(&id).map(|t| &t.kind) {
                Some(TypeKind::Union(u)) if u.discrimination == Discrimination::Fields => u
                    .variants
                    .iter()
                    .enumerate()
                    .filter(|(_, v)| v.when.is_none())
                    .map(|(i, v)| (i, v.ty.clone()))
                    .collect(),
                _ => continue,
            };
            let resolved: Vec<(usize, Vec<String>)> = pending
                .into_iter()
                .map(|(i, ty)| (i, required_of(&self.types, &ty)))
                .collect();
            if let Some(TypeKind::Union(u)) = self.types.get_mut(&id).map(|t| &mut t.kind) {
                for (i, required) in resolved {
                    u.variants[i].when = Some(When {
                        all_present: required,
                        ..When::default()
                    });
                }
            }
        }
    }
}
