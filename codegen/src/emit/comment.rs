//! The character policy for contract text in generated comments.
//!
//! Descriptions, names and values from a contract reach three compilers and
//! the people who review generated code. In a comment, no character may end
//! the comment's line, reorder or hide the text around it, or be one a
//! compiler refuses in source (rustc denies bidi controls in comments, Go
//! refuses a byte order mark, clippy refuses tabs in doc comments). Every
//! emitter splits comment text with [`comment_lines`], which applies one
//! rule:
//!
//! | characters | in a comment |
//! |---|---|
//! | line breaks: LF, CR, CR LF, NEL (U+0085), LS (U+2028), PS (U+2029) | a new comment line |
//! | bidi controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and the BOM (U+FEFF) | shown as the text `\u{202E}` |
//! | tab and every other control character (C0, DEL, C1) | a space |
//! | anything else | kept |
//!
//! String literals escape the same characters in each language's own
//! syntax; each emitter's string writer does that.

/// Whether `c` ends a line of text.
pub fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Whether `c` is invisible yet changes how the text around it reads: a
/// bidi control or a byte order mark.
pub fn is_hidden(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// Splits `text` into comment lines by the policy above. Lines are not
/// trimmed; a CR LF pair is one line break.
pub fn comment_lines(text: &str) -> Vec<String> {
    let mut lines = vec![String::with_capacity(text.len())];
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let line = lines.last_mut().expect("there is always a current line");
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            c if is_line_break(c) => lines.push(String::new()),
            c if is_hidden(c) => line.push_str(&format!("\\u{{{:04X}}}", u32::from(c))),
            c if c.is_control() => line.push(' '),
            c => line.push(c),
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_split_and_cr_lf_is_one() {
        assert_eq!(
            comment_lines("a\r\nb\rc\u{85}d\u{2028}e\u{2029}f\ng"),
            ["a", "b", "c", "d", "e", "f", "g"]
        );
    }

    #[test]
    fn hidden_characters_are_shown_and_controls_are_spaces() {
        assert_eq!(
            comment_lines("x\u{202E}y\u{FEFF}z\u{2066}\u{061C}"),
            ["x\\u{202E}y\\u{FEFF}z\\u{2066}\\u{061C}"]
        );
        assert_eq!(comment_lines("t\ta\u{0}b\u{7F}c\u{9B}d"), ["t a b c d"]);
        assert_eq!(
            comment_lines("zero\u{200B}width é ✓"),
            ["zero\u{200B}width é ✓"]
        );
    }
}
