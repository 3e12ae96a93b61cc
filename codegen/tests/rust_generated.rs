//! Conformance of the generated Rust (`eventc-generated`) with the vectors in
//! `tests/vectors/<contract>/`.
//!
//! - Every valid vector decodes, and re-encodes to JSON semantically equal to
//!   the canonical form of the input (`eventc::validate::canonicalize`: alias
//!   keys → canonical names, both keys of renamed fields, compressed payloads
//!   inline, undeclared keys dropped). When the encoder compresses a payload
//!   (above the contract's threshold) the output is canonicalized first.
//! - Every invalid vector whose fault the generated types can see must fail to
//!   decode. Which faults those are is decided from the validator's own
//!   messages for the vector (see [`type_visible`]); every malformed (`raw`)
//!   line must fail.

use eventc::load;
use eventc::model::Contract;
use eventc::source::SourceMap;
use eventc::validate::{canonicalize, semantically_equal, Problem, Validator};
use eventc_generated as generated;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Decodes then re-encodes one message with a generated module.
type RoundTrip = fn(&str) -> Result<String, String>;

macro_rules! round_trip {
    ($module:ident) => {
        |text: &str| -> Result<String, String> {
            let message = generated::$module::decode_strict(text).map_err(|e| e.to_string())?;
            generated::$module::encode(&message).map_err(|e| format!("encode: {e}"))
        }
    };
}

/// Vector directory, contract file stem and the module generated from it.
const MODULES: &[(&str, RoundTrip)] = &[
    ("bagbot", round_trip!(bagbot)),
    ("operations", round_trip!(operations)),
    ("project-progress", round_trip!(project_progress)),
    ("trading", round_trip!(trading)),
    ("wse", round_trip!(wse)),
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn contract(name: &str) -> Contract {
    let path = root().join("contracts").join(format!("{name}.yaml"));
    let mut sources = SourceMap::default();
    let loaded = load::load_paths(&[path], &mut sources).expect("contract readable");
    assert!(!loaded.has_errors(), "{name} has errors");
    loaded.contracts.into_iter().next().expect("one contract")
}

/// `(name, text)` of every vector in a file (`raw` lines as written).
fn vectors(path: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(path).expect("vector file readable");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let case: Value = serde_json::from_str(l).expect("vector line is JSON");
            let name = case["name"].as_str().expect("vector name").to_owned();
            let text = match (case.get("raw").and_then(Value::as_str), case.get("message")) {
                (Some(raw), _) => raw.to_owned(),
                (None, Some(m)) => m.to_string(),
                (None, None) => panic!("vector {name} has no message"),
            };
            (name, text)
        })
        .collect()
}

/// Whether the generated types can see a validator problem: malformed JSON, a
/// non-object message, a missing required key or discriminator, an unknown
/// event (reported only when the contract denies them), a wrong JSON type, an
/// integer out of its width, null for a non-nullable value, an unknown value
/// of a closed enum, a shape matching no union variant, an undeclared key in a
/// closed object, a broken compressed payload, or a wrong envelope constant.
/// Not visible: ranges, patterns, RFC 3339 syntax, channel addresses and
/// derived fields (category, channel) that disagree with the event.
fn type_visible(p: &Problem) -> bool {
    let m = p.message.as_str();
    let starts = [
        "malformed JSON",
        "a message must be a JSON object",
        "missing required field",
        "missing the event discriminator",
        "unknown event",
        "expected ",
        "matches no variant",
        "unexpected key",
        "compressed payload",
        "a compressed payload",
        "decompressed payload",
        "the payload must not be null",
    ];
    let contains = [
        "must not be null",
        "is not one of the allowed values",
        "does not fit a",
    ];
    let envelope_constant = p.path.matches('/').count() == 1 && m.contains("` must be ");
    starts.iter().any(|s| m.starts_with(s))
        || contains.iter().any(|s| m.contains(s))
        || envelope_constant
}

fn compressed(c: &Contract, encoded: &Value) -> bool {
    c.envelopes
        .values()
        .filter_map(|e| e.compression.as_ref())
        .any(|cmp| encoded.get(&cmp.flag) == Some(&Value::Bool(true)))
}

