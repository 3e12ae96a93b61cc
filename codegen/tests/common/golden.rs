//! Golden files: generated text compared with an expected file on disk, and
//! the one rule for rewriting expected files.
//!
//! `UPDATE_GOLDEN=1` rewrites an expected file that differs and says so on
//! stderr. When `CI` is set nothing is ever written, even with
//! `UPDATE_GOLDEN=1`: a difference fails, so a CI run cannot make its own
//! expected files agree with what it generated.
//!
//! Every golden test uses this file: the integration tests through
//! `mod common`, the library's fixed-text unit test through `#[path]` (so it
//! depends on `std` only). Each user needs a different part, hence the `allow`.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Whether a value of the `CI` variable means "running under CI": set to
/// anything but empty or `false`.
pub fn is_ci(value: Option<&OsStr>) -> bool {
    value.is_some_and(|v| !v.is_empty() && v != "false")
}

/// What a golden comparison does with an expected file that differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Policy {
    /// Report the difference (the default).
    Compare,
    /// Rewrite the file and report that it was rewritten (`UPDATE_GOLDEN=1`, not under CI).
    Rewrite,
    /// Report the difference: `UPDATE_GOLDEN=1` was asked for, but `CI` is set.
    RefuseUnderCi,
}

impl Policy {
    /// The policy the environment asks for (`UPDATE_GOLDEN` and `CI`).
    pub fn from_env() -> Self {
        Self::from_vars(
            std::env::var_os("UPDATE_GOLDEN").as_deref(),
            std::env::var_os("CI").as_deref(),
        )
    }

    /// The policy for these values of `UPDATE_GOLDEN` and `CI`.
    pub fn from_vars(update_golden: Option<&OsStr>, ci: Option<&OsStr>) -> Self {
        match (update_golden.is_some_and(|v| v == "1"), is_ci(ci)) {
            (false, _) => Policy::Compare,
            (true, false) => Policy::Rewrite,
            (true, true) => Policy::RefuseUnderCi,
        }
    }
}

/// Golden comparisons of one test, reported together by [`Goldens::finish`].
pub struct Goldens {
    policy: Policy,
    stale: Vec<PathBuf>,
    rewritten: Vec<PathBuf>,
}

impl Default for Goldens {
    fn default() -> Self {
        Self::with_policy(Policy::from_env())
    }
}

impl Goldens {
    /// Comparisons under an explicit policy (tests of the policy itself).
    pub fn with_policy(policy: Policy) -> Self {
        Goldens {
            policy,
            stale: Vec::new(),
            rewritten: Vec::new(),
        }
    }

    /// Compares `actual` with the file at `path` (a missing file differs) and,
    /// under [`Policy::Rewrite`], rewrites the file when it differs.
    pub fn check(&mut self, path: &Path, actual: &str) {
        if std::fs::read(path).is_ok_and(|expected| expected == actual.as_bytes()) {
            return;
        }
        if self.policy != Policy::Rewrite {
            self.stale.push(path.to_path_buf());
            return;
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
        }
        std::fs::write(path, actual)
            .unwrap_or_else(|e| panic!("cannot rewrite {}: {e}", path.display()));
        // Written to the stream itself, not through `eprintln!`, so the test
        // harness does not capture it: a rewrite must be visible.
        let _ = writeln!(
            std::io::stderr(),
            "UPDATED: {} (UPDATE_GOLDEN=1; review the diff)",
            path.display()
        );
        self.rewritten.push(path.to_path_buf());
    }

    /// Files that differ and were not rewritten.
    pub fn stale(&self) -> &[PathBuf] {
        &self.stale
    }

    /// Files rewritten under [`Policy::Rewrite`].
    pub fn rewritten(&self) -> &[PathBuf] {
        &self.rewritten
    }

    /// Panics when a file differs and was not rewritten. `command` is the
    /// test command that rewrites the files (run with `UPDATE_GOLDEN=1`).
    pub fn finish(self, command: &str) {
        if self.stale.is_empty() {
            return;
        }
        let files: Vec<String> = self.stale.iter().map(|p| p.display().to_string()).collect();
        let refused = if self.policy == Policy::RefuseUnderCi {
            "\nUPDATE_GOLDEN=1 is ignored because CI is set: expected files are never rewritten under CI"
        } else {
            ""
        };
        panic!(
            "{} golden file(s) differ from what is generated now:\n  {}\nrewrite them outside CI with `UPDATE_GOLDEN=1 {command}` and review the diff{refused}",
            files.len(),
            files.join("\n  ")
        );
    }
}

/// Compares `actual` with the expected file at `path` under the policy of the
/// environment (see the module docs); panics on a difference it did not rewrite.
pub fn assert_matches(path: &Path, actual: &str, command: &str) {
    let mut goldens = Goldens::default();
    goldens.check(path, actual);
    goldens.finish(command);
}
