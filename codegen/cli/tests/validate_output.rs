//! `eventc validate --format json` carries each problem's stable code; the
//! human format prints the path and message only.

use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// A contract with one integer field limited to 0..=10.
const CONTRACT: &str = r#"eventc: 1
name: codes
envelope:
  discriminator: type
  payload: data
  fields:
    type: string
    data: { type: json, optional: true }
types:
  Values:
    type: object
    fields:
      i: { type: integer, min: 0, max: 10 }
events:
  put: { payload: Values }
"#;

#[test]
fn cli_prints_codes_in_json_only() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("validate-output");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    std::fs::write(dir.join("codes.yaml"), CONTRACT).expect("contract");
    std::fs::write(
        dir.join("messages.jsonl"),
        "{\"type\": \"put\", \"data\": {\"i\": 11}}\n",
    )
    .expect("messages");
    let run = |format: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_eventc"))
            .args(["--color", "never", "--format", format, "validate"])
            .args(["--contract", "codes.yaml", "messages.jsonl"])
            .current_dir(&dir)
            .output()
            .expect("eventc runs");
        assert_eq!(out.status.code(), Some(1), "{out:?}");
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    let row: Value = serde_json::from_str(run("json").trim()).expect("one JSON line");
    assert_eq!(
        row["errors"],
        serde_json::json!([{
            "code": "out-of-range",
            "path": "/data/i",
            "message": "11 is outside the range 0..=10"
        }])
    );
    assert_eq!(
        run("human"),
        "line 1: invalid (put)\n  /data/i: 11 is outside the range 0..=10\n0 valid, 1 invalid\n"
    );
}

/// A line that is not UTF-8 is invalid (`not-utf8`), never read with
/// replacement characters into a message that could pass.
#[test]
fn validate_refuses_bytes_that_are_not_utf8() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("validate-not-utf8");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    std::fs::write(dir.join("codes.yaml"), CONTRACT).expect("contract");
    let mut line = b"{\"type\": \"put\", \"data\": {\"i\": 1}, \"x\": \"".to_vec();
    line.extend_from_slice(&[0xff, 0xfe]);
    line.extend_from_slice(b"\"}\n");
    std::fs::write(dir.join("messages.jsonl"), line).expect("messages");
    let out = Command::new(env!("CARGO_BIN_EXE_eventc"))
        .args(["--color", "never", "--format", "json", "validate"])
        .args(["--contract", "codes.yaml", "messages.jsonl"])
        .current_dir(&dir)
        .output()
        .expect("eventc runs");
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let row: Value = serde_json::from_slice(&out.stdout).expect("one JSON line");
    assert_eq!(row["valid"], false);
    assert_eq!(row["errors"][0]["code"], "not-utf8");
}
