//! The `/wse` side: the WSE protocol v2 (`contracts/wse.yaml`) through the
//! generated `eventc_generated::wse`.
//!
//! The client opens with `client_hello`; the server answers with
//! [`catalogue`]: one message of every event a server sends other than the
//! answers below (`PONG`, and `error` for a bad message), in that order,
//! `seq` counting from 1. One of them, `heartbeat`, is written with the
//! contract's long aliases (`type`, `payload`, `timestamp`, `sequence`,
//! `correlation_id`, `priority`, `version`; `_msg_cat` has no alias) — the generated encoder always
//! writes the short canonical keys, so this one is written by hand to prove
//! the clients' readers take aliases; `portfolio_snapshot` carries a payload
//! above the 1024-byte threshold, so the generated encoder compresses it.
//!
//! Answers: `ping` (or its alias `PING`) gets `PONG` with `cid` = the ping's
//! `id` and the ping payload's `client_timestamp`; a frame the strict
//! decoder refuses gets `error` `INVALID_MESSAGE`; an event the contract
//! sends only from server to client gets `error` `WRONG_DIRECTION`;
//! everything else (`heartbeat`, …) is accepted silently.

use crate::time;
use eventc_generated::wse::{
    self, AnyEvent, BrokerAccountSnapshotPayload, BrokerAccountSummary, BrokerAccountUpdatePayload,
    Direction, DomainUpdatePayload, ErrorPayload, Message, OrderUpdatePayload, PongPayload,
};
use serde_json::json;
use serde_json::value::{to_raw_value, RawValue};

/// The timestamp every catalogue message carries (fixed, so the frames are
/// the same in every run).
pub const CATALOGUE_TS: &str = "2025-11-25T10:05:31.000Z";

/// Number of positions in the compressed `portfolio_snapshot`.
pub const PORTFOLIO_POSITIONS: usize = 40;

/// State of one `/wse` connection.
#[derive(Default)]
pub struct WseSession {
    /// Number of messages sent, for their ids.
    sent: u64,
}

impl crate::Session for WseSession {
    fn open(&mut self) -> Vec<String> {
        Vec::new()
    }

    fn receive(&mut self, text: &str) -> Vec<String> {
        let message = match wse::decode_strict(text) {
            Ok(message) => message,
            Err(problem) => {
                return vec![self.error("INVALID_MESSAGE", &problem.to_string(), text)];
            }
        };
        if message.event.direction() == Direction::ServerToClient {
            let why = format!("`{}` is sent by the server only", message.event.name());
            return vec![self.error("WRONG_DIRECTION", &why, text)];
        }
        match &message.event {
            AnyEvent::ClientHello(_) => catalogue(),
            AnyEvent::Ping(ping) => vec![self.pong(&message, ping.0.get())],
            _ => Vec::new(),
        }
    }
}

impl WseSession {
    fn next_id(&mut self) -> String {
        self.sent += 1;
        format!("srv-wse-{}", self.sent)
    }

    /// `PONG` for a ping: `cid` is the ping's id, `client_timestamp` the ping
    /// payload's (the server's own clock when the ping has none).
    fn pong(&mut self, ping: &Message, payload: &str) -> String {
        let now = time::now_ms();
        let client_timestamp = serde_json::from_str::<serde_json::Value>(payload)
            .ok()
            .and_then(|p| {
                p.get("client_timestamp")
                    .and_then(serde_json::Value::as_i64)
            })
            .unwrap_or(now);
        let pong = PongPayload {
            client_timestamp,
            server_timestamp: now,
            latency_ms: (now - client_timestamp).max(0),
        };
        let mut message = Message::new(self.next_id(), time::rfc3339(now), wse::PongEvent(pong));
        message.cid = Some(ping.id.clone());
        encode(&message)
    }

    /// The `error` event answering a frame: `details.received` quotes it.
    fn error(&mut self, code: &str, why: &str, received: &str) -> String {
        let details = to_raw_value(&json!({ "received": crate::excerpt(received) }))
            .expect("a JSON object always serialises");
        let payload = ErrorPayload {
            code: code.to_owned(),
            message: why.to_owned(),
            details: Some(details),
        };
        let now = time::rfc3339(time::now_ms());
        encode(&Message::new(self.next_id(), now, wse::ErrorEvent(payload)))
    }
}

/// The generated encoder's text for a message built here.
fn encode(message: &Message) -> String {
    wse::encode(message).expect("messages built by this server always encode")
}

/// A free-form payload from a JSON value.
fn raw(value: serde_json::Value) -> Box<RawValue> {
    to_raw_value(&value).expect("a JSON value always serialises")
}

