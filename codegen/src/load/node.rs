//! A YAML syntax tree where every node keeps its location.
//!
//! serde-saphyr parses (duplicate keys, strict booleans, node budget); this
//! module turns its `Spanned` values into [`Node`]s so the lowering step can
//! point at any key or value. Spans are lost inside serde's untagged enums, so
//! the tree is generic and lowered by hand. Plain documents are read straight
//! from the parser's events instead (see `direct`), to the same tree.

use crate::diag::Diagnostic;
use crate::source::{FileId, SourceMap, Span};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;

/// A YAML value with its location.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value.
    pub kind: NodeKind,
    /// Where it starts.
    pub span: Span,
}

/// A mapping key with its location.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    /// Key text.
    pub name: String,
    /// Where it is.
    pub span: Span,
}

/// YAML value kinds after schema resolution.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    /// `~`, `null` or empty.
    Null,
    /// `true` / `false` (strict).
    Bool(bool),
    /// An integer that fits i64.
    Int(i128),
    /// A float.
    Float(f64),
    /// A string (plain or quoted).
    Str(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in source order.
    Map(Vec<(Key, Node)>),
}

impl NodeKind {
    /// Name of the kind for messages (`a string`, `a mapping`, …).
    pub fn describe(&self) -> &'static str {
        match self {
            NodeKind::Null => "null",
            NodeKind::Bool(_) => "a boolean",
            NodeKind::Int(_) => "an integer",
            NodeKind::Float(f) if !f.is_finite() => {
                "a number that is not finite (NaN, an infinity, or beyond a double)"
            }
            NodeKind::Float(_) => "a number",
            NodeKind::Str(_) => "a string",
            NodeKind::Seq(_) => "a list",
            NodeKind::Map(_) => "a mapping",
        }
    }
}

/// The raw tree as serde-saphyr hands it over (spans not yet resolved).
enum Raw {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<Raw>>),
    Map(Vec<(Spanned<RawKey>, Spanned<Raw>)>),
}

/// A mapping key; non-string scalar keys are kept as their text.
struct RawKey(String);

