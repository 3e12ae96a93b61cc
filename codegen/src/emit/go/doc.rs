//! Doc comments and field statements shared by the Go emitters.

use super::align::Row;
use super::text::{cat, comment_lines, go_string, paragraphs};
use crate::model::{Deprecation, Docs, Field};

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
    if let Some(old) = &f.renamed_from {
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

#[cfg(test)]
mod tests {
    use super::*;

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
