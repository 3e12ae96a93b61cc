//! Word splitting and case conversion shared by `check` (collision detection)
//! and the emitters (which add their own keyword and initialism rules).
//!
//! Wire names are never changed; these functions only make identifiers.

/// Splits a name into lower-case words at separators, lower→upper changes and
/// the end of an acronym (`HTTPServer` → `http`, `server`). Digits stay with
/// the word they follow (`volume24h` → `volume24h`).
pub fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_word(name, |w| out.push(w.to_owned()));
    out
}

/// Calls `f` with each word [`words`] would return, in order, without
/// allocating a string per word.
fn each_word(name: &str, mut f: impl FnMut(&str)) {
    let mut current = String::new();
    if name.is_ascii() {
        each_ascii_word(name, &mut current, &mut f);
    } else {
        each_char_word(name, &mut current, &mut f);
    }
}

/// [`each_word`] for any name.
fn each_char_word(name: &str, current: &mut String, f: &mut impl FnMut(&str)) {
    let mut chars = name.chars().peekable();
    let mut prev: Option<char> = None;
    while let Some(c) = chars.next() {
        if !c.is_alphanumeric() {
            flush(f, current);
            prev = Some(c);
            continue;
        }
        let boundary = match prev {
            Some(p) if c.is_uppercase() => {
                (p.is_lowercase() || p.is_numeric())
                    || (p.is_uppercase() && chars.peek().is_some_and(|n| n.is_lowercase()))
            }
            _ => false,
        };
        if boundary {
            flush(f, current);
        }
        if c.is_ascii() {
            current.push(c.to_ascii_lowercase());
        } else {
            current.extend(c.to_lowercase());
        }
        prev = Some(c);
    }
    flush(f, current);
}

/// [`each_word`] for an ASCII name (the same rules on bytes). A word already
/// in lower case is passed as a slice of `name`; others are lowered into `current`.
fn each_ascii_word(name: &str, current: &mut String, f: &mut impl FnMut(&str)) {
    let bytes = name.as_bytes();
    let mut start = None;
    let mut word = |from: Option<usize>, to: usize| {
        let Some(w) = from.and_then(|from| name.get(from..to)) else {
            return;
        };
        if w.bytes().any(|b| b.is_ascii_uppercase()) {
            current.clear();
            current.extend(w.chars().map(|c| c.to_ascii_lowercase()));
            f(current);
        } else {
            f(w);
        }
    };
    for (i, &c) in bytes.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            word(start.take(), i);
            continue;
        }
        let prev = i.checked_sub(1).and_then(|p| bytes.get(p));
        let next = bytes.get(i + 1);
        let boundary = match prev {
            Some(p) if c.is_ascii_uppercase() => {
                (p.is_ascii_lowercase() || p.is_ascii_digit())
                    || (p.is_ascii_uppercase() && next.is_some_and(u8::is_ascii_lowercase))
            }
            _ => false,
        };
        if boundary {
            word(start.take(), i);
        }
        start.get_or_insert(i);
    }
    word(start, bytes.len());
}

fn flush(f: &mut impl FnMut(&str), current: &mut String) {
    if !current.is_empty() {
        f(current);
        current.clear();
    }
}

/// Appends `word` with its first character upper-cased.
fn push_capitalized(out: &mut String, word: &str) {
    let mut chars = word.chars();
    if let Some(first) = chars.next() {
        if first.is_ascii() {
            out.push(first.to_ascii_uppercase());
        } else {
            out.extend(first.to_uppercase());
        }
        out.push_str(chars.as_str());
    }
}

/// A case convention of a target language, applied to identifier stems.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// `OrderUpdate` (Rust and TypeScript types).
    Pascal,
    /// `OrderUpdate` with Go's initialisms (`HTTPServer`, `UserID`).
    GoPascal,
    /// `order_update` (Rust fields).
    Snake,
}

