//! The diff rule catalogue, kept honest: every rule fires on its fixture
//! pair exactly as expected, all rules on all fixtures match a snapshot,
//! no rule fires on a contract compared with itself (or with a reordered,
//! re-described copy), direction-dependent rules give opposite verdicts in
//! the two directions, every kind of edit is claimed by a rule, and
//! `docs/diff-rules.md` is current.

mod common;

use eventc::diff::{self, Finding, Severity, RULES};
use eventc::load::node::{self, Key, Node, NodeKind};
use eventc::model::Contract;
use eventc::source::SourceMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The repository root.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The fixture directories, one per rule id, sorted.
fn fixture_dirs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diff");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// Loads and checks one contract from text; panics with the diagnostics
/// when it does not pass `check`.
fn contract(path: &str, text: &str) -> Contract {
    try_contract(path, text).unwrap_or_else(|e| panic!("{path} does not pass check:\n{e}"))
}

/// Loads and checks one contract from text.
fn try_contract(path: &str, text: &str) -> Result<Contract, String> {
    let dir = std::env::temp_dir().join(format!("eventc-diff-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    let n = COUNT.fetch_add(1, Ordering::Relaxed);
    let file = dir.join(format!("{n}-{}", path.replace(['/', '\\'], "_")));
    std::fs::write(&file, text).map_err(|e| e.to_string())?;
    let checked = eventc::load_and_check(std::slice::from_ref(&file));
    let _ = std::fs::remove_file(&file);
    match checked {
        Ok(mut c) if c.contracts.len() == 1 => Ok(c.contracts.remove(0)),
        Ok(_) => Err("not one contract".into()),
        Err(e) => Err(e.render()),
    }
}

/// Reads a file of the repository.
fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The findings for one fixture directory.
fn fixture_findings(dir: &Path) -> Vec<Finding> {
    let (old, new) = fixture_texts(dir);
    diff::diff(&contract("old.yaml", &old), &contract("new.yaml", &new))
}

/// The old and new text of a fixture.
fn fixture_texts(dir: &Path) -> (String, String) {
    (read(&dir.join("old.yaml")), read(&dir.join("new.yaml")))
}

/// One line per finding: severity, rule, path, old and new position, message.
fn render(findings: &[Finding]) -> String {
    let pos = |s: Option<eventc::source::Span>| {
        s.map_or_else(|| "-".to_owned(), |s| format!("{}:{}", s.line, s.col))
    };
    let mut out = String::new();
    for f in findings {
        let ack = f
            .acknowledged
            .as_deref()
            .map(|r| format!(" [acknowledged: {r}]"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{:?} {} {} old={} new={}: {}{ack}",
            f.severity,
            f.rule,
            f.path,
            pos(f.old),
            pos(f.new),
            f.message
        );
    }
    out
}

/// What a fixture's `expect` file says: the finding its rule must give
/// (`severity path old-position new-position`), and optionally the severity
/// once every `server_to_client` of the pair reads `client_to_server`.
struct Expect {
    line: String,
    flipped: Option<String>,
}

fn expect(dir: &Path) -> Expect {
    let text = read(&dir.join("expect"));
    let mut lines = text.lines();
    let line = lines.next().unwrap_or_default().trim().to_owned();
    let flipped = lines
        .find_map(|l| l.strip_prefix("flipped:"))
        .map(|s| s.trim().to_owned());
    Expect { line, flipped }
}

/// The rule id of a fixture directory.
fn rule_of(dir: &Path) -> String {
    let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    name.split_once("--")
        .map_or(name, |(rule, _)| rule)
        .to_owned()
}

/// `severity path old=L:C new=L:C` of a finding.
fn short(f: &Finding) -> String {
    let pos = |s: Option<eventc::source::Span>| {
        s.map_or_else(|| "-".to_owned(), |s| format!("{}:{}", s.line, s.col))
    };
    format!(
        "{:?} {} old={} new={}",
        f.severity,
        f.path,
        pos(f.old),
        pos(f.new)
    )
    .to_lowercase()
}

/// Every rule fires on its fixture pair exactly once, with the expected
/// severity, path and positions.
#[test]
fn each_rule_fires_on_its_fixture() {
    let mut failures = Vec::new();
    for dir in fixture_dirs() {
        let rule = rule_of(&dir);
        let e = expect(&dir);
        let found: Vec<String> = fixture_findings(&dir)
            .iter()
            .filter(|f| f.rule == rule)
            .map(short)
            .collect();
        if found != [e.line.to_lowercase()] {
            failures.push(format!(
                "{}: expected [{}], found {found:?}",
                dir.display(),
                e.line
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every rule of the catalogue has a fixture, and every fixture names a rule.
#[test]
fn every_rule_has_a_fixture() {
    let fixtures: Vec<String> = fixture_dirs().iter().map(|d| rule_of(d)).collect();
    let missing: Vec<&str> = RULES
        .iter()
        .map(|r| r.id)
        .filter(|id| !fixtures.iter().any(|f| f == id))
        .collect();
    let unknown: Vec<&String> = fixtures
        .iter()
        .filter(|f| !RULES.iter().any(|r| r.id == f.as_str()))
        .collect();
    // Contracts on one side only: `contracts_on_one_side_only`.
    let untestable = ["contract-removed", "contract-added"];
    let missing: Vec<&str> = missing
        .into_iter()
        .filter(|id| !untestable.contains(id))
        .collect();
    assert!(
        missing.is_empty() && unknown.is_empty(),
        "rules without a fixture: {missing:?}; fixtures of no rule: {unknown:?}"
    );
}

/// All rules on all fixtures: nothing fires where it should not.
#[test]
fn all_rules_on_all_fixtures() {
    let mut out = String::new();
    for dir in fixture_dirs() {
        let name = dir
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        let _ = writeln!(out, "## {name}\n{}", render(&fixture_findings(&dir)));
    }
    insta::assert_snapshot!("all_fixtures", out);
}

/// A direction-dependent rule gives the opposite verdict when the events
/// of its fixture go the other way.
#[test]
fn direction_dependent_rules_are_symmetric() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for dir in fixture_dirs() {
        let Some(flipped) = expect(&dir).flipped else {
            continue;
        };
        checked += 1;
        let rule = rule_of(&dir);
        let (old, new) = fixture_texts(&dir);
        let flip = |t: &str| t.replace("server_to_client", "client_to_server");
        let findings = diff::diff(
            &contract("old.yaml", &flip(&old)),
            &contract("new.yaml", &flip(&new)),
        );
        let found: Vec<String> = findings
            .iter()
            .filter(|f| f.rule == rule)
            .map(|f| format!("{:?}", f.severity).to_lowercase())
            .collect();
        let original = expect(&dir)
            .line
            .split(' ')
            .next()
            .unwrap_or_default()
            .to_lowercase();
        if found != [flipped.clone()] || flipped == original {
            failures.push(format!(
                "{}: flipped expected {flipped} (not {original}), found {found:?}",
                dir.display()
            ));
        }
    }
    assert!(
        checked >= 10,
        "only {checked} fixtures have a flipped verdict"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The contracts of the repository and of the golden tests.
fn repository_contracts() -> Vec<PathBuf> {
    let mut paths = Vec::new();
    for dir in ["contracts", "tests/golden/contracts"] {
        let mut found: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
            .expect("contract directory")
            .map(|e| e.expect("directory entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
            .collect();
        found.sort();
        paths.extend(found);
    }
    paths
}

/// No rule fires when a contract is compared with itself, or with a copy
/// whose mappings are all reversed and whose descriptions are edited.
#[test]
fn silent_on_unchanged_contracts() {
    let mut failures = Vec::new();
    for path in repository_contracts() {
        let text = read(&path);
        let name = path.display().to_string();
        let c = contract(&name, &text);
        let same = diff::diff(&c, &c);
        if !same.is_empty() {
            failures.push(format!("{name} against itself:\n{}", render(&same)));
        }
        let copy = reordered(&text);
        let r = try_contract("reordered.yaml", &copy)
            .unwrap_or_else(|e| panic!("reordered {name}:\n{e}\n{copy}"));
        for (label, findings) in [
            ("reordered copy", diff::diff(&c, &r)),
            ("reordered copy (reversed)", diff::diff(&r, &c)),
        ] {
            if !findings.is_empty() {
                failures.push(format!(
                    "{name} against its {label}:\n{}",
                    render(&findings)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The contract text with every mapping in reverse order and every
/// description edited, written as JSON (which is YAML).
fn reordered(text: &str) -> String {
    let mut sources = SourceMap::default();
    let file = sources.add("copy.yaml", text);
    let tree = node::parse(&sources, file).unwrap_or_else(|e| panic!("cannot parse: {e:?}"));
    let mut out = String::new();
    write_json(&transform(tree, Role::Other), &mut out);
    out
}

/// Keys whose mapping holds names chosen by the contract's author (a field
/// called `description` is a field, not a description).
const NAME_MAPS: &[&str] = &[
    "fields",
    "params",
    "variants",
    "values",
    "events",
    "types",
    "channels",
    "envelopes",
    "levels",
];

/// Reverses every mapping and edits every description below `node`
/// (`role`: what the key above it says the node is).
fn transform(node: Node, role: Role) -> Node {
    let kind = match node.kind {
        NodeKind::Map(entries) => NodeKind::Map(
            entries
                .into_iter()
                .rev()
                .map(|(k, v)| {
                    let role = match k.name.as_str() {
                        _ if role == Role::Names => Role::Other,
                        "description" | "title" => Role::Description,
                        name if NAME_MAPS.contains(&name) => Role::Names,
                        _ => Role::Other,
                    };
                    (k, transform(v, role))
                })
                .collect(),
        ),
        NodeKind::Seq(items) => NodeKind::Seq(
            items
                .into_iter()
                .map(|n| transform(n, Role::Other))
                .collect(),
        ),
        NodeKind::Str(s) if role == Role::Description => NodeKind::Str(format!("{s} (edited)")),
        other => other,
    };
    Node {
        kind,
        span: node.span,
    }
}

/// What a node of a contract is, as far as [`transform`] cares.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    /// A description or title.
    Description,
    /// A mapping whose keys are names (fields, events, …).
    Names,
    /// Anything else.
    Other,
}

/// Writes a YAML tree as JSON.
fn write_json(node: &Node, out: &mut String) {
    match &node.kind {
        NodeKind::Null => out.push_str("null"),
        NodeKind::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        NodeKind::Int(i) => out.push_str(&i.to_string()),
        NodeKind::Float(f) => out.push_str(&format!("{f:?}")),
        NodeKind::Str(s) => quote(s, out),
        NodeKind::Seq(items) => {
            out.push('[');
            for (i, n) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_json(n, out);
            }
            out.push(']');
        }
        NodeKind::Map(entries) => {
            out.push_str("{\n");
            for (i, (Key { name, .. }, v)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push_str(",\n");
                }
                quote(name, out);
                out.push_str(": ");
                write_json(v, out);
            }
            out.push_str("\n}");
        }
    }
}

/// Writes a double-quoted string every YAML reader reads back as written:
/// controls, DEL, C1 controls, line separators and BOM escaped.
fn quote(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `docs/diff-rules.md` is what the catalogue generates.
#[test]
fn rule_docs_are_current() {
    common::golden::assert_matches(
        &root().join("docs/diff-rules.md"),
        &diff::docs::markdown(),
        "cargo test -p eventc --test diff_rules rule_docs_are_current",
    );
}

/// Severity is a total order with errors first, so sorting puts them on top.
#[test]
fn errors_sort_first() {
    assert!(Severity::Error < Severity::Warning && Severity::Warning < Severity::Info);
}

/// Every fixture the judgement calls in `docs/diff-rules.md` name exists, so
/// each documented decision is checked by `each_rule_fires_on_its_fixture`.
#[test]
fn judgement_calls_name_existing_fixtures() {
    let docs = diff::docs::markdown();
    let decisions = docs
        .split("## Judgement calls")
        .nth(1)
        .expect("a judgement-call section");
    let named: Vec<&str> = decisions
        .split("fixture `")
        .skip(1)
        .filter_map(|s| s.split('`').next())
        .collect();
    assert!(named.len() >= 8, "only {} fixtures named", named.len());
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diff");
    let missing: Vec<&&str> = named
        .iter()
        .filter(|n| !dir.join(n).join("expect").is_file())
        .collect();
    assert!(
        missing.is_empty(),
        "judgement calls name missing fixtures: {missing:?}"
    );
}

/// A contract with a version and a changelog, and a field `note` that a
/// test may drop.
fn versioned(version: &str, entries: &[&str], extra_changelog: &str) -> String {
    let mut text = format!(
        "eventc: 1\nname: shop\nversion: \"{version}\"\nenvelope:\n  discriminator: type\n  payload: data\n  fields: {{ type: string, data: json }}\nevents:\n  order_update:\n    direction: server_to_client\n    payload:\n      type: object\n      fields:\n        id: string\n        price: number\nchangelog:\n"
    );
    for e in entries {
        let _ = writeln!(text, "  - {{ version: \"{e}\", changes: [Release {e}] }}");
    }
    text.push_str(extra_changelog);
    text
}

/// A version bump with no other change gives no finding once the new
/// version has its changelog entry, and only `changelog-entry-missing`
/// without one.
#[test]
fn version_bump_alone_needs_only_a_changelog_entry() {
    let old = contract("old.yaml", &versioned("1.0", &["1.0"], ""));
    let with_entry = contract("new.yaml", &versioned("1.1", &["1.0", "1.1"], ""));
    assert_eq!(render(&diff::diff(&old, &with_entry)), "");
    let without = contract("new.yaml", &versioned("1.1", &["1.0"], ""));
    let rules: Vec<&str> = diff::diff(&old, &without).iter().map(|f| f.rule).collect();
    assert_eq!(rules, ["changelog-entry-missing"]);
}

/// A breaking change passes only when the new version's entry acknowledges
/// it: the finding keeps its severity, carries the reason and no longer
/// fails; a major bump alone is not enough.
#[test]
fn acknowledged_errors_no_longer_fail() {
    let old = contract("old.yaml", &versioned("1.0", &["1.0"], ""));
    let removed = |ack: &str| {
        let text = versioned(
            "2.0",
            &["1.0"],
            &format!("  - {{ version: \"2.0\", changes: [Drop price]{ack} }}\n"),
        );
        contract("new.yaml", &text.replace("        price: number\n", ""))
    };
    let path = "events.order_update.payload.fields.price";
    let bare = diff::diff(&old, &removed(""));
    let failing: Vec<&str> = bare.iter().filter(|f| f.fails()).map(|f| f.rule).collect();
    assert_eq!(failing, ["field-removed"], "{}", render(&bare));

    let by_path = format!(
        ", acknowledges: [{{ rule: field-removed, path: {path}, reason: unused since 1.0 }}]"
    );
    let acked = diff::diff(&old, &removed(&by_path));
    let f = acked
        .iter()
        .find(|f| f.rule == "field-removed")
        .expect("still reported");
    assert_eq!(
        (f.severity, f.acknowledged.as_deref()),
        (Severity::Error, Some("unused since 1.0"))
    );
    assert!(!acked.iter().any(Finding::fails), "{}", render(&acked));

    let fingerprint = bare
        .iter()
        .find(|f| f.rule == "field-removed")
        .map(Finding::fingerprint)
        .expect("finding");
    let by_fingerprint = format!(
        ", acknowledges: [{{ fingerprint: \"{}\", reason: unused }}]",
        &fingerprint[..8]
    );
    let unknown =
        format!(", acknowledges: [{{ rule: removed-field, path: {path}, reason: typo }}]");
    let typo = diff::diff(&old, &removed(&unknown));
    let unused = typo
        .iter()
        .find(|f| f.rule == "acknowledgement-unused")
        .expect("the typo is reported");
    assert!(
        unused.message.contains("not a rule of the catalogue"),
        "{}",
        unused.message
    );
    assert!(
        typo.iter().any(Finding::fails),
        "a mistyped acknowledgement excuses nothing"
    );

    assert!(!diff::diff(&old, &removed(&by_fingerprint))
        .iter()
        .any(Finding::fails));
}

/// Parts of the model no rule needs to claim, each with the reason: they
/// do not change what is on the wire or who reads it.
const UNCLAIMED: &[(&str, &str)] = &[
    ("span", "positions"),
    ("path", "the file the contract was read from"),
    ("description", "documentation"),
    ("title", "documentation"),
    ("ident", "identifiers of generated code, not the wire"),
    (
        "legacy_idents",
        "identifiers of generated code, not the wire",
    ),
    (
        "deprecated",
        "documentation; removals are judged by the removal and lifecycle rules",
    ),
    (
        "since",
        "documentation (a rename's `since` matters only when the rename ends)",
    ),
    ("reason", "documentation of a tombstone"),
    (
        "ty",
        "documentation of a tombstone (the removed field's type, as written)",
    ),
    (
        "naming",
        "naming conventions constrain the contract's author, not messages",
    ),
    (
        "changelog",
        "judged by the versioning rules against the other findings",
    ),
    ("version", "judged by the versioning rules"),
    ("graph", "derived from the types, which are compared"),
];

/// The model of a contract as JSON without the parts in [`UNCLAIMED`] and
/// the top-level parts that reach messages only through the events.
fn claimable(c: &Contract) -> serde_json::Value {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                for (key, _) in UNCLAIMED {
                    m.remove(*key);
                }
                m.values_mut().for_each(strip);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(c).expect("a contract serializes");
    if let Some(top) = v.as_object_mut() {
        // The contract id names generated modules, not anything on the wire.
        top.remove("name");
        // Priority levels and category rules reach messages only through
        // each event's priority and category, which the events carry.
        top.remove("priorities");
        if let Some(categories) = top.get_mut("categories").and_then(|c| c.as_object_mut()) {
            categories.remove("rules");
            // Category values map to their descriptions.
            if let Some(values) = categories.get_mut("values").and_then(|v| v.as_object_mut()) {
                values
                    .values_mut()
                    .for_each(|d| *d = serde_json::Value::Null);
            }
        }
    }
    if let Some(compat) = v.get_mut("compatibility").and_then(|c| c.as_object_mut()) {
        // The human policy text.
        compat.remove("rules");
    }
    strip(&mut v);
    v
}

/// Every edit of one node of a YAML tree: each mapping entry and sequence
/// item removed, each scalar changed; with a description of the edit.
fn edits(node: &Node, at: &str) -> Vec<(String, Node)> {
    let mut out = Vec::new();
    let with = |kind: NodeKind| Node {
        kind,
        span: node.span,
    };
    match &node.kind {
        NodeKind::Map(entries) => {
            for (i, (k, v)) in entries.iter().enumerate() {
                let here = format!("{at}.{}", k.name);
                let mut rest = entries.clone();
                rest.remove(i);
                out.push((format!("remove {here}"), with(NodeKind::Map(rest))));
                for (what, edited) in edits(v, &here) {
                    let mut changed = entries.clone();
                    changed[i].1 = edited;
                    out.push((what, with(NodeKind::Map(changed))));
                }
            }
        }
        NodeKind::Seq(items) => {
            for (i, v) in items.iter().enumerate() {
                let here = format!("{at}[{i}]");
                let mut rest = items.clone();
                rest.remove(i);
                out.push((format!("remove {here}"), with(NodeKind::Seq(rest))));
                for (what, edited) in edits(v, &here) {
                    let mut changed = items.clone();
                    changed[i] = edited;
                    out.push((what, with(NodeKind::Seq(changed))));
                }
            }
        }
        NodeKind::Bool(b) => out.push((format!("flip {at}"), with(NodeKind::Bool(!b)))),
        NodeKind::Int(i) => out.push((format!("increment {at}"), with(NodeKind::Int(i + 1)))),
        NodeKind::Float(f) => out.push((format!("increase {at}"), with(NodeKind::Float(f + 1.5)))),
        NodeKind::Str(s) => {
            out.push((format!("change {at}"), with(NodeKind::Str(format!("{s}x")))))
        }
        NodeKind::Null => {}
    }
    out
}

/// Loads and checks a contract from text; `None` when it does not pass.
fn checked(text: &str) -> Option<Contract> {
    let mut sources = SourceMap::default();
    let mut loaded = eventc::load::load_str("edit.yaml", text, &mut sources);
    let c = loaded.contracts.pop()?;
    let mut d = eventc::diag::Diagnostics::default();
    eventc::check::check(&c, &mut d);
    (!d.has_errors()).then_some(c)
}

/// Coverage: every edit of a contract that the checker accepts and that
/// changes the model (beyond [`UNCLAIMED`]) is claimed by some rule that is
/// not a versioning rule, in both directions (an edit's reverse is the
/// addition of what it removed).
#[test]
fn every_edit_is_claimed_by_a_rule() {
    let versioning: Vec<&str> = RULES
        .iter()
        .filter(|r| r.group == "versioning")
        .map(|r| r.id)
        .collect();
    let mut unclaimed = Vec::new();
    let mut counted = 0;
    for name in ["tests/golden/contracts/shapes.yaml", "contracts/wse.yaml"] {
        let mut sources = SourceMap::default();
        let file = sources.add(name, read(&root().join(name)));
        let tree = node::parse(&sources, file).expect("parses");
        let mut base_text = String::new();
        write_json(&tree, &mut base_text);
        let base = checked(&base_text).expect("the base contract passes check");
        let base_model = claimable(&base);
        for (what, edited) in edits(&tree, "") {
            let mut text = String::new();
            write_json(&edited, &mut text);
            let Some(c) = checked(&text) else {
                continue;
            };
            if claimable(&c) == base_model {
                continue;
            }
            counted += 1;
            for (direction, findings) in [
                ("", diff::diff(&base, &c)),
                (" (reversed)", diff::diff(&c, &base)),
            ] {
                if !findings.iter().any(|f| !versioning.contains(&f.rule)) {
                    unclaimed.push(format!("{name}: {what}{direction}"));
                }
            }
        }
    }
    assert!(counted > 200, "only {counted} edits changed a model");
    assert!(
        unclaimed.is_empty(),
        "{} edits claimed by no rule:\n{}",
        unclaimed.len(),
        unclaimed.join("\n")
    );
}

/// The payload of a one-event contract, with its declared types.
fn with_types(types: &str, payload: &str) -> Contract {
    let text = format!(
        "eventc: 1\nname: shop\nenvelope:\n  discriminator: type\n  payload: data\n  fields: {{ type: string, data: json }}\ntypes:\n{types}events:\n  tree_update: {{ direction: server_to_client, payload: {payload} }}\n"
    );
    contract("types.yaml", &text)
}

/// Types are compared by structure: renaming a declared type (and every
/// reference to it) alone gives no finding.
#[test]
fn renaming_a_named_type_alone_gives_no_finding() {
    let old = with_types(
        "  Node: { type: object, fields: { v: integer, kids: 'array<Node>' } }\n",
        "Node",
    );
    let new = with_types(
        "  Branch: { type: object, fields: { v: integer, kids: 'array<Branch>' } }\n",
        "Branch",
    );
    assert_eq!(render(&diff::diff(&old, &new)), "");
}

/// A change inside a recursive type is reported once, at the type, however
/// many paths lead to it.
#[test]
fn recursive_types_are_compared_once() {
    let old = with_types(
        "  Node: { type: object, fields: { v: integer, kids: 'array<Node>', next: { type: Node, optional: true } } }\n",
        "'map<Node>'",
    );
    let new = with_types(
        "  Node: { type: object, fields: { v: number, kids: 'array<Node>', next: { type: Node, optional: true } } }\n",
        "'map<Node>'",
    );
    let findings = diff::diff(&old, &new);
    let rendered: Vec<String> = findings
        .iter()
        .map(|f| format!("{} {} {:?}", f.rule, f.path, f.severity))
        .collect();
    assert_eq!(rendered, ["field-type-widened types.Node.fields.v Error"]);
}

/// Rule ids are unique and kebab-case (what a changelog `acknowledges:`
/// accepts), and every rule has its documentation.
#[test]
fn rule_ids_are_unique_kebab_case_and_documented() {
    let mut seen = std::collections::BTreeSet::new();
    for r in RULES {
        let kebab = r.id.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
        assert!(kebab, "`{}` is not kebab-case", r.id);
        assert!(seen.insert(r.id), "`{}` is listed twice", r.id);
        for (what, text) in [
            ("detects", r.detects),
            ("why", r.why),
            ("example", r.example),
            ("fix", r.fix),
        ] {
            assert!(!text.trim().is_empty(), "`{}` has no `{what}`", r.id);
        }
    }
}

/// A contract on one side only: removed is an error, added is info.
#[test]
fn contracts_on_one_side_only() {
    let c = contract("c.yaml", &versioned("1.0", &["1.0"], ""));
    let removed = diff::contract_removed(&c);
    assert_eq!(
        (removed.rule, removed.severity, removed.path.as_str()),
        ("contract-removed", Severity::Error, "contract")
    );
    let added = diff::contract_added(&c);
    assert_eq!(
        (added.rule, added.severity),
        ("contract-added", Severity::Info)
    );
    assert!(removed.fails() && !added.fails());
}
