//! Contract text in Go source: doc comments (paragraphs gofmt leaves as
//! they are), string literals, JSON keys and struct tags, and literals of
//! JSON scalars.

use super::align::Row;
use crate::model::{Deprecation, Docs, Field};

/// Concatenates string pieces into one exactly sized `String`: `format!` for
/// pieces of text, without its formatting machinery or its capacity guess
/// (too small for most generated lines, which then reallocate).
macro_rules! cat {
    ($($part:expr),+ $(,)?) => {
        [$(::core::convert::AsRef::<str>::as_ref(&$part)),+].concat()
    };
}
pub(crate) use cat;

/// Splits free text into comment-safe lines: every line break (`\n`, `\r`,
/// U+0085, U+2028, U+2029) ends a line, other control characters become
/// spaces, and each line is trimmed so gofmt never sees an indented (code
/// block) or trailing-space line. Runs of blank lines collapse to one, and
/// there are no leading or trailing blank lines.
pub fn comment_lines(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::with_capacity(text.len());
    let end_line = |current: &mut String, out: &mut Vec<String>| {
        let line = current.trim();
        if !line.is_empty() || out.last().is_some_and(|l| !l.is_empty()) {
            out.push(line.to_owned());
        }
        current.clear();
    };
    for line in crate::emit::comment::comment_lines(text) {
        current.push_str(&line);
        end_line(&mut current, &mut out);
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

/// Groups comment lines into paragraphs that gofmt leaves as they are.
///
/// gofmt rewrites a single-line paragraph that has a blank line on each side
/// and text after it into a `#` heading ("old-style headings"); such a
/// paragraph is joined to the one before it instead, so no generated doc
/// comment is ever reformatted. The first and last paragraphs cannot be
/// headings and stay apart (so a final `Deprecated:` paragraph keeps its place).
pub fn paragraphs(lines: &[String]) -> Vec<Vec<String>> {
    let chunks: Vec<&[String]> = lines
        .split(String::is_empty)
        .filter(|c| !c.is_empty())
        .collect();
    let mut paras: Vec<Vec<String>> = Vec::new();
    for (i, chunk) in chunks.iter().enumerate() {
        let middle = i > 0 && i + 1 < chunks.len();
        match paras.last_mut() {
            Some(last) if middle && chunk.len() == 1 => last.extend(chunk.iter().cloned()),
            _ => paras.push(chunk.to_vec()),
        }
    }
    paras
}

/// Comment lines (`// …`) for a doc comment: `head` then the description's
/// paragraphs (continuing `head` when it ends in `:`), then extra paragraphs, then a `Deprecated:` paragraph.
pub fn doc_lines(head: &str, docs: &Docs, extra: &[String]) -> Vec<String> {
    if head.is_empty()
        && extra.is_empty()
        && docs.description.is_none()
        && docs.deprecated.is_none()
    {
        return Vec::new();
    }
    let mut lines = comment_lines(head);
    let mut description = docs.description.as_deref();
    if let (Some(d), true) = (description, head.ends_with(':')) {
        lines = comment_lines(&format!("{head} {d}"));
        description = None;
    }
    let mut add = |text: &str| {
        let more = comment_lines(text);
        if !more.is_empty() {
            if !lines.is_empty() {
                lines.push(String::new());
            }
            lines.extend(more);
        }
    };
    if let Some(d) = description {
        add(d);
    }
    for e in extra {
        add(e);
    }
    if let Some(dep) = &docs.deprecated {
        add(&deprecation(dep));
    }
    render_paragraphs(&lines)
}

/// The text of a `Deprecated:` paragraph (Go's convention for deprecation notices).
pub fn deprecation(dep: &Deprecation) -> String {
    let mut parts = Vec::new();
    if let Some(m) = &dep.message {
        parts.push(m.trim_end_matches('.').to_owned());
    }
    if let Some(r) = &dep.replacement {
        parts.push(format!("use {r} instead"));
    }
    if let Some(s) = &dep.since {
        parts.push(format!("deprecated since {s}"));
    }
    if parts.is_empty() {
        parts.push("do not use".to_owned());
    }
    format!("Deprecated: {}.", parts.join("; "))
}

/// Turns plain lines into `//` comment lines, grouped so gofmt keeps them.
pub fn render_paragraphs(lines: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, para) in paragraphs(lines).iter().enumerate() {
        if i > 0 {
            out.push("//".to_owned());
        }
        out.extend(para.iter().map(|l| cat!("// ", l)));
    }
    out
}

/// The comment of a field: description, how its keys are read and written, deprecation.
pub fn field_doc(f: &Field, tagged: bool) -> Vec<String> {
    let mut extra = Vec::new();
    if !tagged {
        extra.push(format!("Wire key {}.", go_string(&f.name)));
    }
    if let Some(old) = f.old_key() {
        extra.push(format!(
            "Written under both {} and {} (renamed); read from either.",
            go_string(&f.name),
            go_string(old)
        ));
    }
    if !f.aliases.is_empty() {
        let aliases: Vec<String> = f.aliases.iter().map(|a| go_string(a)).collect();
        extra.push(format!("Also read from {}.", aliases.join(", ")));
    }
    doc_lines("", &f.docs, &extra)
}

/// Comment rows for an aligned section.
pub fn comment_rows(lines: Vec<String>) -> Vec<Row> {
    lines.into_iter().map(Row::Verbatim).collect()
}

/// A single line of text safe for a comment (line breaks become spaces).
pub fn inline(text: &str) -> String {
    comment_lines(text)
        .into_iter()
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A Go interpreted string literal for `text`, ASCII only: `\`, `"` and
/// every non-printable or non-ASCII character are escaped, so nothing in the
/// text can end the literal, start a comment or break a line.
pub fn go_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    push_go_string(&mut out, text);
    out
}

/// Appends [`go_string`]`(text)` to `out`.
pub fn push_go_string(out: &mut String, text: &str) {
    out.push('"');
    push_escaped(out, text);
    out.push('"');
}

/// Appends `text` escaped for the inside of a Go string literal (see [`go_string`]).
fn push_escaped(out: &mut String, text: &str) {
    use std::fmt::Write;
    for c in text.chars() {
        // Writing to a String cannot fail.
        let _ = match c {
            '"' => out.write_str("\\\""),
            '\\' => out.write_str("\\\\"),
            '\n' => out.write_str("\\n"),
            '\r' => out.write_str("\\r"),
            '\t' => out.write_str("\\t"),
            ' '..='~' => out.write_char(c),
            c if (c as u32) < 0x80 => write!(out, "\\x{:02x}", c as u32),
            c if (c as u32) <= 0xFFFF => write!(out, "\\u{:04x}", c as u32),
            c => write!(out, "\\U{:08x}", c as u32),
        };
    }
}

/// A Go string literal holding `key` as a quoted JSON string (e.g. `"\"id\""`),
/// ready to be written as an object key.
pub fn json_key_literal(key: &str) -> String {
    // JSON escapes only quotes, backslashes and control characters.
    if key.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
        return go_string(&serde_json::Value::String(key.to_owned()).to_string());
    }
    let mut out = String::with_capacity(key.len() + 6);
    out.push_str("\"\\\"");
    push_escaped(&mut out, key);
    out.push_str("\\\"\"");
    out
}

