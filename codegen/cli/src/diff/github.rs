//! `--format github`: one GitHub Actions workflow command per finding —
//! `::error` for a breaking change, `::warning` for one the rules cannot
//! decide, `::notice` for an acknowledged break or a safe change — pinned to
//! the new contract's line, so the pull request shows it beside the change.
//! A removal has no line in the new contract: it is pinned to the new file
//! (or, for a deleted contract, the old one) and says where it was.

use super::{Compared, Report};
use eventc::diag::github_escape;
use eventc::diff::{Finding, Severity};
use std::fmt::Write;

/// Every finding as a workflow command, one per line.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for (compared, finding) in report.findings() {
        let kind = match (finding.severity, &finding.acknowledged) {
            (Severity::Error, None) => "error",
            (Severity::Warning, _) => "warning",
            (Severity::Error, Some(_)) | (Severity::Info, _) => "notice",
        };
        let _ = writeln!(
            out,
            "::{kind} {}::{}",
            properties(report, compared, finding),
            github_escape(&text(report, finding), false)
        );
    }
    out
}

/// `file=…,line=…,col=…,title=…` of a finding.
fn properties(report: &Report, compared: &Compared, finding: &Finding) -> String {
    let (file, position) = match (finding.new, compared.new.as_ref(), finding.old) {
        (Some(span), _, _) => (
            report.shown_path(span.file),
            format!(",line={},col={}", span.line, span.col),
        ),
        (None, Some(side), _) => (side.path.as_str(), String::new()),
        (None, None, Some(span)) => (
            compared.old.as_ref().map_or("", |s| s.path.as_str()),
            format!(",line={},col={}", span.line, span.col),
        ),
        (None, None, None) => (
            compared.file().map_or("", |s| s.path.as_str()),
            String::new(),
        ),
    };
    let title = if finding.acknowledged.is_some() {
        format!("eventc diff: {} (acknowledged)", finding.rule)
    } else {
        format!("eventc diff: {}", finding.rule)
    };
    format!(
        "file={}{position},title={}",
        github_escape(file, true),
        github_escape(&title, true)
    )
}

/// The message with its path, where the old part was, the hint and the
/// acknowledgement, one per line.
fn text(report: &Report, finding: &Finding) -> String {
    let mut text = finding.message.clone();
    if !finding.path.is_empty() {
        let _ = write!(text, "\nat: {}", finding.path);
    }
    if let (None, Some(old)) = (finding.new, finding.old) {
        let _ = write!(
            text,
            "\nwas at: {}:{}:{}",
            report.shown_path(old.file),
            old.line,
            old.col
        );
    }
    if let Some(reason) = &finding.acknowledged {
        let _ = write!(text, "\nacknowledged: {reason}");
    }
    if let Some(hint) = &finding.hint {
        let _ = write!(text, "\nhelp: {hint}");
    }
    text
}
