//! Rules about contracts, channels and events as a whole: what exists, its
//! name on the wire, its direction, channel, envelope and payload.

use super::envelope::{self, DEFAULT_CHANGED, DERIVED_FIELD_RULE_CHANGED};
use super::fields;
use super::matching::{self, Link};
use super::severity::Change;
use super::walk::{self, Site};
use super::{child, lifecycle, renames, Ctx, Finding, Readers, RuleDoc, Severity};
use crate::model::{
    Channel, Contract, Derived, DerivedValue, Direction, Event, FieldRole, Senders,
};

/// `contract-removed`.
pub const CONTRACT_REMOVED: RuleDoc = RuleDoc {
    id: "contract-removed",
    group: "events",
    detects: "A contract file that existed in the base is gone.",
    why: "Every client and server built from it loses its protocol.",
    example: "contracts/trading.yaml  →  (deleted)",
    fix: "Keep the contract until no reader uses it; deprecate its events first.",
};

/// `contract-added`.
pub const CONTRACT_ADDED: RuleDoc = RuleDoc {
    id: "contract-added",
    group: "events",
    detects: "A contract file that the base did not have.",
    why: "Nobody reads it yet: safe, listed so that reviewers see it.",
    example: "(none)  →  contracts/billing.yaml",
    fix: "Nothing to fix.",
};

/// `channel-removed`.
pub const CHANNEL_REMOVED: RuleDoc = RuleDoc {
    id: "channel-removed",
    group: "events",
    detects: "A channel is gone.",
    why: "Clients subscribe to channels by address: old clients subscribe to one that no longer exists and miss every event on it.",
    example: "channels: { workers: {}, jobs: {} }  →  channels: { workers: {} }",
    fix: "Deprecate the channel, move its events, remove it a release later.",
};

/// `channel-added`.
pub const CHANNEL_ADDED: RuleDoc = RuleDoc {
    id: "channel-added",
    group: "events",
    detects: "A new channel.",
    why: "Old clients do not subscribe to it: safe.",
    example: "channels: { workers: {} }  →  channels: { workers: {}, jobs: {} }",
    fix: "Nothing to fix.",
};

/// `channel-address-changed`.
pub const CHANNEL_ADDRESS_CHANGED: RuleDoc = RuleDoc {
    id: "channel-address-changed",
    group: "events",
    detects: "A channel's address on the wire changed (its `address`, its parameters or the contract's `channel_prefix`).",
    why: "Old clients subscribe to the old address and derived channel fields carry it: both sides break.",
    example: "workers: { address: workers }  →  workers: { address: 'workers:{region}' }",
    fix: "Add a new channel with the new address and move events to it over a release.",
};

/// `event-removed`.
pub const EVENT_REMOVED: RuleDoc = RuleDoc {
    id: "event-removed",
    group: "events",
    detects: "An event is gone (no new event has its name, `renamed_from` or an alias of it).",
    why: "Old clients still send events they could send (client→server or `both`): the new server refuses them (a warning when it tolerates unknown events: they are dropped silently). A server→client event merely stops arriving: old clients are not hurt.",
    example: "events: { ping: {…}, legacy_ping: {…} }  →  events: { ping: {…} }",
    fix: "Deprecate the event first; on client→server events keep accepting it (or its name as an alias of its replacement).",
};

/// `event-added`.
pub const EVENT_ADDED: RuleDoc = RuleDoc {
    id: "event-added",
    group: "events",
    detects: "A new event.",
    why: "Old clients receive a server→client event they do not know: a warning when the old contract denies unknown events (`compatibility.unknown_events: deny`), since whether the server sends it to old clients cannot be told; info otherwise, and for client→server events.",
    example: "events: { ping: {…} }  →  events: { ping: {…}, order_update: {…} }",
    fix: "Send the new event only to clients that announced they know it, or allow unknown events in an earlier release.",
};

