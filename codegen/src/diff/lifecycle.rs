//! Rules about the life of names: deprecation before removal, and
//! tombstones that keep a removed name from coming back with another meaning.

use super::severity::Change;
use super::walk::Site;
use super::{child, Ctx, Readers, RuleDoc, Severity};
use crate::model::{Docs, Tombstone, Version};
use crate::source::Span;

/// `deprecation-invalid`.
pub const DEPRECATION_INVALID: RuleDoc = RuleDoc {
    id: "deprecation-invalid",
    group: "lifecycle",
    detects: "A new or changed deprecation that points nowhere: its `use:` names no event (for an event), no key of the same object (for a field) or no value (for an enum value), or its `since:` is later than the contract's version.",
    why: "Readers of the generated code are sent to a replacement that does not exist, or told of a deprecation from the future.",
    example: "deprecated: { since: \"1.1\", use: order_updated }  (no event `order_updated`)",
    fix: "Name the replacement as it is declared; date the deprecation no later than the contract's version.",
};

/// `removed-before-deprecation`.
pub const REMOVED_BEFORE_DEPRECATION: RuleDoc = RuleDoc {
    id: "removed-before-deprecation",
    group: "lifecycle",
    detects: "An event, channel or enum value removed without having been `deprecated` in the old contract (fields: `field-removed-without-deprecation`).",
    why: "Users of the generated code got no notice. A warning: whether the wire breaks is the verdict of the removal rule.",
    example: "events: { ping: {…}, legacy: {…} }  →  events: { ping: {…} }  (legacy never deprecated)",
    fix: "Deprecate it in one release, remove it in a later one.",
};

/// `reserved-reused`.
pub const RESERVED_REUSED: RuleDoc = RuleDoc {
    id: "reserved-reused",
    group: "lifecycle",
    detects: "A name the old contract keeps as a tombstone (`removed:`) is declared again (the new contract dropped the tombstone).",
    why: "Readers built before the removal still know the old meaning and misread the new one.",
    example: "removed: [{ key: color, version: \"0.9\" }]  →  fields: { color: integer }",
    fix: "Pick another name; keep the tombstone.",
};

/// `tombstone-removed`.
pub const TOMBSTONE_REMOVED: RuleDoc = RuleDoc {
    id: "tombstone-removed",
    group: "lifecycle",
    detects: "A tombstone of the old contract is gone.",
    why: "Nothing breaks yet, but the name can now come back with another meaning unnoticed.",
    example: "removed: [{ key: color, version: \"0.9\" }]  →  (no removed:)",
    fix: "Keep tombstones for as long as any reader may predate the removal.",
};

/// `tombstone-added`.
pub const TOMBSTONE_ADDED: RuleDoc = RuleDoc {
    id: "tombstone-added",
    group: "lifecycle",
    detects: "A new tombstone (`removed:`): a name recorded as removed for good.",
    why: "It only keeps the name from coming back: safe, listed so that reviewers see it.",
    example: "(no removed:)  →  removed: [{ key: color, version: \"0.9\" }]",
    fix: "Nothing to fix.",
};

/// `unused-type-removed`.
pub const UNUSED_TYPE_REMOVED: RuleDoc = RuleDoc {
    id: "unused-type-removed",
    group: "lifecycle",
    detects: "A declared type that no event reaches is gone.",
    why: "No message carries it, but code generated from the old contract exported it: info.",
    example: "types: { Legacy: {…} }  →  (removed)",
    fix: "Nothing to fix on the wire; tell users of the generated code.",
};

/// `unused-type-added`.
pub const UNUSED_TYPE_ADDED: RuleDoc = RuleDoc {
    id: "unused-type-added",
    group: "lifecycle",
    detects: "A new declared type that no event reaches.",
    why: "No message carries it yet: safe.",
    example: "(none)  →  types: { Draft: {…} }",
    fix: "Nothing to fix.",
};

