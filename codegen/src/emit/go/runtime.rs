//! The unexported helpers every generated package carries, trimmed to the
//! ones its code uses.
//!
//! The helpers are real Go (in `runtime/*.go.txt`, gofmt- and vet-clean),
//! split into top-level declarations at blank lines. A declaration is kept
//! when code already kept names it; comments and string literals are ignored
//! when looking for names, so contract text cannot pull helpers in.

use std::collections::BTreeSet;

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
    let mut used = identifiers(&strip_comments_and_strings(code));
    let mut keep = vec![false; all.len()];
    loop {
        let mut changed = false;
        for (i, d) in all.iter().enumerate() {
            let companion = COMPANIONS
                .iter()
                .any(|(c, of)| *c == d.name && used.contains(*of));
            if !keep[i] && (used.contains(&d.name) || companion) {
                keep[i] = true;
                changed = true;
                used.extend(identifiers(&strip_comments_and_strings(d.text)));
            }
        }
        if !changed {
            break;
        }
    }
    all.iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(d, _)| d.text)
        .collect::<Vec<_>>()
        .join("\n\n")
        + "\n"
}

/// Every identifier-like word in Go code.
fn identifiers(code: &str) -> BTreeSet<String> {
    code.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Go code with `//` comments and string, rune and raw-string literals removed.
pub fn strip_comments_and_strings(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    let mut chars = src.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for d in chars.by_ref() {
                    if d == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '"' | '\'' => {
                while let Some(d) = chars.next() {
                    if d == '\\' {
                        chars.next();
                    } else if d == c || d == '\n' {
                        break;
                    }
                }
                out.push(' ');
            }
            '`' => {
                for d in chars.by_ref() {
                    if d == '`' {
                        break;
                    }
                }
                out.push(' ');
            }
            c => out.push(c),
        }
    }
    out
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

    #[test]
    fn strips_comments_and_literals() {
        assert_eq!(
            strip_comments_and_strings("a(\"b\\\"c\") + 'd' + `e` // f\ng"),
            "a( ) +   +   \ng"
        );
    }
}
