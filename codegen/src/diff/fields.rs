//! Rules about the fields of objects and envelopes: presence, optionality,
//! nullability, aliases, type and openness.

use super::matching::{self, Link};
use super::severity::Change;
use super::walk::{self, Site};
use super::{child, lifecycle, renames, Ctx, RuleDoc, Severity};
use crate::model::{Field, ObjectType, Tombstone};

/// `field-added-optional`.
pub const FIELD_ADDED_OPTIONAL: RuleDoc = RuleDoc {
    id: "field-added-optional",
    group: "fields",
    detects: "A new optional key in an object or envelope.",
    why: "Old readers see a key they do not know: harmless when they tolerate undeclared keys (`additional: allow`, the default), breaking for clients reading a closed object (`additional: deny`).",
    example: "fields: { qty: number }  →  fields: { qty: number, note: { type: string, optional: true } }",
    fix: "Nothing for tolerant readers; for a closed object open it first (`additional: allow`) in a release of its own.",
};

/// `field-added-required`.
pub const FIELD_ADDED_REQUIRED: RuleDoc = RuleDoc {
    id: "field-added-required",
    group: "fields",
    detects: "A new required key in an object or envelope.",
    why: "Messages written by old clients lack the key, so the new server refuses them (client→server). Old clients reading new messages only see an extra key (breaking only when the object is closed).",
    example: "fields: { qty: number }  →  fields: { qty: number, venue: string }",
    fix: "Add the key as `optional: true`; make it required once every writer sends it.",
};

/// `field-removed`.
pub const FIELD_REMOVED: RuleDoc = RuleDoc {
    id: "field-removed",
    group: "fields",
    detects: "A key of an object or envelope is gone.",
    why: "Old clients reading new messages miss a key they require (server→client, when it was required). Old messages still carry the key, which a closed new object refuses (client→server).",
    example: "fields: { qty: number, venue: string }  →  fields: { qty: number }",
    fix: "Make the field optional and deprecate it first; remove it after a release, and add a tombstone (`removed:`) so the key is not reused.",
};

/// `field-removed-without-deprecation`.
pub const FIELD_REMOVED_WITHOUT_DEPRECATION: RuleDoc = RuleDoc {
    id: "field-removed-without-deprecation",
    group: "fields",
    detects: "A removed key was not marked `deprecated` in the old contract.",
    why: "Even when the wire allows it (an optional key), code generated from the old contract loses a member with no notice. A warning: it is about process, the wire verdict is `field-removed`'s.",
    example: "note: { type: string, optional: true }  →  (removed)",
    fix: "Mark the field `deprecated: { since: …, use: … }` in one release and remove it in a later one.",
};

/// `field-became-required`.
pub const FIELD_BECAME_REQUIRED: RuleDoc = RuleDoc {
    id: "field-became-required",
    group: "fields",
    detects: "An optional key became required.",
    why: "Old messages may lack the key, so the new server refuses them (client→server). Old clients read new messages fine.",
    example: "note: { type: string, optional: true }  →  note: string",
    fix: "Keep it optional until every writer sends it; for client→server events the server must keep accepting messages without it.",
};

/// `field-became-optional`.
pub const FIELD_BECAME_OPTIONAL: RuleDoc = RuleDoc {
    id: "field-became-optional",
    group: "fields",
    detects: "A required key became optional.",
    why: "New messages may lack the key, which old clients require (server→client). The new server reads old messages fine.",
    example: "note: string  →  note: { type: string, optional: true }",
    fix: "Keep writing the key to old clients, or add a new optional field and deprecate the old one.",
};

/// `field-became-nullable`.
pub const FIELD_BECAME_NULLABLE: RuleDoc = RuleDoc {
    id: "field-became-nullable",
    group: "fields",
    detects: "A field's value may now be `null`.",
    why: "Old clients refuse a `null` they were promised never to see (server→client).",
    example: "price: number  →  price: { type: number, nullable: true }",
    fix: "Add a new nullable field (or make the field optional on client→server events only).",
};

/// `field-became-non-nullable`.
pub const FIELD_BECAME_NON_NULLABLE: RuleDoc = RuleDoc {
    id: "field-became-non-nullable",
    group: "fields",
    detects: "A field's value may no longer be `null`.",
    why: "Old messages may carry `null`, which the new server refuses (client→server).",
    example: "price: { type: number, nullable: true }  →  price: number",
    fix: "Keep accepting `null` on read until no writer sends it.",
};

