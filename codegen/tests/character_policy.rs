//! The character policy for contract text in generated code
//! (`eventc::emit::comment`, docs/generated-code.md): whatever the contract
//! says (the hostile golden contract has bidi controls, a BOM, NUL, tabs,
//! C0 and C1 controls, line and paragraph separators in descriptions, keys,
//! enum values and constants), no generated file carries a character that
//! reorders or hides text, and none carries a control character other than
//! the line feed (and, in Go, the tab gofmt indents with).

use eventc::emit::comment::is_hidden;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every file below `dir`.
fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn generated_files_carry_no_hidden_or_control_characters() {
    let mut all = Vec::new();
    files(&root().join("tests/golden/expected"), &mut all);
    files(&root().join("generated"), &mut all);
    let mut offending = Vec::new();
    for path in all.iter().filter(|p| {
        p.extension()
            .is_some_and(|e| e == "rs" || e == "go" || e == "ts")
    }) {
        let text = std::fs::read_to_string(path).expect("generated files are UTF-8");
        let go = path.extension().is_some_and(|e| e == "go");
        for (n, line) in text.lines().enumerate() {
            let bad = line.chars().find(|&c| {
                is_hidden(c)
                    || (c.is_control() && !(go && c == '\t'))
                    || c == '\u{2028}'
                    || c == '\u{2029}'
            });
            if let Some(c) = bad {
                offending.push(format!(
                    "{}:{}: U+{:04X}",
                    path.display(),
                    n + 1,
                    u32::from(c)
                ));
            }
        }
    }
    assert!(all.len() > 10, "too few generated files: {}", all.len());
    assert!(offending.is_empty(), "{}", offending.join("\n"));
}

#[test]
fn the_hostile_contract_exercises_every_kind_of_character() {
    let text = std::fs::read_to_string(root().join("tests/golden/contracts/hostile.yaml"))
        .expect("hostile contract");
    for escape in [
        "\\u202E", "\\u2066", "\\u061C", "\\uFEFF", "\\t", "\\0", "\\x7F", "\\x9B", "\\N",
        "\\u2028", "\\u2029",
    ] {
        assert!(text.contains(escape), "hostile.yaml lacks {escape}");
    }
}
