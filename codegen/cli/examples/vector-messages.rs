//! Prints the messages of a test-vector file (`tests/vectors/*/valid.jsonl`),
//! one per line, ready for `eventc validate`: each case's `message`, or its
//! `raw` text when the case is about bytes JSON values cannot show (repeated
//! keys). `scripts/demo.sh` pipes it into the validator, so the demo needs
//! nothing but the Rust toolchain.

use std::io::{BufRead, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: vector-messages FILE.jsonl");
        return ExitCode::from(2);
    };
    match print_messages(std::path::Path::new(&path)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("vector-messages: {}: {message}", path.to_string_lossy());
            ExitCode::from(2)
        }
    }
}

fn print_messages(path: &std::path::Path) -> Result<(), String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| e.to_string())?;
        if line.trim().is_empty() {
            continue;
        }
        let case: serde_json::Value =
            serde_json::from_str(&line).map_err(|e| format!("line {}: {e}", i + 1))?;
        let message = match (case.get("raw"), case.get("message")) {
            (Some(serde_json::Value::String(raw)), _) => raw.clone(),
            (_, Some(message)) => message.to_string(),
            _ => return Err(format!("line {}: neither `message` nor `raw`", i + 1)),
        };
        writeln!(out, "{message}").map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())
}