/// The frames sent in answer to `client_hello`: every event the server sends
/// except the answers `PONG` and `error` (an `error` is in it too, as an
/// example of the event), in order, with `seq` 1, 2, ….
pub fn catalogue() -> Vec<String> {
    let events: Vec<AnyEvent> = vec![
        wse::ServerHelloEvent(raw(json!({ "server": "eventc-example-service" }))).into(),
        wse::ClientHelloAckEvent(raw(json!({ "accepted": true }))).into(),
        wse::ConnectionStateChangeEvent(raw(json!({ "state": "connected" }))).into(),
        wse::SubscriptionUpdateEvent(raw(json!({ "topics": ["user:u1:order_events"] }))).into(),
        wse::BrokerConnectionSnapshotEvent(raw(json!({ "connections": [] }))).into(),
        wse::BrokerAccountSnapshotEvent(account_snapshot()).into(),
        wse::OrderSnapshotEvent(raw(json!({ "orders": [{ "order_id": "o-1" }] }))).into(),
        wse::PositionSnapshotEvent(raw(json!({ "positions": [] }))).into(),
        wse::PortfolioSnapshotEvent(portfolio()).into(),
        wse::SnapshotCompleteEvent(raw(json!({}))).into(),
        wse::BrokerAccountUpdateEvent(BrokerAccountUpdatePayload {
            original_event_type: Some("BrokerAccountLinked".to_owned()),
            broker_account_id: "acc_123".to_owned(),
            broker_id: Some("alpaca".to_owned()),
            account_number: None,
            status: "linked".to_owned(),
            buying_power: Some(25_000.5),
            cash: None,
        })
        .into(),
        wse::BrokerAccountBalanceUpdateEvent(domain("BrokerAccountBalanceUpdated")).into(),
        wse::BrokerConnectionUpdateEvent(domain("BrokerConnectionEstablished")).into(),
        wse::BrokerHealthUpdateEvent(raw(json!({ "healthy": true, "latency_ms": 12 }))).into(),
        wse::OrderUpdateEvent(OrderUpdatePayload {
            original_event_type: Some("OrderFilledEvent".to_owned()),
            order_id: Some("o-1".to_owned()),
            symbol: Some("AAPL".to_owned()),
            status: "filled".to_owned(),
            filled_qty: Some(10.0),
            avg_price: Some(189.25),
        })
        .into(),
        wse::PositionUpdateEvent(domain("PositionOpenedEvent")).into(),
        wse::MarketDataUpdateEvent(raw(json!({ "symbol": "AAPL", "bid": 189.2, "ask": 189.3 })))
            .into(),
    ];
    let mut frames: Vec<String> = events
        .into_iter()
        .enumerate()
        .map(|(index, event)| {
            let seq = i64::try_from(index).unwrap_or(i64::MAX) + 1;
            let mut message = Message::new(format!("srv-cat-{seq}"), CATALOGUE_TS, event);
            message.seq = Some(seq);
            encode(&message)
        })
        .collect();
    frames.push(aliased_heartbeat(frames.len() + 1));
    let tail: [AnyEvent; 2] = [
        wse::ErrorEvent(ErrorPayload {
            code: "SUBSCRIPTION_FAILED".to_owned(),
            message: "Invalid topic format".to_owned(),
            details: Some(raw(json!({ "topic": "invalid-topic" }))),
        })
        .into(),
        wse::ServerReadyEvent(raw(json!({ "ready": true }))).into(),
    ];
    for event in tail {
        let seq = i64::try_from(frames.len()).unwrap_or(i64::MAX) + 1;
        let mut message = Message::new(format!("srv-cat-{seq}"), CATALOGUE_TS, event);
        message.seq = Some(seq);
        frames.push(encode(&message));
    }
    frames
}

/// `heartbeat` spelled with the long aliases of every envelope key.
fn aliased_heartbeat(seq: usize) -> String {
    json!({
        "type": "heartbeat",
        "payload": { "beat": seq },
        "id": format!("srv-cat-{seq}"),
        "timestamp": CATALOGUE_TS,
        "sequence": seq,
        "_msg_cat": "WSE",
        "correlation_id": "corr-heartbeat",
        "priority": 3,
        "version": 2
    })
    .to_string()
}

fn account_snapshot() -> BrokerAccountSnapshotPayload {
    let account = |n: u32| BrokerAccountSummary {
        broker_account_id: format!("acc_{n}"),
        broker_id: "alpaca".to_owned(),
        account_number: format!("PA{n:06}"),
        status: "active".to_owned(),
    };
    BrokerAccountSnapshotPayload {
        accounts: vec![account(1), account(2)],
        count: 2,
        sync_complete: true,
    }
}

/// A portfolio large enough (well over 1024 bytes) to be sent compressed.
fn portfolio() -> Box<RawValue> {
    let positions: Vec<serde_json::Value> = (0..PORTFOLIO_POSITIONS)
        .map(|n| json!({ "symbol": format!("SYM{n}"), "qty": n * 10, "market_value": n as f64 * 101.5 }))
        .collect();
    raw(json!({ "positions": positions, "currency": "USD" }))
}

fn domain(original: &str) -> DomainUpdatePayload {
    DomainUpdatePayload {
        original_event_type: Some(original.to_owned()),
    }
}
