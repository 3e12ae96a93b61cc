//! Cross-language conformance: the generated Rust and the generated Go agree
//! on every seed vector, and each reads what the other writes.
//!
//! For every contract with vectors in `tests/vectors/<contract>/`:
//! - every valid message decodes in Rust and in Go, and re-encodes to a valid
//!   message whose canonical form ([`Validator::canonicalize`]: aliases →
//!   canonical names, dual keys of renamed fields, compressed payloads
//!   decoded, undeclared keys dropped) equals the canonical form of the input;
//! - Rust-encoded output decodes in Go and Go-encoded output decodes in Rust,
//!   exchanged through files, with the same canonical form;
//! - every invalid message is rejected by both strict decoders, and where
//!   one decodes as the types of a contract and is refused by its value
//!   rules, each names the validator's problems (code and path).
//!
//! The generated TypeScript joins the exchange (`typescript_exchanges_with_rust_and_go`):
//! it round-trips every valid vector, reads what Rust and Go write, and Rust
//! and Go read what it writes, through files, with the same canonical form.
//!
//! Go runs through `tests/go/cmd/reencode`, TypeScript through
//! `tests/ts/runtime/reencode.mjs` (modules compiled by the pinned `tsc`). Without `go` the test fails when
//! `CI` is set and says SKIPPED otherwise.

mod common;
#[path = "common/ts_node.rs"]
mod ts_node;
#[path = "common/vectors.rs"]
mod vectors;

use eventc::load;
use eventc::model::Contract;
use eventc::source::SourceMap;
use eventc::validate::{semantically_equal, Validator};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use vectors::root;

/// Decodes with the generated Rust module of a contract (`decode_strict`) and re-encodes.
fn rust_reencode(contract: &str, text: &str) -> Result<String, String> {
    use eventc_generated as g;
    fn run<M, E: std::fmt::Display>(
        decode: fn(&str) -> Result<M, E>,
        encode: fn(&M) -> Result<String, serde_json::Error>,
        text: &str,
    ) -> Result<String, String> {
        let message = decode(text).map_err(|e| format!("decode: {e}"))?;
        encode(&message).map_err(|e| format!("encode: {e}"))
    }
    match contract {
        "bagbot" => run(g::bagbot::decode_strict, g::bagbot::encode, text),
        "trading" => run(g::trading::decode_strict, g::trading::encode, text),
        "project-progress" => run(
            g::project_progress::decode_strict,
            g::project_progress::encode,
            text,
        ),
        "operations" => run(g::operations::decode_strict, g::operations::encode, text),
        "wse" => run(g::wse::decode_strict, g::wse::encode, text),
        other => panic!("no generated Rust module for contract `{other}`"),
    }
}

/// The value-rule problems (code, path) the generated Rust reports for a
/// message its types accept (`decode`, then `Message::validate`), sorted;
/// `None` when `decode` refuses the message.
fn rust_problems(contract: &str, text: &str) -> Option<Vec<(String, String)>> {
    use eventc_generated as g;
    macro_rules! problems {
        ($module:ident) => {
            g::$module::decode(text).ok().map(|m| match m.validate() {
                Ok(()) => Vec::new(),
                Err(e) => e
                    .problems
                    .into_iter()
                    .map(|p| (p.code.to_owned(), p.path))
                    .collect(),
            })
        };
    }
    let mut found = match contract {
        "bagbot" => problems!(bagbot),
        "trading" => problems!(trading),
        "project-progress" => problems!(project_progress),
        "operations" => problems!(operations),
        "wse" => problems!(wse),
        other => panic!("no generated Rust module for contract `{other}`"),
    }?;
    found.sort();
    Some(found)
}

/// The problems (code, path) the validator reports for the canonical form of
/// a message (keys under their canonical names, as the decoded value names
/// them), sorted, without `unknown-event` (a policy, not a value rule).
fn validator_problems(v: &Validator<'_>, text: &str) -> Vec<(String, String)> {
    let Ok(value) = serde_json::from_str::<Value>(text) else {
        return Vec::new();
    };
    let mut found: Vec<(String, String)> = v
        .validate(&v.canonicalize(&value))
        .errors
        .into_iter()
        .filter(|p| p.code.as_str() != "unknown-event")
        .map(|p| (p.code.as_str().to_owned(), p.path))
        .collect();
    found.sort();
    found
}

