//! A small indentation-aware text printer for the Go and TypeScript emitters.

/// Accumulates lines with a current indentation.
#[derive(Debug)]
pub struct Printer {
    out: String,
    depth: usize,
    unit: &'static str,
}

impl Printer {
    /// A printer that indents with `unit` per level (`"\t"` for Go, two spaces for TS).
    pub fn new(unit: &'static str) -> Self {
        Printer {
            out: String::new(),
            depth: 0,
            unit,
        }
    }

    /// Writes one line at the current indentation (an empty line has no trailing spaces).
    pub fn line(&mut self, text: impl AsRef<str>) {
        let text = text.as_ref();
        if !text.is_empty() {
            for _ in 0..self.depth {
                self.out.push_str(self.unit);
            }
            self.out.push_str(text);
        }
        self.out.push('\n');
    }

    /// Writes an empty line, never two in a row.
    pub fn blank(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    /// Writes `open`, indents, runs `body`, dedents and writes `close`.
    pub fn block(&mut self, open: impl AsRef<str>, close: &str, body: impl FnOnce(&mut Self)) {
        self.line(open);
        self.depth += 1;
        body(self);
        self.depth -= 1;
        self.line(close);
    }

    /// The text so far, ending in exactly one newline.
    pub fn finish(mut self) -> String {
        while self.out.ends_with("\n\n") {
            self.out.pop();
        }
        self.out
    }
}
