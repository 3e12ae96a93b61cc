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

mod constraints;
pub mod docs;
mod enums;
mod envelope;
mod events;
mod fields;
mod lifecycle;
mod matching;
mod renames;
pub mod severity;
mod versioning;
mod walk;

pub use events::{contract_added, contract_removed};
pub use versioning::required_bump;

use crate::model::{Contract, TypeId, Usage};
use crate::source::Span;
use rustc_hash::FxHashSet;
use serde::Serialize;
use severity::Change;

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
pub static RULES: &[RuleDoc] = &[
    events::CONTRACT_REMOVED,
    events::CONTRACT_ADDED,
    events::CHANNEL_REMOVED,
    events::CHANNEL_ADDED,
    events::CHANNEL_ADDRESS_CHANGED,
    events::EVENT_REMOVED,
    events::EVENT_ADDED,
    events::EVENT_WIRE_NAME_CHANGED,
    events::EVENT_DIRECTION_CHANGED,
    events::EVENT_CHANNEL_CHANGED,
    events::EVENT_ENVELOPE_CHANGED,
    events::EVENT_PAYLOAD_CHANGED,
    events::UNKNOWN_EVENTS_CHANGED,
    envelope::DISCRIMINATOR_KEY_CHANGED,
    envelope::PAYLOAD_KEY_CHANGED,
    envelope::CONST_VALUE_CHANGED,
    envelope::DERIVED_FIELD_RULE_CHANGED,
    envelope::COMPRESSION_CHANGED,
    envelope::DEFAULT_CHANGED,
    fields::FIELD_ADDED_OPTIONAL,
    fields::FIELD_ADDED_REQUIRED,
    fields::FIELD_REMOVED,
    fields::FIELD_REMOVED_WITHOUT_DEPRECATION,
    fields::FIELD_BECAME_REQUIRED,
    fields::FIELD_BECAME_OPTIONAL,
    fields::FIELD_BECAME_NULLABLE,
    fields::FIELD_BECAME_NON_NULLABLE,
    fields::FIELD_TYPE_CHANGED,
    fields::FIELD_TYPE_WIDENED,
    fields::FIELD_TYPE_NARROWED,
    fields::FIELD_CARDINALITY_CHANGED,
    fields::TIMESTAMP_ENCODING_CHANGED,
    fields::ALIAS_ADDED,
    fields::ALIAS_REMOVED,
    fields::OBJECT_CLOSED,
    fields::OBJECT_OPENED,
    fields::INTEGER_BEYOND_JS_PRECISION,
    renames::FIELD_RENAMED_UNDECLARED,
    renames::RENAME_STARTED,
    renames::RENAME_MISMATCH,
    renames::RENAME_OLD_KEY_DROPPED_EARLY,
    renames::RENAME_FINISHED,
    enums::ENUM_VALUE_ADDED,
    enums::ENUM_VALUE_REMOVED,
    enums::ENUM_VALUE_RENAMED,
    enums::ENUM_OPENNESS_CHANGED,
    enums::FIELD_BECAME_ENUM_OR_CONST,
    constraints::CONSTRAINT_TIGHTENED,
    constraints::CONSTRAINT_RELAXED,
    constraints::PATTERN_CHANGED,
    constraints::UNION_VARIANT_ADDED,
    constraints::UNION_VARIANT_REMOVED,
    constraints::UNION_DETECTION_CHANGED,
    lifecycle::DEPRECATION_INVALID,
    lifecycle::REMOVED_BEFORE_DEPRECATION,
    lifecycle::RESERVED_REUSED,
    lifecycle::TOMBSTONE_REMOVED,
    lifecycle::TOMBSTONE_ADDED,
    lifecycle::UNUSED_TYPE_REMOVED,
    lifecycle::UNUSED_TYPE_ADDED,
    versioning::VERSION_NOT_BUMPED,
    versioning::VERSION_DECREASED,
    versioning::VERSION_BUMP_INSUFFICIENT,
    versioning::CHANGELOG_ENTRY_MISSING,
    versioning::CHANGELOG_ENTRY_MISMATCH,
    versioning::ACKNOWLEDGEMENT_UNUSED,
];

/// Compares two versions of one contract and returns every finding, sorted
/// by path, then rule id.
///
/// The rules about the messages run first; the versioning rules then judge
/// the version bump against what they found, and the new version's
/// changelog acknowledgements are matched last.
pub fn diff(old: &Contract, new: &Contract) -> Vec<Finding> {
    let mut cx = Ctx::new(old, new);
    events::check(&mut cx);
    envelope::check(&mut cx);
    walk::unreached_types(&mut cx);
    lifecycle::check(&mut cx);
    let mut findings = cx.finish();
    versioning::check(old, new, &mut findings);
    versioning::acknowledge(old, new, &mut findings);
    sort(&mut findings);
    findings
}

/// Sorts findings by path, then rule id, then message (deterministic output).
fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (a.path.as_str(), a.rule, a.message.as_str()).cmp(&(
            b.path.as_str(),
            b.rule,
            b.message.as_str(),
        ))
    });
}

/// What every rule reads and writes while two contracts are compared.
pub(crate) struct Ctx<'a> {
    /// The contract before the change.
    pub old: &'a Contract,
    /// The contract after the change.
    pub new: &'a Contract,
    old_usage: Usage,
    new_usage: Usage,
    findings: Vec<Finding>,
    /// Pairs of named types already compared: recursion and types shared by
    /// several events are compared (and reported) once.
    compared: FxHashSet<(TypeId, TypeId)>,
    /// The old and the new types some comparison entered.
    entered: (FxHashSet<TypeId>, FxHashSet<TypeId>),
}

