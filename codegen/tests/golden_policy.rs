//! The rule every golden test follows (`common/golden.rs`): a difference
//! fails; `UPDATE_GOLDEN=1` rewrites the expected file and says so, except
//! when `CI` is set, where nothing is written and a difference still fails.
//!
//! The end-to-end tests run this test binary again with the variables set,
//! so they prove what the environment does, not only what the policy values do.

mod common;

use common::golden::{assert_matches, Goldens, Policy};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The variable through which the parent test names the file the child compares.
const FILE_VAR: &str = "EVENTC_GOLDEN_POLICY_FILE";

const EXPECTED: &str = "expected text\n";
const ACTUAL: &str = "generated text\n";

/// A fresh scratch file holding [`EXPECTED`].
fn expected_file(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("golden-policy");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let path = dir.join(name);
    std::fs::write(&path, EXPECTED).expect("write the expected file");
    path
}

fn contents(path: &Path) -> String {
    std::fs::read_to_string(path).expect("the expected file is readable")
}

/// Not a test of its own: the body the end-to-end tests run in a child
/// process, comparing [`ACTUAL`] with the file the parent names (it does
/// nothing when run directly with `--ignored`).
#[test]
#[ignore = "run by the end-to-end tests in a child process"]
fn child_compares_the_named_file() {
    if let Some(path) = std::env::var_os(FILE_VAR) {
        assert_matches(Path::new(&path), ACTUAL, "the golden_policy child");
    }
}

/// Runs [`child_compares_the_named_file`] in a child process with `vars` set
/// (and `UPDATE_GOLDEN`/`CI` removed unless given).
fn run_child(path: &Path, vars: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(std::env::current_exe().expect("the test binary"));
    cmd.args([
        "child_compares_the_named_file",
        "--exact",
        "--ignored",
        "--nocapture",
        "--test-threads=1",
    ])
    .env_remove("UPDATE_GOLDEN")
    .env_remove("CI")
    .env(FILE_VAR, path);
    for (key, value) in vars {
        cmd.env(key, value);
    }
    cmd.output().expect("the test binary runs")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn under_ci_a_difference_fails_and_the_file_is_untouched_even_with_update_golden() {
    let path = expected_file("under-ci.txt");
    let run = run_child(&path, &[("UPDATE_GOLDEN", "1"), ("CI", "true")]);
    assert!(
        !run.status.success(),
        "a difference passed under CI:\n{}",
        text(&run)
    );
    assert!(
        text(&run).contains("UPDATE_GOLDEN=1 is ignored because CI is set"),
        "{}",
        text(&run)
    );
    assert_eq!(
        contents(&path),
        EXPECTED,
        "the expected file was rewritten under CI"
    );
}

#[test]
fn without_update_golden_a_difference_fails_and_the_file_is_untouched() {
    let path = expected_file("compare.txt");
    let run = run_child(&path, &[]);
    assert!(
        !run.status.success(),
        "a difference passed:\n{}",
        text(&run)
    );
    assert!(text(&run).contains(&path.display().to_string()));
    assert_eq!(contents(&path), EXPECTED);
}

#[test]
fn update_golden_outside_ci_rewrites_the_file_and_says_so() {
    let path = expected_file("rewrite.txt");
    let run = run_child(&path, &[("UPDATE_GOLDEN", "1"), ("CI", "false")]);
    assert!(run.status.success(), "{}", text(&run));
    assert!(
        text(&run).contains(&format!("UPDATED: {}", path.display())),
        "the rewrite was not reported:\n{}",
        text(&run)
    );
    assert_eq!(contents(&path), ACTUAL);
}

#[test]
fn a_matching_file_passes_and_is_not_rewritten() {
    let path = expected_file("same.txt");
    std::fs::write(&path, ACTUAL).expect("write the expected file");
    let run = run_child(&path, &[("UPDATE_GOLDEN", "1")]);
    assert!(run.status.success(), "{}", text(&run));
    assert!(!text(&run).contains("UPDATED"), "{}", text(&run));
}

#[test]
fn policy_of_each_environment() {
    let os = |s: &'static str| Some(OsStr::new(s));
    let cases = [
        (None, None, Policy::Compare),
        (None, os("true"), Policy::Compare),
        (os("0"), None, Policy::Compare),
        (os("1"), None, Policy::Rewrite),
        (os("1"), os(""), Policy::Rewrite),
        (os("1"), os("false"), Policy::Rewrite),
        (os("1"), os("true"), Policy::RefuseUnderCi),
        (os("1"), os("1"), Policy::RefuseUnderCi),
    ];
    for (update, ci, expected) in cases {
        assert_eq!(
            Policy::from_vars(update, ci),
            expected,
            "UPDATE_GOLDEN={update:?} CI={ci:?}"
        );
    }
}

#[test]
fn refused_rewrite_reports_the_file_and_a_missing_file_differs() {
    let path = expected_file("refused.txt");
    let missing = path.with_file_name("missing.txt");
    let _ = std::fs::remove_file(&missing);
    let mut goldens = Goldens::with_policy(Policy::RefuseUnderCi);
    goldens.check(&path, ACTUAL);
    goldens.check(&missing, ACTUAL);
    assert_eq!(goldens.stale(), [path.clone(), missing.clone()]);
    assert!(goldens.rewritten().is_empty());
    assert_eq!(contents(&path), EXPECTED);
    assert!(
        !missing.exists(),
        "a missing expected file was created under CI"
    );
}
