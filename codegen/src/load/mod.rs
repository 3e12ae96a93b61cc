//! Loading: bytes → YAML tree with spans → resolved [`Contract`] → checks.
//!
//! Every problem in a run is collected and returned together; nothing here
//! panics on user input.

mod direct;
mod lower;
pub mod node;
mod read;

use crate::diag::{Diagnostic, Diagnostics};
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

/// Loads a contract from text already registered in `sources`.
pub fn load_source(sources: &SourceMap, file: FileId, d: &mut Diagnostics) -> Option<Contract> {
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
        // The rules read the default envelope; its absence (or what kept it
        // from being read) is already reported.
        debug_assert!(
            d.has_errors_since(before),
            "an envelope-less contract without an error"
        );
        return None;
    }
    crate::check::check(&contract, d);
    (!d.has_errors_since(before)).then_some(contract)
}

/// Loads a contract from a string (tests, proc macros). The path is only used in messages.
pub fn load_str(path: &str, text: &str, sources: &mut SourceMap) -> Loaded {
    let file = sources.add(path, text);
    let mut d = Diagnostics::default();
    let contract = load_source(sources, file, &mut d);
    Loaded {
        contracts: contract.into_iter().collect(),
        diagnostics: d.into_sorted(),
    }
}

/// Loads every contract named by `paths` (files, or directories searched for `*.yaml`/`*.yml`).
pub fn load_paths(paths: &[PathBuf], sources: &mut SourceMap) -> Result<Loaded, String> {
    let files = contract_files(paths)?;
    let mut d = Diagnostics::default();
    let mut contracts = Vec::new();
    let mut loaded = Vec::new();
    for path in files {
        let display = path.display().to_string();
        let bytes = std::fs::read(&path).map_err(|e| format!("cannot read {display}: {e}"))?;
        let file = match String::from_utf8(bytes) {
            Ok(text) => sources.add(display, text),
            Err(e) => {
                let valid = e.utf8_error().valid_up_to();
                let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
                let file = sources.add(display, lossy);
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
                continue;
            }
        };
        loaded.push(file);
    }
    for (contract, diagnostics) in load_sources(sources, &loaded) {
        d.append(diagnostics);
        contracts.extend(contract);
    }
    check_distinct_names(&contracts, sources, &mut d);
    Ok(Loaded {
        contracts,
        diagnostics: d.into_sorted(),
    })
}

/// Loads each of `files` on as many threads as there are cores; the results
/// come back in the order of `files`, each with its own diagnostics.
fn load_sources(sources: &SourceMap, files: &[FileId]) -> Vec<(Option<Contract>, Diagnostics)> {
    let order: Vec<usize> = (0..files.len()).collect();
    let load_one = |(): &mut (), index: usize| {
        let mut d = Diagnostics::default();
        let contract = load_source(sources, files[index], &mut d);
        (contract, d)
    };
    crate::pool::run(&order, || (), load_one, |()| ()).0
}

/// Two contracts of one run must not share a name (they would generate the same module).
fn check_distinct_names(contracts: &[Contract], _sources: &SourceMap, d: &mut Diagnostics) {
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
pub fn contract_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| format!("cannot read directory {}: {e}", path.display()))?
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|p| is_contract_file(p))
                .collect();
            found.sort();
            out.extend(found);
        } else if path.exists() {
            out.push(path.clone());
        } else {
            return Err(format!("no such file or directory: {}", path.display()));
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
