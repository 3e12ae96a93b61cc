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
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

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
/// in any order by any thread, each making a piece of one file.
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
    /// The files (relative to the target's directory), each made of the
    /// outputs of a run of consecutive jobs; every job belongs to one file.
    fn files(&self) -> Vec<PlannedFile>;
    /// The text that ends file `file` (by index in [`Plan::files`]), given
    /// the runtime helpers its jobs used.
    fn tail(&self, _file: usize, _helpers: &BTreeSet<&'static str>) -> String {
        String::new()
    }
}

/// A file a [`Plan`] makes: its path and the jobs whose outputs, in job
/// order, are its text.
#[derive(Debug, Clone)]
pub struct PlannedFile {
    /// Path relative to the target's directory.
    pub path: PathBuf,
    /// The jobs making it.
    pub jobs: std::ops::Range<usize>,
}

/// Runs jobs of one [`Plan`] on one thread.
pub trait Worker {
    /// Runs one job.
    fn run(&mut self, job: usize) -> Output;
}

/// What a job produced: a piece of its file, and the runtime helpers the
/// piece uses (for [`Plan::tail`]).
#[derive(Debug, Default)]
pub struct Output {
    /// The text.
    pub text: String,
    /// Names of the runtime helpers it uses.
    pub helpers: BTreeSet<&'static str>,
}

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
    /// The path of a contract's file.
    pub path: fn(&Contract) -> PathBuf,
    /// The text of a contract's file.
    pub emit: fn(&Contract) -> String,
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

    fn files(&self) -> Vec<PlannedFile> {
        (self.contracts.iter().enumerate())
            .map(|(job, c)| PlannedFile {
                path: (self.path)(c),
                jobs: job..job + 1,
            })
            .collect()
    }
}

/// The worker of a [`FilePerContract`] plan.
struct FileWorker<'p, 'c>(&'p FilePerContract<'c>);

