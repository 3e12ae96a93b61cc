//! Rules about constraints on values (bounds, lengths, counts, patterns)
//! and about the variants of unions.

use super::fields::INTEGER_BEYOND_JS_PRECISION;
use super::severity::Change;
use super::walk::{self, Site};
use super::{Ctx, RuleDoc};
use crate::model::{
    Discrimination, IntegerRules, NumberRules, Pattern, StringRules, TypeRef, UnionType, Variant,
};
use std::fmt::Display;

/// `constraint-tightened`.
pub const CONSTRAINT_TIGHTENED: RuleDoc = RuleDoc {
    id: "constraint-tightened",
    group: "constraints",
    detects: "A bound, length, count or width allows fewer values (a minimum raised, a maximum lowered, a pattern added, `i64` → `i32`).",
    why: "Old messages may hold values the new server refuses (client→server); old clients read new values fine.",
    example: "qty: { type: integer, max: 100 }  →  qty: { type: integer, max: 10 }",
    fix: "On client→server events keep accepting the old range (reject in application logic if needed).",
};

/// `constraint-relaxed`.
pub const CONSTRAINT_RELAXED: RuleDoc = RuleDoc {
    id: "constraint-relaxed",
    group: "constraints",
    detects: "A bound, length, count, width or fixed value allows more values (a minimum lowered, a maximum raised or dropped, a pattern or `const` dropped).",
    why: "New messages may hold values old clients refuse (server→client); the new server reads old messages fine.",
    example: "qty: { type: integer, max: 10 }  →  qty: { type: integer, max: 100 }",
    fix: "On server→client events keep writing values in the old range, or add a new field.",
};

/// `pattern-changed`.
pub const PATTERN_CHANGED: RuleDoc = RuleDoc {
    id: "pattern-changed",
    group: "constraints",
    detects: "A regular expression (a string `pattern` or a map's `key_pattern`) changed.",
    why: "Whether one regular expression accepts every string of another cannot be decided here, so the change may break either side: a warning for a human to judge.",
    example: "code: { type: string, pattern: '^[A-Z]{3}$' }  →  code: { type: string, pattern: '^[A-Z]{3,4}$' }",
    fix: "Check by hand that the new pattern accepts what the readers it reaches must accept; acknowledge the finding in the changelog.",
};

/// `union-variant-added`.
pub const UNION_VARIANT_ADDED: RuleDoc = RuleDoc {
    id: "union-variant-added",
    group: "constraints",
    detects: "A union has a new variant.",
    why: "Old clients refuse a variant they do not know (server→client); the new server reads old messages fine.",
    example: "variants: { circle: Circle }  →  variants: { circle: Circle, square: Square }",
    fix: "Send the new variant only to clients that know it, or add it under a new event.",
};

/// `union-variant-removed`.
pub const UNION_VARIANT_REMOVED: RuleDoc = RuleDoc {
    id: "union-variant-removed",
    group: "constraints",
    detects: "A union lost a variant.",
    why: "Old messages may carry it, which the new server refuses (client→server).",
    example: "variants: { circle: Circle, square: Square }  →  variants: { circle: Circle }",
    fix: "Keep the variant readable until no client writes it.",
};

/// `union-detection-changed`.
pub const UNION_DETECTION_CHANGED: RuleDoc = RuleDoc {
    id: "union-detection-changed",
    group: "constraints",
    detects: "How a union's variants are told apart changed: the tag key, tagged ↔ shape-detected, a variant's `when`, or the order in which shape-detected variants are tried.",
    why: "The same message is read as another variant (or none) by old and new readers, on either side.",
    example: "{ type: union, tag: kind, … }  →  { type: union, tag: type, … }",
    fix: "Introduce a new union under a new key or event; deprecate the old one.",
};

/// Compares string constraints.
pub(crate) fn strings(cx: &mut Ctx, site: &Site, a: &StringRules, b: &StringRules) {
    patterns(cx, site, "pattern", a.pattern.as_ref(), b.pattern.as_ref());
    let (old, new) = ((a.min_length, a.max_length), (b.min_length, b.max_length));
    bounds(cx, site, "length", old, new);
}

/// Compares integer constraints: the range the width and the bounds allow together.
pub(crate) fn integers(cx: &mut Ctx, site: &Site, a: &IntegerRules, b: &IntegerRules) {
    let (old, new) = (int_range(a), int_range(b));
    bounds(
        cx,
        site,
        "value",
        (Some(old.0), Some(old.1)),
        (Some(new.0), Some(new.1)),
    );
    let safe = |(lo, hi): (i128, i128)| lo >= -(1 << 53) && hi <= 1 << 53;
    if safe(old) && !safe(new) {
        let message = format!("range [{}, {}] now exceeds ±2^53", new.0, new.1);
        cx.report_at(
            &INTEGER_BEYOND_JS_PRECISION,
            Change::Undecidable,
            site,
            message,
        );
    }
}

/// The inclusive range an integer's width and bounds allow together.
fn int_range(r: &IntegerRules) -> (i128, i128) {
    let (lo, hi) = r.width.range();
    (
        r.min.map_or(lo, |m| m.max(lo)),
        r.max.map_or(hi, |m| m.min(hi)),
    )
}

/// Compares number bounds.
pub(crate) fn numbers(cx: &mut Ctx, site: &Site, a: &NumberRules, b: &NumberRules) {
    bounds(cx, site, "value", (a.min, a.max), (b.min, b.max));
}

