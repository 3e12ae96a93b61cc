//! Reading a large document in pieces on several threads.
//!
//! The YAML parser is serial. A document of [`FROM_BYTES`] or more has its
//! `events:` mapping cut at entry lines into one run per core; each run and
//! the rest of the document are read by their own [`Reader`] on the pool's
//! threads, then the runs are put back into the document. Any doubt reads
//! the document whole instead (see [`Pieces`]), so the tree is the same
//! either way; the tests in `load::node` compare both on every YAML file of
//! the repository. On the synthetic 1,000-event contract this takes about a
//! fifth off `eventc check` with two cores (docs/benchmarks.md).

use super::{has_duplicate_keys, Limits, Reader};
use crate::load::node::{Node, NodeKind};
use crate::source::{FileId, SourceMap};
use serde_saphyr::granit_parser;

/// Smallest document read in pieces on several threads.
pub(super) const FROM_BYTES: usize = 256 * 1024;

/// The tree of `text` read as up to `count` runs of events plus the rest,
/// in parallel; `None` when it cannot be cut or a piece does not read.
pub(super) fn read(
    sources: &SourceMap,
    file: FileId,
    text: &str,
    count: usize,
    parser: &granit_parser::Options,
    limits: &Limits,
) -> Option<Node> {
    Pieces::find(text, count)?.read(sources, file, parser, limits)
}

/// A document cut into pieces read on their own: the `events` mapping's
/// entries in runs of whole lines (each a block mapping indented as in the
/// document, so columns stay right), and the rest of the document with those
/// lines left blank (so lines stay right), where `events` reads as null.
///
/// The cut is made at lines indented exactly like the first event and
/// starting a key. A line like that inside a quoted scalar or a flow
/// collection leaves one piece unterminated, which fails to read, and then
/// the document is read whole: a cut can make reading fail, never change
/// what is read.
struct Pieces<'t> {
    /// The document with the event lines blank.
    rest: String,
    /// Each run of event lines and the number of lines before it.
    runs: Vec<(&'t str, u64)>,
    /// Offset of the `events:` line the runs were cut from.
    head: usize,
}

impl<'t> Pieces<'t> {
    /// Cuts `text` into up to `count` runs of events, or `None` when it has
    /// no `events:` block mapping to cut (or carriage returns, which would
    /// make line counts differ between the pieces and the whole).
    fn find(text: &'t str, count: usize) -> Option<Self> {
        if text.contains('\r') {
            return None;
        }
        let lines: Vec<(usize, &str)> = line_starts(text).collect();
        let head = lines.iter().position(|(_, l)| is_events_key(l))?;
        let end = lines[head + 1..]
            .iter()
            .position(|(_, l)| l.starts_with(|c: char| c != ' ' && c != '#'))
            .map_or(lines.len(), |i| head + 1 + i);
        let body = &lines[head + 1..end];
        let indent = body.iter().find_map(|(_, l)| {
            let trimmed = l.trim_start_matches(' ');
            (!trimmed.is_empty() && !trimmed.starts_with('#')).then(|| l.len() - trimmed.len())
        })?;
        let starts_key = |l: &str| {
            l.len() > indent
                && l.as_bytes()[..indent].iter().all(|&b| b == b' ')
                && !matches!(l.as_bytes()[indent], b' ' | b'#' | b'\t' | b'-')
        };
        // A key line can start a piece when the entry before it is complete:
        // an empty value or block scalar would take its position from the
        // next line, which a piece does not have.
        let mut previous = "";
        let mut keys = Vec::new();
        for (i, (_, line)) in lines.iter().enumerate().take(end).skip(head + 1) {
            if starts_key(line) && !leaves_value_open(previous) {
                keys.push(i);
            }
            if !line.trim_start().is_empty() && !line.trim_start().starts_with('#') {
                previous = line;
            }
        }
        if indent == 0 || keys.len() < count {
            return None;
        }
        let block_start = lines[head + 1].0;
        let block_end = lines.get(end).map_or(text.len(), |(start, _)| *start);
        let mut cuts: Vec<usize> = (0..count).map(|k| keys[k * keys.len() / count]).collect();
        cuts.dedup();
        let runs = cuts
            .iter()
            .enumerate()
            .map(|(k, &first)| {
                let from = if k == 0 { block_start } else { lines[first].0 };
                let to = cuts.get(k + 1).map_or(block_end, |&next| lines[next].0);
                let before = if k == 0 { head + 1 } else { first };
                (&text[from..to], u64::try_from(before).unwrap_or(u64::MAX))
            })
            .collect();
        let blank_lines = text[block_start..block_end].matches('\n').count();
        let mut rest = String::with_capacity(text.len() - (block_end - block_start) + blank_lines);
        rest.push_str(&text[..block_start]);
        rest.extend(std::iter::repeat_n('\n', blank_lines));
        rest.push_str(&text[block_end..]);
        Some(Pieces {
            rest,
            runs,
            head: lines[head].0,
        })
    }

