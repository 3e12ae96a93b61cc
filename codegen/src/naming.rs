//! Word splitting and case conversion shared by `check` (collision detection)
//! and the emitters (which add their own keyword and initialism rules).
//!
//! Wire names are never changed; these functions only make identifiers.

/// Splits a name into lower-case words at separators, lower→upper changes and
/// the end of an acronym (`HTTPServer` → `http`, `server`). Digits stay with
/// the word they follow (`volume24h` → `volume24h`).
pub fn words(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut chars = name.chars().peekable();
    let mut prev: Option<char> = None;
    while let Some(c) = chars.next() {
        if !c.is_alphanumeric() {
            flush(&mut out, &mut current);
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
            flush(&mut out, &mut current);
        }
        if c.is_ascii() {
            current.push(c.to_ascii_lowercase());
        } else {
            current.extend(c.to_lowercase());
        }
        prev = Some(c);
    }
    flush(&mut out, &mut current);
    out
}

fn flush(out: &mut Vec<String>, current: &mut String) {
    if !current.is_empty() {
        out.push(std::mem::take(current));
    }
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `UpperCamelCase`: `worker.heartbeat` → `WorkerHeartbeat`, `PING` → `Ping`.
pub fn pascal(name: &str) -> String {
    words(name).iter().map(|w| capitalize(w)).collect()
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
    words(name).join("_")
}

/// `SCREAMING_SNAKE_CASE`.
pub fn screaming_snake(name: &str) -> String {
    snake(name).to_uppercase()
}

/// Go-style `MixedCaps` with common initialisms upper-cased (`trace_id` → `TraceID`).
pub fn go_pascal(name: &str) -> String {
    words(name)
        .iter()
        .map(|w| {
            if GO_INITIALISMS.contains(&w.as_str()) {
                w.to_uppercase()
            } else {
                capitalize(w)
            }
        })
        .collect()
}

/// Initialisms Go writes in upper case (a subset of golint's list).
const GO_INITIALISMS: &[&str] = &[
    "acl", "api", "cpu", "css", "dns", "html", "http", "https", "id", "ip", "json", "jwt", "rpc",
    "sql", "tcp", "tls", "ttl", "udp", "ui", "uid", "uri", "url", "utc", "uuid", "xml",
];

/// Why a name cannot become an identifier in any target, if it cannot.
pub fn inexpressible(name: &str) -> Option<&'static str> {
    let w = words(name);
    match w.first() {
        None => Some("it has no letters or digits"),
        Some(first) if first.starts_with(|c: char| c.is_numeric()) => {
            Some("it starts with a digit")
        }
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
}
