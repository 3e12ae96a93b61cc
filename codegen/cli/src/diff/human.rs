//! `--format human`: rustc-style blocks for breaking, acknowledged and
//! undecided findings — the new contract's lines (the old one's for a
//! removal), with the old lines beside them when the part exists on both
//! sides — then one line per safe change and a summary.

use super::{readers_phrase, Compared, Report};
use annotate_snippets::{
    renderer::DecorStyle, Annotation, AnnotationKind, Group, Level, Renderer, Snippet,
};
use eventc::diff::{Finding, Severity};
use eventc::source::{SourceMap, Span};
use std::fmt::Write;

/// The findings as people read them, coloured when `color` is set.
pub fn render(report: &Report, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .decor_style(DecorStyle::Ascii);
    let mut out = String::new();
    for compared in &report.contracts {
        if let Some((from, to)) = report.moved(compared) {
            let _ = writeln!(
                out,
                "note: contract `{}` moved from {from} to {to} (matched by its name)\n",
                compared.name
            );
        }
        // A finding about the whole contract (its version, say) is shown
        // at the start of the file.
        let whole = compared
            .file()
            .map(|side| report.sources.span(side.file, 0, 0));
        for finding in compared.findings.iter() {
            if finding.severity != Severity::Info {
                out.push_str(&renderer.render(&block(finding, whole, &report.sources)));
                out.push_str("\n\n");
            }
        }
    }
    safe_changes(report, &mut out);
    summary(report, &mut out);
    out
}

/// One finding as an annotated report.
fn block<'a>(finding: &'a Finding, whole: Option<Span>, sources: &'a SourceMap) -> Vec<Group<'a>> {
    let level = match (finding.severity, &finding.acknowledged) {
        (Severity::Error, Some(_)) => Level::WARNING.with_name("acknowledged"),
        (Severity::Error, None) => Level::ERROR,
        (Severity::Warning, _) => Level::WARNING,
        (Severity::Info, _) => Level::INFO,
    };
    let (primary, before) = match (finding.new, finding.old) {
        (Some(new), old) => (Some((new, "here")), old.map(|o| (o, "before"))),
        (None, Some(old)) => (Some((old, "was here")), None),
        (None, None) => (whole.map(|span| (span, "in this contract")), None),
    };
    let snippets = [
        primary.and_then(|(span, label)| snippet(sources, span, AnnotationKind::Primary, label)),
        before.and_then(|(span, label)| snippet(sources, span, AnnotationKind::Context, label)),
    ];
    let mut group = level
        .primary_title(finding.message.as_str())
        .id(finding.rule)
        .elements(snippets.into_iter().flatten());
    if !finding.path.is_empty() {
        group = group.element(Level::NOTE.message(format!("at `{}`", finding.path)));
    }
    group =
        group.element(Level::NOTE.message(format!("reaches {}", readers_phrase(finding.readers))));
    if let Some(reason) = &finding.acknowledged {
        group =
            group.element(Level::NOTE.message(format!("acknowledged in the changelog: {reason}")));
    }
    if let Some(hint) = &finding.hint {
        group = group.element(Level::HELP.message(hint.as_str()));
    }
    vec![group]
}

/// The lines of `span`'s file that it touches, annotated.
fn snippet<'a>(
    sources: &'a SourceMap,
    span: Span,
    kind: AnnotationKind,
    label: &'a str,
) -> Option<Snippet<'a, Annotation<'a>>> {
    let file = sources.get(span.file)?;
    let text = file.text.as_str();
    let start = span.start.min(text.len());
    let end = span.end.clamp(start, text.len());
    let from = text.get(..start)?.rfind('\n').map_or(0, |i| i + 1);
    let to = text.get(end..)?.find('\n').map_or(text.len(), |i| end + i);
    let window = text.get(from..to)?;
    let window = window.strip_suffix('\r').unwrap_or(window);
    let range = (start - from).min(window.len())..(end - from).min(window.len());
    Some(
        Snippet::source(window)
            .line_start(usize::try_from(span.line.max(1)).unwrap_or(1))
            .path(file.path.as_str())
            .fold(true)
            .annotation(kind.span(range).label(label)),
    )
}

/// `file:line:col` of a finding: where it is in the new contract, or was in the old one.
pub fn location(report: &Report, compared: &Compared, finding: &Finding) -> String {
    match finding.new.or(finding.old) {
        Some(span) => format!(
            "{}:{}:{}",
            report.shown_path(span.file),
            span.line,
            span.col
        ),
        None => compared
            .file()
            .map_or_else(String::new, |side| report.shown_path(side.file).to_owned()),
    }
}

/// One line per safe change.
fn safe_changes(report: &Report, out: &mut String) {
    let safe: Vec<_> = report
        .findings()
        .filter(|(_, f)| f.severity == Severity::Info)
        .collect();
    if safe.is_empty() {
        return;
    }
    let _ = writeln!(out, "safe changes:");
    for (compared, finding) in safe {
        let _ = writeln!(
            out,
            "  {}: info[{}]: {}",
            location(report, compared, finding),
            finding.rule,
            finding.message
        );
    }
    out.push('\n');
}

/// What was compared and the verdict.
fn summary(report: &Report, out: &mut String) {
    let counts = report.counts();
    let against = report
        .base
        .as_deref()
        .map_or_else(String::new, |b| format!(" with {b}"));
    let _ = writeln!(
        out,
        "compared {} contract(s){against}: {} breaking, {} acknowledged, {} warning(s), {} safe",
        report.contracts.len(),
        counts.breaking,
        counts.acknowledged,
        counts.warnings,
        counts.safe
    );
    if counts.breaking > 0 {
        let _ = writeln!(
            out,
            "refused: {} breaking change(s); make them compatible, or acknowledge each in the \
             new version's changelog entry (`eventc diff --changelog` drafts one)",
            counts.breaking
        );
    }
}
