//! Rules about renamed keys: the dual-key window (`renamed_from`: writers
//! write both keys, readers accept either) and renames that skip it.

use super::fields::field_path;
use super::severity::Change;
use super::walk::{same_field, Site};
use super::{Ctx, RuleDoc};
use crate::model::{Field, Rename, Version};

/// `field-renamed-undeclared`.
pub const FIELD_RENAMED_UNDECLARED: RuleDoc = RuleDoc {
    id: "field-renamed-undeclared",
    group: "renames",
    detects: "In one object a key was removed and a key of the same type added without `renamed_from` (or the old key survives only as a read alias).",
    why: "Old readers look for the old key, which new writers no longer write; without even an alias new readers refuse old messages too.",
    example: "total_value_zar: number  →  total_value: number",
    fix: "Rename with a dual-key window: `total_value: { type: number, renamed_from: total_value_zar }` (writers write both keys, readers accept either), drop the old key a release later.",
};

/// `rename-started`.
pub const RENAME_STARTED: RuleDoc = RuleDoc {
    id: "rename-started",
    group: "renames",
    detects: "A key renamed with `renamed_from`: the dual-key window opens.",
    why: "Writers now write both keys and readers accept either, so old and new readers keep working: safe, listed so that reviewers see the window start.",
    example: "total_value_zar: number  →  total_value: { type: number, renamed_from: total_value_zar }",
    fix: "Nothing to fix; drop `renamed_from` no earlier than a release later.",
};

/// `rename-mismatch`.
pub const RENAME_MISMATCH: RuleDoc = RuleDoc {
    id: "rename-mismatch",
    group: "renames",
    detects: "A key renamed with `renamed_from` whose new key differs from the old one in type, optionality or nullability.",
    why: "During the window both keys carry one value; readers of the old key get values (or absences) the old contract did not allow.",
    example: "qty: number  →  quantity: { type: string, renamed_from: qty }",
    fix: "Rename first with the same type; change the type in a later step.",
};

/// Reports pairs of a removed and an added key of one object that carry the
/// same values (a rename nobody declared), and takes them out of the lists.
pub(crate) fn undeclared<'a>(
    cx: &mut Ctx,
    site: &Site,
    removed: &mut Vec<&'a Field>,
    added: &mut Vec<&'a Field>,
) {
    let mut i = 0;
    while i < removed.len() {
        let f = removed[i];
        match added.iter().position(|g| same_field(cx.old, f, cx.new, g)) {
            Some(j) => {
                let g = added.remove(j);
                removed.remove(i);
                let message = format!(
                    "key `{}` renamed to `{}` without `renamed_from`",
                    f.name, g.name
                );
                cx.report(
                    &FIELD_RENAMED_UNDECLARED,
                    Change::Incompatible,
                    site.readers,
                    &field_path(site, &g.name),
                    message,
                )
                .at(Some(f.span), Some(g.span))
                .hint(dual_key_hint(f, g));
            }
            None => i += 1,
        }
    }
}

/// Reports a key renamed with `renamed_from`, and a mismatch between the keys.
pub(crate) fn started(cx: &mut Ctx, s: &Site, f: &Field, g: &Field) {
    let message = format!(
        "`{}` renamed to `{}`: writers write both keys, readers accept either",
        f.name, g.name
    );
    cx.report_at(&RENAME_STARTED, Change::Safe, s, message);
    if !same_field(cx.old, f, cx.new, g) {
        let message = format!("`{}` and `{}` carry different values", f.name, g.name);
        cx.report_at(&RENAME_MISMATCH, Change::Incompatible, s, message);
    }
}

/// Reports a key renamed with the old key kept only as a read alias: new
/// readers accept old messages, old readers miss the key new writers write.
pub(crate) fn aliased(cx: &mut Ctx, s: &Site, f: &Field, g: &Field) {
    let message = format!(
        "key `{}` renamed to `{}` with only a read alias: writers no longer write `{}`",
        f.name, g.name, f.name
    );
    cx.report(
        &FIELD_RENAMED_UNDECLARED,
        Change::Widens,
        s.readers,
        &s.path,
        message,
    )
    .at(s.old, s.new)
    .hint(dual_key_hint(f, g));
}

