//! Runs generated TypeScript: compiles modules to JavaScript with the pinned
//! `tsc` (the strict options of tests/ts/tsconfig.json) and runs
//! `tests/ts/runtime/reencode.mjs` over them with Node. Shared by the
//! conformance, TypeScript runtime and differential tests through `#[path]`
//! (each uses a different part, hence the `allow`).
//!
//! Needs `node` and `npm ci` at the repository root; without them the tests
//! panic when `CI` is set and say SKIPPED otherwise.
#![allow(dead_code)]

use eventc::emit::GeneratedFile;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// `node` and the pinned `tsc` script.
pub struct Node {
    tsc: PathBuf,
}

/// What the TypeScript runtime made of one message.
pub struct Outcome {
    /// `decodeStrict`: `Ok` or its problems as `(code, path)`.
    pub strict: Result<(), Vec<(String, String)>>,
    /// `decode` then `encode`: the encoded text, or the error.
    pub decoded: Result<String, String>,
}

/// The repository root: the nearest directory above the including crate
/// that holds the workspace's `Cargo.lock` (the crate may be `codegen` or
/// `codegen/testkit`).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .find(|dir| dir.join("Cargo.lock").is_file())
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")))
        .to_path_buf()
}

/// Node with the pinned TypeScript, or `None` (after a loud skip) outside CI.
pub fn node(test: &str) -> Option<Node> {
    let tsc = root().join("node_modules/typescript/bin/tsc");
    let node_ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let missing = match (node_ok, tsc.is_file()) {
        (true, true) => return Some(Node { tsc }),
        (false, _) => "node not found on PATH",
        (true, false) => "tsc not found (run `npm ci` at the repository root)",
    };
    super::common::tool_available(false, missing, test);
    None
}

impl Node {
    /// Compiles modules (and extra `.ts` sources) under `dir`; returns the
    /// directory of the JavaScript output (an ES module package).
    pub fn compile(&self, dir: &Path, files: &[GeneratedFile], extra: &[(&str, &str)]) -> PathBuf {
        let _ = std::fs::remove_dir_all(dir);
        let src = dir.join("src");
        std::fs::create_dir_all(&src).expect("scratch dir");
        for f in files {
            std::fs::write(src.join(&f.path), &f.contents).expect("module written");
        }
        for (name, text) in extra {
            std::fs::write(src.join(name), text).expect("source written");
        }
        let out = dir.join("out");
        let config = serde_json::json!({
            "extends": root().join("tests/ts/tsconfig.json").canonicalize().expect("tsconfig"),
            "compilerOptions": { "noEmit": false, "outDir": out, "rootDir": src },
            "include": [src.join("*.ts")],
        });
        let project = dir.join("tsconfig.json");
        std::fs::write(&project, config.to_string()).expect("tsconfig written");
        let run = Command::new("node")
            .arg(&self.tsc)
            .arg("-p")
            .arg(&project)
            .arg("--pretty")
            .arg("false")
            .output()
            .expect("tsc runs");
        assert!(
            run.status.success(),
            "tsc rejects the modules in {}:\n{}",
            src.display(),
            String::from_utf8_lossy(&run.stdout)
        );
        std::fs::write(out.join("package.json"), "{\"type\":\"module\"}\n").expect("package.json");
        out
    }

    /// Runs a Node script with arguments; panics unless it succeeds; returns its stdout.
    pub fn run(&self, script: &Path, args: &[&Path]) -> String {
        let run = Command::new("node")
            .arg(script)
            .args(args)
            .output()
            .expect("node runs");
        assert!(
            run.status.success(),
            "node {} failed:\n{}{}",
            script.display(),
            String::from_utf8_lossy(&run.stdout),
            String::from_utf8_lossy(&run.stderr)
        );
        String::from_utf8_lossy(&run.stdout).into_owned()
    }

    /// Reads each line with the compiled module `module` (decodeStrict, and
    /// decode then encode), through files in `scratch`.
    pub fn reencode(
        &self,
        module: &Path,
        scratch: &Path,
        tag: &str,
        lines: &[String],
    ) -> Vec<Outcome> {
        let input = scratch.join(format!("{tag}.in.jsonl"));
        let output = scratch.join(format!("{tag}.out.jsonl"));
        std::fs::write(
            &input,
            lines.iter().map(|l| format!("{l}\n")).collect::<String>(),
        )
        .expect("scratch writable");
        let script = root().join("tests/ts/runtime/reencode.mjs");
        self.run(&script, &[module, &input, &output]);
        let text = std::fs::read_to_string(&output).expect("reencode wrote its output");
        let outcomes: Vec<Outcome> = text
            .lines()
            .map(|l| {
                let line: Value = serde_json::from_str(l).expect("reencode writes JSON lines");
                let strict = if line["strict"]["ok"] == Value::Bool(true) {
                    Ok(())
                } else {
                    let problems = line["strict"]["problems"]
                        .as_array()
                        .cloned()
                        .unwrap_or_default();
                    Err(problems
                        .iter()
                        .map(|p| {
                            let field = |k: &str| p[k].as_str().unwrap_or_default().to_owned();
                            (field("code"), field("path"))
                        })
                        .collect())
                };
                let decoded = if line["decoded"]["ok"] == Value::Bool(true) {
                    Ok(line["decoded"]["message"]
                        .as_str()
                        .unwrap_or_default()
                        .to_owned())
                } else {
                    Err(line["decoded"]["error"].as_str().unwrap_or("?").to_owned())
                };
                Outcome { strict, decoded }
            })
            .collect();
        assert_eq!(
            outcomes.len(),
            lines.len(),
            "reencode {tag}: one output line per input line"
        );
        outcomes
    }
}
