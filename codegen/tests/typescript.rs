//! TypeScript output: committed files are current, goldens match, everything
//! type-checks under `tsc --strict` (tests/ts/tsconfig.json), and every vector
//! written as a literal typed `Message` type-checks exactly when it should.
//!
//! Needs `node` and the pinned TypeScript (`npm ci` at the repository root).
//! When either is missing the tests panic if `CI` is set and otherwise print
//! `SKIPPED: …` to stderr.

mod common;
#[path = "common/vectors.rs"]
mod vectors;

use common::golden::Goldens;
use eventc::emit::typescript;
use eventc::load;
use eventc::model::{Contract, TypeKind, TypeRef};
use eventc::source::SourceMap;
use eventc::validate::{self, Problem, ProblemCode, Validator};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .expect("repository root")
}

fn load(paths: &[PathBuf]) -> Vec<Contract> {
    let mut sources = SourceMap::default();
    let loaded = load::load_paths(paths, &mut sources).expect("contracts load");
    assert!(!loaded.has_errors(), "contracts {paths:?} have errors");
    loaded.contracts
}

/// The path of `node` and of the pinned `tsc` script, or `None` (after a loud skip) outside CI.
fn tsc() -> Option<(PathBuf, PathBuf)> {
    let script = root().join("node_modules/typescript/bin/tsc");
    let node_ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let missing = match (node_ok, script.is_file()) {
        (true, true) => return Some((PathBuf::from("node"), script)),
        (false, _) => "node not found on PATH",
        (true, false) => "tsc not found (run `npm ci` at the repository root)",
    };
    common::tool_available(false, missing, "TypeScript type-checks");
    None
}