    /// Reads the pieces on parallel threads and puts the events back into
    /// the document; `None` when a piece does not read or the whole would
    /// not fit `limits`.
    fn read(
        &self,
        sources: &SourceMap,
        file: FileId,
        parser: &granit_parser::Options,
        limits: &Limits,
    ) -> Option<Node> {
        let order: Vec<usize> = (0..=self.runs.len()).collect();
        let read_piece = |(): &mut (), index: usize| {
            let (text, lines_before, depth) = match index.checked_sub(1) {
                None => (self.rest.as_str(), 0, 0),
                Some(run) => (self.runs[run].0, self.runs[run].1, 1),
            };
            let mut reader = Reader::new(sources, file, text, lines_before, parser, limits);
            let node = reader.document(depth);
            (node, reader.spent(limits))
        };
        let (pieces, _) = crate::pool::run(&order, || (), read_piece, |()| ());
        let mut spent = Limits::default();
        let mut nodes = Vec::with_capacity(pieces.len());
        for (node, used) in pieces {
            spent.events = spent.events.saturating_add(used.events);
            spent.nodes = spent.nodes.saturating_add(used.nodes);
            spent.scalar_bytes = spent.scalar_bytes.saturating_add(used.scalar_bytes);
            nodes.push(node?);
        }
        let fits = spent.events <= limits.events
            && spent.nodes <= limits.nodes
            && spent.scalar_bytes <= limits.scalar_bytes;
        let mut nodes = nodes.into_iter();
        let mut root = nodes.next()?;
        let mut runs = nodes;
        let first = runs.next()?;
        let span = first.span;
        let NodeKind::Map(mut events) = first.kind else {
            return None;
        };
        for run in runs {
            let NodeKind::Map(entries) = run.kind else {
                return None;
            };
            events.extend(entries);
        }
        if !fits || has_duplicate_keys(&events) {
            return None;
        }
        let NodeKind::Map(entries) = &mut root.kind else {
            return None;
        };
        // The key must be the line the runs were cut from (a line reading
        // `events:` may also sit inside a multi-line scalar).
        let (key, value) = entries.iter_mut().find(|(k, _)| k.name == "events")?;
        if value.kind != NodeKind::Null || key.span.start != self.head {
            return None;
        }
        *value = Node {
            kind: NodeKind::Map(events),
            span,
        };
        Some(root)
    }
}

/// Each line of `text` with the offset it starts at (without its `\n`).
fn line_starts(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split_inclusive('\n').map(move |line| {
        let start = offset;
        offset += line.len();
        (start, line.strip_suffix('\n').unwrap_or(line))
    })
}

/// Whether a line may leave its entry's value to the next line: a key with
/// nothing after it, a block scalar header, or an explicit key (`? k`).
fn leaves_value_open(line: &str) -> bool {
    let code = line.find(" #").map_or(line, |comment| &line[..comment]);
    let code = code.trim_end();
    let last = code.rsplit([' ', '\t']).next().unwrap_or("");
    let block_header = last.starts_with(['|', '>'])
        && last[1..]
            .bytes()
            .all(|b| matches!(b, b'-' | b'+' | b'0'..=b'9'));
    code.ends_with(':') || block_header || code.trim_start().starts_with('?')
}

/// Whether a line is the top-level key `events` with its value on the next lines.
fn is_events_key(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("events:") else {
        return false;
    };
    let rest = rest.trim_start_matches([' ', '\t']);
    rest.is_empty() || rest.starts_with('#')
}