/// Reports a name added where the old contract keeps a tombstone for it.
pub(crate) fn reused(
    cx: &mut Ctx,
    path: &str,
    name: &str,
    span: Span,
    tombstones: &[Tombstone],
    readers: Readers,
) {
    if let Some(t) = tombstones.iter().find(|t| t.name == name) {
        let message = format!(
            "`{name}` was removed in {} and is declared again",
            t.version
        );
        cx.report(
            &RESERVED_REUSED,
            Change::Incompatible,
            readers,
            path,
            message,
        )
        .at(Some(t.span), Some(span))
        .hint("pick another name and keep the tombstone");
    }
}

/// Reports tombstones of the old part that the new part dropped, and new
/// ones (`base`: the path of the `removed:` list).
pub(crate) fn tombstones(cx: &mut Ctx, base: &str, old: &[Tombstone], new: &[Tombstone]) {
    for t in new.iter().filter(|t| !old.iter().any(|o| o.name == t.name)) {
        let message = format!("`{}` recorded as removed in {}", t.name, t.version);
        cx.report(
            &TOMBSTONE_ADDED,
            Change::Safe,
            Readers::None,
            &child(base, &t.name),
            message,
        )
        .at(None, Some(t.span));
    }
    for t in old.iter().filter(|t| !new.iter().any(|n| n.name == t.name)) {
        let message = format!(
            "tombstone of `{}` (removed in {}) dropped",
            t.name, t.version
        );
        cx.report_as(
            &TOMBSTONE_REMOVED,
            Severity::Warning,
            Readers::None,
            &child(base, &t.name),
            message,
        )
        .at(Some(t.span), None);
    }
}

/// Reports a part removed without a deprecation in the old contract.
pub(crate) fn removed_undeprecated(cx: &mut Ctx, path: &str, what: &str, docs: &Docs, span: Span) {
    if docs.deprecated.is_none() {
        let message = format!("{what} removed without being deprecated first");
        cx.report_as(
            &REMOVED_BEFORE_DEPRECATION,
            Severity::Warning,
            Readers::None,
            path,
            message,
        )
        .at(Some(span), None)
        .hint("deprecate it in one release, remove it in a later one");
    }
}

/// Reports a new or changed deprecation whose replacement does not exist
/// (`exists` says whether a name does) or whose `since` is later than the
/// new contract's version.
pub(crate) fn deprecation(
    cx: &mut Ctx,
    s: &Site,
    old: &Docs,
    new: &Docs,
    exists: &dyn Fn(&str) -> bool,
) {
    let Some(d) = &new.deprecated else {
        return;
    };
    if old.deprecated.as_ref() == Some(d) {
        return;
    }
    if let Some(r) = d.replacement.as_deref().filter(|r| !exists(r)) {
        let message = format!("deprecated in favour of `{r}`, which does not exist");
        cx.report_as(
            &DEPRECATION_INVALID,
            Severity::Warning,
            s.readers,
            &s.path,
            message,
        )
        .at(s.old, s.new);
    }
    let since = d.since.as_deref().and_then(Version::parse);
    let version = cx.new.version.as_deref().and_then(Version::parse);
    if let (Some(since), Some(version)) = (since, version) {
        if since > version {
            let message =
                format!("deprecated since {since}, later than the contract's version {version}");
            cx.report_as(
                &DEPRECATION_INVALID,
                Severity::Warning,
                s.readers,
                &s.path,
                message,
            )
            .at(s.old, s.new);
        }
    }
}

/// Runs the contract-level lifecycle rules: tombstones of events and channels.
pub(crate) fn check(cx: &mut Ctx) {
    let (old, new) = (cx.old, cx.new);
    tombstones(
        cx,
        "removed.events",
        &old.removed_events,
        &new.removed_events,
    );
    tombstones(
        cx,
        "removed.channels",
        &old.removed_channels,
        &new.removed_channels,
    );
}
