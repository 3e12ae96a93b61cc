//! Validator problem codes: every [`ProblemCode`] is documented in
//! `docs/conformance.md`, is reported by the validator for a message that
//! has that fault (at the expected JSON Pointer). The `eventc validate`
//! output of codes is tested with the command, in `codegen/cli/tests`.

use base64::Engine as _;
use eventc::load;
use eventc::model::Contract;
use eventc::source::SourceMap;
use eventc::validate::{ProblemCode, Validator, MAX_DECOMPRESSED_BYTES};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A contract with one construct of each kind the validator checks.
const CONTRACT: &str = r#"eventc: 1
name: codes
categories:
  values: { A: First, B: Second }
  default: A
channels:
  room:
    address: "room:{id}"
    params: { id: { type: string, pattern: '^[a-z]+$' } }
envelope:
  discriminator: type
  payload: data
  fields:
    type: string
    data: json
    v: { type: integer, const: 1, optional: true }
    cat: { type: string, optional: true, derived: category }
    chan: { type: string, optional: true, derived: channel }
    name: { type: string, optional: true, derived: event }
    zip: { type: boolean, optional: true }
  compression: { flag: zip, algorithm: zlib, encoding: base64, threshold: 1024 }
types:
  Color: { type: enum, values: [red, blue] }
  Circle:
    type: object
    fields: { kind: string, r: number }
  Shape: { type: union, tag: kind, variants: { circle: Circle } }
  Point:
    type: object
    fields: { x: integer, y: integer }
  Located:
    type: union
    detect: fields
    variants:
      - { type: Point, name: At, when: { all_present: [x, y] } }
  Values:
    type: object
    additional: deny
    fields:
      req: string
      nn: { type: string, optional: true }
      both: { type: string, optional: true, aliases: [other] }
      s: { type: string, min_length: 2, max_length: 4, optional: true }
      p: { type: string, pattern: '^[a-z]+$', optional: true }
      i: { type: integer, width: i32, min: 0, max: 10, optional: true }
      n: { type: number, min: 0, max: 1, optional: true }
      t: { type: timestamp, optional: true }
      u: { type: timestamp, encoding: unix_s, optional: true }
      a: { type: array, items: string, max_items: 1, optional: true }
      m: { type: map, values: string, key_pattern: '^[a-z]+$', optional: true }
      e: { type: Color, optional: true }
      shape: { type: Shape, optional: true }
      loc: { type: Located, optional: true }
      ch: { type: channel, optional: true }
events:
  put: { payload: Values, channel: room, category: A }
"#;

fn contract() -> Contract {
    let mut sources = SourceMap::default();
    let loaded = load::load_str("codes.yaml", CONTRACT, &mut sources);
    assert!(
        !loaded.has_errors(),
        "the test contract has errors: {:#?}",
        loaded.diagnostics
    );
    loaded.contracts.into_iter().next().expect("one contract")
}

