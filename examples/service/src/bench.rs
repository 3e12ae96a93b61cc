//! The service round-trip benchmark: its two server sessions and the driver
//! that runs the clients against them.
//!
//! One round trip: the client writes a WSE `order_update`, the server reads
//! it, answers the same message with `cid` set to the request's `id` and
//! `seq` to its count, and the client reads the answer and checks the `cid`.
//! One message is in flight at a time, so a round trip's time is its
//! latency and messages/second is round trips per second. The two modes
//! differ only in how each side handles JSON: `generated` uses the generated
//! code on both sides (Rust `wse::decode_strict`/`encode`, Go
//! `wse.DecodeStrict`/`Encode`, TypeScript `decode`/`encode`), `dynamic`
//! untyped values (`serde_json::Value`, `map[string]any`,
//! `JSON.parse`/`JSON.stringify`).

use crate::clients::{Client, Clients};
use eventc_generated::wse::{self, AnyEvent};
use serde_json::Value;
use std::fmt::Write as _;

/// `/bench/generated`: reads and writes through the generated code.
#[derive(Default)]
pub struct GeneratedEcho {
    count: i64,
}

impl crate::Session for GeneratedEcho {
    fn open(&mut self) -> Vec<String> {
        Vec::new()
    }

    fn receive(&mut self, text: &str) -> Vec<String> {
        self.count += 1;
        let answer = match wse::decode_strict(text) {
            Ok(mut message) if matches!(message.event, AnyEvent::OrderUpdate(_)) => {
                message.cid = Some(std::mem::take(&mut message.id));
                message.id = format!("srv-{}", self.count);
                message.seq = Some(self.count);
                wse::encode(&message).map_err(|e| e.to_string())
            }
            Ok(message) => Err(format!(
                "expected order_update, got {}",
                message.event.name()
            )),
            Err(problem) => Err(problem.to_string()),
        };
        vec![answer.unwrap_or_else(|why| bench_error(&why))]
    }
}

/// `/bench/dynamic`: reads and writes `serde_json::Value`.
#[derive(Default)]
pub struct DynamicEcho {
    count: i64,
}

impl crate::Session for DynamicEcho {
    fn open(&mut self) -> Vec<String> {
        Vec::new()
    }

    fn receive(&mut self, text: &str) -> Vec<String> {
        self.count += 1;
        let answer = match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(mut message))
                if message.get("t").and_then(Value::as_str) == Some("order_update")
                    && message
                        .get("p")
                        .and_then(|p| p.get("status"))
                        .is_some_and(Value::is_string) =>
            {
                let id = message.remove("id").unwrap_or(Value::Null);
                message.insert("cid".to_owned(), id);
                message.insert("id".to_owned(), Value::from(format!("srv-{}", self.count)));
                message.insert("seq".to_owned(), Value::from(self.count));
                Ok(Value::Object(message).to_string())
            }
            Ok(_) => Err("expected an order_update object".to_owned()),
            Err(problem) => Err(problem.to_string()),
        };
        vec![answer.unwrap_or_else(|why| bench_error(&why))]
    }
}

/// An `error` frame for a benchmark request the server could not answer (the
/// client then fails the run).
fn bench_error(why: &str) -> String {
    serde_json::json!({ "t": "error", "p": { "code": "BENCH", "message": why }, "v": 2 })
        .to_string()
}

/// How each side handles JSON in a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The generated code.
    Generated,
    /// Untyped JSON values.
    Dynamic,
}

impl Mode {
    /// The name used in paths, client flags and reports.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Generated => "generated",
            Mode::Dynamic => "dynamic",
        }
    }
}

/// What one client run measured.
#[derive(Clone, Debug)]
pub struct Sample {
    /// Which client ran.
    pub client: Client,
    /// How JSON was handled.
    pub mode: Mode,
    /// Round trips per second.
    pub per_second: f64,
    /// Median round-trip latency, microseconds.
    pub p50_us: f64,
    /// 99th percentile round-trip latency, microseconds.
    pub p99_us: f64,
}

/// Runs every (client, mode) pair `rounds` times against the server on
/// `port`, `messages` round trips each, alternating the order of the modes
/// from round to round so neither always runs first.
pub fn run(
    clients: &Clients,
    port: u16,
    rounds: usize,
    messages: usize,
) -> Result<Vec<Sample>, String> {
    let mut samples = Vec::new();
    for round in 0..rounds {
        let modes = if round % 2 == 0 {
            [Mode::Generated, Mode::Dynamic]
        } else {
            [Mode::Dynamic, Mode::Generated]
        };
        for client in [Client::Go, Client::Node] {
            for mode in modes {
                let args = [
                    "--bench".to_owned(),
                    mode.name().to_owned(),
                    "--messages".to_owned(),
                    messages.to_string(),
                ];
                let out = clients.run(client, port, &args)?;
                let figures: Value = serde_json::from_str(out.trim()).map_err(|e| {
                    format!("{} bench output is not JSON ({e}): {out}", client.name())
                })?;
                let number = |key: &str| {
                    figures
                        .get(key)
                        .and_then(Value::as_f64)
                        .ok_or_else(|| format!("{} bench output lacks {key}: {out}", client.name()))
                };
                let sample = Sample {
                    client,
                    mode,
                    per_second: number("per_second")?,
                    p50_us: number("p50_us")?,
                    p99_us: number("p99_us")?,
                };
                eprintln!(
                    "round {} {} {}: {:.0} msg/s, p50 {:.0} µs, p99 {:.0} µs",
                    round + 1,
                    client.name(),
                    mode.name(),
                    sample.per_second,
                    sample.p50_us,
                    sample.p99_us
                );
                samples.push(sample);
            }
        }
    }
    Ok(samples)
}

/// A Markdown table of the medians over rounds for every (client, mode).
pub fn report(samples: &[Sample]) -> String {
    let mut table = String::from(
        "| client | handling | round trips/s | p50 latency | p99 latency |\n|---|---|---:|---:|---:|\n",
    );
    for client in [Client::Go, Client::Node] {
        for mode in [Mode::Generated, Mode::Dynamic] {
            let of = |f: fn(&Sample) -> f64| {
                median(
                    samples
                        .iter()
                        .filter(|s| s.client == client && s.mode == mode)
                        .map(f)
                        .collect(),
                )
            };
            let _ = writeln!(
                table,
                "| {} | {} | {:.0} | {:.0} µs | {:.0} µs |",
                client.name(),
                mode.name(),
                of(|s| s.per_second),
                of(|s| s.p50_us),
                of(|s| s.p99_us)
            );
        }
    }
    table
}

/// The median (the mean of the middle two for an even count); 0 when empty.
fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    match n {
        0 => 0.0,
        _ if n % 2 == 1 => values[n / 2],
        _ => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(vec![3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(vec![4.0, 1.0, 3.0, 2.0]), 2.5);
        assert_eq!(median(Vec::new()), 0.0);
    }
}
