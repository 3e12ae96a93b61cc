//! Encoding with the generated Rust code (`eventc_generated`), and what alias
//! handling costs.
//!
//! - `encode/trading`: the valid trading vectors, decoded once before timing,
//!   written by `eventc_generated::trading::encode` (`generated`) and by
//!   `serde_json::to_string` of the hand-written `#[derive(Serialize)]` types
//!   (`serde derive`, the `#[serde(tag = "type")]` enum of
//!   `support/trading.rs`). Both must write the same JSON (checked first).
//! - `aliases/wse`: the valid wse vectors in two spellings built from their
//!   canonical form (`eventc::validate::canonicalize`): the canonical short
//!   keys (`t`, `p`, `ts`, `seq`, `v`, ...) and every envelope key and event
//!   name replaced by its first declared alias (`type`, `payload`,
//!   `timestamp`, `sequence`, `version`, ..., `PING`). Both spellings are
//!   decoded (and decoded then re-encoded) by `eventc_generated::wse`; the
//!   writer emits the canonical keys either way (checked first). Throughput
//!   is per message, since the aliased spelling is longer; `IgnoredAny` on
//!   both spellings shows how much of the difference is just more bytes.
//! - `renames/shapes Drawing`: the dual-key rename. No seed contract declares
//!   a `renamed_from` field, so this group uses the `Drawing` payload of the
//!   golden fixture `tests/golden/contracts/shapes.yaml` (`title`, renamed
//!   from `caption`), generated into `eventc_golden_rust::shapes`. Each
//!   drawing is decoded and re-encoded by the generated `Drawing`
//!   (`generated, both keys`: reads either key, writes both), by a
//!   `#[derive]` twin with `title` and `caption` as two plain fields
//!   (`serde derive, both keys`: the same bytes in and out, no rename logic;
//!   the fair baseline for the machinery), and by a twin with `title` only
//!   on input without `caption` (`serde derive, new key only`: what carrying
//!   the old key costs at all). The twins reuse the generated `Shape`,
//!   `Point` and `Size`, so only the object holding the rename differs.
//!
//! Run: `cargo bench -p eventc --bench encode`. Figures: docs/benchmarks.md.

#[path = "support/trading.rs"]
mod hand;
#[path = "support/shapes.rs"]
mod shapes_twin;
#[path = "support/vectors.rs"]
mod vectors;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use eventc::load;
use eventc::model::{Contract, Envelope};
use eventc::source::SourceMap;
use eventc::validate::{canonicalize, semantically_equal};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use std::hint::black_box;

/// Loads `contracts/<name>.yaml`, panicking on any error diagnostic.
fn contract(name: &str) -> Contract {
    let mut sources = SourceMap::default();
    let path = vectors::root()
        .join("contracts")
        .join(format!("{name}.yaml"));
    let loaded = load::load_paths(&[path], &mut sources).expect("contract readable");
    assert!(!loaded.has_errors(), "contract {name} has errors");
    loaded
        .contracts
        .into_iter()
        .next()
        .expect("the file holds one contract")
}

fn parse(json: &str) -> Value {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("not JSON ({e}): {json}"))
}

fn trading(c: &mut Criterion) {
    let messages = vectors::messages("trading");
    let generated: Vec<eventc_generated::trading::Message> = messages
        .iter()
        .map(|m| {
            eventc_generated::trading::decode(m)
                .unwrap_or_else(|e| panic!("generated decode failed on {m}: {e}"))
        })
        .collect();
    let tagged: Vec<hand::TaggedMessage> = messages
        .iter()
        .map(|m| {
            serde_json::from_str(m).unwrap_or_else(|e| panic!("serde tag enum failed on {m}: {e}"))
        })
        .collect();
    let mut written = Vec::new();
    for ((g, t), m) in generated.iter().zip(&tagged).zip(&messages) {
        let ours = eventc_generated::trading::encode(g)
            .unwrap_or_else(|e| panic!("generated encode failed on {m}: {e}"));
        let theirs = serde_json::to_string(t).expect("serde derive encodes");
        assert!(
            semantically_equal(&parse(&ours), &parse(&theirs)),
            "encodings differ for {m}:\n generated {ours}\n serde     {theirs}"
        );
        written.push(ours);
    }

    let mut group = c.benchmark_group("encode/trading");
    group.throughput(Throughput::Bytes(vectors::total_bytes(&written)));
    group.bench_function("generated", |b| {
        b.iter(|| {
            for m in &generated {
                black_box(eventc_generated::trading::encode(black_box(m)).is_ok());
            }
        })
    });
    group.bench_function("serde derive", |b| {
        b.iter(|| {
            for m in &tagged {
                black_box(serde_json::to_string(black_box(m)).is_ok());
            }
        })
    });
    group.finish();
}

/// The envelope shape of a canonical message (by its event name).
fn envelope_of<'c>(contract: &'c Contract, canonical: &Value) -> &'c Envelope {
    let default = contract.default_envelope();
    canonical
        .get(&default.discriminator)
        .and_then(Value::as_str)
        .and_then(|name| contract.events.get(name))
        .map_or(default, |e| contract.envelope_of(e))
}