/// `field-type-changed`.
pub const FIELD_TYPE_CHANGED: RuleDoc = RuleDoc {
    id: "field-type-changed",
    group: "fields",
    detects: "A value's type changed to one that shares no values with the old one (string → number, object → enum).",
    why: "Every reader on either side refuses the other side's values.",
    example: "qty: string  →  qty: number",
    fix: "Add a field under a new key with the new type, deprecate the old one, remove it later.",
};

/// `field-type-widened`.
pub const FIELD_TYPE_WIDENED: RuleDoc = RuleDoc {
    id: "field-type-widened",
    group: "fields",
    detects: "A value's type now allows every old value and more (integer → number, enum → string, anything → json).",
    why: "Old clients refuse the new values (server→client); the new server reads old messages (client→server).",
    example: "qty: integer  →  qty: number",
    fix: "On server→client events add a new field with the wider type; widening is safe on client→server events.",
};

/// `field-type-narrowed`.
pub const FIELD_TYPE_NARROWED: RuleDoc = RuleDoc {
    id: "field-type-narrowed",
    group: "fields",
    detects: "A value's type now allows only some old values (number → integer, string → timestamp, json → anything).",
    why: "Old messages may carry values the new server refuses (client→server); old clients read new values (server→client).",
    example: "qty: number  →  qty: integer",
    fix: "On client→server events keep accepting the old values; narrowing is safe on server→client events.",
};

/// `field-cardinality-changed`.
pub const FIELD_CARDINALITY_CHANGED: RuleDoc = RuleDoc {
    id: "field-cardinality-changed",
    group: "fields",
    detects: "A value changed between a scalar or object, an array and a map.",
    why: "A reader expecting one value gets many (or keys instead of positions): every reader breaks.",
    example: "tag: string  →  tag: array<string>",
    fix: "Add a field under a new key (e.g. `tags`), deprecate the old one.",
};

/// `timestamp-encoding-changed`.
pub const TIMESTAMP_ENCODING_CHANGED: RuleDoc = RuleDoc {
    id: "timestamp-encoding-changed",
    group: "fields",
    detects: "A timestamp's wire encoding changed (rfc3339, unix_s, unix_ms).",
    why: "A text date read as a number (or seconds read as milliseconds) is refused or silently wrong, on every side.",
    example: "ts: timestamp  →  ts: { type: timestamp, encoding: unix_ms }",
    fix: "Add a field under a new key with the new encoding; deprecate the old one.",
};

/// `alias-added`.
pub const ALIAS_ADDED: RuleDoc = RuleDoc {
    id: "alias-added",
    group: "fields",
    detects: "A field or event accepts a further name on read.",
    why: "Writers never write an alias, so no reader meets a name it does not know: safe.",
    example: "ts: timestamp  →  ts: { type: timestamp, aliases: [timestamp] }",
    fix: "Nothing to fix.",
};

/// `alias-removed`.
pub const ALIAS_REMOVED: RuleDoc = RuleDoc {
    id: "alias-removed",
    group: "fields",
    detects: "A name a field or event accepted on read is no longer accepted.",
    why: "Old messages are everything the old contract accepted, alias spellings included: whoever still writes the alias is refused by the new server (client→server). Server→client messages never carry aliases.",
    example: "ts: { type: timestamp, aliases: [timestamp] }  →  ts: timestamp",
    fix: "Keep the alias until no client writes it.",
};

/// `object-closed`.
pub const OBJECT_CLOSED: RuleDoc = RuleDoc {
    id: "object-closed",
    group: "fields",
    detects: "An object or envelope now refuses undeclared keys (`additional: deny`, or `compatibility.extra_keys: deny`).",
    why: "Old messages may carry keys the old contract tolerated, which the new server refuses (client→server).",
    example: "{ type: object, fields: {…} }  →  { type: object, fields: {…}, additional: deny }",
    fix: "Keep the object open where clients write it.",
};

/// `object-opened`.
pub const OBJECT_OPENED: RuleDoc = RuleDoc {
    id: "object-opened",
    group: "fields",
    detects: "An object or envelope now tolerates undeclared keys.",
    why: "Openness is a reader's promise; writers still write only declared keys, so nobody meets a key they do not know: safe.",
    example: "{ …, additional: deny }  →  { … }",
    fix: "Nothing to fix.",
};

