//! Lowering: the YAML [`Node`] tree becomes the resolved [`Contract`].
//!
//! Errors local to one node (wrong kind, unknown key, unresolved reference,
//! invalid regex, `min > max`) are reported here with the node's span; rules
//! that look across the contract live in `check`.
//!
//! [`Lowerer`] holds what later constructs refer to (declared type names,
//! channels, envelopes, categories, priorities); each construct is lowered by
//! the file named after it, and the helpers they share live here.

mod builtins;
mod categories;
mod channels;
mod enums;
mod envelopes;
mod events;
mod evolution;
mod metadata;
mod object;
mod policy;
mod priorities;
mod types;
mod unions;

use super::node::{Key, Node, NodeKind};
use super::read;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::*;
use crate::source::Span;
use indexmap::IndexMap;
use rustc_hash::FxHashMap as FastMap;

/// Keys the top level of a contract accepts.
const TOP_KEYS: &[&str] = &[
    "eventc",
    "name",
    "title",
    "description",
    "version",
    "compatibility",
    "naming",
    "categories",
    "priorities",
    "channel_prefix",
    "channels",
    "envelope",
    "envelopes",
    "types",
    "events",
    "removed",
    "changelog",
];

/// Documentation keys every named construct accepts.
const DOC_KEYS: &[&str] = &["description", "deprecated", "since", "ident"];

/// Builds the model from a parsed file; diagnostics go to `d`.
pub struct Lowerer<'d> {
    d: &'d mut Diagnostics,
    path: String,
    extra_keys: bool,
    declared: IndexMap<String, Span>,
    types: IndexMap<TypeId, TypeDef>,
    categories: Option<Categories>,
    priorities: Option<Priorities>,
    channels: IndexMap<String, Channel>,
    envelopes: IndexMap<String, Envelope>,
    /// Patterns compiled so far, by source (a contract repeats a few patterns).
    patterns: FastMap<String, Pattern>,
    /// How many arrays and maps enclose the type being read.
    nesting: usize,
}

impl<'d> Lowerer<'d> {
    /// A lowerer that reports into `d`.
    pub fn new(d: &'d mut Diagnostics, path: &str) -> Self {
        Lowerer {
            d,
            path: path.to_owned(),
            extra_keys: true,
            declared: IndexMap::new(),
            types: IndexMap::new(),
            categories: None,
            priorities: None,
            channels: IndexMap::new(),
            envelopes: IndexMap::new(),
            nesting: 0,
            patterns: FastMap::default(),
        }
    }

    /// Lowers a whole contract document. Returns `None` only when the top level is unusable.
    pub fn contract(mut self, root: &Node) -> Option<Contract> {
        let top = read::map(self.d, root, "a contract")?;
        read::known_keys(self.d, top, TOP_KEYS, "the contract");
        self.format_version(root, top);
        let name = self.contract_name(root, top);
        let compatibility = read::get(top, "compatibility")
            .map(|n| self.compatibility(n))
            .unwrap_or_default();
        self.extra_keys = compatibility.extra_keys;
        self.declare_types(read::get(top, "types"));
        if let Some(types) = read::get(top, "types").and_then(|n| read::map(self.d, n, "`types`")) {
            for (key, node) in types {
                self.named_type(key, node);
            }
        }
        self.categories = read::get(top, "categories").and_then(|n| self.categories(n));
        self.priorities = read::get(top, "priorities").and_then(|n| self.priorities(n));
        if let Some(n) = read::get(top, "channels") {
            self.channels(n);
        }
        self.envelopes(root, top);
        let events = self.events(root, top);
        let naming = read::get(top, "naming")
            .map(|n| self.naming(n))
            .unwrap_or_default();
        let (removed_events, removed_channels) = read::get(top, "removed")
            .map(|n| self.removed_top(n))
            .unwrap_or_default();
        let changelog = read::get(top, "changelog")
            .map(|n| self.changelog(n))
            .unwrap_or_default();
        self.resolve_default_detection();
        let text = |d: &mut Diagnostics, key: &str| {
            read::get(top, key).and_then(|n| read::text(d, n, format_args!("`{key}`")))
        };
        let mut contract = Contract {
            name,
            title: text(self.d, "title"),
            description: text(self.d, "description"),
            version: text(self.d, "version"),
            path: self.path.clone(),
            compatibility,
            naming,
            categories: self.categories.take(),
            priorities: self.priorities.take(),
            channel_prefix: text(self.d, "channel_prefix"),
            channels: std::mem::take(&mut self.channels),
            envelopes: std::mem::take(&mut self.envelopes),
            types: std::mem::take(&mut self.types),
            events,
            removed_events,
            removed_channels,
            changelog,
            graph: TypeGraph::default(),
        };
        contract.resolve_facts();
        Some(contract)
    }

