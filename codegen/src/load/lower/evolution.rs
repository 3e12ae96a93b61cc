//! The records of a contract's evolution: `renamed_from` (on fields, events,
//! enum values and channels), `removed:` tombstones and the `acknowledges:`
//! of a change-log entry.

use super::Lowerer;
use crate::diag::Diagnostic;
use crate::load::node::{Key, Node, NodeKind};
use crate::load::read;
use crate::model::*;

/// What a tombstone list holds, for its keys and messages.
#[derive(Clone, Copy)]
pub(super) enum Removed {
    /// Event wire names (`removed: {events: …}`), entries `{name, version, reason}`.
    Events,
    /// Channel keys (`removed: {channels: …}`), entries `{name, version, reason}`.
    Channels,
    /// Object or envelope field keys, entries `{key, version, type, reason}`.
    Fields,
    /// Enum values, entries `{value, version, reason}`.
    Values,
}

impl Removed {
    /// The key naming what was removed.
    fn name_key(self) -> &'static str {
        match self {
            Removed::Events | Removed::Channels => "name",
            Removed::Fields => "key",
            Removed::Values => "value",
        }
    }

    /// Every key an entry accepts.
    fn keys(self) -> &'static [&'static str] {
        match self {
            Removed::Events | Removed::Channels => &["name", "version", "reason"],
            Removed::Fields => &["key", "version", "type", "reason"],
            Removed::Values => &["value", "version", "reason"],
        }
    }

    /// How an entry is called in messages.
    fn what(self) -> &'static str {
        match self {
            Removed::Events => "a removed event",
            Removed::Channels => "a removed channel",
            Removed::Fields => "a removed field",
            Removed::Values => "a removed enum value",
        }
    }
}