impl Case {
    /// Converts an identifier stem.
    pub fn apply(self, stem: &str) -> String {
        match self {
            Case::Pascal => pascal(stem),
            Case::GoPascal => go_pascal(stem),
            Case::Snake => snake(stem),
        }
    }
}

/// `UpperCamelCase`: `worker.heartbeat` → `WorkerHeartbeat`, `PING` → `Ping`.
pub fn pascal(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    each_word(name, |w| push_capitalized(&mut out, w));
    out
}

/// `lowerCamelCase`.
pub fn camel(name: &str) -> String {
    let p = pascal(name);
    let mut chars = p.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `snake_case`.
pub fn snake(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    each_word(name, |w| {
        if !out.is_empty() {
            out.push('_');
        }
        out.push_str(w);
    });
    out
}

/// `SCREAMING_SNAKE_CASE`.
pub fn screaming_snake(name: &str) -> String {
    snake(name).to_uppercase()
}

/// Go-style `MixedCaps` with common initialisms upper-cased (`trace_id` → `TraceID`).
pub fn go_pascal(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    each_word(name, |w| {
        if is_go_initialism(w) {
            // Every initialism is ASCII.
            out.extend(w.chars().map(|c| c.to_ascii_uppercase()));
        } else {
            push_capitalized(&mut out, w);
        }
    });
    out
}

/// Whether Go writes `word` in upper case (a subset of golint's initialisms).
fn is_go_initialism(word: &str) -> bool {
    matches!(
        word,
        "acl"
            | "api"
            | "cpu"
            | "css"
            | "dns"
            | "html"
            | "http"
            | "https"
            | "id"
            | "ip"
            | "json"
            | "jwt"
            | "rpc"
            | "sql"
            | "tcp"
            | "tls"
            | "ttl"
            | "udp"
            | "ui"
            | "uid"
            | "uri"
            | "url"
            | "utc"
            | "uuid"
            | "xml"
    )
}

/// Whether `name` is a contract id: `[a-z][a-z0-9_]*`.
pub fn is_contract_id(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Whether `name` is a type name: `[A-Za-z][A-Za-z0-9_]*`.
pub fn is_type_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A name to propose for `name`, which had to pass `valid`: `convert` applied
/// to it with accented Latin letters folded to ASCII (`naïve` → `naive`) and
/// other non-ASCII characters dropped. `None` when the result still fails
/// `valid` or is `name` itself, so a hint never proposes an invalid name or
/// the one it is about.
pub fn ascii_suggestion(
    name: &str,
    convert: fn(&str) -> String,
    valid: fn(&str) -> bool,
) -> Option<String> {
    let folded: String = name.chars().filter_map(fold_to_ascii).collect();
    let candidate = convert(&folded);
    (valid(&candidate) && candidate != name).then_some(candidate)
}

/// The ASCII letter an accented Latin letter is written as without its
/// accent; the character itself when ASCII; `None` for anything else.
fn fold_to_ascii(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c);
    }
    const FOLDS: &[(&str, char)] = &[
        ("àáâãäåāăą", 'a'),
        ("ÀÁÂÃÄÅĀĂĄ", 'A'),
        ("çćĉċč", 'c'),
        ("ÇĆĈĊČ", 'C'),
        ("ďđ", 'd'),
        ("ĎĐ", 'D'),
        ("èéêëēĕėęě", 'e'),
        ("ÈÉÊËĒĔĖĘĚ", 'E'),
        ("ĝğġģ", 'g'),
        ("ĜĞĠĢ", 'G'),
        ("ìíîïĩīĭįı", 'i'),
        ("ÌÍÎÏĨĪĬĮİ", 'I'),
        ("ñńņňŉ", 'n'),
        ("ÑŃŅŇ", 'N'),
        ("òóôõöøōŏő", 'o'),
        ("ÒÓÔÕÖØŌŎŐ", 'O'),
        ("ŕŗř", 'r'),
        ("ŔŖŘ", 'R'),
        ("śŝşšß", 's'),
        ("ŚŜŞŠ", 'S'),
        ("ţťŧ", 't'),
        ("ŢŤŦ", 'T'),
        ("ùúûüũūŭůűų", 'u'),
        ("ÙÚÛÜŨŪŬŮŰŲ", 'U'),
        ("ýÿŷ", 'y'),
        ("ÝŸŶ", 'Y'),
        ("źżž", 'z'),
        ("ŹŻŽ", 'Z'),
    ];
    FOLDS
        .iter()
        .find_map(|(accented, plain)| accented.contains(c).then_some(*plain))
}