#[test]
fn valid_vectors_round_trip_to_the_canonical_form() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for (dir, round_trip) in MODULES {
        let c = contract(dir);
        for (name, text) in vectors(&root().join("tests/vectors").join(dir).join("valid.jsonl")) {
            checked += 1;
            let input: Value = serde_json::from_str(&text).expect("valid vector is JSON");
            let expected = canonicalize(&c, &input);
            match round_trip(&text) {
                Err(e) => failures.push(format!("{dir}/{name}: {e}")),
                Ok(out) => {
                    let out: Value = serde_json::from_str(&out).expect("encoder writes JSON");
                    let comparable = if compressed(&c, &out) {
                        canonicalize(&c, &out)
                    } else {
                        out.clone()
                    };
                    if !semantically_equal(&comparable, &expected) {
                        failures.push(format!(
                            "{dir}/{name}: re-encoded\n  {out}\nexpected (canonical)\n  {expected}"
                        ));
                    }
                }
            }
        }
    }
    assert!(checked > 0, "no valid vectors found");
    assert!(
        failures.is_empty(),
        "{} of {checked} valid vectors failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    println!("{checked} valid vectors round-tripped");
}

#[test]
fn invalid_vectors_with_type_visible_faults_fail_to_decode() {
    let mut failures = Vec::new();
    let (mut visible, mut tolerated) = (0, Vec::new());
    for (dir, round_trip) in MODULES {
        let c = contract(dir);
        let validator = Validator::new(&c);
        for (name, text) in vectors(&root().join("tests/vectors").join(dir).join("invalid.jsonl")) {
            let verdict = validator.validate_str(&text);
            assert!(!verdict.is_valid(), "{dir}/{name} is not invalid");
            let decoded = round_trip(&text);
            if verdict.errors.iter().any(type_visible) {
                visible += 1;
                if let Ok(out) = decoded {
                    failures.push(format!(
                        "{dir}/{name}: decoded although {:?}; re-encoded as {out}",
                        verdict.errors
                    ));
                }
            } else if decoded.is_ok() {
                tolerated.push(format!("{dir}/{name}"));
            }
        }
    }
    assert!(visible > 0, "no type-visible invalid vectors found");
    assert!(
        failures.is_empty(),
        "{} invalid vector(s) decoded:\n{}",
        failures.len(),
        failures.join("\n")
    );
    println!(
        "{visible} type-visible invalid vectors rejected; {} with faults the types cannot see decoded: {}",
        tolerated.len(),
        tolerated.join(", ")
    );
}

#[test]
fn messages_built_with_constructors_encode_valid_messages() {
    use generated::wse;
    let payload = wse::OrderUpdatePayload {
        original_event_type: None,
        order_id: Some("ord_1".to_owned()),
        symbol: None,
        status: "filled".to_owned(),
        filled_qty: None,
        avg_price: None,
    };
    let message = wse::Message::new(
        "evt_1",
        "2025-11-25T10:05:30.500Z",
        wse::OrderUpdateEvent(payload),
    );
    let text = wse::encode(&message).expect("encodes");
    let c = contract("wse");
    let verdict = Validator::new(&c).validate_str(&text);
    assert!(verdict.is_valid(), "{text}: {:?}", verdict.errors);
    let value: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(value["v"], 2, "constant filled");
    assert_eq!(value["_msg_cat"], "U", "category derived");
    assert_eq!(value["pri"], 10, "default priority from the event");
    assert_eq!(<wse::OrderUpdateEvent as wse::Event>::NAME, "order_update");
    assert_eq!(<wse::OrderUpdateEvent as wse::Event>::PRIORITY, Some(10));

    use generated::bagbot;
    let message = bagbot::Message::new(bagbot::AnnounceEvent(
        serde_json::value::to_raw_value(&serde_json::json!({"text": "hi"})).expect("raw"),
    ));
    let text = bagbot::encode(&message).expect("encodes");
    let verdict = Validator::new(&contract("bagbot")).validate_str(&text);
    assert!(verdict.is_valid(), "{text}: {:?}", verdict.errors);
    assert_eq!(message.channel, bagbot::channels::SYSTEM, "channel derived");
}

