//! Code generation from the resolved model.
//!
//! Each target language has its own module with its own naming and keyword
//! rules; all of them read only the [`Contract`] IR. Output is deterministic,
//! and [`write`] replaces files atomically and only when their bytes change.

pub mod go;
pub mod printer;
pub mod rust;
pub mod typescript;

use crate::model::Contract;
use std::path::{Path, PathBuf};

/// A target language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lang {
    /// Rust (serde), under `rust/`.
    Rust,
    /// TypeScript declarations, under `ts/`.
    TypeScript,
    /// Go (standard library), under `go/`.
    Go,
}

impl Lang {
    /// Every language, in output order.
    pub const ALL: [Lang; 3] = [Lang::Rust, Lang::TypeScript, Lang::Go];

    /// Directory under the output root.
    pub fn dir(self) -> &'static str {
        match self {
            Lang::Rust => "rust",
            Lang::TypeScript => "ts",
            Lang::Go => "go",
        }
    }

    /// Parses `rust`, `ts`/`typescript` or `go`.
    pub fn parse(text: &str) -> Option<Lang> {
        match text {
            "rust" | "rs" => Some(Lang::Rust),
            "ts" | "typescript" => Some(Lang::TypeScript),
            "go" => Some(Lang::Go),
            _ => None,
        }
    }
}

/// One generated file, relative to the output root (e.g. `go/bagbot/bagbot.go`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to the output root.
    pub path: PathBuf,
    /// Full contents.
    pub contents: String,
}

/// Generates every file for the given contracts and languages, sorted by path.
///
/// Languages are emitted on parallel threads (they only read the IR).
pub fn generate(contracts: &[Contract], langs: &[Lang]) -> Vec<GeneratedFile> {
    let per_lang: Vec<(Lang, Vec<GeneratedFile>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = langs
            .iter()
            .map(|&lang| (lang, scope.spawn(move || emit_lang(contracts, lang))))
            .collect();
        handles
            .into_iter()
            .map(|(lang, h)| {
                let files = h
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                (lang, files)
            })
            .collect()
    });
    let mut files: Vec<GeneratedFile> = per_lang
        .into_iter()
        .flat_map(|(lang, files)| {
            files.into_iter().map(move |f| GeneratedFile {
                path: Path::new(lang.dir()).join(f.path),
                contents: f.contents,
            })
        })
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// The files of one language, with paths relative to its directory.
fn emit_lang(contracts: &[Contract], lang: Lang) -> Vec<GeneratedFile> {
    match lang {
        Lang::Rust => rust::emit_all(contracts),
        Lang::TypeScript => typescript::emit_all(contracts),
        Lang::Go => go::emit_all(contracts),
    }
}

/// What [`write`] did (or, with `check`, would do).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct WriteReport {
    /// Files whose contents changed (written, or stale under `check`).
    pub changed: Vec<PathBuf>,
    /// Files that did not exist (written, or missing under `check`).
    pub created: Vec<PathBuf>,
    /// Files already up to date.
    pub unchanged: usize,
}

impl WriteReport {
    /// Whether anything differs from what is on disk.
    pub fn is_clean(&self) -> bool {
        self.changed.is_empty() && self.created.is_empty()
    }
}

/// Writes files under `root`, each atomically and only when its bytes change.
/// With `check`, writes nothing and reports what is stale or missing.
pub fn write(root: &Path, files: &[GeneratedFile], check: bool) -> Result<WriteReport, String> {
    let mut report = WriteReport::default();
    for file in files {
        let path = root.join(&file.path);
        match std::fs::read(&path) {
            Ok(existing) if existing == file.contents.as_bytes() => {
                report.unchanged += 1;
                continue;
            }
            Ok(_) => report.changed.push(path.clone()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => report.created.push(path.clone()),
            Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
        }
        if !check {
            write_atomically(&path, file.contents.as_bytes())?;
        }
    }
    Ok(report)
}

/// Writes to a temporary file beside `path`, then renames it over `path`.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    let tmp = dir.join(format!(".{name}.eventc-{}.tmp", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("cannot replace {}: {e}", path.display())
    })
}
