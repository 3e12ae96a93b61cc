//! The rule that whatever `eventc check` accepts generates code that
//! compiles warning-free in all three languages, as a property: contracts
//! drawn by `eventc_testkit::contract` from fixed seeds (the same generator
//! the `contract_structured` fuzz target uses) are loaded and checked, and
//! the output of every accepted one is compiled in one batch per language:
//! one Rust crate with a module per contract under `cargo clippy -D
//! warnings`, one Go module with a package per contract under gofmt, `go
//! vet` and `go build`, and one `tsc --strict` project.
//!
//! `EVENTC_COMPILE_SEEDS=N` draws N contracts instead of the default, and
//! `EVENTC_COMPILE_FIRST_SEED` moves the window (for longer runs by hand).
//! Without `go`, `node` or the pinned `tsc` the test fails when `CI` is set
//! and says SKIPPED otherwise, like the other cross-language tests.

#[path = "../../tests/common/mod.rs"]
mod common;

use arbitrary::Unstructured;
use eventc::emit::GeneratedFile;
use eventc_testkit::pipeline::{run, Outcome};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Contracts drawn by default: enough for every kind of type and envelope
/// to appear, few enough to compile in about a minute.
const DEFAULT_SEEDS: u64 = 32;

/// Bytes of generator input per contract.
const INPUT_BYTES: usize = 4096;

/// Contracts whose output once failed to compile, each named for the rule
/// it protects; compiled in the same batch as the random ones.
const REGRESSIONS: &[(&str, &str)] = &[
    (
        "derived_channel_without_a_fixed_address",
        // No event has a channel without parameters: the Rust constructor
        // fills the derived channel with `None`, not a wildcard-only match.
        "eventc: 1\nname: r\nchannels: { room: { address: \"room:{id}\", params: { id: string } } }\n\
         envelope: { discriminator: t, payload: p, fields: { t: string, p: json,\n\
           ch: { type: channel, optional: true, derived: channel } } }\n\
         events: { a: { channel: room }, b: {} }\n",
    ),
    (
        "second_envelope_no_event_uses",
        // Two envelope shapes, every event on the default one: the Rust
        // encoder's shape is a constant, not a wildcard-only match.
        "eventc: 1\nname: r\nenvelope: { discriminator: t, payload: p, fields: { t: string, p: json } }\n\
         envelopes: { keepalive: { discriminator: t, fields: { t: string } } }\n\
         events: { a: {} }\n",
    ),
    (
        "shape_union_whose_conditions_name_no_key",
        // Variants without required fields: no condition names a key, so
        // Rust looks for none and Go does not name the object it reads.
        "eventc: 1\nname: r\nenvelope: { discriminator: t, payload: p, fields: { t: string, p: json } }\n\
         types: { A: { type: object, fields: { x: { type: integer, optional: true } } },\n\
           U: { type: union, detect: fields, variants: [ { type: A, name: Only } ] } }\n\
         events: { a: { payload: U } }\n",
    ),
    (
        "containers_nested_deeply",
        // Deep containers make long Rust types (clippy's type_complexity).
        "eventc: 1\nname: r\nenvelope: { discriminator: t, payload: p, fields: { t: string, p: json,\n\
           deep: { type: \"array<map<map<map<map<array<map<string>>>>>>>\", optional: true } } }\n\
         events: { a: { payload: \"map<array<map<array<map<array<map<integer>>>>>>>\" } }\n",
    ),
];

/// One accepted contract's generated files, by language directory.
struct Accepted {
    /// The module, package and directory name of the contract in each batch.
    unit: String,
    yaml: String,
    files: Vec<GeneratedFile>,
}

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Draws the contracts and keeps the accepted ones.
fn accepted_contracts() -> (Vec<Accepted>, u64) {
    let first = env_u64("EVENTC_COMPILE_FIRST_SEED", 0);
    let count = env_u64("EVENTC_COMPILE_SEEDS", DEFAULT_SEEDS);
    let mut accepted = Vec::new();
    for seed in first..first + count {
        let bytes = eventc_testkit::bytes_from_seed(seed, INPUT_BYTES);
        let Ok(yaml) = eventc_testkit::contract::yaml(&mut Unstructured::new(&bytes)) else {
            continue;
        };
        if let Outcome::Generated { files, .. } = run(&yaml) {
            accepted.push(Accepted {
                unit: format!("c{seed:04}"),
                yaml,
                files,
            });
        }
    }
    (accepted, count)
}