impl<'de> Deserialize<'de> for RawKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = RawKey;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a scalar mapping key")
            }
            fn visit_str<E>(self, v: &str) -> Result<RawKey, E> {
                Ok(RawKey(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<RawKey, E> {
                Ok(RawKey(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<RawKey, E> {
                Ok(RawKey(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<RawKey, E> {
                Ok(RawKey(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<RawKey, E> {
                Ok(RawKey(v.to_string()))
            }
            fn visit_bool<E>(self, v: bool) -> Result<RawKey, E> {
                Ok(RawKey(v.to_string()))
            }
            fn visit_unit<E>(self) -> Result<RawKey, E> {
                Ok(RawKey("null".to_owned()))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Raw;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any YAML value")
            }
            fn visit_unit<E>(self) -> Result<Raw, E> {
                Ok(Raw::Null)
            }
            fn visit_none<E>(self) -> Result<Raw, E> {
                Ok(Raw::Null)
            }
            fn visit_bool<E>(self, v: bool) -> Result<Raw, E> {
                Ok(Raw::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Raw, E> {
                Ok(Raw::Int(v.into()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Raw, E> {
                Ok(Raw::Int(v.into()))
            }
            fn visit_i128<E>(self, v: i128) -> Result<Raw, E> {
                Ok(Raw::Int(v))
            }
            fn visit_u128<E: serde::de::Error>(self, v: u128) -> Result<Raw, E> {
                i128::try_from(v)
                    .map(Raw::Int)
                    .map_err(|_| E::custom("integer does not fit in 128 bits"))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Raw, E> {
                Ok(Raw::Float(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Raw, E> {
                Ok(Raw::Str(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Raw, E> {
                Ok(Raw::Str(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Raw, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = a.next_element()? {
                    items.push(item);
                }
                Ok(Raw::Seq(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Raw, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = a.next_key::<Spanned<RawKey>>()? {
                    let value = a.next_value()?;
                    entries.push((key, value));
                }
                Ok(Raw::Map(entries))
            }
        }
        d.deserialize_any(V)
    }
}

/// Largest contract file accepted, in bytes.
pub const MAX_CONTRACT_BYTES: usize = 16 * 1024 * 1024;

/// Parses YAML text into a [`Node`] tree, or one diagnostic with the location.
pub fn parse(sources: &SourceMap, file: FileId) -> Result<Node, Box<Diagnostic>> {
    let text = sources.get(file).map(|f| f.text.as_str()).unwrap_or("");
    let whole = sources.span(file, 0, 0);
    if text.len() > MAX_CONTRACT_BYTES {
        return Err(Box::new(
            Diagnostic::error(
                "input-too-large",
                whole,
                format!(
                    "contract is {} bytes, over the limit of {MAX_CONTRACT_BYTES} bytes",
                    text.len()
                ),
            )
            .help("split the protocol into several contracts"),
        ));
    }
    let options = options(text.len());
    if let Some(node) = super::direct::read(sources, file, text, &options) {
        return Ok(node);
    }
    if let Some((line, col, tag)) = super::direct::first_tag(text) {
        return Err(Box::new(
            Diagnostic::error(
                "yaml-tag",
                sources.span_at(file, line, col, 1),
                format!("YAML tag `{tag}` is not part of the contract language"),
            )
            .label("tag here")
            .help(
                "remove the tag: a contract says what a value is with its keys, never with a tag",
            ),
        ));
    }
    parse_with_serde(sources, file, text, options)
}

/// Parses through serde-saphyr: any YAML, and the diagnostics of its problems.
fn parse_with_serde(
    sources: &SourceMap,
    file: FileId,
    text: &str,
    options: serde_saphyr::Options,
) -> Result<Node, Box<Diagnostic>> {
    let raw: Spanned<Raw> = serde_saphyr::from_str_with_options(text, options)
        .map_err(|e| Box::new(syntax_error(sources, file, &e)))?;
    Ok(resolve(sources, file, raw))
}

fn options(len: usize) -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    // Scale the node budget with the input so large generated contracts load,
    // while alias bombs (many nodes from few bytes) still stop early.
    budget.max_nodes = budget.max_nodes.max(len / 2);
    budget.max_events = budget.max_events.max(len);
    let mut options = serde_saphyr::Options::default();
    options.strict_booleans = true;
    // `.nan`, `.inf` and numbers beyond a double reach the lowering, which
    // refuses them where a number is read; failing the parse here would hide
    // every other problem of the file.
    options.non_finite_float_policy = serde_saphyr::NonFiniteFloatPolicy::PassThrough;
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::Error;
    options.budget = Some(budget);
    options
}

fn syntax_error(sources: &SourceMap, file: FileId, e: &serde_saphyr::Error) -> Diagnostic {
    let full = e.without_snippet().to_string();
    let message = clean_syntax_message(full.lines().next().unwrap_or("invalid YAML"));
    let duplicate = message.strip_prefix("duplicate mapping key: ").map(|key| {
        key.split(", set DuplicateKeyPolicy")
            .next()
            .unwrap_or(key)
            .to_owned()
    });
    let width = duplicate.as_deref().map_or(1, |k| k.chars().count().max(1));
    let span = e
        .location()
        .map(|l| sources.span_at(file, l.line(), l.column(), width))
        .unwrap_or_else(|| sources.span(file, 0, 0));
    let (code, message, help) = if let Some(key) = duplicate {
        (
            "duplicate-key",
            format!("duplicate key `{key}` in this mapping"),
            "each key may appear once per mapping; merge the two entries or rename one",
        )
    } else if message.starts_with("mapping values are not allowed")
        && long_key_before(sources, file, span)
    {
        (
            "yaml-syntax",
            format!("a key longer than {MAX_IMPLICIT_KEY} characters ends here"),
            "YAML reads a key of at most 1024 characters before its `:`; shorten the name (or write it as an explicit `? key` entry)",
        )
    } else if message.starts_with("multiple YAML documents") {
        (
            "yaml-syntax",
            "a second YAML document starts here".to_owned(),
            "a contract file holds one YAML document: move the second one to a file of its own",
        )
    } else if message.contains("Depth {") || message.starts_with("recursion limit exceeded") {
        (
            "yaml-budget",
            "the document nests collections deeper than the YAML reader allows".to_owned(),
            "flatten the nesting: declare inner parts under `types:` and refer to them by name",
        )
    } else if message.to_lowercase().contains("budget") {
        (
            "yaml-budget",
            "the document expands to too many YAML nodes (an alias bomb?)".to_owned(),
            "write the repeated values out or split the contract",
        )
    } else {
        (
            "yaml-syntax",
            message,
            "fix the YAML syntax at this position",
        )
    };
    Diagnostic::error(code, span, message)
        .label("here")
        .help(help)
}

/// The longest key YAML reads without an explicit `? ` (YAML 1.2, 7.4.2).
const MAX_IMPLICIT_KEY: usize = 1024;

/// Whether the text of the line before `span` is longer than a YAML key may be.
fn long_key_before(sources: &SourceMap, file: FileId, span: Span) -> bool {
    let Some(text) = sources.get(file).map(|f| f.text.as_str()) else {
        return false;
    };
    let before = text.get(..span.start.min(text.len())).unwrap_or_default();
    let line = before.rsplit('\n').next().unwrap_or_default();
    line.trim_start().chars().count() > MAX_IMPLICIT_KEY
}

/// Strips the positions serde-saphyr puts into its messages (the span carries them).
fn clean_syntax_message(line: &str) -> String {
    let mut message = line.trim().trim_start_matches("error: ");
    if let Some((head, rest)) = message.split_once(": ") {
        if head.starts_with("line ") {
            message = rest;
        }
    }
    let end = [" at line ", " (defined at line ", " (used at line "]
        .iter()
        .filter_map(|marker| message.find(marker))
        .min()
        .unwrap_or(message.len());
    message[..end].trim().to_owned()
}

/// The span of a node of `kind` whose value starts at 1-based `line` and `col`:
/// as long as a string's value, a number's or boolean's source text, else one.
pub(super) fn node_span(
    sources: &SourceMap,
    file: FileId,
    line: u64,
    col: u64,
    kind: &NodeKind,
) -> Span {
    let len = match kind {
        NodeKind::Str(s) => s.len(),
        NodeKind::Int(_) | NodeKind::Float(_) | NodeKind::Bool(_) => {
            plain_scalar_len(sources, file, line, col)
        }
        _ => 1,
    };
    sources.span_at(file, line, col, len.max(1))
}

/// Length of the plain (unquoted) scalar written at `line` and `col`, read from the source.
fn plain_scalar_len(sources: &SourceMap, file: FileId, line: u64, col: u64) -> usize {
    let start = sources.span_at(file, line, col, 0).start;
    let text = sources.get(file).map_or("", |f| f.text.as_str());
    let rest = text.get(start..).unwrap_or("");
    let end = rest
        .find([',', ']', '}', '\n', '\r', '#'])
        .unwrap_or(rest.len());
    rest[..end].trim_end().len()
}

fn resolve(sources: &SourceMap, file: FileId, raw: Spanned<Raw>) -> Node {
    let kind = match raw.value {
        Raw::Null => NodeKind::Null,
        Raw::Bool(b) => NodeKind::Bool(b),
        Raw::Int(i) => NodeKind::Int(i),
        Raw::Float(f) => NodeKind::Float(f),
        Raw::Str(s) => NodeKind::Str(s),
        Raw::Seq(items) => NodeKind::Seq(
            items
                .into_iter()
                .map(|i| resolve(sources, file, i))
                .collect(),
        ),
        Raw::Map(entries) => NodeKind::Map(
            entries
                .into_iter()
                .map(|(k, v)| {
                    let (line, col) = (k.referenced.line(), k.referenced.column());
                    let key = Key {
                        span: sources.span_at(file, line, col, k.value.0.len().max(1)),
                        name: k.value.0,
                    };
                    (key, resolve(sources, file, v))
                })
                .collect(),
        ),
    };
    let (line, col) = (raw.referenced.line(), raw.referenced.column());
    let span = node_span(sources, file, line, col, &kind);
    Node { kind, span }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    /// The direct reader's tree (if it reads `text`) and serde-saphyr's result.
    fn both_ways(text: &str) -> (Option<Node>, Result<Node, Box<Diagnostic>>) {
        let mut sources = SourceMap::default();
        let file = sources.add("t.yaml", text);
        let options = options(text.len());
        let direct = crate::load::direct::read(&sources, file, text, &options);
        (direct, parse_with_serde(&sources, file, text, options))
    }

    /// Asserts the direct reader agrees with serde-saphyr; returns whether it read `text`.
    fn agrees(text: &str) -> bool {
        match both_ways(text) {
            (Some(direct), Ok(serde)) => {
                assert_eq!(direct, serde, "different trees for {text:?}");
                true
            }
            (Some(direct), Err(e)) => {
                panic!(
                    "read {text:?} as {direct:?}, serde-saphyr says {}",
                    e.message
                )
            }
            (None, _) => false,
        }
    }

    /// Asserts that reading `text` in pieces (when it can be cut) gives the
    /// tree of reading it whole; returns whether it could be cut and read so.
    fn pieces_agree(text: &str) -> bool {
        let mut sources = SourceMap::default();
        let file = sources.add("t.yaml", text);
        let options = options(text.len());
        let whole = crate::load::direct::read_with(&sources, file, text, &options, usize::MAX);
        let pieces = crate::load::direct::read_with(&sources, file, text, &options, 0);
        assert_eq!(pieces, whole, "different trees for {text:?}");
        crate::load::direct::read_in_pieces(&sources, file, text, &options).is_some()
    }

    fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if path.is_dir() && !matches!(name, "target" | "node_modules" | ".git") {
                yaml_files(&path, out);
            } else if name.ends_with(".yaml") || name.ends_with(".yml") {
                out.push(path);
            }
        }
    }

    #[test]
    fn direct_reader_agrees_with_serde_on_every_yaml_file_of_the_repository() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut files = Vec::new();
        yaml_files(&root, &mut files);
        assert!(files.len() > 40, "found only {files:?}");
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let read = agrees(&text);
            if path.parent().is_some_and(|p| p.ends_with("contracts"))
                && !path.ends_with("bad_contracts")
            {
                assert!(read, "{} left to serde-saphyr", path.display());
            }
        }
    }

    #[test]
    fn contracts_read_in_pieces_as_they_read_whole() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut files = Vec::new();
        yaml_files(&root, &mut files);
        let seeds = root.join("contracts");
        let mut seeds_cut = 0;
        for path in &files {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            let cut = pieces_agree(&text);
            if path.starts_with(&seeds) {
                assert!(cut, "{} not read in pieces", path.display());
                seeds_cut += 1;
            }
        }
        assert_eq!(seeds_cut, 5, "the five seed contracts are read in pieces");
    }

    #[test]
    fn a_cut_that_does_not_hold_falls_back_to_reading_whole() {
        let events = |between: &str| {
            format!("name: x\nevents:\n  # first\n  a.b:\n    k: 1\n{between}  c.d: 2\n  e.f:\n    g: [1,\n  2]\n  h.i: 3\nlast: 4\n")
        };
        assert!(pieces_agree(&events("")), "a plain document is cut");
        // Cut lines inside a quoted scalar, a flow collection or after a
        // comment: the pieces do not read, or read the same.
        for between in [
            "  q: \"multi\n  line: x\"\n",
            "  r: {a: 1,\n  b: 2}\n",
            "  # c.d: commented out\n",
            "  s: |\n    block\n\n    text\n",
        ] {
            pieces_agree(&events(between));
            assert!(agrees(&events(between)) || both_ways(&events(between)).0.is_none());
        }
        // A line reading `events:` inside a multi-line quoted scalar, and
        // entries whose empty value takes its position from the next line.
        for text in [
            "d: \"\nevents:\n  a: 1\n  b: 2\n\"\nevents:\n",
            "d: '\nevents:\n  a: 1\n  b: 2\n'\nevents:\n  c: 3\n  e: 4\n",
            "events:\n  a: |\n  b: 1\n  c: 2\n",
            "events:\n  a: |-\n\n  b: 1\n  c: 2\n",
            "events:\n  a: 1\n  ? b\n  c: 2\n  d: 3\n",
            "events:\n  a:\n  b: 1\n  c: 2\n",
        ] {
            pieces_agree(text);
        }
        // Keys repeated across pieces are left to serde-saphyr.
        let repeated = "events:\n  a: 1\n  b: 2\n  a: 3\n  c: 4\n";
        assert!(!pieces_agree(repeated));
        assert!(both_ways(repeated).0.is_none());
        // No block mapping to cut: a flow mapping, a sequence, carriage returns.
        for text in [
            "events: {a: 1, b: 2}\n",
            "events:\n  - a\n  - b\n",
            "events:\r\n  a: 1\r\n  b: 2\r\n",
        ] {
            assert!(!pieces_agree(text), "{text:?} cut");
        }
    }

    #[test]
    fn direct_reader_resolves_scalars_like_serde() {
        let spellings = [
            "",
            "~",
            "null",
            "Null",
            "NULL",
            "nULL",
            "true",
            "True",
            "TRUE",
            "tRUE",
            "false",
            "False",
            "FALSE",
            "yes",
            "no",
            "on",
            "off",
            "y",
            "n",
            "0",
            "-0",
            "00",
            "007",
            "12",
            "-12",
            "+12",
            "1_000",
            "0x1F",
            "0o17",
            "0b101",
            "1.5",
            "-1.5",
            "0.5",
            "-0.0",
            "00.5",
            "1.",
            ".5",
            "1e5",
            "1E-5",
            "-.inf",
            ".inf",
            ".NaN",
            "nan",
            "inf",
            "Infinity",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "123456789012345678",
            "-123456789012345678",
            "1234567890123456789",
            "0.12345678901234567",
            "2024-01-01",
            "1.0.2",
            "v1",
            "hello world",
            "'quoted'",
            "\"dq\"",
            "'it''s'",
            "\"a\\tb\\u00e9\"",
            "<<",
            "=",
            "é",
            "-foo",
            "-",
            "a#b",
            "_x",
            "$ref",
            "^[a-z]+$",
            "|\n  block\n",
            ">-\n  folded\n  text\n",
        ];
        let mut read = 0;
        for s in spellings {
            for text in [
                format!("a: {s}\n"),
                format!("{s}: 1\nb: 2\n"),
                format!("l: [{s}]\n"),
                format!("l:\n  - {s}\n"),
                format!("m: {{k: {s}}}\n"),
            ] {
                read += usize::from(agrees(&text));
            }
        }
        assert!(read > 200, "read only {read}");
    }

    #[test]
    fn direct_reader_leaves_the_rest_to_serde() {
        for text in [
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "base: &b {x: 1}\nc:\n  <<: *b\n",
            "a: 1\na: 2\n",
            "a: 1\n\"a\": 2\n",
            "1: x\n\"1\": y\n",
            "a: 1\n---\nb: 2\n",
            "%YAML 1.1\n---\na: yes\n",
            "a: [1, 2\n",
            "- a\n- b\n",
            "? [a, b]\n: c\n",
            "~: x\n",
            "1.5: x\n",
        ] {
            assert!(
                both_ways(text).0.is_none(),
                "{text:?} should be left to serde-saphyr"
            );
        }
    }

    #[test]
    fn direct_reader_keeps_spans_of_non_ascii_text() {
        assert!(agrees(
            "name: \"é\"\nköy: värde\nlist: [ä, 1, true]\nn: 12 # ü\n"
        ));
    }
}
