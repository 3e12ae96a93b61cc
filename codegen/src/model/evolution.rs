//! How a contract records its own evolution: renames (a window in which
//! readers accept an old spelling), tombstones (names removed for good, which
//! may not come back) and the breaking changes a change-log entry
//! acknowledges. `check` refuses what contradicts them; `diff` reads them to
//! tell a rename from a removal and an accepted break from an accident.

use crate::source::Span;
use serde::Serialize;

/// A rename of a field key, event wire name, enum value or channel address:
/// readers accept the old spelling as well as the new one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rename {
    /// The old spelling (key, wire name, enum value or address template without the prefix).
    pub from: String,
    /// Contract version in which the rename started; `None`: no later than the base version
    /// a diff compares against.
    pub since: Option<String>,
    /// Where the old spelling was written.
    pub span: Span,
}

/// A name removed from the contract, which must not be declared again (a
/// reader that still knows the old meaning would misread the new one).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tombstone {
    /// The removed name: event wire name, channel key, field key or enum value.
    pub name: String,
    /// Contract version in which it was removed.
    pub version: String,
    /// Why it was removed.
    pub reason: Option<String>,
    /// The type expression a removed field had, as written (documentation only, not resolved).
    pub ty: Option<String>,
    /// Where the tombstone was written.
    pub span: Span,
}

/// A breaking change a change-log entry accepts on purpose, so that `diff`
/// lets it pass.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Acknowledgement {
    /// Which finding of the diff it accepts.
    pub target: AckTarget,
    /// Why the break is acceptable (required: it is the record reviewers read).
    pub reason: String,
    /// Where it was written.
    pub span: Span,
}

/// The finding an [`Acknowledgement`] accepts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AckTarget {
    /// Every finding of a rule at a path of the contract (e.g. `event-removed`, `events.ping`).
    RulePath {
        /// Rule id, kebab-case.
        rule: String,
        /// Path of the contract element, as the diff prints it.
        path: String,
    },
    /// One finding, by the fingerprint the diff prints for it (lower-case hex).
    Fingerprint(String),
}
