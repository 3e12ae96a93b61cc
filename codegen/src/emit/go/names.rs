//! Go identifiers for everything a contract names.
//!
//! Exported identifiers come from the IR's `ident` stems through
//! [`naming::go_pascal`] (initialisms upper-cased); they start with an upper-case
//! letter, so they can never be Go keywords. Lower-case identifiers (the
//! package name and parameters) get a `_` suffix when they are keywords,
//! predeclared identifiers or names the generated code itself uses.
//! Package-level names are made unique in declaration order.

use super::text::cat;
use crate::model::{Contract, TypeId};
use crate::naming;
use rustc_hash::FxHashSet as FastSet;
use std::collections::BTreeMap;

/// Go keywords, predeclared identifiers, imported package names and the
/// lower-case names of the generated runtime.
const RESERVED_LOWER: &[&str] = &[
    "break",
    "case",
    "chan",
    "const",
    "continue",
    "default",
    "defer",
    "else",
    "fallthrough",
    "for",
    "func",
    "go",
    "goto",
    "if",
    "import",
    "interface",
    "map",
    "package",
    "range",
    "return",
    "select",
    "struct",
    "switch",
    "type",
    "var",
    "any",
    "append",
    "bool",
    "byte",
    "cap",
    "clear",
    "close",
    "comparable",
    "complex",
    "complex64",
    "complex128",
    "copy",
    "delete",
    "error",
    "false",
    "float32",
    "float64",
    "imag",
    "int",
    "int8",
    "int16",
    "int32",
    "int64",
    "iota",
    "len",
    "make",
    "max",
    "min",
    "new",
    "nil",
    "panic",
    "print",
    "println",
    "real",
    "recover",
    "rune",
    "string",
    "true",
    "uint",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "uintptr",
    "bytes",
    "zlib",
    "base64",
    "json",
    "errors",
    "fmt",
    "io",
    "time",
];

/// Names the generated file declares itself (reserved before any contract name).
pub const RUNTIME_EXPORTED: &[&str] = &[
    "MessageType",
    "ChannelType",
    "Message",
    "Envelope",
    "UnknownMessage",
    "UnknownEventError",
    "Nullable",
    "Timestamp",
    "TimestampOf",
    "TimestampFromText",
    "UnixSeconds",
    "UnixSecondsOf",
    "UnixMillis",
    "UnixMillisOf",
    "Decode",
    "DecodeStrict",
    "Encode",
];

/// `lowerCamelCase` with Go initialisms (`user_id` → `userID`), `_`-suffixed
/// when reserved.
pub fn lower_ident(name: &str) -> String {
    let words = naming::words(name);
    let mut out = String::new();
    for (i, w) in words.iter().enumerate() {
        if i == 0 {
            out.push_str(w);
        } else {
            out.push_str(&naming::go_pascal(w));
        }
    }
    if out.is_empty() {
        out.push('p');
    }
    if RESERVED_LOWER.contains(&out.as_str()) {
        out.push('_');
    }
    out
}

/// The package name of a contract: its name lower-cased with everything but
/// letters and digits removed (`project_progress` → `projectprogress`).
pub fn package_name(contract: &Contract) -> String {
    let mut out: String = contract
        .name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'x');
    }
    if RESERVED_LOWER.contains(&out.as_str()) {
        out.push('_');
    }
    out
}

/// Allocates unique exported package-level names.
#[derive(Debug, Default)]
pub struct Scope {
    taken: FastSet<String>,
}

