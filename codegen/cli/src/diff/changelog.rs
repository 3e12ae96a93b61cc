//! `--changelog`: a draft changelog entry per changed contract, in the
//! contract's own YAML syntax, ready to paste under its `changelog:`.
//!
//! The suggested version is the old one bumped by what changed: major when
//! a breaking change is not acknowledged yet, patch when no message carries
//! any of the changes (descriptions, the changelog itself), minor otherwise.
//! Every unacknowledged breaking change gets an `acknowledges:` entry whose
//! reason is left for the team to write. Findings about the version and the
//! changelog themselves (the `versioning` rules) are left out: the drafted
//! entry is what settles them.

use super::{Compared, Report};
use eventc::diff::{Finding, Readers, Severity, RULES};
use std::fmt::Write;

/// How much a version moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Bump {
    Patch,
    Minor,
    Major,
}

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
    let Some(bump) = bump(&findings) else {
        let _ = writeln!(out, "# {name}: no changes\n");
        return;
    };
    let previous = old.contract.version.as_deref().or_else(|| {
        old.contract
            .changelog
            .iter()
            .rev()
            .find_map(|e| e.version.as_deref())
    });
    let version = next_version(previous, bump, today);
    let level = match bump {
        Bump::Major => "major: breaking changes not acknowledged yet",
        Bump::Minor => "minor: compatible changes",
        Bump::Patch => "patch: no message changes",
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

/// The bump the findings call for; `None` when there are none.
fn bump(findings: &[&Finding]) -> Option<Bump> {
    findings
        .iter()
        .map(|f| {
            if f.fails() {
                Bump::Major
            } else if f.readers == Readers::None && f.severity == Severity::Info {
                Bump::Patch
            } else {
                Bump::Minor
            }
        })
        .max()
}

/// One line of `changes:` for a finding.
fn change_line(finding: &Finding) -> String {
    match (finding.severity, &finding.acknowledged) {
        (Severity::Error, _) => format!("BREAKING: {}", finding.message),
        _ => finding.message.clone(),
    }
}

/// `previous` moved by `bump`: `1.4.2` → `2.0.0` / `1.5.0` / `1.4.3`,
/// keeping its number of parts (at least two for a minor bump, three for a
/// patch) and a leading `v`; a pre-release or build suffix is dropped. A
/// date version becomes `today` in the same precision; no version or one
/// that is neither starts at `1.0`.
fn next_version(previous: Option<&str>, bump: Bump, today: &str) -> String {
    let Some(previous) = previous else {
        return "1.0".to_owned();
    };
    if is_date(previous) {
        return today
            .get(..previous.len().min(today.len()))
            .unwrap_or(today)
            .to_owned();
    }
    let (prefix, rest) = match previous.strip_prefix('v') {
        Some(rest) => ("v", rest),
        None => ("", previous),
    };
    let core = rest.split(['-', '+']).next().unwrap_or(rest);
    let numbers: Option<Vec<u64>> = core.split('.').map(|n| n.parse().ok()).collect();
    let Some(mut numbers) = numbers.filter(|n| (1..=3).contains(&n.len())) else {
        return "1.0".to_owned();
    };
    let index = match bump {
        Bump::Major => 0,
        Bump::Minor => 1,
        Bump::Patch => 2,
    };
    numbers.resize(numbers.len().max(index + 1).max(2), 0);
    numbers[index] += 1;
    numbers[index + 1..].fill(0);
    let parts: Vec<String> = numbers.iter().map(u64::to_string).collect();
    format!("{prefix}{}", parts.join("."))
}

/// Whether a version is a date (`2025-11` or `2025-11-30`).
fn is_date(version: &str) -> bool {
    let b = version.as_bytes();
    (b.len() == 7 || b.len() == 10)
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
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

    #[test]
    fn versions_move_by_the_bump_and_keep_their_shape() {
        let next = |v, b| next_version(Some(v), b, "2026-03-09");
        assert_eq!(next("1.4.2", Bump::Major), "2.0.0");
        assert_eq!(next("1.4.2", Bump::Minor), "1.5.0");
        assert_eq!(next("1.4.2", Bump::Patch), "1.4.3");
        assert_eq!(next("v1.2", Bump::Major), "v2.0");
        assert_eq!(next("1.2", Bump::Patch), "1.2.1");
        assert_eq!(next("3", Bump::Minor), "3.1");
        assert_eq!(next("2.0.0-beta.1", Bump::Minor), "2.1.0");
        assert_eq!(next("2025-11", Bump::Major), "2026-03");
        assert_eq!(next("2025-11-30", Bump::Patch), "2026-03-09");
        assert_eq!(next("latest", Bump::Patch), "1.0");
        assert_eq!(next_version(None, Bump::Major, "2026-03-09"), "1.0");
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
