//! Event priorities: their levels and the default.

use super::Lowerer;
use crate::load::node::Node;
use crate::load::read;
use crate::model::*;

impl Lowerer<'_> {
    /// The `priorities:` section: named integer levels and the default level.
    pub(super) fn priorities(&mut self, node: &Node) -> Option<Priorities> {
        let entries = read::map(self.d, node, "`priorities`")?;
        read::known_keys(self.d, entries, &["levels", "default"], "`priorities`");
        let mut levels = Vec::new();
        if let Some(items) =
            read::get(entries, "levels").and_then(|n| read::map(self.d, n, "`priorities.levels`"))
        {
            for (k, v) in items {
                if let Some(value) = read::integer(self.d, v, format_args!("priority `{}`", k.name))
                {
                    levels.push(PriorityLevel {
                        name: k.name.clone(),
                        value,
                    });
                }
            }
        }
        let default = read::get(entries, "default").and_then(|n| self.priority_level(&levels, n));
        Some(Priorities { levels, default })
    }

    /// The level `node` names, which must be one of `levels`.
    pub(super) fn priority_level(
        &mut self,
        levels: &[PriorityLevel],
        node: &Node,
    ) -> Option<PriorityLevel> {
        let name = read::string(self.d, node, "a priority")?;
        let found = levels.iter().find(|l| l.name == name).cloned();
        if found.is_none() {
            let names: Vec<&str> = levels.iter().map(|l| l.name.as_str()).collect();
            self.d.push(read::unknown_name(
                "unknown-priority",
                node.span,
                format!("unknown priority `{name}`"),
                name,
                &names,
            ));
        }
        found
    }
}
