//! Code generation from the resolved model.
//!
//! Each target language has its own module with its own naming and keyword
//! rules; all of them read only the [`Contract`] IR. Output is deterministic,
//! and [`write()`] replaces files atomically and only when their bytes change.

pub mod comment;
pub mod go;
pub mod printer;
pub mod rust;
pub mod typescript;
pub mod value_rules;

use crate::model::Contract;
use crate::naming::Case;
use crate::Error;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Every target language, in output order. Adding a language is a folder
/// under `emit/` with a [`Target`] and one line here.
pub const TARGETS: &[&dyn Target] = &[&rust::Rust, &typescript::TypeScript, &go::Go];

/// The target `--lang` names by `flag` (`rust`, `rs`, `ts`, `typescript`, `go`).
pub fn target(flag: &str) -> Option<&'static dyn Target> {
    TARGETS.iter().copied().find(|t| t.flags().contains(&flag))
}

/// A target language: its naming rules, where its files go and how the work
/// of generating them is cut into jobs for the shared pool of threads.
pub trait Target: Sync {
    /// Name in messages and diagnostics (`Rust`).
    fn name(&self) -> &'static str;
    /// Names `--lang` accepts for it, the usual one first.
    fn flags(&self) -> &'static [&'static str];
    /// Directory of its files under the output root.
    fn dir(&self) -> &'static str;
    /// How an identifier stem becomes a type-level name (types, events,
    /// enum values, union variants, channels), for collision checks.
    fn type_case(&self) -> Case;
    /// How an identifier stem becomes a field name, or `None` where fields
    /// keep their wire keys.
    fn field_case(&self) -> Option<Case>;
    /// The work of generating the files of `contracts`.
    fn plan<'c>(&self, contracts: &'c [Contract]) -> Box<dyn Plan + 'c>;
}

/// The work one target does for a set of contracts: independent jobs, run
/// in any order by any thread, whose outputs [`Plan::files`] joins.
pub trait Plan: Sync {
    /// How many jobs there are.
    fn jobs(&self) -> usize;
    /// The jobs in the order the target would start them.
    fn order(&self) -> Vec<usize> {
        (0..self.jobs()).collect()
    }
    /// How long a job is expected to take, relative to other targets'
    /// jobs: heavier jobs start first, so that no long one finishes alone
    /// at the end (see [`generate`]).
    fn weight(&self, job: usize) -> Weight;
    /// A worker for one thread, holding whatever the thread reuses between jobs.
    fn worker(&self) -> Box<dyn Worker + '_>;
    /// The files (relative to the target's directory) from every job's
    /// output, in job order, and every worker's notes.
    fn files(&self, outputs: Vec<Output>, notes: Vec<Notes>) -> Vec<GeneratedFile>;
}

/// Runs jobs of one [`Plan`] on one thread.
pub trait Worker {
    /// Runs one job.
    fn run(&mut self, job: usize) -> Output;
    /// What the worker noted while running its jobs.
    fn finish(self: Box<Self>) -> Notes;
}

/// What a job produced.
#[derive(Debug)]
pub enum Output {
    /// A piece of a file that [`Plan::files`] assembles.
    Part(String),
    /// A whole file.
    File(GeneratedFile),
}

/// For each contract (by index), the runtime helpers its generated code
/// uses, as noted by one worker.
pub type Notes = Vec<BTreeSet<&'static str>>;

/// How heavy a job is, in the classes [`generate`] orders by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Weight {
    /// A job that grows with the whole contract (started first).
    Longest,
    /// A whole file of a heavy target.
    HeavyFile,
    /// A whole file of a light target.
    LightFile,
    /// A small piece; many of them fill the gaps at the end.
    Piece,
}

/// A plan that writes one file per contract in one job each.
pub struct FilePerContract<'c> {
    /// The contracts.
    pub contracts: &'c [Contract],
    /// Emits the file of one contract.
    pub emit: fn(&Contract) -> GeneratedFile,
    /// The weight of each file.
    pub weight: Weight,
}

