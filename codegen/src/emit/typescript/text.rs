//! Escaping for the three TypeScript contexts text from a contract lands in:
//! JSDoc block comments, double-quoted string literals (also used for quoted
//! property names) and template literal types. Plus identifier rules.

use std::fmt::Write as _;

/// Words that cannot name a TypeScript binding (reserved, strict-mode reserved,
/// or predefined type names), checked after case conversion.
const KEYWORDS: &[&str] = &[
    "any",
    "arguments",
    "as",
    "async",
    "await",
    "bigint",
    "boolean",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "declare",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "eval",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "implements",
    "import",
    "in",
    "infer",
    "instanceof",
    "interface",
    "is",
    "keyof",
    "let",
    "never",
    "new",
    "null",
    "number",
    "object",
    "package",
    "private",
    "protected",
    "public",
    "readonly",
    "return",
    "satisfies",
    "static",
    "string",
    "super",
    "switch",
    "symbol",
    "this",
    "throw",
    "true",
    "try",
    "type",
    "typeof",
    "undefined",
    "unique",
    "unknown",
    "var",
    "void",
    "while",
    "with",
    "yield",
];

/// Turns a case-converted stem into a safe identifier: only ASCII letters,
/// digits and `_` are kept, a leading digit (or nothing at all) gets a `T`
/// prefix and a keyword gets a `_` suffix.
pub fn identifier(stem: &str) -> String {
    let mut out: String = stem
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'T');
    }
    if KEYWORDS.contains(&out.as_str()) {
        out.push('_');
    }
    out
}

/// Whether `name` can be written as a property name without quotes.
fn is_plain_property(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// A property name: bare when it is an ASCII identifier (keywords are fine as
/// property names), otherwise a quoted string literal.
pub fn property(name: &str) -> String {
    if is_plain_property(name) {
        name.to_owned()
    } else {
        string_literal(name)
    }
}

/// A double-quoted string literal whose value is exactly `text`.
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            _ => push_char(&mut out, c),
        }
    }
    out.push('"');
    out
}

/// The text of a template literal type (between the backticks) that matches
/// exactly `text`: backticks, backslashes and `$` are escaped.
pub fn template_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '`' => out.push_str("\\`"),
            '\\' => out.push_str("\\\\"),
            '$' => out.push_str("\\$"),
            _ => push_char(&mut out, c),
        }
    }
    out
}

/// Pushes a character, escaping line terminators and other control characters.
fn push_char(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if c.is_control()
            || crate::emit::comment::is_line_break(c)
            || crate::emit::comment::is_hidden(c) =>
        {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        }
        c => out.push(c),
    }
}

/// Splits documentation text into comment lines that cannot end the comment
/// or start a JSDoc tag: lines and characters as
/// [`crate::emit::comment::comment_lines`] makes them, `*/` becomes `*\/`, a
/// line starting with `@` gets a `\` before it, and trailing spaces are
/// trimmed.
pub fn doc_lines(text: &str) -> Vec<String> {
    crate::emit::comment::comment_lines(text)
        .iter()
        .map(|line| {
            let line = doc_line(line).trim_end().to_owned();
            if line.trim_start().starts_with('@') {
                format!("\\{}", line.trim_start())
            } else {
                line
            }
        })
        .collect()
}

/// The comment lines of a JSDoc tag (`@name text`): like [`doc_lines`], but
/// the tag itself stays a tag.
pub fn tag_lines(tag: &str, text: &str) -> Vec<String> {
    let mut lines = doc_lines(text);
    match lines.first_mut() {
        Some(first) if !first.is_empty() => *first = format!("@{tag} {first}"),
        Some(first) => *first = format!("@{tag}"),
        None => lines.push(format!("@{tag}")),
    }
    lines
}

fn doc_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut prev = '\0';
    for c in line.chars() {
        match c {
            '/' if prev == '*' => out.push_str("\\/"),
            c => out.push(c),
        }
        prev = c;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_ascii_and_avoid_keywords() {
        assert_eq!(identifier("WorkerHeartbeat"), "WorkerHeartbeat");
        assert_eq!(identifier("type"), "type_");
        assert_eq!(identifier("Élan"), "lan");
        assert_eq!(identifier("2fa"), "T2fa");
        assert_eq!(identifier(""), "T");
    }

    #[test]
    fn properties_are_quoted_only_when_needed() {
        assert_eq!(property("worker_id"), "worker_id");
        assert_eq!(property("_msg_cat"), "_msg_cat");
        assert_eq!(property("$dollar"), "$dollar");
        assert_eq!(property("default"), "default");
        assert_eq!(property("key with spaces"), "\"key with spaces\"");
        assert_eq!(property("say \"hi\""), "\"say \\\"hi\\\"\"");
        assert_eq!(property("9lives"), "\"9lives\"");
        assert_eq!(property(""), "\"\"");
    }

    #[test]
    fn string_literals_cannot_break_out() {
        assert_eq!(string_literal("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(string_literal("l1\nl2\r"), r#""l1\nl2\r""#);
        assert_eq!(string_literal("x\u{2028}y\u{2029}"), r#""x\u2028y\u2029""#);
        assert_eq!(string_literal("${x} `t`"), r#""${x} `t`""#);
        assert_eq!(string_literal("\u{0}"), r#""\u0000""#);
    }

    #[test]
    fn template_text_cannot_break_out() {
        assert_eq!(template_text("a`b${c}\\"), r"a\`b\${c}\\");
        assert_eq!(template_text("x\ny\u{2028}"), r"x\ny\u2028");
    }

    #[test]
    fn doc_lines_cannot_close_the_comment() {
        assert_eq!(doc_lines("a */ b"), vec!["a *\\/ b"]);
        assert_eq!(doc_lines("**/"), vec!["**\\/"]);
        assert_eq!(
            doc_lines("one\r\ntwo\rthree  "),
            vec!["one", "two", "three"]
        );
        assert_eq!(doc_lines("x\u{2028}y"), vec!["x", "y"]);
        assert_eq!(doc_lines("${x} `t` \"q\""), vec!["${x} `t` \"q\""]);
        assert_eq!(
            doc_lines("a\n  @deprecated no"),
            vec!["a", "\\@deprecated no"]
        );
        assert_eq!(doc_lines("mail me @ home"), vec!["mail me @ home"]);
    }

    #[test]
    fn tags_stay_tags_but_their_text_cannot_add_one() {
        assert_eq!(tag_lines("deprecated", "use x"), vec!["@deprecated use x"]);
        assert_eq!(
            tag_lines("deprecated", "*/ @see y"),
            vec!["@deprecated *\\/ @see y"]
        );
        assert_eq!(
            tag_lines("deprecated", "a\n@see y"),
            vec!["@deprecated a", "\\@see y"]
        );
        assert_eq!(
            tag_lines("packageDocumentation", ""),
            vec!["@packageDocumentation"]
        );
    }
}
