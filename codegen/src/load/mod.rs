//! Loading: bytes → YAML tree with spans → resolved [`Contract`].
//!
//! Loading does not check the contracts it resolves; [`crate::load_and_check`]
//! runs both stages. Every problem in a run is collected and returned
//! together; nothing here panics on user input.

mod direct;
mod lower;
pub mod node;
mod read;

use crate::diag::{Diagnostic, Diagnostics};
use crate::error::Error;
use crate::model::Contract;
use crate::source::{FileId, SourceMap};
use std::path::{Path, PathBuf};

/// The outcome of loading one or more contracts.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Contracts that loaded without errors (warnings allowed).
    pub contracts: Vec<Contract>,
    /// Every diagnostic, errors and warnings, sorted by location.
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == crate::diag::Severity::Error)
    }
}

/// Loads a contract from text already registered in `sources`: the resolved
/// contract when it has no errors. Loading does not check it (see
/// [`crate::load_and_check`]).
pub fn load_source(sources: &SourceMap, file: FileId, d: &mut Diagnostics) -> Option<Contract> {
    let before = d.len();
    let contract = resolve(sources, file, d)?;
    (!d.has_errors_since(before)).then_some(contract)
}

/// Parses and resolves one file: the contract as far as it could be built,
/// which may come with errors, or `None` when there is no contract to show
/// for it (unreadable YAML, no envelope).
fn resolve(sources: &SourceMap, file: FileId, d: &mut Diagnostics) -> Option<Contract> {
    let path = sources
        .get(file)
        .map(|f| f.path.clone())
        .unwrap_or_default();
    let root = match node::parse(sources, file) {
        Ok(root) => root,
        Err(e) => {
            d.push(*e);
            return None;
        }
    };
    let before = d.len();
    let contract = lower::Lowerer::new(d, &path).contract(&root)?;
    if contract.envelopes.is_empty() {
        // Every later stage reads the default envelope; its absence (or what
        // kept it from being read) is already reported.
        debug_assert!(
            d.has_errors_since(before),
            "an envelope-less contract without an error"
        );
        return None;
    }
    Some(contract)
}

/// Loads a contract from a string (tests, proc macros), without checking it.
/// The path is only used in messages.
pub fn load_str(path: &str, text: &str, sources: &mut SourceMap) -> Loaded {
    let file = sources.add(path, text);
    let mut d = Diagnostics::default();
    let contract = load_source(sources, file, &mut d);
    Loaded {
        contracts: contract.into_iter().collect(),
        diagnostics: d.into_sorted(),
    }
}

/// Loads every contract named by `paths` (files, or directories searched for
/// `*.yaml`/`*.yml`), without checking them. `Err` only when a file cannot
/// be read; problems in the contracts are in [`Loaded::diagnostics`].
pub fn load_paths(paths: &[PathBuf], sources: &mut SourceMap) -> Result<Loaded, Error> {
    load_paths_then(paths, sources, |_, _| {})
}

/// [`load_paths`], running `then` on each contract right after it is
/// resolved, on the thread that resolved it. `then` also sees contracts
/// with errors (so that one run reports every problem); a contract is kept
/// only when neither loading nor `then` reported an error.
pub(crate) fn load_paths_then(
    paths: &[PathBuf],
    sources: &mut SourceMap,
    then: impl Fn(&Contract, &mut Diagnostics) + Sync,
) -> Result<Loaded, Error> {
    let mut d = Diagnostics::default();
    let files = read_files(&contract_files(paths)?, sources, &mut d)?;
    let mut contracts = Vec::new();
    for (contract, diagnostics) in load_files(sources, &files, then) {
        d.append(diagnostics);
        contracts.extend(contract);
    }
    check_distinct_names(&contracts, &mut d);
    Ok(Loaded {
        contracts,
        diagnostics: d.into_sorted(),
    })
}

/// [`load_paths_then`] for one contract whose text is already read; `path`
/// names it in diagnostics only.
pub(crate) fn load_text_then(
    path: &str,
    text: &str,
    sources: &mut SourceMap,
    then: impl Fn(&Contract, &mut Diagnostics) + Sync,
) -> Loaded {
    let file = sources.add(path, text);
    let (contract, d) = load_files(sources, &[file], then).remove(0);
    Loaded {
        contracts: contract.into_iter().collect(),
        diagnostics: d.into_sorted(),
    }
}

/// Registers each file of `paths` in `sources`; a file that is not UTF-8 is
/// reported in `d` and left out of the result.
fn read_files(
    paths: &[PathBuf],
    sources: &mut SourceMap,
    d: &mut Diagnostics,
) -> Result<Vec<FileId>, Error> {
    let mut files = Vec::with_capacity(paths.len());
    for path in paths {
        let display = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| Error::io("read", path, e))?;
        files.extend(add_source(sources, display, bytes, d));
    }
    Ok(files)
}

/// Registers a contract's bytes in `sources` as `shown`; bytes that are not
/// UTF-8 are reported in `d` (pointing at the first bad byte) and give `None`.
pub fn add_source(
    sources: &mut SourceMap,
    shown: String,
    bytes: Vec<u8>,
    d: &mut Diagnostics,
) -> Option<FileId> {
    match String::from_utf8(bytes) {
        Ok(text) => Some(sources.add(shown, text)),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let file = sources.add(shown, lossy);
            d.push(
                Diagnostic::error(
                    "not-utf8",
                    sources.span(file, valid, valid + 1),
                    "contract is not valid UTF-8",
                )
                .label("invalid byte sequence starts here")
                .expected("UTF-8 text")
                .help("re-save the file as UTF-8"),
            );
            None
        }
    }
}

/// Loads each of `files` (and runs `then` on it, as [`load_paths_then`]
/// says) on as many threads as there are cores; the results come back in
/// the order of `files`, each with its own diagnostics.
fn load_files(
    sources: &SourceMap,
    files: &[FileId],
    then: impl Fn(&Contract, &mut Diagnostics) + Sync,
) -> Vec<(Option<Contract>, Diagnostics)> {
    let order: Vec<usize> = (0..files.len()).collect();
    let load_one = |(): &mut (), index: usize| {
        let mut d = Diagnostics::default();
        let contract = resolve(sources, files[index], &mut d).filter(|contract| {
            then(contract, &mut d);
            !d.has_errors()
        });
        (contract, d)
    };
    crate::pool::run(&order, || (), load_one, |()| ()).0
}

/// Two contracts of one run must not share a name (they would generate the same module).
fn check_distinct_names(contracts: &[Contract], d: &mut Diagnostics) {
    for (i, a) in contracts.iter().enumerate() {
        if let Some(b) = contracts[..i].iter().find(|b| b.name == a.name) {
            d.push(
                Diagnostic::error(
                    "duplicate-contract",
                    crate::source::Span::detached(),
                    format!(
                        "contracts {} and {} are both named `{}`",
                        b.path, a.path, a.name
                    ),
                )
                .help("give each contract a distinct `name:`"),
            );
        }
    }
}

/// Expands directories into their contract files, sorted; files are kept as given.
pub fn contract_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| Error::io("read directory", path, e))?
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|p| is_contract_file(p))
                .collect();
            found.sort();
            out.extend(found);
        } else if path.exists() {
            out.push(path.clone());
        } else {
            return Err(Error::NotFound(path.clone()));
        }
    }
    Ok(out)
}

fn is_contract_file(path: &Path) -> bool {
    path.is_file()
        && matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        )
}
