//! Mutated messages: every valid vector of every seed contract, changed a
//! few thousand ways (a byte replaced, removed or repeated, the text cut,
//! a key doubled), goes through the validator and the generated Rust
//! decoder. Neither may panic; a message the Rust decoder accepts must
//! encode, and its output must decode and encode to the same text. The
//! mutations come from a fixed seed, so a failure names an input that
//! reproduces it. (The Go decoders get the same property from `go test
//! -fuzz`, see tests/go/codec/fuzz_test.go.)

#[path = "common/vectors.rs"]
mod vectors;

use eventc::source::SourceMap;
use eventc::validate::Validator;

/// A small deterministic generator (xorshift), so the test needs no crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap_or(0)
    }
}

/// Bytes worth putting into JSON text: structure, quotes, escapes and a few
/// characters readers disagree on.
const INTERESTING: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b":",
    b",",
    b"\"",
    b"\\",
    b"\\u0000",
    b"null",
    b"-0",
    b"1e309",
    b"\xff",
    b"\xe2\x80\xae",
    b"0.1",
    b"9223372036854775808",
    b" ",
];

/// One mutation of `text`.
fn mutate(rng: &mut Rng, text: &[u8]) -> Vec<u8> {
    let mut out = text.to_vec();
    let at = rng.below(out.len());
    match rng.below(5) {
        0 => {
            out.remove(at.min(out.len().saturating_sub(1)));
        }
        1 => out.truncate(at),
        2 => {
            let piece = INTERESTING[rng.below(INTERESTING.len())];
            out.splice(at..at, piece.iter().copied());
        }
        3 => {
            let end = (at + rng.below(16)).min(out.len());
            let copy = out[at..end].to_vec();
            out.splice(end..end, copy);
        }
        _ => {
            if let Some(byte) = out.get_mut(at) {
                *byte = INTERESTING[rng.below(INTERESTING.len())][0];
            }
        }
    }
    out
}

/// Decodes with the generated Rust module of `contract`, then checks that a
/// message it accepts re-encodes to text that reads back the same.
fn rust_round_trip(contract: &str, text: &str) -> Result<(), String> {
    use eventc_generated as g;
    fn run<M, E: std::fmt::Display>(
        decode: fn(&str) -> Result<M, E>,
        encode: fn(&M) -> Result<String, serde_json::Error>,
        text: &str,
    ) -> Result<(), String> {
        let Ok(message) = decode(text) else {
            return Ok(());
        };
        let out = encode(&message).map_err(|e| format!("accepted but cannot encode: {e}"))?;
        let back = decode(&out).map_err(|e| format!("cannot read its own output {out}: {e}"))?;
        let again = encode(&back).map_err(|e| format!("cannot encode again: {e}"))?;
        if again != out {
            return Err(format!("output not stable:\n{out}\n{again}"));
        }
        Ok(())
    }
    match contract {
        "bagbot" => run(g::bagbot::decode_strict, g::bagbot::encode, text),
        "trading" => run(g::trading::decode_strict, g::trading::encode, text),
        "project-progress" => run(
            g::project_progress::decode_strict,
            g::project_progress::encode,
            text,
        ),
        "operations" => run(g::operations::decode_strict, g::operations::encode, text),
        "wse" => run(g::wse::decode_strict, g::wse::encode, text),
        other => panic!("no generated Rust module for contract `{other}`"),
    }
}

#[test]
fn mutated_messages_never_panic_and_accepted_ones_round_trip() {
    let root = vectors::root();
    let mut failures = Vec::new();
    let mut tried = 0usize;
    for dir in vectors::dirs() {
        let name = dir
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        let path = root.join("contracts").join(format!("{name}.yaml"));
        let mut sources = SourceMap::default();
        let loaded = eventc::load::load_paths(std::slice::from_ref(&path), &mut sources)
            .expect("seed contract is readable");
        let contract = &loaded.contracts[0];
        let validator = Validator::new(contract);
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ name.len() as u64);
        for case in vectors::cases(&dir.join("valid.jsonl")) {
            for _ in 0..200 {
                let bytes = mutate(&mut rng, case.text.as_bytes());
                let _ = validator.validate_bytes(&bytes);
                tried += 1;
                let Ok(text) = std::str::from_utf8(&bytes) else {
                    continue;
                };
                if let Err(e) = rust_round_trip(&name, text) {
                    failures.push(format!("{name} {text}: {e}"));
                }
            }
        }
    }
    assert!(tried > 10_000, "too few mutations: {tried}");
    assert!(
        failures.is_empty(),
        "{} failure(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