/// Compares element counts of arrays.
pub(crate) fn counts(
    cx: &mut Ctx,
    site: &Site,
    what: &str,
    old: (Option<u64>, Option<u64>),
    new: (Option<u64>, Option<u64>),
) {
    bounds(cx, site, what, old, new);
}

/// Compares an inclusive range (`None`: unbounded on that side): a bound
/// moved inwards tightens, outwards relaxes.
fn bounds<T: PartialOrd + Display + Copy>(
    cx: &mut Ctx,
    site: &Site,
    what: &str,
    old: (Option<T>, Option<T>),
    new: (Option<T>, Option<T>),
) {
    let show = |v: Option<T>| v.map_or_else(|| "none".to_owned(), |v| v.to_string());
    let moved = |rule: &RuleDoc, change, side: &str, a: Option<T>, b: Option<T>, cx: &mut Ctx| {
        let message = format!("{what} {side} {} → {}", show(a), show(b));
        cx.report_at(rule, change, site, message);
    };
    let tight = (&CONSTRAINT_TIGHTENED, Change::Narrows);
    let loose = (&CONSTRAINT_RELAXED, Change::Widens);
    let min = match (old.0, new.0) {
        (None, Some(_)) => Some(tight),
        (Some(_), None) => Some(loose),
        (Some(a), Some(b)) if b > a => Some(tight),
        (Some(a), Some(b)) if b < a => Some(loose),
        _ => None,
    };
    if let Some((rule, change)) = min {
        moved(rule, change, "minimum", old.0, new.0, cx);
    }
    let max = match (old.1, new.1) {
        (None, Some(_)) => Some(tight),
        (Some(_), None) => Some(loose),
        (Some(a), Some(b)) if b < a => Some(tight),
        (Some(a), Some(b)) if b > a => Some(loose),
        _ => None,
    };
    if let Some((rule, change)) = max {
        moved(rule, change, "maximum", old.1, new.1, cx);
    }
}

/// Compares two optional regular expressions.
pub(crate) fn patterns(
    cx: &mut Ctx,
    site: &Site,
    what: &str,
    a: Option<&Pattern>,
    b: Option<&Pattern>,
) {
    let (rule, change, message) = match (a, b) {
        (None, Some(b)) => (
            &CONSTRAINT_TIGHTENED,
            Change::Narrows,
            format!("{what} `{}` added", b.source),
        ),
        (Some(a), None) => (
            &CONSTRAINT_RELAXED,
            Change::Widens,
            format!("{what} `{}` dropped", a.source),
        ),
        (Some(a), Some(b)) if a.source != b.source => (
            &PATTERN_CHANGED,
            Change::Undecidable,
            format!("{what} `{}` → `{}`", a.source, b.source),
        ),
        _ => return,
    };
    cx.report_at(rule, change, site, message);
}

/// Compares two unions: how variants are told apart, then the variants
/// (by tag, or by name for shape-detected unions).
pub(crate) fn compare_unions(cx: &mut Ctx, site: &Site, o: &UnionType, n: &UnionType) {
    if o.discrimination != n.discrimination {
        let message = format!(
            "{} → {}",
            discrimination(&o.discrimination),
            discrimination(&n.discrimination)
        );
        cx.report_at(
            &UNION_DETECTION_CHANGED,
            Change::Incompatible,
            site,
            message,
        );
        return;
    }
    let key = |v: &Variant| v.tag.clone().unwrap_or_else(|| v.ident.clone());
    let base = site.below("variants");
    let mut order_new = Vec::new();
    for v in &o.variants {
        let Some((j, w)) = n
            .variants
            .iter()
            .enumerate()
            .find(|(_, w)| key(w) == key(v))
        else {
            let s = base.below(&key(v)).spanning(Some(v.span), None);
            cx.report_at(
                &UNION_VARIANT_REMOVED,
                Change::Narrows,
                &s,
                format!("variant `{}` removed", key(v)),
            );
            continue;
        };
        order_new.push(j);
        let s = base.below(&key(v)).spanning(Some(v.span), Some(w.span));
        if v.when != w.when {
            let message = format!("variant `{}` detection changed", key(v));
            cx.report_at(&UNION_DETECTION_CHANGED, Change::Incompatible, &s, message);
        }
        walk::compare(
            cx,
            &s,
            &TypeRef::Named(v.ty.clone()),
            &TypeRef::Named(w.ty.clone()),
        );
    }
    for w in n
        .variants
        .iter()
        .filter(|w| !o.variants.iter().any(|v| key(v) == key(w)))
    {
        let s = base.below(&key(w)).spanning(None, Some(w.span));
        cx.report_at(
            &UNION_VARIANT_ADDED,
            Change::Widens,
            &s,
            format!("variant `{}` added", key(w)),
        );
    }
    let reordered = order_new.windows(2).any(|p| p[0] > p[1]);
    if n.discrimination == Discrimination::Fields && reordered {
        let message = "shape-detected variants are tried in another order".to_owned();
        cx.report_at(
            &UNION_DETECTION_CHANGED,
            Change::Incompatible,
            site,
            message,
        );
    }
}

/// How a union tells its variants apart, in words.
fn discrimination(d: &Discrimination) -> String {
    match d {
        Discrimination::Tag(key) => format!("tagged by `{key}`"),
        Discrimination::Fields => "detected by fields".to_owned(),
    }
}
