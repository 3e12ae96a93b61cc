//! Decoding with the generated Rust code (`eventc_generated`), side by side
//! with hand-written serde baselines.
//!
//! - `decode/trading`: the valid trading vectors decoded by
//!   `eventc_generated::trading::decode` (`generated`), by
//!   `eventc_generated::trading::decode_strict` with the contract's value
//!   rules on (`generated decode_strict`), by a hand-written
//!   `#[serde(tag = "type")]` enum of the same payloads (`serde tag enum`),
//!   by the concrete hand-written envelope struct of each message chosen
//!   before timing (`plain struct`, no dispatch at all), and by
//!   `serde_json::from_str::<IgnoredAny>` (`IgnoredAny`, parsing only).
//! - `decode/mixed`: the valid vectors of all five contracts, interleaved,
//!   each decoded by its contract's generated `decode`, beside `IgnoredAny`.
//! - `decode/per-contract`: the same stream split by contract (already
//!   checked by `decode/mixed`), to show where the mixed figure comes from.
//!
//! Every decoder is checked once on every message before timing, so a
//! decoder that fails cannot post a fast figure.
//!
//! Run: `cargo bench -p eventc --bench decode`. Figures: docs/benchmarks.md.

#[path = "support/trading.rs"]
mod hand;
#[path = "support/plain.rs"]
mod plain;
#[path = "support/vectors.rs"]
mod vectors;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use serde::de::IgnoredAny;
use std::hint::black_box;

/// Decodes one message with a contract's generated `decode` and drops it.
type Decode = fn(&str) -> serde_json::Result<()>;

/// Contract file names (under `contracts/` and `tests/vectors/`) with their
/// generated decoders.
const CONTRACTS: [(&str, Decode); 5] = [
    ("bagbot", |s| eventc_generated::bagbot::decode(s).map(drop)),
    ("trading", |s| {
        eventc_generated::trading::decode(s).map(drop)
    }),
    ("project-progress", |s| {
        eventc_generated::project_progress::decode(s).map(drop)
    }),
    ("operations", |s| {
        eventc_generated::operations::decode(s).map(drop)
    }),
    ("wse", |s| eventc_generated::wse::decode(s).map(drop)),
];

/// The `type` value of a trading message.
fn event_name(message: &str) -> String {
    let value: serde_json::Value = serde_json::from_str(message).expect("vector is JSON");
    value
        .get("type")
        .and_then(serde_json::Value::as_str)
        .expect("trading message has a string `type`")
        .to_owned()
}

fn trading(c: &mut Criterion) {
    let messages = vectors::messages("trading");
    let plain: Vec<(plain::PlainDecode, &str)> = messages
        .iter()
        .map(|m| {
            let decode = plain::plain_decoder(&event_name(m))
                .unwrap_or_else(|| panic!("no plain struct for {m}"));
            (decode, m.as_str())
        })
        .collect();
    for (decode_plain, m) in &plain {
        eventc_generated::trading::decode(m)
            .unwrap_or_else(|e| panic!("generated decode failed on {m}: {e}"));
        eventc_generated::trading::decode_strict(m)
            .unwrap_or_else(|e| panic!("generated decode_strict failed on {m}: {e}"));
        serde_json::from_str::<hand::TaggedMessage>(m)
            .unwrap_or_else(|e| panic!("serde tag enum failed on {m}: {e}"));
        decode_plain(m).unwrap_or_else(|e| panic!("plain struct failed on {m}: {e}"));
    }

    let mut group = c.benchmark_group("decode/trading");
    group.throughput(Throughput::Bytes(vectors::total_bytes(&messages)));
    group.bench_function("generated", |b| {
        b.iter(|| {
            for m in &messages {
                black_box(eventc_generated::trading::decode(black_box(m)).is_ok());
            }
        })
    });
    group.bench_function("generated decode_strict", |b| {
        b.iter(|| {
            for m in &messages {
                black_box(eventc_generated::trading::decode_strict(black_box(m)).is_ok());
            }
        })
    });
    group.bench_function("serde tag enum", |b| {
        b.iter(|| {
            for m in &messages {
                black_box(serde_json::from_str::<hand::TaggedMessage>(black_box(m)).is_ok());
            }
        })
    });
    group.bench_function("plain struct", |b| {
        b.iter(|| {
            for (decode, m) in &plain {
                black_box(decode(black_box(m)).is_ok());
            }
        })
    });
    group.bench_function("IgnoredAny", |b| {
        b.iter(|| {
            for m in &messages {
                black_box(serde_json::from_str::<IgnoredAny>(black_box(m)).is_ok());
            }
        })
    });
    group.finish();
}

/// Every valid vector of every contract, interleaved across contracts, with
/// the generated decoder of its contract.
fn mixed_stream() -> Vec<(Decode, String)> {
    let per_contract: Vec<(Decode, Vec<String>)> = CONTRACTS
        .iter()
        .map(|(name, decode)| (*decode, vectors::messages(name)))
        .collect();
    let longest = per_contract.iter().map(|(_, m)| m.len()).max().unwrap_or(0);
    (0..longest)
        .flat_map(|i| {
            per_contract
                .iter()
                .filter_map(move |(decode, m)| m.get(i).map(|m| (*decode, m.clone())))
        })
        .collect()
}

fn mixed(c: &mut Criterion) {
    let stream = mixed_stream();
    for (decode, m) in &stream {
        decode(m).unwrap_or_else(|e| panic!("generated decode failed on {m}: {e}"));
    }
    let bytes: u64 = stream.iter().map(|(_, m)| m.len() as u64).sum();

    let mut group = c.benchmark_group("decode/mixed");
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("generated", |b| {
        b.iter(|| {
            for (decode, m) in &stream {
                black_box(decode(black_box(m)).is_ok());
            }
        })
    });
    group.bench_function("IgnoredAny", |b| {
        b.iter(|| {
            for (_, m) in &stream {
                black_box(serde_json::from_str::<IgnoredAny>(black_box(m)).is_ok());
            }
        })
    });
    group.finish();
}

/// The mixed stream split by contract, to see which contract costs what.
fn per_contract(c: &mut Criterion) {
    let mut group = c.benchmark_group("decode/per-contract");
    for (name, decode) in CONTRACTS {
        let messages = vectors::messages(name);
        group.throughput(Throughput::Bytes(vectors::total_bytes(&messages)));
        group.bench_function(format!("{name}, generated"), |b| {
            b.iter(|| {
                for m in &messages {
                    black_box(decode(black_box(m)).is_ok());
                }
            })
        });
        group.bench_function(format!("{name}, IgnoredAny"), |b| {
            b.iter(|| {
                for m in &messages {
                    black_box(serde_json::from_str::<IgnoredAny>(black_box(m)).is_ok());
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, trading, mixed, per_contract);
criterion_main!(benches);
