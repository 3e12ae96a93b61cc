//! The contract's description of itself: format version, name and changelog.

use super::Lowerer;
use crate::diag::Diagnostic;
use crate::load::node::{Key, Node, NodeKind};
use crate::load::read;
use crate::model::*;
use crate::naming;

impl Lowerer<'_> {
    /// Checks `eventc:`, the contract format version (only 1 exists).
    pub(super) fn format_version(&mut self, root: &Node, top: &[(Key, Node)]) {
        match read::get(top, "eventc") {
            None => self.d.push(
                Diagnostic::error("missing-key", root.span, "missing `eventc:` format version")
                    .expected("`eventc: 1` as the first key")
                    .help("add `eventc: 1` at the top of the file"),
            ),
            Some(n) => {
                if let Some(v) = read::integer(self.d, n, "`eventc`") {
                    if v != 1 {
                        self.d.push(
                            Diagnostic::error(
                                "unsupported-format",
                                n.span,
                                format!("contract format {v} is not supported"),
                            )
                            .label("this version")
                            .expected("1"),
                        );
                    }
                }
            }
        }
    }

    /// The contract's `name:`, an id used for module and package names.
    pub(super) fn contract_name(&mut self, root: &Node, top: &[(Key, Node)]) -> String {
        let Some(node) = read::get(top, "name") else {
            self.d.push(
                Diagnostic::error("missing-key", root.span, "missing contract `name:`")
                    .expected("`name: <id>` with id matching [a-z][a-z0-9_]*"),
            );
            return "contract".to_owned();
        };
        let Some(name) = read::string(self.d, node, "`name`") else {
            return "contract".to_owned();
        };
        if !naming::is_contract_id(name) {
            self.d.push(
                Diagnostic::error(
                    "invalid-name",
                    node.span,
                    format!("contract name `{name}` is not a valid id"),
                )
                .label("used for module and package names")
                .expected("[a-z][a-z0-9_]*")
                .help(
                    naming::ascii_suggestion(name, naming::snake, naming::is_contract_id)
                        .map_or_else(
                            || "use lowercase ASCII letters, digits and `_`, starting with a letter".to_owned(),
                            |s| format!("try `{s}`"),
                        ),
                ),
            );
        }
        name.to_owned()
    }

    /// The `changelog:` entries, each with a version or a date and its changes.
    pub(super) fn changelog(&mut self, node: &Node) -> Vec<ChangelogEntry> {
        let Some(items) = read::seq(self.d, node, "`changelog`") else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            let Some(e) = read::map(self.d, item, "a changelog entry") else {
                continue;
            };
            read::known_keys(
                self.d,
                e,
                &["version", "date", "changes", "acknowledges"],
                "a changelog entry",
            );
            let version = read::get(e, "version").and_then(|n| read::text(self.d, n, "`version`"));
            let date = read::get(e, "date").and_then(|n| read::text(self.d, n, "`date`"));
            if version.is_none() && date.is_none() {
                self.d.push(Diagnostic::error(
                    "missing-key",
                    item.span,
                    "changelog entry has neither `version:` nor `date:`",
                ));
            }
            let changes = match read::get(e, "changes") {
                Some(n) if matches!(n.kind, NodeKind::Str(_)) => {
                    read::text(self.d, n, "`changes`").into_iter().collect()
                }
                Some(n) => read::strings(self.d, n, "a change")
                    .into_iter()
                    .map(|(s, _)| s)
                    .collect(),
                None => Vec::new(),
            };
            let acknowledges = read::get(e, "acknowledges")
                .map(|n| self.acknowledgements(n))
                .unwrap_or_default();
            out.push(ChangelogEntry {
                version,
                date,
                changes,
                acknowledges,
                span: item.span,
            });
        }
        out
    }
}