    /// A string that must be one of `allowed`.
    fn choice<'n>(&mut self, node: &'n Node, what: &str, allowed: &[&str]) -> Option<&'n str> {
        let value = read::string(self.d, node, what)?;
        if allowed.contains(&value) {
            return Some(value);
        }
        self.d.push(
            read::unknown_name(
                "invalid-value",
                node.span,
                format!("`{value}` is not a valid value for {what}"),
                value,
                allowed,
            )
            .label("unknown value"),
        );
        None
    }

    /// The documentation keys of a construct: description, deprecation, since.
    fn docs(&mut self, entries: &[(Key, Node)]) -> Docs {
        Docs {
            description: read::get(entries, "description")
                .and_then(|n| read::text(self.d, n, "`description`")),
            deprecated: read::get(entries, "deprecated").and_then(|n| self.deprecation(n)),
            since: read::get(entries, "since").and_then(|n| read::text(self.d, n, "`since`")),
        }
    }

    /// `deprecated:` as `true`, a message or `{since, message, use}`; `false` is not deprecated.
    fn deprecation(&mut self, node: &Node) -> Option<Deprecation> {
        match &node.kind {
            NodeKind::Bool(false) => None,
            NodeKind::Bool(true) => Some(Deprecation::default()),
            NodeKind::Str(s) => Some(Deprecation {
                message: Some(s.clone()),
                ..Deprecation::default()
            }),
            NodeKind::Map(entries) => {
                read::known_keys(
                    self.d,
                    entries,
                    &["since", "message", "use"],
                    "`deprecated`",
                );
                let mut text = |key: &str| {
                    read::get(entries, key)
                        .and_then(|n| read::text(self.d, n, format_args!("`deprecated.{key}`")))
                };
                Some(Deprecation {
                    since: text("since"),
                    message: text("message"),
                    replacement: text("use"),
                })
            }
            other => {
                self.d.push(read::wrong_kind(
                    node,
                    "`deprecated`",
                    "`true`, a message or `{since, message, use}`",
                    other,
                ));
                None
            }
        }
    }

    /// The `ident:` override of a construct's identifier, or `default`.
    fn ident(&mut self, entries: &[(Key, Node)], default: &str) -> String {
        read::get(entries, "ident")
            .and_then(|n| read::string(self.d, n, "`ident`"))
            .unwrap_or(default)
            .to_owned()
    }

    /// A non-negative integer (a length, a count, a threshold).
    fn count(&mut self, node: &Node, what: &str) -> Option<u64> {
        let v = read::integer(self.d, node, what)?;
        match u64::try_from(v) {
            Ok(v) => Some(v),
            Err(_) => {
                self.d.push(
                    Diagnostic::error(
                        "invalid-value",
                        node.span,
                        format!("{what} cannot be negative"),
                    )
                    .expected("0 or more"),
                );
                None
            }
        }
    }

    /// A regular expression, compiled once per distinct source.
    fn pattern(&mut self, node: &Node) -> Option<Pattern> {
        let source = read::string(self.d, node, "a pattern")?;
        if let Some(p) = self.patterns.get(source) {
            return Some(p.clone());
        }
        match Pattern::new(source) {
            Ok(p) => {
                self.patterns.insert(source.to_owned(), p.clone());
                Some(p)
            }
            Err(e) => {
                let reason = e.lines().last().unwrap_or("invalid").trim().to_owned();
                self.d.push(
                    Diagnostic::error("invalid-pattern", node.span, format!("invalid regular expression: {reason}"))
                        .label("this pattern")
                        .expected("a regular expression in the Rust/Go/JavaScript common subset")
                        .help("escape literal metacharacters with `\\`; look-around and back-references are not supported"),
                );
                None
            }
        }
    }
}
