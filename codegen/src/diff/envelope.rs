//! Rules about envelope shapes: the keys every message is routed by,
//! compression, and the fields whose value is fixed or derived. Every field
//! rule applies to envelope fields too, at `envelope.fields.<key>`, with the
//! readers of every event using the shape.

use super::fields::{self, compare_field, field_path};
use super::severity::Change;
use super::walk::Site;
use super::{child, Ctx, RuleDoc};
use crate::model::{Compression, Envelope, Field, DEFAULT_ENVELOPE};

/// `discriminator-key-changed`.
pub const DISCRIMINATOR_KEY_CHANGED: RuleDoc = RuleDoc {
    id: "discriminator-key-changed",
    group: "envelope",
    detects: "The envelope key that carries the event name changed.",
    why: "Readers find the event of a message by this key before anything else: every message of the shape is unreadable across versions.",
    example: "discriminator: type  →  discriminator: t",
    fix: "Keep the key; accept the new spelling as an alias of the discriminator field first.",
};

/// `payload-key-changed`.
pub const PAYLOAD_KEY_CHANGED: RuleDoc = RuleDoc {
    id: "payload-key-changed",
    group: "envelope",
    detects:
        "The envelope key that carries the payload changed (or the shape gained or lost a payload).",
    why: "Every reader looks for the payload under the old key: every message of the shape breaks.",
    example: "payload: data  →  payload: p",
    fix: "Keep the key; add the new spelling as an alias of the payload field.",
};

/// `const-value-changed`.
pub const CONST_VALUE_CHANGED: RuleDoc = RuleDoc {
    id: "const-value-changed",
    group: "envelope",
    detects: "A field's `const` value changed (e.g. a protocol version `v: 2` → `v: 3`).",
    why: "Readers refuse every message whose value is not their constant: old and new messages are mutually unreadable.",
    example: "v: { type: integer, const: 2 }  →  v: { type: integer, const: 3 }",
    fix: "Widen the field on read first (drop the `const` where the server reads it), then change what writers write.",
};

/// `derived-field-rule-changed`.
pub const DERIVED_FIELD_RULE_CHANGED: RuleDoc = RuleDoc {
    id: "derived-field-rule-changed",
    group: "envelope",
    detects: "The value a derived envelope field must have in an event's messages changed (its category by a changed rule, its channel, or what the field derives from).",
    why: "Readers check a derived field against the event: a message written with the old value is refused by new readers and the reverse.",
    example: "categories.rules: [{ contains: snapshot, category: S }]  →  [{ contains: snap, category: S }]  (event `snapshot_done` changes category)",
    fix: "Give the event an explicit `category:` equal to the old value, or introduce the change with a new event.",
};

/// `compression-changed`.
pub const COMPRESSION_CHANGED: RuleDoc = RuleDoc {
    id: "compression-changed",
    group: "envelope",
    detects: "Payload compression was added, removed or changed (flag key, algorithm, encoding, threshold).",
    why: "Added: old clients cannot inflate new compressed payloads (server→client). Removed: the new server cannot inflate what old clients compress (client→server); old clients read uncompressed payloads fine. Another algorithm or flag breaks both; only a new threshold is safe.",
    example: "compression: { flag: cmp, algorithm: zlib, encoding: base64, threshold: 1024 }  →  (removed)",
    fix: "Keep readers able to inflate for a release after writers stop compressing; add compression only once every reader inflates.",
};

/// `default-changed`.
pub const DEFAULT_CHANGED: RuleDoc = RuleDoc {
    id: "default-changed",
    group: "envelope",
    detects: "A value writers fill in by default changed: a field's `default_from`, or an event's priority that fills it.",
    why: "Messages stay valid for every reader, but a receiver that acts on the value (ordering by priority) behaves differently; whether that matters cannot be told here.",
    example: "priority: HIGH  →  priority: LOW",
    fix: "Confirm receivers do not depend on the old value; acknowledge the finding in the changelog.",
};

/// The path of an envelope shape: `envelope` for the default one,
/// `envelopes.<key>` for the others.
pub(crate) fn envelope_path(key: &str) -> String {
    if key == DEFAULT_ENVELOPE {
        "envelope".to_owned()
    } else {
        child("envelopes", key)
    }
}

/// Compares the envelope shapes both contracts declare under one key.
pub(crate) fn check(cx: &mut Ctx) {
    for (key, a) in &cx.old.envelopes {
        let Some(b) = cx.new.envelopes.get(key) else {
            continue;
        };
        let site = Site {
            path: envelope_path(key),
            old: Some(a.span),
            new: Some(b.span),
            readers: cx.envelope_readers(key, key),
        };
        compare_envelopes(cx, &site, a, b);
    }
}

