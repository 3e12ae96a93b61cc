//! `validate` over a mixed stream of the seed vectors, beside the cost of
//! merely parsing the same bytes into `serde_json::Value`.
//!
//! Run: `cargo bench -p eventc --bench validate`. Figures: docs/benchmarks.md.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use eventc::load;
use eventc::model::Contract;
use eventc::source::SourceMap;
use eventc::validate::Validator;
use std::hint::black_box;
use std::path::Path;

/// (contract index, message line) for every valid vector, interleaved across contracts.
fn stream(contracts: &[(String, Contract)]) -> Vec<(usize, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let per_contract: Vec<Vec<String>> = contracts
        .iter()
        .map(|(name, _)| {
            let path = root.join("tests/vectors").join(name).join("valid.jsonl");
            let text = std::fs::read_to_string(&path).expect("vectors readable");
            text.lines()
                .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
                .filter_map(|case| case.get("message").map(|m| m.to_string()))
                .collect()
        })
        .collect();
    let longest = per_contract.iter().map(Vec::len).max().unwrap_or(0);
    (0..longest)
        .flat_map(|i| {
            per_contract
                .iter()
                .enumerate()
                .filter_map(move |(c, lines)| lines.get(i).map(|l| (c, l.clone())))
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let names = ["bagbot", "trading", "project-progress", "operations", "wse"];
    let contracts: Vec<(String, Contract)> = names
        .iter()
        .map(|n| {
            let mut sources = SourceMap::default();
            let loaded = load::load_paths(
                &[root.join("contracts").join(format!("{n}.yaml"))],
                &mut sources,
            )
            .expect("contract readable");
            assert!(!loaded.has_errors(), "{n} has errors");
            (
                (*n).to_owned(),
                loaded.contracts.into_iter().next().expect("one contract"),
            )
        })
        .collect();
    let validators: Vec<Validator<'_>> = contracts.iter().map(|(_, c)| Validator::new(c)).collect();
    let messages = stream(&contracts);
    let bytes: usize = messages.iter().map(|(_, m)| m.len()).sum();
    for (i, m) in &messages {
        assert!(
            validators[*i].validate_str(m).is_valid(),
            "vector must be valid: {m}"
        );
    }
    let mut group = c.benchmark_group("seed-stream");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("parse serde_json::Value", |b| {
        b.iter(|| {
            for (_, m) in &messages {
                black_box(serde_json::from_str::<serde_json::Value>(black_box(m)).ok());
            }
        })
    });
    group.bench_function("validate (parse + check)", |b| {
        b.iter(|| {
            for (i, m) in &messages {
                black_box(validators[*i].validate_str(black_box(m)));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
