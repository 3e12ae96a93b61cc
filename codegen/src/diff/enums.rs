//! Rules about enums and fixed values.

use super::severity::Change;
use super::walk::Site;
use super::{fields, lifecycle, renames, Ctx, RuleDoc};
use crate::model::{EnumLiteral, EnumType, EnumValue};

/// `enum-value-added`.
pub const ENUM_VALUE_ADDED: RuleDoc = RuleDoc {
    id: "enum-value-added",
    group: "enums",
    detects: "An enum has a new value.",
    why: "Old clients reading a closed enum refuse the value (server→client); an open enum (`open: true`) keeps unknown values, so adding to it is safe. The new server reads old messages fine.",
    example: "values: [buy, sell]  →  values: [buy, sell, short]",
    fix: "Make the enum `open: true` in an earlier release, or send the value only to clients that know it.",
};

/// `enum-value-removed`.
pub const ENUM_VALUE_REMOVED: RuleDoc = RuleDoc {
    id: "enum-value-removed",
    group: "enums",
    detects: "An enum lost a value.",
    why: "Old messages may carry it, which the new server refuses unless the new enum is open (client→server). Old clients never meet it again: safe for them.",
    example: "values: [buy, sell, short]  →  values: [buy, sell]",
    fix: "Deprecate the value first; on client→server events keep accepting it (or make the enum open).",
};

/// `enum-value-renamed`.
pub const ENUM_VALUE_RENAMED: RuleDoc = RuleDoc {
    id: "enum-value-renamed",
    group: "enums",
    detects: "An enum value's wire text changed in place (a string value replaced at the same position, or an integer value's symbolic name kept with another number).",
    why: "Old readers do not know the new value and new readers refuse the old one, on either side.",
    example: "values: [buy, sell]  →  values: [buy, sale]",
    fix: "Add the new value, deprecate the old one, remove it in a later release.",
};

/// `enum-openness-changed`.
pub const ENUM_OPENNESS_CHANGED: RuleDoc = RuleDoc {
    id: "enum-openness-changed",
    group: "enums",
    detects: "An enum became open (`open: true`) or closed.",
    why: "Closing it makes the new server refuse unknown values old clients could send (client→server). Opening it is a reader's promise — writers still write declared values — so it is safe.",
    example: "{ type: enum, values: [a, b] }  →  { type: enum, values: [a, b], open: true }",
    fix: "Keep enums that clients write open.",
};

/// `field-became-enum-or-const`.
pub const FIELD_BECAME_ENUM_OR_CONST: RuleDoc = RuleDoc {
    id: "field-became-enum-or-const",
    group: "enums",
    detects: "A free string or integer became an enum, or a field gained a `const`.",
    why: "Old messages may hold values outside the new set, which the new server refuses (client→server).",
    example: "side: string  →  side: { type: enum, values: [buy, sell] }",
    fix: "On client→server events use an open enum (`open: true`).",
};

