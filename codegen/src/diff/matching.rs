//! Pairing the parts of an old contract with those of a new one.
//!
//! A part is paired by its name first; a new part left over is then paired
//! with an old one it declares as its former name (`renamed_from`: both are
//! carried for a window) or as a read alias (readers accept the old name,
//! writers write only the new one). What remains was removed or added.

use rustc_hash::FxHashMap;

/// How a new part was paired with an old one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Link {
    /// Same name.
    Same,
    /// The new part's `renamed_from` names the old one.
    Renamed,
    /// The new part's aliases hold the old name.
    Aliased,
}

/// The outcome of pairing two lists.
pub(crate) struct Matched<'a, T> {
    /// Old and new parts that stand for each other.
    pub pairs: Vec<(&'a T, &'a T, Link)>,
    /// Old parts with no new counterpart, in old order.
    pub removed: Vec<&'a T>,
    /// New parts with no old counterpart, in new order.
    pub added: Vec<&'a T>,
}

/// Pairs `old` with `new`: by `name`, then by `link(new, old name)`.
pub(crate) fn pair<'a, T>(
    old: impl IntoIterator<Item = &'a T>,
    new: impl IntoIterator<Item = &'a T>,
    name: impl Fn(&T) -> &str,
    link: impl Fn(&T, &str) -> Option<Link>,
) -> Matched<'a, T> {
    let old: Vec<&T> = old.into_iter().collect();
    let new: Vec<&T> = new.into_iter().collect();
    let by_name: FxHashMap<&str, usize> =
        old.iter().enumerate().map(|(i, o)| (name(o), i)).collect();
    let mut old_taken = vec![false; old.len()];
    let mut new_match: Vec<Option<(usize, Link)>> = new
        .iter()
        .map(|n| {
            let i = *by_name.get(name(n))?;
            old_taken[i] = true;
            Some((i, Link::Same))
        })
        .collect();
    for (j, n) in new.iter().enumerate() {
        if new_match[j].is_some() {
            continue;
        }
        let found = old
            .iter()
            .enumerate()
            .filter(|(i, _)| !old_taken[*i])
            .find_map(|(i, o)| link(n, name(o)).map(|l| (i, l)));
        if let Some((i, l)) = found {
            old_taken[i] = true;
            new_match[j] = Some((i, l));
        }
    }
    let pairs = new_match
        .iter()
        .enumerate()
        .filter_map(|(j, m)| m.map(|(i, l)| (old[i], new[j], l)))
        .collect();
    let removed = old
        .iter()
        .zip(&old_taken)
        .filter(|(_, taken)| !**taken)
        .map(|(o, _)| *o)
        .collect();
    let added = new
        .iter()
        .zip(&new_match)
        .filter(|(_, m)| m.is_none())
        .map(|(n, _)| *n)
        .collect();
    Matched {
        pairs,
        removed,
        added,
    }
}

/// The link of a new part to an old name, from its former name and its aliases.
pub(crate) fn link_by(
    renamed_from: Option<&str>,
    aliases: &[String],
    old_name: &str,
) -> Option<Link> {
    if renamed_from == Some(old_name) {
        Some(Link::Renamed)
    } else if aliases.iter().any(|a| a == old_name) {
        Some(Link::Aliased)
    } else {
        None
    }
}
