//! Contract-wide policy: compatibility settings and event naming rules.

use super::Lowerer;
use crate::diag::Diagnostic;
use crate::load::node::Node;
use crate::load::read;
use crate::model::*;

impl Lowerer<'_> {
    /// The `compatibility:` settings: extra keys, unknown events, renames and rules.
    pub(super) fn compatibility(&mut self, node: &Node) -> Compatibility {
        let mut c = Compatibility::default();
        let Some(entries) = read::map(self.d, node, "`compatibility`") else {
            return c;
        };
        read::known_keys(
            self.d,
            entries,
            &["extra_keys", "unknown_events", "renames", "rules"],
            "`compatibility`",
        );
        if let Some(n) = read::get(entries, "extra_keys") {
            c.extra_keys = self
                .choice(n, "`extra_keys`", &["allow", "deny"])
                .is_none_or(|v| v == "allow");
        }
        if let Some(n) = read::get(entries, "unknown_events") {
            c.unknown_events = self
                .choice(n, "`unknown_events`", &["allow", "deny"])
                .is_some_and(|v| v == "allow");
        }
        if let Some(n) = read::get(entries, "renames") {
            self.choice(n, "`renames`", &["dual_key"]);
        }
        if let Some(n) = read::get(entries, "rules") {
            c.rules = read::strings(self.d, n, "a compatibility rule")
                .into_iter()
                .map(|(s, _)| s)
                .collect();
        }
        c
    }

    /// The event naming rules under `naming.events`.
    pub(super) fn naming(&mut self, node: &Node) -> Vec<NamingRule> {
        let Some(entries) = read::map(self.d, node, "`naming`") else {
            return Vec::new();
        };
        read::known_keys(self.d, entries, &["events"], "`naming`");
        let Some(items) =
            read::get(entries, "events").and_then(|n| read::seq(self.d, n, "`naming.events`"))
        else {
            return Vec::new();
        };
        let mut rules = Vec::new();
        for item in items {
            let Some(r) = read::map(self.d, item, "a naming rule") else {
                continue;
            };
            read::known_keys(
                self.d,
                r,
                &["pattern", "description", "category"],
                "a naming rule",
            );
            let Some(pn) = read::get(r, "pattern") else {
                self.d.push(Diagnostic::error(
                    "missing-key",
                    item.span,
                    "naming rule is missing `pattern:`",
                ));
                continue;
            };
            let Some(pattern) = self.pattern(pn) else {
                continue;
            };
            let description =
                read::get(r, "description").and_then(|n| read::text(self.d, n, "`description`"));
            let category = read::get(r, "category")
                .and_then(|n| read::string(self.d, n, "`category`"))
                .map(str::to_owned);
            if let (Some(c), Some(n)) = (&category, read::get(r, "category")) {
                if !self
                    .categories
                    .as_ref()
                    .is_some_and(|cats| cats.values.contains_key(c))
                {
                    self.d.push(
                        Diagnostic::error(
                            "unknown-category",
                            n.span,
                            format!("unknown category `{c}`"),
                        )
                        .help("declare it under `categories.values`"),
                    );
                }
            }
            rules.push(NamingRule {
                pattern,
                description,
                category,
                span: item.span,
            });
        }
        rules
    }
}
