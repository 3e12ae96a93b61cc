//! Rules about the contract's version and changelog, judged against what
//! the other rules found, and the matching of acknowledgements.
//!
//! A contract without a (parsable) `version:` on either side opts out of
//! the version rules: there is nothing to count.

use super::{child, Finding, Readers, RuleDoc, Severity, RULES};
use crate::model::{AckTarget, Bump, ChangelogEntry, Contract, Version};

/// `version-not-bumped`.
pub const VERSION_NOT_BUMPED: RuleDoc = RuleDoc {
    id: "version-not-bumped",
    group: "versioning",
    detects: "Some rule found a change to messages but the `version:` stayed the same.",
    why: "Readers and generated packages are told apart by version: two different protocols under one version cannot be. Documentation-only changes (descriptions, order) need no bump.",
    example: "version: \"1.2\" (a field added)  →  version: \"1.2\"",
    fix: "Bump the version (see `version-bump-insufficient` for how far) and add a changelog entry.",
};

/// `version-decreased`.
pub const VERSION_DECREASED: RuleDoc = RuleDoc {
    id: "version-decreased",
    group: "versioning",
    detects: "The new `version:` orders before the old one.",
    why: "Versions must only grow, or readers compare them the wrong way round.",
    example: "version: \"1.2\"  →  version: \"1.1\"",
    fix: "Use a version above the old one.",
};

/// `version-bump-insufficient`.
pub const VERSION_BUMP_INSUFFICIENT: RuleDoc = RuleDoc {
    id: "version-bump-insufficient",
    group: "versioning",
    detects: "The version grew less than the changes need: a breaking change (any error) needs a major bump (a minor one below 1.0), any other finding a minor bump (a patch below 1.0); documentation-only changes need none. Date versions need only grow.",
    why: "Semantic versions tell users what an upgrade costs; an understated bump hides a break.",
    example: "version: \"1.2\" (a field removed)  →  version: \"1.3\"",
    fix: "Bump as far as the changes need. A major bump alone does not let a breaking change pass: each error must also be acknowledged in the changelog entry.",
};

/// `changelog-entry-missing`.
pub const CHANGELOG_ENTRY_MISSING: RuleDoc = RuleDoc {
    id: "changelog-entry-missing",
    group: "versioning",
    detects: "The version changed and the changelog has no entry for the new version.",
    why: "The entry is where a release says what changed and acknowledges its breaking changes.",
    example: "version: \"1.3\", changelog: [{ version: \"1.2\", … }]",
    fix: "Add `{ version: \"1.3\", changes: […], acknowledges: […] }`.",
};

/// `changelog-entry-mismatch`.
pub const CHANGELOG_ENTRY_MISMATCH: RuleDoc = RuleDoc {
    id: "changelog-entry-mismatch",
    group: "versioning",
    detects: "The changelog disagrees with the versions: an entry of an already released version was edited or removed, or an entry names a version later than the contract's.",
    why: "Released history is what readers upgraded against; rewriting it, or announcing a future version, misleads them.",
    example: "changelog: [{ version: \"1.0\", changes: [A] }]  →  [{ version: \"1.0\", changes: [B] }]",
    fix: "Leave released entries as they were; add the new version's entry.",
};

/// `acknowledgement-unused`.
pub const ACKNOWLEDGEMENT_UNUSED: RuleDoc = RuleDoc {
    id: "acknowledgement-unused",
    group: "versioning",
    detects: "An `acknowledges:` item of the new version's changelog entry matches no finding.",
    why: "A stale or mistyped acknowledgement would silently accept a different break later; it must match what it excuses.",
    example: "acknowledges: [{ rule: field-removed, path: events.ping.payload.fields.x, reason: … }]  (no such finding)",
    fix: "Copy the rule id and path (or the fingerprint) from the finding `eventc diff` prints.",
};

/// Runs the version and changelog rules, given every finding of the other rules.
pub(crate) fn check(old: &Contract, new: &Contract, findings: &mut Vec<Finding>) {
    let (Some(a), Some(b)) = (version(old), version(new)) else {
        return;
    };
    let mut out = Vec::new();
    let needed = required_bump(&a, findings);
    let version_finding = if b < a {
        Some((&VERSION_DECREASED, format!("version {a} → {b}")))
    } else if b == a && needed > Bump::None {
        Some((
            &VERSION_NOT_BUMPED,
            format!("version stays {b} although messages changed"),
        ))
    } else if b > a && moved(&a, &b) < needed {
        let message = format!(
            "version {a} → {b}, but the changes need a {} bump",
            needed.name()
        );
        Some((&VERSION_BUMP_INSUFFICIENT, message))
    } else {
        None
    };
    if let Some((rule, message)) = version_finding {
        out.push(finding(rule, Severity::Error, "version", message));
    }
    if b != a && entry(new, &b).is_none() {
        let mut f = finding(
            &CHANGELOG_ENTRY_MISSING,
            Severity::Error,
            "changelog",
            format!("no changelog entry for version {b}"),
        );
        f.new = new.changelog.last().and_then(|e| super::real(Some(e.span)));
        out.push(f);
    }
    history(old, new, &a, &b, &mut out);
    findings.extend(out);
}

/// The contract's version, when it has a parsable one.
fn version(c: &Contract) -> Option<Version> {
    c.version.as_deref().and_then(Version::parse)
}

/// A versioning finding.
fn finding(rule: &RuleDoc, severity: Severity, path: &str, message: String) -> Finding {
    Finding::new(rule, severity, Readers::None, path, message)
}

