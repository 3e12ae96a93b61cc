//! The one error type of the library's entry points: what stopped a run.
//!
//! Contract problems keep their structure (every [`Diagnostic`] has its
//! `file:line:col`, code, message and hints) together with the text they
//! point into, so a caller — the CLI, a build script, a proc macro — can
//! inspect them or [`render`](Error::render) them as the CLI prints them.

use crate::diag::{self, Diagnostic, Format, Severity};
use crate::source::SourceMap;
use std::fmt;
use std::path::PathBuf;

/// Why loading, checking or writing did not succeed.
pub enum Error {
    /// The contracts have errors. Holds every diagnostic of the run (warnings
    /// too, sorted by location) and the sources they point into.
    Contracts {
        /// Errors and warnings, in the order the CLI prints them.
        diagnostics: Vec<Diagnostic>,
        /// The text of every file read, for rendering.
        sources: SourceMap,
    },
    /// A file or directory could not be read or written.
    Io {
        /// What was being done: `read`, `read directory`, `create`, `write`
        /// or `replace`.
        action: &'static str,
        /// The file or directory.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// A path given as a contract or directory of contracts does not exist.
    NotFound(PathBuf),
}

impl Error {
    /// An I/O failure while doing `action` on `path`.
    pub(crate) fn io(
        action: &'static str,
        path: impl Into<PathBuf>,
        source: std::io::Error,
    ) -> Self {
        Error::Io {
            action,
            path: path.into(),
            source,
        }
    }

    /// The diagnostics of a contract error (errors and warnings); empty for
    /// other errors.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Error::Contracts { diagnostics, .. } => diagnostics,
            Error::Io { .. } | Error::NotFound(_) => &[],
        }
    }

    /// The error as plain text, as the CLI prints it without colour: the
    /// annotated source snippet of every diagnostic, or the one-line message
    /// of an I/O failure.
    pub fn render(&self) -> String {
        match self {
            Error::Contracts {
                diagnostics,
                sources,
            } => diag::render(diagnostics, sources, Format::Human),
            Error::Io { .. } | Error::NotFound(_) => format!("{self}\n"),
        }
    }

    /// How many of the diagnostics are errors (not warnings).
    pub fn error_count(&self) -> usize {
        self.diagnostics()
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Contracts { .. } => {
                write!(f, "the contracts have {} error(s)", self.error_count())
            }
            Error::Io {
                action,
                path,
                source,
            } => write!(f, "cannot {action} {}: {source}", path.display()),
            Error::NotFound(path) => write!(f, "no such file or directory: {}", path.display()),
        }
    }
}

/// Shows the diagnostics, not the source texts they point into.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Contracts { diagnostics, .. } => f
                .debug_struct("Contracts")
                .field("diagnostics", diagnostics)
                .finish_non_exhaustive(),
            Error::Io {
                action,
                path,
                source,
            } => f
                .debug_struct("Io")
                .field("action", action)
                .field("path", path)
                .field("source", source)
                .finish(),
            Error::NotFound(path) => f.debug_tuple("NotFound").field(path).finish(),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            Error::Contracts { .. } | Error::NotFound(_) => None,
        }
    }
}
