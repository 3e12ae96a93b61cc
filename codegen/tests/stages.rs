//! The front end's two stages: `load` resolves a contract without checking
//! it, `check` finds what only the whole contract shows, and
//! `eventc::load_and_check` runs both and reports through `eventc::Error`.

use eventc::diag::Diagnostics;
use eventc::source::SourceMap;
use eventc::Error;
use std::path::{Path, PathBuf};

/// The workspace root.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("codegen/ has a parent")
        .to_path_buf()
}

/// A contract whose type `Node` refers to itself through its `parent` field.
fn tree(parent: &str) -> String {
    format!(
        "eventc: 1\nname: tree\nenvelope:\n  discriminator: type\n  payload: data\n  fields:\n    type: string\n    data: {{ type: json, optional: true }}\ntypes:\n  Node:\n    type: object\n    fields:\n      children: array<Node>\n      index: map<Node>\n      parent: {parent}\n      next: {{ type: Node, nullable: true }}\nevents:\n  tree:\n    payload: Node\n"
    )
}

/// The codes `check` reports for the only contract of `text`, which must load cleanly.
fn check_codes(text: &str) -> Vec<&'static str> {
    let mut sources = SourceMap::default();
    let loaded = eventc::load::load_str("tree.yaml", text, &mut sources);
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    assert_eq!(loaded.contracts.len(), 1, "loading does not check");
    let mut d = Diagnostics::default();
    eventc::check::check(&loaded.contracts[0], &mut d);
    d.into_sorted().iter().map(|d| d.code).collect()
}

/// A recursive type is fine when the recursion goes through an array, a map
/// or an optional/nullable field; the same type with a required direct
/// self-reference cannot be written, which `check` (not `load`) reports.
#[test]
fn representable_recursion_is_accepted() {
    assert!(check_codes(&tree("{ type: Node, optional: true }")).is_empty());
    assert_eq!(check_codes(&tree("Node")), ["infinite-type"]);
}

/// A contract that resolves but breaks a rule loads without an error, and
/// `load_and_check` refuses it with the checker's diagnostic, located and
/// rendered.
#[test]
fn load_and_check_reports_what_the_checker_finds() {
    let path = root().join("codegen/tests/bad_contracts/case-collision.yaml");
    let mut sources = SourceMap::default();
    let loaded = eventc::load::load_paths(std::slice::from_ref(&path), &mut sources)
        .expect("fixture is readable");
    assert!(!loaded.has_errors(), "{:#?}", loaded.diagnostics);

    let error = eventc::load_and_check(std::slice::from_ref(&path))
        .expect_err("the checker rejects a case collision");
    let Error::Contracts { diagnostics, .. } = &error else {
        panic!("not a contract error: {error}");
    };
    let found: Vec<(&str, u32, u32)> = diagnostics
        .iter()
        .map(|d| (d.code, d.primary.span.line, d.primary.span.col))
        .collect();
    assert_eq!(
        found,
        [
            ("identifier-collision", 14, 7),
            ("identifier-collision", 18, 3)
        ]
    );
    assert_eq!(error.to_string(), "the contracts have 2 error(s)");
    let rendered = error.render();
    assert!(
        rendered.starts_with("error[identifier-collision]: field `user_id` and field `userId`"),
        "{rendered}"
    );
    assert!(rendered.contains("case-collision.yaml:14:7"), "{rendered}");
}

/// The seed contracts and the golden fixtures (which the emitter tests
/// load without checking) pass both stages.
#[test]
fn seed_and_golden_contracts_load_and_check() {
    for dir in ["contracts", "tests/golden/contracts"] {
        let dir = root().join(dir);
        let files = eventc::load::contract_files(std::slice::from_ref(&dir)).expect("listable");
        let checked = eventc::load_and_check(std::slice::from_ref(&dir))
            .unwrap_or_else(|e| panic!("{}", e.render()));
        assert_eq!(checked.contracts.len(), files.len(), "{}", dir.display());
        assert!(checked.warnings.is_empty(), "{:#?}", checked.warnings);
    }
}

/// A path that does not exist is an error of its own, not a diagnostic.
#[test]
fn a_missing_path_is_not_found() {
    let missing = root().join("contracts/no-such-contract.yaml");
    let error =
        eventc::load_and_check(std::slice::from_ref(&missing)).expect_err("nothing to load");
    assert!(
        matches!(&error, Error::NotFound(p) if *p == missing),
        "{error:?}"
    );
    assert_eq!(
        error.render(),
        format!("no such file or directory: {}\n", missing.display())
    );
    assert!(error.diagnostics().is_empty());
}