/// `integer-beyond-js-precision`.
pub const INTEGER_BEYOND_JS_PRECISION: RuleDoc = RuleDoc {
    id: "integer-beyond-js-precision",
    group: "fields",
    detects: "An integer's range grew past ±2^53, the integers a JavaScript number holds exactly (a wider `width`, a bound raised or dropped).",
    why: "JavaScript readers hold integers as doubles and lose precision beyond 2^53; whether such values are sent cannot be told from the contract, hence a warning.",
    example: "count: { type: integer, width: i32 }  →  count: integer",
    fix: "Bound the range (`max: 9007199254740991`) or send large values as strings.",
};

/// Compares two objects: openness, then their fields.
pub(crate) fn compare_objects(cx: &mut Ctx, site: &Site, o: &ObjectType, n: &ObjectType) {
    openness(cx, site, o.additional, n.additional);
    let lists = Lists {
        old: &o.fields,
        new: &n.fields,
        old_removed: &o.removed,
        new_removed: &n.removed,
        skip: &[],
    };
    compare_fields(cx, site, lists, (o.additional, n.additional), &|_| true);
}

/// Reports an object or envelope that closed or opened.
pub(crate) fn openness(cx: &mut Ctx, site: &Site, old_open: bool, new_open: bool) {
    match (old_open, new_open) {
        (true, false) => {
            let message = "undeclared keys are now refused".to_owned();
            cx.report_at(&OBJECT_CLOSED, Change::Narrows, site, message);
        }
        (false, true) => {
            let message = "undeclared keys are now tolerated".to_owned();
            cx.report_at(&OBJECT_OPENED, Change::Safe, site, message);
        }
        _ => {}
    }
}

/// The path of a field of the object or envelope at `site`.
pub(crate) fn field_path(site: &Site, key: &str) -> String {
    child(&child(&site.path, "fields"), key)
}

/// Compares the fields of an object or envelope (`open`: whether the old
/// and the new one tolerate undeclared keys), and their tombstones. The value types of fields
/// for which `typed` says no are not compared (an envelope's payload field,
/// whose type each event gives).
pub(crate) fn compare_fields(
    cx: &mut Ctx,
    site: &Site,
    lists: Lists<'_>,
    open: (bool, bool),
    typed: &dyn Fn(&Field) -> bool,
) {
    lifecycle::tombstones(
        cx,
        &site.below("removed").path,
        lists.old_removed,
        lists.new_removed,
    );
    let old = lists
        .old
        .iter()
        .filter(|f| !lists.skip.contains(&f.name.as_str()));
    let new = lists
        .new
        .iter()
        .filter(|f| !lists.skip.contains(&f.name.as_str()));
    let mut m = matching::pair(
        old,
        new,
        |f| &f.name,
        |g, old_key| matching::link_by(g.old_key(), &g.aliases, old_key),
    );
    renames::undeclared(cx, site, &mut m.removed, &mut m.added);
    for f in m.removed {
        removed(cx, site, f, open.1);
    }
    for g in m.added {
        added(cx, site, g, open.0);
        let path = field_path(site, &g.name);
        lifecycle::reused(cx, &path, &g.name, g.span, lists.old_removed, site.readers);
    }
    for (f, g, link) in m.pairs {
        let s = Site {
            path: field_path(site, &g.name),
            old: Some(f.span),
            new: Some(g.span),
            readers: site.readers,
        };
        match link {
            Link::Same => {}
            Link::Renamed => renames::started(cx, &s, f, g),
            Link::Aliased => renames::aliased(cx, &s, f, g),
        }
        compare_field(cx, &s, f, g, typed(g));
        let exists = |key: &str| lists.new.iter().any(|h| h.name == key);
        lifecycle::deprecation(cx, &s, &f.docs, &g.docs, &exists);
    }
}

/// The fields of an old and a new object or envelope, with their tombstones.
#[derive(Clone, Copy)]
pub(crate) struct Lists<'a> {
    /// The old fields.
    pub old: &'a [Field],
    /// The new fields.
    pub new: &'a [Field],
    /// Keys the old part keeps tombstones for.
    pub old_removed: &'a [Tombstone],
    /// Keys the new part keeps tombstones for.
    pub new_removed: &'a [Tombstone],
    /// Keys compared elsewhere (an envelope's moved routing keys).
    pub skip: &'a [&'a str],
}

