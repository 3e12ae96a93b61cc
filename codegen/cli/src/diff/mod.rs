//! `eventc diff`: compares contracts with an earlier version of themselves
//! and refuses breaking changes.
//!
//! Both sides are loaded and checked by the library into one [`SourceMap`]
//! (old files from git are named `REF:path`), so every span says by its file
//! which side it points into. Contracts are paired by `name:`, the identity
//! of a contract, so a contract moved to another file is still compared with
//! itself. The library's [`eventc::diff::diff`] decides the findings and
//! whether a changelog acknowledges them; this module only adds the
//! contract-level ones (a contract added or deleted), renders them, and sets
//! the exit code: 1 exactly when a finding [`Finding::fails`] (an error no
//! changelog acknowledges).

mod changelog;
mod git;
mod github;
mod human;
mod json;
mod markdown;
mod sarif;

use crate::output::{self, Colors};
use eventc::diag::{self, Diagnostic, Diagnostics};
use eventc::diff::{self, Finding, Readers, Severity};
use eventc::load;
use eventc::model::Contract;
use eventc::source::{FileId, SourceMap};
use std::path::PathBuf;
use std::process::ExitCode;

/// How `eventc diff` prints its findings (on standard output).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Annotated snippets of the new contract (the old one for removals).
    Human,
    /// One JSON document, schema `eventc-diff/1` (docs/diff-output.md).
    Json,
    /// GitHub Actions `::error`/`::warning`/`::notice` annotations.
    Github,
    /// A Markdown pull-request comment.
    Markdown,
    /// SARIF 2.1.0, for code-scanning uploads.
    Sarif,
}

/// What to compare, as the command line gave it.
#[derive(Debug)]
pub struct Request {
    /// With `base`: contract files or directories (default `contracts/`);
    /// without: the old and the new contract file (or directory).
    pub paths: Vec<PathBuf>,
    /// Git revision to compare the working tree with.
    pub base: Option<String>,
    /// Print a draft changelog entry instead of the findings.
    pub changelog: bool,
}

/// One side of a compared contract.
#[derive(Debug)]
pub struct Side {
    /// Its file in the report's [`SourceMap`] (named `REF:path` for a file read from git).
    pub file: FileId,
    /// Its path in the working tree (for a file read from git: where it was at the base).
    pub path: String,
    /// The loaded and checked contract.
    pub contract: Contract,
}

/// A contract and what changed in it.
#[derive(Debug)]
pub struct Compared {
    /// Its `name:`.
    pub name: String,
    /// As it was (`None`: added since).
    pub old: Option<Side>,
    /// As it is (`None`: deleted).
    pub new: Option<Side>,
    /// What the rules found, sorted by path, then rule.
    pub findings: Vec<Finding>,
}

impl Compared {
    /// The file a finding without a location of its own is reported against:
    /// the new contract, or the old one when it was deleted.
    pub fn file(&self) -> Option<&Side> {
        self.new.as_ref().or(self.old.as_ref())
    }
}

/// Everything one `eventc diff` run found.
#[derive(Debug)]
pub struct Report {
    /// The git revision compared with, if any.
    pub base: Option<String>,
    /// The text of every file of both sides.
    pub sources: SourceMap,
    /// Every contract of either side, sorted by name.
    pub contracts: Vec<Compared>,
}

impl Report {
    /// Every finding with its contract, contract by contract.
    pub fn findings(&self) -> impl Iterator<Item = (&Compared, &Finding)> {
        self.contracts
            .iter()
            .flat_map(|c| c.findings.iter().map(move |f| (c, f)))
    }

    /// Counts of the findings: (breaking, acknowledged, warnings, safe).
    pub fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        for (_, f) in self.findings() {
            match (f.severity, &f.acknowledged) {
                (Severity::Error, None) => counts.breaking += 1,
                (Severity::Error, Some(_)) => counts.acknowledged += 1,
                (Severity::Warning, _) => counts.warnings += 1,
                (Severity::Info, _) => counts.safe += 1,
            }
        }
        counts
    }

    /// Where a contract moved since the base revision: (old path, new path).
    /// Two files compared directly are not a move.
    pub fn moved<'a>(&self, compared: &'a Compared) -> Option<(&'a str, &'a str)> {
        match (&self.base, &compared.old, &compared.new) {
            (Some(_), Some(old), Some(new)) if old.path != new.path => Some((&old.path, &new.path)),
            _ => None,
        }
    }

    /// The path of a file of the report, as messages show it.
    pub fn shown_path(&self, file: FileId) -> &str {
        self.sources
            .get(file)
            .map_or("<unknown>", |f| f.path.as_str())
    }
}

