//! The unexported helpers every generated package carries, trimmed to the
//! ones its code uses.
//!
//! The helpers are real Go (in `runtime/*.go.txt`, gofmt- and vet-clean),
//! split into top-level declarations at blank lines. A declaration is kept
//! when code already kept names it; comments and string literals are ignored
//! when looking for names, so contract text cannot pull helpers in.

use rustc_hash::FxHashSet as FastSet;

const SOURCES: &[&str] = &[
    include_str!("runtime/core.go.txt"),
    include_str!("runtime/nullable.go.txt"),
    include_str!("runtime/compress.go.txt"),
    include_str!("runtime/ptr.go.txt"),
    include_str!("runtime/containers.go.txt"),
    include_str!("runtime/has.go.txt"),
    include_str!("runtime/tagged.go.txt"),
];

/// Declarations kept whenever another one is (exported companions).
const COMPANIONS: &[(&str, &str)] = &[("NullableOf", "Nullable")];

/// One top-level declaration of the runtime.
struct Decl {
    /// The name it declares (the receiver type for a method).
    name: String,
    /// Its text, doc comment included.
    text: &'static str,
}

fn decls() -> Vec<Decl> {
    SOURCES
        .iter()
        .flat_map(|src| src.split("\n\n"))
        .map(str::trim_end)
        .filter(|t| !t.is_empty())
        .map(|text| Decl {
            name: declared_name(text),
            text,
        })
        .collect()
}

/// The name a declaration introduces (`func (w *objectWriter) m(` → `objectWriter`).
fn declared_name(text: &str) -> String {
    let line = text
        .lines()
        .find(|l| !l.starts_with("//"))
        .unwrap_or_default();
    let rest = line
        .strip_prefix("func (")
        .and_then(|r| r.split_once(' ').map(|(_, t)| t.trim_start_matches('*')))
        .or_else(|| {
            ["func ", "type ", "const ", "var "]
                .iter()
                .find_map(|k| line.strip_prefix(k))
        })
        .unwrap_or_default();
    rest.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// The helpers `code` needs, in their source order, joined by blank lines.
pub fn for_code(code: &str) -> String {
    let all = decls();
    // Only these names are ever looked up, so only they are collected.
    let wanted = Names::new(
        all.iter()
            .map(|d| d.name.as_str())
            .chain(COMPANIONS.iter().map(|(_, of)| *of)),
    );
    let mut used: FastSet<&[u8]> = FastSet::default();
    let note = |used: &mut FastSet<_>, text: &str| {
        each_identifier(text, |word| {
            if let Some(name) = wanted.get(word) {
                used.insert(name);
            }
        })
    };
    note(&mut used, code);
    let mut keep = vec![false; all.len()];
    loop {
        let mut changed = false;
        for (i, d) in all.iter().enumerate() {
            let companion = COMPANIONS
                .iter()
                .any(|(c, of)| *c == d.name && used.contains(of.as_bytes()));
            if !keep[i] && (used.contains(d.name.as_bytes()) || companion) {
                keep[i] = true;
                changed = true;
                note(&mut used, d.text);
            }
        }
        if !changed {
            break;
        }
    }
    let kept: Vec<&str> = all
        .iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(d, _)| d.text)
        .collect();
    let mut out = kept.join("\n\n");
    out.push('\n');
    out
}

/// A set of names with a cheap test that rules most other words out before hashing.
struct Names<'a> {
    set: FastSet<&'a [u8]>,
    /// A one-hash Bloom filter over each name's length, first and last byte.
    sketches: [u64; 16],
}

impl<'a> Names<'a> {
    fn new(names: impl Iterator<Item = &'a str>) -> Self {
        let set: FastSet<&[u8]> = names.map(str::as_bytes).collect();
        let mut sketches = [0u64; 16];
        for name in &set {
            let bit = sketch(name);
            if let Some(word) = sketches.get_mut(bit / 64) {
                *word |= 1 << (bit % 64);
            }
        }
        Names { set, sketches }
    }

    /// The name equal to `word`, if any.
    fn get(&self, word: &[u8]) -> Option<&'a [u8]> {
        let bit = sketch(word);
        let possible = self
            .sketches
            .get(bit / 64)
            .is_some_and(|w| w & (1 << (bit % 64)) != 0);
        if possible {
            self.set.get(word).copied()
        } else {
            None
        }
    }
}

/// A number below 1024 from a word's length, first and last byte.
fn sketch(word: &[u8]) -> usize {
    let first = word.first().copied().map_or(0, usize::from);
    let last = word.last().copied().map_or(0, usize::from);
    (word.len().wrapping_mul(131) ^ first.wrapping_mul(31) ^ last) % 1024
}