impl<'a> Ctx<'a> {
    fn new(old: &'a Contract, new: &'a Contract) -> Self {
        Ctx {
            old,
            new,
            old_usage: Usage::of(old),
            new_usage: Usage::of(new),
            findings: Vec::new(),
            compared: FxHashSet::default(),
            entered: Default::default(),
        }
    }

    /// Who reads messages carrying the old type or the new one.
    pub fn type_readers(&self, old: &TypeId, new: &TypeId) -> Readers {
        let senders = self
            .old_usage
            .type_senders(old)
            .union(self.new_usage.type_senders(new));
        Readers::of(senders)
    }

    /// Who reads messages in the old envelope shape or the new one.
    pub fn envelope_readers(&self, old: &str, new: &str) -> Readers {
        let senders = self
            .old_usage
            .envelope_senders(old)
            .union(self.new_usage.envelope_senders(new));
        Readers::of(senders)
    }

    /// Whether the pair of named types is compared for the first time (and marks it).
    pub fn first_visit(&mut self, old: &TypeId, new: &TypeId) -> bool {
        self.entered.0.insert(old.clone());
        self.entered.1.insert(new.clone());
        self.compared.insert((old.clone(), new.clone()))
    }

    /// Whether some comparison already entered the old type.
    pub fn old_type_visited(&self, old: &TypeId) -> bool {
        self.entered.0.contains(old)
    }

    /// Whether some comparison already entered the new type.
    pub fn new_type_visited(&self, new: &TypeId) -> bool {
        self.entered.1.contains(new)
    }

    /// Records a finding whose verdict follows from the change and its readers.
    pub fn report(
        &mut self,
        rule: &RuleDoc,
        change: Change,
        readers: Readers,
        path: &str,
        message: String,
    ) -> &mut Finding {
        self.report_as(
            rule,
            severity::severity(change, readers),
            readers,
            path,
            message,
        )
    }

    /// Records a finding with a fixed verdict (lifecycle and policy rules).
    pub fn report_as(
        &mut self,
        rule: &RuleDoc,
        severity: Severity,
        readers: Readers,
        path: &str,
        message: String,
    ) -> &mut Finding {
        let at = self.findings.len();
        self.findings
            .push(Finding::new(rule, severity, readers, path, message));
        &mut self.findings[at]
    }

    /// The findings, sorted, with findings of one rule at one path merged.
    fn finish(self) -> Vec<Finding> {
        let mut findings = self.findings;
        sort(&mut findings);
        let mut merged: Vec<Finding> = Vec::with_capacity(findings.len());
        for f in findings {
            match merged.last_mut() {
                Some(last) if last.rule == f.rule && last.path == f.path => last.absorb(f),
                _ => merged.push(f),
            }
        }
        merged
    }
}

/// Appends a key to a path: `parent.key`, or `parent["key"]` when the key
/// holds anything but ASCII letters, digits, `_` and `-`.
pub(crate) fn child(parent: &str, key: &str) -> String {
    let plain = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    match (parent.is_empty(), plain) {
        (true, true) => key.to_owned(),
        (false, true) => format!("{parent}.{key}"),
        (_, false) => {
            let quoted = key.replace('\\', "\\\\").replace('"', "\\\"");
            format!("{parent}[\"{quoted}\"]")
        }
    }
}

/// The path of a named type: `types.<Name>`.
pub(crate) fn type_path(id: &TypeId) -> String {
    child("types", id.as_str())
}

/// A span, when it points into a file.
fn real(span: Option<Span>) -> Option<Span> {
    span.filter(Span::is_real)
}

impl Finding {
    /// A finding without spans, hint or acknowledgement.
    pub fn new(
        rule: &RuleDoc,
        severity: Severity,
        readers: Readers,
        path: &str,
        message: String,
    ) -> Finding {
        Finding {
            rule: rule.id,
            severity,
            readers,
            path: path.to_owned(),
            old: None,
            new: None,
            message,
            hint: None,
            acknowledged: None,
        }
    }

    /// Sets where the part is in the old and the new contract (spans that
    /// point into no file are dropped).
    pub fn at(&mut self, old: Option<Span>, new: Option<Span>) -> &mut Finding {
        self.old = real(old);
        self.new = real(new);
        self
    }

    /// Sets the hint.
    pub fn hint(&mut self, hint: impl Into<String>) -> &mut Finding {
        self.hint = Some(hint.into());
        self
    }

    /// Whether the finding stops a change: an error nobody acknowledged.
    pub fn fails(&self) -> bool {
        self.severity == Severity::Error && self.acknowledged.is_none()
    }

    /// Folds another finding of the same rule at the same path into this one:
    /// the graver verdict, both messages.
    fn absorb(&mut self, other: Finding) {
        self.severity = self.severity.min(other.severity);
        self.readers = self.readers.union(other.readers);
        if !self.message.contains(&other.message) {
            self.message = format!("{}; {}", self.message, other.message);
        }
        self.old = self.old.or(other.old);
        self.new = self.new.or(other.new);
        self.hint = self.hint.take().or(other.hint);
    }

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
