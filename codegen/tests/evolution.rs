//! The records of a contract's evolution: `renamed_from` on fields, events,
//! enum values and channels, `removed:` tombstones and the `acknowledges:` of
//! a change-log entry. How each loads into the model, what `check` refuses,
//! and how the validator reads old spellings.

use eventc::diag::{Diagnostic, Diagnostics};
use eventc::model::*;
use eventc::source::SourceMap;
use eventc::validate::{canonicalize, Validator};
use serde_json::json;

/// A contract using every evolution record, each in both forms where it has two.
const CONTRACT: &str = r#"eventc: 1
name: evolving
version: "1.2"
channel_prefix: "app:"
channels:
  room:
    address: "room:{id}"
    params: { id: string }
    renamed_from: { from: "chat:{id}", since: "1.1" }
  lobby: { renamed_from: hall }
removed:
  events:
    - { name: order.cancel, version: "1.0", reason: orders cannot be cancelled }
  channels:
    - { name: annex, version: "1.1" }
envelope:
  discriminator: type
  payload: data
  fields:
    type: string
    data: { type: json, optional: true }
    chan: { type: channel, optional: true }
  removed:
    - { key: seq, version: "1.0" }
types:
  Status:
    type: enum
    values: [open, { value: filled, renamed_from: complete }, { value: gone, renamed_from: { from: lost, since: "1.2" } }]
    removed:
      - { value: pending, version: "1.1", reason: never sent }
  Level:
    type: enum
    values: { LOW: 1, HIGH: { value: 2, renamed_from: BIG } }
  Order:
    type: object
    fields:
      status: Status
      total: { type: number, renamed_from: { from: sum, since: "1.1" } }
      level: { type: Level, optional: true }
    removed:
      - { key: price, version: "1.0", type: number, reason: see total }
events:
  order.update:
    payload: Order
    channel: room
    renamed_from: order_update
  ping: { renamed_from: { from: PING, since: "1.2" }, channel: lobby }
changelog:
  - version: "1.0"
    changes: [First release]
  - version: "1.2"
    changes: [order_update renamed]
    acknowledges:
      - { rule: event-removed, path: events.order.cancel, reason: no client sends it }
      - { fingerprint: 0badc0de, reason: checked by hand }
"#;

/// Loads `text`, which must load without errors (checking is separate).
fn load(text: &str) -> Contract {
    let mut sources = SourceMap::default();
    let loaded = eventc::load::load_str("evolving.yaml", text, &mut sources);
    assert!(!loaded.has_errors(), "{:#?}", loaded.diagnostics);
    loaded.contracts.into_iter().next().expect("one contract")
}

/// The diagnostics `check` reports for `text`, which must load cleanly.
fn check(text: &str) -> Vec<Diagnostic> {
    let contract = load(text);
    let mut d = Diagnostics::default();
    eventc::check::check(&contract, &mut d);
    d.into_sorted()
}

/// The codes of the diagnostics loading `text` reports.
fn load_codes(text: &str) -> Vec<&'static str> {
    let mut sources = SourceMap::default();
    let loaded = eventc::load::load_str("evolving.yaml", text, &mut sources);
    loaded.diagnostics.iter().map(|d| d.code).collect()
}

/// `CONTRACT` with `from` replaced by `to` (which must occur once).
fn with(from: &str, to: &str) -> String {
    assert_eq!(CONTRACT.matches(from).count(), 1, "`{from}` occurs once");
    CONTRACT.replace(from, to)
}

