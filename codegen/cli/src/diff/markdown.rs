//! `--format markdown`: a pull-request comment — the verdict, a table of
//! the findings that need a reviewer (breaking, acknowledged, undecided)
//! with their hints, and the safe changes folded away.

use super::{human::location, Compared, Report};
use eventc::diff::{Finding, Severity};
use std::fmt::Write;

/// The report as one Markdown comment.
pub fn render(report: &Report) -> String {
    let counts = report.counts();
    let mut out = String::new();
    let verdict = if counts.breaking > 0 {
        format!("### ❌ eventc diff: {} breaking change(s)", counts.breaking)
    } else {
        "### ✅ eventc diff: no breaking changes".to_owned()
    };
    let _ = writeln!(out, "{verdict}\n");
    let against = report
        .base
        .as_deref()
        .map_or_else(String::new, |b| format!(" with `{}`", code(b)));
    let _ = writeln!(
        out,
        "Compared {} contract(s){against}: {} breaking, {} acknowledged, {} warning(s), {} safe.\n",
        report.contracts.len(),
        counts.breaking,
        counts.acknowledged,
        counts.warnings,
        counts.safe
    );
    for compared in &report.contracts {
        if let Some((from, to)) = report.moved(compared) {
            let _ = writeln!(
                out,
                "Contract `{}` moved from `{}` to `{}`.\n",
                code(&compared.name),
                code(from),
                code(to)
            );
        }
    }
    let reviewed: Vec<_> = report
        .findings()
        .filter(|(_, f)| f.severity != Severity::Info)
        .collect();
    if !reviewed.is_empty() {
        table(report, &reviewed, &mut out);
        hints(&reviewed, &mut out);
    }
    let safe: Vec<_> = report
        .findings()
        .filter(|(_, f)| f.severity == Severity::Info)
        .collect();
    if !safe.is_empty() {
        let _ = writeln!(
            out,
            "<details><summary>{} safe change(s)</summary>\n",
            safe.len()
        );
        table(report, &safe, &mut out);
        let _ = writeln!(out, "</details>\n");
    }
    if counts.breaking > 0 {
        let _ = writeln!(
            out,
            "Make each breaking change compatible, or acknowledge it in the new version's \
             changelog entry (`eventc diff --changelog` drafts one)."
        );
    }
    out
}

/// The findings as a table: verdict, contract, rule, path, message, location.
fn table(report: &Report, findings: &[(&Compared, &Finding)], out: &mut String) {
    let _ = writeln!(out, "| | contract | rule | path | change | where |");
    let _ = writeln!(out, "|---|---|---|---|---|---|");
    for (compared, finding) in findings {
        let _ = writeln!(
            out,
            "| {} | `{}` | `{}` | {} | {} | `{}` |",
            badge(finding),
            code(&compared.name),
            finding.rule,
            if finding.path.is_empty() {
                String::new()
            } else {
                format!("`{}`", code(&finding.path))
            },
            cell(&finding.message),
            code(&location(report, compared, finding))
        );
    }
    out.push('\n');
}

/// The hints and acknowledgements of the findings that have one.
fn hints(findings: &[(&Compared, &Finding)], out: &mut String) {
    let notes: Vec<String> = findings
        .iter()
        .filter_map(|(_, f)| {
            let mut note = String::new();
            if let Some(reason) = &f.acknowledged {
                let _ = write!(note, "acknowledged: {}", cell(reason));
            }
            if let Some(hint) = &f.hint {
                let sep = if note.is_empty() { "" } else { "; " };
                let _ = write!(note, "{sep}{}", cell(hint));
            }
            (!note.is_empty()).then(|| format!("- `{}` `{}`: {note}", f.rule, code(&f.path)))
        })
        .collect();
    if !notes.is_empty() {
        let _ = writeln!(
            out,
            "**How to fix or why accepted**\n\n{}\n",
            notes.join("\n")
        );
    }
}

fn badge(finding: &Finding) -> &'static str {
    match (finding.severity, &finding.acknowledged) {
        (Severity::Error, None) => "❌ breaking",
        (Severity::Error, Some(_)) => "☑️ acknowledged",
        (Severity::Warning, _) => "⚠️ check",
        (Severity::Info, _) => "✅ safe",
    }
}

/// Text safe inside a table cell: one line, no column separator, no HTML.
fn cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace(['\r', '\n'], " ")
}

/// Text safe inside an inline code span of a table cell.
fn code(text: &str) -> String {
    text.replace('|', "\\|")
        .replace('`', "'")
        .replace(['\r', '\n'], " ")
}