/// Runs `tsc -p <project>`; returns whether it succeeded and its output.
fn run_tsc(tool: &(PathBuf, PathBuf), project: &Path) -> (bool, String) {
    let out = Command::new(&tool.0)
        .arg(&tool.1)
        .arg("-p")
        .arg(project)
        .arg("--pretty")
        .arg("false")
        .output()
        .expect("tsc runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// A fresh directory under the target dir holding a tsconfig that extends tests/ts's.
fn project(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let base = root().join("tests/ts/tsconfig.json");
    let config = serde_json::json!({
        "extends": base.to_string_lossy(),
        "include": ["*.ts"],
    });
    std::fs::write(dir.join("tsconfig.json"), config.to_string()).expect("tsconfig");
    dir
}

#[test]
fn generated_ts_matches_the_emitter() {
    let contracts = load(&[root().join("contracts")]);
    let dir = root().join("generated/ts");
    let files = typescript::emit_all(&contracts);
    assert_eq!(files.len(), contracts.len());
    let mut stale = Vec::new();
    for f in &files {
        let path = dir.join(&f.path);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(f.contents.as_str()) {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated TypeScript (run `cargo run -q -p eventc-cli -- generate --lang ts`): {stale:?}"
    );
    let emitted: Vec<&Path> = files.iter().map(|f| f.path.as_path()).collect();
    for entry in std::fs::read_dir(&dir).expect("generated/ts exists") {
        let name = PathBuf::from(entry.expect("dir entry").file_name());
        assert!(
            emitted.contains(&name.as_path()),
            "generated/ts/{} is not produced by any contract",
            name.display()
        );
    }
}

#[test]
fn goldens_match_and_committed_typescript_type_checks() {
    // Shared fixtures, plus TypeScript-only ones not yet shared with the other emitters.
    let fixtures = [
        root().join("tests/golden/contracts"),
        root().join("tests/ts/contracts"),
    ];
    let expected_dir = root().join("tests/golden/expected/ts");
    let contracts = load(&fixtures);
    assert!(!contracts.is_empty(), "no golden fixture contracts");
    let mut goldens = Goldens::default();
    for f in typescript::emit_all(&contracts) {
        assert!(
            f.contents.starts_with(typescript::HEADER),
            "{} lacks the header",
            f.path.display()
        );
        goldens.check(&expected_dir.join(&f.path), &f.contents);
    }
    goldens.finish("cargo test -p eventc --test typescript goldens_match");
    let Some(tool) = tsc() else { return };
    let (ok, output) = run_tsc(&tool, &root().join("tests/ts/tsconfig.json"));
    assert!(
        ok,
        "tsc --strict rejects generated/ts or the goldens:\n{output}"
    );
}

#[test]
fn hostile_names_inject_no_code() {
    let contracts = load(&[root().join("tests/golden/contracts/hostile.yaml")]);
    let files = typescript::emit_all(&contracts);
    let text = &files[0].contents;
    for line in text.lines() {
        let code = line.trim_start();
        let in_comment = code.starts_with("/**") || code.starts_with("* ") || code == "*";
        let in_comment = in_comment || code.starts_with("*/") || code.starts_with("// ");
        assert!(
            in_comment || (!code.contains("fn main") && !code.contains("alert(1)")),
            "description text escaped into code: {line}"
        );
    }
    // Comment text never holds `*/` (it is written `*\/`); code holds it
    // only inside string literals, which are removed before counting.
    let (mut opened, mut closed) = (0, 0);
    for line in text.lines() {
        let trimmed = line.trim_start();
        let comment = trimmed.starts_with("/**") || trimmed.starts_with('*');
        let code = if comment {
            line.to_owned()
        } else {
            without_string_literals(line)
        };
        opened += code.matches("/**").count();
        closed += code.matches("*/").count();
    }
    assert_eq!(
        closed, opened,
        "every `*/` outside a string literal closes a JSDoc block"
    );
}

/// A line of code with the contents of its double-quoted string literals removed.
fn without_string_literals(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        out.push(c);
        if c != '"' {
            continue;
        }
        while let Some(d) = chars.next() {
            match d {
                '\\' => {
                    chars.next();
                }
                '"' => {
                    out.push('"');
                    break;
                }
                _ => {}
            }
        }
    }
    out
}

/// Whether tsc can see a problem the validator found in a canonical message.
///
/// Every integer is a TypeScript `number`, so a fraction or an integer out of
/// its width is not visible; value constraints (ranges, patterns, lengths,
/// formats) are not either. Constants and derived fields are literal types.
fn visible(c: &Contract, message: &Value, p: &Problem) -> bool {
    use ProblemCode as C;
    match p.code {
        C::MissingField
        | C::MissingDiscriminator
        | C::DiscriminatorNotString
        | C::UnknownEvent
        | C::UnknownEnumValue
        | C::NullNotAllowed
        | C::UnknownChannel
        | C::ChannelMismatch
        | C::CategoryMismatch
        | C::EventMismatch
        | C::WrongType
        | C::ConstMismatch => true,
        C::NoMatchingVariant => {
            // The message names the union in its first backticks.
            let id = p.message.split('`').nth(1).unwrap_or_default();
            no_variant_fits(c, id, message.pointer(&p.path))
        }
        C::NotUtf8
        | C::MalformedJson
        | C::MessageNotObject
        | C::UnexpectedKey
        | C::DuplicateKey
        | C::CompressedNotString
        | C::CompressedNotBase64
        | C::CompressedNotZlib
        | C::CompressedTooLarge
        | C::CompressedNotJson
        | C::NotAnInteger
        | C::OutOfWidth
        | C::OutOfRange
        | C::StringLength
        | C::PatternMismatch
        | C::TimestampFormat
        | C::TimestampOutOfRange
        | C::ArrayLength
        | C::KeyPatternMismatch
        | C::MissingTag
        | C::UnknownTag => false,
    }
}

/// Whether a value matching no variant of a shape-detected union also fails
/// every variant's TypeScript type (`when.absent` keys are typed `?: never`,
/// and keys declared by no variant are excess properties).
fn no_variant_fits(c: &Contract, id: &str, value: Option<&Value>) -> bool {
    let Some(value) = value else { return true };
    let union = c.types.values().find_map(|t| match &t.kind {
        TypeKind::Union(u) if t.id.as_str() == id => Some(u),
        _ => None,
    });
    let Some(u) = union else {
        panic!("a no-matching-variant problem names `{id}`, which is not a union of the contract")
    };
    let object = |ty| match c.type_def(ty).map(|t| &t.kind) {
        Some(TypeKind::Object(o)) => Some(o),
        _ => None,
    };
    let map = value.as_object();
    let declared = |key: &str| {
        u.variants
            .iter()
            .filter_map(|v| object(&v.ty))
            .any(|o| o.fields.iter().any(|f| f.name == key))
    };
    if map.is_some_and(|m| m.keys().any(|k| !declared(k))) {
        return true;
    }
    !u.variants.iter().any(|v| {
        let absent_ok = v.when.as_ref().is_none_or(|w| {
            w.absent
                .iter()
                .all(|k| map.is_none_or(|m| !m.contains_key(k)))
        });
        let problems = validate::check_value(c, &TypeRef::Named(v.ty.clone()), value);
        absent_ok && !problems.iter().any(|p| visible(c, value, p))
    })
}

/// A `//` comment that cannot end early.
fn comment(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() || c == '\u{2028}' || c == '\u{2029}' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

#[derive(Default)]
struct Counts {
    valid: usize,
    expect_error: usize,
    accepted_invalid: usize,
    raw: usize,
}

/// Writes `<module>.vectors.ts` for one contract's vectors.
fn vector_module(c: &Contract, dir: &Path, module: &str, counts: &mut Counts) -> String {
    let validator = Validator::new(c);
    let mut out = format!("import type * as M from \"./{module}\";\n");
    let mut n = 0;
    for (kind, file) in [("valid", "valid.jsonl"), ("invalid", "invalid.jsonl")] {
        for vectors::Case { name, message, .. } in vectors::cases(&dir.join(file)) {
            let Some(message) = message else {
                counts.raw += 1;
                continue;
            };
            let canonical = validate::canonicalize(c, &message);
            let verdict = validator.validate(&canonical);
            let ty = if verdict.event.is_none() && c.compatibility.unknown_events {
                "M.IncomingMessage"
            } else {
                "M.Message"
            };
            out.push_str(&format!("// {kind}: {}\n", comment(&name)));
            if kind == "valid" {
                assert!(
                    verdict.is_valid(),
                    "{name}: canonical form is invalid: {verdict:?}"
                );
                counts.valid += 1;
            } else if verdict.errors.iter().any(|p| visible(c, &canonical, p)) {
                out.push_str("// @ts-expect-error\n");
                counts.expect_error += 1;
            } else {
                counts.accepted_invalid += 1;
            }
            out.push_str(&format!("export const v{n}: {ty} = {canonical};\n"));
            n += 1;
        }
    }
    out
}

#[test]
fn vectors_type_check_as_message_literals() {
    let Some(tool) = tsc() else { return };
    let project = project("typescript-vectors");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("tests/vectors"))
        .expect("tests/vectors")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let mut counts = Counts::default();
    for dir in &dirs {
        let stem = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let contract_path = root().join("contracts").join(format!("{stem}.yaml"));
        let contracts = load(&[contract_path]);
        let c = &contracts[0];
        let file = typescript::emit_all(&contracts).remove(0);
        std::fs::write(project.join(&file.path), &file.contents).expect("module");
        let vectors = vector_module(c, dir, &c.name, &mut counts);
        std::fs::write(project.join(format!("{}.vectors.ts", c.name)), vectors).expect("vectors");
    }
    eprintln!(
        "TypeScript vectors: {} valid, {} invalid with @ts-expect-error, {} invalid the types accept, {} malformed skipped",
        counts.valid, counts.expect_error, counts.accepted_invalid, counts.raw
    );
    assert!(counts.valid >= 100 && counts.expect_error > 0 && counts.accepted_invalid > 0);
    let (ok, output) = run_tsc(&tool, &project.join("tsconfig.json"));
    assert!(
        ok,
        "tsc disagrees with the vectors (files in {}):\n{output}",
        project.display()
    );
}

#[test]
fn tsc_rejects_a_wrong_literal_and_an_unused_expect_error() {
    let Some(tool) = tsc() else { return };
    let project = project("typescript-negative");
    let contracts = load(&[root().join("contracts/bagbot.yaml")]);
    let file = typescript::emit_all(&contracts).remove(0);
    std::fs::write(project.join(&file.path), &file.contents).expect("module");
    let heartbeat = r#"{"channel": "workers", "event": "worker.heartbeat", "payload": {"worker_id": "w1", "timestamp": 1, "status": "idle", "current_job_id": null}}"#;
    let wrong = heartbeat.replace("\"idle\"", "\"sleeping\"");
    let cases = [
        (
            "wrong_literal.ts",
            format!("export const m: M.Message = {wrong};\n"),
        ),
        (
            "unused_directive.ts",
            format!("// @ts-expect-error\nexport const m: M.Message = {heartbeat};\n"),
        ),
        ("narrowing.ts", NARROWING.to_owned()),
    ];
    for (name, body) in &cases {
        let text = format!("import type * as M from \"./bagbot\";\n{body}");
        std::fs::write(project.join(name), text).expect("case file");
    }
    let (ok, output) = run_tsc(&tool, &project.join("tsconfig.json"));
    assert!(!ok, "tsc accepted broken files:\n{output}");
    assert!(output.contains("wrong_literal.ts(2,"), "{output}");
    assert!(output.contains("unused_directive.ts(2,"), "{output}");
    assert!(
        output.contains("TS2578"),
        "unused @ts-expect-error not reported:\n{output}"
    );
    assert!(
        !output.contains("narrowing.ts"),
        "narrowing failed:\n{output}"
    );
}

/// `switch` on the discriminator narrows the payload to the event's type.
const NARROWING: &str = r#"export function describe(m: M.Message): string {
  switch (m.event) {
    case "worker.heartbeat":
      return m.payload.status satisfies M.WorkerStatus;
    case "strategy.started":
      return m.payload.state satisfies "started";
    default:
      return m.channel;
  }
}
"#;
