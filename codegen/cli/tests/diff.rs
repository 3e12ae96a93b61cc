//! `eventc diff` end to end: the binary run on contracts in scratch git
//! repositories (a rename window, an acknowledged break, contracts added,
//! deleted and moved, bad contracts on either side, a missing revision, a
//! shallow clone) and on two fixture files for a snapshot of every output
//! format.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The workspace root (fixtures are named relative to it in snapshots).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("codegen/cli/ is two levels below the workspace root")
        .to_path_buf()
}

/// What one `eventc` run printed.
#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `eventc <args>` in `dir` without colour, with a fixed date.
fn eventc(dir: &Path, args: &[&str]) -> Run {
    let Output {
        status,
        stdout,
        stderr,
    } = Command::new(env!("CARGO_BIN_EXE_eventc"))
        .args(["--color", "never"])
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "1773014400")
        .output()
        .expect("eventc runs");
    let run = Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8(stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(stderr).expect("stderr is UTF-8"),
    };
    assert!(!run.stderr.contains("panicked"), "eventc panicked: {run:?}");
    run
}

/// A scratch git repository, emptied first.
struct Repo {
    dir: PathBuf,
}

impl Repo {
    fn new(name: &str) -> Repo {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join("diff")
            .join(name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch dir");
        let repo = Repo { dir };
        repo.git(&["init", "-q", "-b", "main"]);
        repo
    }

    /// Runs git in the repository; panics when it fails.
    fn git(&self, args: &[&str]) -> String {
        git_in(&self.dir, args)
    }

    fn write(&self, path: &str, text: &str) {
        let path = self.dir.join(path);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("dirs");
        std::fs::write(path, text).expect("write");
    }

    fn commit(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
    }

    fn diff(&self, args: &[&str]) -> Run {
        let mut all = vec!["diff"];
        all.extend(args);
        eventc(&self.dir, &all)
    }

    fn diff_json(&self, args: &[&str]) -> (i32, Value) {
        let mut all = vec!["--format", "json"];
        all.extend(args);
        let run = self.diff(&all);
        let doc = serde_json::from_str(&run.stdout)
            .unwrap_or_else(|e| panic!("--format json prints JSON ({e}): {run:?}"));
        (run.code, doc)
    }
}

/// Runs git in `dir` with a fixed identity and no user configuration.
fn git_in(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=eventc test",
            "-c",
            "user.email=test@example.invalid",
        ])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "protocol.file.allow=always",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A contract named `name` whose `Order` type has `fields` (YAML lines under
/// `fields:`), with `changelog` (YAML list items) appended.
fn contract(name: &str, version: &str, fields: &str, changelog: &str) -> String {
    format!(
        "eventc: 1\nname: {name}\nversion: \"{version}\"\nenvelope:\n  discriminator: type\n  payload: data\n  fields:\n    type: string\n    data: {{ type: json, optional: true }}\ntypes:\n  Order:\n    type: object\n    fields:\n{fields}events:\n  order_placed: {{ payload: Order, direction: server_to_client }}\n  place_order: {{ payload: Order, direction: client_to_server }}\nchangelog:\n  - version: \"1.0\"\n    date: \"2026-01-01\"\n    changes: [First version]\n{changelog}"
    )
}

const ID: &str = "      id: string\n";
const V1_1: &str =
    "  - version: \"1.1\"\n    date: \"2026-02-01\"\n    changes: [total_zar renamed to total]\n";
const V2: &str =
    "  - version: \"2.0\"\n    date: \"2026-03-01\"\n    changes: [total_zar no longer written]\n";

/// The rule ids of a JSON report's findings.
fn rules(doc: &Value) -> Vec<&str> {
    doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["rule"].as_str().expect("rule"))
        .collect()
}

