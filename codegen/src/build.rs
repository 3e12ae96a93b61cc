//! Generating Rust from a build script (`build.rs`), in the style of
//! `prost-build`: the contracts are read and checked when the crate builds,
//! and the crate includes the modules from `OUT_DIR`.
//!
//! ```no_run
//! // build.rs (with `eventc` under [build-dependencies])
//! fn main() -> Result<(), eventc::build::Error> {
//!     eventc::build::Builder::new()
//!         .contract("contracts/bagbot.yaml")
//!         .type_attribute("WorkerHeartbeat", "#[derive(Eq, Hash)]")
//!         .generate()?;
//!     Ok(())
//! }
//! ```
//!
//! ```ignore
//! // src/lib.rs: the file holds `pub mod bagbot { … }`
//! include!(concat!(env!("OUT_DIR"), "/bagbot.rs"));
//! ```
//!
//! The modules are those of `eventc generate` (the one Rust emitter, see
//! [`crate::emit::rust`]) in the [`Layout::Include`] form: each file is one
//! `mod` item with outer docs, which `include!` accepts where the crate
//! form's inner `//!` docs are refused (error E0753). The generated code
//! depends on `serde` and `serde_json` (plus `flate2` and `base64` when a
//! contract compresses payloads), which the crate must depend on.

use crate::emit::rust::{self, Configured, Layout, Options, TypeAttribute};
use crate::emit::{self, GeneratedFile};
use crate::model::Contract;
use std::fmt;
use std::path::{Path, PathBuf};

/// The placeholder of [`Builder::file_name`] replaced by the module name.
pub const MODULE: &str = "{module}";

/// Generates one Rust module per contract into a directory (`OUT_DIR` by
/// default). Set it up with the `&mut self` methods, then call
/// [`Builder::generate`].
#[derive(Debug, Clone)]
pub struct Builder {
    /// Contract files and directories, in the order given.
    contracts: Vec<PathBuf>,
    /// Where the files go; `OUT_DIR` when `None`.
    out_dir: Option<PathBuf>,
    /// The file name of each module, with [`MODULE`] standing for its name.
    file_name: String,
    /// The options of the Rust emitter.
    options: Options,
    /// Whether to print `cargo:rerun-if-changed` lines.
    rerun_if_changed: bool,
}

impl Default for Builder {
    fn default() -> Self {
        Self::new()
    }
}

impl Builder {
    /// A builder with no contract yet, writing `<module>.rs` files of `pub`
    /// modules into `OUT_DIR` and printing `cargo:rerun-if-changed` lines.
    pub fn new() -> Self {
        Builder {
            contracts: Vec::new(),
            out_dir: None,
            file_name: format!("{MODULE}.rs"),
            options: Options {
                layout: Layout::Include {
                    visibility: "pub".to_owned(),
                },
                type_attributes: Vec::new(),
            },
            rerun_if_changed: true,
        }
    }

    /// Adds a contract file, or a directory whose `*.yaml`/`*.yml` files are
    /// all contracts. A relative path is relative to the build script's
    /// working directory, which Cargo sets to the crate's root.
    ///
    /// ```no_run
    /// eventc::build::Builder::new()
    ///     .contract("contracts/bagbot.yaml")
    ///     .contract("contracts/wse.yaml")
    ///     .generate()?;
    /// # Ok::<(), eventc::build::Error>(())
    /// ```
    pub fn contract(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.contracts.push(path.as_ref().to_path_buf());
        self
    }

    /// Adds every contract file or directory of `paths`, as
    /// [`Builder::contract`] does for one.
    ///
    /// ```no_run
    /// eventc::build::Builder::new()
    ///     .contracts(["contracts/bagbot.yaml", "contracts/wse.yaml"])
    ///     .generate()?;
    /// # Ok::<(), eventc::build::Error>(())
    /// ```
    pub fn contracts<P: AsRef<Path>>(&mut self, paths: impl IntoIterator<Item = P>) -> &mut Self {
        for path in paths {
            self.contract(path);
        }
        self
    }

