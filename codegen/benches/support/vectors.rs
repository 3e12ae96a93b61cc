//! Reading the valid test vectors (`tests/vectors/<contract>/valid.jsonl`),
//! shared by the decode and encode benches.

use serde::Deserialize;
use serde_json::value::RawValue;
use std::path::{Path, PathBuf};

/// One line of a vector file; only the message matters here.
#[derive(Deserialize)]
struct Case<'a> {
    /// The message as written in the file.
    #[serde(borrow)]
    message: Option<&'a RawValue>,
}

/// The repository root (the parent of the `codegen` crate).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The `"message"` of every valid vector of `contract`, as compact JSON text
/// with its keys in the order the vector file writes them (the text is taken
/// raw, not re-serialized from a `Value`, which would sort the keys), in file
/// order. Vectors that only carry `"raw"` text are skipped.
pub fn messages(contract: &str) -> Vec<String> {
    let path = root()
        .join("tests/vectors")
        .join(contract)
        .join("valid.jsonl");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| {
            let case: Case<'_> = serde_json::from_str(l)
                .unwrap_or_else(|e| panic!("{}: bad vector line {l}: {e}", path.display()));
            case.message.map(|m| {
                let compact = minify(m.get());
                assert_eq!(
                    serde_json::from_str::<serde_json::Value>(&compact).ok(),
                    serde_json::from_str::<serde_json::Value>(m.get()).ok(),
                    "minify changed {}",
                    m.get()
                );
                compact
            })
        })
        .collect()
}

/// Total length in bytes of a set of messages.
pub fn total_bytes<S: AsRef<str>>(messages: &[S]) -> u64 {
    messages.iter().map(|m| m.as_ref().len() as u64).sum()
}

/// `json` without the whitespace between tokens (strings kept intact).
pub fn minify(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for ch in json.chars() {
        if in_string {
            out.push(ch);
            match (escaped, ch) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if !ch.is_ascii_whitespace() {
            in_string = ch == '"';
            out.push(ch);
        }
    }
    out
}