/// Why a name cannot become an identifier in any target, if it cannot.
pub fn inexpressible(name: &str) -> Option<&'static str> {
    let mut first_is_numeric = None;
    each_word(name, |w| {
        first_is_numeric.get_or_insert_with(|| w.starts_with(|c: char| c.is_numeric()));
    });
    match first_is_numeric {
        None => Some("it has no letters or digits"),
        Some(true) => Some("it starts with a digit"),
        Some(_) if !name.chars().any(|c| c.is_ascii_alphabetic()) => {
            Some("it has no ASCII letters")
        }
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_words_like_the_findings_say() {
        assert_eq!(pascal("PING"), "Ping");
        assert_eq!(pascal("ping"), "Ping");
        assert_eq!(pascal("operation:start"), "OperationStart");
        assert_eq!(pascal("worker.job.started"), "WorkerJobStarted");
        assert_eq!(pascal("HTTPServer"), "HttpServer");
        assert_eq!(go_pascal("HTTPServer"), "HTTPServer");
        assert_eq!(go_pascal("trace_id"), "TraceID");
        assert_eq!(snake("_msg_cat"), "msg_cat");
        assert_eq!(snake("volume24h"), "volume24h");
        assert_eq!(snake("userID"), "user_id");
        assert_eq!(camel("project_id"), "projectId");
        assert_eq!(
            screaming_snake("broker_account_update"),
            "BROKER_ACCOUNT_UPDATE"
        );
    }

    #[test]
    fn reports_inexpressible_names() {
        assert!(inexpressible("_").is_some());
        assert!(inexpressible("2fa").is_some());
        assert!(inexpressible("---").is_some());
        assert!(inexpressible("ok_name").is_none());
    }

    #[test]
    fn converts_non_ascii_names() {
        assert_eq!(pascal("ǆemal_İstanbul"), "ǄemalI\u{307}stanbul");
        assert_eq!(go_pascal("straße_id"), "StraßeID");
        assert_eq!(snake("ÉtatHTTPCode"), "état_http_code");
        assert_eq!(camel("Ωmega-ID"), "ωmegaId");
        assert_eq!(words("x2Y__ßz"), ["x2", "y", "ßz"]);
        assert_eq!(inexpressible("ñ"), Some("it has no ASCII letters"));
        assert_eq!(inexpressible("٣abc"), Some("it starts with a digit"));
    }

    #[test]
    fn ascii_names_split_the_same_on_bytes() {
        let split = |name: &str, ascii: bool| {
            let mut out = Vec::new();
            let mut current = String::new();
            let mut push = |w: &str| out.push(w.to_owned());
            if ascii {
                each_ascii_word(name, &mut current, &mut push);
            } else {
                each_char_word(name, &mut current, &mut push);
            }
            out
        };
        for name in [
            "",
            "_",
            "HTTPServer",
            "userID",
            "volume24h",
            "a1B2c3",
            "ABCdef",
            "x.Y_z-W",
            "trace_id",
            "PING",
            "getHTTP2Response",
            "__A__b",
            "A",
            "aB",
            "Ab",
            "9lives",
            "one two\tThree",
            "IDs",
            "IPv6Addr",
        ] {
            assert_eq!(split(name, true), split(name, false), "{name:?}");
        }
    }
}