impl Plan for FilePerContract<'_> {
    fn jobs(&self) -> usize {
        self.contracts.len()
    }

    fn weight(&self, _job: usize) -> Weight {
        self.weight
    }

    fn worker(&self) -> Box<dyn Worker + '_> {
        Box::new(FileWorker(self))
    }

    fn files(&self, outputs: Vec<Output>, _notes: Vec<Notes>) -> Vec<GeneratedFile> {
        outputs
            .into_iter()
            .filter_map(|o| match o {
                Output::File(file) => Some(file),
                Output::Part(_) => None,
            })
            .collect()
    }
}

/// The worker of a [`FilePerContract`] plan.
struct FileWorker<'p, 'c>(&'p FilePerContract<'c>);

impl Worker for FileWorker<'_, '_> {
    fn run(&mut self, job: usize) -> Output {
        Output::File((self.0.emit)(&self.0.contracts[job]))
    }

    fn finish(self: Box<Self>) -> Notes {
        Notes::new()
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

/// Generates every file of `contracts` in the given targets, sorted by path.
///
/// The jobs of every target share one pool of threads, one per core, so the
/// languages and contracts run side by side (they only read the IR). Jobs
/// start heaviest first ([`Weight`]), each target's in its own order.
pub fn generate(contracts: &[Contract], targets: &[&dyn Target]) -> Vec<GeneratedFile> {
    let mut files: Vec<GeneratedFile> = run_plans(contracts, targets)
        .into_iter()
        .zip(targets)
        .flat_map(|(files, target)| {
            files.into_iter().map(|f| GeneratedFile {
                path: Path::new(target.dir()).join(f.path),
                contents: f.contents,
            })
        })
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// The files of one target, relative to its directory.
pub fn generate_target(contracts: &[Contract], target: &dyn Target) -> Vec<GeneratedFile> {
    run_plans(contracts, &[target]).remove(0)
}

/// Runs the plans of `targets` on one pool; the files of each target, relative to its directory.
fn run_plans(contracts: &[Contract], targets: &[&dyn Target]) -> Vec<Vec<GeneratedFile>> {
    let plans: Vec<Box<dyn Plan + '_>> = targets.iter().map(|t| t.plan(contracts)).collect();
    // Every job as (plan, job), and the order the pool takes them in.
    let jobs: Vec<(usize, usize)> = plans
        .iter()
        .enumerate()
        .flat_map(|(p, plan)| plan.order().into_iter().map(move |j| (p, j)))
        .collect();
    let mut order: Vec<usize> = (0..jobs.len()).collect();
    order.sort_by_key(|&i| plans[jobs[i].0].weight(jobs[i].1));
    let (outputs, notes) = crate::pool::run(
        &order,
        || plans.iter().map(|p| p.worker()).collect::<Vec<_>>(),
        |workers, i| workers[jobs[i].0].run(jobs[i].1),
        |workers| workers.into_iter().map(|w| w.finish()).collect::<Vec<_>>(),
    );
    let mut by_plan: Vec<Vec<(usize, Output)>> = plans.iter().map(|_| Vec::new()).collect();
    for ((p, j), output) in jobs.into_iter().zip(outputs) {
        by_plan[p].push((j, output));
    }
    let mut notes_by_plan: Vec<Vec<Notes>> = plans.iter().map(|_| Vec::new()).collect();
    for per_thread in notes {
        for (p, n) in per_thread.into_iter().enumerate() {
            notes_by_plan[p].push(n);
        }
    }
    plans
        .iter()
        .zip(by_plan)
        .zip(notes_by_plan)
        .map(|((plan, mut outputs), notes)| {
            outputs.sort_by_key(|(j, _)| *j);
            plan.files(outputs.into_iter().map(|(_, o)| o).collect(), notes)
        })
        .collect()
}

/// What [`write()`] did (or, with `check`, would do).
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
