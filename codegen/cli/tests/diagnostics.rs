//! Snapshots of the diagnostics `eventc check` prints for each kind of bad
//! contract.
//!
//! Each fixture in `codegen/tests/bad_contracts/` holds one kind of mistake (except
//! `multiple-errors.yaml`, which holds several and must report them all). The
//! binary runs from the workspace root with a relative path so the snapshots
//! carry `codegen/tests/bad_contracts/<file>:line:col` and no machine paths.
//! Inputs that cannot live in the repository (non-UTF-8 bytes, a file over the
//! size limit) are written by the tests into a scratch directory and checked
//! from there, again by relative name.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The workspace root (the binary is run from here).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("codegen/cli/ is two levels below the workspace root")
        .to_path_buf()
}

/// What one `eventc` run printed.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `eventc <args>` in `dir` without colour.
fn eventc(dir: &Path, args: &[&str]) -> Run {
    let Output {
        status,
        stdout,
        stderr,
    } = Command::new(env!("CARGO_BIN_EXE_eventc"))
        .args(["--color", "never"])
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("eventc runs");
    let run = Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8(stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(stderr).expect("stderr is UTF-8"),
    };
    assert!(
        !run.stderr.contains("panicked"),
        "eventc panicked:\n{}",
        run.stderr
    );
    run
}

/// The relative path of a fixture, as the snapshots show it.
fn fixture(name: &str) -> String {
    format!("codegen/tests/bad_contracts/{name}.yaml")
}

/// Checks a fixture in human format: exit code 1, nothing on stdout, and the
/// rendered diagnostics (stderr) as the snapshot.
fn human(name: &str) -> String {
    let run = eventc(&root(), &["check", &fixture(name)]);
    assert_eq!(run.code, 1, "exit code for {name}:\n{}", run.stderr);
    assert_eq!(run.stdout, "", "human diagnostics go to stderr");
    assert!(
        run.stderr.contains(&format!("{}:", fixture(name))),
        "diagnostic names the file with line:col:\n{}",
        run.stderr
    );
    run.stderr
}

/// Checks a fixture with `--format json` and returns its diagnostics.
fn json_diagnostics(dir: &Path, path: &str) -> Vec<Value> {
    let run = eventc(dir, &["--format", "json", "check", path]);
    assert_eq!(run.code, 1, "exit code for {path}:\n{}", run.stdout);
    let doc: Value = serde_json::from_str(&run.stdout).expect("--format json prints JSON");
    doc["diagnostics"]
        .as_array()
        .expect("a `diagnostics` array")
        .clone()
}

/// Asserts the only diagnostic of a fixture has this code at this line (and column, if given).
fn assert_single(diags: &[Value], code: &str, line: u64, col: Option<u64>) -> Value {
    assert_eq!(diags.len(), 1, "one diagnostic expected: {diags:#?}");
    let d = &diags[0];
    assert_eq!(d["code"], code, "{d:#?}");
    assert_eq!(d["line"], line, "{d:#?}");
    if let Some(col) = col {
        assert_eq!(d["col"], col, "{d:#?}");
    }
    d.clone()
}

/// A scratch directory for inputs the tests generate.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("diagnostics")
        .join(name);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

#[test]
fn unknown_key_with_did_you_mean() {
    insta::assert_snapshot!("unknown_key", human("unknown-key"));
}

#[test]
fn non_strict_boolean() {
    insta::assert_snapshot!("non_strict_boolean", human("non-strict-boolean"));
}

#[test]
fn unresolved_type_with_did_you_mean() {
    insta::assert_snapshot!("unknown_type", human("unknown-type"));
}

#[test]
fn unresolved_envelope_field() {
    insta::assert_snapshot!("unknown_field", human("unknown-field"));
}

#[test]
fn unresolved_channel() {
    insta::assert_snapshot!("unknown_channel", human("unknown-channel"));
}