impl Worker for FileWorker<'_, '_> {
    fn run(&mut self, job: usize) -> Output {
        Output {
            text: (self.0.emit)(&self.0.contracts[job]),
            helpers: BTreeSet::new(),
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

/// Generates every file of `contracts` in the given targets, sorted by path.
///
/// The jobs of every target share one pool of threads, one per core, so the
/// languages and contracts run side by side (they only read the IR). Jobs
/// start heaviest first ([`Weight`]), each target's in its own order.
pub fn generate(contracts: &[Contract], targets: &[&dyn Target]) -> Vec<GeneratedFile> {
    let sink = Collect::default();
    let dirs: Vec<&Path> = targets.iter().map(|t| Path::new(t.dir())).collect();
    let done = run_plans(contracts, targets, &dirs, &sink);
    debug_assert!(done.is_ok(), "collecting files in memory cannot fail");
    let mut files = sink.into_files();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// The files of one target, relative to its directory, in the target's order.
pub fn generate_target(contracts: &[Contract], target: &dyn Target) -> Vec<GeneratedFile> {
    let sink = Collect::default();
    let done = run_plans(contracts, &[target], &[Path::new("")], &sink);
    debug_assert!(done.is_ok(), "collecting files in memory cannot fail");
    sink.into_files()
}

/// Generates every file of `contracts` in the given targets under `root`
/// as [`write()`] writes them, each file as soon as its jobs are done, so
/// that the generated text is never held whole (a contract of 10,000
/// events makes about 100 MB of code). With `check`, writes nothing and
/// reports what is stale or missing.
pub fn generate_into(
    root: &Path,
    contracts: &[Contract],
    targets: &[&dyn Target],
    check: bool,
) -> Result<WriteReport, Error> {
    let sink = Disk {
        check,
        report: Mutex::new(WriteReport::default()),
        produced: Mutex::new(HashSet::new()),
    };
    let dirs: Vec<PathBuf> = targets.iter().map(|t| root.join(t.dir())).collect();
    let dirs: Vec<&Path> = dirs.iter().map(PathBuf::as_path).collect();
    run_plans(contracts, targets, &dirs, &sink)?;
    let mut report = sink.report.into_inner().unwrap_or_else(|e| e.into_inner());
    let produced = sink
        .produced
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    for dir in &dirs {
        orphans_under(dir, &produced, &mut report.orphans)?;
    }
    report.changed.sort();
    report.created.sort();
    report.orphans.sort();
    Ok(report)
}

/// Collects the files under `dir` (recursively) that eventc generated (their
/// first line says so) but that this run did not produce: left over from a
/// contract or type since removed or renamed.
fn orphans_under(
    dir: &Path,
    produced: &HashSet<PathBuf>,
    out: &mut Vec<PathBuf>,
) -> Result<(), Error> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io("read", dir, e)),
    };
    for entry in entries {
        let path = entry.map_err(|e| Error::io("read", dir, e))?.path();
        if path.is_dir() {
            orphans_under(&path, produced, out)?;
        } else if !produced.contains(&path) && is_generated(&path) {
            out.push(path);
        }
    }
    Ok(())
}

/// Whether a file's first line is eventc's header (`// @generated by
/// eventc.` or Go's `// Code generated by eventc. DO NOT EDIT.`).
fn is_generated(path: &Path) -> bool {
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let mut first = Vec::new();
    let mut reader = BufReader::new(file).take(200);
    reader.read_until(b'\n', &mut first).is_ok()
        && first.starts_with(b"// ")
        && first.windows(19).any(|w| w == b"generated by eventc")
}

/// Receives generated files piece by piece, each file's pieces in order.
trait Sink: Sync {
    /// A file being received.
    type File: Send;
    /// Starts the file at `path`, the `number`th file of the plans (in
    /// plan order, then each plan's file order).
    fn open(&self, number: usize, path: PathBuf) -> Result<Self::File, Error>;
    /// Adds the next piece of `file`.
    fn append(&self, file: &mut Self::File, text: &str) -> Result<(), Error>;
    /// Ends `file`.
    fn close(&self, file: Self::File) -> Result<(), Error>;
}

/// Runs the plans of `targets` on one pool, handing each file to `sink`
/// under its target's directory in `dirs` as soon as its jobs are done;
/// the first error, if any (the jobs still run, but nothing more is written).
fn run_plans<S: Sink>(
    contracts: &[Contract],
    targets: &[&dyn Target],
    dirs: &[&Path],
    sink: &S,
) -> Result<(), Error> {
    let plans: Vec<Box<dyn Plan + '_>> = targets.iter().map(|t| t.plan(contracts)).collect();
    // Every job as (plan, job), and the order the pool takes them in.
    let jobs: Vec<(usize, usize)> = plans
        .iter()
        .enumerate()
        .flat_map(|(p, plan)| plan.order().into_iter().map(move |j| (p, j)))
        .collect();
    let mut order: Vec<usize> = (0..jobs.len()).collect();
    order.sort_by_key(|&i| plans[jobs[i].0].weight(jobs[i].1));
    let assembly = Mutex::new(Assembly::new(&plans, dirs, sink));
    let lock = || assembly.lock().unwrap_or_else(|e| e.into_inner());
    crate::pool::run(
        &order,
        || plans.iter().map(|p| p.worker()).collect::<Vec<_>>(),
        |workers, i| {
            let (p, j) = jobs[i];
            let output = workers[p].run(j);
            lock().add(p, j, output);
        },
        |_| (),
    );
    let assembly = assembly.into_inner().unwrap_or_else(|e| e.into_inner());
    assembly.finish()
}

/// The files of every plan being put together from job outputs, which
/// arrive in any order: each output is handed to the sink as soon as every
/// earlier piece of its file has been, and waits until then.
struct Assembly<'a, S: Sink> {
    plans: &'a [Box<dyn Plan + 'a>],
    sink: &'a S,
    /// Per plan, the file (index) of each job.
    file_of: Vec<Vec<usize>>,
    /// Per plan, the state of each file.
    files: Vec<Vec<FileAssembly<S::File>>>,
    /// The first error met.
    error: Option<Error>,
}

/// A file being put together.
struct FileAssembly<F> {
    /// Its place among the files of every plan.
    number: usize,
    /// Full path under the output root.
    path: PathBuf,
    /// Its jobs.
    jobs: std::ops::Range<usize>,
    /// Outputs that came before the pieces preceding them, by job.
    waiting: BTreeMap<usize, Output>,
    /// The next job whose output goes to the sink.
    next: usize,
    /// The file in the sink, once opened.
    open: Option<F>,
    /// The runtime helpers its pieces use.
    helpers: BTreeSet<&'static str>,
}

