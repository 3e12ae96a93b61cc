//! Rust identifier rules and doc-comment escaping.
//!
//! Identifiers come from the IR's `ident` stems through [`crate::naming`];
//! keywords become raw identifiers (`r#type`) where Rust allows them and take
//! a `_` suffix where it does not (`self`, `Self`, `crate`, `super`) or where a
//! later edition reserves them (`gen`). Text that lands in generated code is
//! never spliced as source: strings are `quote` literals (which escape), and
//! doc text becomes one `#[doc = "…"]` literal per line.

use crate::naming;
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use std::collections::BTreeSet;

/// Strict and reserved keywords that can be raw identifiers (`r#type`).
const RAW_OK: &[&str] = &[
    "as", "break", "const", "continue", "else", "enum", "extern", "false", "fn", "for", "if",
    "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static",
    "struct", "trait", "true", "type", "unsafe", "use", "where", "while", "async", "await", "dyn",
    "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof", "unsized",
    "virtual", "yield", "try",
];

/// Keywords that cannot be raw identifiers, or are reserved by a later edition: suffix `_`.
const SUFFIXED: &[&str] = &["self", "Self", "crate", "super", "gen", "_"];

/// Keeps ASCII letters, digits and `_`; Rust identifiers of generated code stay ASCII.
fn ascii_only(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

/// Makes `text` a legal identifier: never empty, never starting with a digit.
fn legal(text: String, fallback: &str) -> String {
    if text.is_empty() || text == "_" {
        fallback.to_owned()
    } else if text.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{fallback}{text}")
    } else {
        text
    }
}

/// Turns identifier text into an [`Ident`], applying the keyword rules.
pub fn ident(text: &str) -> Ident {
    if SUFFIXED.contains(&text) {
        Ident::new(&format!("{text}_"), Span::call_site())
    } else if RAW_OK.contains(&text) {
        Ident::new_raw(text, Span::call_site())
    } else {
        Ident::new(text, Span::call_site())
    }
}

/// The identifier text a keyword turns into (for collision checks).
pub fn spelled(text: &str) -> String {
    if SUFFIXED.contains(&text) {
        format!("{text}_")
    } else {
        text.to_owned()
    }
}

/// `PascalCase` text for a type or variant stem.
pub fn type_text(stem: &str) -> String {
    let text = ascii_only(&naming::pascal(stem));
    let mut chars = text.chars();
    let upper: String = match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    };
    legal(upper, "T")
}

/// `snake_case` text for a field or function stem.
pub fn field_text(stem: &str) -> String {
    legal(ascii_only(&naming::snake(stem)), "field")
}

/// `SCREAMING_SNAKE_CASE` text for a constant stem.
pub fn const_text(stem: &str) -> String {
    legal(ascii_only(&naming::screaming_snake(stem)), "NAME")
}

/// Hands out unique names in one namespace: a taken name gets `2`, `3`, … appended.
#[derive(Debug, Default)]
pub struct Namespace {
    taken: BTreeSet<String>,
}

impl Namespace {
    /// A namespace where `reserved` are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Namespace {
            taken: reserved.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    /// Claims `text` (or the first free numbered form of it) and returns it.
    pub fn claim(&mut self, text: &str) -> String {
        let mut candidate = text.to_owned();
        let mut n = 2;
        while self.taken.contains(&spelled(&candidate)) {
            candidate = format!("{text}{n}");
            n += 1;
        }
        self.taken.insert(spelled(&candidate));
        candidate
    }
}

/// Splits text into doc lines at every line terminator Rust or an editor may honour
/// (`\n`, `\r\n`, `\r`, U+2028, U+2029, U+0085), so no line can carry a bare CR.
pub fn doc_lines(text: &str) -> Vec<String> {
    let lines: Vec<String> = crate::emit::comment::comment_lines(text)
        .into_iter()
        .map(|l| l.trim_end().to_owned())
        .collect();
    let end = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(0, |i| i + 1);
    lines.into_iter().take(end).collect()
}

/// `#[doc = " line"]` attributes for a block of text (nothing for empty text).
pub fn doc_attrs(text: &str) -> TokenStream {
    let lines = doc_lines(text).into_iter().map(|l| format!(" {l}"));
    quote! { #( #[doc = #lines] )* }
}

/// Doc attributes for several paragraphs, separated by blank doc lines.
pub fn doc_paragraphs<'a>(paragraphs: impl IntoIterator<Item = &'a str>) -> TokenStream {
    let mut lines: Vec<String> = Vec::new();
    for p in paragraphs {
        let block = doc_lines(p);
        if block.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(block.into_iter().map(|l| format!(" {l}")));
    }
    let lines = lines
        .into_iter()
        .map(|l| if l == " " { String::new() } else { l });
    quote! { #( #[doc = #lines] )* }
}

/// Wraps text in backticks for a doc line, choosing a fence longer than any run inside.
pub fn code_span(text: &str) -> String {
    let flat: String = doc_lines(text).join(" ");
    let longest = flat.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if flat.starts_with('`') || flat.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{flat}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_become_raw_or_suffixed() {
        assert_eq!(ident("type").to_string(), "r#type");
        assert_eq!(ident("match").to_string(), "r#match");
        assert_eq!(ident("self").to_string(), "self_");
        assert_eq!(ident("Self").to_string(), "Self_");
        assert_eq!(ident("crate").to_string(), "crate_");
        assert_eq!(ident("super").to_string(), "super_");
        assert_eq!(ident("gen").to_string(), "gen_");
        assert_eq!(ident("worker_id").to_string(), "worker_id");
    }

    #[test]
    fn identifier_text_is_ascii_and_legal() {
        assert_eq!(type_text("worker.job.started"), "WorkerJobStarted");
        assert_eq!(type_text("say\"hi\""), "SayHi");
        assert_eq!(type_text("line\u{2028}sep"), "LineSep");
        assert_eq!(field_text("key with spaces"), "key_with_spaces");
        assert_eq!(field_text("_msg_cat"), "msg_cat");
        assert_eq!(field_text("2fa"), "field2fa");
        assert_eq!(const_text("operation:start"), "OPERATION_START");
        assert_eq!(type_text("ünï"), "N");
    }

    #[test]
    fn namespace_numbers_collisions() {
        let mut ns = Namespace::with_reserved(&["Message"]);
        assert_eq!(ns.claim("Message"), "Message2");
        assert_eq!(ns.claim("Trade"), "Trade");
        assert_eq!(ns.claim("Trade"), "Trade2");
        assert_eq!(ns.claim("Self"), "Self");
        assert_eq!(ns.claim("Self_"), "Self_2");
    }

    #[test]
    fn doc_lines_split_every_line_terminator() {
        assert_eq!(
            doc_lines("a\r\nb\rc\u{2028}d\u{2029}e\u{85}f\n\n"),
            vec!["a", "b", "c", "d", "e", "f"]
        );
        assert!(doc_lines("").is_empty());
    }

    #[test]
    fn doc_attrs_are_string_literals() {
        let tokens = doc_attrs("*/ fn main() {} /*\n\"quoted\"").to_string();
        assert!(tokens.contains(r#"" */ fn main() {} /*""#), "{tokens}");
        assert!(tokens.contains(r#"" \"quoted\"""#), "{tokens}");
    }

    #[test]
    fn code_spans_fence_backticks() {
        assert_eq!(code_span("ping"), "`ping`");
        assert_eq!(code_span("back`tick"), "``back`tick``");
        assert_eq!(code_span("`x"), "`` `x ``");
    }
}
