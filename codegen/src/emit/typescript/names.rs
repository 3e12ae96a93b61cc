//! Unique top-level names for one TypeScript module.

use super::text;
use std::collections::BTreeSet;

/// Hands out identifiers, appending `_` until a name is free, so a contract
/// type can never shadow (or be shadowed by) a name the emitter adds.
#[derive(Debug, Default)]
pub struct Names {
    taken: BTreeSet<String>,
}

impl Names {
    /// Marks names as taken without handing them out (global names the module's code uses).
    pub fn reserve(&mut self, names: &[&str]) {
        self.taken.extend(names.iter().map(|n| (*n).to_owned()));
    }

    /// Reserves `stem` (made a safe identifier) or the first free variant of it.
    pub fn claim(&mut self, stem: &str) -> String {
        let mut name = text::identifier(stem);
        while self.taken.contains(&name) {
            name.push('_');
        }
        self.taken.insert(name.clone());
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_are_unique() {
        let mut names = Names::default();
        assert_eq!(names.claim("Message"), "Message");
        assert_eq!(names.claim("Message"), "Message_");
        assert_eq!(names.claim("Message"), "Message__");
        assert_eq!(names.claim("new"), "new_");
    }
}
