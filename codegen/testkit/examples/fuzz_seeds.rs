//! Writes the seed corpus of every cargo-fuzz target (`fuzz/`) into a
//! directory, one sub-directory per target: run by `scripts/fuzz.sh` before
//! fuzzing, so no corpus is committed.
//!
//! - `contract_bytes`, `contract_structured`: the contract files of
//!   `contracts/` and `tests/golden/contracts/` and the refused contracts of
//!   `codegen/tests/bad_contracts/`, as they are (the structured target reads
//!   any bytes as generator input);
//! - `validate`, `decode`: each message of `tests/vectors/<contract>/` behind
//!   the byte that selects its contract;
//! - `differential`: for each contract, a few generator inputs behind the
//!   byte that selects it.
//!
//! Usage: `cargo run -p eventc-testkit --example fuzz_seeds -- OUT_DIR`

use eventc_testkit::decoders::ALL;
use std::path::{Path, PathBuf};

fn main() {
    let Some(out) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: fuzz_seeds OUT_DIR");
        std::process::exit(2);
    };
    let root = eventc_testkit::root();
    let mut written = 0usize;
    for target in ["contract_bytes", "contract_structured"] {
        for dir in [
            "contracts",
            "tests/golden/contracts",
            "codegen/tests/bad_contracts",
        ] {
            for file in files(&root.join(dir)) {
                if let Ok(bytes) = std::fs::read(&file) {
                    written += save(&out.join(target), &bytes);
                }
            }
        }
    }
    for (index, decoder) in ALL.iter().enumerate() {
        let selector = u8::try_from(index).unwrap_or(0);
        for file in ["valid.jsonl", "invalid.jsonl"] {
            let path = root.join("tests/vectors").join(decoder.name).join(file);
            for message in vector_messages(&path) {
                let mut bytes = vec![selector];
                bytes.extend_from_slice(message.as_bytes());
                written += save(&out.join("validate"), &bytes);
                written += save(&out.join("decode"), &bytes);
            }
        }
        for seed in 0..8u64 {
            let mut bytes = vec![selector];
            bytes.extend(eventc_testkit::bytes_from_seed(
                seed * 31 + index as u64,
                256,
            ));
            written += save(&out.join("differential"), &bytes);
        }
    }
    println!("{written} seed files in {}", out.display());
}

/// The files of a directory, sorted; none when it does not exist.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    out.sort();
    out
}

/// The `message` of each vector line (the exact text, for string messages).
fn vector_messages(path: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    text.lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|v| match v.get("message")? {
            serde_json::Value::String(raw) => Some(raw.clone()),
            other => Some(other.to_string()),
        })
        .collect()
}

/// Writes one seed named by its content's hash (as libFuzzer names its
/// corpus files, so re-running adds nothing new); 1 when it was new.
fn save(dir: &Path, bytes: &[u8]) -> usize {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    let path = dir.join(format!("seed-{:016x}", hasher.finish()));
    if path.exists() {
        return 0;
    }
    if let Err(e) = std::fs::create_dir_all(dir).and_then(|()| std::fs::write(&path, bytes)) {
        eprintln!("cannot write {}: {e}", path.display());
        std::process::exit(1);
    }
    1
}