#[test]
fn unresolved_envelope() {
    insta::assert_snapshot!("unknown_envelope", human("unknown-envelope"));
}

#[test]
fn unresolved_priority() {
    insta::assert_snapshot!("unknown_priority", human("unknown-priority"));
}

#[test]
fn unrepresentable_reference_cycle() {
    insta::assert_snapshot!("reference_cycle", human("reference-cycle"));
}

#[test]
fn names_colliding_after_case_conversion() {
    insta::assert_snapshot!("case_collision", human("case-collision"));
}

#[test]
fn identifiers_no_target_can_express() {
    insta::assert_snapshot!(
        "inexpressible_identifier",
        human("inexpressible-identifier")
    );
}

#[test]
fn invalid_regex() {
    insta::assert_snapshot!("invalid_regex", human("invalid-regex"));
}

#[test]
fn range_min_above_max() {
    insta::assert_snapshot!("empty_range", human("empty-range"));
}

#[test]
fn duplicate_enum_value() {
    insta::assert_snapshot!("duplicate_enum_value", human("duplicate-enum-value"));
}

#[test]
fn envelope_without_discriminator() {
    insta::assert_snapshot!("missing_discriminator", human("missing-discriminator"));
}

#[test]
fn missing_envelope() {
    insta::assert_snapshot!("missing_envelope", human("missing-envelope"));
}

#[test]
fn envelope_that_is_not_a_mapping() {
    insta::assert_snapshot!("envelope_not_a_map", human("envelope-not-a-map"));
}

#[test]
fn yaml_syntax_error() {
    insta::assert_snapshot!("yaml_syntax", human("yaml-syntax"));
}

#[test]
fn multiple_errors_are_all_reported() {
    let rendered = human("multiple-errors");
    let blocks = rendered.matches("\nerror[").count() + usize::from(rendered.starts_with("error["));
    let diags = json_diagnostics(&root(), &fixture("multiple-errors"));
    let codes: Vec<&str> = diags.iter().filter_map(|d| d["code"].as_str()).collect();
    assert_eq!(
        codes,
        [
            "unknown-field",
            "unknown-type",
            "empty-range",
            "unknown-key",
            "wrong-kind",
            "invalid-value"
        ],
        "every mistake of the file, in source order"
    );
    assert_eq!(
        blocks,
        diags.len(),
        "human and JSON report the same diagnostics"
    );
    assert!(rendered.ends_with("6 error(s)\n"), "{rendered}");
    insta::assert_snapshot!("multiple_errors", rendered);
}

#[test]
fn multiple_errors_as_json() {
    let run = eventc(
        &root(),
        &["--format", "json", "check", &fixture("multiple-errors")],
    );
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, "", "JSON mode prints nothing else");
    insta::assert_snapshot!("multiple_errors_json", run.stdout);
}

#[test]
fn multiple_errors_as_github_annotations() {
    let run = eventc(
        &root(),
        &["--format", "github", "check", &fixture("multiple-errors")],
    );
    assert_eq!(run.code, 1);
    assert!(run
        .stderr
        .lines()
        .all(|l| l
            .starts_with("::error file=codegen/tests/bad_contracts/multiple-errors.yaml,line=")));
    insta::assert_snapshot!("multiple_errors_github", run.stderr);
}

