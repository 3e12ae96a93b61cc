//! Compatibility between two versions of a contract: the rules `eventc diff`
//! applies before a change may land.
//!
//! [`diff`] compares an old and a new [`Contract`] (the IR only; nothing here
//! reads YAML) and returns [`Finding`]s, each from one rule of the catalogue
//! [`RULES`]. A finding's [`Severity`] is the rule's verdict for the readers
//! the change reaches ([`Readers`]) under the contract's compatibility policy:
//! for server→client events old clients read new messages, so widening
//! breaks; for client→server events the new server reads old messages, so
//! narrowing breaks; envelope fields and `both` events need both.
//!
//! Rendering the findings (human, JSON, GitHub, Markdown, SARIF) and reading
//! contracts from git are the command line's business, not the library's.

use crate::model::Contract;
use crate::source::Span;
use serde::Serialize;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Breaking: a reader the change reaches refuses or misreads messages.
    Error,
    /// Undecidable from the contract alone (e.g. a changed pattern).
    Warning,
    /// Safe; listed so that reviewers see it.
    Info,
}

/// Which readers a change reaches, from the directions of the events whose
/// messages carry the changed part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Readers {
    /// Clients read it (server→client events): old clients read new messages.
    Clients,
    /// The server reads it (client→server events): the new server reads old messages.
    Server,
    /// Both sides read it (`both` events, envelope fields, shared types).
    Both,
    /// No message carries it (e.g. the version number, the changelog).
    None,
}

/// A rule's documentation; `docs/diff-rules.md` is generated from these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RuleDoc {
    /// Stable kebab-case id, e.g. `field-removed`.
    pub id: &'static str,
    /// The group it belongs to (`events`, `envelope`, `fields`, `renames`,
    /// `enums`, `constraints`, `lifecycle`, `versioning`).
    pub group: &'static str,
    /// What it detects, in one sentence.
    pub detects: &'static str,
    /// Why (and for which readers) it breaks.
    pub why: &'static str,
    /// An old → new example, as contract YAML.
    pub example: &'static str,
    /// How to make the change safely.
    pub fix: &'static str,
}

/// One difference a rule found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Id of the rule that found it (a [`RuleDoc::id`]).
    pub rule: &'static str,
    /// Verdict for the readers it reaches.
    pub severity: Severity,
    /// The readers it reaches.
    pub readers: Readers,
    /// Where in the contract, e.g. `events.order_update.payload.price`.
    pub path: String,
    /// The part in the old contract, when it has one.
    pub old: Option<Span>,
    /// The part in the new contract, when it has one.
    pub new: Option<Span>,
    /// One-line statement of the difference.
    pub message: String,
    /// How to make the change safely, when the rule knows.
    pub hint: Option<String>,
    /// The reason given in the new version's changelog `acknowledges:`
    /// entry, when a team accepted this finding on purpose.
    pub acknowledged: Option<String>,
}

/// The rule catalogue, in the order of `docs/diff-rules.md`.
pub static RULES: &[RuleDoc] = &[];

/// Compares two versions of one contract and returns every finding, sorted
/// by path, then rule id.
pub fn diff(old: &Contract, new: &Contract) -> Vec<Finding> {
    let _ = (old, new);
    Vec::new()
}

impl Finding {
    /// A stable identity for the finding: 16 hex digits of a 64-bit FNV-1a
    /// hash of the rule id and the path. It does not depend on line numbers,
    /// messages or the order of findings, so a changelog can acknowledge it
    /// and CI systems can track it across runs.
    pub fn fingerprint(&self) -> String {
        const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
        const PRIME: u64 = 0x0000_0100_0000_01b3;
        let bytes = self.rule.bytes().chain([0]).chain(self.path.bytes());
        let hash = bytes.fold(OFFSET, |h, b| (h ^ u64::from(b)).wrapping_mul(PRIME));
        format!("{hash:016x}")
    }
}