#[test]
fn renames_load_in_both_forms_with_their_spans() {
    let c = load(CONTRACT);
    let order = &c.events["order.update"];
    let rename = order.renamed_from.as_ref().expect("event rename");
    assert_eq!(
        (rename.from.as_str(), rename.since.as_deref()),
        ("order_update", None)
    );
    assert_eq!(rename.span.line, 46, "points at the old name");
    assert_eq!(
        order.wire_names().collect::<Vec<_>>(),
        ["order.update", "order_update"]
    );
    let ping = &c.events["ping"];
    assert_eq!(
        ping.renamed_from.as_ref().and_then(|r| r.since.as_deref()),
        Some("1.2")
    );
    assert_eq!(ping.read_aliases().collect::<Vec<_>>(), ["PING"]);

    let room = &c.channels["room"];
    assert_eq!(
        room.read_addresses().collect::<Vec<_>>(),
        ["room:{id}", "chat:{id}"]
    );
    assert_eq!(
        c.channels["lobby"]
            .renamed_from
            .as_ref()
            .map(|r| r.from.as_str()),
        Some("hall")
    );

    let Some(TypeKind::Object(o)) = c.types.get(&TypeId("Order".into())).map(|t| &t.kind) else {
        panic!("Order is an object");
    };
    let total = o.field("total").expect("total");
    assert_eq!(total.old_key(), Some("sum"));
    assert_eq!(total.read_keys().collect::<Vec<_>>(), ["total", "sum"]);

    let Some(TypeKind::Enum(status)) = c.types.get(&TypeId("Status".into())).map(|t| &t.kind)
    else {
        panic!("Status is an enum");
    };
    let read = |s: &str| {
        status
            .read(&EnumLiteral::Str(s.into()))
            .map(|v| v.ident.as_str())
    };
    assert_eq!(read("complete"), Some("filled"));
    assert_eq!(read("lost"), Some("gone"));
    assert_eq!(read("filled"), Some("filled"));
    assert_eq!(read("nope"), None);
    let Some(TypeKind::Enum(level)) = c.types.get(&TypeId("Level".into())).map(|t| &t.kind) else {
        panic!("Level is an enum");
    };
    let high = &level.values[1];
    assert_eq!(
        high.renamed_from.as_ref().map(|r| r.from.as_str()),
        Some("BIG")
    );
    assert_eq!(
        high.old_wire, None,
        "an integer enum's rename keeps its wire value"
    );
    assert_eq!(c.renames().count(), 8);
}

#[test]
fn tombstones_load_with_version_reason_and_type() {
    let c = load(CONTRACT);
    let names = |list: &[Tombstone]| -> Vec<(String, String)> {
        list.iter()
            .map(|t| (t.name.clone(), t.version.clone()))
            .collect()
    };
    assert_eq!(
        names(&c.removed_events),
        [("order.cancel".into(), "1.0".into())]
    );
    assert_eq!(
        c.removed_events[0].reason.as_deref(),
        Some("orders cannot be cancelled")
    );
    assert_eq!(names(&c.removed_channels), [("annex".into(), "1.1".into())]);
    assert_eq!(
        names(&c.default_envelope().removed),
        [("seq".into(), "1.0".into())]
    );
    let Some(TypeKind::Object(o)) = c.types.get(&TypeId("Order".into())).map(|t| &t.kind) else {
        panic!("Order is an object");
    };
    assert_eq!(o.removed[0].ty.as_deref(), Some("number"));
    assert_eq!(c.tombstones().count(), 5);
}

#[test]
fn changelog_entries_carry_acknowledgements_and_spans() {
    let c = load(CONTRACT);
    let entry = &c.changelog[1];
    assert_eq!(entry.span.line, 51);
    assert_eq!(
        entry
            .acknowledges
            .iter()
            .map(|a| (&a.target, a.reason.as_str()))
            .collect::<Vec<_>>(),
        [
            (
                &AckTarget::RulePath {
                    rule: "event-removed".into(),
                    path: "events.order.cancel".into()
                },
                "no client sends it"
            ),
            (
                &AckTarget::Fingerprint("0badc0de".into()),
                "checked by hand"
            ),
        ]
    );
    assert!(c.changelog[0].acknowledges.is_empty());
}

#[test]
fn the_contract_checks_cleanly() {
    assert!(check(CONTRACT).is_empty(), "{:#?}", check(CONTRACT));
}

/// The code, line and message of each diagnostic.
fn found(diags: &[Diagnostic]) -> Vec<(&'static str, u32, String)> {
    diags
        .iter()
        .map(|d| (d.code, d.primary.span.line, d.message.clone()))
        .collect()
}

