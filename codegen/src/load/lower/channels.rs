//! Channels: addresses and their parameters.

use super::Lowerer;
use crate::diag::Diagnostic;
use crate::load::node::{Node, NodeKind};
use crate::load::read;
use crate::model::*;
use crate::naming;
use crate::source::Span;
use indexmap::IndexMap;

impl Lowerer<'_> {
    /// The `channels:` section: each channel's address (its key when absent) and typed parameters.
    pub(super) fn channels(&mut self, node: &Node) {
        let Some(entries) = read::map(self.d, node, "`channels`") else {
            return;
        };
        for (key, value) in entries {
            let empty = Vec::new();
            let items = match &value.kind {
                NodeKind::Null => empty.as_slice(),
                _ => match read::map(self.d, value, format_args!("channel `{}`", key.name)) {
                    Some(items) => items,
                    None => continue,
                },
            };
            read::known_keys(
                self.d,
                items,
                &[
                    "address",
                    "params",
                    "renamed_from",
                    "description",
                    "deprecated",
                    "since",
                    "ident",
                ],
                format_args!("channel `{}`", key.name),
            );
            let docs = self.docs(items);
            let ident = self.ident(items, &key.name);
            let address_node = read::get(items, "address");
            let address = address_node
                .and_then(|n| read::string(self.d, n, "`address`"))
                .unwrap_or(&key.name)
                .to_owned();
            let mut params = IndexMap::new();
            if let Some(p) =
                read::get(items, "params").and_then(|n| read::map(self.d, n, "`params`"))
            {
                for (pk, pv) in p {
                    let owner = format!("{}{}", naming::pascal(&ident), naming::pascal(&pk.name));
                    if let Some(t) = self.type_ref(pv, &owner) {
                        params.insert(pk.name.clone(), t);
                    }
                }
            }
            self.check_address(
                &address,
                address_node.map_or(key.span, |n| n.span),
                &params,
                read::get(items, "params"),
            );
            let renamed_from = self.renamed_from(items);
            if let Some(old) = &renamed_from {
                self.check_old_address(old, &address, &params);
            }
            self.channels.insert(
                key.name.clone(),
                Channel {
                    name: key.name.clone(),
                    ident,
                    address,
                    full_address: String::new(),
                    params,
                    renamed_from,
                    docs,
                    span: key.span,
                },
            );
        }
    }

    /// The old address of a renamed channel differs from the new one and has
    /// the same `{param}` placeholders (a reader maps one onto the other).
    fn check_old_address(
        &mut self,
        old: &Rename,
        address: &str,
        params: &IndexMap<String, TypeRef>,
    ) {
        let mut placeholders: Vec<&str> = address_segments(&old.from)
            .into_iter()
            .filter_map(|s| match s {
                AddressSegment::Param(p) => Some(p),
                AddressSegment::Literal(_) => None,
            })
            .collect();
        placeholders.sort_unstable();
        let mut declared: Vec<&str> = params.keys().map(String::as_str).collect();
        declared.sort_unstable();
        let balanced = old.from.matches('{').count() == old.from.matches('}').count();
        let problem = if old.from == address {
            Some("is the channel's own address".to_owned())
        } else if !balanced {
            Some("has unbalanced braces".to_owned())
        } else if placeholders != declared {
            Some(format!(
                "has {}, but the channel has {}",
                listed("placeholders", &placeholders),
                listed("parameters", &declared)
            ))
        } else {
            None
        };
        if let Some(problem) = problem {
            self.d.push(
                Diagnostic::error(
                    "invalid-rename",
                    old.span,
                    format!("old address `{}` {problem}", old.from),
                )
                .label("renamed from here")
                .expected("the channel's previous address, with the same `{param}` placeholders")
                .help("a reader maps an old address onto the new one parameter by parameter"),
            );
        }
    }

    /// Checks that an address's braces balance and that its `{param}` placeholders and the
    /// declared parameters are the same set.
    fn check_address(
        &mut self,
        address: &str,
        span: Span,
        params: &IndexMap<String, TypeRef>,
        params_node: Option<&Node>,
    ) {
        let used: Vec<&str> = address_segments(address)
            .into_iter()
            .filter_map(|s| match s {
                AddressSegment::Param(p) => Some(p),
                AddressSegment::Literal(_) => None,
            })
            .collect();
        if address.matches('{').count() != address.matches('}').count() {
            self.d.push(
                Diagnostic::error(
                    "invalid-address",
                    span,
                    format!("unbalanced braces in channel address `{address}`"),
                )
                .expected("`{param}` placeholders"),
            );
        }
        for p in &used {
            if !params.contains_key(*p) {
                self.d.push(
                    Diagnostic::error(
                        "undeclared-param",
                        span,
                        format!("address uses `{{{p}}}` but `params` does not declare `{p}`"),
                    )
                    .help(format!("add `{p}: string` under `params:`")),
                );
            }
        }
        for p in params.keys() {
            if !used.contains(&p.as_str()) {
                self.d.push(Diagnostic::error(
                    "unused-param",
                    params_node.map_or(span, |n| n.span),
                    format!("parameter `{p}` does not appear in the address `{address}`"),
                ));
            }
        }
    }
}

/// `no <what>` or `the <what> {a}, {b}`.
fn listed(what: &str, names: &[&str]) -> String {
    if names.is_empty() {
        format!("no {what}")
    } else {
        format!("the {what} {{{}}}", names.join("}, {"))
    }
}