    /// Writes the files into `dir` instead of `OUT_DIR` (created if missing).
    ///
    /// ```no_run
    /// eventc::build::Builder::new()
    ///     .contract("contracts/bagbot.yaml")
    ///     .out_dir("src/generated")
    ///     .generate()?;
    /// # Ok::<(), eventc::build::Error>(())
    /// ```
    pub fn out_dir(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// How each module's file is named: `pattern` with `{module}` replaced
    /// by the module name (the contract's name in snake case). The default
    /// is `{module}.rs`; every contract's file must get a distinct name.
    ///
    /// ```no_run
    /// // writes $OUT_DIR/bagbot_events.rs
    /// eventc::build::Builder::new()
    ///     .contract("contracts/bagbot.yaml")
    ///     .file_name("{module}_events.rs")
    ///     .generate()?;
    /// # Ok::<(), eventc::build::Error>(())
    /// ```
    pub fn file_name(&mut self, pattern: &str) -> &mut Self {
        self.file_name = pattern.to_owned();
        self
    }

    /// Adds an outer attribute to generated types: `types` is a contract
    /// type name (as written under `types:`), or `*` for every struct and
    /// enum made from the contract's types. The attribute comes after the
    /// type's own `#[derive(…)]`, so it can add derives (`#[derive(Hash)]`)
    /// and helper attributes of derives (`#[serde(…)]`, `#[schemars(…)]`).
    ///
    /// Structs derive `Debug`, `Clone` and, unless they hold raw JSON,
    /// `PartialEq`; enums of values derive `Debug`, `Clone`, `PartialEq`,
    /// `Eq`, `Hash` (and `Copy` when closed). Deriving one of those again,
    /// or a trait a field's type lacks, fails to compile.
    ///
    /// ```no_run
    /// eventc::build::Builder::new()
    ///     .contract("contracts/bagbot.yaml")
    ///     .type_attribute("WorkerHeartbeat", "#[derive(Eq, Hash)]")
    ///     .type_attribute("*", "#[derive(schemars::JsonSchema)]")
    ///     .generate()?;
    /// # Ok::<(), eventc::build::Error>(())
    /// ```
    pub fn type_attribute(&mut self, types: &str, attribute: &str) -> &mut Self {
        self.options.type_attributes.push(TypeAttribute {
            types: types.to_owned(),
            attribute: attribute.to_owned(),
        });
        self
    }

    /// The visibility of each contract's module: `pub` (the default),
    /// `pub(crate)`, `pub(super)`, or `""` for a private module. Items inside
    /// the module are `pub`, so the module's visibility is theirs.
    ///
    /// ```no_run
    /// eventc::build::Builder::new()
    ///     .contract("contracts/bagbot.yaml")
    ///     .visibility("pub(crate)")
    ///     .generate()?;
    /// # Ok::<(), eventc::build::Error>(())
    /// ```
    pub fn visibility(&mut self, visibility: &str) -> &mut Self {
        self.options.layout = Layout::Include {
            visibility: visibility.to_owned(),
        };
        self
    }

    /// Whether [`Builder::generate`] prints `cargo:rerun-if-changed` for
    /// each contract file and directory it reads (the default), so that
    /// Cargo runs the build script again when one changes, and only then.
    ///
    /// ```no_run
    /// eventc::build::Builder::new()
    ///     .contract("contracts/bagbot.yaml")
    ///     .emit_rerun_if_changed(false)
    ///     .generate()?;
    /// # Ok::<(), eventc::build::Error>(())
    /// ```
    pub fn emit_rerun_if_changed(&mut self, yes: bool) -> &mut Self {
        self.rerun_if_changed = yes;
        self
    }

    /// Loads and checks the contracts, then writes one module per contract,
    /// each file only when its bytes change (so an unchanged contract does
    /// not rebuild the crate). Warnings are printed as `cargo:warning` lines.
    ///
    /// On error nothing is written, and the [`Error`] renders (with
    /// [`Error::render`], `Display` of its diagnostics, or `Debug`, which
    /// `fn main() -> Result<…>` prints) every diagnostic as `eventc check`
    /// prints it.
    ///
    /// ```no_run
    /// fn main() -> Result<(), eventc::build::Error> {
    ///     eventc::build::Builder::new()
    ///         .contract("contracts/bagbot.yaml")
    ///         .generate()?;
    ///     Ok(())
    /// }
    /// ```
    pub fn generate(&self) -> Result<Generated, Error> {
        if self.contracts.is_empty() {
            return Err(Error::NoContracts);
        }
        if let Some((text, reason)) = self.options.invalid_attribute() {
            return Err(Error::InvalidOption { text, reason });
        }
        let out_dir = self.output_dir()?;
        let watched = self.watched()?;
        if self.rerun_if_changed {
            for path in &watched {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
        let checked = crate::load_and_check(&self.contracts).map_err(Error::Contracts)?;
        for warning in &checked.warnings {
            let text = crate::diag::render(
                std::slice::from_ref(warning),
                &checked.sources,
                crate::diag::Format::Human,
            );
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                println!("cargo:warning={line}");
            }
        }
        let files = self.files(&checked.contracts)?;
        let report = emit::write(&out_dir, &files, false).map_err(Error::Contracts)?;
        Ok(Generated {
            modules: files.iter().map(|f| out_dir.join(&f.path)).collect(),
            written: report.changed.into_iter().chain(report.created).collect(),
            watched,
        })
    }

    /// The output directory: the one given, else `OUT_DIR`.
    fn output_dir(&self) -> Result<PathBuf, Error> {
        match &self.out_dir {
            Some(dir) => Ok(dir.clone()),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or(Error::NoOutDir),
        }
    }

    /// Every path the build depends on: each directory given and each
    /// contract file in it, and each file given.
    fn watched(&self) -> Result<Vec<PathBuf>, Error> {
        let mut watched = Vec::new();
        for path in &self.contracts {
            if path.is_dir() {
                watched.push(path.clone());
            }
            let files = crate::load::contract_files(std::slice::from_ref(path))
                .map_err(Error::Contracts)?;
            watched.extend(files);
        }
        Ok(watched)
    }

    /// The module of each contract, under the file name asked for.
    fn files(&self, contracts: &[Contract]) -> Result<Vec<GeneratedFile>, Error> {
        let modules = emit::generate_target(contracts, &Configured(&self.options));
        let mut files: Vec<GeneratedFile> = Vec::with_capacity(modules.len());
        for (contract, module) in contracts.iter().zip(modules) {
            let path = PathBuf::from(self.file_name.replace(MODULE, &rust::module_name(contract)));
            if files.iter().any(|f| f.path == path) {
                return Err(Error::SameFile {
                    path,
                    pattern: self.file_name.clone(),
                });
            }
            files.push(GeneratedFile {
                path,
                contents: module.contents,
            });
        }
        Ok(files)
    }
}

/// What [`Builder::generate`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The file of each contract's module, in the order of the contracts.
    pub modules: Vec<PathBuf>,
    /// The files written because they were missing or had changed.
    pub written: Vec<PathBuf>,
    /// The contract files and directories the build depends on.
    pub watched: Vec<PathBuf>,
}

/// Why [`Builder::generate`] failed.
///
/// `Debug` prints the same text as [`Error::render`], so a build script's
/// `fn main() -> Result<(), eventc::build::Error>` shows the diagnostics as
/// `eventc check` prints them.
pub enum Error {
    /// The contracts have errors, or reading or writing a file failed.
    Contracts(crate::Error),
    /// No contract was given.
    NoContracts,
    /// No output directory was given and `OUT_DIR` is not set (the builder
    /// runs outside a build script).
    NoOutDir,
    /// An attribute or the visibility is not Rust.
    InvalidOption {
        /// The text given.
        text: String,
        /// What the Rust parser said.
        reason: String,
    },
    /// Two contracts would be written to the same file.
    SameFile {
        /// The file.
        path: PathBuf,
        /// The file name pattern.
        pattern: String,
    },
}

impl Error {
    /// The error as `eventc check` prints it: every diagnostic with its
    /// `file:line:col`, source snippet and hint, or a one-line message.
    pub fn render(&self) -> String {
        match self {
            Error::Contracts(e) => e.render(),
            _ => format!("error: {self}\n"),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Contracts(e) => write!(f, "{e}"),
            Error::NoContracts => f.write_str("no contract given: call `contract(…)` first"),
            Error::NoOutDir => f.write_str(
                "OUT_DIR is not set (not in a build script): call `out_dir(…)` to choose a directory",
            ),
            Error::InvalidOption { text, reason } => {
                write!(f, "`{text}` is not a Rust attribute or visibility: {reason}")
            }
            Error::SameFile { path, pattern } => write!(
                f,
                "two contracts would both be written to {} (file name `{pattern}`): put `{MODULE}` in it",
                path.display()
            ),
        }
    }
}

/// The rendered diagnostics, as [`Error::render`].
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.render().trim_end())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Contracts(e) => Some(e),
            _ => None,
        }
    }
}