/// Calls `f` with (the bytes of) every identifier-like word of Go code (a
/// run of letters, digits and `_`), skipping `//` comments and string, rune
/// and raw-string literals.
fn each_identifier<'a>(src: &'a str, mut f: impl FnMut(&'a [u8])) {
    let bytes = src.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let word_len = match class(b) {
            Class::Word => 1,
            Class::Other => {
                i += 1;
                continue;
            }
            Class::NonAscii => match src.get(i..).and_then(|rest| rest.chars().next()) {
                Some(c) if c.is_alphanumeric() => c.len_utf8(),
                other => {
                    i += other.map_or(1, char::len_utf8);
                    continue;
                }
            },
            Class::Slash if bytes.get(i + 1) == Some(&b'/') => {
                i = after(bytes, i + 2, |d| d == b'\n');
                continue;
            }
            Class::Slash => {
                i += 1;
                continue;
            }
            Class::Quote => {
                i = after_quoted(bytes, i + 1, b);
                continue;
            }
            Class::Backtick => {
                i = after(bytes, i + 1, |d| d == b'`');
                continue;
            }
        };
        let end = word_end(src, i + word_len);
        f(bytes.get(i..end).unwrap_or_default());
        i = end;
    }
}

/// What a byte of Go code can start.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// An ASCII letter, digit or `_`.
    Word,
    /// Another ASCII byte with no special meaning here.
    Other,
    /// The first byte of a non-ASCII character.
    NonAscii,
    /// `/` (perhaps a comment).
    Slash,
    /// `"` or `'`.
    Quote,
    /// `` ` ``.
    Backtick,
}

/// The class of a byte (by table: this is the hot loop).
fn class(b: u8) -> Class {
    CLASSES[usize::from(b)]
}

const CLASSES: [Class; 256] = {
    let mut table = [Class::NonAscii; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        table[b] = match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'_' => Class::Word,
            b'/' => Class::Slash,
            b'"' | b'\'' => Class::Quote,
            b'`' => Class::Backtick,
            _ => Class::Other,
        };
        b += 1;
    }
    table
};

/// The end of the word whose rest starts at byte `i` of `src`.
fn word_end(src: &str, mut i: usize) -> usize {
    let bytes = src.as_bytes();
    while let Some(&b) = bytes.get(i) {
        match class(b) {
            Class::Word => i += 1,
            Class::NonAscii => match src.get(i..).and_then(|rest| rest.chars().next()) {
                Some(c) if c.is_alphanumeric() => i += c.len_utf8(),
                _ => break,
            },
            _ => break,
        }
    }
    i
}

/// The index after the first byte at or after `from` that `end` accepts (or the length).
fn after(bytes: &[u8], from: usize, end: impl Fn(u8) -> bool) -> usize {
    bytes
        .get(from..)
        .and_then(|rest| rest.iter().position(|&d| end(d)))
        .map_or(bytes.len(), |p| from + p + 1)
}

/// The index after a string or rune literal whose body starts at `from`: past
/// its closing `quote` or the end of the line (a `\\` escapes the next character).
fn after_quoted(bytes: &[u8], mut from: usize, quote: u8) -> usize {
    while let Some(&d) = bytes.get(from) {
        if d == b'\\' {
            from += 2;
        } else if d == quote || d == b'\n' {
            return from + 1;
        } else {
            from += 1;
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_declaration_has_a_name_and_a_doc_comment() {
        for d in decls() {
            assert!(!d.name.is_empty(), "no name in {}", d.text);
            assert!(d.text.starts_with("// "), "no doc comment on {}", d.name);
        }
        let names: Vec<String> = decls().into_iter().map(|d| d.name).collect();
        for expected in [
            "member",
            "items",
            "objectWriter",
            "Nullable",
            "maxInflated",
            "withTag",
        ] {
            assert!(
                names.iter().any(|n| n == expected),
                "{expected} not found in {names:?}"
            );
        }
    }

    #[test]
    fn drops_what_nothing_names() {
        let out = for_code("x := required(lookup(obj, \"a\"), &v)");
        for unused in [
            "func items(",
            "func onlyKeys(",
            "func ptr[",
            "func has(",
            "func withTag(",
        ] {
            assert!(!out.contains(unused), "{unused} kept");
        }
    }

    #[test]
    fn keeps_what_is_named_in_code_and_its_dependencies() {
        let out = for_code("x := required(lookup(obj, \"inflate(\"), &v) // ptr(1)");
        assert!(out.contains("func required["));
        assert!(out.contains("func lookup("));
        assert!(out.contains("func isNull("), "dependency of required");
        assert!(out.contains("func fieldError("), "dependency of required");
        assert!(!out.contains("func inflate("), "named only inside a string");
        assert!(!out.contains("func ptr["), "named only inside a comment");
        let out = for_code("var n Nullable[int]");
        assert!(out.contains("func NullableOf["), "companion of Nullable");
        assert!(out.contains("func (n Nullable[T]) MarshalJSON"));
    }

    fn words(src: &str) -> Vec<&str> {
        let mut out = Vec::new();
        each_identifier(src, |w| out.push(std::str::from_utf8(w).unwrap_or("?")));
        out
    }

    #[test]
    fn skips_comments_and_literals() {
        assert_eq!(words("a(\"b\\\"c\") + 'd' + `e` // f\ng"), ["a", "g"]);
        assert_eq!(words("x_1 := é2ü·y // z"), ["x_1", "é2ü", "y"]);
        assert_eq!(words("s := \"é\\é\" + t\nu '\n v"), ["s", "t", "u", "v"]);
        assert_eq!(words("`raw\nraw` w \"unterminated"), ["w"]);
        assert_eq!(words("a/b // c"), ["a", "b"]);
    }
}
