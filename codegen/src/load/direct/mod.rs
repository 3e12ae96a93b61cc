//! Reading a plain YAML document straight from the parser's events.
//!
//! serde-saphyr turns parser events into values through serde and its
//! `Spanned` wrapper, which costs most of the loading time of a large
//! contract. Contracts use a small part of YAML: one document of mappings,
//! lists and untagged scalars, without anchors, aliases, tags or merge keys.
//! [`read`] builds the [`Node`] tree of such a document from the same parser
//! (granit-parser, with the options serde-saphyr gives it) and resolves
//! scalars as serde-saphyr does for the spellings it accepts.
//!
//! Anything else gives up: another construct, a scalar spelling it does not
//! resolve, a duplicate key, a syntax error, a document near a budget limit.
//! The caller then parses the text through serde-saphyr, which reports every
//! problem as before, so this reader never produces a diagnostic itself.

use super::node::{node_span, Key, Node, NodeKind};
use crate::source::{FileId, SourceMap};
use serde_saphyr::granit_parser::{self, Event, Parser, ScalarStyle, Span, StrInput};
use std::borrow::Cow;

mod parallel;

/// Deepest nesting read here (serde-saphyr's default budget allows 64).
const MAX_DEPTH: usize = 32;

/// The tree of `text` (file `file`), or `None` when serde-saphyr must read it.
///
/// A large document is read in pieces on several threads (see
/// [`parallel`]); when that does not work out it is read whole, so the
/// result is the same.
pub fn read(
    sources: &SourceMap,
    file: FileId,
    text: &str,
    options: &serde_saphyr::Options,
) -> Option<Node> {
    read_with(sources, file, text, options, parallel::FROM_BYTES)
}

/// The first YAML tag in `text` (`!!python/object`, `!custom`), as written,
/// with its 1-based line and column; `None` when there is none or the text
/// does not parse (serde-saphyr then reports why).
pub fn first_tag(text: &str) -> Option<(u64, u64, String)> {
    let mut parser = Parser::new_from_str(text);
    while let Some(Ok((event, span))) = parser.next_event() {
        let tag = match event {
            Event::Scalar(_, _, _, tag)
            | Event::SequenceStart(_, _, tag)
            | Event::MappingStart(_, _, tag) => tag,
            _ => None,
        };
        if let Some(tag) = tag {
            let (line, col) = position(&span);
            return Some((
                line,
                col,
                format!("{}{}", tag.original_handle(), tag.suffix()),
            ));
        }
    }
    None
}

/// [`read`], reading documents of at least `parallel_from` bytes in pieces.
pub(super) fn read_with(
    sources: &SourceMap,
    file: FileId,
    text: &str,
    options: &serde_saphyr::Options,
    parallel_from: usize,
) -> Option<Node> {
    let budget = options.budget.clone().unwrap_or_default();
    let limits = Limits::of(&budget);
    let parser = parser_options(options, &budget);
    if text.len() >= parallel_from {
        let threads = std::thread::available_parallelism().map_or(1, usize::from);
        if let Some(root) = parallel::read(sources, file, text, threads.max(2), &parser, &limits) {
            return Some(root);
        }
    }
    Reader::new(sources, file, text, 0, &parser, &limits).document(0)
}

/// The tree of `text` read in pieces, or `None` when it cannot be cut or a
/// piece does not read (tests compare it with reading whole).
#[cfg(test)]
pub(super) fn read_in_pieces(
    sources: &SourceMap,
    file: FileId,
    text: &str,
    options: &serde_saphyr::Options,
) -> Option<Node> {
    let budget = options.budget.clone().unwrap_or_default();
    let parser = parser_options(options, &budget);
    parallel::read(sources, file, text, 2, &parser, &Limits::of(&budget))
}

/// What a document may spend of the budget (half of serde-saphyr's, so that
/// a document near a limit is left to serde-saphyr and its diagnostics).
#[derive(Debug, Clone, Default)]
struct Limits {
    events: usize,
    nodes: usize,
    scalar_bytes: usize,
}

impl Limits {
    /// Half of what `budget` allows.
    fn of(budget: &serde_saphyr::Budget) -> Self {
        Limits {
            events: budget.max_events / 2,
            nodes: budget.max_nodes / 2,
            scalar_bytes: budget.max_total_scalar_bytes / 2,
        }
    }
}