/// A message of event `put` with `data` as its payload and `extra` envelope fields.
fn put(data: &str, extra: &str) -> String {
    format!(r#"{{"type": "put", "data": {data}{extra}}}"#)
}

/// Zlib-compresses and base64-encodes `bytes`, as a JSON string.
fn compressed(bytes: &[u8]) -> String {
    let zlib = miniz_oxide::deflate::compress_to_vec_zlib(bytes, 1);
    format!(
        "\"{}\"",
        base64::engine::general_purpose::STANDARD.encode(zlib)
    )
}

/// One message per code: the message text, the code and where it is reported.
fn cases() -> Vec<(String, ProblemCode, &'static str)> {
    use ProblemCode as C;
    let v = |fields: &str| put(&format!(r#"{{"req": "x"{fields}}}"#), "");
    let too_large = vec![b' '; usize::try_from(MAX_DECOMPRESSED_BYTES).expect("fits") + 1];
    vec![
        (r#"{"type": "put""#.to_owned(), C::MalformedJson, ""),
        ("[1]".to_owned(), C::MessageNotObject, ""),
        (
            r#"{"data": {}}"#.to_owned(),
            C::MissingDiscriminator,
            "/type",
        ),
        (
            r#"{"type": 1, "data": {}}"#.to_owned(),
            C::DiscriminatorNotString,
            "/type",
        ),
        (
            r#"{"type": "pat", "data": {}}"#.to_owned(),
            C::UnknownEvent,
            "/type",
        ),
        (put("{}", ""), C::MissingField, "/data/req"),
        (v(r#", "zzz": 1"#), C::UnexpectedKey, "/data/zzz"),
        (
            v(r#", "both": "a", "both": "a""#),
            C::DuplicateKey,
            "/data/both",
        ),
        (v(r#", "nn": null"#), C::NullNotAllowed, "/data/nn"),
        (put("null", ""), C::NullNotAllowed, "/data"),
        (
            put(r#"{"req": "x"}"#, r#", "v": 2"#),
            C::ConstMismatch,
            "/v",
        ),
        (
            put(r#"{"req": "x"}"#, r#", "cat": "B""#),
            C::CategoryMismatch,
            "/cat",
        ),
        (
            put(r#"{"req": "x"}"#, r#", "chan": "lobby""#),
            C::ChannelMismatch,
            "/chan",
        ),
        (
            put(r#"{"req": "x"}"#, r#", "name": "get""#),
            C::EventMismatch,
            "/name",
        ),
        (
            put("1", r#", "zip": true"#),
            C::CompressedNotString,
            "/data",
        ),
        (
            put(r#""%%%""#, r#", "zip": true"#),
            C::CompressedNotBase64,
            "/data",
        ),
        (
            put(r#""AAAA""#, r#", "zip": true"#),
            C::CompressedNotZlib,
            "/data",
        ),
        (
            put(&compressed(&too_large), r#", "zip": true"#),
            C::CompressedTooLarge,
            "/data",
        ),
        (
            put(&compressed(b"{"), r#", "zip": true"#),
            C::CompressedNotJson,
            "/data",
        ),
        (
            put(&compressed(b"{}"), r#", "zip": true"#),
            C::MissingField,
            "/data/req",
        ),
        (v(r#", "n": "1""#), C::WrongType, "/data/n"),
        (v(r#", "i": 1.5"#), C::NotAnInteger, "/data/i"),
        (v(r#", "u": 1.5"#), C::NotAnInteger, "/data/u"),
        (v(r#", "i": 3000000000"#), C::OutOfWidth, "/data/i"),
        (
            v(r#", "u": 18446744073709551615"#),
            C::OutOfWidth,
            "/data/u",
        ),
        (v(r#", "i": 11"#), C::OutOfRange, "/data/i"),
        (v(r#", "n": 1.5"#), C::OutOfRange, "/data/n"),
        (v(r#", "s": "x""#), C::StringLength, "/data/s"),
        (v(r#", "p": "X""#), C::PatternMismatch, "/data/p"),
        (v(r#", "t": "yesterday""#), C::TimestampFormat, "/data/t"),
        (
            v(r#", "u": 999999999999"#),
            C::TimestampOutOfRange,
            "/data/u",
        ),
        (v(r#", "a": ["x", "y"]"#), C::ArrayLength, "/data/a"),
        (
            v(r#", "m": {"X": "y"}"#),
            C::KeyPatternMismatch,
            "/data/m/X",
        ),
        (v(r#", "e": "green""#), C::UnknownEnumValue, "/data/e"),
        (v(r#", "shape": {"r": 1}"#), C::MissingTag, "/data/shape"),
        (
            v(r#", "shape": {"kind": "square"}"#),
            C::UnknownTag,
            "/data/shape/kind",
        ),
        (v(r#", "loc": {"x": 1}"#), C::NoMatchingVariant, "/data/loc"),
        (v(r#", "ch": "room:X""#), C::UnknownChannel, "/data/ch"),
    ]
}

/// Faults only bytes can carry.
fn byte_cases() -> Vec<(Vec<u8>, ProblemCode, &'static str)> {
    let mut not_utf8 = put(r#"{"req": "x"}"#, "").into_bytes();
    not_utf8.splice(20..20, [0xff, 0xfe]);
    vec![(not_utf8, ProblemCode::NotUtf8, "")]
}

/// Every case, as bytes.
fn all_cases() -> Vec<(Vec<u8>, ProblemCode, &'static str)> {
    let text = cases()
        .into_iter()
        .map(|(text, code, path)| (text.into_bytes(), code, path));
    text.chain(byte_cases()).collect()
}

#[test]
fn each_fault_is_reported_with_its_code_at_its_path() {
    let contract = contract();
    let validator = Validator::new(&contract);
    let mut failures = Vec::new();
    for (bytes, code, path) in all_cases() {
        let verdict = validator.validate_bytes(&bytes);
        let text = String::from_utf8_lossy(&bytes);
        let found: Vec<(&str, &str)> = verdict
            .errors
            .iter()
            .map(|p| (p.code.as_str(), p.path.as_str()))
            .collect();
        if found != [(code.as_str(), path)] {
            let shown: String = text.chars().take(120).collect();
            failures.push(format!(
                "{shown}: expected only `{code}` at `{path}`, found {found:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_code_has_a_case() {
    let tested: BTreeSet<ProblemCode> = all_cases().into_iter().map(|(_, code, _)| code).collect();
    let untested: Vec<&str> = ProblemCode::ALL
        .iter()
        .filter(|c| !tested.contains(c))
        .map(|c| c.as_str())
        .collect();
    assert!(untested.is_empty(), "codes without a case: {untested:?}");
}

#[test]
fn codes_are_distinct_kebab_case() {
    let mut seen = BTreeSet::new();
    for code in ProblemCode::ALL {
        let text = code.as_str();
        assert!(seen.insert(text), "`{text}` is listed twice");
        assert!(
            text.split('-').all(|w| !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())),
            "`{text}` is not kebab-case"
        );
        assert_eq!(code.to_string(), text);
        assert_eq!(
            serde_json::to_value(code).expect("serializes"),
            Value::String(text.to_owned())
        );
    }
}

/// The table of codes in `docs/conformance.md` lists every code, in order.
#[test]
fn every_code_is_documented() {
    let docs = std::fs::read_to_string(root().join("docs/conformance.md")).expect("docs");
    let section = docs
        .split("\n## ")
        .find(|s| s.starts_with("Validator problem codes"))
        .expect("docs/conformance.md has a `## Validator problem codes` section");
    let documented: Vec<&str> = section
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split('`').next())
        .collect();
    let codes: Vec<&str> = ProblemCode::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(
        documented, codes,
        "the documented codes differ from ProblemCode::ALL"
    );
}