/// Compares two envelope shapes: routing keys, compression, openness, fields.
pub(crate) fn compare_envelopes(cx: &mut Ctx, site: &Site, a: &Envelope, b: &Envelope) {
    let routing_changed = a.discriminator != b.discriminator;
    if routing_changed {
        let message = format!(
            "discriminator `{}` → `{}`",
            a.discriminator, b.discriminator
        );
        cx.report_at(
            &DISCRIMINATOR_KEY_CHANGED,
            Change::Incompatible,
            site,
            message,
        );
    }
    let payload_changed = a.payload != b.payload;
    if payload_changed {
        let show = |p: &Option<String>| {
            p.as_deref()
                .map_or_else(|| "none".to_owned(), |k| format!("`{k}`"))
        };
        let message = format!("payload key {} → {}", show(&a.payload), show(&b.payload));
        cx.report_at(&PAYLOAD_KEY_CHANGED, Change::Incompatible, site, message);
    }
    compression(cx, site, a.compression.as_ref(), b.compression.as_ref());
    fields::openness(cx, site, a.additional, b.additional);
    // A routing key that moved is compared with its new spelling, not reported removed and added.
    let mut skip = Vec::new();
    for (changed, old, new) in [
        (
            routing_changed,
            Some(a.discriminator.as_str()),
            Some(b.discriminator.as_str()),
        ),
        (payload_changed, a.payload.as_deref(), b.payload.as_deref()),
    ] {
        if changed {
            skip.extend(old.into_iter().chain(new));
        }
    }
    let lists = fields::Lists {
        old: &a.fields,
        new: &b.fields,
        old_removed: &a.removed,
        new_removed: &b.removed,
        skip: &skip,
    };
    let is_payload = |g: &Field| b.payload.as_deref() == Some(g.name.as_str());
    fields::compare_fields(cx, site, lists, (a.additional, b.additional), &|g| {
        !is_payload(g)
    });
    let moved_pairs = [
        (
            routing_changed,
            a.discriminator_field(),
            b.discriminator_field(),
            true,
        ),
        (payload_changed, a.payload_field(), b.payload_field(), false),
    ];
    for (changed, f, g, typed) in moved_pairs {
        if let (true, Some(f), Some(g)) = (changed, f, g) {
            let s = Site {
                path: field_path(site, &g.name),
                old: Some(f.span),
                new: Some(g.span),
                readers: site.readers,
            };
            compare_field(cx, &s, f, g, typed);
        }
    }
}

/// Compares payload compression.
fn compression(cx: &mut Ctx, site: &Site, a: Option<&Compression>, b: Option<&Compression>) {
    let (change, message) = match (a, b) {
        (None, Some(_)) => (Change::Widens, "payload compression added".to_owned()),
        (Some(_), None) => (Change::Narrows, "payload compression removed".to_owned()),
        (Some(a), Some(b))
            if (&a.flag, a.algorithm, a.encoding) != (&b.flag, b.algorithm, b.encoding) =>
        {
            (
                Change::Incompatible,
                "compression flag, algorithm or encoding changed".to_owned(),
            )
        }
        (Some(a), Some(b)) if a.threshold != b.threshold => (
            Change::Safe,
            format!("compression threshold {} → {}", a.threshold, b.threshold),
        ),
        _ => return,
    };
    cx.report_at(
        &COMPRESSION_CHANGED,
        change,
        &site.below("compression"),
        message,
    );
}

/// Compares what fixes or fills a field's value: `const`, `derived`, `default_from`.
pub(crate) fn fixed_values(cx: &mut Ctx, s: &Site, f: &Field, g: &Field) {
    match (&f.constant, &g.constant) {
        (None, Some(v)) => {
            cx.report_at(
                &super::enums::FIELD_BECAME_ENUM_OR_CONST,
                Change::Narrows,
                s,
                format!("`const: {v}` added"),
            );
        }
        (Some(v), None) => {
            cx.report_at(
                &super::constraints::CONSTRAINT_RELAXED,
                Change::Widens,
                s,
                format!("`const: {v}` dropped"),
            );
        }
        (Some(a), Some(b)) if a != b => {
            cx.report_at(
                &CONST_VALUE_CHANGED,
                Change::Incompatible,
                s,
                format!("const {a} → {b}"),
            );
        }
        _ => {}
    }
    if f.derived != g.derived {
        let message = format!("derived from {:?} → {:?}", f.derived, g.derived);
        cx.report_at(
            &DERIVED_FIELD_RULE_CHANGED,
            Change::Incompatible,
            s,
            message.to_lowercase(),
        );
    }
    if f.default_from != g.default_from {
        let message = format!("default from {:?} → {:?}", f.default_from, g.default_from);
        cx.report_at(
            &DEFAULT_CHANGED,
            Change::Undecidable,
            s,
            message.to_lowercase(),
        );
    }
}
