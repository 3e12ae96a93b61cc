//! The validator and the generated decoders agree: messages built from the
//! model of every contract with generated code (`eventc_testkit::message`:
//! well-typed, then mutated with wrong types, missing, extra, repeated and
//! alias keys, nulls and out-of-range numbers) are refused by the Rust and
//! the Go `decode_strict` exactly when the validator finds a problem the
//! decoders are meant to see (`codegen/tests/common/faults.rs`; value rules
//! such as ranges, patterns and derived fields are left to the validator).
//!
//! The cases come from fixed seeds; `EVENTC_DIFFERENTIAL_CORPUS=DIR` adds
//! every file of DIR (the `differential` fuzz target's corpus, which
//! `scripts/fuzz.sh` replays this way). The verdicts go to a file that the Go
//! test `TestDifferentialVerdicts` (tests/go/codec) replays through the
//! generated Go; without `go` the Go half fails when `CI` is set and says
//! SKIPPED otherwise.

#[path = "../../tests/common/mod.rs"]
mod common;

use eventc_testkit::decoders::ALL;
use eventc_testkit::differential::{case, describe, Case};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Seeded cases per contract.
const CASES_PER_CONTRACT: u64 = 1500;

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
fn validator_and_generated_rust_and_go_decoders_agree() {
    let cases = cases();
    let mut verdicts = String::new();
    let mut disagreements = Vec::new();
    let mut valid = 0usize;
    for c in &cases {
        if let Err(e) = c.compare_rust() {
            disagreements.push(e);
        }
        let problems = c.visible_problems();
        valid += usize::from(problems.is_empty());
        let line = serde_json::json!({
            "contract": c.decoder().name,
            "message": c.message,
            "valid": problems.is_empty(),
            "problems": describe(&problems),
        });
        let _ = writeln!(verdicts, "{line}");
    }
    eprintln!(
        "{} messages, {valid} without a decoder-visible problem",
        cases.len()
    );
    // Both verdicts must occur often, or the property says little.
    assert!(valid * 10 >= cases.len(), "too few valid messages: {valid}");
    assert!(valid * 10 <= cases.len() * 9, "too few invalid messages");
    let go = replay_in_go(&verdicts);
    assert!(
        disagreements.is_empty() && go.is_ok(),
        "{} disagreement(s) between the validator and Rust decode_strict:\n{}\n\nGo: {}",
        disagreements.len(),
        disagreements.join("\n\n"),
        go.err().unwrap_or_else(|| "agrees".to_owned())
    );
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
