//! Runs `validate` over every vector in `tests/vectors/<contract>/`:
//! every line of `valid.jsonl` must be valid, every line of `invalid.jsonl`
//! invalid — at its `error_path` when the vector names one.

use eventc::load;
use eventc::source::SourceMap;
use eventc::validate::Validator;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// One test case of a vector file.
struct Case {
    file: String,
    line: usize,
    name: String,
    text: String,
    error_path: Option<String>,
}

fn cases(path: &Path) -> Vec<Case> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            let at = format!("{}:{}", path.display(), i + 1);
            let case: Value =
                serde_json::from_str(l).unwrap_or_else(|e| panic!("{at}: not JSON: {e}"));
            let field = |k: &str| case.get(k).and_then(Value::as_str).map(str::to_owned);
            let name = field("name").unwrap_or_else(|| panic!("{at}: vector has no name"));
            assert!(
                field("reason").is_some_and(|r| !r.trim().is_empty()),
                "{at}: vector `{name}` has no reason"
            );
            let text = match (field("raw"), case.get("message")) {
                (Some(raw), None) => raw,
                (None, Some(m)) => m.to_string(),
                _ => panic!("{at}: vector `{name}` needs exactly one of `message` or `raw`"),
            };
            Case {
                file: path.display().to_string(),
                line: i + 1,
                name,
                text,
                error_path: field("error_path"),
            }
        })
        .collect()
}

fn vector_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("tests/vectors"))
        .expect("tests/vectors exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn every_vector_gets_the_verdict_its_file_states() {
    let dirs = vector_dirs();
    assert!(
        dirs.len() >= 5,
        "expected vectors for the five seed contracts, found {}",
        dirs.len()
    );
    let mut failures = Vec::new();
    let (mut valid_count, mut invalid_count) = (0, 0);
    for dir in dirs {
        let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let contract_path = root().join("contracts").join(format!("{name}.yaml"));
        let mut sources = SourceMap::default();
        let loaded = load::load_paths(std::slice::from_ref(&contract_path), &mut sources)
            .expect("contract readable");
        assert!(
            !loaded.has_errors(),
            "{} has errors: {:?}",
            contract_path.display(),
            loaded.diagnostics
        );
        let validator = Validator::new(&loaded.contracts[0]);
        let valid = cases(&dir.join("valid.jsonl"));
        let invalid = cases(&dir.join("invalid.jsonl"));
        assert!(
            !valid.is_empty() && !invalid.is_empty(),
            "{name}: both vector files must have cases"
        );
        for case in &valid {
            valid_count += 1;
            let verdict = validator.validate_str(&case.text);
            if !verdict.is_valid() {
                failures.push(format!(
                    "{}:{} `{}` should be valid but: {:?}",
                    case.file, case.line, case.name, verdict.errors
                ));
            }
        }
        for case in &invalid {
            invalid_count += 1;
            let verdict = validator.validate_str(&case.text);
            if verdict.is_valid() {
                failures.push(format!(
                    "{}:{} `{}` should be invalid but was accepted",
                    case.file, case.line, case.name
                ));
            } else if let Some(path) = &case.error_path {
                if !verdict.errors.iter().any(|e| &e.path == path) {
                    failures.push(format!(
                        "{}:{} `{}` should fail at {path} but failed at: {:?}",
                        case.file, case.line, case.name, verdict.errors
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} vector(s) got the wrong verdict:\n{}",
        failures.len(),
        failures.join("\n")
    );
    println!("{valid_count} valid and {invalid_count} invalid vectors checked");
}

#[test]
fn canonical_forms_of_valid_vectors_are_valid_and_stable() {
    let mut failures = Vec::new();
    let (mut checked, mut rewritten) = (0, 0);
    for dir in vector_dirs() {
        let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let contract_path = root().join("contracts").join(format!("{name}.yaml"));
        let mut sources = SourceMap::default();
        let loaded = load::load_paths(std::slice::from_ref(&contract_path), &mut sources)
            .expect("contract readable");
        let validator = Validator::new(&loaded.contracts[0]);
        for case in cases(&dir.join("valid.jsonl")) {
            let message: Value = serde_json::from_str(&case.text).expect("valid vectors are JSON");
            let canonical = validator.canonicalize(&message);
            checked += 1;
            if !eventc::validate::semantically_equal(&canonical, &message) {
                rewritten += 1;
            }
            let verdict = validator.validate(&canonical);
            if !verdict.is_valid() {
                failures.push(format!(
                    "{}:{} `{}`: canonical form {canonical} is invalid: {:?}",
                    case.file, case.line, case.name, verdict.errors
                ));
            }
            if validator.canonicalize(&canonical) != canonical {
                failures.push(format!(
                    "{}:{} `{}`: canonicalize is not idempotent",
                    case.file, case.line, case.name
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        rewritten > 0,
        "no vector exercises aliases, renames or compression"
    );
    println!("{checked} canonical forms checked, {rewritten} differ from their input");
}
