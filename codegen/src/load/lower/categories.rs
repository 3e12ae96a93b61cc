//! Event categories: their values, the default and the rules that derive one from a wire name.

use super::Lowerer;
use crate::diag::Diagnostic;
use crate::load::node::Node;
use crate::load::read;
use crate::model::*;
use crate::source::Span;
use indexmap::IndexMap;

impl Lowerer<'_> {
    /// The `categories:` section: values, default and rules; a category a rule or the default
    /// names must be one of the values.
    pub(super) fn categories(&mut self, node: &Node) -> Option<Categories> {
        let entries = read::map(self.d, node, "`categories`")?;
        read::known_keys(
            self.d,
            entries,
            &["values", "rules", "default"],
            "`categories`",
        );
        let mut values = IndexMap::new();
        if let Some(n) =
            read::get(entries, "values").and_then(|n| read::map(self.d, n, "`categories.values`"))
        {
            for (k, v) in n {
                let text = read::text(self.d, v, "a category description").unwrap_or_default();
                values.insert(k.name.clone(), text);
            }
        }
        let known = |s: &mut Self, name: &str, span: Span| {
            if !values.contains_key(name) {
                let names: Vec<&str> = values.keys().map(String::as_str).collect();
                s.d.push(read::unknown_name(
                    "unknown-category",
                    span,
                    format!("unknown category `{name}`"),
                    name,
                    &names,
                ));
            }
        };
        let default = read::get(entries, "default").and_then(|n| {
            let s = read::string(self.d, n, "`default`")?.to_owned();
            known(self, &s, n.span);
            Some(s)
        });
        let mut rules = Vec::new();
        if let Some(items) =
            read::get(entries, "rules").and_then(|n| read::seq(self.d, n, "`categories.rules`"))
        {
            for item in items {
                let Some(r) = read::map(self.d, item, "a category rule") else {
                    continue;
                };
                read::known_keys(
                    self.d,
                    r,
                    &["contains", "names", "pattern", "category"],
                    "a category rule",
                );
                let matcher = if let Some(n) = read::get(r, "contains") {
                    read::string(self.d, n, "`contains`")
                        .map(|s| NameMatcher::Contains(s.to_lowercase()))
                } else if let Some(n) = read::get(r, "names") {
                    Some(NameMatcher::Names(
                        read::strings(self.d, n, "a name")
                            .into_iter()
                            .map(|(s, _)| s.to_lowercase())
                            .collect(),
                    ))
                } else if let Some(n) = read::get(r, "pattern") {
                    self.pattern(n).map(NameMatcher::Pattern)
                } else {
                    self.d.push(
                        Diagnostic::error("missing-key", item.span, "category rule has no test")
                            .expected("one of `contains`, `names`, `pattern`"),
                    );
                    None
                };
                let category = read::get(r, "category").and_then(|n| {
                    let s = read::string(self.d, n, "`category`")?.to_owned();
                    known(self, &s, n.span);
                    Some(s)
                });
                if let (Some(matcher), Some(category)) = (matcher, category) {
                    rules.push(CategoryRule {
                        matcher,
                        category,
                        span: item.span,
                    });
                } else if read::get(r, "category").is_none() {
                    self.d.push(Diagnostic::error(
                        "missing-key",
                        item.span,
                        "category rule has no `category:`",
                    ));
                }
            }
        }
        Some(Categories {
            values,
            rules,
            default,
        })
    }
}
