//! The validator and the generated decoders agree: messages built from the
//! model of every contract with generated code (`eventc_testkit::message`:
//! valid, then mutated with wrong types, missing, extra, repeated and alias
//! keys, nulls, numbers out of range or width, and values that break a
//! value rule: a constant, a pattern, a length, an RFC 3339 timestamp, a
//! derived category or channel) are accepted by the Rust `decode_strict`,
//! the Go `DecodeStrict` and the TypeScript `decodeStrict` exactly when the
//! validator accepts them; when they refuse on value rules alone (Rust's
//! `DecodeError::Invalid`), each names the codes of the validator's problems.
//!
//! The cases come from fixed seeds; `EVENTC_DIFFERENTIAL_CORPUS=DIR` adds
//! every file of DIR (the `differential` fuzz target's corpus, which
//! `scripts/fuzz.sh` replays this way). The verdicts go to a file that the Go
//! test `TestDifferentialVerdicts` (tests/go/codec) and
//! `tests/ts/runtime/differential.mjs` replay through the generated Go and
//! TypeScript; without `go` or `node` that half fails when `CI` is set and
//! says SKIPPED otherwise.

#[path = "../../tests/common/mod.rs"]
mod common;
#[path = "../../tests/common/ts_node.rs"]
mod ts_node;

use eventc_testkit::decoders::{contracts, Refusal, ALL};
use eventc_testkit::differential::{case, describe, Case};
use serde_json::Value;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Seeded cases per contract.
const CASES_PER_CONTRACT: u64 = 500;

/// The seeded cases, then the corpus files named by the environment.
fn cases() -> Vec<Case> {
    let mut out = Vec::new();
    for index in 0..ALL.len() {
        for seed in 0..CASES_PER_CONTRACT {
            let mut bytes = vec![u8::try_from(index).unwrap_or(0)];
            bytes.extend(eventc_testkit::bytes_from_seed(
                seed + 1000 * index as u64,
                512,
            ));
            out.extend(case(&bytes));
        }
    }
    if let Some(dir) = std::env::var_os("EVENTC_DIFFERENTIAL_CORPUS") {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("EVENTC_DIFFERENTIAL_CORPUS: {e}"))
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        for file in files {
            let bytes = std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            out.extend(case(&bytes));
        }
    }
    out
}

#[test]
fn validator_and_generated_rust_go_and_typescript_decoders_agree() {
    let cases = cases();
    let mut verdicts = String::new();
    let mut disagreements = Vec::new();
    let mut valid = 0usize;
    for c in &cases {
        if let Err(e) = c.compare_rust() {
            disagreements.push(e);
        }
        let problems = c.problems();
        valid += usize::from(problems.is_empty());
        let line = serde_json::json!({
            "contract": c.decoder().name,
            "message": c.message,
            "valid": problems.is_empty(),
            "problems": describe(&problems),
            "codes": c.problem_codes(),
        });
        let _ = writeln!(verdicts, "{line}");
    }
    eprintln!("{} messages, {valid} valid", cases.len());
    // Both verdicts must occur often, or the property says little.
    assert!(valid * 10 >= cases.len(), "too few valid messages: {valid}");
    assert!(valid * 10 <= cases.len() * 9, "too few invalid messages");
    let go = replay_in_go(&verdicts);
    let ts = replay_in_typescript(&cases);
    assert!(
        disagreements.is_empty() && go.is_ok() && ts.is_empty(),
        "{} disagreement(s) between the validator and Rust decode_strict:\n{}\n\nGo: {}\n\n{} with TypeScript decodeStrict:\n{}",
        disagreements.len(),
        disagreements.join("\n\n"),
        go.err().unwrap_or_else(|| "agrees".to_owned()),
        ts.len(),
        ts.join("\n\n"),
    );
}

/// Compiles the TypeScript module of every contract, runs
/// `tests/ts/runtime/differential.mjs` over every case in one Node process,
/// and returns each disagreement with the validator.
fn replay_in_typescript(cases: &[Case]) -> Vec<String> {
    let Some(node) = ts_node::node("differential replay in TypeScript") else {
        return Vec::new();
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("differential-ts");
    let files = eventc::emit::typescript::emit_all(contracts());
    let out = node.compile(&dir, &files, &[]);
    let input = dir.join("in.jsonl");
    let output = dir.join("out.jsonl");
    let mut lines = String::new();
    for c in cases {
        let stem = &contracts()[c.index].name;
        let line = serde_json::json!({ "contract": stem, "message": c.message });
        let _ = writeln!(lines, "{line}");
    }
    std::fs::write(&input, lines).expect("scratch writable");
    let script = eventc_testkit::root().join("tests/ts/runtime/differential.mjs");
    node.run(&script, &[&out, &input, &output]);
    let text = std::fs::read_to_string(&output).expect("differential.mjs wrote its output");
    let verdicts: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("differential.mjs writes JSON lines"))
        .collect();
    assert_eq!(verdicts.len(), cases.len(), "one verdict per message");
    let mut found = Vec::new();
    for (c, verdict) in cases.iter().zip(&verdicts) {
        if let Err(e) = compare_typescript(c, verdict) {
            found.push(e);
        }
    }
    found
}

/// Whether TypeScript's verdict on a case agrees with the validator's: the
/// same verdict, and when the message breaks value rules only (Rust refuses
/// it with `DecodeError::Invalid`), the codes of the same problems. On a
/// message the types refuse, TypeScript stops at the first problem and may
/// name it otherwise (a repeated discriminator is a `duplicate-key` to it).
fn compare_typescript(c: &Case, verdict: &Value) -> Result<(), String> {
    let problems = c.problems();
    let (name, message) = (c.decoder().name, &c.message);
    let mut found: Vec<String> = verdict["problems"]
        .as_array()
        .map(|ps| {
            ps.iter()
                .filter_map(|p| p["code"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    match (problems.is_empty(), verdict["ok"] == Value::Bool(true)) {
        (true, false) => Err(format!(
            "{name}: the validator accepts, TypeScript decodeStrict refuses ({found:?}):\n{message}"
        )),
        (false, true) => Err(format!(
            "{name}: the validator refuses ({}), TypeScript decodeStrict accepts:\n{message}",
            describe(&problems)
        )),
        (false, false)
            if matches!(
                (c.decoder().decode_strict)(message),
                Err(Refusal::Invalid(_))
            ) && found != c.problem_codes() =>
        {
            Err(format!(
                "{name}: TypeScript decodeStrict finds {found:?}, the validator {}:\n{message}",
                describe(&problems)
            ))
        }
        _ => Ok(()),
    }
}

/// Writes the verdicts and runs the Go test that replays them; `Err` holds
/// its output when Go disagrees.
fn replay_in_go(verdicts: &str) -> Result<(), String> {
    let found = Command::new("go")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !common::tool_available(found, "`go` not found on PATH", "differential replay in Go") {
        return Ok(());
    }
    let file = Path::new(env!("CARGO_TARGET_TMPDIR")).join("differential-verdicts.jsonl");
    std::fs::write(&file, verdicts).expect("write verdicts");
    let out = Command::new("go")
        .args([
            "test",
            "-count=1",
            "-run",
            "^TestDifferentialVerdicts$",
            "./codec",
        ])
        .current_dir(eventc_testkit::root().join("tests/go"))
        .env("GOTOOLCHAIN", "local")
        .env("EVENTC_DIFFERENTIAL_VERDICTS", &file)
        .output()
        .expect("go test runs");
    if out.status.success() {
        return Ok(());
    }
    Err(format!(
        "the generated Go decoders disagree with the validator (verdicts in {}):\n{}{}",
        file.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    ))
}
