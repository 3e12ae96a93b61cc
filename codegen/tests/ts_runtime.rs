//! The generated TypeScript runtime, run under Node:
//! - `decodeStrict` gives every vector in tests/vectors/ the validator's
//!   verdict: valid ones are accepted, each invalid one is refused with a
//!   problem of its `error_code` at its `error_path`;
//! - tests/ts/runtime/behavior.ts, type-checked against the golden modules
//!   (tests/golden/contracts, tests/ts/contracts) and run, covers the key
//!   rule, repeated keys, unknown events, renames, compression (async) next
//!   to a module without it (sync), `validate` and the constructors.
//!
//! Needs `node` and `npm ci`; panics under `CI` when they are missing.

mod common;
#[path = "common/ts_node.rs"]
mod ts_node;
#[path = "common/vectors.rs"]
mod vectors;

use eventc::emit::typescript;
use eventc::load;
use eventc::model::Contract;
use eventc::source::SourceMap;
use eventc::validate::Validator;
use std::path::{Path, PathBuf};
use vectors::root;

fn load(paths: &[PathBuf]) -> Vec<Contract> {
    let mut sources = SourceMap::default();
    let loaded = load::load_paths(paths, &mut sources).expect("contracts load");
    assert!(!loaded.has_errors(), "contracts {paths:?} have errors");
    loaded.contracts
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

#[test]
fn decode_strict_gives_every_vector_its_verdict() {
    let Some(node) = ts_node::node("TypeScript runtime vectors") else {
        return;
    };
    let dir = scratch("ts-runtime-vectors");
    let mut failures = Vec::new();
    let (mut valid, mut invalid) = (0, 0);
    for vector_dir in vectors::dirs() {
        let stem = vector_dir
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        let contracts = load(&[root().join("contracts").join(format!("{stem}.yaml"))]);
        let files = typescript::emit_all(&contracts);
        let out = node.compile(&dir.join(&stem), &files, &[]);
        let module = out.join(files[0].path.with_extension("js"));
        let validator = Validator::new(&contracts[0]);
        for file in ["valid.jsonl", "invalid.jsonl"] {
            let cases = vectors::cases(&vector_dir.join(file));
            let texts: Vec<String> = cases.iter().map(|c| c.text.clone()).collect();
            let outcomes = node.reencode(&module, &dir, &format!("{stem}.{file}"), &texts);
            for (case, outcome) in cases.iter().zip(outcomes) {
                let expected_valid = validator.validate_str(&case.text).is_valid();
                match (&case.error_code, outcome.strict) {
                    (None, Ok(())) => valid += 1,
                    (None, Err(problems)) => {
                        failures.push(format!("{} `{}`: refused {problems:?}", case.at, case.name))
                    }
                    (Some(code), Ok(())) => failures.push(format!(
                        "{} `{}`: accepted, expected {code}",
                        case.at, case.name
                    )),
                    (Some(code), Err(problems)) => {
                        let path = case.error_path.as_deref();
                        if problems
                            .iter()
                            .any(|(c, p)| c == code && path.is_none_or(|path| p == path))
                        {
                            invalid += 1;
                        } else {
                            failures.push(format!(
                                "{} `{}`: expected {code} at {path:?}, got {problems:?}",
                                case.at, case.name
                            ));
                        }
                    }
                }
                assert_eq!(
                    expected_valid,
                    case.error_code.is_none(),
                    "{}: the vector disagrees with the validator",
                    case.at
                );
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} verdict(s) differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        valid >= 100 && invalid >= 150,
        "too few vectors: {valid} valid, {invalid} invalid"
    );
    println!("decodeStrict: {valid} valid vectors accepted, {invalid} invalid refused with their code and path");
}

#[test]
fn runtime_behaviour_on_the_golden_contracts() {
    let Some(node) = ts_node::node("TypeScript runtime behaviour") else {
        return;
    };
    let contracts = load(&[
        root().join("tests/golden/contracts"),
        root().join("tests/ts/contracts"),
    ]);
    let files = typescript::emit_all(&contracts);
    let behavior = std::fs::read_to_string(root().join("tests/ts/runtime/behavior.ts"))
        .expect("tests/ts/runtime/behavior.ts");
    let out = node.compile(
        &scratch("ts-runtime-behavior"),
        &files,
        &[("behavior.ts", &behavior)],
    );
    let report = node.run(&out.join("behavior.js"), &[]);
    assert!(
        report.contains("behaviour checks passed"),
        "unexpected report:\n{report}"
    );
    println!("{report}");
}
