//! `--changelog`: a draft changelog entry per changed contract, in the
//! contract's own YAML syntax, ready to paste under its `changelog:`.
//!
//! The suggested version is the old one bumped as far as the diff's own
//! versioning rules require ([`eventc::diff::required_bump`]), so that the
//! pasted entry satisfies them; a date version becomes today. Every
//! unacknowledged breaking change gets an `acknowledges:` entry whose
//! reason is left for the team to write. Findings about the version and the
//! changelog themselves (the `versioning` rules) are left out: the drafted
//! entry is what settles them.

use super::{Compared, Report};
use eventc::diff::{required_bump, Finding, Severity, RULES};
use eventc::model::{Bump, Version};
use std::fmt::Write;

/// The placeholder reason of a drafted acknowledgement.
const REASON: &str = "<why this break is acceptable>";

/// A draft entry for every changed contract, `today` as its date.
pub fn render(report: &Report, today: &str) -> String {
    let mut out = String::new();
    for compared in &report.contracts {
        entry(compared, today, &mut out);
    }
    out
}

/// The draft for one contract (a comment when there is nothing to draft).
fn entry(compared: &Compared, today: &str, out: &mut String) {
    let name = &compared.name;
    let (Some(old), Some(_)) = (&compared.old, &compared.new) else {
        let what = if compared.new.is_some() {
            "new contract: nothing to compare it with"
        } else {
            "deleted: no contract left to hold a changelog"
        };
        let _ = writeln!(out, "# {name}: {what}\n");
        return;
    };
    let findings: Vec<&Finding> = compared
        .findings
        .iter()
        .filter(|f| !is_versioning(f))
        .collect();
    if findings.is_empty() {
        let _ = writeln!(out, "# {name}: no changes\n");
        return;
    }
    let previous = old.contract.version.as_deref().or_else(|| {
        old.contract
            .changelog
            .iter()
            .rev()
            .find_map(|e| e.version.as_deref())
    });
    let owned: Vec<Finding> = findings.iter().map(|f| (*f).clone()).collect();
    let (version, bump) = next_version(previous, &owned, today);
    let level = match bump {
        Bump::Major => "major: breaking changes",
        Bump::Minor => "minor: compatible changes",
        Bump::Patch | Bump::None => "patch",
    };
    let _ = writeln!(
        out,
        "# {name}: {} -> {version} ({level}); add under `changelog:` and set `version: {}`",
        previous.unwrap_or("no version"),
        quoted(&version)
    );
    let _ = writeln!(out, "- version: {}", quoted(&version));
    let _ = writeln!(out, "  date: {}", quoted(today));
    let _ = writeln!(out, "  changes:");
    for finding in &findings {
        let _ = writeln!(out, "    - {}", quoted(&change_line(finding)));
    }
    let unacknowledged: Vec<&&Finding> = findings.iter().filter(|f| f.fails()).collect();
    if !unacknowledged.is_empty() {
        let _ = writeln!(out, "  acknowledges:");
        for finding in unacknowledged {
            let _ = writeln!(
                out,
                "    - {{ rule: {}, path: {}, reason: {} }}",
                finding.rule,
                quoted(&finding.path),
                quoted(REASON)
            );
        }
    }
    out.push('\n');
}

/// Whether a finding is about the version or the changelog, which the
/// drafted entry settles.
fn is_versioning(finding: &Finding) -> bool {
    RULES
        .iter()
        .any(|r| r.id == finding.rule && r.group == "versioning")
}

/// One line of `changes:` for a finding.
fn change_line(finding: &Finding) -> String {
    match (finding.severity, &finding.acknowledged) {
        (Severity::Error, _) => format!("BREAKING: {}", finding.message),
        _ => finding.message.clone(),
    }
}

/// The version after `previous` that `findings` require, and the bump it
/// is: the bump the diff's versioning rules ask for, or `today` in the same
/// precision for a date version; `1.0` when there is no version or one that
/// is neither.
fn next_version(previous: Option<&str>, findings: &[Finding], today: &str) -> (String, Bump) {
    let Some(previous) = previous.and_then(Version::parse) else {
        return ("1.0".to_owned(), Bump::Major);
    };
    let bump = required_bump(&previous, findings);
    let next = previous.bumped(bump).unwrap_or_else(|| {
        let text = previous.as_str();
        today.get(..text.len()).unwrap_or(today).to_owned()
    });
    (next, bump)
}

/// A YAML double-quoted scalar.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Today's date (UTC) as `YYYY-MM-DD`; `SOURCE_DATE_EPOCH` (seconds since
/// 1970), when set, stands for now, for reproducible output.
pub fn today() -> String {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
        });
    let (year, month, day) = civil_date(seconds / 86_400);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The proleptic Gregorian date `days` days after 1970-01-01 (Howard
/// Hinnant's `civil_from_days`).
fn civil_date(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use eventc::diff::Readers;

    #[test]
    fn the_drafted_version_is_the_one_the_versioning_rules_require() {
        let none: &[Finding] = &[];
        let next = |v| next_version(Some(v), none, "2026-03-09").0;
        assert_eq!(next("1.4.2"), "1.4.2");
        assert_eq!(next("2025-11"), "2026-03");
        assert_eq!(next("2025-11-30"), "2026-03-09");
        assert_eq!(next("latest"), "1.0");
        assert_eq!(next_version(None, none, "2026-03-09").0, "1.0");
        let finding = |severity| {
            let rule = RULES
                .iter()
                .find(|r| r.id == "field-removed")
                .expect("a rule");
            vec![Finding::new(
                rule,
                severity,
                Readers::Both,
                "events.x",
                String::new(),
            )]
        };
        let after = |v, severity| next_version(Some(v), &finding(severity), "2026-03-09");
        assert_eq!(
            after("1.4.2", Severity::Error),
            ("2.0.0".to_owned(), Bump::Major)
        );
        assert_eq!(
            after("1.4.2", Severity::Info),
            ("1.5.0".to_owned(), Bump::Minor)
        );
        assert_eq!(
            after("0.3", Severity::Error),
            ("0.4".to_owned(), Bump::Minor)
        );
    }

    #[test]
    fn days_become_calendar_dates() {
        assert_eq!(civil_date(0), (1970, 1, 1));
        assert_eq!(civil_date(19_782), (2024, 2, 29));
        assert_eq!(civil_date(20_520), (2026, 3, 8));
    }

    #[test]
    fn quoted_scalars_escape_what_yaml_would_read() {
        assert_eq!(quoted(r#"a "b" \ c"#), r#""a \"b\" \\ c""#);
        assert_eq!(quoted("x\ny\t"), "\"x\\ny\\u0009\"");
    }
}
