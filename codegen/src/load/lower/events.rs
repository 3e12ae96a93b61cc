//! Events: envelope, payload, channel, direction, category and priority of each.

use super::Lowerer;
use crate::diag::Diagnostic;
use crate::load::node::{Key, Node, NodeKind};
use crate::load::read;
use crate::model::*;
use crate::naming;
use indexmap::IndexMap;

/// Keys an event accepts.
const EVENT_KEYS: &[&str] = &[
    "description",
    "deprecated",
    "since",
    "ident",
    "channel",
    "direction",
    "payload",
    "envelope",
    "aliases",
    "renamed_from",
    "legacy_idents",
    "category",
    "priority",
];

impl Lowerer<'_> {
    /// The `events:` section, which must declare at least one event.
    pub(super) fn events(&mut self, root: &Node, top: &[(Key, Node)]) -> IndexMap<String, Event> {
        let mut events = IndexMap::new();
        let Some(node) = read::get(top, "events") else {
            self.d.push(
                Diagnostic::error("missing-key", root.span, "missing `events:`")
                    .expected("at least one event"),
            );
            return events;
        };
        let Some(entries) = read::map(self.d, node, "`events`") else {
            return events;
        };
        if entries.is_empty() {
            self.d.push(
                Diagnostic::error("missing-key", node.span, "`events:` declares no event")
                    .expected("at least one event")
                    .help("a contract describes the messages of a protocol; declare them under `events:`"),
            );
        }
        for (key, value) in entries {
            if let Some(e) = self.event(key, value) {
                events.insert(e.name.clone(), e);
            }
        }
        events
    }

    /// One event; `None` when it is not a mapping, its envelope is unknown or its
    /// payload type is unusable.
    fn event(&mut self, key: &Key, node: &Node) -> Option<Event> {
        let empty = Vec::new();
        let entries = match &node.kind {
            NodeKind::Null => empty.as_slice(),
            _ => read::map(self.d, node, format_args!("event `{}`", key.name))?,
        };
        read::known_keys(
            self.d,
            entries,
            EVENT_KEYS,
            format_args!("event `{}`", key.name),
        );
        let docs = self.docs(entries);
        let ident = self.ident(entries, &key.name);
        let envelope_name = match read::get(entries, "envelope") {
            Some(n) => {
                let v = read::string(self.d, n, "`envelope`")?;
                if !self.envelopes.contains_key(v) || v == DEFAULT_ENVELOPE {
                    let names: Vec<&str> = self
                        .envelopes
                        .keys()
                        .filter(|k| *k != DEFAULT_ENVELOPE)
                        .map(String::as_str)
                        .collect();
                    let unknown = read::unknown_name(
                        "unknown-envelope",
                        n.span,
                        format!("unknown envelope `{v}`"),
                        v,
                        &names,
                    );
                    self.d.push(if names.is_empty() {
                        unknown.expected("an envelope declared under `envelopes:`")
                    } else {
                        unknown
                    });
                    return None;
                }
                v.to_owned()
            }
            None => DEFAULT_ENVELOPE.to_owned(),
        };
        let envelope = self.envelopes.get(&envelope_name);
        let has_payload = envelope.is_some_and(|e| e.payload.is_some());
        // Without its envelope (whose absence is reported) a payload is still
        // read, for the errors of its own.
        let read_payload = has_payload || envelope.is_none();
        let payload = match read::get(entries, "payload") {
            Some(n) if read_payload => {
                Some(self.type_ref(n, &format!("{}Payload", naming::pascal(&ident)))?)
            }
            Some(n) => {
                self.d.push(
                    Diagnostic::error(
                        "payload-without-field",
                        n.span,
                        format!(
                            "event `{}` has a payload but its envelope has no payload field",
                            key.name
                        ),
                    )
                    .help("declare `payload:` in the envelope, or remove the payload here"),
                );
                None
            }
            None if has_payload => Some(TypeRef::Json),
            None => None,
        };
        let channel = read::get(entries, "channel").and_then(|n| {
            let v = read::string(self.d, n, "`channel`")?;
            if !self.channels.contains_key(v) {
                let names: Vec<&str> = self.channels.keys().map(String::as_str).collect();
                self.d.push(
                    read::unknown_name(
                        "unknown-channel",
                        n.span,
                        format!("unknown channel `{v}`"),
                        v,
                        &names,
                    )
                    .expected("a key under `channels:`"),
                );
                return None;
            }
            Some(v.to_owned())
        });
        let direction = read::get(entries, "direction")
            .and_then(|n| {
                self.choice(
                    n,
                    "`direction`",
                    &["client_to_server", "server_to_client", "both"],
                )
            })
            .map_or(Direction::Both, |d| match d {
                "client_to_server" => Direction::ClientToServer,
                "server_to_client" => Direction::ServerToClient,
                _ => Direction::Both,
            });
        let aliases: Vec<String> = read::get(entries, "aliases")
            .map(|n| read::strings(self.d, n, "an event alias"))
            .unwrap_or_default()
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        let renamed_from = self.renamed_from(entries);
        let legacy_idents = read::get(entries, "legacy_idents")
            .map(|n| read::strings(self.d, n, "a legacy identifier"))
            .unwrap_or_default()
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        let category = self.event_category(key, read::get(entries, "category"));
        let priority = match read::get(entries, "priority") {
            Some(n) => match self.priorities.clone() {
                Some(p) => self.priority_level(&p.levels, n),
                None => {
                    self.d.push(
                        Diagnostic::error(
                            "undeclared-priorities",
                            n.span,
                            "event has a priority but the contract declares no `priorities:`",
                        )
                        .help("add `priorities: {levels: {…}, default: …}`"),
                    );
                    None
                }
            },
            None => self.priorities.as_ref().and_then(|p| p.default.clone()),
        };
        if key.name.is_empty() {
            self.d.push(Diagnostic::error(
                "invalid-name",
                key.span,
                "event wire name is empty",
            ));
        }
        Some(Event {
            name: key.name.clone(),
            ident,
            aliases,
            renamed_from,
            legacy_idents,
            docs,
            channel,
            direction,
            payload,
            envelope: envelope_name,
            category,
            priority,
            span: key.span,
        })
    }

    /// The explicit category (checked against the rules) or the derived one.
    fn event_category(&mut self, key: &Key, node: Option<&Node>) -> Option<String> {
        let Some(cats) = &self.categories else {
            if let Some(n) = node {
                self.d.push(
                    Diagnostic::error(
                        "undeclared-categories",
                        n.span,
                        "event has a category but the contract declares no `categories:`",
                    )
                    .help("add `categories: {values: {…}}`"),
                );
            }
            return None;
        };
        let derived = cats
            .derive(&key.name)
            .map(|(c, rule)| (c.to_owned(), rule.map(|r| r.span)));
        let Some(n) = node else {
            return derived.map(|(c, _)| c);
        };
        let explicit = read::string(self.d, n, "`category`")?.to_owned();
        if !cats.values.contains_key(&explicit) {
            let names: Vec<&str> = cats.values.keys().map(String::as_str).collect();
            self.d.push(read::unknown_name(
                "unknown-category",
                n.span,
                format!("unknown category `{explicit}`"),
                &explicit,
                &names,
            ));
        } else if let Some((c, Some(rule_span))) = &derived {
            if *c != explicit && !cats.rules.is_empty() {
                self.d.push(
                    Diagnostic::error(
                        "category-contradicts-rule",
                        n.span,
                        format!(
                            "event `{}` is declared `{explicit}` but the category rules give `{c}`",
                            key.name
                        ),
                    )
                    .label("declared category")
                    .also(*rule_span, "this rule matches first")
                    .help("remove `category:` to use the derived one, or change the rules"),
                );
            }
        }
        Some(explicit)
    }
}
