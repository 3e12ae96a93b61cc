//! Rules where the validator once disagreed with the generated decoders,
//! each found by the differential test (codegen/testkit/tests/differential.rs)
//! and kept here with the message that showed it.

use eventc::validate::{ProblemCode, Validator};
use eventc_golden_rust::shapes;

fn shapes_contract() -> eventc::model::Contract {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/golden/contracts/shapes.yaml");
    let checked = eventc::load_and_check(&[path]).expect("the shapes fixture checks");
    checked.contracts.into_iter().next().expect("one contract")
}

/// A union's tag is a string: a tag of another JSON type is a wrong type,
/// which the decoders see (they refuse it), not an unknown tag, which they
/// leave to the validator.
#[test]
fn a_non_string_union_tag_is_a_wrong_type() {
    let message = r#"{"kind":"shapes","body":[{"kind":-1,"base":0.1}],"sent_at":1768384800,"proto":"shapes/1","zipped":false}"#;
    let c = shapes_contract();
    let codes: Vec<ProblemCode> = Validator::new(&c)
        .validate_str(message)
        .errors
        .iter()
        .map(|p| p.code)
        .collect();
    assert_eq!(codes, [ProblemCode::WrongType], "{message}");
    assert!(
        shapes::decode_strict(message).is_err(),
        "Rust refuses it too"
    );
}

/// The payload of an event the contract does not declare (accepted when
/// `unknown_events: allow`) has no type: `null` is accepted there, as both
/// decoders keep the payload of an unknown event as raw JSON. A declared
/// event's payload still refuses `null` unless its field is nullable, the
/// untyped `noop` included.
#[test]
fn an_unknown_event_accepts_a_null_payload() {
    let c = shapes_contract();
    let validator = Validator::new(&c);
    let unknown =
        r#"{"kind":"text","body":null,"sent_at":1768384800,"proto":"shapes/1","zipped":false}"#;
    let verdict = validator.validate_str(unknown);
    assert!(verdict.is_valid(), "{:?}", verdict.errors);
    assert!(shapes::decode_strict(unknown).is_ok());
    for declared in [
        r#"{"kind":"link","body":null,"sent_at":1768384800,"proto":"shapes/1","zipped":false}"#,
        r#"{"kind":"noop","body":null,"sent_at":1768384800,"proto":"shapes/1","zipped":false}"#,
    ] {
        let codes: Vec<ProblemCode> = validator
            .validate_str(declared)
            .errors
            .iter()
            .map(|p| p.code)
            .collect();
        assert_eq!(codes, [ProblemCode::NullNotAllowed], "{declared}");
        assert!(shapes::decode_strict(declared).is_err(), "{declared}");
    }
}

/// A tagged union value without its tag, or with a tag that names no
/// variant, is one problem to the validator, and the generated decoders
/// refuse it.
#[test]
fn a_union_value_without_its_tag_or_with_an_unknown_one_is_refused() {
    let c = shapes_contract();
    let validator = Validator::new(&c);
    for (shape, code) in [
        (r#"{"radius":1}"#, ProblemCode::MissingTag),
        (r#"{"kind":"hexagon","radius":1}"#, ProblemCode::UnknownTag),
    ] {
        let message = format!(
            r#"{{"kind":"draw","body":{{"shapes":[{shape}],"scale":null,"ids":[],"title":""}},"sent_at":1768384800,"proto":"shapes/1","zipped":false}}"#
        );
        let problems = validator.validate_str(&message).errors;
        assert_eq!(problems.len(), 1, "{message}: {problems:?}");
        assert_eq!(problems[0].code, code);
        assert!(
            shapes::decode_strict(&message).is_err(),
            "Rust refuses {message}"
        );
    }
}

/// An optional `const` field is checked against the rules of its type and
/// then against its constant, as the validator checks it: a malformed
/// timestamp in place of a constant timestamp is two problems to both.
#[test]
fn a_constant_field_is_checked_against_its_type_rules_too() {
    let message = r#"{"kind":"draw","body":{"shapes":[],"scale":3,"ids":[],"title":"t","epoch":"2026-01-14T10:00:00"},"sent_at":1768384800,"proto":"shapes/1","zipped":false}"#;
    let c = shapes_contract();
    let mut codes: Vec<&str> = Validator::new(&c)
        .validate_str(message)
        .errors
        .iter()
        .map(|p| p.code.as_str())
        .collect();
    codes.sort_unstable();
    assert_eq!(codes, ["const-mismatch", "timestamp-format"], "{message}");
    let Err(shapes::DecodeError::Invalid(invalid)) = shapes::decode_strict(message) else {
        panic!("Rust refuses {message} on value rules");
    };
    let mut found: Vec<&str> = invalid.problems.iter().map(|p| p.code).collect();
    found.sort_unstable();
    assert_eq!(found, codes, "{message}");
}

/// An array where an object type is expected is a wrong type: the Rust
/// decoders read objects from maps only, never by position (serde's derived
/// reader alone would take `[1]` as a `Link` whose `value` is 1).
#[test]
fn an_array_is_not_an_object() {
    let message =
        r#"{"kind":"link","body":[1],"sent_at":1768384800,"proto":"shapes/1","zipped":false}"#;
    let c = shapes_contract();
    let codes: Vec<ProblemCode> = Validator::new(&c)
        .validate_str(message)
        .errors
        .iter()
        .map(|p| p.code)
        .collect();
    assert_eq!(codes, [ProblemCode::WrongType], "{message}");
    assert!(
        shapes::decode_strict(message).is_err() && shapes::decode(message).is_err(),
        "Rust refuses {message}"
    );
}