/// Writes a canonical message with its envelope keys in declaration order,
/// under the canonical key or (`aliased`) the field's first alias, and with
/// the event named by its first alias when `aliased`. Keys are written in
/// contract order rather than re-serialized from `Value`, which would sort
/// them (and put `t` after `p`).
fn spell(contract: &Contract, canonical: &Value, aliased: bool) -> String {
    let env = envelope_of(contract, canonical);
    let map = canonical
        .as_object()
        .expect("a canonical message is an object");
    let mut entries: Vec<String> = Vec::new();
    for f in &env.fields {
        let Some(value) = map.get(&f.name) else {
            continue;
        };
        let key = match f.aliases.first() {
            Some(alias) if aliased => alias,
            _ => &f.name,
        };
        let value = match value.as_str().and_then(|n| contract.events.get(n)) {
            Some(event) if aliased && f.name == env.discriminator => {
                Value::String(event.aliases.first().unwrap_or(&event.name).clone())
            }
            _ => value.clone(),
        };
        entries.push(format!("{}:{value}", Value::String(key.clone())));
    }
    assert_eq!(
        entries.len(),
        map.len(),
        "canonical keys outside the envelope: {canonical}"
    );
    format!("{{{}}}", entries.join(","))
}

/// Decodes and re-encodes a wse message.
fn round_trip(json: &str) -> String {
    let message = eventc_generated::wse::decode(json)
        .unwrap_or_else(|e| panic!("generated decode failed on {json}: {e}"));
    eventc_generated::wse::encode(&message)
        .unwrap_or_else(|e| panic!("generated encode failed on {json}: {e}"))
}

fn wse_aliases(c: &mut Criterion) {
    let contract = contract("wse");
    let mut short = Vec::new();
    let mut long = Vec::new();
    for m in vectors::messages("wse") {
        let canonical = canonicalize(&contract, &parse(&m));
        let (s, l) = (
            spell(&contract, &canonical, false),
            spell(&contract, &canonical, true),
        );
        let written = round_trip(&s);
        assert_eq!(
            written,
            round_trip(&l),
            "spellings written differently: {m}"
        );
        assert!(
            semantically_equal(&canonicalize(&contract, &parse(&written)), &canonical),
            "re-encoding changed {m} into {written}"
        );
        short.push(s);
        long.push(l);
    }

    let mut group = c.benchmark_group("aliases/wse");
    group.throughput(Throughput::Elements(short.len() as u64));
    for (label, stream) in [("canonical keys", &short), ("long aliases", &long)] {
        // The bytes alone: the long spelling is longer, and that much parsing
        // is not alias handling.
        group.bench_function(format!("IgnoredAny, {label}"), |b| {
            b.iter(|| {
                for m in stream {
                    black_box(serde_json::from_str::<serde::de::IgnoredAny>(black_box(m)).is_ok());
                }
            })
        });
        group.bench_function(format!("decode, {label}"), |b| {
            b.iter(|| {
                for m in stream {
                    black_box(eventc_generated::wse::decode(black_box(m)).is_ok());
                }
            })
        });
        group.bench_function(format!("decode+encode, {label}"), |b| {
            b.iter(|| {
                for m in stream {
                    if let Ok(message) = eventc_generated::wse::decode(black_box(m)) {
                        black_box(eventc_generated::wse::encode(&message).is_ok());
                    }
                }
            })
        });
    }
    group.finish();
}

/// Decodes `json` as a `T` and encodes it again.
fn round_trip_as<T: Serialize + DeserializeOwned>(json: &str) -> serde_json::Result<String> {
    let value: T = serde_json::from_str(json)?;
    serde_json::to_string(&value)
}

fn renames(c: &mut Criterion) {
    use eventc_golden_rust::shapes::Drawing;
    use shapes_twin::{DrawingBothKeys, DrawingNewKey};

    let both: Vec<&str> = shapes_twin::DRAWINGS.to_vec();
    let new_key: Vec<String> = both
        .iter()
        .map(|d| shapes_twin::without_old_key(d))
        .collect();
    for (b, n) in both.iter().zip(&new_key) {
        let ours = round_trip_as::<Drawing>(b)
            .unwrap_or_else(|e| panic!("generated Drawing failed on {b}: {e}"));
        let twin = round_trip_as::<DrawingBothKeys>(b).expect("two-field twin round-trips");
        assert_eq!(ours, twin, "generated and two-field twin write differently");
        assert!(
            semantically_equal(&parse(&ours), &parse(b)),
            "generated Drawing changed {b} into {ours}"
        );
        let from_new_key = round_trip_as::<Drawing>(n)
            .unwrap_or_else(|e| panic!("generated Drawing failed on {n}: {e}"));
        assert_eq!(ours, from_new_key, "the new key alone must read the same");
        let single = round_trip_as::<DrawingNewKey>(n).expect("new-key twin round-trips");
        assert!(
            semantically_equal(&parse(&single), &parse(n)),
            "new-key twin changed {n} into {single}"
        );
    }

    let mut group = c.benchmark_group("renames/shapes Drawing");
    group.throughput(Throughput::Elements(both.len() as u64));
    group.bench_function("generated, both keys", |b| {
        b.iter(|| {
            for d in &both {
                black_box(round_trip_as::<Drawing>(black_box(d)).is_ok());
            }
        })
    });
    group.bench_function("serde derive, both keys", |b| {
        b.iter(|| {
            for d in &both {
                black_box(round_trip_as::<DrawingBothKeys>(black_box(d)).is_ok());
            }
        })
    });
    group.bench_function("serde derive, new key only", |b| {
        b.iter(|| {
            for d in &new_key {
                black_box(round_trip_as::<DrawingNewKey>(black_box(d)).is_ok());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, trading, wse_aliases, renames);
criterion_main!(benches);
