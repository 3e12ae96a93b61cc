//! Diagnostics: collected during a run, reported all at once.
//!
//! Every diagnostic has a stable code, a message, a primary location with
//! `file:line:col`, what was expected and a hint where one helps. They render
//! as annotated snippets for people, as JSON for tools and as GitHub Actions
//! workflow commands for CI.

use crate::source::{SourceMap, Span};
use annotate_snippets::{renderer::DecorStyle, AnnotationKind, Group, Level, Snippet};
use serde::Serialize;

/// The annotate-snippets renderer [`render_human`] draws with: `plain()`,
/// or `styled()` for a terminal that shows colour.
pub use annotate_snippets::Renderer;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The contract is unusable until it is fixed.
    Error,
    /// Worth fixing; does not fail `check`.
    Warning,
}

/// A location a diagnostic points at, with an optional label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What is there (shown beside the underline).
    pub message: String,
}

/// One problem found in a contract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable code, e.g. `unknown-key`.
    pub code: &'static str,
    /// One-line summary.
    pub message: String,
    /// The primary location.
    pub primary: Label,
    /// Other relevant locations (e.g. the first definition of a duplicate).
    pub secondary: Vec<Label>,
    /// What the loader expected there.
    pub expected: Option<String>,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A new error at `span`.
    pub fn error(code: &'static str, span: Span, message: impl Into<String>) -> Self {
        let message = message.into();
        Diagnostic {
            severity: Severity::Error,
            code,
            primary: Label {
                span,
                message: String::new(),
            },
            message,
            secondary: Vec::new(),
            expected: None,
            help: None,
        }
    }

    /// A new warning at `span`.
    pub fn warning(code: &'static str, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, span, message)
        }
    }

    /// Sets the label under the primary location.
    pub fn label(mut self, text: impl Into<String>) -> Self {
        self.primary.message = text.into();
        self
    }

    /// Adds a secondary location.
    pub fn also(mut self, span: Span, text: impl Into<String>) -> Self {
        self.secondary.push(Label {
            span,
            message: text.into(),
        });
        self
    }

    /// Says what was expected.
    pub fn expected(mut self, text: impl Into<String>) -> Self {
        self.expected = Some(text.into());
        self
    }

    /// Adds a hint.
    pub fn help(mut self, text: impl Into<String>) -> Self {
        self.help = Some(text.into());
        self
    }

    /// Adds a hint only when there is one.
    pub fn maybe_help(mut self, text: Option<String>) -> Self {
        if text.is_some() {
            self.help = text;
        }
        self
    }
}

/// Collects diagnostics during a run (serde_derive's `Ctxt`, without the panic on drop).
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Records a diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Moves every diagnostic of `other` into this collection.
    pub fn append(&mut self, mut other: Diagnostics) {
        self.items.append(&mut other.items);
    }

    /// Whether any error (not warning) was recorded.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// All recorded diagnostics, in a stable order (by file, position, code).
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (
                a.primary.span.file,
                a.primary.span.start,
                a.code,
                &a.message,
            )
                .cmp(&(
                    b.primary.span.file,
                    b.primary.span.start,
                    b.code,
                    &b.message,
                ))
        });
        self.items.dedup();
        self.items
    }

    /// Whether an error was recorded after the first `n` diagnostics.
    pub fn has_errors_since(&self, n: usize) -> bool {
        self.items
            .iter()
            .skip(n)
            .any(|d| d.severity == Severity::Error)
    }

    /// Number recorded so far.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// Suggests the closest candidate to `word` (Jaro-Winkler ≥ 0.8), for did-you-mean hints.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&lower, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| format!("did you mean `{c}`?"))
}

/// Output format for diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Annotated source snippets.
    #[default]
    Human,
    /// One JSON document.
    Json,
    /// GitHub Actions `::error file=…` workflow commands.
    Github,
}

/// JSON shape of one diagnostic (`--format json`).
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: Severity,
    code: &'a str,
    message: &'a str,
    file: &'a str,
    line: u32,
    col: u32,
    expected: Option<&'a str>,
    help: Option<&'a str>,
    labels: Vec<JsonLabel<'a>>,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    file: &'a str,
    line: u32,
    col: u32,
    message: &'a str,
}

fn path_of<'a>(sources: &'a SourceMap, span: &Span) -> &'a str {
    sources
        .get(span.file)
        .map_or("<unknown>", |f| f.path.as_str())
}

/// Renders diagnostics in the requested format, without colour (one block per diagnostic).
pub fn render(diags: &[Diagnostic], sources: &SourceMap, format: Format) -> String {
    match format {
        Format::Human => render_human(diags, sources, Renderer::plain()),
        Format::Json => render_json(diags, sources),
        Format::Github => render_github(diags, sources),
    }
}