/// A key renamed through a dual-key window passes at every step; the same
/// rename in one step is refused.
#[test]
fn a_rename_window_passes_and_a_direct_rename_is_refused() {
    let repo = Repo::new("rename-window");
    let v1 = contract("shop", "1.0", &format!("{ID}      total_zar: number\n"), "");
    repo.write("contracts/shop.yaml", &v1);
    repo.commit("v1");
    repo.git(&["tag", "v1"]);
    let run = repo.diff(&["--base", "HEAD"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("0 breaking"), "{run:?}");

    let window = "      total: { type: number, renamed_from: total_zar }\n";
    repo.write(
        "contracts/shop.yaml",
        &contract("shop", "1.1", &format!("{ID}{window}"), V1_1),
    );
    let run = repo.diff(&["--base", "HEAD"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("info[rename-started]"), "{run:?}");
    repo.commit("v1.1: rename window");

    let v2 = contract(
        "shop",
        "2.0",
        &format!("{ID}      total: number\n"),
        &format!("{V1_1}{V2}"),
    );
    repo.write("contracts/shop.yaml", &v2);
    let run = repo.diff(&["--base", "HEAD"]);
    assert_eq!(run.code, 0, "{run:?}");
    repo.commit("v2: window closed");

    let run = repo.diff(&["--base", "v1"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stdout.contains("error[field-renamed-undeclared]"),
        "{run:?}"
    );
    assert!(
        run.stdout.contains("--> contracts/shop.yaml:15:7"),
        "{run:?}"
    );
}

/// A breaking change is refused until the changelog acknowledges it; the
/// `--changelog` draft, pasted with a reason, is that acknowledgement.
#[test]
fn a_break_passes_once_the_pasted_changelog_draft_acknowledges_it() {
    let repo = Repo::new("acknowledged");
    let fields = format!("{ID}      note: string\n");
    repo.write("contracts/shop.yaml", &contract("shop", "1.0", &fields, ""));
    repo.commit("v1");

    let broken = contract("shop", "1.0", ID, "");
    repo.write("contracts/shop.yaml", &broken);
    let (code, doc) = repo.diff_json(&["--base", "HEAD"]);
    assert_eq!(code, 1, "{doc:#}");
    assert_eq!(doc["breaking"], true);
    let removed = &doc["findings"][0];
    assert_eq!(removed["rule"], "field-removed", "{doc:#}");
    assert_eq!(removed["acknowledged"], Value::Null);

    let draft = repo.diff(&["--base", "HEAD", "--changelog"]);
    assert_eq!(draft.code, 0, "{draft:?}");
    assert!(draft.stdout.contains("- version: \"2.0\""), "{draft:?}");
    assert!(draft.stdout.contains("date: \"2026-03-09\""), "{draft:?}");
    assert!(
        draft
            .stdout
            .contains("{ rule: field-removed, path: \"types.Order.fields.note\", reason: \"<why this break is acceptable>\" }"),
        "{draft:?}"
    );
    let pasted: String = draft
        .stdout
        .replace("<why this break is acceptable>", "no reader uses note")
        .lines()
        .map(|line| format!("  {line}\n"))
        .collect();
    let acknowledged = contract("shop", "2.0", ID, &pasted);
    repo.write("contracts/shop.yaml", &acknowledged);
    let (code, doc) = repo.diff_json(&["--base", "HEAD"]);
    assert_eq!(code, 0, "{doc:#}");
    assert_eq!(doc["breaking"], false);
    let removed = doc["findings"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["rule"] == "field-removed"))
        .unwrap_or_else(|| panic!("field-removed still reported: {doc:#}"));
    assert_eq!(removed["acknowledged"], "no reader uses note", "{doc:#}");
    let run = repo.diff(&["--base", "HEAD"]);
    assert!(
        run.stdout.contains("acknowledged[field-removed]"),
        "{run:?}"
    );
    assert!(run.stdout.contains("1 acknowledged"), "{run:?}");
}

/// Contracts are matched by name: a moved file is the same contract, a new
/// one is reported, a deleted one is breaking.
#[test]
fn added_deleted_and_moved_contracts() {
    let repo = Repo::new("lifecycle");
    repo.write("contracts/a.yaml", &contract("alpha", "1.0", ID, ""));
    repo.write("contracts/b.yaml", &contract("beta", "1.0", ID, ""));
    repo.commit("two contracts");
    repo.git(&["mv", "contracts/a.yaml", "contracts/renamed.yaml"]);
    repo.git(&["rm", "-q", "contracts/b.yaml"]);
    repo.write("contracts/c.yaml", &contract("gamma", "1.0", ID, ""));
    let (code, doc) = repo.diff_json(&["--base", "HEAD"]);
    assert_eq!(code, 1, "{doc:#}");
    let status: Vec<(&str, &str)> = doc["contracts"]
        .as_array()
        .expect("contracts")
        .iter()
        .map(|c| {
            (
                c["name"].as_str().expect("name"),
                c["status"].as_str().expect("status"),
            )
        })
        .collect();
    assert_eq!(
        status,
        [("alpha", "moved"), ("beta", "deleted"), ("gamma", "added")]
    );
    assert_eq!(rules(&doc), ["contract-removed", "contract-added"]);
    assert_eq!(doc["findings"][0]["old"]["file"], "HEAD:contracts/b.yaml");
    assert_eq!(doc["findings"][0]["severity"], "error");
    assert_eq!(doc["findings"][1]["severity"], "info");
    let run = repo.diff(&["--base", "HEAD"]);
    assert!(
        run.stdout
            .contains("contract `alpha` moved from contracts/a.yaml to contracts/renamed.yaml"),
        "{run:?}"
    );
    assert!(
        run.stdout.contains("--> HEAD:contracts/b.yaml:1:1"),
        "{run:?}"
    );
}

/// Run from a subdirectory, the paths given and the names git prints agree:
/// an unchanged contract is neither moved nor deleted.
#[test]
fn paths_are_relative_to_the_current_directory() {
    let repo = Repo::new("subdirectory");
    repo.write("contracts/a.yaml", &contract("alpha", "1.0", ID, ""));
    repo.commit("one contract");
    let inside = repo.dir.join("contracts");
    for path in [".", "./", "a.yaml", "./a.yaml"] {
        let run = eventc(
            &inside,
            &["--format", "json", "diff", "--base", "HEAD", path],
        );
        assert_eq!(run.code, 0, "{path}: {run:?}");
        let doc: Value = serde_json::from_str(&run.stdout).expect("JSON");
        assert_eq!(
            doc["contracts"][0]["status"], "unchanged",
            "{path}: {doc:#}"
        );
        assert_eq!(
            doc["contracts"][0]["old"]["file"], "HEAD:a.yaml",
            "{path}: {doc:#}"
        );
    }
}

/// A contract that fails `check`, on either side, stops the run with its
/// diagnostics and exit code 2; it never passes silently.
#[test]
fn a_bad_contract_on_either_side_is_an_error() {
    let repo = Repo::new("bad-contract");
    let bad = contract("shop", "1.0", "      id: Strng\n", "");
    repo.write("contracts/shop.yaml", &bad);
    repo.commit("a contract with an unknown type");
    repo.write("contracts/shop.yaml", &contract("shop", "1.0", ID, ""));
    let run = repo.diff(&["--base", "HEAD"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("error[unknown-type]"), "{run:?}");
    assert!(
        run.stderr.contains("HEAD:contracts/shop.yaml:14:11"),
        "{run:?}"
    );
    assert!(run.stderr.contains("the contracts have errors"), "{run:?}");
    assert_eq!(run.stdout, "");

    repo.commit("fixed");
    repo.write("contracts/shop.yaml", &bad);
    let run = repo.diff(&["--format", "github", "--base", "HEAD"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr
            .contains("::error file=contracts/shop.yaml,line=14,col=11,title=unknown-type::"),
        "{run:?}"
    );
}

/// A revision git does not know is named, with the command that fetches it.
#[test]
fn a_missing_revision_says_how_to_fetch_it() {
    let repo = Repo::new("missing-ref");
    repo.write("contracts/shop.yaml", &contract("shop", "1.0", ID, ""));
    repo.commit("v1");
    let run = repo.diff(&["--base", "origin/release"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("unknown git revision `origin/release`"),
        "{run:?}"
    );
    assert!(run.stderr.contains("git fetch origin release"), "{run:?}");
    assert!(!run.stderr.contains("shallow"), "{run:?}");
}

/// In a shallow clone the message says the history is cut short and how to fetch it.
#[test]
fn a_shallow_clone_is_explained() {
    let repo = Repo::new("shallow-origin");
    repo.write("contracts/shop.yaml", &contract("shop", "1.0", ID, ""));
    repo.commit("v1");
    repo.write("contracts/shop.yaml", &contract("shop", "1.1", ID, ""));
    repo.commit("v1.1");
    let clone = repo.dir.with_file_name("shallow-clone");
    let _ = std::fs::remove_dir_all(&clone);
    let url = format!("file://{}", repo.dir.display());
    let clone_arg = clone.display().to_string();
    git_in(
        &repo.dir,
        &["clone", "-q", "--depth", "1", &url, &clone_arg],
    );
    let run = eventc(&clone, &["diff", "--base", "HEAD~1"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("shallow clone"), "{run:?}");
    assert!(run.stderr.contains("git fetch --unshallow"), "{run:?}");
    assert!(run.stderr.contains("fetch-depth: 0"), "{run:?}");
}

/// Outside a git repository, `--base` says so.
#[test]
fn base_outside_a_repository_is_an_error() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("diff-no-repo");
    std::fs::create_dir_all(&dir).expect("dir");
    let run = Command::new(env!("CARGO_BIN_EXE_eventc"))
        .args(["diff", "--base", "HEAD"])
        .current_dir(&dir)
        .env("GIT_CEILING_DIRECTORIES", dir.parent().expect("parent"))
        .output()
        .expect("eventc runs");
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("not a git repository"), "{stderr}");
}

/// Wrong arguments are usage errors (exit 2).
#[test]
fn usage_errors_exit_2() {
    let run = eventc(&root(), &["diff", "contracts/wse.yaml"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("expected OLD and NEW"), "{run:?}");
    let run = eventc(&root(), &["--format", "sarif", "check"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("only for `eventc diff`"), "{run:?}");
}

/// Two files compared directly: a contract compared with itself has no findings.
#[test]
fn a_contract_compared_with_itself_has_no_findings() {
    let run = eventc(
        &root(),
        &["diff", "contracts/trading.yaml", "contracts/trading.yaml"],
    );
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout.starts_with("compared 1 contract(s): 0 breaking"),
        "{run:?}"
    );
}

const OLD: &str = "codegen/cli/tests/diff/old.yaml";
const NEW: &str = "codegen/cli/tests/diff/new.yaml";

/// Runs `eventc diff OLD NEW` on the fixtures in `format` and expects exit 1.
fn fixture_diff(format: &str) -> String {
    let run = eventc(&root(), &["--format", format, "diff", OLD, NEW]);
    assert_eq!(run.code, 1, "{run:?}");
    run.stdout
}

#[test]
fn human_format() {
    insta::assert_snapshot!("human", fixture_diff("human"));
}

#[test]
fn github_format() {
    let out = fixture_diff("github");
    assert!(out.lines().all(|l| l.starts_with("::")), "{out}");
    insta::assert_snapshot!("github", out);
}

#[test]
fn markdown_format() {
    insta::assert_snapshot!("markdown", fixture_diff("markdown"));
}

#[test]
fn changelog_draft() {
    let run = eventc(&root(), &["diff", "--changelog", OLD, NEW]);
    assert_eq!(run.code, 0, "{run:?}");
    insta::assert_snapshot!("changelog", run.stdout);
}

/// The JSON document has the shape docs/diff-output.md documents.
#[test]
fn json_format_follows_the_documented_schema() {
    let out = fixture_diff("json");
    let doc: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(doc["schema"], "eventc-diff/1");
    assert!(doc["base"].is_null());
    assert_eq!(doc["breaking"], true);
    for key in ["contracts", "breaking", "acknowledged", "warnings", "safe"] {
        assert!(doc["summary"][key].is_u64(), "summary.{key}: {doc:#}");
    }
    for contract in doc["contracts"].as_array().expect("contracts") {
        assert!(contract["name"].is_string());
        let status = contract["status"].as_str().expect("status");
        assert!(["added", "deleted", "moved", "changed", "unchanged"].contains(&status));
        for side in ["old", "new"] {
            let side = &contract[side];
            assert!(side.is_null() || (side["file"].is_string() && side["path"].is_string()));
        }
    }
    let findings = doc["findings"].as_array().expect("findings");
    assert!(!findings.is_empty());
    for f in findings {
        for key in ["contract", "rule", "path", "message", "fingerprint"] {
            assert!(f[key].is_string(), "{key}: {f:#}");
        }
        assert!(["error", "warning", "info"].contains(&f["severity"].as_str().expect("severity")));
        assert!(["clients", "server", "both", "none"]
            .contains(&f["readers"].as_str().expect("readers")));
        assert!(f["direction"].is_null() || f["direction"].is_string());
        assert!(f["hint"].is_null() || f["hint"].is_string());
        assert!(f["acknowledged"].is_null() || f["acknowledged"].is_string());
        assert!(f["breaking"].is_boolean());
        let fingerprint = f["fingerprint"].as_str().expect("fingerprint");
        assert!(fingerprint.len() == 16 && fingerprint.bytes().all(|b| b.is_ascii_hexdigit()));
        for side in ["old", "new"] {
            let at = &f[side];
            assert!(
                at.is_null()
                    || (at["file"].is_string()
                        && at["line"].as_u64() >= Some(1)
                        && at["col"].as_u64() >= Some(1)),
                "{side}: {f:#}"
            );
        }
    }
    insta::assert_snapshot!("json", out);
}

/// The SARIF log carries the fields SARIF 2.1.0 requires and code scanning reads.
#[test]
fn sarif_format_has_the_required_fields() {
    let out = fixture_diff("sarif");
    let log: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"]
        .as_str()
        .is_some_and(|s| s.contains("sarif-schema-2.1.0")));
    let run = &log["runs"][0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "eventc");
    let rules = driver["rules"].as_array().expect("rules");
    let results = run["results"].as_array().expect("results");
    assert!(!results.is_empty());
    for r in results {
        let id = r["ruleId"].as_str().expect("ruleId");
        let index = r["ruleIndex"].as_u64().expect("ruleIndex");
        let index = usize::try_from(index).expect("index");
        assert_eq!(rules[index]["id"], id);
        assert!(["error", "warning", "note"].contains(&r["level"].as_str().expect("level")));
        assert!(r["message"]["text"].is_string());
        let location = &r["locations"][0]["physicalLocation"];
        assert!(location["artifactLocation"]["uri"].is_string(), "{r:#}");
        assert!(location["region"]["startLine"].as_u64() >= Some(1), "{r:#}");
        assert!(r["partialFingerprints"]["eventcDiff/v1"].is_string());
    }
    for rule in rules {
        assert!(rule["id"].is_string());
        assert!(rule["shortDescription"]["text"].is_string(), "{rule:#}");
    }
    insta::assert_snapshot!("sarif", out);
}
