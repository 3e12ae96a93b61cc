//! Reads the vector files `tests/vectors/<contract>/{valid,invalid}.jsonl`.
//! Shared by the vector, conformance and TypeScript tests through `#[path]`;
//! each uses a different part, hence the `allow`.
#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};

/// One vector of a file.
pub struct Case {
    /// `file:line`, for messages.
    pub at: String,
    /// The vector's name.
    pub name: String,
    /// The message as text (`raw` as written, or `message` serialised).
    pub text: String,
    /// The message, unless the vector is raw text (`raw`: malformed, or a
    /// message no JSON value can hold, such as one repeating a key).
    pub message: Option<Value>,
    /// Where the validator must report, when the vector says.
    pub error_path: Option<String>,
    /// The code of the problem the validator must report (invalid vectors).
    pub error_code: Option<String>,
}

impl Case {
    /// The message as a JSON value: `message`, or the raw text parsed (a
    /// repeated key keeps its last copy); `None` for text that is not JSON.
    pub fn value(&self) -> Option<Value> {
        self.message
            .clone()
            .or_else(|| serde_json::from_str(&self.text).ok())
    }
}

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every `tests/vectors/<contract>` directory, sorted.
pub fn dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("tests/vectors"))
        .expect("tests/vectors exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// The cases of one vector file; panics on a malformed vector line.
pub fn cases(path: &Path) -> Vec<Case> {
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
            let (text, message) = match (field("raw"), case.get("message")) {
                (Some(raw), None) => (raw, None),
                (None, Some(m)) => (m.to_string(), Some(m.clone())),
                _ => panic!("{at}: vector `{name}` needs exactly one of `message` or `raw`"),
            };
            Case {
                at,
                name,
                text,
                message,
                error_path: field("error_path"),
                error_code: field("error_code"),
            }
        })
        .collect()
}