fn load_contract(name: &str) -> Contract {
    let mut sources = SourceMap::default();
    let path = root().join("contracts").join(format!("{name}.yaml"));
    let loaded = load::load_paths(&[path], &mut sources).expect("contract readable");
    assert!(!loaded.has_errors(), "{name}: {:?}", loaded.diagnostics);
    loaded
        .contracts
        .into_iter()
        .next()
        .expect("one contract per file")
}

/// Builds the Go re-encoder once; `None` (after saying so) when Go is missing outside CI.
fn go_reencoder(scratch: &Path) -> Option<PathBuf> {
    let found = Command::new("go")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !common::tool_available(found, "`go` not found on PATH", "Rust<->Go conformance") {
        return None;
    }
    let binary = scratch.join("reencode");
    let status = Command::new("go")
        .args(["build", "-o"])
        .arg(&binary)
        .arg("./cmd/reencode")
        .current_dir(root().join("tests/go"))
        .status()
        .expect("go runs");
    assert!(status.success(), "building tests/go/cmd/reencode failed");
    Some(binary)
}

/// Runs the Go re-encoder over lines; returns per line `Ok(json)` or `Err(message)`.
fn go_reencode(
    binary: &Path,
    scratch: &Path,
    contract: &str,
    tag: &str,
    lines: &[String],
) -> Vec<Result<String, String>> {
    go_results(binary, scratch, contract, tag, lines)
        .iter()
        .map(|line| {
            if line["ok"] == Value::Bool(true) {
                Ok(line["message"].to_string())
            } else {
                Err(line["error"].as_str().unwrap_or("?").to_owned())
            }
        })
        .collect()
}

/// The value-rule problems (code, path) Go's `DecodeStrict` reports for each
/// line (its `*ValidationError`), sorted; `None` for a line it accepts or
/// refuses otherwise (its types).
fn go_problems(
    binary: &Path,
    scratch: &Path,
    contract: &str,
    lines: &[String],
) -> Vec<Option<Vec<(String, String)>>> {
    go_results(binary, scratch, contract, "problems", lines)
        .iter()
        .map(|line| {
            let mut found: Vec<(String, String)> = line["problems"]
                .as_array()?
                .iter()
                .map(|p| {
                    let text = |k: &str| p[k].as_str().unwrap_or("?").to_owned();
                    (text("code"), text("path"))
                })
                .collect();
            found.sort();
            Some(found)
        })
        .collect()
}

/// Runs the Go re-encoder over lines; returns its result object per line.
fn go_results(
    binary: &Path,
    scratch: &Path,
    contract: &str,
    tag: &str,
    lines: &[String],
) -> Vec<Value> {
    let input = scratch.join(format!("{contract}.{tag}.in.jsonl"));
    let output = scratch.join(format!("{contract}.{tag}.out.jsonl"));
    std::fs::write(&input, lines.join("\n") + "\n").expect("scratch writable");
    let status = Command::new(binary)
        .arg(contract)
        .arg(&input)
        .arg(&output)
        .status()
        .expect("reencode runs");
    assert!(status.success(), "reencode {contract} {tag} failed");
    let text = std::fs::read_to_string(&output).expect("reencode wrote its output");
    let results: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("reencode writes JSON lines"))
        .collect();
    assert_eq!(
        results.len(),
        lines.len(),
        "reencode {contract} {tag}: one output line per input line"
    );
    results
}

/// Checks that an encoder's output is a valid message with the expected canonical form.
fn agrees(v: &Validator<'_>, expected: &Value, encoded: &str) -> Result<(), String> {
    let value: Value =
        serde_json::from_str(encoded).map_err(|e| format!("wrote malformed JSON: {e}"))?;
    let verdict = v.validate(&value);
    if !verdict.is_valid() {
        return Err(format!(
            "wrote an invalid message {encoded}: {:?}",
            verdict.errors
        ));
    }
    let canonical = v.canonicalize(&value);
    if !semantically_equal(&canonical, expected) {
        return Err(format!(
            "canonical forms differ\n  expected {expected}\n  found    {canonical}"
        ));
    }
    Ok(())
}