/// The parser options serde-saphyr derives from `options` and `budget`.
fn parser_options(
    options: &serde_saphyr::Options,
    budget: &serde_saphyr::Budget,
) -> granit_parser::Options {
    granit_parser::options! {
        simple_key_max_lookahead: budget.simple_key_max_lookahead,
        flow_nesting_limit: budget.flow_nesting_limit,
        block_nesting_limit: granit_parser::Options::default()
            .block_nesting_limit
            .max(budget.max_depth.saturating_add(1)),
        emit_comments: false,
        strict_indentation: options.strict_indentation,
    }
}

/// A pass over the parser's events, with what is left of the budget.
struct Reader<'a> {
    sources: &'a SourceMap,
    file: FileId,
    /// Lines of the file before the text read (a piece of a document).
    lines_before: u64,
    /// Entries of the mappings being read, innermost last (each mapping's
    /// entries are moved into an exactly sized list when it ends).
    entries: Vec<(Key, Node)>,
    /// Items of the sequences being read, the same way.
    items: Vec<Node>,
    parser: Parser<'a, StrInput<'a>>,
    /// What is left of the budget.
    left: Limits,
}

impl<'a> Reader<'a> {
    /// A reader of `text`, which starts `lines_before` lines into the file.
    fn new(
        sources: &'a SourceMap,
        file: FileId,
        text: &'a str,
        lines_before: u64,
        parser: &granit_parser::Options,
        limits: &Limits,
    ) -> Self {
        Reader {
            sources,
            file,
            lines_before,
            entries: Vec::new(),
            items: Vec::new(),
            parser: Parser::new_from_str_with_options(text, parser.clone()),
            left: limits.clone(),
        }
    }

    /// What this reader has spent of `limits`.
    fn spent(&self, limits: &Limits) -> Limits {
        Limits {
            events: limits.events - self.left.events,
            nodes: limits.nodes - self.left.nodes,
            scalar_bytes: limits.scalar_bytes - self.left.scalar_bytes,
        }
    }

    /// One document holding a mapping (read as a node inside `depth`
    /// collections), and nothing after it.
    fn document(&mut self, depth: usize) -> Option<Node> {
        self.expect(|e| matches!(e, Event::StreamStart))?;
        // A `%YAML` directive could change how scalars resolve.
        self.expect(|e| matches!(e, Event::DocumentStart(_, None)))?;
        let (event, at) = self.next()?;
        if !matches!(event, Event::MappingStart(..)) {
            return None;
        }
        let root = self.node(event, at, depth)?;
        self.expect(|e| matches!(e, Event::DocumentEnd))?;
        self.expect(|e| matches!(e, Event::StreamEnd))?;
        self.parser.next_event().is_none().then_some(root)
    }

    /// The next event and where it starts, counted against the budget; `None`
    /// at an error or the end.
    fn next(&mut self) -> Option<(Event<'a>, Position)> {
        let Ok((event, span)) = self.parser.next_event()? else {
            return None;
        };
        self.left.events = self.left.events.checked_sub(1)?;
        match &event {
            Event::Scalar(value, ..) => {
                self.left.nodes = self.left.nodes.checked_sub(1)?;
                self.left.scalar_bytes = self.left.scalar_bytes.checked_sub(value.len())?;
            }
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                self.left.nodes = self.left.nodes.checked_sub(1)?;
            }
            _ => {}
        }
        let (line, col) = position(&span);
        Some((event, (line.saturating_add(self.lines_before), col)))
    }

    fn expect(&mut self, wanted: impl Fn(&Event<'a>) -> bool) -> Option<()> {
        let (event, _) = self.next()?;
        wanted(&event).then_some(())
    }

    /// The node starting with `event`, inside `depth` collections.
    fn node(&mut self, event: Event<'a>, (line, col): Position, depth: usize) -> Option<Node> {
        let kind = match event {
            Event::Scalar(value, style, 0, None) => scalar(value, style)?,
            Event::SequenceStart(_, 0, None) if depth < MAX_DEPTH => self.seq(depth + 1)?,
            Event::MappingStart(_, 0, None) if depth < MAX_DEPTH => self.map(depth + 1)?,
            _ => return None,
        };
        let span = node_span(self.sources, self.file, line, col, &kind);
        Some(Node { kind, span })
    }

    /// The items of a sequence whose start was just read.
    fn seq(&mut self, depth: usize) -> Option<NodeKind> {
        let first = self.items.len();
        loop {
            let (event, at) = self.next()?;
            if matches!(event, Event::SequenceEnd) {
                let items: Vec<Node> = self.items.drain(first..).collect();
                return Some(NodeKind::Seq(items));
            }
            let item = self.node(event, at, depth)?;
            self.items.push(item);
        }
    }

    /// The entries of a mapping whose start was just read.
    fn map(&mut self, depth: usize) -> Option<NodeKind> {
        let first = self.entries.len();
        loop {
            let ((line, col), name) = match self.next()? {
                (Event::MappingEnd, _) => break,
                (Event::Scalar(value, style, 0, None), at) => (at, key_text(value, style)?),
                _ => return None,
            };
            let key = Key {
                span: self
                    .sources
                    .span_at(self.file, line, col, name.len().max(1)),
                name,
            };
            let (event, at) = self.next()?;
            let value = self.node(event, at, depth)?;
            self.entries.push((key, value));
        }
        let entries: Vec<(Key, Node)> = self.entries.drain(first..).collect();
        (!has_duplicate_keys(&entries)).then_some(NodeKind::Map(entries))
    }
}