#[test]
fn a_removed_name_declared_again_is_refused_with_the_removal() {
    let cases = [
        // An event, by name, alias and old name.
        (
            "  ping: {",
            "  order.cancel: {}\n  ping: {",
            "event name `order.cancel`",
        ),
        (
            "    renamed_from: order_update",
            "    aliases: [order.cancel]",
            "event name `order.cancel`",
        ),
        (
            "    renamed_from: order_update",
            "    renamed_from: order.cancel",
            "event name `order.cancel`",
        ),
        // A channel.
        ("  lobby: {", "  annex: {}\n  lobby: {", "channel `annex`"),
        // A field of an object, by key and alias, and of an envelope.
        (
            "      level: {",
            "      price: number\n      level: {",
            "field key `price`",
        ),
        (
            "      total: { type: number,",
            "      total: { type: number, aliases: [price],",
            "field key `price`",
        ),
        (
            "    chan: {",
            "    seq: integer\n    chan: {",
            "field key `seq`",
        ),
        // An enum value, and an old value.
        (
            "values: [open,",
            "values: [open, pending,",
            "enum value `pending`",
        ),
        (
            "renamed_from: complete",
            "renamed_from: pending",
            "enum value `pending`",
        ),
    ];
    for (from, to, what) in cases {
        let diags = check(&with(from, to));
        assert_eq!(diags.len(), 1, "{to}: {:#?}", found(&diags));
        let d = &diags[0];
        assert_eq!(d.code, "reserved-reused", "{to}");
        assert!(d.message.starts_with(what), "{to}: {}", d.message);
        assert!(d.message.contains("was removed in"), "{}", d.message);
        assert_eq!(d.secondary.len(), 1, "points at the tombstone too");
    }
    let diags = check(&with("  ping: {", "  order.cancel: {}\n  ping: {"));
    assert_eq!(
        diags[0].help.as_deref(),
        Some("pick another name; `order.cancel` was removed in 1.0: orders cannot be cancelled")
    );
}

#[test]
fn an_old_spelling_must_not_name_another_thing() {
    let diags = check(&with("renamed_from: complete", "renamed_from: open"));
    assert_eq!(
        found(&diags),
        [(
            "duplicate-enum-value",
            28,
            "`filled` is renamed from `open`, which already names another value".to_owned()
        )]
    );
    let diags = check(&with("renamed_from: BIG", "renamed_from: LOW"));
    assert_eq!(found(&diags)[0].0, "duplicate-enum-value");
    let diags = check(&with(
        "renamed_from: { from: lost,",
        "renamed_from: { from: complete,",
    ));
    assert_eq!(
        found(&diags)[0].0,
        "duplicate-enum-value",
        "two values renamed from one"
    );
    let diags = check(&with(
        "renamed_from: { from: PING,",
        "renamed_from: { from: order_update,",
    ));
    assert_eq!(found(&diags)[0].0, "duplicate-event-name");
    let diags = check(&with(
        "renamed_from: { from: sum,",
        "renamed_from: { from: status,",
    ));
    assert_eq!(found(&diags)[0].0, "duplicate-key-name");
}