/// Reports a removed field.
fn removed(cx: &mut Ctx, site: &Site, f: &Field, new_open: bool) {
    let path = field_path(site, &f.name);
    let change = Change::widens_if(!f.optional).and(Change::narrows_if(!new_open));
    let kind = if f.optional { "optional" } else { "required" };
    cx.report(
        &FIELD_REMOVED,
        change,
        site.readers,
        &path,
        format!("{kind} key `{}` removed", f.name),
    )
    .at(Some(f.span), None);
    if f.docs.deprecated.is_none() {
        let message = format!("key `{}` removed without being deprecated first", f.name);
        cx.report_as(
            &FIELD_REMOVED_WITHOUT_DEPRECATION,
            Severity::Warning,
            site.readers,
            &path,
            message,
        )
        .at(Some(f.span), None)
        .hint("deprecate the field in one release, remove it in a later one");
    }
}

/// Reports an added field.
fn added(cx: &mut Ctx, site: &Site, g: &Field, old_open: bool) {
    let path = field_path(site, &g.name);
    let extra = Change::widens_if(!old_open);
    let (rule, change, kind) = if g.optional {
        (&FIELD_ADDED_OPTIONAL, extra, "optional")
    } else {
        (
            &FIELD_ADDED_REQUIRED,
            Change::Narrows.and(extra),
            "required",
        )
    };
    let f = cx.report(
        rule,
        change,
        site.readers,
        &path,
        format!("{kind} key `{}` added", g.name),
    );
    f.at(None, Some(g.span));
    if !g.optional {
        f.hint("add it with `optional: true`; make it required once every writer sends it");
    }
}

/// Compares two fields that stand for each other: optionality,
/// nullability, aliases, fixed values, then the value type (when `typed`).
pub(crate) fn compare_field(cx: &mut Ctx, s: &Site, f: &Field, g: &Field, typed: bool) {
    match (f.optional, g.optional) {
        (true, false) => cx.report_at(
            &FIELD_BECAME_REQUIRED,
            Change::Narrows,
            s,
            "the key is now required".into(),
        ),
        (false, true) => cx.report_at(
            &FIELD_BECAME_OPTIONAL,
            Change::Widens,
            s,
            "the key may now be absent".into(),
        ),
        _ => {}
    }
    match (f.nullable, g.nullable) {
        (false, true) => cx.report_at(
            &FIELD_BECAME_NULLABLE,
            Change::Widens,
            s,
            "the value may now be null".into(),
        ),
        (true, false) => cx.report_at(
            &FIELD_BECAME_NON_NULLABLE,
            Change::Narrows,
            s,
            "the value may no longer be null".into(),
        ),
        _ => {}
    }
    let (old_keys, new_keys): (Vec<&str>, Vec<&str>) =
        (f.read_keys().collect(), g.read_keys().collect());
    aliases(cx, s, (&f.aliases, &old_keys), (&g.aliases, &new_keys));
    super::envelope::fixed_values(cx, s, f, g);
    if f.name == g.name {
        renames::changed(cx, s, f.renamed_from.as_ref(), g.renamed_from.as_ref());
    }
    if typed {
        walk::compare(cx, s, &f.ty, &g.ty);
    }
}

/// Reports aliases dropped (no longer among the names the new part reads)
/// and aliases added (not among the names the old part read). Each side is
/// its aliases and every name it reads.
pub(crate) fn aliases(
    cx: &mut Ctx,
    s: &Site,
    old: (&[String], &[&str]),
    new: (&[String], &[&str]),
) {
    let base = s.below("aliases");
    for a in old.0.iter().filter(|a| !new.1.contains(&a.as_str())) {
        let message = format!("`{a}` is no longer accepted on read");
        cx.report_at(&ALIAS_REMOVED, Change::Narrows, &base.below(a), message);
    }
    for a in new.0.iter().filter(|a| !old.1.contains(&a.as_str())) {
        let message = format!("`{a}` is now accepted on read");
        cx.report_at(&ALIAS_ADDED, Change::Safe, &base.below(a), message);
    }
}