impl Scope {
    /// A scope with the runtime's own names already taken.
    pub fn new() -> Self {
        Scope {
            taken: RUNTIME_EXPORTED.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    /// Claims `stem` made exported (or `fallback` if the stem has no letters),
    /// adding `_` until unique.
    pub fn claim(&mut self, stem: &str, fallback: &str) -> String {
        self.claim_exported(exported(stem), fallback)
    }

    /// [`Scope::claim`] for a stem already passed through [`exported`].
    pub fn claim_exported(&mut self, mut name: String, fallback: &str) -> String {
        if name.is_empty() {
            name = fallback.to_owned();
        }
        while self.taken.contains(&name) {
            name.push('_');
        }
        self.taken.insert(name.clone());
        name
    }
}

/// `go_pascal`, with a leading `X` when the result would not start with an
/// upper-case letter (and so not be exported).
pub fn exported(stem: &str) -> String {
    let name = naming::go_pascal(stem);
    match name.chars().next() {
        Some(c) if c.is_uppercase() => name,
        Some(_) => format!("X{name}"),
        None => String::new(),
    }
}

/// The Go names of a contract's declarations.
#[derive(Debug, Default)]
pub struct Names {
    /// Type name per type id.
    pub types: BTreeMap<TypeId, String>,
    /// `MessageType…` constant per event wire name.
    pub event_consts: BTreeMap<String, String>,
    /// Message struct per event wire name.
    pub messages: BTreeMap<String, String>,
    /// Constructor per event wire name.
    pub constructors: BTreeMap<String, String>,
    /// Legacy constant names per event wire name.
    pub legacy: BTreeMap<String, Vec<String>>,
    /// `ChannelType…` constant or function per channel key.
    pub channels: BTreeMap<String, String>,
    /// Envelope struct per envelope key.
    pub envelopes: BTreeMap<String, String>,
    /// Constant names per enum type id, in value order.
    pub enum_values: BTreeMap<TypeId, Vec<String>>,
}

impl Names {
    /// Names every declaration of `contract`, in a fixed order.
    pub fn of(contract: &Contract) -> Names {
        let mut scope = Scope::new();
        let mut names = Names::default();
        for (i, key) in contract.envelopes.keys().enumerate() {
            let name = if i == 0 {
                "Envelope".to_owned()
            } else {
                scope.claim(&format!("{key} envelope"), "XEnvelope")
            };
            names.envelopes.insert(key.clone(), name);
        }
        for (id, def) in &contract.types {
            let name = scope.claim(&def.ident, "XType");
            names.types.insert(id.clone(), name);
        }
        for event in contract.events.values() {
            let stem = &event.ident;
            let konst = scope.claim(&cat!("message_type ", stem), "MessageTypeX");
            names.event_consts.insert(event.name.clone(), konst);
            let msg = scope.claim(&cat!(stem, " message"), "XMessage");
            names.messages.insert(event.name.clone(), msg);
            let ctor = scope.claim(&cat!("new ", stem, " message"), "NewXMessage");
            names.constructors.insert(event.name.clone(), ctor);
            let legacy = event
                .legacy_idents
                .iter()
                .map(|l| scope.claim(&cat!("message_type ", l), "MessageTypeX"))
                .collect();
            names.legacy.insert(event.name.clone(), legacy);
        }
        for channel in contract.channels.values() {
            let name = scope.claim(&format!("channel_type {}", channel.ident), "ChannelTypeX");
            names.channels.insert(channel.name.clone(), name);
        }
        for (id, def) in &contract.types {
            if let crate::model::TypeKind::Enum(e) = &def.kind {
                let ty = names.types.get(id).cloned().unwrap_or_default();
                let consts = e
                    .values
                    .iter()
                    .enumerate()
                    .map(|(i, v)| {
                        let fallback = format!("{ty}Value{i}");
                        scope.claim(&format!("{ty} {}", v.ident), &fallback)
                    })
                    .collect();
                names.enum_values.insert(id.clone(), consts);
            }
        }
        names
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_identifiers_avoid_keywords_and_imports() {
        assert_eq!(lower_ident("user_id"), "userID");
        assert_eq!(lower_ident("topic_type"), "topicType");
        assert_eq!(lower_ident("type"), "type_");
        assert_eq!(lower_ident("json"), "json_");
        assert_eq!(lower_ident("id"), "id");
    }

    #[test]
    fn scope_makes_names_unique_and_exported() {
        let mut s = Scope::new();
        assert_eq!(s.claim("message", "X"), "Message_");
        assert_eq!(s.claim("trace_id", "X"), "TraceID");
        assert_eq!(s.claim("TraceID", "X"), "TraceID_");
        assert_eq!(s.claim("---", "Fallback"), "Fallback");
        assert_eq!(exported("ñame"), "Ñame");
    }
}

#[cfg(test)]
mod package_tests {
    use super::*;
    use crate::load;
    use crate::source::SourceMap;

    #[test]
    fn package_names_drop_punctuation() {
        let text = "eventc: 1\nname: project_progress\nenvelope:\n  discriminator: type\n  fields:\n    type: string\nevents:\n  ping: {}\n";
        let mut sources = SourceMap::default();
        let loaded = load::load_str("p.yaml", text, &mut sources);
        let contract = loaded.contracts.first().expect("contract loads");
        assert_eq!(package_name(contract), "projectprogress");
    }
}
