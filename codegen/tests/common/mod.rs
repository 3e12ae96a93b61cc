//! Shared by the integration tests: what a cross-language test does when a
//! tool it needs is missing, and the golden-file helper. Each test uses a
//! different part, hence the `allow`.
#![allow(dead_code)]

pub mod golden;

use std::io::Write as _;

/// Whether the tests run under CI (`CI` set to anything but empty or `false`).
pub fn under_ci() -> bool {
    golden::is_ci(std::env::var_os("CI").as_deref())
}

/// Returns `true` when the tool is there. Otherwise panics under CI (a missing
/// tool must never pass silently there) and, outside CI, prints a loud
/// `SKIPPED` line and returns `false`.
pub fn tool_available(available: bool, missing: &str, test: &str) -> bool {
    if available {
        return true;
    }
    assert!(
        !under_ci(),
        "{missing}, and CI is set: {test} cannot run (install it; see README)"
    );
    // Written to the stream itself, not through `eprintln!`, so the test
    // harness does not capture it: a skip must be visible.
    let _ = writeln!(std::io::stderr(), "SKIPPED: {test}: {missing}");
    false
}