/// The regression contracts, each of which must pass check.
fn regression_contracts() -> Vec<Accepted> {
    REGRESSIONS
        .iter()
        .map(|(name, yaml)| match run(yaml) {
            Outcome::Generated { files, .. } => Accepted {
                unit: format!("r_{name}"),
                yaml: (*yaml).to_owned(),
                files,
            },
            Outcome::NotLoaded(d) | Outcome::Refused(d) => {
                panic!("regression contract `{name}` does not pass check: {d:?}")
            }
        })
        .collect()
}

/// The files of one language (`rust/`, `ts/`, `go/`) with that directory
/// removed from their paths.
fn files_of<'a>(a: &'a Accepted, dir: &'a str) -> impl Iterator<Item = (PathBuf, &'a str)> {
    a.files.iter().filter_map(move |f| {
        f.path
            .strip_prefix(dir)
            .ok()
            .map(|p| (p.to_path_buf(), f.contents.as_str()))
    })
}

/// A fresh directory under the test's temporary directory.
fn fresh_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temporary directory");
    dir
}

fn write(path: &Path, contents: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("directory");
    }
    std::fs::write(path, contents).expect("write file");
}

/// Runs a command; on failure, the command and its output.
fn run_command(cmd: &mut Command) -> Result<(), String> {
    let out = cmd
        .output()
        .map_err(|e| format!("cannot run {cmd:?}: {e}"))?;
    if out.status.success() {
        return Ok(());
    }
    Err(format!(
        "{cmd:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    ))
}

/// One crate, one module per contract, checked by clippy with the
/// workspace's lints and `-D warnings`. Dependencies are pinned by a copy of
/// the workspace's lock file; the crate keeps its own target directory
/// between runs, so only the first run builds serde.
fn compile_rust(accepted: &[Accepted]) -> Result<(), String> {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("compile-rust");
    let src = dir.join("src");
    let _ = std::fs::remove_dir_all(&src);
    let manifest = r#"[package]
name = "accepted-contracts"
version = "0.0.0"
edition = "2021"
publish = false

[lib]
path = "src/lib.rs"

[dependencies]
serde = { version = "1.0.228", features = ["derive"] }
serde_json = { version = "1.0.145", features = ["raw_value", "float_roundtrip"] }
flate2 = "1.1"
base64 = "0.23"
regex-lite = "0.1.9"

[lints.rust]
unsafe_code = "forbid"
missing_docs = "warn"

[lints.clippy]
unwrap_used = "warn"
dbg_macro = "warn"

[workspace]
"#;
    write(&dir.join("Cargo.toml"), manifest);
    let lock = eventc_testkit::root().join("Cargo.lock");
    std::fs::copy(&lock, dir.join("Cargo.lock")).map_err(|e| format!("copy Cargo.lock: {e}"))?;
    let mut lib =
        String::from("//! Generated modules of accepted random contracts.\n#![deny(warnings)]\n");
    for a in accepted {
        for (path, contents) in files_of(a, "rust") {
            if path.as_os_str() == "lib.rs" {
                continue;
            }
            let module = format!(
                "{}_{}",
                a.unit,
                path.file_stem().and_then(|s| s.to_str()).unwrap_or("m")
            );
            write(&src.join(format!("{module}.rs")), contents);
            let _ = writeln!(
                lib,
                "/// Contract `{}`.\n#[rustfmt::skip]\npub mod {module};",
                a.unit
            );
        }
    }
    write(&src.join("lib.rs"), &lib);
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    run_command(
        Command::new(cargo)
            .args(["clippy", "--quiet", "--all-targets", "--", "-D", "warnings"])
            .current_dir(&dir)
            .env("CARGO_TARGET_DIR", dir.join("target"))
            .env_remove("RUSTFLAGS"),
    )
}

/// One module, one package per contract: gofmt finds nothing, vet and build pass.
fn compile_go(accepted: &[Accepted]) -> Option<Result<(), String>> {
    let found = Command::new("go")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !common::tool_available(
        found,
        "`go` not found on PATH",
        "accepted contracts compile in Go",
    ) {
        return None;
    }
    let dir = fresh_dir("compile-go");
    write(
        &dir.join("go.mod"),
        "module eventc.dev/accepted\n\ngo 1.22\n",
    );
    for a in accepted {
        for (path, contents) in files_of(a, "go") {
            if path.as_os_str() == "go.mod" {
                continue;
            }
            write(&dir.join(&a.unit).join(path), contents);
        }
    }
    let go = |args: &[&str]| {
        let mut cmd = Command::new("go");
        cmd.args(args).current_dir(&dir).env("GOTOOLCHAIN", "local");
        cmd
    };
    Some((|| {
        let gofmt = Command::new("gofmt")
            .args(["-l", "."])
            .current_dir(&dir)
            .output()
            .map_err(|e| format!("cannot run gofmt: {e}"))?;
        let unformatted = String::from_utf8_lossy(&gofmt.stdout);
        if !unformatted.trim().is_empty() {
            return Err(format!("gofmt would change:\n{unformatted}"));
        }
        run_command(&mut go(&["vet", "./..."]))?;
        run_command(&mut go(&["build", "./..."]))
    })())
}

/// One `tsc` project over every contract's files, under the strict settings
/// of tests/ts/tsconfig.json.
fn compile_typescript(accepted: &[Accepted]) -> Option<Result<(), String>> {
    let script = eventc_testkit::root().join("node_modules/typescript/bin/tsc");
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let missing = if !node {
        "node not found on PATH"
    } else {
        "tsc not found (run `npm ci` at the repository root)"
    };
    if !common::tool_available(
        node && script.is_file(),
        missing,
        "accepted contracts compile in TypeScript",
    ) {
        return None;
    }
    let dir = fresh_dir("compile-ts");
    let base = eventc_testkit::root().join("tests/ts/tsconfig.json");
    let config = serde_json::json!({ "extends": base.to_string_lossy(), "include": ["**/*.ts"] });
    write(&dir.join("tsconfig.json"), &config.to_string());
    for a in accepted {
        for (path, contents) in files_of(a, "ts") {
            write(&dir.join(&a.unit).join(path), contents);
        }
    }
    Some(run_command(
        Command::new("node")
            .arg(&script)
            .args(["-p", "tsconfig.json", "--pretty", "false"])
            .current_dir(&dir),
    ))
}

/// Where to find the contracts when a compiler refuses their output.
fn save_contracts(accepted: &[Accepted]) -> PathBuf {
    let dir = fresh_dir("compile-contracts");
    for a in accepted {
        write(&dir.join(format!("{}.yaml", a.unit)), &a.yaml);
    }
    dir
}

#[test]
fn every_accepted_random_contract_compiles_in_rust_go_and_typescript() {
    let (accepted, drawn) = accepted_contracts();
    eprintln!(
        "{} of {drawn} random contracts accepted by check ({}%)",
        accepted.len(),
        accepted.len() as u64 * 100 / drawn.max(1)
    );
    assert!(
        accepted.len() as u64 * 2 >= drawn,
        "fewer than half of the drawn contracts pass check: the generator no longer exercises the emitters"
    );
    let mut accepted = accepted;
    accepted.extend(regression_contracts());
    let saved = save_contracts(&accepted);
    let mut failures = Vec::new();
    if let Err(e) = compile_rust(&accepted) {
        failures.push(format!("Rust: {e}"));
    }
    if let Some(Err(e)) = compile_go(&accepted) {
        failures.push(format!("Go: {e}"));
    }
    if let Some(Err(e)) = compile_typescript(&accepted) {
        failures.push(format!("TypeScript: {e}"));
    }
    assert!(
        failures.is_empty(),
        "output of accepted contracts does not compile (the contracts are in {}; the module, package or directory `cNNNN` holds seed NNNN, `r_NAME` the regression contract NAME):\n{}",
        saved.display(),
        failures.join("\n")
    );
}
