//! Regular expressions of a contract, kept to what Rust `regex`, Go `regexp`
//! and JavaScript all read the same way.

use serde::Serialize;

/// A checked regular expression.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct Pattern {
    /// Source text.
    pub source: String,
    #[serde(skip)]
    regex: regex_lite::Regex,
}

impl Pattern {
    /// Compiles a pattern; the error text explains what is wrong. Only the
    /// syntax Rust `regex`, Go `regexp` and JavaScript all read the same way
    /// is accepted, since every generated reader checks the pattern.
    pub fn new(source: &str) -> Result<Self, String> {
        if let Some(problem) = outside_common_subset(source) {
            return Err(problem.to_owned());
        }
        regex_lite::Regex::new(source)
            .map(|regex| Pattern {
                source: source.to_owned(),
                regex,
            })
            .map_err(|e| e.to_string())
    }

    /// Whether `text` matches (anywhere, unless the pattern is anchored).
    pub fn is_match(&self, text: &str) -> bool {
        self.regex.is_match(text)
    }
}

/// The first construct of `source` that one of Rust `regex`, Go `regexp`
/// (RE2) and JavaScript reads differently or not at all.
fn outside_common_subset(source: &str) -> Option<&'static str> {
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('A' | 'z' | 'Z') => return Some(
                    "`\\A`, `\\z` and `\\Z` are not in the common subset (anchor with `^` and `$`)",
                ),
                Some('p' | 'P') => {
                    return Some("Unicode classes `\\p{…}` are not in the common subset")
                }
                Some('Q' | 'E') => return Some("`\\Q…\\E` quoting is not in the common subset"),
                _ => {}
            },
            '(' if chars.peek() == Some(&'?') => {
                chars.next();
                if chars.peek() != Some(&':') {
                    return Some("only `(?:…)` groups are in the common subset (no flags, named groups or look-around)");
                }
            }
            '[' if is_posix_class(chars.clone()) => {
                return Some("POSIX classes like `[[:alpha:]]` are not in the common subset")
            }
            _ => {}
        }
    }
    None
}

/// Whether the text after a `[` is `:name:]`.
fn is_posix_class(mut rest: impl Iterator<Item = char>) -> bool {
    if rest.next() != Some(':') {
        return false;
    }
    let name: String = rest.by_ref().take_while(|c| *c != ':').collect();
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphabetic()) && rest.next() == Some(']')
}

impl PartialEq for Pattern {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

#[cfg(test)]
mod tests {
    use super::Pattern;

    /// Each construct one of Rust, Go and JavaScript reads differently is
    /// refused; the shared syntax, non-capturing groups included, is not.
    #[test]
    fn patterns_stay_in_the_rust_go_javascript_common_subset() {
        for refused in [
            "(?i)abc",
            "(?P<name>a)",
            "(?<name>a)",
            "(?=a)",
            "a\\z",
            "\\Aa",
            "[[:alpha:]]+",
            "\\p{L}+",
            "\\Qa.b\\E",
        ] {
            assert!(Pattern::new(refused).is_err(), "{refused} accepted");
        }
        for accepted in [
            "^(?:ab)+$",
            "^[a-z]+:[a-z]+$",
            "^[:]$",
            "^\\d{2,4}-[A-Z]$",
            "a\\\\z",
        ] {
            assert!(Pattern::new(accepted).is_ok(), "{accepted} refused");
        }
    }
}
