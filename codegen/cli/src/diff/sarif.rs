//! `--format sarif`: a SARIF 2.1.0 log for code-scanning uploads (GitHub's
//! `upload-sarif`). One run; the driver lists every rule that found
//! something, with its documentation from the rule catalogue; each result
//! points at the new contract (the old one for a deleted contract), relates
//! the old location, carries a partial fingerprint that survives line moves,
//! and an acknowledged break is a result with an in-source suppression whose
//! justification is the changelog's reason.

use super::{Compared, Report};
use eventc::diff::{Finding, Severity, RULES};
use eventc::source::Span;
use serde_json::{json, Value};

/// The SARIF version written.
pub const VERSION: &str = "2.1.0";

/// The JSON schema of SARIF 2.1.0 (OASIS, errata 01).
const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The report as a SARIF log.
pub fn render(report: &Report) -> String {
    let mut rule_ids: Vec<&str> = report.findings().map(|(_, f)| f.rule).collect();
    rule_ids.sort_unstable();
    rule_ids.dedup();
    let results: Vec<Value> = report
        .findings()
        .map(|(c, f)| result(report, c, f, &rule_ids))
        .collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": VERSION,
        "runs": [{
            "tool": {
                "driver": {
                    "name": "eventc",
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": rule_ids.iter().map(|id| rule(id)).collect::<Vec<_>>(),
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_default();
    out.push('\n');
    out
}

/// A `reportingDescriptor` for a rule, from its documentation.
fn rule(id: &str) -> Value {
    match RULES.iter().find(|r| r.id == id) {
        Some(doc) => json!({
            "id": doc.id,
            "shortDescription": { "text": doc.detects },
            "fullDescription": { "text": doc.why },
            "help": { "text": doc.fix },
            "properties": { "group": doc.group },
        }),
        None => json!({ "id": id, "shortDescription": { "text": id } }),
    }
}

/// One `result`.
fn result(report: &Report, compared: &Compared, finding: &Finding, rule_ids: &[&str]) -> Value {
    let level = match finding.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    };
    let primary = match (finding.new, &compared.new) {
        (Some(span), _) => location(&compared_path(compared, true), Some(span)),
        // Code scanning needs a line: a removal is pinned to the new file's first.
        (None, Some(side)) => location(
            &side.path,
            Some(Span {
                line: 1,
                col: 1,
                ..Span::default()
            }),
        ),
        (None, None) => location(&compared_path(compared, false), finding.old),
    };
    let mut result = json!({
        "ruleId": finding.rule,
        "ruleIndex": rule_ids.iter().position(|r| *r == finding.rule),
        "level": level,
        "message": { "text": message(report, finding) },
        "locations": [primary],
        "partialFingerprints": {
            "eventcDiff/v1": format!("{}/{}", compared.name, finding.fingerprint()),
        },
        "properties": {
            "contract": compared.name,
            "path": finding.path,
            "readers": finding.readers,
        },
    });
    if let (Some(old), Some(side)) = (finding.old.filter(Span::is_real), &compared.old) {
        if finding.new.is_some() || compared.new.is_some() {
            let mut related = location(&side.path, Some(old));
            related["id"] = json!(1);
            related["message"] =
                json!({ "text": format!("before (at {})", report.shown_path(old.file)) });
            result["relatedLocations"] = json!([related]);
        }
    }
    if let Some(reason) = &finding.acknowledged {
        result["suppressions"] = json!([{ "kind": "inSource", "justification": reason }]);
    }
    result
}

/// The working-tree path of the new (`new`) or old side of a contract.
fn compared_path(compared: &Compared, new: bool) -> String {
    let side = if new { &compared.new } else { &compared.old };
    side.as_ref().map_or_else(String::new, |s| s.path.clone())
}

/// A `location` in `path`, at `span` when there is one.
fn location(path: &str, span: Option<Span>) -> Value {
    let mut physical = json!({ "artifactLocation": { "uri": uri(path) } });
    if let Some(span) = span.filter(|s| s.line > 0) {
        physical["region"] = json!({ "startLine": span.line, "startColumn": span.col });
    }
    json!({ "physicalLocation": physical })
}

/// The message, with where a removed part was and the hint after it.
fn message(report: &Report, finding: &Finding) -> String {
    let mut text = finding.message.clone();
    if let (None, Some(old)) = (finding.new, finding.old) {
        text.push_str(&format!(
            " (was at {}:{}:{})",
            report.shown_path(old.file),
            old.line,
            old.col
        ));
    }
    if let Some(hint) = &finding.hint {
        text.push_str(&format!(". {hint}"));
    }
    text
}

/// A relative path as a URI reference: `/`-separated, with every byte
/// outside the unreserved set (and `/`) percent-encoded.
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn paths_become_relative_uri_references() {
        assert_eq!(uri("./contracts/a b.yaml"), "contracts/a%20b.yaml");
        assert_eq!(uri("contracts\\ü.yaml"), "contracts/%C3%BC.yaml");
    }
}