/// The changelog entry for a version.
fn entry<'c>(c: &'c Contract, v: &Version) -> Option<&'c ChangelogEntry> {
    c.changelog
        .iter()
        .find(|e| e.version.as_deref().and_then(Version::parse).as_ref() == Some(v))
}

/// The bump a release after version `from` needs for `findings` (the
/// findings of every rule but the versioning ones): major for a breaking
/// change, acknowledged or not, minor for any other finding, none for a
/// change no rule reports (descriptions, order, identifiers of generated
/// code); below 1.0 every level moves down one, and a date needs only to
/// grow. `eventc diff --changelog` drafts its version from it.
pub fn required_bump(from: &Version, findings: &[Finding]) -> Bump {
    needed_for(from, needed_bump(findings))
}

/// The bump the changes need, before the version's own rules apply.
fn needed_bump(findings: &[Finding]) -> Bump {
    if findings.iter().any(|f| f.severity == Severity::Error) {
        Bump::Major
    } else if !findings.is_empty() {
        Bump::Minor
    } else {
        Bump::None
    }
}

/// The bump needed from `from`: below 1.0 every level moves down one (a
/// breaking change needs a minor bump); a date needs only to grow.
fn needed_for(from: &Version, needed: Bump) -> Bump {
    match needed {
        _ if !from.is_semver() => needed.min(Bump::Patch),
        Bump::Major if from.major() == 0 => Bump::Minor,
        Bump::Minor if from.major() == 0 => Bump::Patch,
        other => other,
    }
}

/// How far the version moved from `a` to a later `b`.
fn moved(a: &Version, b: &Version) -> Bump {
    if !a.is_semver() || !b.is_semver() {
        Bump::Patch
    } else if b.major() != a.major() {
        Bump::Major
    } else if b.minor() != a.minor() {
        Bump::Minor
    } else {
        Bump::Patch
    }
}

/// Reports released entries edited or dropped and entries from the future.
fn history(old: &Contract, new: &Contract, a: &Version, b: &Version, out: &mut Vec<Finding>) {
    let path = |e: &ChangelogEntry| {
        child(
            "changelog",
            e.version.as_deref().or(e.date.as_deref()).unwrap_or("?"),
        )
    };
    for e in &old.changelog {
        let released = e
            .version
            .as_deref()
            .and_then(Version::parse)
            .is_some_and(|v| v <= *a);
        let same = |n: &&ChangelogEntry| n.version == e.version && n.date == e.date;
        let kept = new.changelog.iter().find(same);
        let problem = match kept {
            None => "removed",
            Some(n) if n.changes != e.changes => "edited",
            Some(_) => continue,
        };
        if released {
            let message = format!("released changelog entry {problem}");
            let mut f = finding(
                &CHANGELOG_ENTRY_MISMATCH,
                Severity::Warning,
                &path(e),
                message,
            );
            f.old = super::real(Some(e.span));
            f.new = kept.and_then(|n| super::real(Some(n.span)));
            out.push(f);
        }
    }
    for e in &new.changelog {
        if e.version
            .as_deref()
            .and_then(Version::parse)
            .is_some_and(|v| v > *b)
        {
            let message = format!("entry for a version later than the contract's {b}");
            let mut f = finding(
                &CHANGELOG_ENTRY_MISMATCH,
                Severity::Warning,
                &path(e),
                message,
            );
            f.new = super::real(Some(e.span));
            out.push(f);
        }
    }
}

/// Marks the findings the new version's changelog entry acknowledges, and
/// reports acknowledgements that match none. Only a new version has a new
/// entry: when the version did not change, nothing is acknowledged.
pub(crate) fn acknowledge(old: &Contract, new: &Contract, findings: &mut Vec<Finding>) {
    let (Some(a), Some(b)) = (version(old), version(new)) else {
        return;
    };
    let Some(e) = entry(new, &b).filter(|_| a != b) else {
        return;
    };
    let mut unused = Vec::new();
    for (i, ack) in e.acknowledges.iter().enumerate() {
        let mut used = false;
        for f in findings.iter_mut().filter(|f| matches(&ack.target, f)) {
            f.acknowledged = Some(ack.reason.clone());
            used = true;
        }
        if !used {
            let path = child(
                &child(&child("changelog", b.as_str()), "acknowledges"),
                &i.to_string(),
            );
            let what = match &ack.target {
                AckTarget::RulePath { rule, path } if !RULES.iter().any(|r| r.id == rule) => {
                    format!("`{rule}` (not a rule of the catalogue) at `{path}`")
                }
                AckTarget::RulePath { rule, path } => format!("`{rule}` at `{path}`"),
                AckTarget::Fingerprint(fp) => format!("fingerprint {fp}"),
            };
            let mut f = finding(
                &ACKNOWLEDGEMENT_UNUSED,
                Severity::Warning,
                &path,
                format!("acknowledgement of {what} matches no finding"),
            );
            f.new = super::real(Some(ack.span));
            f.hint = Some(
                "copy the rule id and path, or the fingerprint, that `eventc diff` prints".into(),
            );
            unused.push(f);
        }
    }
    findings.extend(unused);
}

/// Whether an acknowledgement names a finding: by rule and path, or by its
/// fingerprint (or a prefix of it of at least 8 digits).
fn matches(target: &AckTarget, f: &Finding) -> bool {
    match target {
        AckTarget::RulePath { rule, path } => f.rule == rule && f.path == *path,
        AckTarget::Fingerprint(fp) => fp.len() >= 8 && f.fingerprint().starts_with(fp.as_str()),
    }
}
