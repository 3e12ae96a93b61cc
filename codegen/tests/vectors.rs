//! Runs `validate` over every vector in `tests/vectors/<contract>/`:
//! every line of `valid.jsonl` must be valid, every line of `invalid.jsonl`
//! invalid with a problem of its `error_code` — at its `error_path` when the
//! vector names one.

#[path = "common/vectors.rs"]
mod vectors;

use eventc::load;
use eventc::source::SourceMap;
use eventc::validate::{Problem, Validator};
use serde_json::Value;
use vectors::{cases, root};

#[test]
fn every_vector_gets_the_verdict_its_file_states() {
    let dirs = vectors::dirs();
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
            if case.error_code.is_some() || case.error_path.is_some() {
                failures.push(format!(
                    "{} `{}`: a valid vector names no error",
                    case.at, case.name
                ));
            }
            if !verdict.is_valid() {
                failures.push(format!(
                    "{} `{}` should be valid but: {:?}",
                    case.at, case.name, verdict.errors
                ));
            }
        }
        for case in &invalid {
            invalid_count += 1;
            let Some(code) = &case.error_code else {
                failures.push(format!(
                    "{} `{}`: an invalid vector must name its `error_code`",
                    case.at, case.name
                ));
                continue;
            };
            let verdict = validator.validate_str(&case.text);
            let at_path = |p: &Problem| case.error_path.as_ref().is_none_or(|path| &p.path == path);
            if verdict.is_valid() {
                failures.push(format!(
                    "{} `{}` should be invalid but was accepted",
                    case.at, case.name
                ));
            } else if !verdict
                .errors
                .iter()
                .any(|p| at_path(p) && p.code.as_str() == code)
            {
                let place = case.error_path.as_deref().unwrap_or("any path");
                failures.push(format!(
                    "{} `{}` should fail with `{code}` at {place} but failed with: {:?}",
                    case.at, case.name, verdict.errors
                ));
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
    for dir in vectors::dirs() {
        let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let contract_path = root().join("contracts").join(format!("{name}.yaml"));
        let mut sources = SourceMap::default();
        let loaded = load::load_paths(std::slice::from_ref(&contract_path), &mut sources)
            .expect("contract readable");
        let validator = Validator::new(&loaded.contracts[0]);
        for case in cases(&dir.join("valid.jsonl")) {
            let message: Value = case.value().expect("valid vectors are JSON");
            let canonical = validator.canonicalize(&message);
            checked += 1;
            if !eventc::validate::semantically_equal(&canonical, &message) {
                rewritten += 1;
            }
            let verdict = validator.validate(&canonical);
            if !verdict.is_valid() {
                failures.push(format!(
                    "{} `{}`: canonical form {canonical} is invalid: {:?}",
                    case.at, case.name, verdict.errors
                ));
            }
            if validator.canonicalize(&canonical) != canonical {
                failures.push(format!(
                    "{} `{}`: canonicalize is not idempotent",
                    case.at, case.name
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