impl<'a, S: Sink> Assembly<'a, S> {
    fn new(plans: &'a [Box<dyn Plan + 'a>], dirs: &[&Path], sink: &'a S) -> Self {
        let mut file_of = Vec::new();
        let mut files = Vec::new();
        for (plan, dir) in plans.iter().zip(dirs) {
            let mut of = vec![0; plan.jobs()];
            let planned = plan.files();
            for (index, f) in planned.iter().enumerate() {
                of[f.jobs.clone()].fill(index);
            }
            file_of.push(of);
            let before: usize = files.iter().map(Vec::len).sum();
            files.push(
                (planned.into_iter().enumerate())
                    .map(|(index, f)| FileAssembly {
                        number: before + index,
                        path: dir.join(&f.path),
                        next: f.jobs.start,
                        jobs: f.jobs,
                        waiting: BTreeMap::new(),
                        open: None,
                        helpers: BTreeSet::new(),
                    })
                    .collect(),
            );
        }
        Self {
            plans,
            sink,
            file_of,
            files,
            error: None,
        }
    }

    /// Takes the output of job `job` of plan `plan`, and hands the sink
    /// every piece of its file that is now in order.
    fn add(&mut self, plan: usize, job: usize, output: Output) {
        let index = self.file_of[plan][job];
        self.files[plan][index].waiting.insert(job, output);
        if let Err(e) = self.advance(plan, index) {
            self.error.get_or_insert(e);
        }
    }

    /// Hands the sink the pieces of a file that are in order, and ends the
    /// file after its last.
    fn advance(&mut self, plan: usize, index: usize) -> Result<(), Error> {
        if self.error.is_some() {
            return Ok(());
        }
        let sink = self.sink;
        let file = &mut self.files[plan][index];
        while let Some(output) = file.waiting.remove(&file.next) {
            let open = match &mut file.open {
                Some(open) => open,
                None => file.open.insert(sink.open(file.number, file.path.clone())?),
            };
            sink.append(open, &output.text)?;
            file.helpers.extend(output.helpers);
            file.next += 1;
        }
        if file.next == file.jobs.end {
            let open = match file.open.take() {
                Some(open) => open,
                None => sink.open(file.number, file.path.clone())?,
            };
            let mut open = open;
            sink.append(&mut open, &self.plans[plan].tail(index, &file.helpers))?;
            sink.close(open)?;
            file.next += 1;
        }
        Ok(())
    }

    /// Ends the files no job belongs to; the first error met, if any.
    fn finish(mut self) -> Result<(), Error> {
        for plan in 0..self.files.len() {
            for index in 0..self.files[plan].len() {
                if self.files[plan][index].jobs.is_empty() {
                    if let Err(e) = self.advance(plan, index) {
                        self.error.get_or_insert(e);
                    }
                }
            }
        }
        self.error.map_or(Ok(()), Err)
    }
}

/// A sink keeping the files in memory.
#[derive(Default)]
struct Collect {
    files: Mutex<Vec<(usize, GeneratedFile)>>,
}

impl Collect {
    /// The files, in plan order.
    fn into_files(self) -> Vec<GeneratedFile> {
        let mut files = self.files.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_by_key(|(number, _)| *number);
        files.into_iter().map(|(_, file)| file).collect()
    }
}

impl Sink for Collect {
    type File = (usize, GeneratedFile);

    fn open(&self, number: usize, path: PathBuf) -> Result<Self::File, Error> {
        let contents = String::new();
        Ok((number, GeneratedFile { path, contents }))
    }

    fn append(&self, (_, file): &mut Self::File, text: &str) -> Result<(), Error> {
        file.contents.push_str(text);
        Ok(())
    }

    fn close(&self, file: Self::File) -> Result<(), Error> {
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.push(file);
        Ok(())
    }
}

/// A sink writing files to disk as [`write()`] does.
struct Disk {
    check: bool,
    report: Mutex<WriteReport>,
    /// Every path opened, to find orphans.
    produced: Mutex<HashSet<PathBuf>>,
}