#[test]
fn large_payloads_are_compressed_and_read_back() {
    use generated::wse;
    let accounts: Vec<wse::BrokerAccountSummary> = (0..40)
        .map(|i| wse::BrokerAccountSummary {
            broker_account_id: format!("acc_{i}"),
            broker_id: "alpaca".to_owned(),
            account_number: format!("PA{i:07}"),
            status: "active".to_owned(),
        })
        .collect();
    let payload = wse::BrokerAccountSnapshotPayload {
        count: accounts.len() as i64,
        accounts,
        sync_complete: true,
    };
    let message = wse::Message::new(
        "evt_2",
        "2025-11-25T10:00:00Z",
        wse::BrokerAccountSnapshotEvent(payload),
    );
    let text = wse::encode(&message).expect("encodes");
    let value: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(
        value["cmp"], true,
        "payload over the threshold is compressed"
    );
    assert!(value["p"].is_string());
    assert!(Validator::new(&contract("wse"))
        .validate_str(&text)
        .is_valid());
    let back = wse::decode(&text).expect("decodes");
    match back.event {
        wse::AnyEvent::BrokerAccountSnapshot(e) => assert_eq!(e.0.accounts.len(), 40),
        other => panic!("decoded the wrong event: {other:?}"),
    }
}

#[test]
fn shape_detected_unions_pick_the_right_variant_or_fail_precisely() {
    use generated::project_progress as pp;
    let legacy = r#"{"type":"project_progress","payload":{"project_id":"p","status":"CRAWLING","total":10,"done":5,"errors":0,"progress_percent":50.0}}"#;
    let phased = r#"{"type":"project_progress","payload":{"project_id":"p","status":"PROCESSING","crawl":{"total":1,"done":1,"errors":0,"progress_percent":100.0},"overall_progress_percent":50.0}}"#;
    let neither =
        r#"{"type":"project_progress","payload":{"project_id":"p","status":"DONE","total":10}}"#;
    match pp::decode(legacy).expect("legacy decodes").event {
        pp::AnyEvent::ProjectProgress(pp::ProjectProgressEvent(pp::ProgressPayload::Legacy(p))) => {
            assert_eq!(p.total, 10)
        }
        other => panic!("wrong variant: {other:?}"),
    }
    match pp::decode(phased).expect("phased decodes").event {
        pp::AnyEvent::ProjectProgress(pp::ProjectProgressEvent(
            pp::ProgressPayload::PhaseBased(p),
        )) => {
            assert!(p.crawl.is_some() && p.analyze.is_none())
        }
        other => panic!("wrong variant: {other:?}"),
    }
    let err = pp::decode(neither)
        .expect_err("matches no variant")
        .to_string();
    assert!(
        err.contains("matches no variant of `ProgressPayload`"),
        "{err}"
    );
}

#[test]
fn open_enums_keep_unknown_values_and_closed_enums_refuse_them() {
    use generated::trading;
    let bad = r#"{"type":"connection","data":{"status":"weird","mode":"ws"},"ts":"2026-01-14T16:30:00Z"}"#;
    let err = trading::decode(bad).expect_err("closed enum").to_string();
    assert!(err.contains("weird"), "{err}");
    let ping = r#"{"type":"ping","timestamp":1700000000000}"#;
    let message = trading::decode(ping).expect("keepalive shape decodes");
    assert_eq!(message.timestamp, Some(1_700_000_000_000));
    assert_eq!(trading::encode(&message).expect("encodes"), ping);
}

#[test]
fn unknown_events_are_kept_by_decode_and_refused_by_decode_strict() {
    use generated::trading;
    let text = r#"{"type":"future_event","data":{"added":[1,2]},"ts":"2026-01-14T16:30:00Z"}"#;
    let message = trading::decode(text).expect("a tolerant reader keeps unknown events");
    match &message.event {
        trading::AnyEvent::Unknown { event, .. } => assert_eq!(event, "future_event"),
        other => panic!("decoded as a known event: {other:?}"),
    }
    let written: Value =
        serde_json::from_str(&trading::encode(&message).expect("encodes")).expect("JSON");
    let read: Value = serde_json::from_str(text).expect("JSON");
    assert!(
        semantically_equal(&written, &read),
        "unknown event re-encoded as {written}"
    );
    let err = trading::decode_strict(text).expect_err("the trading contract denies unknown events");
    assert!(
        err.to_string().contains("unknown event `future_event`"),
        "{err}"
    );
}
