//! Source files and positions: every diagnostic points into one of these.

use serde::Serialize;

/// Index of a file in a [`SourceMap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct FileId(pub u32);

/// A position in a source file: byte range plus the 1-based line and column of its start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub struct Span {
    /// File the span points into.
    #[serde(skip)]
    pub file: FileId,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte (equal to `start` for a point).
    pub end: usize,
    /// 1-based line of `start`.
    pub line: u32,
    /// 1-based column (in characters) of `start`.
    pub col: u32,
}

impl Span {
    /// A span that points nowhere in particular (used for synthesized model parts).
    pub const fn detached() -> Self {
        Span {
            file: FileId(u32::MAX),
            start: 0,
            end: 0,
            line: 0,
            col: 0,
        }
    }

    /// Whether this span points into a real file.
    pub fn is_real(&self) -> bool {
        self.file.0 != u32::MAX && self.line > 0
    }
}

/// One loaded source file.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user gave it (used in messages).
    pub path: String,
    /// The full text.
    pub text: String,
    /// Byte offset of the start of every line (the first is 0).
    line_starts: Vec<usize>,
    /// Whether the text is all ASCII (then characters and bytes coincide).
    ascii: bool,
}

impl SourceFile {
    /// 0-based index of the line holding byte `offset`.
    fn line_index(&self, offset: usize) -> usize {
        self.line_starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// Bytes taken by the first `chars` characters of the line starting at
    /// byte `start` (0-based line `index`), stopping at its line break.
    fn column_bytes(&self, start: usize, index: usize, chars: usize) -> usize {
        let rest = &self.text[start..];
        if self.ascii {
            let line_len = match self.line_starts.get(index + 1) {
                Some(&next) => next - 1 - start,
                None => rest.len(),
            };
            return chars.min(line_len);
        }
        rest.chars()
            .take_while(|c| *c != '\n')
            .take(chars)
            .map(char::len_utf8)
            .sum()
    }

    /// The span from `start` (a character boundary on 0-based line `line`) to `end`.
    fn span_on_line(&self, file: FileId, line: usize, start: usize, end: usize) -> Span {
        let text = self.text.as_str();
        let end = floor_char_boundary(text, end.clamp(start, text.len()));
        let line_start = self.line_starts.get(line).copied().unwrap_or(0);
        let col = self.chars_between(line_start, start) + 1;
        Span {
            file,
            start,
            end,
            line: u32::try_from(line + 1).unwrap_or(u32::MAX),
            col: u32::try_from(col).unwrap_or(u32::MAX),
        }
    }

    /// Number of characters between byte `from` and byte `to` (both on char boundaries).
    fn chars_between(&self, from: usize, to: usize) -> usize {
        if self.ascii {
            to - from
        } else {
            self.text[from..to].chars().count()
        }
    }
}

/// All files a run has read, so diagnostics can show snippets from any of them.
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    /// Registers a file and returns its id.
    pub fn add(&mut self, path: impl Into<String>, text: impl Into<String>) -> FileId {
        let text = text.into();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let ascii = text.is_ascii();
        self.files.push(SourceFile {
            path: path.into(),
            text,
            line_starts,
            ascii,
        });
        FileId(u32::try_from(self.files.len() - 1).unwrap_or(u32::MAX - 1))
    }

    /// The file behind an id, if any.
    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }

    /// Builds a span for a byte range of a file, computing line and column.
    pub fn span(&self, file: FileId, start: usize, end: usize) -> Span {
        let Some(f) = self.get(file) else {
            return Span {
                file,
                ..Span::default()
            };
        };
        let text = f.text.as_str();
        let start = floor_char_boundary(text, start.min(text.len()));
        f.span_on_line(file, f.line_index(start), start, end)
    }

    /// Builds a span from a 1-based line and column.
    pub fn span_at(&self, file: FileId, line: u64, col: u64, len: usize) -> Span {
        let Some(f) = self.get(file) else {
            return self.span(file, 0, 0);
        };
        let index = usize::try_from(line.saturating_sub(1)).unwrap_or(usize::MAX);
        match f.line_starts.get(index) {
            Some(&start) => {
                let chars = usize::try_from(col.saturating_sub(1)).unwrap_or(usize::MAX);
                // A character boundary on line `index` (before its line break).
                let offset = start + f.column_bytes(start, index, chars);
                f.span_on_line(file, index, offset, offset + len)
            }
            None => self.span(file, f.text.len(), f.text.len() + len),
        }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every span of `text` from `span_at`, computed with and without the ASCII shortcut.
    fn spans_both_ways(text: &str) -> (Vec<Span>, Vec<Span>) {
        let mut map = SourceMap::default();
        let file = map.add("t.yaml", text);
        let positions: Vec<(u64, u64)> =
            (0..6).flat_map(|l| (0..12).map(move |c| (l, c))).collect();
        let fast: Vec<Span> = positions
            .iter()
            .map(|&(l, c)| map.span_at(file, l, c, 2))
            .collect();
        map.files[0].ascii = false;
        let slow = positions
            .iter()
            .map(|&(l, c)| map.span_at(file, l, c, 2))
            .collect();
        (fast, slow)
    }

    #[test]
    fn ascii_shortcut_gives_the_same_spans() {
        for text in ["a: 1\nbb: 22\r\n\nccc: x", "", "\n\n", "no newline at end"] {
            let (fast, slow) = spans_both_ways(text);
            assert_eq!(fast, slow, "{text:?}");
        }
    }

    #[test]
    fn span_at_agrees_with_span_of_its_offset() {
        for text in ["a: 1\nbb: 22\r\n\nccc: x", "ä: ö\nkey: välue\n", "x"] {
            let mut map = SourceMap::default();
            let file = map.add("t.yaml", text);
            for line in 0..5 {
                for col in 0..14 {
                    let at = map.span_at(file, line, col, 3);
                    assert_eq!(
                        at,
                        map.span(file, at.start, at.start + 3),
                        "{text:?} {line}:{col}"
                    );
                }
            }
        }
    }

    #[test]
    fn columns_count_characters() {
        let mut map = SourceMap::default();
        let file = map.add("t.yaml", "ä: ö\nkey: välue\n");
        let span = map.span_at(file, 2, 6, 6);
        assert_eq!((span.start, span.end, span.line, span.col), (12, 18, 2, 6));
        assert_eq!(&map.files[0].text[span.start..span.end], "välue");
        let span = map.span_at(file, 1, 4, 2);
        assert_eq!((span.start, span.line, span.col), (4, 1, 4));
        assert_eq!(&map.files[0].text[span.start..span.end], "ö");
    }
}
