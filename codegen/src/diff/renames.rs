//! Rules about renamed keys: the dual-key window (`renamed_from`: writers
//! write both keys, readers accept either) and renames that skip it.

use super::fields::field_path;
use super::severity::Change;
use super::walk::{same_field, Site};
use super::{Ctx, RuleDoc};
use crate::model::Field;

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