/// `event-wire-name-changed`.
pub const EVENT_WIRE_NAME_CHANGED: RuleDoc = RuleDoc {
    id: "event-wire-name-changed",
    group: "events",
    detects: "An event's wire name changed, the old name kept as a read alias (or `renamed_from`).",
    why: "The new server still reads the old name, but new messages carry the new name, which old clients do not know (server→client).",
    example: "order.update: {…}  →  order_update: { aliases: [order.update], … }",
    fix: "Keep writing the old name to old clients until they update; on client→server events the alias suffices.",
};

/// `event-direction-changed`.
pub const EVENT_DIRECTION_CHANGED: RuleDoc = RuleDoc {
    id: "event-direction-changed",
    group: "events",
    detects: "An event's `direction` changed.",
    why: "If clients may no longer send it, the new server refuses what old clients send (error). If the server newly sends it, old clients receive an event they only knew how to send (warning, as for an added event). Dropping server sending or adding client sending is safe.",
    example: "direction: both  →  direction: server_to_client",
    fix: "Add a new event for the new direction; deprecate the old one.",
};

/// `event-channel-changed`.
pub const EVENT_CHANNEL_CHANGED: RuleDoc = RuleDoc {
    id: "event-channel-changed",
    group: "events",
    detects: "An event moved to another channel address (a new key with the same address is listed as info).",
    why: "Subscribers of the old channel stop receiving it, and derived channel fields change value.",
    example: "channel: workers  →  channel: jobs",
    fix: "Publish on both channels for a release (two events), then retire the old one.",
};

/// `event-envelope-changed`.
pub const EVENT_ENVELOPE_CHANGED: RuleDoc = RuleDoc {
    id: "event-envelope-changed",
    group: "events",
    detects: "An event uses another envelope shape; the two shapes are compared field by field at `events.<name>.envelope`.",
    why: "The key of the shape alone does not matter; every difference between the shapes is reported by the field and envelope rules.",
    example: "ping: {}  →  ping: { envelope: keepalive }",
    fix: "See the findings reported under `events.<name>.envelope`.",
};

/// `event-payload-changed`.
pub const EVENT_PAYLOAD_CHANGED: RuleDoc = RuleDoc {
    id: "event-payload-changed",
    group: "events",
    detects: "An event gained or lost its payload. Payload types themselves are compared structurally, by the field, enum and constraint rules (renaming a named type alone is not a change).",
    why: "A reader expecting a payload finds none, or the reverse.",
    example: "ping: { envelope: keepalive }  →  ping: { payload: Ping }",
    fix: "Add a new event with the new shape.",
};

/// `unknown-events-changed`.
pub const UNKNOWN_EVENTS_CHANGED: RuleDoc = RuleDoc {
    id: "unknown-events-changed",
    group: "events",
    detects: "`compatibility.unknown_events` changed.",
    why: "Denying unknown events makes readers refuse messages the old contract accepted; allowing them is safe.",
    example: "unknown_events: allow  →  unknown_events: deny",
    fix: "Keep tolerating unknown events while old peers may send them.",
};

/// The finding for a contract that exists only in the base.
pub fn contract_removed(old: &Contract) -> Finding {
    let message = format!("contract `{}` ({}) removed", old.name, old.path);
    Finding::new(
        &CONTRACT_REMOVED,
        Severity::Error,
        Readers::Both,
        "contract",
        message,
    )
}

/// The finding for a contract that exists only in the new version.
pub fn contract_added(new: &Contract) -> Finding {
    let message = format!("contract `{}` ({}) added", new.name, new.path);
    Finding::new(
        &CONTRACT_ADDED,
        Severity::Info,
        Readers::None,
        "contract",
        message,
    )
}

/// The path of an event.
pub(crate) fn event_path(name: &str) -> String {
    child("events", name)
}

/// Runs the channel and event rules.
pub(crate) fn check(cx: &mut Ctx) {
    channels(cx);
    unknown_events(cx);
    let m = matching::pair(
        cx.old.events.values(),
        cx.new.events.values(),
        |e| &e.name,
        |e, old| {
            matching::link_by(
                e.renamed_from.as_ref().map(|r| r.from.as_str()),
                &e.aliases,
                old,
            )
        },
    );
    for e in m.removed {
        removed(cx, e);
    }
    for e in m.added {
        added(cx, e);
    }
    for (a, b, link) in m.pairs {
        compare_events(cx, a, b, link);
    }
}