#[test]
fn rust_and_go_agree_on_every_vector() {
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("conformance");
    std::fs::create_dir_all(&scratch).expect("scratch dir");
    let go = go_reencoder(&scratch);
    let names = ["bagbot", "trading", "project-progress", "operations", "wse"];
    let mut failures = Vec::new();
    let mut counts = [0usize; 5];
    for name in names {
        let contract = load_contract(name);
        let v = Validator::new(&contract);
        let dir = root().join("tests/vectors").join(name);
        let valid = vectors::cases(&dir.join("valid.jsonl"));
        let expected: Vec<Value> = valid
            .iter()
            .map(|c| v.canonicalize(&c.value().expect("valid vectors are JSON")))
            .collect();
        let rust: Vec<Result<String, String>> =
            valid.iter().map(|c| rust_reencode(name, &c.text)).collect();
        for ((case, want), got) in valid.iter().zip(&expected).zip(&rust) {
            counts[0] += 1;
            if let Err(e) = got
                .as_ref()
                .map_err(Clone::clone)
                .and_then(|r| agrees(&v, want, r))
            {
                failures.push(format!("{} `{}` Rust: {e}", case.at, case.name));
            }
        }
        let invalid = vectors::cases(&dir.join("invalid.jsonl"));
        let typed: Vec<&vectors::Case> = invalid.iter().collect();
        // Every invalid vector, with the validator's problems.
        let mut value_faults = Vec::new();
        for case in &typed {
            counts[2] += 1;
            if let Ok(out) = rust_reencode(name, &case.text) {
                failures.push(format!(
                    "{} `{}`: Rust accepted an invalid message and wrote {out}",
                    case.at, case.name
                ));
            }
            let want = validator_problems(&v, &case.text);
            value_faults.push((*case, want.clone()));
            match rust_problems(name, &case.text) {
                // Refused by the types.
                None => {}
                Some(found) if found == want => {}
                found => failures.push(format!(
                    "{} `{}`: Rust validate found {found:?}, eventc validate {want:?}",
                    case.at, case.name
                )),
            }
        }
        let Some(go) = &go else { continue };
        let originals: Vec<String> = valid.iter().map(|c| c.text.clone()).collect();
        let from_go = go_reencode(go, &scratch, name, "valid", &originals);
        let rust_written: Vec<String> = rust.iter().filter_map(|r| r.clone().ok()).collect();
        let rust_expected: Vec<&Value> = rust
            .iter()
            .zip(&expected)
            .filter_map(|(r, e)| r.is_ok().then_some(e))
            .collect();
        let go_from_rust = go_reencode(go, &scratch, name, "from-rust", &rust_written);
        for ((case, want), got) in valid.iter().zip(&expected).zip(&from_go) {
            counts[1] += 1;
            let result = got.clone().and_then(|g| {
                agrees(&v, want, &g)?;
                let back = rust_reencode(name, &g)
                    .map_err(|e| format!("Rust cannot read Go's output {g}: {e}"))?;
                agrees(&v, want, &back)
            });
            if let Err(e) = result {
                failures.push(format!(
                    "{} `{}` Go (and Go->Rust): {e}",
                    case.at, case.name
                ));
            }
        }
        for (want, got) in rust_expected.iter().zip(&go_from_rust) {
            counts[3] += 1;
            if let Err(e) = got.clone().and_then(|g| agrees(&v, want, &g)) {
                failures.push(format!("{name}: Rust->Go exchange: {e}"));
            }
        }
        let typed_texts: Vec<String> = typed.iter().map(|c| c.text.clone()).collect();
        let go_invalid = go_reencode(go, &scratch, name, "invalid", &typed_texts);
        for (case, got) in typed.iter().zip(&go_invalid) {
            if let Ok(out) = got {
                failures.push(format!(
                    "{} `{}`: Go accepted an invalid message and wrote {out}",
                    case.at, case.name
                ));
            }
        }
        let fault_texts: Vec<String> = value_faults.iter().map(|(c, _)| c.text.clone()).collect();
        let from_go = go_problems(go, &scratch, name, &fault_texts);
        for ((case, want), found) in value_faults.iter().zip(from_go) {
            // `None`: refused by the types (a required constant, a non-string discriminator).
            let Some(found) = found else { continue };
            counts[4] += 1;
            if &found != want {
                failures.push(format!(
                    "{} `{}`: Go DecodeStrict found {found:?}, eventc validate {want:?}",
                    case.at, case.name
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} conformance failure(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        counts[0] >= 100 && counts[2] > 0 && (go.is_none() || counts[4] > 0),
        "too few vectors: {counts:?}"
    );
    println!(
        "{} valid vectors round-tripped in Rust, {} through Go and back, {} exchanged Rust->Go; {} invalid vectors rejected, {} of them with Go's problems compared",
        counts[0], counts[1], counts[3], counts[2], counts[4]
    );
}

/// Every valid vector through TypeScript (decode, encode), and TypeScript's
/// output through Rust and Go, and theirs through TypeScript: each side reads
/// what the others write, with the canonical form of the original message.
#[test]
fn typescript_exchanges_with_rust_and_go() {
    let Some(node) = ts_node::node("TypeScript<->Rust<->Go conformance") else {
        return;
    };
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("conformance-ts");
    std::fs::create_dir_all(&scratch).expect("scratch dir");
    let names = ["bagbot", "trading", "project-progress", "operations", "wse"];
    let contracts: Vec<Contract> = names.iter().map(|n| load_contract(n)).collect();
    let files = eventc::emit::typescript::emit_all(&contracts);
    let out = node.compile(&scratch.join("ts"), &files, &[]);
    let go = go_reencoder(&scratch);
    let mut failures = Vec::new();
    let mut counts = [0usize; 5];
    for ((name, contract), file) in names.iter().zip(&contracts).zip(&files) {
        let module = out.join(file.path.with_extension("js"));
        let v = Validator::new(contract);
        let valid = vectors::cases(&root().join("tests/vectors").join(name).join("valid.jsonl"));
        let expected: Vec<Value> = valid
            .iter()
            .map(|c| v.canonicalize(&c.value().expect("valid vectors are JSON")))
            .collect();
        let originals: Vec<String> = valid.iter().map(|c| c.text.clone()).collect();
        let mut check = |what: &str, want: &Value, got: Result<String, String>| match got
            .and_then(|text| agrees(&v, want, &text).map(|()| text))
        {
            Ok(text) => Some(text),
            Err(e) => {
                failures.push(format!("{name}: {what}: {e}"));
                None
            }
        };
        // TypeScript reads each vector and writes it; Rust reads what it wrote.
        let from_ts = node.reencode(&module, &scratch, &format!("{name}.valid"), &originals);
        let mut ts_written = Vec::new();
        for ((case, want), outcome) in valid.iter().zip(&expected).zip(from_ts) {
            counts[0] += 1;
            let Some(text) = check(
                &format!("`{}` TypeScript", case.name),
                want,
                outcome.decoded,
            ) else {
                continue;
            };
            counts[1] += 1;
            let back =
                rust_reencode(name, &text).map_err(|e| format!("Rust cannot read {text}: {e}"));
            check(&format!("`{}` TypeScript->Rust", case.name), want, back);
            ts_written.push((text, want));
        }
        // Rust writes each vector; TypeScript reads what it wrote.
        let rust: Vec<(String, &Value)> = valid
            .iter()
            .zip(&expected)
            .filter_map(|(c, want)| rust_reencode(name, &c.text).ok().map(|t| (t, want)))
            .collect();
        let texts: Vec<String> = rust.iter().map(|(t, _)| t.clone()).collect();
        for ((_, want), outcome) in
            rust.iter()
                .zip(node.reencode(&module, &scratch, &format!("{name}.from-rust"), &texts))
        {
            counts[2] += 1;
            check("Rust->TypeScript", want, outcome.decoded);
        }
        let Some(go) = &go else { continue };
        // Go reads what TypeScript wrote, and TypeScript what Go wrote.
        let texts: Vec<String> = ts_written.iter().map(|(t, _)| t.clone()).collect();
        for ((_, want), got) in ts_written
            .iter()
            .zip(go_reencode(go, &scratch, name, "from-ts", &texts))
        {
            counts[3] += 1;
            check("TypeScript->Go", want, got);
        }
        let go_written: Vec<(String, &Value)> =
            go_reencode(go, &scratch, name, "for-ts", &originals)
                .into_iter()
                .zip(&expected)
                .filter_map(|(g, want)| g.ok().map(|t| (t, want)))
                .collect();
        let texts: Vec<String> = go_written.iter().map(|(t, _)| t.clone()).collect();
        for ((_, want), outcome) in go_written.iter().zip(node.reencode(
            &module,
            &scratch,
            &format!("{name}.from-go"),
            &texts,
        )) {
            counts[4] += 1;
            check("Go->TypeScript", want, outcome.decoded);
        }
    }
    assert!(
        failures.is_empty(),
        "{} TypeScript conformance failure(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        counts[0] >= 100 && counts[1] == counts[0],
        "too few vectors: {counts:?}"
    );
    println!(
        "{} valid vectors round-tripped in TypeScript and read back by Rust, {} exchanged Rust->TypeScript, {} TypeScript->Go, {} Go->TypeScript",
        counts[1], counts[2], counts[3], counts[4]
    );
}
