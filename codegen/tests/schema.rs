//! The JSON Schema of contract files (`schema/contract.schema.json`) agrees
//! with the loader.
//!
//! - `node tests/schema/check.mjs` validates every contract in `contracts/`,
//!   `tests/golden/contracts/` and `tests/schema/valid/` (must pass) and every
//!   file in `tests/schema/invalid/` (must fail at a stated JSON pointer), and
//!   checks the committed schema equals `schema/build.mjs`'s output.
//! - The loader reaches the same verdicts on the schema fixtures, so the schema
//!   neither rejects what the loader accepts nor accepts one of the mistakes the
//!   loader rejects.
//!
//! Without `node` or the root `node_modules/` (run `npm ci`), the Node half is
//! skipped loudly, or fails when `CI` is set.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("codegen/ has a parent")
        .to_path_buf()
}

/// Panics under CI, otherwise prints a loud SKIPPED line; returns whether to go on.
fn require(available: bool, what: &str) -> bool {
    common::tool_available(available, &format!("{what} not found"), "schema check")
}

#[test]
fn schema_accepts_contracts_and_rejects_invalid_fixtures() {
    let root = root();
    let node = Command::new("node").arg("--version").output();
    if !require(node.is_ok_and(|o| o.status.success()), "`node`") {
        return;
    }
    let modules = ["ajv", "yaml"].iter().all(|m| {
        root.join("node_modules")
            .join(m)
            .join("package.json")
            .is_file()
    });
    if !require(
        modules,
        "node_modules/ajv or node_modules/yaml (run `npm ci`)",
    ) {
        return;
    }
    let out = Command::new("node")
        .arg("tests/schema/check.mjs")
        .current_dir(&root)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "tests/schema/check.mjs failed:\n{stdout}{stderr}"
    );
    assert!(stdout.contains("schema check:"), "{stdout}");
}

fn yaml_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .expect("fixture directory")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{dir} has no fixtures");
    files
}

#[test]
fn loader_rejects_every_invalid_schema_fixture() {
    for path in yaml_files("tests/schema/invalid") {
        let result = eventc::load_and_check(std::slice::from_ref(&path));
        assert!(
            matches!(result, Err(eventc::Error::Contracts { .. })),
            "{} is rejected by the schema but accepted by the loader",
            path.display()
        );
    }
}

#[test]
fn loader_accepts_every_valid_schema_fixture() {
    for path in yaml_files("tests/schema/valid") {
        if let Err(error) = eventc::load_and_check(std::slice::from_ref(&path)) {
            panic!("{}:\n{}", path.display(), error.render());
        }
    }
}