#[test]
fn non_utf8_input() {
    let dir = scratch("not-utf8");
    let mut bytes = b"eventc: 1\nname: not_utf8\n# caf".to_vec();
    bytes.extend_from_slice(&[0xE9, b' ', 0xFF, b'\n']);
    bytes.extend_from_slice(
        b"envelope:\n  discriminator: type\n  fields: { type: string }\nevents: { ping: }\n",
    );
    std::fs::write(dir.join("not-utf8.yaml"), bytes).expect("write fixture");
    let run = eventc(&dir, &["check", "not-utf8.yaml"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!("not_utf8", run.stderr);
}

#[test]
fn input_over_the_size_limit() {
    let dir = scratch("too-large");
    let limit = eventc::load::node::MAX_CONTRACT_BYTES;
    let mut text = String::from("eventc: 1\nname: too_large\n");
    while text.len() <= limit {
        text.push_str("# padding padding padding padding padding padding padding padding\n");
    }
    std::fs::write(dir.join("too-large.yaml"), &text).expect("write fixture");
    let run = eventc(&dir, &["check", "too-large.yaml"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    // The size is part of the message; name it rather than pinning the padding arithmetic.
    let rendered = run
        .stderr
        .replace(&text.len().to_string(), "<SIZE>")
        .replace(&limit.to_string(), "<LIMIT>");
    insta::assert_snapshot!("too_large", rendered);
}

/// Duplicate keys are rejected at the second key. The rendered message is not
/// snapshotted: it currently carries serde-saphyr's advice to "set
/// DuplicateKeyPolicy in Options" (see the report to the lead).
#[test]
fn duplicate_key() {
    let diags = json_diagnostics(&root(), &fixture("duplicate-key"));
    assert_single(&diags, "duplicate-key", 7, Some(5));
    insta::assert_snapshot!("duplicate_key", human("duplicate-key"));
}

/// An alias bomb stops at the node budget instead of expanding.
#[test]
fn alias_bomb_hits_the_node_budget() {
    let diags = json_diagnostics(&root(), &fixture("alias-bomb"));
    let d = &diags[0];
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(d["code"], "yaml-budget", "{d:#?}");
    assert!(
        d["line"].as_u64().is_some_and(|l| (3..=12).contains(&l)),
        "{d:#?}"
    );
    insta::assert_snapshot!("alias_bomb", human("alias-bomb"));
}

/// An unknown shape-detection key is reported at the misspelt key with a did-you-mean hint.
#[test]
fn unresolved_detection_key() {
    let diags = json_diagnostics(&root(), &fixture("unknown-detection-key"));
    let d = assert_single(&diags, "unknown-detection-key", 16, Some(47));
    assert_eq!(d["help"], "did you mean `crawl`?");
    insta::assert_snapshot!("unknown_detection_key", human("unknown-detection-key"));
}

/// `eventc::Error::render` is what the command prints without colour before
/// its summary line, so a build script can show the same report.
#[test]
fn the_library_renders_what_the_command_prints() {
    for name in ["multiple-errors", "case-collision", "yaml-syntax"] {
        let path = root().join(fixture(name));
        let shown = path.to_str().expect("a UTF-8 path");
        let run = eventc(&root(), &["check", shown]);
        let error = eventc::load_and_check(std::slice::from_ref(&path))
            .expect_err("a bad contract is refused");
        let expected = format!("{}{} error(s)\n", error.render(), error.error_count());
        assert_eq!(run.stderr, expected);
    }
}

/// `--color always` styles the same report for a terminal.
#[test]
fn color_always_styles_the_report() {
    let out = Command::new(env!("CARGO_BIN_EXE_eventc"))
        .args(["--color", "always", "check", &fixture("unknown-key")])
        .current_dir(root())
        .env_remove("NO_COLOR")
        .output()
        .expect("eventc runs");
    let stderr = String::from_utf8(out.stderr).expect("stderr is UTF-8");
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("\u{1b}["), "no colour in {stderr:?}");
    let plain = human("unknown-key");
    assert_ne!(stderr, plain);
}

/// Every fixture in `bad_contracts/` is used by a test above.
#[test]
fn every_fixture_is_covered() {
    let this = include_str!("diagnostics.rs");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(root().join("codegen/tests/bad_contracts")).expect("fixtures") {
        let path = entry.expect("entry").path();
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_owned();
        if !this.contains(&format!("\"{stem}\"")) {
            missing.push(stem);
        }
    }
    assert!(missing.is_empty(), "fixtures without a test: {missing:?}");
}
