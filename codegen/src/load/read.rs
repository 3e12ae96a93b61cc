//! Small readers over [`Node`]s that report a diagnostic when a value has the
//! wrong kind, so the lowering code reads like the format it implements.
//!
//! `what` and `context` arguments are only written out in diagnostics, so
//! callers pass `format_args!` rather than formatting a string up front.

use super::node::{Key, Node, NodeKind};
use crate::diag::{did_you_mean, Diagnostic, Diagnostics};
use crate::source::Span;
use std::fmt::Display;

/// The entries of a mapping, or an error saying a mapping was expected.
pub fn map<'n>(
    d: &mut Diagnostics,
    node: &'n Node,
    what: impl Display,
) -> Option<&'n [(Key, Node)]> {
    match &node.kind {
        NodeKind::Map(entries) => Some(entries),
        other => {
            d.push(wrong_kind(node, what, "a mapping", other));
            None
        }
    }
}

/// The items of a list, or an error.
pub fn seq<'n>(d: &mut Diagnostics, node: &'n Node, what: impl Display) -> Option<&'n [Node]> {
    match &node.kind {
        NodeKind::Seq(items) => Some(items),
        other => {
            d.push(wrong_kind(node, what, "a list", other));
            None
        }
    }
}

/// A string, or an error.
pub fn string<'n>(d: &mut Diagnostics, node: &'n Node, what: impl Display) -> Option<&'n str> {
    match &node.kind {
        NodeKind::Str(s) => Some(s),
        other => {
            d.push(
                wrong_kind(node, what, "a string", other)
                    .help("quote the value if it is meant as text (e.g. \"2.0\" or \"yes\")"),
            );
            None
        }
    }
}

/// A string or a number written as text (versions, dates).
pub fn text(d: &mut Diagnostics, node: &Node, what: impl Display) -> Option<String> {
    match &node.kind {
        NodeKind::Str(s) => Some(s.clone()),
        NodeKind::Int(i) => Some(i.to_string()),
        NodeKind::Float(f) => Some(f.to_string()),
        other => {
            d.push(wrong_kind(node, what, "a string", other));
            None
        }
    }
}

/// A boolean, or an error.
pub fn boolean(d: &mut Diagnostics, node: &Node, what: impl Display) -> Option<bool> {
    match &node.kind {
        NodeKind::Bool(b) => Some(*b),
        other => {
            d.push(
                wrong_kind(node, what, "`true` or `false`", other)
                    .help("booleans are strict: write `true` or `false` (not yes/no/on/off)"),
            );
            None
        }
    }
}

/// An integer that fits 64 signed bits, or an error.
pub fn integer(d: &mut Diagnostics, node: &Node, what: impl Display) -> Option<i64> {
    let wide = wide_integer(d, node, &what)?;
    match i64::try_from(wide) {
        Ok(v) => Some(v),
        Err(_) => {
            d.push(
                Diagnostic::error(
                    "wrong-kind",
                    node.span,
                    format!("{what} must fit a 64-bit signed integer"),
                )
                .expected(format!("{} to {}", i64::MIN, i64::MAX)),
            );
            None
        }
    }
}

/// An integer of any width YAML gives (up to 128 bits), or an error.
pub fn wide_integer(d: &mut Diagnostics, node: &Node, what: impl Display) -> Option<i128> {
    match &node.kind {
        NodeKind::Int(i) => Some(*i),
        other => {
            d.push(wrong_kind(node, what, "an integer", other));
            None
        }
    }
}

/// A number (integers accepted), or an error.
pub fn number(d: &mut Diagnostics, node: &Node, what: impl Display) -> Option<f64> {
    match &node.kind {
        NodeKind::Int(i) => Some(*i as f64),
        NodeKind::Float(f) if f.is_finite() => Some(*f),
        other => {
            d.push(wrong_kind(node, what, "a finite number", other));
            None
        }
    }
}

/// A list of strings (a single string is not accepted), or an error.
pub fn strings(
    d: &mut Diagnostics,
    node: &Node,
    what: impl Display + Copy,
) -> Vec<(String, crate::source::Span)> {
    let Some(items) = seq(d, node, what) else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| string(d, item, what).map(|s| (s.to_owned(), item.span)))
        .collect()
}

/// Finds a key that must be present, reporting it at `node` when it is missing.
pub fn required<'n>(
    d: &mut Diagnostics,
    node: &Node,
    entries: &'n [(Key, Node)],
    key: &str,
    what: impl Display,
) -> Option<&'n Node> {
    let found = get(entries, key);
    if found.is_none() {
        d.push(
            Diagnostic::error(
                "missing-key",
                node.span,
                format!("{what} is missing `{key}:`"),
            )
            .label(format!("needs `{key}:`")),
        );
    }
    found
}

/// The value under `key`, if present.
pub fn get<'n>(entries: &'n [(Key, Node)], key: &str) -> Option<&'n Node> {
    entries.iter().find(|(k, _)| k.name == key).map(|(_, v)| v)
}

/// Reports every key not in `allowed`, with a did-you-mean hint.
pub fn known_keys(
    d: &mut Diagnostics,
    entries: &[(Key, Node)],
    allowed: &[&str],
    context: impl Display,
) {
    for (key, _) in entries {
        if !allowed.contains(&key.name.as_str()) {
            d.push(
                unknown_name(
                    "unknown-key",
                    key.span,
                    format!("unknown key `{}` in {context}", key.name),
                    &key.name,
                    allowed,
                )
                .label("not allowed here"),
            );
        }
    }
}

/// An error saying `what` should have been `expected` but was `found`.
pub fn wrong_kind(node: &Node, what: impl Display, expected: &str, found: &NodeKind) -> Diagnostic {
    Diagnostic::error(
        "wrong-kind",
        node.span,
        format!("{what} must be {expected}, found {}", found.describe()),
    )
    .label(format!("this is {}", found.describe()))
    .expected(expected.to_owned())
}

/// An error saying `name` is not one of `candidates` (an unknown key, type,
/// field, channel, envelope, category, priority or value): `message` says what
/// `name` was meant to be; the note lists `candidates` and the hint names the
/// closest of them. Callers whose list would not help replace the note.
pub fn unknown_name(
    code: &'static str,
    span: Span,
    message: impl Into<String>,
    name: &str,
    candidates: &[&str],
) -> Diagnostic {
    Diagnostic::error(code, span, message)
        .expected(format!("one of: {}", candidates.join(", ")))
        .maybe_help(did_you_mean(name, candidates.iter().copied()))
}

/// Converts a YAML value into JSON (for `const`).
pub fn to_json(node: &Node) -> serde_json::Value {
    use serde_json::Value;
    match &node.kind {
        NodeKind::Null => Value::Null,
        NodeKind::Bool(b) => Value::Bool(*b),
        NodeKind::Int(i) => i64::try_from(*i)
            .map(Value::from)
            .or_else(|_| u64::try_from(*i).map(Value::from))
            .unwrap_or_else(|_| {
                serde_json::Number::from_f64(*i as f64).map_or(Value::Null, Value::Number)
            }),
        NodeKind::Float(f) => serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number),
        NodeKind::Str(s) => Value::String(s.clone()),
        NodeKind::Seq(items) => Value::Array(items.iter().map(to_json).collect()),
        NodeKind::Map(entries) => Value::Object(
            entries
                .iter()
                .map(|(k, v)| (k.name.clone(), to_json(v)))
                .collect(),
        ),
    }
}