impl Sink for Disk {
    type File = FileWriter;

    fn open(&self, _number: usize, path: PathBuf) -> Result<FileWriter, Error> {
        self.produced
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.clone());
        FileWriter::open(path, self.check)
    }

    fn append(&self, file: &mut FileWriter, text: &str) -> Result<(), Error> {
        file.append(text.as_bytes())
    }

    fn close(&self, file: FileWriter) -> Result<(), Error> {
        let (path, state) = file.close()?;
        let mut report = self.report.lock().unwrap_or_else(|e| e.into_inner());
        match state {
            Written::Unchanged => report.unchanged += 1,
            Written::Changed => report.changed.push(path),
            Written::Created => report.created.push(path),
        }
        Ok(())
    }
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
    /// Files under the targets' directories that eventc generated but this
    /// run did not produce (never deleted: the user removes them).
    pub orphans: Vec<PathBuf>,
}

impl WriteReport {
    /// Whether anything differs from what is on disk.
    pub fn is_clean(&self) -> bool {
        self.changed.is_empty() && self.created.is_empty() && self.orphans.is_empty()
    }
}

/// Writes files under `root`, each atomically and only when its bytes change.
/// With `check`, writes nothing and reports what is stale or missing.
pub fn write(root: &Path, files: &[GeneratedFile], check: bool) -> Result<WriteReport, Error> {
    let sink = Disk {
        check,
        report: Mutex::new(WriteReport::default()),
        produced: Mutex::new(HashSet::new()),
    };
    for file in files {
        let mut open = sink.open(0, root.join(&file.path))?;
        sink.append(&mut open, &file.contents)?;
        sink.close(open)?;
    }
    Ok(sink.report.into_inner().unwrap_or_else(|e| e.into_inner()))
}

/// What writing a file did (or, under `check`, would do).
enum Written {
    Unchanged,
    Changed,
    Created,
}

/// A file written piece by piece, only if its bytes change, atomically:
/// while the pieces match the file on disk nothing is written; at the first
/// difference the pieces go to a temporary file beside it (after the part
/// of the old file they matched), which replaces the file when it is
/// closed, and is removed if it never is (an error, or a panic elsewhere).
struct FileWriter {
    path: PathBuf,
    check: bool,
    state: WriterState,
}

/// Where a [`FileWriter`] is.
enum WriterState {
    /// Every piece so far matches the first `matched` bytes of the file on disk.
    Matching {
        existing: BufReader<File>,
        matched: u64,
    },
    /// The file does not exist, or differs, and `check` is set: nothing to write.
    Differs { created: bool },
    /// Writing the new contents to `tmp`.
    Writing {
        tmp: PathBuf,
        out: BufWriter<File>,
        created: bool,
    },
    /// Closed, or failed: nothing to clean up.
    Done,
}

impl FileWriter {
    /// Starts writing `path`.
    fn open(path: PathBuf, check: bool) -> Result<Self, Error> {
        let mut writer = Self {
            path,
            check,
            state: WriterState::Done,
        };
        writer.state = match File::open(&writer.path) {
            Ok(existing) => WriterState::Matching {
                existing: BufReader::with_capacity(1 << 16, existing),
                matched: 0,
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => writer.start(0, true)?,
            Err(e) => return Err(Error::io("read", &writer.path, e)),
        };
        Ok(writer)
    }

    /// The state after a difference: under `check` nothing to do, else a
    /// temporary file holding the first `matched` bytes of the old file.
    fn start(&self, matched: u64, created: bool) -> Result<WriterState, Error> {
        if self.check {
            return Ok(WriterState::Differs { created });
        }
        let dir = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| Error::io("create", dir, e))?;
        let name = self
            .path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("out");
        let tmp = dir.join(format!(".{name}.eventc-{}.tmp", std::process::id()));
        let file = File::create(&tmp).map_err(|e| Error::io("write", &tmp, e))?;
        let mut out = BufWriter::with_capacity(1 << 16, file);
        if matched > 0 {
            let old = File::open(&self.path).map_err(|e| Error::io("read", &self.path, e));
            let copied = old.and_then(|old| {
                std::io::copy(&mut old.take(matched), &mut out)
                    .map_err(|e| Error::io("write", &tmp, e))
            });
            if let Err(e) = copied {
                let _ = std::fs::remove_file(&tmp);
                return Err(e);
            }
        }
        Ok(WriterState::Writing { tmp, out, created })
    }

