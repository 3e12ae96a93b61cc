//! Behaviour of the generated Rust (`eventc-generated`) beyond the vectors:
//! constructors, compression, unions, enums, envelope shapes and unknown
//! events. The vectors themselves (every valid one round-trips to its
//! canonical form, every type-visible invalid one is rejected) are checked for
//! Rust and Go together in `conformance.rs`.

use eventc::load;
use eventc::model::Contract;
use eventc::source::SourceMap;
use eventc::validate::{semantically_equal, Validator};
use eventc_generated as generated;
use serde_json::Value;
use std::path::{Path, PathBuf};

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
    let text = serde_json::value::to_raw_value(&serde_json::json!("hi")).expect("raw");
    let message = bagbot::Message::new(bagbot::AnnounceEvent(
        [("text".to_owned(), text)].into_iter().collect(),
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

/// Channel addresses with parameters are built by functions, as in Go
/// (`ChannelTypeUserTopic`) and TypeScript (`userTopicAddress`).
#[test]
fn channel_addresses_are_built_from_their_parameters() {
    use generated::{project_progress as pp, wse};
    let address = wse::channels::user_topic("u1", wse::TopicType::OrderEvents);
    assert_eq!(address, "wse:user:u1:order_events");
    let template = wse::channels::USER_TOPIC
        .replace("{user_id}", "u1")
        .replace("{topic_type}", "order_events");
    assert_eq!(
        address, template,
        "the builder fills the constant's template"
    );
    assert_eq!(
        wse::channels::priority_messages("u2"),
        "wse:priority:u2:messages"
    );
    assert_eq!(pp::channels::project("p1", "u1"), "project:p1:u1");
}

/// An `order_update` whose payload carries `n` bytes of text, encoded.
fn order_update_with_text(n: usize) -> String {
    use generated::wse;
    let payload = wse::OrderUpdatePayload {
        original_event_type: Some("x".repeat(n)),
        order_id: None,
        symbol: None,
        status: "filled".to_owned(),
        filled_qty: None,
        avg_price: None,
    };
    let message = wse::Message::new(
        "evt_1",
        "2025-01-13T10:30:00.000Z",
        wse::OrderUpdateEvent(payload),
    );
    wse::encode(&message).expect("encodes")
}

/// Seed 004: "messages > 1024 bytes are compressed". The threshold applies
/// to the whole message as written uncompressed, not to its payload alone.
#[test]
fn the_compression_threshold_applies_to_the_whole_message() {
    let compressed =
        |text: &str| serde_json::from_str::<Value>(text).expect("JSON")["cmp"] == Value::Bool(true);
    let first = (850..1024)
        .find(|&n| compressed(&order_update_with_text(n)))
        .expect("messages growing past 1024 bytes get compressed");
    let largest_plain = order_update_with_text(first - 1);
    assert_eq!(largest_plain.len(), 1024, "{largest_plain}");
    assert!(!compressed(&largest_plain));
    let back = generated::wse::decode(&order_update_with_text(first)).expect("decodes");
    match back.event {
        generated::wse::AnyEvent::OrderUpdate(e) => {
            let text = e.0.original_event_type.expect("text kept");
            assert_eq!(text.len(), first);
            assert!(first < 1024, "the payload alone is under the threshold");
        }
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

#[test]
fn an_envelope_field_under_several_keys_is_read_from_its_most_preferred_key() {
    use generated::wse;
    // The own key wins wherever it stands; the other keys are skipped
    // unread, as undeclared keys are (so their values are not checked).
    let text = r#"{"type":"order_update","t":"heartbeat","payload":{"ignored":true},"p":{},
        "timestamp":17,"id":"a","ts":"2025-01-13T10:30:00Z","compressed":"no","cmp":false,"v":2}"#;
    let message = wse::decode(text).expect("other keys of a present field are skipped");
    assert!(
        matches!(message.event, wse::AnyEvent::Heartbeat(_)),
        "{:?}",
        message.event
    );
    assert_eq!(message.ts, "2025-01-13T10:30:00Z");
    // Without the own key, the first of the other keys in contract order is
    // read, wherever it stands, and checked.
    let aliases = r#"{"event_type":"order_update","type":"heartbeat","p":{},"id":"a",
        "timestamp":"2025-01-13T10:30:00Z","v":2}"#;
    let message = wse::decode(aliases).expect("aliases are read");
    assert!(matches!(message.event, wse::AnyEvent::Heartbeat(_)));
    assert_eq!(message.ts, "2025-01-13T10:30:00Z");
    let wrong = r#"{"t":"heartbeat","p":{},"id":"a","timestamp":17,"v":2}"#;
    let err = wse::decode(wrong)
        .expect_err("the alias read is checked")
        .to_string();
    assert!(err.contains("invalid type"), "{err}");
}

#[test]
fn an_envelope_key_given_twice_is_refused() {
    use generated::wse;
    for (key, text) in [
        (
            "id",
            r#"{"t":"heartbeat","p":{},"id":"a","id":"b","ts":"x","v":2}"#,
        ),
        (
            "t",
            r#"{"t":"heartbeat","t":"heartbeat","p":{},"id":"a","ts":"x","v":2}"#,
        ),
        (
            "timestamp",
            r#"{"t":"heartbeat","p":{},"id":"a","ts":"x","timestamp":"y","timestamp":"y","v":2}"#,
        ),
        (
            "p",
            r#"{"t":"heartbeat","p":{},"p":{},"id":"a","ts":"x","v":2}"#,
        ),
        (
            "v",
            r#"{"t":"heartbeat","p":{},"id":"a","ts":"x","v":2,"v":2}"#,
        ),
    ] {
        let err = wse::decode(text).expect_err(key).to_string();
        assert!(
            err.contains(&format!("duplicate field `{key}`")),
            "{key}: {err}"
        );
    }
    let map = r#"{"type":"balances","data":{"platform":"luno","balances":{
        "BTC":{"free":1.0,"locked":0.0,"total":1.0},"BTC":{"free":2.0,"locked":0.0,"total":2.0}},
        "total_value_zar":1.0},"ts":"2026-01-14T16:30:00.000Z"}"#;
    let err = generated::trading::decode(map).expect_err("map key given twice");
    assert!(err.to_string().contains("duplicate key `BTC`"), "{err}");
    let trading = r#"{"type":"heartbeat","data":{},"data":{},"ts":"2026-01-14T16:30:00Z"}"#;
    let err = generated::trading::decode(trading).expect_err("payload given twice");
    assert!(err.to_string().contains("duplicate field `data`"), "{err}");
}

#[test]
fn a_const_payload_field_is_not_caller_filled_and_is_checked_on_plain_decode() {
    use generated::bagbot;
    let started = r#"{"event":"strategy.started","channel":"signals","payload":{"strategy_id":"s","job_id":"j","state":"started","owner":null}}"#;
    let message = bagbot::decode(started).expect("the constant decodes");
    let bagbot::AnyEvent::StrategyStarted(event) = &message.event else {
        panic!("decoded as {:?}", message.event);
    };
    assert_eq!(event.0.state, bagbot::StrategyStartedState);
    assert_eq!(bagbot::StrategyStartedState::JSON, r#""started""#);
    let written = bagbot::encode(&message).expect("encodes");
    assert!(written.contains(r#""state":"started""#), "{written}");
    let stopped = started.replace(r#""state":"started""#, r#""state":"stopped""#);
    let err = bagbot::decode(&stopped).expect_err("another value of a constant is refused");
    assert!(err.to_string().contains(r#"must be "started""#), "{err}");
    let missing = started.replace(r#""state":"started","#, "");
    bagbot::decode(&missing).expect_err("a constant is a required key");
}