/// How many findings of each kind a report holds.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Breaking findings no changelog acknowledges: these fail the run.
    pub breaking: usize,
    /// Breaking findings a changelog entry acknowledges.
    pub acknowledged: usize,
    /// Findings the rules cannot decide.
    pub warnings: usize,
    /// Safe changes.
    pub safe: usize,
}

/// How a finding's readers are described to people.
pub fn readers_phrase(readers: Readers) -> &'static str {
    match readers {
        Readers::Clients => "clients (old clients read new server→client messages)",
        Readers::Server => "the server (the new server reads old client→server messages)",
        Readers::Both => "clients and the server",
        Readers::None => "no reader (no message carries it)",
    }
}

/// Runs `eventc diff`: compares, prints, and returns the exit code.
pub fn run(request: &Request, format: Format, colors: Colors) -> Result<ExitCode, String> {
    let report = match compare(request)? {
        Ok(report) => report,
        Err((diagnostics, sources)) => {
            // Diagnostics have no Markdown or SARIF form: people read them.
            let shown = match format {
                Format::Json => diag::Format::Json,
                Format::Github => diag::Format::Github,
                Format::Human | Format::Markdown | Format::Sarif => diag::Format::Human,
            };
            output::report(&diagnostics, &sources, shown, colors.stderr);
            return Err("not comparing: the contracts have errors".to_owned());
        }
    };
    let text = if request.changelog {
        changelog::render(&report, &changelog::today())
    } else {
        match format {
            Format::Human => human::render(&report, colors.stdout),
            Format::Json => json::render(&report),
            Format::Github => github::render(&report),
            Format::Markdown => markdown::render(&report),
            Format::Sarif => sarif::render(&report),
        }
    };
    output::stdout(&text, colors.stdout).map_err(|e| format!("cannot write output: {e}"))?;
    let breaking = report.findings().any(|(_, f)| f.fails());
    Ok(if breaking && !request.changelog {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The diagnostics of contracts that failed to load or check, with their sources.
type ContractErrors = (Vec<Diagnostic>, SourceMap);

/// Reads, loads, checks, pairs and compares both sides.
fn compare(request: &Request) -> Result<Result<Report, ContractErrors>, String> {
    let (old_inputs, new_inputs, one_pair) = match &request.base {
        Some(base) => {
            let paths = if request.paths.is_empty() {
                vec![PathBuf::from("contracts")]
            } else {
                request.paths.clone()
            };
            let commit = git::resolve_commit(base)?;
            let old = git::contract_files(&commit, &paths)?
                .into_iter()
                .map(|blob| Input {
                    shown: format!("{base}:{}", blob.path),
                    path: blob.path,
                    bytes: blob.bytes,
                })
                .collect();
            (old, working_tree(&paths)?, false)
        }
        None => {
            let [old, new] = request.paths.as_slice() else {
                return Err("expected OLD and NEW contracts, or `--base REF [PATHS…]`".to_owned());
            };
            let (old, new) = (
                working_tree(std::slice::from_ref(old))?,
                working_tree(std::slice::from_ref(new))?,
            );
            let one_pair = old.len() == 1 && new.len() == 1;
            (old, new, one_pair)
        }
    };
    let mut sources = SourceMap::default();
    let split = old_inputs.len();
    let inputs: Vec<Input> = old_inputs.into_iter().chain(new_inputs).collect();
    let (mut sides, diagnostics) = load(inputs, &mut sources);
    if diagnostics
        .iter()
        .any(|d| d.severity == diag::Severity::Error)
    {
        return Ok(Err((diagnostics, sources)));
    }
    let new = sides.split_off(split);
    let base_label = request.base.as_deref().map(|b| format!(" at {b}"));
    let pairs = if one_pair {
        vec![(sides.pop(), new.into_iter().next())]
    } else {
        pair(sides, new, base_label.as_deref().unwrap_or(""))?
    };
    let contracts = pairs
        .into_iter()
        .map(|(old, new)| compared(old, new, &sources))
        .collect();
    Ok(Ok(Report {
        base: request.base.clone(),
        sources,
        contracts,
    }))
}

/// A contract file to load, from the working tree or from git.
struct Input {
    /// Its name in the [`SourceMap`] and in messages.
    shown: String,
    /// Its path in the working tree.
    path: String,
    /// Its bytes.
    bytes: Vec<u8>,
}

/// The contract files `paths` name in the working tree.
fn working_tree(paths: &[PathBuf]) -> Result<Vec<Input>, String> {
    let files = load::contract_files(paths).map_err(|e| e.to_string())?;
    files
        .into_iter()
        .map(|file| {
            let bytes =
                std::fs::read(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
            // `./contracts/a.yaml` is `contracts/a.yaml`, as git names it.
            let path: PathBuf = file
                .components()
                .filter(|c| *c != std::path::Component::CurDir)
                .collect();
            let path = path.display().to_string();
            Ok(Input {
                shown: path.clone(),
                path,
                bytes,
            })
        })
        .collect()
}

/// Loads and checks every input on one thread per core; the sides come
/// back in the order of `inputs` (only when every input loaded), with every
/// diagnostic sorted by location.
fn load(inputs: Vec<Input>, sources: &mut SourceMap) -> (Vec<Side>, Vec<Diagnostic>) {
    let mut d = Diagnostics::default();
    let mut files = Vec::with_capacity(inputs.len());
    for input in inputs {
        if let Some(file) = load::add_source(sources, input.shown, input.bytes, &mut d) {
            files.push((file, input.path));
        }
    }
    let order: Vec<usize> = (0..files.len()).collect();
    let shared: &SourceMap = sources;
    let load_one = |(): &mut (), index: usize| {
        let mut d = Diagnostics::default();
        let contract = load::load_source(shared, files[index].0, &mut d);
        if let Some(contract) = &contract {
            eventc::check::check(contract, &mut d);
        }
        (contract.filter(|_| !d.has_errors()), d)
    };
    let (loaded, _) = eventc::pool::run(&order, || (), load_one, |()| ());
    let mut sides = Vec::with_capacity(files.len());
    for ((contract, diagnostics), (file, path)) in loaded.into_iter().zip(files) {
        d.append(diagnostics);
        sides.extend(contract.map(|contract| Side {
            file,
            path,
            contract,
        }));
    }
    (sides, d.into_sorted())
}

/// A pair of sides of one contract; either may be missing.
type Pair = (Option<Side>, Option<Side>);

/// Pairs the old and the new contracts by name, sorted by name. Two files of
/// one side with the same name are an error: neither could be told apart.
fn pair(old: Vec<Side>, new: Vec<Side>, base_label: &str) -> Result<Vec<Pair>, String> {
    use std::collections::BTreeMap;
    let mut pairs: BTreeMap<String, Pair> = BTreeMap::new();
    for (sides, is_old) in [(old, true), (new, false)] {
        for side in sides {
            let entry = pairs.entry(side.contract.name.clone()).or_default();
            let slot = if is_old { &mut entry.0 } else { &mut entry.1 };
            if let Some(first) = slot {
                let at = if is_old { base_label } else { "" };
                return Err(format!(
                    "contracts {} and {}{at} are both named `{}`: give each contract a distinct `name:`",
                    first.path, side.path, side.contract.name
                ));
            }
            *slot = Some(side);
        }
    }
    Ok(pairs.into_values().collect())
}

/// Compares the two sides of one contract. A contract on one side only is
/// reported against the start of its file.
fn compared(old: Option<Side>, new: Option<Side>, sources: &SourceMap) -> Compared {
    let start_of = |side: &Side| Some(sources.span(side.file, 0, 0));
    let (name, findings) = match (&old, &new) {
        (Some(o), Some(n)) => (
            n.contract.name.clone(),
            diff::diff(&o.contract, &n.contract),
        ),
        (None, Some(n)) => {
            let mut added = diff::contract_added(&n.contract);
            added.at(None, start_of(n));
            (n.contract.name.clone(), vec![added])
        }
        (Some(o), None) => {
            let mut removed = diff::contract_removed(&o.contract);
            removed.at(start_of(o), None);
            (o.contract.name.clone(), vec![removed])
        }
        (None, None) => (String::new(), Vec::new()),
    };
    Compared {
        name,
        old,
        new,
        findings,
    }
}