    /// Adds the next piece.
    fn append(&mut self, bytes: &[u8]) -> Result<(), Error> {
        if let WriterState::Matching { existing, matched } = &mut self.state {
            let same =
                read_matches(existing, bytes).map_err(|e| Error::io("read", &self.path, e))?;
            if same {
                *matched += bytes.len() as u64;
                return Ok(());
            }
            let matched = *matched;
            self.state = WriterState::Done;
            self.state = self.start(matched, false)?;
        }
        if let WriterState::Writing { tmp, out, .. } = &mut self.state {
            out.write_all(bytes)
                .map_err(|e| Error::io("write", tmp.as_path(), e))?;
        }
        Ok(())
    }

    /// Ends the file, replacing the old one if the bytes changed; its full
    /// path and what was done.
    fn close(mut self) -> Result<(PathBuf, Written), Error> {
        if let WriterState::Matching { existing, matched } = &mut self.state {
            let rest = existing
                .fill_buf()
                .map_err(|e| Error::io("read", &self.path, e))?;
            if rest.is_empty() {
                self.state = WriterState::Done;
                return Ok((std::mem::take(&mut self.path), Written::Unchanged));
            }
            let matched = *matched;
            self.state = WriterState::Done;
            self.state = self.start(matched, false)?;
        }
        let written = match &self.state {
            WriterState::Differs { created: true } | WriterState::Writing { created: true, .. } => {
                Written::Created
            }
            _ => Written::Changed,
        };
        if let WriterState::Writing { tmp, out, .. } =
            std::mem::replace(&mut self.state, WriterState::Done)
        {
            let replaced = (out
                .into_inner()
                .map_err(|e| ("write", &tmp, e.into_error())))
            .and_then(|_| {
                std::fs::rename(&tmp, &self.path).map_err(|e| ("replace", &self.path, e))
            });
            if let Err((verb, path, e)) = replaced {
                let _ = std::fs::remove_file(&tmp);
                return Err(Error::io(verb, path, e));
            }
        }
        Ok((std::mem::take(&mut self.path), written))
    }
}

impl Drop for FileWriter {
    /// Removes the temporary file of a writer that was never closed.
    fn drop(&mut self) {
        if let WriterState::Writing { tmp, .. } = &self.state {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

/// Whether the next `expected.len()` bytes of `existing` are `expected`
/// (reading them, or as many as there are).
fn read_matches(existing: &mut impl BufRead, mut expected: &[u8]) -> std::io::Result<bool> {
    while !expected.is_empty() {
        let available = existing.fill_buf()?;
        if available.is_empty() {
            return Ok(false);
        }
        let n = available.len().min(expected.len());
        if available[..n] != expected[..n] {
            return Ok(false);
        }
        existing.consume(n);
        expected = &expected[n..];
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceMap;

    /// A file eventc generated that this run does not produce is an orphan
    /// (reported, `check` not clean); a hand-written file beside it is not.
    #[test]
    fn generated_files_no_contract_produces_are_orphans() {
        let yaml = "eventc: 1\nname: tiny\nenvelope:\n  discriminator: type\n  fields: { type: string }\nevents:\n  ping: {}\n";
        let mut sources = SourceMap::default();
        let loaded = crate::load::load_str("tiny.yaml", yaml, &mut sources);
        assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
        let root = std::env::temp_dir().join(format!("eventc-orphans-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let report = generate_into(&root, &loaded.contracts, TARGETS, false).expect("writes");
        assert!(report.orphans.is_empty(), "{report:?}");
        let orphan = root.join("ts/orphan.ts");
        std::fs::write(
            &orphan,
            "// @generated by eventc. Do not edit.\nexport {};\n",
        )
        .expect("writes");
        std::fs::write(root.join("ts/mine.ts"), "export {};\n").expect("writes");
        let report = generate_into(&root, &loaded.contracts, TARGETS, true).expect("checks");
        assert_eq!(report.orphans, [orphan]);
        assert!(!report.is_clean());
        let _ = std::fs::remove_dir_all(&root);
    }
}