/// Who reads an event's messages, in either version.
fn event_readers(a: Direction, b: Direction) -> Readers {
    Readers::of(Senders::of(a).union(Senders::of(b)))
}

/// Reports a removed event.
fn removed(cx: &mut Ctx, e: &Event) {
    let severity = match (
        Senders::of(e.direction).clients,
        cx.new.compatibility.unknown_events,
    ) {
        (false, _) => Severity::Info,
        (true, true) => Severity::Warning,
        (true, false) => Severity::Error,
    };
    let readers = event_readers(e.direction, e.direction);
    let path = event_path(&e.name);
    lifecycle::removed_undeprecated(cx, &path, &format!("event `{}`", e.name), &e.docs, e.span);
    cx.report_as(
        &EVENT_REMOVED,
        severity,
        readers,
        &event_path(&e.name),
        format!("event `{}` removed", e.name),
    )
    .at(Some(e.span), None);
}

/// Reports an added event.
fn added(cx: &mut Ctx, e: &Event) {
    let severity = if Senders::of(e.direction).server && !cx.old.compatibility.unknown_events {
        Severity::Warning
    } else {
        Severity::Info
    };
    let readers = event_readers(e.direction, e.direction);
    let f = cx.report_as(
        &EVENT_ADDED,
        severity,
        readers,
        &event_path(&e.name),
        format!("event `{}` added", e.name),
    );
    f.at(None, Some(e.span));
    if severity == Severity::Warning {
        f.hint("send it only to clients that know it: old clients deny unknown events");
    }
    let path = event_path(&e.name);
    for name in e.wire_names() {
        lifecycle::reused(cx, &path, name, e.span, &cx.old.removed_events, readers);
    }
}

/// Compares two events that stand for each other.
fn compare_events(cx: &mut Ctx, a: &Event, b: &Event, link: Link) {
    let site = Site {
        path: event_path(&b.name),
        old: Some(a.span),
        new: Some(b.span),
        readers: event_readers(a.direction, b.direction),
    };
    if link != Link::Same {
        let change = Change::widens_if(
            Senders::of(b.direction).server && !cx.old.compatibility.unknown_events,
        );
        let message = format!("wire name `{}` → `{}`", a.name, b.name);
        cx.report_at(&EVENT_WIRE_NAME_CHANGED, change, &site, message);
    }
    if link == Link::Renamed {
        renames::started_name(cx, &site, "event", &a.name, &b.name);
    }
    if link == Link::Same {
        renames::changed(cx, &site, a.renamed_from.as_ref(), b.renamed_from.as_ref());
    }
    let new_contract = cx.new;
    let exists = move |name: &str| {
        new_contract
            .events
            .values()
            .any(|e| e.wire_names().any(|n| n == name))
    };
    lifecycle::deprecation(cx, &site, &a.docs, &b.docs, &exists);
    let (old_names, new_names): (Vec<&str>, Vec<&str>) =
        (a.wire_names().collect(), b.wire_names().collect());
    fields::aliases(
        cx,
        &site,
        (&a.aliases, &old_names),
        (&b.aliases, &new_names),
    );
    direction(cx, &site, a.direction, b.direction);
    channel_binding(cx, &site, a, b);
    envelope_binding(cx, &site, a, b);
    derived_values(cx, &site, a, b);
    match (&a.payload, &b.payload) {
        (Some(x), Some(y)) => walk::compare(cx, &site.below("payload"), x, y),
        (None, None) => {}
        (x, _) => {
            let message = if x.is_some() {
                "payload removed"
            } else {
                "payload added"
            };
            cx.report_at(
                &EVENT_PAYLOAD_CHANGED,
                Change::Incompatible,
                &site,
                message.to_owned(),
            );
        }
    }
}

