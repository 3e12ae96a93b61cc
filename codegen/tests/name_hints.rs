//! A hint for a name that is not a valid contract id or type name proposes
//! a valid name other than the one it is about, for non-ASCII names too
//! (`naïve` → `naive`), or says what a valid name looks like when no
//! candidate can be made (`日本`).

use eventc::load;
use eventc::naming::{is_contract_id, is_type_name};
use eventc::source::SourceMap;

/// The help of every `invalid-name` error for `text`, with the message.
fn invalid_name_hints(text: &str) -> Vec<(String, String)> {
    let mut sources = SourceMap::default();
    let loaded = load::load_str("hints.yaml", text, &mut sources);
    loaded
        .diagnostics
        .into_iter()
        .filter(|d| d.code == "invalid-name")
        .map(|d| (d.message, d.help.unwrap_or_default()))
        .collect()
}

/// The name a `try `…`` hint proposes.
fn proposed(help: &str) -> Option<&str> {
    help.strip_prefix("try `")?.strip_suffix('`')
}

fn contract_named(name: &str) -> String {
    format!("eventc: 1\nname: \"{name}\"\nenvelope:\n  discriminator: t\n  fields:\n    t: string\nevents:\n  ping: {{}}\n")
}

fn contract_with_type(name: &str) -> String {
    format!("eventc: 1\nname: c\nenvelope:\n  discriminator: t\n  fields:\n    t: string\ntypes:\n  \"{name}\": {{ type: string }}\nevents:\n  ping: {{}}\n")
}

#[test]
fn invalid_contract_name_hint_proposes_a_valid_different_id() {
    for (name, expected) in [
        ("naïve", Some("naive")),
        ("événement", Some("evenement")),
        ("Naïve-Name", Some("naive_name")),
        ("日本", None),
        ("1st", None),
    ] {
        let hints = invalid_name_hints(&contract_named(name));
        assert_eq!(hints.len(), 1, "{name}: {hints:?}");
        let help = &hints[0].1;
        match proposed(help) {
            Some(p) => {
                assert!(is_contract_id(p), "{name}: proposes invalid `{p}`");
                assert_ne!(p, name, "{name}: proposes the same name");
                assert_eq!(Some(p), expected, "{name}");
            }
            None => {
                assert_eq!(expected, None, "{name}: no proposal in {help:?}");
                assert!(help.contains("ASCII"), "{name}: {help:?}");
            }
        }
    }
}

#[test]
fn invalid_type_name_hint_proposes_a_valid_different_name() {
    for (name, expected) in [
        ("Événement", Some("Evenement")),
        ("naïve", Some("Naive")),
        ("A-B", Some("AB")),
        ("Ωmega", Some("Mega")),
        ("日本", None),
        ("1X", None),
    ] {
        let hints = invalid_name_hints(&contract_with_type(name));
        assert_eq!(hints.len(), 1, "{name}: {hints:?}");
        let help = &hints[0].1;
        match proposed(help) {
            Some(p) => {
                assert!(is_type_name(p), "{name}: proposes invalid `{p}`");
                assert_ne!(p, name, "{name}: proposes the same name");
                assert_eq!(Some(p), expected, "{name}");
            }
            None => {
                assert_eq!(expected, None, "{name}: no proposal in {help:?}");
                assert!(help.contains("ASCII"), "{name}: {help:?}");
            }
        }
    }
}
