//! eventc: WebSocket event contracts as a single source of truth.
//!
//! Pipeline: [`load`] (YAML with spans) → [`model`] (the resolved IR) →
//! [`check`] → [`emit`] | [`validate`] | [`diff`]. Every reader works
//! from the [`model::Contract`]; none re-reads YAML.
//!
//! [`load_and_check`] runs the first two stages, as the `eventc` command does
//! before it generates or validates; a build script starts there too:
//!
//! ```no_run
//! # fn main() -> Result<(), eventc::Error> {
//! let checked = eventc::load_and_check(&["contracts/bagbot.yaml".into()])?;
//! let files = eventc::emit::generate(&checked.contracts, &[&eventc::emit::rust::Rust]);
//! eventc::emit::write("generated".as_ref(), &files, false)?;
//! # Ok(())
//! # }
//! ```
//!
//! The library builds no command line: the `eventc` binary is the
//! `eventc-cli` crate.
//!
//! Facts that follow from the whole contract are computed once, in
//! [`model`], and every reader asks the model for them:
//!
//! | fact | defined by |
//! |---|---|
//! | what an envelope field carries (discriminator, payload, compression flag, derived, constant, data) | [`model::Envelope::role`] ([`model::FieldRole`]) |
//! | the payload and compression-flag fields | [`model::Envelope::payload_field`], [`model::Envelope::compression_flag_field`] |
//! | a channel's address with the contract's prefix | [`model::Channel::full_address`] (set by [`model::Contract::resolve_facts`]) |
//! | the value of a derived envelope field for an event | [`model::Contract::derived_value`] |
//! | what a type reference stands for through aliases; whether it is a string | [`model::Contract::resolve`], [`model::Contract::is_string_valued`] |
//! | recursion (what must be boxed), comparability, finiteness, tagged-union variants | [`model::TypeGraph`] in [`model::Contract::graph`] |
//! | who sends the messages carrying a type or envelope shape (who reads a change to it) | [`model::Usage`] |
//!
//! Emitters are [`emit::Target`]s registered in [`emit::TARGETS`]: each
//! gives its naming rules (which [`check`] asks for) and cuts its work into
//! jobs for one shared pool of threads.

pub mod build;
pub mod check;
pub mod diag;
pub mod diff;
pub mod emit;
mod error;
pub mod load;
pub mod model;
pub mod naming;
pub mod pool;
pub mod source;
pub mod validate;

pub use error::Error;

use diag::Diagnostic;
use model::Contract;
use source::SourceMap;
use std::path::PathBuf;

/// Contracts that loaded and passed every check.
#[derive(Debug)]
pub struct Checked {
    /// One contract per file, in the order the files were named (a
    /// directory's files sorted by name).
    pub contracts: Vec<Contract>,
    /// Warnings, sorted by location (they do not stop a run).
    pub warnings: Vec<Diagnostic>,
    /// The text of every file read, which the warnings point into.
    pub sources: SourceMap,
}

/// Loads every contract named by `paths` (files, or directories searched for
/// `*.yaml`/`*.yml`) and checks each one: both stages of the front end, with
/// every problem of every file reported together.
///
/// Files are loaded and checked in parallel, one per core. `Err` holds every
/// diagnostic (with the sources to render them) when any contract has an
/// error, or the I/O failure that stopped the run.
pub fn load_and_check(paths: &[PathBuf]) -> Result<Checked, Error> {
    let mut sources = SourceMap::default();
    let loaded = load::load_paths_then(paths, &mut sources, check::check)?;
    checked(loaded, sources)
}

/// [`load_and_check`] for one contract whose text the caller has read (a
/// proc macro reading a file of its crate): `path` names the contract in
/// diagnostics only, so they can show a path relative to the crate.
pub fn load_and_check_text(path: &str, text: &str) -> Result<Checked, Error> {
    let mut sources = SourceMap::default();
    let loaded = load::load_text_then(path, text, &mut sources, check::check);
    checked(loaded, sources)
}

/// The contracts of a checked load, or every diagnostic when one is an error.
fn checked(loaded: load::Loaded, sources: SourceMap) -> Result<Checked, Error> {
    if loaded.has_errors() {
        return Err(Error::Contracts {
            diagnostics: loaded.diagnostics,
            sources,
        });
    }
    Ok(Checked {
        contracts: loaded.contracts,
        warnings: loaded.diagnostics,
        sources,
    })
}
