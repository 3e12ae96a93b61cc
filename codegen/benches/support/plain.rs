//! Plain-struct decoders for the trading messages: each message decoded into
//! its concrete hand-written envelope type (`super::hand`), chosen before the
//! timed loop, so no dispatch on the event name happens at decode time.

use super::hand::{
    AiTask, Alert, Balances, Bot, Connection, Decision, Envelope, ErrorPayload, Keepalive, Metrics,
    SystemHealth, Trade, WalletEvent, Whale,
};
use serde_json::value::RawValue;

/// Decodes one message into a concrete type known in advance and drops it.
pub type PlainDecode = fn(&str) -> serde_json::Result<()>;

/// Decodes `json` as a `T`, keeping the value alive until it is dropped here.
fn plain<T: serde::de::DeserializeOwned>(json: &str) -> serde_json::Result<()> {
    let value: T = serde_json::from_str(json)?;
    std::hint::black_box(&value);
    Ok(())
}

/// The plain-struct decoder of the event `name` (the message's `type` value):
/// no dispatch at decode time, the caller picks the function beforehand.
pub fn plain_decoder(name: &str) -> Option<PlainDecode> {
    let decode: PlainDecode = match name {
        "connection" => plain::<Envelope<Connection>>,
        "ping" | "pong" => plain::<Keepalive>,
        "trades" => plain::<Envelope<Trade>>,
        "bots" => plain::<Envelope<Bot>>,
        "balances" => plain::<Envelope<Balances>>,
        "decisions" => plain::<Envelope<Decision>>,
        "metrics" => plain::<Envelope<Metrics>>,
        "whale" => plain::<Envelope<Whale>>,
        "alerts" => plain::<Envelope<Alert>>,
        "system_health" => plain::<Envelope<SystemHealth>>,
        "wallet" => plain::<Envelope<WalletEvent>>,
        "ai_tasks" => plain::<Envelope<AiTask<Box<RawValue>>>>,
        "error" => plain::<Envelope<ErrorPayload>>,
        _ => return None,
    };
    Some(decode)
}
