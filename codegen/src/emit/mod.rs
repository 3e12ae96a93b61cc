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
use crate::Error;
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
/// All the work (Rust formatting tasks, one TypeScript and one Go file per
/// contract) is shared by one pool of threads, one per core, so the
/// languages and contracts run side by side; they only read the IR.
pub fn generate(contracts: &[Contract], langs: &[Lang]) -> Vec<GeneratedFile> {
    let rust_tasks = if langs.contains(&Lang::Rust) {
        rust::tasks(contracts)
    } else {
        Vec::new()
    };
    let units = units(contracts, langs, &rust_tasks);
    let order = schedule(&units, &rust_tasks);
    let (done, helpers) = crate::pool::run(
        &order,
        || rust::Formatter::new(contracts),
        |formatter, index| match units[index] {
            Unit::Rust(task) => Done::Part(formatter.format(&rust_tasks[task])),
            Unit::TypeScript(c) => {
                Done::File(Lang::TypeScript, typescript::emit_file(&contracts[c]))
            }
            Unit::Go(c) => Done::File(Lang::Go, go::emit_file(&contracts[c])),
        },
        rust::Formatter::used_helpers,
    );
    let mut parts = Vec::with_capacity(rust_tasks.len());
    let mut files = Vec::new();
    for done in done {
        match done {
            Done::Part(part) => parts.push(part),
            Done::File(lang, file) => files.push(under(lang, file)),
        }
    }
    if langs.contains(&Lang::Rust) {
        let rust_files = rust::assemble(contracts, &rust_tasks, parts, helpers);
        files.extend(rust_files.into_iter().map(|f| under(Lang::Rust, f)));
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// One unit of work of [`generate`].
#[derive(Debug, Clone, Copy)]
enum Unit {
    /// A Rust formatting task (index into the tasks).
    Rust(usize),
    /// The TypeScript file of a contract (index).
    TypeScript(usize),
    /// The Go file of a contract (index).
    Go(usize),
}

/// What one [`Unit`] produced.
enum Done {
    /// A formatted part of a Rust module.
    Part(String),
    /// A file, relative to its language's directory.
    File(Lang, GeneratedFile),
}

/// Every unit of work: the Rust tasks (in task order), then one file per
/// contract and other language.
fn units(contracts: &[Contract], langs: &[Lang], rust_tasks: &[rust::Task]) -> Vec<Unit> {
    let files = langs.iter().flat_map(|&lang| {
        (0..contracts.len()).filter_map(move |c| match lang {
            Lang::Rust => None,
            Lang::TypeScript => Some(Unit::TypeScript(c)),
            Lang::Go => Some(Unit::Go(c)),
        })
    });
    (0..rust_tasks.len()).map(Unit::Rust).chain(files).collect()
}

/// The order the pool takes units in, longest first as far as they can be
/// told apart: Rust message groups, then whole Go files, then TypeScript
/// files, then the runs of Rust types and events (many small tasks that
/// fill the gaps at the end).
fn schedule(units: &[Unit], rust_tasks: &[rust::Task]) -> Vec<usize> {
    let rust_order: Vec<usize> = rust::schedule(rust_tasks).collect();
    let (groups, runs): (Vec<usize>, Vec<usize>) = rust_order
        .into_iter()
        .partition(|&t| rust_tasks[t].is_group());
    let files = |pick: fn(&Unit) -> bool| (0..units.len()).filter(move |&u| pick(&units[u]));
    groups
        .into_iter()
        .chain(files(|u| matches!(u, Unit::Go(_))))
        .chain(files(|u| matches!(u, Unit::TypeScript(_))))
        .chain(runs)
        .collect()
}

/// `file` with its path under the language's directory.
fn under(lang: Lang, file: GeneratedFile) -> GeneratedFile {
    GeneratedFile {
        path: Path::new(lang.dir()).join(file.path),
        contents: file.contents,
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
pub fn write(root: &Path, files: &[GeneratedFile], check: bool) -> Result<WriteReport, Error> {
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
            Err(e) => return Err(Error::io("read", path, e)),
        }
        if !check {
            write_atomically(&path, file.contents.as_bytes())?;
        }
    }
    Ok(report)
}

/// Writes to a temporary file beside `path`, then renames it over `path`.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io("create", dir, e))?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    let tmp = dir.join(format!(".{name}.eventc-{}.tmp", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(|e| Error::io("write", &tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io("replace", path, e)
    })
}