/// Reports a changed direction (see [`EVENT_DIRECTION_CHANGED`]).
fn direction(cx: &mut Ctx, site: &Site, a: Direction, b: Direction) {
    if a == b {
        return;
    }
    let (old, new) = (Senders::of(a), Senders::of(b));
    let severity = if old.clients && !new.clients {
        Severity::Error
    } else if !old.server && new.server && !cx.old.compatibility.unknown_events {
        Severity::Warning
    } else {
        Severity::Info
    };
    let message = format!("direction {} → {}", direction_name(a), direction_name(b));
    cx.report_as(
        &EVENT_DIRECTION_CHANGED,
        severity,
        site.readers,
        &site.path,
        message,
    )
    .at(site.old, site.new);
}

/// A direction as written in a contract.
fn direction_name(d: Direction) -> &'static str {
    match d {
        Direction::ClientToServer => "client_to_server",
        Direction::ServerToClient => "server_to_client",
        Direction::Both => "both",
    }
}

/// Reports an event bound to another channel address.
fn channel_binding(cx: &mut Ctx, site: &Site, a: &Event, b: &Event) {
    if a.channel == b.channel {
        return;
    }
    let address = |c: &Contract, e: &Event| c.channel_of(e).map(|ch| ch.full_address.clone());
    let (x, y) = (address(cx.old, a), address(cx.new, b));
    let change = if x == y {
        Change::Safe
    } else {
        Change::Incompatible
    };
    let show = |k: &Option<String>| {
        k.as_deref()
            .map_or_else(|| "none".to_owned(), |k| format!("`{k}`"))
    };
    let message = format!("channel {} → {}", show(&a.channel), show(&b.channel));
    cx.report_at(
        &EVENT_CHANNEL_CHANGED,
        change,
        &site.below("channel"),
        message,
    );
}

/// Compares the envelope shapes of an event that changed shape.
fn envelope_binding(cx: &mut Ctx, site: &Site, a: &Event, b: &Event) {
    if a.envelope == b.envelope {
        return;
    }
    let s = site.below("envelope");
    let message = format!("envelope `{}` → `{}`", a.envelope, b.envelope);
    cx.report_at(&EVENT_ENVELOPE_CHANGED, Change::Safe, &s, message);
    let (x, y) = (cx.old.envelope_of(a), cx.new.envelope_of(b));
    envelope::compare_envelopes(cx, &s.spanning(Some(x.span), Some(y.span)), x, y);
}

/// Reports a changed value of a derived envelope field (its category) or of
/// a field filled from the event's priority.
fn derived_values(cx: &mut Ctx, site: &Site, a: &Event, b: &Event) {
    let (x, y) = (cx.old.envelope_of(a), cx.new.envelope_of(b));
    for (g, role) in y.fields_with_roles() {
        let Some(f) = x.field(&g.name) else {
            continue;
        };
        if role == FieldRole::Derived(Derived::Category) && f.derived == g.derived {
            let (old, new) = (category(cx.old, a), category(cx.new, b));
            if old != new {
                let message = format!(
                    "`{}` (derived category) {} → {}",
                    g.name,
                    show(old),
                    show(new)
                );
                cx.report_at(
                    &DERIVED_FIELD_RULE_CHANGED,
                    Change::Incompatible,
                    site,
                    message,
                );
            }
        }
        if g.default_from.is_some() && f.default_from == g.default_from {
            let (old, new) = (
                a.priority.as_ref().map(|p| p.value),
                b.priority.as_ref().map(|p| p.value),
            );
            if old != new {
                let show = |v: Option<i64>| v.map_or_else(|| "none".to_owned(), |v| v.to_string());
                let message = format!(
                    "`{}` default (priority) {} → {}",
                    g.name,
                    show(old),
                    show(new)
                );
                cx.report_at(&DEFAULT_CHANGED, Change::Undecidable, site, message);
            }
        }
    }
}