/// Compares two enums: representation, openness, then values by wire value.
pub(crate) fn compare_enums(cx: &mut Ctx, site: &Site, o: &EnumType, n: &EnumType) {
    if o.repr != n.repr {
        let message = "enum values changed between strings and integers".to_owned();
        cx.report_at(
            &fields::FIELD_TYPE_CHANGED,
            Change::Incompatible,
            site,
            message,
        );
        return;
    }
    match (o.open, n.open) {
        (true, false) => cx.report_at(
            &ENUM_OPENNESS_CHANGED,
            Change::Narrows,
            site,
            "the enum is now closed".into(),
        ),
        (false, true) => cx.report_at(
            &ENUM_OPENNESS_CHANGED,
            Change::Safe,
            site,
            "the enum is now open".into(),
        ),
        _ => {}
    }
    let mut removed: Vec<&EnumValue> = o.values.iter().filter(|v| !has(n, &v.value)).collect();
    let mut added: Vec<&EnumValue> = n.values.iter().filter(|v| !has(o, &v.value)).collect();
    declared_renames(cx, site, o, &mut removed, &mut added);
    renamed(cx, site, o, n, &mut removed, &mut added);
    let base = site.below("values");
    lifecycle::tombstones(cx, &site.below("removed").path, &o.removed, &n.removed);
    for v in removed {
        let s = base.below(&key(v)).spanning(Some(v.span), None);
        lifecycle::removed_undeprecated(
            cx,
            &s.path,
            &format!("value {}", v.value),
            &v.docs,
            v.span,
        );
        let change = Change::narrows_if(!n.open);
        cx.report_at(
            &ENUM_VALUE_REMOVED,
            change,
            &s,
            format!("value {} removed", v.value),
        );
    }
    for v in added {
        let s = base.below(&key(v)).spanning(None, Some(v.span));
        let change = Change::widens_if(!o.open);
        cx.report_at(
            &ENUM_VALUE_ADDED,
            change,
            &s,
            format!("value {} added", v.value),
        );
        lifecycle::reused(cx, &s.path, &key(v), v.span, &o.removed, s.readers);
    }
    for v in &o.values {
        let Some(w) = n.values.iter().find(|w| w.value == v.value) else {
            continue;
        };
        let s = base.below(&key(w)).spanning(Some(v.span), Some(w.span));
        renames::changed(cx, &s, v.renamed_from.as_ref(), w.renamed_from.as_ref());
        let exists = |name: &str| n.values.iter().any(|x| key(x) == name);
        lifecycle::deprecation(cx, &s, &v.docs, &w.docs, &exists);
    }
}

/// Whether the enum has the wire value.
fn has(e: &EnumType, value: &EnumLiteral) -> bool {
    e.values.iter().any(|v| &v.value == value)
}

/// The path segment of a value: its text, or the symbolic name of an integer value.
pub(crate) fn key(v: &EnumValue) -> String {
    match &v.value {
        EnumLiteral::Str(s) => s.clone(),
        EnumLiteral::Int(_) => v.ident.clone(),
    }
}

/// Reports values renamed with `renamed_from` (the new readers still read
/// the old value; old readers do not know the new one) and takes them out
/// of the lists.
fn declared_renames<'a>(
    cx: &mut Ctx,
    site: &Site,
    o: &'a EnumType,
    removed: &mut Vec<&'a EnumValue>,
    added: &mut Vec<&'a EnumValue>,
) {
    added.retain(|w| {
        let Some(old) = w.old_wire.as_ref() else {
            return true;
        };
        let Some(i) = removed.iter().position(|v| &v.value == old) else {
            return true;
        };
        let v = removed.remove(i);
        let s = site
            .below("values")
            .below(&key(w))
            .spanning(Some(v.span), Some(w.span));
        let message = format!(
            "value {} → {}; the old value is still read",
            v.value, w.value
        );
        cx.report_at(&ENUM_VALUE_RENAMED, Change::widens_if(!o.open), &s, message);
        renames::started_name(cx, &s, "enum value", &key(v), &key(w));
        false
    });
}

/// Reports values changed in place — an integer value keeping its name, a
/// string value replaced at the same position — and takes them out of the lists.
fn renamed<'a>(
    cx: &mut Ctx,
    site: &Site,
    o: &'a EnumType,
    n: &'a EnumType,
    removed: &mut Vec<&'a EnumValue>,
    added: &mut Vec<&'a EnumValue>,
) {
    let position = |e: &EnumType, v: &EnumValue| e.values.iter().position(|w| std::ptr::eq(w, v));
    let mut i = 0;
    while i < removed.len() {
        let v = removed[i];
        let same_place = |w: &&EnumValue| match v.value {
            EnumLiteral::Int(_) => w.ident == v.ident,
            EnumLiteral::Str(_) => position(o, v) == position(n, w),
        };
        match added.iter().position(same_place) {
            Some(j) => {
                let w = added.remove(j);
                removed.remove(i);
                let s = site
                    .below("values")
                    .below(&key(w))
                    .spanning(Some(v.span), Some(w.span));
                let message = format!("value {} → {}", v.value, w.value);
                cx.report_at(&ENUM_VALUE_RENAMED, Change::Incompatible, &s, message);
            }
            None => i += 1,
        }
    }
}