/// How to rename `f` to `g` with a dual-key window.
fn dual_key_hint(f: &Field, g: &Field) -> String {
    format!(
        "declare the rename: `{}: {{ …, renamed_from: {} }}` — writers write both keys and readers accept either for a release; then drop the old key",
        g.name, f.name
    )
}

/// `rename-old-key-dropped-early`.
pub const RENAME_OLD_KEY_DROPPED_EARLY: RuleDoc = RuleDoc {
    id: "rename-old-key-dropped-early",
    group: "renames",
    detects: "A `renamed_from` (of a field, event, enum value or channel) dropped before a release carried it: the version the rename started in (its `since:`, else the old contract's version) is not below the new contract's version. The window is counted in the contract's versions, not in dates; without versions it cannot be counted (a warning).",
    why: "Readers that only know the old name were never given a release in which both names worked.",
    example: "version 1.1: cost: { …, renamed_from: { from: price, since: \"1.1\" } }  →  version 1.1: cost: number",
    fix: "Keep `renamed_from` until a release after the one the rename started in.",
};

/// `rename-finished`.
pub const RENAME_FINISHED: RuleDoc = RuleDoc {
    id: "rename-finished",
    group: "renames",
    detects: "A `renamed_from` dropped after its window: the old name is no longer written or read.",
    why: "Readers older than the rename's release no longer understand the messages; the window was their notice. Listed so that reviewers see it.",
    example: "version 1.1: cost: { …, renamed_from: price }  →  version 1.2: cost: number",
    fix: "Add a tombstone for the old name so that it is not reused.",
};

/// Reports a part renamed by a declared rename (an event, enum value or
/// channel; fields use [`started`]).
pub(crate) fn started_name(cx: &mut Ctx, s: &Site, what: &str, from: &str, to: &str) {
    let message = format!("{what} `{from}` renamed to `{to}`; the old name is still read");
    cx.report_at(&RENAME_STARTED, Change::Safe, s, message);
}

/// Reports the end of a rename window: the old part had `rename`, the new
/// part has none.
pub(crate) fn window_closed(cx: &mut Ctx, s: &Site, rename: &Rename) {
    let started = rename
        .since
        .as_deref()
        .or(cx.old.version.as_deref())
        .and_then(Version::parse);
    let now = cx.new.version.as_deref().and_then(Version::parse);
    let from = &rename.from;
    match (started, now) {
        (Some(started), Some(now)) if started < now => {
            let message =
                format!("old name `{from}` dropped in {now}; the window opened in {started}");
            cx.report_at(&RENAME_FINISHED, Change::Safe, s, message);
        }
        (Some(started), Some(now)) => {
            let message = format!("old name `{from}` dropped in {now}, the version the rename started in ({started}): no release carried both");
            cx.report(
                &RENAME_OLD_KEY_DROPPED_EARLY,
                Change::Incompatible,
                s.readers,
                &s.path,
                message,
            )
            .at(Some(rename.span), s.new)
            .hint("keep `renamed_from` until a later release");
        }
        _ => {
            let message =
                format!("old name `{from}` dropped; without versions the window cannot be counted");
            cx.report(
                &RENAME_OLD_KEY_DROPPED_EARLY,
                Change::Undecidable,
                s.readers,
                &s.path,
                message,
            )
            .at(Some(rename.span), s.new);
        }
    }
}

/// Reports a change of a part's `renamed_from` between two versions in
/// which the part kept its name: a window that closed, or one that opened
/// for a name the old contract did not have (readers now also accept it).
pub(crate) fn changed(cx: &mut Ctx, s: &Site, old: Option<&Rename>, new: Option<&Rename>) {
    if old.map(|r| &r.from) == new.map(|r| &r.from) {
        return;
    }
    if let Some(r) = old {
        window_closed(cx, s, r);
    }
    if let Some(r) = new {
        let message = format!("`{}` is now read as a former name", r.from);
        cx.report(&RENAME_STARTED, Change::Safe, s.readers, &s.path, message)
            .at(s.old, Some(r.span));
    }
}