/// An event's category.
fn category<'c>(c: &'c Contract, e: &'c Event) -> Option<&'c str> {
    match c.derived_value(e, Derived::Category) {
        Some(DerivedValue::Category(text)) => Some(text),
        _ => None,
    }
}

/// An optional text in a message.
fn show(v: Option<&str>) -> String {
    v.map_or_else(|| "none".to_owned(), |v| format!("`{v}`"))
}

/// Runs the channel rules: channels paired by key.
fn channels(cx: &mut Ctx) {
    let m = matching::pair(
        cx.old.channels.values(),
        cx.new.channels.values(),
        |c| &c.name,
        |_, _| None,
    );
    for ch in m.removed {
        let path = child("channels", &ch.name);
        let what = format!("channel `{}`", ch.name);
        lifecycle::removed_undeprecated(cx, &path, &what, &ch.docs, ch.span);
        cx.report(
            &CHANNEL_REMOVED,
            Change::Incompatible,
            Readers::Both,
            &path,
            format!("channel `{}` removed", ch.name),
        )
        .at(Some(ch.span), None);
    }
    for ch in m.added {
        let path = child("channels", &ch.name);
        cx.report(
            &CHANNEL_ADDED,
            Change::Safe,
            Readers::Both,
            &path,
            format!("channel `{}` added", ch.name),
        )
        .at(None, Some(ch.span));
        lifecycle::reused(
            cx,
            &path,
            &ch.name,
            ch.span,
            &cx.old.removed_channels,
            Readers::Both,
        );
    }
    for (a, b, _) in m.pairs {
        compare_channels(cx, a, b);
    }
}

/// Compares two channels: the address on the wire, then parameter types.
fn compare_channels(cx: &mut Ctx, a: &Channel, b: &Channel) {
    let site = Site {
        path: child("channels", &b.name),
        old: Some(a.span),
        new: Some(b.span),
        readers: channel_readers(cx, &b.name),
    };
    let renamed = b.renamed_from.as_ref().is_some_and(|r| r.from == a.address);
    if a.full_address != b.full_address {
        let message = format!("address `{}` → `{}`", a.full_address, b.full_address);
        // With `renamed_from` the new server still reads the old address; old clients do not know the new one.
        let change = if renamed {
            Change::Widens
        } else {
            Change::Incompatible
        };
        cx.report_at(
            &CHANNEL_ADDRESS_CHANGED,
            change,
            &site.below("address"),
            message,
        );
        if renamed {
            renames::started_name(cx, &site, "channel address", &a.address, &b.address);
        }
    }
    if !renamed {
        renames::changed(cx, &site, a.renamed_from.as_ref(), b.renamed_from.as_ref());
    }
    let params = site.below("params");
    for (name, x) in &a.params {
        if let Some(y) = b.params.get(name) {
            walk::compare(cx, &params.below(name), x, y);
        }
    }
}

/// Who reads the messages of the events bound to a channel in either
/// version; every side when none is (clients subscribe to it all the same).
fn channel_readers(cx: &Ctx, key: &str) -> Readers {
    let bound = |c: &Contract| {
        c.events
            .values()
            .filter(|e| e.channel.as_deref() == Some(key))
            .map(|e| Readers::of(Senders::of(e.direction)))
            .fold(Readers::None, Readers::union)
    };
    match bound(cx.old).union(bound(cx.new)) {
        Readers::None => Readers::Both,
        r => r,
    }
}

/// Reports a changed `compatibility.unknown_events`.
fn unknown_events(cx: &mut Ctx) {
    let (a, b) = (
        cx.old.compatibility.unknown_events,
        cx.new.compatibility.unknown_events,
    );
    if a == b {
        return;
    }
    let (change, message) = if a {
        (Change::Narrows, "unknown events are now refused")
    } else {
        (Change::Safe, "unknown events are now tolerated")
    };
    let path = "compatibility.unknown_events";
    cx.report(
        &UNKNOWN_EVENTS_CHANGED,
        change,
        Readers::Both,
        path,
        message.to_owned(),
    );
}
