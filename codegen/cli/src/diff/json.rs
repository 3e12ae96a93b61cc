//! `--format json`: one document of schema `eventc-diff/1`, every field of
//! which docs/diff-output.md describes. A consumer checks `schema` first;
//! fields are only ever added within one schema version.

use super::{Compared, Report, Side};
use eventc::diff::{Finding, Readers};
use eventc::source::Span;
use serde_json::{json, Value};

/// The schema id this module writes.
pub const SCHEMA: &str = "eventc-diff/1";

/// The report as one pretty-printed JSON document and a newline.
pub fn render(report: &Report) -> String {
    let counts = report.counts();
    let document = json!({
        "schema": SCHEMA,
        "base": report.base,
        "breaking": counts.breaking > 0,
        "summary": {
            "contracts": report.contracts.len(),
            "breaking": counts.breaking,
            "acknowledged": counts.acknowledged,
            "warnings": counts.warnings,
            "safe": counts.safe,
        },
        "contracts": report.contracts.iter().map(|c| contract(report, c)).collect::<Vec<_>>(),
        "findings": report.findings().map(|(c, f)| finding(report, c, f)).collect::<Vec<_>>(),
    });
    let mut out = serde_json::to_string_pretty(&document).unwrap_or_default();
    out.push('\n');
    out
}

/// A compared contract: its name, what happened to it and both of its files.
fn contract(report: &Report, compared: &Compared) -> Value {
    let status = match (&compared.old, &compared.new) {
        (None, _) => "added",
        (_, None) => "deleted",
        _ if report.moved(compared).is_some() => "moved",
        _ if compared.findings.is_empty() => "unchanged",
        _ => "changed",
    };
    let side = |side: &Option<Side>| {
        side.as_ref().map(|s| {
            json!({
                "file": report.shown_path(s.file),
                "path": s.path,
                "version": s.contract.version,
            })
        })
    };
    json!({
        "name": compared.name,
        "status": status,
        "old": side(&compared.old),
        "new": side(&compared.new),
    })
}

/// One finding with both of its locations and its fingerprint.
fn finding(report: &Report, compared: &Compared, finding: &Finding) -> Value {
    let location = |span: Option<Span>| {
        span.filter(Span::is_real).map(|s| {
            json!({
                "file": report.shown_path(s.file),
                "line": s.line,
                "col": s.col,
            })
        })
    };
    json!({
        "contract": compared.name,
        "rule": finding.rule,
        "severity": finding.severity,
        "readers": finding.readers,
        "direction": direction(finding.readers),
        "path": finding.path,
        "old": location(finding.old),
        "new": location(finding.new),
        "message": finding.message,
        "hint": finding.hint,
        "acknowledged": finding.acknowledged,
        "breaking": finding.fails(),
        "fingerprint": finding.fingerprint(),
    })
}

/// The direction of the messages whose readers a finding reaches, in the
/// words a contract's `direction:` uses.
pub fn direction(readers: Readers) -> Option<&'static str> {
    match readers {
        Readers::Clients => Some("server_to_client"),
        Readers::Server => Some("client_to_server"),
        Readers::Both => Some("both"),
        Readers::None => None,
    }
}
