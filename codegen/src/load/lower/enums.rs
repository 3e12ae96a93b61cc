//! Enumerations: string enums (a list) and integer enums (a mapping).

use super::evolution::Removed;
use super::Lowerer;
use crate::diag::Diagnostic;
use crate::load::node::{Key, Node, NodeKind};
use crate::load::read;
use crate::model::*;

impl Lowerer<'_> {
    /// An enum: a list of values is a string enum, a mapping `NAME: integer` an integer enum.
    pub(super) fn enumeration(&mut self, node: &Node, entries: &[(Key, Node)]) -> Option<EnumType> {
        let open = read::get(entries, "open")
            .and_then(|n| read::boolean(self.d, n, "`open`"))
            .unwrap_or(false);
        let Some(values) = read::get(entries, "values") else {
            self.d.push(
                Diagnostic::error("missing-key", node.span, "enum is missing `values:`")
                    .expected("a list of strings, or a mapping NAME: integer"),
            );
            return None;
        };
        let (repr, values) = match &values.kind {
            NodeKind::Seq(items) => (
                EnumRepr::String,
                items
                    .iter()
                    .filter_map(|i| self.string_enum_value(i))
                    .collect(),
            ),
            NodeKind::Map(items) => (
                EnumRepr::Integer,
                items
                    .iter()
                    .filter_map(|(k, v)| self.int_enum_value(k, v))
                    .collect(),
            ),
            other => {
                self.d.push(read::wrong_kind(
                    values,
                    "`values`",
                    "a list of strings, or a mapping NAME: integer",
                    other,
                ));
                return None;
            }
        };
        let removed = self.removed_list(entries, Removed::Values);
        Some(EnumType {
            repr,
            open,
            values,
            removed,
        })
    }

    /// One value of a string enum: a string, or `{value, description, …}`.
    fn string_enum_value(&mut self, node: &Node) -> Option<EnumValue> {
        match &node.kind {
            NodeKind::Str(s) => Some(EnumValue {
                ident: s.clone(),
                value: EnumLiteral::Str(s.clone()),
                docs: Docs::default(),
                renamed_from: None,
                old_wire: None,
                span: node.span,
            }),
            NodeKind::Map(entries) => {
                read::known_keys(
                    self.d,
                    entries,
                    &[
                        "value",
                        "description",
                        "deprecated",
                        "since",
                        "ident",
                        "renamed_from",
                    ],
                    "an enum value",
                );
                let Some(v) = read::get(entries, "value") else {
                    self.d.push(
                        Diagnostic::error(
                            "missing-key",
                            node.span,
                            "enum value is missing `value:`",
                        )
                        .expected("`value: <string>`"),
                    );
                    return None;
                };
                let value = read::string(self.d, v, "`value`")?.to_owned();
                let docs = self.docs(entries);
                let ident = self.ident(entries, &value);
                let renamed_from = self.renamed_from(entries);
                let old_wire = renamed_from
                    .as_ref()
                    .map(|r| EnumLiteral::Str(r.from.clone()));
                Some(EnumValue {
                    ident,
                    value: EnumLiteral::Str(value),
                    docs,
                    renamed_from,
                    old_wire,
                    span: v.span,
                })
            }
            other => {
                self.d.push(
                    read::wrong_kind(node, "a string enum value", "a string or `{value: …}`", other)
                        .help("quote values that look like numbers or booleans; integer enums are a mapping NAME: value"),
                );
                None
            }
        }
    }

    /// One value of an integer enum: an integer, or `{value, description, …}`.
    /// Its `renamed_from` is the old symbolic name: the wire value stays the same.
    fn int_enum_value(&mut self, key: &Key, node: &Node) -> Option<EnumValue> {
        let (value, docs, renamed_from) = match &node.kind {
            NodeKind::Map(entries) => {
                read::known_keys(
                    self.d,
                    entries,
                    &[
                        "value",
                        "description",
                        "deprecated",
                        "since",
                        "renamed_from",
                    ],
                    "an enum value",
                );
                let v = read::required(self.d, node, entries, "value", "an integer enum value")
                    .and_then(|n| read::integer(self.d, n, "`value`"))?;
                (v, self.docs(entries), self.renamed_from(entries))
            }
            _ => (
                read::integer(self.d, node, format_args!("enum value `{}`", key.name))?,
                Docs::default(),
                None,
            ),
        };
        Some(EnumValue {
            ident: key.name.clone(),
            value: EnumLiteral::Int(value),
            docs,
            renamed_from,
            old_wire: None,
            span: key.span,
        })
    }
}