#[test]
fn an_old_channel_address_keeps_the_parameters() {
    for (old, problem) in [
        (
            "chat:{room}",
            "has the placeholders {room}, but the channel has the parameters {id}",
        ),
        (
            "chat",
            "has no placeholders, but the channel has the parameters {id}",
        ),
        ("room:{id}", "is the channel's own address"),
        ("chat:{id", "has unbalanced braces"),
    ] {
        let text = with(r#"from: "chat:{id}""#, &format!("from: \"{old}\""));
        let mut sources = SourceMap::default();
        let loaded = eventc::load::load_str("evolving.yaml", &text, &mut sources);
        let diags: Vec<(&str, String)> = loaded
            .diagnostics
            .iter()
            .map(|d| (d.code, d.message.clone()))
            .collect();
        assert_eq!(
            diags,
            [("invalid-rename", format!("old address `{old}` {problem}"))]
        );
    }
}

#[test]
fn acknowledgements_must_be_well_formed() {
    let ack = "      - { fingerprint: 0badc0de, reason: checked by hand }";
    for bad in [
        "      - { fingerprint: 0badc0de }",
        "      - { fingerprint: 0badc0de, reason: \"  \" }",
        "      - { fingerprint: 0BADC0DE, reason: upper case }",
        "      - { fingerprint: 0badc0de, rule: event-removed, path: x, reason: both }",
        "      - { rule: event-removed, reason: no path }",
        "      - { rule: Removed_Event, path: events.x, reason: not kebab }",
        "      - { rule: event-removed, path: \"\", reason: empty path }",
        "      - { reason: names nothing }",
    ] {
        assert_eq!(
            load_codes(&with(ack, bad)),
            ["invalid-acknowledgement"],
            "{bad}"
        );
    }
    assert_eq!(
        load_codes(&with(
            ack,
            "      - { fingerprint: 0badc0de, reason: x, why: y }"
        )),
        ["unknown-key"]
    );
}

#[test]
fn tombstones_need_a_name_and_a_version() {
    let tombstone = "    - { name: annex, version: \"1.1\" }";
    assert_eq!(
        load_codes(&with(tombstone, "    - { version: \"1.1\" }")),
        ["missing-key"]
    );
    assert_eq!(
        load_codes(&with(tombstone, "    - { name: annex }")),
        ["missing-key"]
    );
    assert_eq!(
        load_codes(&with(tombstone, "    - { name: annex, version: \"\" }")),
        ["invalid-value"]
    );
    assert_eq!(
        load_codes(&with(
            tombstone,
            "    - { name: annex, version: \"1.1\", type: string }"
        )),
        ["unknown-key"],
        "only removed fields record a type"
    );
    assert_eq!(
        load_codes(&with(
            tombstone,
            "    - { name: annex, version: \"1.1\" }\n  things: []"
        )),
        ["unknown-key"]
    );
}

#[test]
fn versions_must_parse_when_the_contract_is_semver_versioned() {
    let diags = check(&with(r#"version: "1.1" }"#, r#"version: "soon" }"#));
    assert_eq!(
        found(&diags),
        [(
            "invalid-version",
            15,
            "removal version `soon` is not a version".to_owned()
        )]
    );
    let diags = check(&with(r#"PING, since: "1.2" }"#, r#"PING, since: next }"#));
    assert_eq!(found(&diags)[0].0, "invalid-version");
    let dated = with(
        "evolving\nversion: \"1.2\"",
        "evolving\nversion: \"2025-11\"",
    );
    let dated = dated.replace(r#"version: "1.1" }"#, r#"version: "soon" }"#);
    assert!(
        check(&dated).is_empty(),
        "a dated contract is not held to semver"
    );
}

/// A message of `event` with `data` as its payload and `extra` envelope fields.
fn message(event: &str, data: &str, extra: &str) -> String {
    format!(r#"{{"type": "{event}", "data": {data}{extra}}}"#)
}

#[test]
fn the_validator_reads_old_spellings_and_the_canonical_form_writes_new_ones() {
    let c = load(CONTRACT);
    let v = Validator::new(&c);
    let old = message(
        "order_update",
        r#"{"status": "complete", "sum": 3}"#,
        r#", "chan": "app:chat:7""#,
    );
    let verdict = v.validate_str(&old);
    assert!(verdict.is_valid(), "{:?}", verdict.errors);
    for ok in [
        message("ping", "{}", r#", "chan": "hall""#),
        message("PING", "{}", r#", "chan": "chat:x""#),
        message("order.update", r#"{"status": "lost", "total": 1}"#, ""),
    ] {
        let verdict = v.validate_str(&ok);
        assert!(verdict.is_valid(), "{ok}: {:?}", verdict.errors);
    }
    let canonical = canonicalize(&c, &serde_json::from_str(&old).expect("JSON"));
    assert_eq!(
        canonical,
        json!({
            "type": "order.update",
            "data": {"status": "filled", "total": 3, "sum": 3},
            "chan": "app:chat:7"
        }),
        "the event and enum value are written new; a channel string is kept as read"
    );
}

#[test]
fn removed_and_unknown_spellings_stay_invalid() {
    let c = load(CONTRACT);
    let v = Validator::new(&c);
    for (bad, code) in [
        (message("order.cancel", "{}", ""), "unknown-event"),
        (
            message("ping", "{}", r#", "chan": "annex""#),
            "unknown-channel",
        ),
        (
            message("ping", "{}", r#", "chan": "chat:""#),
            "unknown-channel",
        ),
        (
            message("order.update", r#"{"status": "pending", "total": 1}"#, ""),
            "unknown-enum-value",
        ),
    ] {
        let verdict = v.validate_str(&bad);
        let codes: Vec<&str> = verdict.errors.iter().map(|p| p.code.as_str()).collect();
        assert_eq!(codes, [code], "{bad}");
    }
}