fn render_json(diags: &[Diagnostic], sources: &SourceMap) -> String {
    let items: Vec<JsonDiagnostic<'_>> = diags
        .iter()
        .map(|d| JsonDiagnostic {
            severity: d.severity,
            code: d.code,
            message: &d.message,
            file: path_of(sources, &d.primary.span),
            line: d.primary.span.line,
            col: d.primary.span.col,
            expected: d.expected.as_deref(),
            help: d.help.as_deref(),
            labels: std::iter::once(&d.primary)
                .chain(&d.secondary)
                .map(|l| JsonLabel {
                    file: path_of(sources, &l.span),
                    line: l.span.line,
                    col: l.span.col,
                    message: &l.message,
                })
                .collect(),
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&serde_json::json!({ "diagnostics": items }))
        .unwrap_or_else(|_| "{\"diagnostics\":[]}".to_owned());
    out.push('\n');
    out
}

/// Escapes a GitHub workflow-command property (`property`: also `:` and
/// `,`) or message, so that no text can end the command or start another.
pub fn github_escape(text: &str, property: bool) -> String {
    let mut s = text
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    if property {
        s = s.replace(':', "%3A").replace(',', "%2C");
    }
    s
}

fn render_github(diags: &[Diagnostic], sources: &SourceMap) -> String {
    let mut out = String::new();
    for d in diags {
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut text = d.message.clone();
        if let Some(e) = &d.expected {
            text.push_str(&format!("\nexpected: {e}"));
        }
        if let Some(h) = &d.help {
            text.push_str(&format!("\nhelp: {h}"));
        }
        out.push_str(&format!(
            "::{kind} file={},line={},col={},title={}::{}\n",
            github_escape(path_of(sources, &d.primary.span), true),
            d.primary.span.line,
            d.primary.span.col,
            github_escape(d.code, true),
            github_escape(&text, false)
        ));
    }
    out
}

/// Renders diagnostics as annotated source snippets drawn by `renderer`
/// (`Renderer::plain()`, or `Renderer::styled()` for a colour terminal), one
/// block per diagnostic followed by a blank line.
///
/// At most [`MAX_RENDERED`] diagnostics are drawn; a last line says how many
/// more there are (the JSON and GitHub formats list every one).
pub fn render_human(diags: &[Diagnostic], sources: &SourceMap, renderer: Renderer) -> String {
    let renderer = renderer.decor_style(DecorStyle::Ascii);
    let mut out = String::new();
    for d in diags.iter().take(MAX_RENDERED) {
        out.push_str(&renderer.render(&report_of(d, sources)));
        out.push_str("\n\n");
    }
    if let Some(more) = diags.len().checked_sub(MAX_RENDERED).filter(|n| *n > 0) {
        out.push_str(&format!("... and {more} more diagnostic(s) not shown\n\n"));
    }
    out
}

/// The most diagnostics [`render_human`] draws.
pub const MAX_RENDERED: usize = 100;

fn report_of<'a>(d: &'a Diagnostic, sources: &'a SourceMap) -> Vec<Group<'a>> {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    // Group labels by file, keeping the order in which files are first named.
    let mut by_file: Vec<(crate::source::FileId, Vec<(bool, &'a Label)>)> = Vec::new();
    for (i, label) in std::iter::once(&d.primary).chain(&d.secondary).enumerate() {
        if sources.get(label.span.file).is_none() {
            continue;
        }
        match by_file.iter_mut().find(|(f, _)| *f == label.span.file) {
            Some((_, labels)) => labels.push((i == 0, label)),
            None => by_file.push((label.span.file, vec![(i == 0, label)])),
        }
    }
    let snippets = by_file.into_iter().filter_map(|(file, labels)| {
        let source = sources.get(file)?;
        // Only the lines the labels touch are handed to the renderer, so a
        // diagnostic costs the size of its lines, not of the whole file.
        let text = source.text.as_str();
        let first: &Label = labels
            .iter()
            .map(|(_, l)| *l)
            .min_by_key(|l| l.span.start)?;
        let from = text
            .get(..first.span.start.min(text.len()))
            .and_then(|before| before.rfind('\n'))
            .map_or(0, |i| i + 1);
        let last_end = labels
            .iter()
            .map(|(_, l)| l.span.end.max(l.span.start))
            .max()?;
        let to = text
            .get(last_end.min(text.len())..)
            .and_then(|after| after.find('\n'))
            .map_or(text.len(), |i| last_end.min(text.len()) + i);
        // A CR LF file keeps no `\r` at the window's end (it would be drawn).
        let window = text.get(from..to)?;
        let window = window.strip_suffix('\r').unwrap_or(window);
        let annotations = labels.into_iter().map(|(primary, label)| {
            let kind = if primary {
                AnnotationKind::Primary
            } else {
                AnnotationKind::Context
            };
            let start = label.span.start.saturating_sub(from).min(window.len());
            let end = label
                .span
                .end
                .max(label.span.start)
                .saturating_sub(from)
                .min(window.len());
            kind.span(start..end).label(label.message.as_str())
        });
        Some(
            Snippet::source(window)
                .line_start(usize::try_from(first.span.line.max(1)).unwrap_or(1))
                .path(source.path.as_str())
                .fold(true)
                .annotations(annotations),
        )
    });
    let mut group = level
        .primary_title(d.message.as_str())
        .id(d.code)
        .elements(snippets);
    if let Some(e) = &d.expected {
        group = group.element(Level::NOTE.message(format!("expected {e}")));
    }
    if let Some(h) = &d.help {
        group = group.element(Level::HELP.message(h.as_str()));
    }
    vec![group]
}