impl Lowerer<'_> {
    /// `renamed_from:` as the old spelling, or `{from: <old>, since: <version>}`.
    pub(super) fn rename(&mut self, node: &Node) -> Option<Rename> {
        match &node.kind {
            NodeKind::Map(entries) => {
                read::known_keys(self.d, entries, &["from", "since"], "`renamed_from`");
                let from = read::required(self.d, node, entries, "from", "`renamed_from`")?;
                Some(Rename {
                    from: read::text(self.d, from, "`renamed_from.from`")?,
                    since: read::get(entries, "since")
                        .and_then(|n| read::text(self.d, n, "`renamed_from.since`")),
                    span: from.span,
                })
            }
            _ => Some(Rename {
                from: read::text(self.d, node, "`renamed_from`")?,
                since: None,
                span: node.span,
            }),
        }
    }

    /// The `renamed_from:` of a construct, if it has one.
    pub(super) fn renamed_from(&mut self, entries: &[(Key, Node)]) -> Option<Rename> {
        read::get(entries, "renamed_from").and_then(|n| self.rename(n))
    }

    /// The `removed:` list of an object, envelope or enum.
    pub(super) fn removed_list(
        &mut self,
        entries: &[(Key, Node)],
        kind: Removed,
    ) -> Vec<Tombstone> {
        read::get(entries, "removed").map_or_else(Vec::new, |n| self.tombstones(n, kind))
    }

    /// The contract's `removed: {events: […], channels: […]}`.
    pub(super) fn removed_top(&mut self, node: &Node) -> (Vec<Tombstone>, Vec<Tombstone>) {
        let Some(entries) = read::map(self.d, node, "`removed`") else {
            return Default::default();
        };
        read::known_keys(self.d, entries, &["events", "channels"], "`removed`");
        let mut list = |key: &str, kind: Removed| {
            read::get(entries, key).map_or_else(Vec::new, |n| self.tombstones(n, kind))
        };
        (
            list("events", Removed::Events),
            list("channels", Removed::Channels),
        )
    }

    /// A list of tombstones of one kind.
    fn tombstones(&mut self, node: &Node, kind: Removed) -> Vec<Tombstone> {
        let Some(items) = read::seq(self.d, node, "`removed`") else {
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| self.tombstone(item, kind))
            .collect()
    }

    /// One tombstone: what was removed, in which version, and why.
    fn tombstone(&mut self, node: &Node, kind: Removed) -> Option<Tombstone> {
        let entries = read::map(self.d, node, kind.what())?;
        read::known_keys(self.d, entries, kind.keys(), kind.what());
        let name_key = kind.name_key();
        let name_node = read::required(self.d, node, entries, name_key, kind.what());
        let name = name_node.and_then(|n| read::text(self.d, n, format_args!("`{name_key}`")));
        let version = read::required(self.d, node, entries, "version", kind.what())
            .and_then(|n| self.non_empty_text(n, "`version`"));
        let reason = read::get(entries, "reason").and_then(|n| read::text(self.d, n, "`reason`"));
        let ty = read::get(entries, "type")
            .and_then(|n| read::string(self.d, n, "`type`"))
            .map(str::to_owned);
        Some(Tombstone {
            name: name?,
            version: version?,
            reason,
            ty,
            span: name_node.map_or(node.span, |n| n.span),
        })
    }

    /// Text that must not be empty (a version, a reason).
    fn non_empty_text(&mut self, node: &Node, what: &str) -> Option<String> {
        let text = read::text(self.d, node, what)?;
        if text.trim().is_empty() {
            self.d.push(
                Diagnostic::error("invalid-value", node.span, format!("{what} is empty"))
                    .expected("non-empty text"),
            );
            return None;
        }
        Some(text)
    }

    /// A change-log entry's `acknowledges:`: the breaking changes it makes on purpose.
    pub(super) fn acknowledgements(&mut self, node: &Node) -> Vec<Acknowledgement> {
        let Some(items) = read::seq(self.d, node, "`acknowledges`") else {
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| self.acknowledgement(item))
            .collect()
    }

    /// `{rule, path, reason}` or `{fingerprint, reason}`.
    fn acknowledgement(&mut self, node: &Node) -> Option<Acknowledgement> {
        let what = "an acknowledgement";
        let entries = read::map(self.d, node, what)?;
        read::known_keys(
            self.d,
            entries,
            &["rule", "path", "fingerprint", "reason"],
            what,
        );
        let mut string = |key: &str| {
            read::get(entries, key)
                .and_then(|n| read::string(self.d, n, format_args!("`{key}`")).map(|s| (s, n.span)))
        };
        let (rule, path, fingerprint) = (string("rule"), string("path"), string("fingerprint"));
        let reason = string("reason");
        let target = match (rule, path, fingerprint) {
            (Some(rule), Some(path), None) => self.rule_path(rule, path),
            (None, None, Some(fingerprint)) => self.fingerprint(fingerprint),
            _ => {
                self.d.push(
                    Diagnostic::error(
                        "invalid-acknowledgement",
                        node.span,
                        "an acknowledgement names either `rule:` and `path:`, or `fingerprint:`",
                    )
                    .expected("`{rule: <rule-id>, path: <path>, reason: …}` or `{fingerprint: <hex>, reason: …}`")
                    .help("`eventc diff` prints both for each finding"),
                );
                None
            }
        };
        let reason = match reason {
            Some((text, _)) if !text.trim().is_empty() => Some(text.to_owned()),
            found => {
                self.d.push(
                    Diagnostic::error(
                        "invalid-acknowledgement",
                        found.map_or(node.span, |(_, span)| span),
                        "an acknowledgement needs a non-empty `reason:`",
                    )
                    .label("needs a `reason:`")
                    .help("say why the break is acceptable: reviewers read it in the change log"),
                );
                None
            }
        };
        Some(Acknowledgement {
            target: target?,
            reason: reason?,
            span: node.span,
        })
    }

    /// `rule:` (a kebab-case rule id) and `path:` (non-empty).
    fn rule_path(
        &mut self,
        (rule, rule_span): (&str, crate::source::Span),
        (path, path_span): (&str, crate::source::Span),
    ) -> Option<AckTarget> {
        let kebab = rule.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
        if !kebab {
            self.d.push(
                Diagnostic::error(
                    "invalid-acknowledgement",
                    rule_span,
                    format!("`{rule}` is not a rule id"),
                )
                .expected("a kebab-case rule id, e.g. `event-removed`"),
            );
        }
        if path.trim().is_empty() {
            self.d.push(
                Diagnostic::error("invalid-acknowledgement", path_span, "`path:` is empty")
                    .expected("the path `eventc diff` prints, e.g. `events.ping`"),
            );
        }
        (kebab && !path.trim().is_empty()).then(|| AckTarget::RulePath {
            rule: rule.to_owned(),
            path: path.to_owned(),
        })
    }

    /// `fingerprint:`, lower-case hexadecimal.
    fn fingerprint(&mut self, (text, span): (&str, crate::source::Span)) -> Option<AckTarget> {
        let hex = !text.is_empty()
            && text
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        if !hex {
            self.d.push(
                Diagnostic::error(
                    "invalid-acknowledgement",
                    span,
                    format!("fingerprint `{text}` is not lower-case hexadecimal"),
                )
                .expected("the fingerprint `eventc diff` prints for a finding"),
            );
            return None;
        }
        Some(AckTarget::Fingerprint(text.to_owned()))
    }
}
