//! A YAML syntax tree where every node keeps its location.
//!
//! serde-saphyr parses (duplicate keys, strict booleans, node budget); this
//! module turns its `Spanned` values into [`Node`]s so the lowering step can
//! point at any key or value. Spans are lost inside serde's untagged enums, so
//! the tree is generic and lowered by hand.

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
    Int(i64),
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
    Int(i64),
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
                Ok(Raw::Int(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Raw, E> {
                i64::try_from(v)
                    .map(Raw::Int)
                    .map_err(|_| E::custom("integer does not fit in 64 bits"))
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
    let raw: Spanned<Raw> = serde_saphyr::from_str_with_options(text, options(text.len()))
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
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::Error;
    options.budget = Some(budget);
    options
}

fn syntax_error(sources: &SourceMap, file: FileId, e: &serde_saphyr::Error) -> Diagnostic {
    let span = e
        .location()
        .map(|l| sources.span_at(file, l.line(), l.column(), 1))
        .unwrap_or_else(|| sources.span(file, 0, 0));
    let full = e.without_snippet().to_string();
    // serde-saphyr prefixes "error: line L column C: "; keep only the message.
    let message = full
        .lines()
        .next()
        .unwrap_or("invalid YAML")
        .trim_start_matches("error: ")
        .split_once(": ")
        .filter(|(head, _)| head.starts_with("line "))
        .map_or_else(
            || full.lines().next().unwrap_or("invalid YAML").to_owned(),
            |(_, m)| m.to_owned(),
        );
    let (code, help) = if message.contains("duplicate mapping key") {
        (
            "duplicate-key",
            "each key may appear once per mapping; merge or rename the entries",
        )
    } else if message.to_lowercase().contains("budget") {
        ("yaml-budget", "the document expands to too many nodes (alias bomb?); write the values out or split the contract")
    } else {
        ("yaml-syntax", "fix the YAML syntax at this position")
    };
    Diagnostic::error(code, span, message.trim().to_owned())
        .label("here")
        .help(help)
}

fn span_of(sources: &SourceMap, file: FileId, loc: &serde_saphyr::Location, len: usize) -> Span {
    sources.span_at(file, loc.line(), loc.column(), len)
}

fn resolve(sources: &SourceMap, file: FileId, raw: Spanned<Raw>) -> Node {
    let len = match &raw.value {
        Raw::Str(s) => s.len(),
        Raw::Int(i) => i.to_string().len(),
        Raw::Bool(b) => b.to_string().len(),
        _ => 1,
    };
    let span = span_of(sources, file, &raw.referenced, len.max(1));
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
                    let key = Key {
                        span: span_of(sources, file, &k.referenced, k.value.0.len().max(1)),
                        name: k.value.0,
                    };
                    (key, resolve(sources, file, v))
                })
                .collect(),
        ),
    };
    Node { kind, span }
}