/// A 1-based line and column.
type Position = (u64, u64);

/// The 1-based line and column serde-saphyr reports for a node at `span`.
fn position(span: &Span) -> Position {
    let line = u64::try_from(span.start.line()).unwrap_or(u64::MAX);
    let col = u64::try_from(span.start.col()).unwrap_or(u64::MAX);
    (line, col.saturating_add(1))
}

/// Whether two keys of a mapping read the same (serde-saphyr's duplicate-key
/// error, or keys it tells apart by type, which it must handle).
fn has_duplicate_keys(entries: &[(Key, Node)]) -> bool {
    if entries.len() < 2 {
        return false;
    }
    let mut names: Vec<&str> = entries.iter().map(|(k, _)| k.name.as_str()).collect();
    names.sort_unstable();
    names.windows(2).any(|w| w[0] == w[1])
}

/// A mapping key's text as serde-saphyr gives it, for the keys read here
/// (strings, integers and booleans; not null, floats or the merge key `<<`).
fn key_text(value: Cow<'_, str>, style: ScalarStyle) -> Option<String> {
    let merge = style == ScalarStyle::Plain && value == "<<";
    match scalar(value, style)? {
        NodeKind::Str(_) if merge => None,
        NodeKind::Str(s) => Some(s),
        NodeKind::Int(i) => Some(i.to_string()),
        NodeKind::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// An untagged scalar resolved as serde-saphyr resolves it (YAML 1.2 core
/// schema, strict booleans), or `None` for spellings left to serde-saphyr.
fn scalar(value: Cow<'_, str>, style: ScalarStyle) -> Option<NodeKind> {
    if style != ScalarStyle::Plain {
        return Some(NodeKind::Str(value.into_owned()));
    }
    Some(match value.as_ref() {
        "" | "~" | "null" | "Null" | "NULL" => NodeKind::Null,
        "true" | "True" | "TRUE" => NodeKind::Bool(true),
        "false" | "False" | "FALSE" => NodeKind::Bool(false),
        v if v.starts_with(|c: char| c.is_ascii_digit() || c == '-') => number(v)?,
        // Signs, `.inf`/`.nan` and padding are left to serde-saphyr; any other
        // first character cannot start a number, boolean or null.
        v if v.starts_with(['+', '.', '~']) || v.trim_matches([' ', '\t', '\r', '\n']) != v => {
            return None
        }
        _ => NodeKind::Str(value.into_owned()),
    })
}

/// A number in canonical decimal form (`-12`, `0`, `3.25`), or `None`.
fn number(v: &str) -> Option<NodeKind> {
    let unsigned = v.strip_prefix('-').unwrap_or(v);
    let (int, frac) = match unsigned.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (unsigned, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let canonical = int == "0" || (all_digits(int) && !int.starts_with('0') && int.len() <= 18);
    match frac {
        _ if !canonical || v == "-0" => None,
        None => v.parse().ok().map(NodeKind::Int),
        Some(frac) if all_digits(frac) && frac.len() <= 17 => v
            .parse()
            .ok()
            .filter(|f: &f64| f.is_finite())
            .map(NodeKind::Float),
        Some(_) => None,
    }
}