/// A Go literal of a JSON scalar (`None` for arrays, objects and null).
pub fn scalar_literal(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(s) => Some(go_string(s)),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Whether `encoding/json` accepts `key` as a struct tag name and `go vet`
/// finds nothing suspicious in it (no spaces).
pub fn is_tag_name(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&()*+-./:;<=>?@[]^_{|}~".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_lines_break_on_every_line_terminator() {
        assert_eq!(
            comment_lines("a */ b\nc\u{2028}d\u{2029}e\r\nf\tg\u{0}"),
            ["a */ b", "c", "d", "e", "f g"]
        );
        assert_eq!(comment_lines("\n\n  x  \n\n\n y\n\n"), ["x", "", "y"]);
        assert!(comment_lines("").is_empty());
    }

    #[test]
    fn middle_single_line_paragraphs_join_the_previous_one() {
        let lines = comment_lines("Title\n\nBody one\nbody two\n\nOverview\n\nEnd");
        assert_eq!(
            paragraphs(&lines),
            vec![
                vec!["Title"],
                vec!["Body one", "body two", "Overview"],
                vec!["End"]
            ]
        );
    }

    #[test]
    fn go_strings_escape_everything_that_could_break_out() {
        assert_eq!(go_string("say \"hi\""), r#""say \"hi\"""#);
        assert_eq!(go_string("a\\b`c${d}"), r#""a\\b`c${d}""#);
        assert_eq!(go_string("l\u{2028}s\n\u{7f}"), r#""l\u2028s\n\x7f""#);
        assert_eq!(go_string("\u{1F600}"), r#""\U0001f600""#);
        assert_eq!(json_key_literal("a\"b"), r#""\"a\\\"b\"""#);
        for key in ["id", "é\u{2028}x", "tab\there", "back\\slash", "$ref", ""] {
            let json = serde_json::Value::String(key.to_owned()).to_string();
            assert_eq!(json_key_literal(key), go_string(&json), "{key:?}");
        }
    }

    #[test]
    fn tag_names_follow_encoding_json() {
        assert!(is_tag_name("_msg_cat"));
        assert!(is_tag_name("$dollar"));
        assert!(!is_tag_name("key with spaces"));
        assert!(!is_tag_name("say \"hi\""));
        assert!(!is_tag_name("back`tick"));
        assert!(!is_tag_name("line\u{2028}sep"));
        assert!(!is_tag_name(""));
    }

    #[test]
    fn doc_comments_keep_gofmt_quiet_and_text_inside_comments() {
        let docs = Docs {
            description: Some("First */ line\nsecond\u{2028}third\n\nHeading Like\n\nlast".into()),
            deprecated: Some(Deprecation {
                since: Some("1.0".into()),
                message: None,
                replacement: Some("MessageTypeX".into()),
            }),
            since: None,
        };
        assert_eq!(
            doc_lines("Name:", &docs, &[]),
            [
                "// Name: First */ line",
                "// second",
                "// third",
                "// Heading Like",
                "// last",
                "//",
                "// Deprecated: use MessageTypeX instead; deprecated since 1.0.",
            ]
        );
        assert_eq!(inline("a\nb\u{2029}c"), "a b c");
    }
}
