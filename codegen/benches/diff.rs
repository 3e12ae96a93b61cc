//! `diff::diff` on a synthetic contract of 1,000 events × 20 fields against
//! itself (nothing to report) and against a copy in which every tenth event
//! changed (four fields widened, one added) and the shared enum gained a value.
//!
//! Run: `cargo bench -p eventc --bench diff`. Figures: docs/benchmarks.md.

use criterion::{criterion_group, criterion_main, Criterion};
use eventc::diff;
use eventc::model::Contract;
use eventc::source::SourceMap;
use std::fmt::Write as _;
use std::hint::black_box;

/// The contract text; `changed` alters every tenth event.
fn contract(events: usize, fields: usize, changed: bool) -> String {
    let mut t = String::from(
        "eventc: 1\nname: synthetic\nenvelope:\n  discriminator: type\n  payload: data\n  fields: { type: string, data: json, ts: timestamp }\ntypes:\n",
    );
    let extra = if changed { ", archived" } else { "" };
    let _ = writeln!(
        t,
        "  Level: {{ type: enum, values: [low, mid, high{extra}] }}"
    );
    t.push_str("events:\n");
    for i in 0..events {
        let touched = changed && i % 10 == 0;
        let direction = if i % 2 == 0 {
            "server_to_client"
        } else {
            "client_to_server"
        };
        let _ = writeln!(t, "  event_{i}:\n    direction: {direction}\n    payload:\n      type: object\n      fields:");
        for j in 0..fields {
            let ty = match j % 5 {
                0 if touched => "number",
                0 => "integer",
                1 => "{ type: string, pattern: '^[a-z]+$' }",
                2 => "{ type: number, optional: true }",
                3 => "Level",
                _ => "'array<string>'",
            };
            let _ = writeln!(t, "        field_{j}: {ty}");
        }
        if touched {
            t.push_str("        added: { type: string, optional: true }\n");
        }
    }
    t
}

fn load(text: &str) -> Contract {
    let mut sources = SourceMap::default();
    let mut loaded = eventc::load::load_str("synthetic.yaml", text, &mut sources);
    assert!(!loaded.has_errors(), "the synthetic contract loads");
    loaded.contracts.pop().expect("one contract")
}

fn bench(c: &mut Criterion) {
    let old = load(&contract(1000, 20, false));
    let new = load(&contract(1000, 20, true));
    assert!(diff::diff(&old, &old).is_empty());
    // 100 events × (four fields widened, one added) + the enum value.
    assert_eq!(diff::diff(&old, &new).len(), 501);
    let mut group = c.benchmark_group("diff_1000_events_x_20_fields");
    group.sample_size(20);
    group.bench_function("unchanged", |b| {
        b.iter(|| black_box(diff::diff(&old, &old)))
    });
    group.bench_function("every_tenth_event_changed", |b| {
        b.iter(|| black_box(diff::diff(&old, &new)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
