//! Snapshots of the diagnostics `eventc check` prints for each kind of bad
//! contract.
//!
//! Each fixture in `codegen/tests/bad_contracts/` holds one kind of mistake (except
//! `multiple-errors.yaml`, which holds several and must report them all).
//! Every diagnostic code the loader and checker can emit (read from the
//! source, see [`emitted_codes`]) must show in a snapshot; the fixtures named
//! after a code (`<code>.yaml`, [`CODE_FIXTURES`]) each report that code only.
//! The
//! binary runs from the workspace root with a relative path so the snapshots
//! carry `codegen/tests/bad_contracts/<file>:line:col` and no machine paths.
//! Inputs that cannot live in the repository (non-UTF-8 bytes, a file over the
//! size limit) are written by the tests into a scratch directory and checked
//! from there, again by relative name.

use serde_json::Value;
use std::collections::BTreeMap;
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

/// Checks a fixture in human format: exit code 2 (contract errors), nothing on stdout, and the
/// rendered diagnostics (stderr) as the snapshot.
fn human(name: &str) -> String {
    let run = eventc(&root(), &["check", &fixture(name)]);
    assert_eq!(run.code, 2, "exit code for {name}:\n{}", run.stderr);
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
    assert_eq!(run.code, 2, "exit code for {path}:\n{}", run.stdout);
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

/// A contract whose one type nests `depth` arrays around a string.
fn nested_arrays(depth: usize) -> String {
    format!(
        "eventc: 1\nname: deep\nenvelope:\n  discriminator: type\n  payload: data\n  fields:\n    type: string\n    data: {{ type: json, optional: true }}\ntypes:\n  Deep: \"{}string{}\"\nevents:\n  deep: {{ payload: Deep }}\n",
        "array<".repeat(depth),
        ">".repeat(depth)
    )
}

/// Type nesting is bounded while the contract is read, so no later stage
/// (check, the emitters, the validator) can overflow its stack: 20,000
/// levels are refused with a diagnostic, and 32 generate code.
#[test]
fn type_nesting_is_bounded_before_anything_recurses() {
    let dir = scratch("nesting");
    std::fs::write(dir.join("hostile.yaml"), nested_arrays(20_000)).expect("contract");
    let run = eventc(&dir, &["check", "hostile.yaml"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("error[nesting-too-deep]"),
        "{}",
        run.stderr
    );
    std::fs::write(dir.join("deepest.yaml"), nested_arrays(32)).expect("contract");
    let run = eventc(&dir, &["generate", "deepest.yaml", "--out", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// The human format draws at most 100 diagnostics (each from the lines it
/// points at, not the whole file) and counts the rest; JSON lists every one.
#[test]
fn human_output_is_capped_and_json_is_complete() {
    let dir = scratch("many");
    let mut text = String::from("eventc: 1\nname: many\nenvelope:\n  discriminator: type\n  payload: data\n  fields:\n    type: string\n    data: json\nevents:\n");
    for i in 0..500 {
        text.push_str(&format!("  e{i}: {{ payload: Nope{i} }}\n"));
    }
    std::fs::write(dir.join("many.yaml"), text).expect("contract");
    let run = eventc(&dir, &["check", "many.yaml"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr.matches("error[unknown-type]").count(), 100);
    assert!(
        run.stderr
            .contains("... and 400 more diagnostic(s) not shown"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.ends_with("500 error(s)\n"), "{}", run.stderr);
    assert_eq!(json_diagnostics(&dir, "many.yaml").len(), 500);
}

/// A file with two YAML documents is told so in eventc's words, not the
/// YAML library's (which names its own API).
#[test]
fn a_second_yaml_document_is_reported_in_plain_words() {
    let dir = scratch("two-documents");
    std::fs::write(dir.join("two.yaml"), "eventc: 1\nname: a\n---\neventc: 1\n").expect("contract");
    let run = eventc(&dir, &["check", "two.yaml"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("a second YAML document starts here"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("from_str"), "{}", run.stderr);
}

/// `.nan`, `.inf` and numbers beyond a double are refused where a number is
/// read, each at its place, without hiding the file's other problems.
#[test]
fn non_finite_numbers_are_refused_where_they_stand() {
    let dir = scratch("non-finite");
    std::fs::write(
        dir.join("nan.yaml"),
        "eventc: 1\nname: n\nenvelope:\n  discriminator: type\n  payload: data\n  fields:\n    type: string\n    data: json\ntypes:\n  N: { type: number, min: .nan, max: 1e309 }\n  C: { type: object, fields: { x: { type: number, const: -.inf } } }\n  X: { type: nope }\nevents:\n  e: { payload: N }\n",
    )
    .expect("contract");
    let diags = json_diagnostics(&dir, "nan.yaml");
    let found: Vec<(&str, u64)> = diags
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or(""),
                d["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("wrong-kind", 10),
            ("wrong-kind", 10),
            ("wrong-kind", 11),
            ("unknown-type", 12)
        ]
    );
}

/// Integer bounds are read at full width: `u64` can state its own maximum,
/// and a bound beyond the width is reported as such (not as YAML syntax).
#[test]
fn integer_bounds_are_read_at_full_width() {
    let dir = scratch("wide-integers");
    let contract = |width: &str| {
        format!("eventc: 1\nname: w\nenvelope:\n  discriminator: type\n  payload: data\n  fields:\n    type: string\n    data: json\ntypes:\n  N: {{ type: integer, width: {width}, max: 18446744073709551615 }}\nevents:\n  e: {{ payload: N }}\n")
    };
    std::fs::write(dir.join("u64.yaml"), contract("u64")).expect("contract");
    let run = eventc(&dir, &["check", "u64.yaml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    std::fs::write(dir.join("i64.yaml"), contract("i64")).expect("contract");
    let codes: Vec<String> = json_diagnostics(&dir, "i64.yaml")
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_owned())
        .collect();
    assert_eq!(codes, ["bound-outside-width"]);
}

/// A key longer than YAML reads is explained as such, not as a misplaced `:`.
#[test]
fn a_key_longer_than_yaml_reads_is_explained() {
    let dir = scratch("long-key");
    let name = "e".repeat(100_000);
    std::fs::write(
        dir.join("long.yaml"),
        format!("eventc: 1\nname: w\nenvelope:\n  discriminator: type\n  payload: data\n  fields:\n    type: string\n    data: json\nevents:\n  {name}: {{}}\n"),
    )
    .expect("contract");
    let run = eventc(&dir, &["check", "long.yaml"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("a key longer than 1024 characters ends here"),
        "{}",
        &run.stderr[..run.stderr.len().min(400)]
    );
}

/// A contract with CR LF line ends is drawn without stray carriage returns.
#[test]
fn crlf_contracts_are_drawn_without_carriage_returns() {
    let dir = scratch("crlf");
    std::fs::write(
        dir.join("crlf.yaml"),
        "eventc: 1\r\nname: c\r\nenvelope:\r\n  discriminator: type\r\n  payload: data\r\n  fields:\r\n    type: string\r\n    data: json\r\nevents:\r\n  hello: { payload: Nope }\r\n",
    )
    .expect("contract");
    let run = eventc(&dir, &["check", "crlf.yaml"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("10 |   hello: { payload: Nope }\n"),
        "{:?}",
        run.stderr
    );
    assert!(
        !run.stderr.contains('\r') && !run.stderr.contains('\u{240D}'),
        "{:?}",
        run.stderr
    );
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
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr, "", "JSON mode prints nothing else");
    insta::assert_snapshot!("multiple_errors_json", run.stdout);
}

#[test]
fn multiple_errors_as_github_annotations() {
    let run = eventc(
        &root(),
        &["--format", "github", "check", &fixture("multiple-errors")],
    );
    assert_eq!(run.code, 2);
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
    assert_eq!(run.code, 2, "{}", run.stderr);
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
    assert_eq!(run.code, 2, "{}", run.stderr);
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
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("\u{1b}["), "no colour in {stderr:?}");
    let plain = human("unknown-key");
    assert_ne!(stderr, plain);
}

/// Two variants whose explicit `when:` conditions test the same keys (written
/// in two places) are one too many: the second can never be chosen.
#[test]
fn identical_explicit_conditions_make_a_variant_unreachable() {
    let text = r#"eventc: 1
name: twins
envelope: { discriminator: type, payload: data, fields: { type: string, data: { type: json, optional: true } } }
types:
  A: { type: object, fields: { x: number } }
  B: { type: object, fields: { x: number, y: { type: number, optional: true } } }
  U:
    type: union
    detect: fields
    variants:
      - { type: A, when: { all_present: [x] } }
      - { type: B, when: { all_present: [x] } }
events:
  e: { payload: U }
"#;
    let mut sources = eventc::source::SourceMap::default();
    let loaded = eventc::load::load_str("twins.yaml", text, &mut sources);
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    let mut d = eventc::diag::Diagnostics::default();
    eventc::check::check(&loaded.contracts[0], &mut d);
    let found = d.into_sorted();
    let codes: Vec<&str> = found.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["unreachable-variant"], "{found:#?}");
}

/// Fixtures named after the one diagnostic code each produces.
const CODE_FIXTURES: &[&str] = &[
    "bound-outside-width",
    "category-contradicts-rule",
    "conflicting-keys",
    "derived-outside-envelope",
    "discriminator-mismatch",
    "duplicate-event-name",
    "duplicate-key-name",
    "duplicate-type",
    "empty-condition",
    "empty-enum",
    "incomplete-type",
    "invalid-acknowledgement",
    "invalid-address",
    "invalid-compression",
    "invalid-const",
    "invalid-derived",
    "invalid-discriminator",
    "invalid-name",
    "invalid-param",
    "invalid-rename",
    "invalid-version",
    "missing-source",
    "naming-convention",
    "nesting-too-deep",
    "payload-without-field",
    "reserved-name",
    "reserved-reused",
    "too-many-keys",
    "undeclared-categories",
    "undeclared-param",
    "undeclared-priorities",
    "unknown-category",
    "unreachable-variant",
    "unsupported-format",
    "unused-param",
    "variant-not-object",
    "yaml-tag",
];

/// The snapshot name of a fixture named after a code.
fn snapshot_name(code: &str) -> String {
    code.replace('-', "_")
}

/// Each fixture named after a code reports that code and no other, and its
/// rendered diagnostics are its snapshot.
#[test]
fn each_code_fixture_reports_its_code_only() {
    for code in CODE_FIXTURES {
        let diags = json_diagnostics(&root(), &fixture(code));
        let codes: Vec<&str> = diags.iter().filter_map(|d| d["code"].as_str()).collect();
        assert!(
            !codes.is_empty() && codes.iter().all(|c| c == code),
            "{} reports {codes:?}, not only `{code}`",
            fixture(code)
        );
        insta::assert_snapshot!(snapshot_name(code), human(code));
    }
}

/// Two contracts of one run with the same name: a directory of two files.
#[test]
fn two_contracts_with_one_name() {
    let dir = "codegen/tests/bad_contracts/duplicate-contract";
    let diags = json_diagnostics(&root(), dir);
    let codes: Vec<&str> = diags.iter().filter_map(|d| d["code"].as_str()).collect();
    assert_eq!(codes, ["duplicate-contract"]);
    let run = eventc(&root(), &["check", dir]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!("duplicate_contract", run.stderr);
}

/// Whether `text` looks like a diagnostic code (`kebab-case`).
fn is_code(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_lowercase())
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The string literal `text` starts with, when a `,` follows it.
fn leading_literal(text: &str) -> Option<&str> {
    let rest = text.strip_prefix('"')?;
    let end = rest.find('"')?;
    rest[end + 1..]
        .trim_start()
        .starts_with(',')
        .then_some(&rest[..end])
}

/// Calls that make a diagnostic, their first argument being its code.
const CONSTRUCTORS: [&str; 3] = [
    "Diagnostic::error(",
    "Diagnostic::warning(",
    "unknown_name(",
];

/// The parameter of a helper that passes its caller's code on.
const FORWARDED_CODE: &str = "code: &'static str";

/// The codes one source file emits, each with its line: the literal first
/// argument of each `Diagnostic::error(`/`Diagnostic::warning(` call. A call
/// whose first argument is not a literal forwards a code chosen in the same
/// function: the code-like literals that open a tuple there (`("yaml-syntax",
/// …)`). Fails with the line of a call whose code it cannot find.
fn codes_in(text: &str) -> Result<Vec<(String, usize)>, usize> {
    let mut found = Vec::new();
    for constructor in CONSTRUCTORS {
        for (at, _) in text.match_indices(constructor) {
            let line = text[..at].matches('\n').count() + 1;
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let before = &text[line_start..at];
            if before.trim_start().starts_with("//") || before.ends_with("fn ") {
                continue;
            }
            let args = text[at + constructor.len()..].trim_start();
            if let Some(code) = leading_literal(args) {
                if !is_code(code) {
                    return Err(line);
                }
                found.push((code.to_owned(), line));
                continue;
            }
            let function = text[..at].rfind("fn ").map_or("", |start| &text[start..at]);
            if function.contains(FORWARDED_CODE) {
                // A constructor taking the code from its caller, whose call is scanned.
                continue;
            }
            let forwarded: Vec<&str> = function
                .match_indices('(')
                .filter_map(|(i, _)| leading_literal(function[i + 1..].trim_start()))
                .filter(|literal| is_code(literal))
                .collect();
            if forwarded.is_empty() {
                return Err(line);
            }
            found.extend(forwarded.into_iter().map(|c| (c.to_owned(), line)));
        }
    }
    Ok(found)
}

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// Every diagnostic code the library can emit, with the `file:line` of each
/// place that emits it, read from the source under `codegen/src` by
/// [`codes_in`] (`diag.rs`, which defines the constructors, is skipped).
fn emitted_codes() -> BTreeMap<String, Vec<String>> {
    let src = root().join("codegen/src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut codes: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for path in files.iter().filter(|p| !p.ends_with("diag.rs")) {
        let text = std::fs::read_to_string(path).expect("source is UTF-8");
        let shown = path
            .strip_prefix(&src)
            .unwrap_or(path)
            .display()
            .to_string();
        let found = codes_in(&text).unwrap_or_else(|line| {
            panic!("codegen/src/{shown}:{line}: cannot tell which diagnostic code this call emits")
        });
        for (code, line) in found {
            codes
                .entry(code)
                .or_default()
                .push(format!("{shown}:{line}"));
        }
    }
    codes
}

#[test]
fn the_code_scan_reads_literals_multi_line_calls_and_forwarded_codes() {
    let source = r#"
fn one(d: &mut D) {
    d.push(Diagnostic::error("first-code", span, "message"));
    d.push(
        Diagnostic::warning(
            "second-code",
            span,
            format!("a {}", "b"),
        ),
    );
    // Diagnostic::error("commented-out", span, "not emitted")
}

fn forwarding(e: &E) -> Diagnostic {
    let (code, message) = if e.a() {
        ("third-code", "x".to_owned())
    } else {
        ("fourth-code", e.to_string())
    };
    Diagnostic::error(code, span, message)
}
"#;
    let codes: Vec<String> = codes_in(source)
        .expect("every call resolved")
        .into_iter()
        .map(|(code, _)| code)
        .collect();
    assert_eq!(
        codes,
        ["first-code", "third-code", "fourth-code", "second-code"]
    );
    assert_eq!(
        codes_in("fn f() { Diagnostic::error(code_of(x), span, m) }"),
        Err(1),
        "a code the scan cannot see fails instead of being skipped"
    );
}

/// Every diagnostic code the loader and checker can emit shows in a snapshot
/// of a bad contract, and every snapshot belongs to a test of this file.
#[test]
fn every_diagnostic_code_has_a_fixture_snapshot() {
    let codes = emitted_codes();
    // Codes reached only through a forwarding call prove the scan follows them.
    for forwarded in ["yaml-syntax", "yaml-budget", "duplicate-key"] {
        assert!(
            codes.contains_key(forwarded),
            "the scan missed `{forwarded}`"
        );
    }
    let dir = root().join("codegen/cli/tests/snapshots");
    let mut snapshots = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("snapshots") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if let Some(stem) = name
            .strip_prefix("diagnostics__")
            .and_then(|n| n.strip_suffix(".snap"))
        {
            snapshots.push((
                stem.to_owned(),
                std::fs::read_to_string(&path).expect("snapshot"),
            ));
        }
    }
    let this = include_str!("diagnostics.rs");
    let orphans: Vec<&str> = snapshots
        .iter()
        .map(|(stem, _)| stem.as_str())
        .filter(|stem| {
            !this.contains(&format!("\"{stem}\""))
                && !CODE_FIXTURES.iter().any(|c| snapshot_name(c) == *stem)
        })
        .collect();
    assert!(orphans.is_empty(), "snapshots no test writes: {orphans:?}");
    let missing: Vec<String> = codes
        .iter()
        .filter(|(code, _)| {
            let shown = [format!("error[{code}]"), format!("warning[{code}]")];
            !snapshots
                .iter()
                .any(|(_, text)| shown.iter().any(|s| text.contains(s.as_str())))
        })
        .map(|(code, sites)| format!("{code} (emitted at {})", sites.join(", ")))
        .collect();
    assert!(
        missing.is_empty(),
        "{} of {} diagnostic codes have no bad-contract fixture with a snapshot; add `codegen/tests/bad_contracts/<code>.yaml` and list it in CODE_FIXTURES:\n{}",
        missing.len(),
        codes.len(),
        missing.join("\n")
    );
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

/// A bad contract gets the same exit code, 2, from every command that reads
/// it (the README's exit codes), and its diagnostics from each.
#[test]
fn every_command_exits_2_on_a_bad_contract() {
    let dir = scratch("same-exit-code");
    std::fs::write(dir.join("messages.jsonl"), "{}\n").expect("messages");
    let bad = fixture("unknown-type");
    let bad = root().join(bad).display().to_string();
    let commands: [&[&str]; 5] = [
        &["check", &bad],
        &["generate", &bad, "--out", "out"],
        &["generate", &bad, "--check", "--out", "out"],
        &["validate", "--contract", &bad, "messages.jsonl"],
        &["diff", &bad, &bad],
    ];
    for args in commands {
        let run = eventc(&dir, args);
        assert_eq!(run.code, 2, "eventc {args:?}:\n{}", run.stderr);
        assert!(
            run.stderr.contains("error[unknown-type]"),
            "eventc {args:?}:\n{}",
            run.stderr
        );
    }
}
