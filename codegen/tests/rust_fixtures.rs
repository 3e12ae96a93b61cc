//! Runtime behaviour of the golden fixtures' generated Rust (crate
//! `eventc-golden-rust`): shapes the seed contracts do not use — tagged
//! unions, dual-key renames, tri-state fields, open integer enums, unknown
//! events, constants, required compression flags — and the hostile names.
//! Each accepted message re-encodes to a valid message whose canonical form
//! equals the canonical form of its input (both sides canonicalized: the
//! `shapes` fixture compresses messages over 200 bytes and its compression
//! flag is required, while the canonical form drops the flag).

use eventc::load;
use eventc::model::Contract;
use eventc::source::SourceMap;
use eventc::validate::{canonicalize, semantically_equal, Validator};
use eventc_golden_rust::{hostile, shapes};
use serde_json::Value;
use std::path::Path;

fn fixture(name: &str) -> Contract {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/golden/contracts")
        .join(format!("{name}.yaml"));
    let mut sources = SourceMap::default();
    let loaded = load::load_paths(&[path], &mut sources).expect("fixture readable");
    assert!(!loaded.has_errors(), "{name} has errors");
    loaded.contracts.into_iter().next().expect("one contract")
}

/// Asserts `encoded` is the canonical form of `input` and is valid.
fn assert_canonical(c: &Contract, input: &str, encoded: &str) {
    let input: Value = serde_json::from_str(input).expect("input JSON");
    let out: Value = serde_json::from_str(encoded).expect("output JSON");
    let expected = canonicalize(c, &input);
    let out = canonicalize(c, &out);
    assert!(
        semantically_equal(&out, &expected),
        "re-encoded {out}\nexpected {expected}"
    );
    let verdict = Validator::new(c).validate_str(encoded);
    assert!(verdict.is_valid(), "{encoded}: {:?}", verdict.errors);
}

/// The canonical (inflated) form of an encoded `shapes` message.
fn shapes_view(encoded: &str) -> Value {
    canonicalize(
        &fixture("shapes"),
        &serde_json::from_str(encoded).expect("JSON"),
    )
}

const DRAW: &str = r#"{"kind":"draw","sent_at":1700000000000,"proto":"shapes/1","zipped":false,"body":{"shapes":[{"kind":"circle","radius":1.5},{"kind":"square","side":2}],"scale":null,"size":null,"ids":["a"],"heading":"T"}}"#;

#[test]
fn tagged_unions_aliases_and_tri_state_fields_round_trip() {
    let message = shapes::decode(DRAW).expect("decodes");
    let shapes::AnyEvent::Draw(shapes::DrawEvent(Some(drawing))) = &message.event else {
        panic!("wrong event: {:?}", message.event);
    };
    assert!(matches!(drawing.shapes[0], shapes::Shape::Circle(_)));
    assert!(matches!(drawing.shapes[1], shapes::Shape::Square(_)));
    assert_eq!(drawing.title, "T", "read from the alias");
    assert_eq!(drawing.scale, None);
    assert_eq!(drawing.size, shapes::Maybe::Null, "present null kept apart");
    assert!(drawing.note.is_absent(), "absent kept apart");
    let encoded = shapes::encode(&message).expect("encodes");
    let out = shapes_view(&encoded);
    assert_eq!(out["body"]["title"], "T");
    assert_eq!(
        out["body"]["caption"], "T",
        "renamed field written under both keys"
    );
    assert_eq!(out["body"]["size"], Value::Null);
    assert!(out["body"].get("note").is_none());
    assert_canonical(&fixture("shapes"), DRAW, &encoded);
}

#[test]
fn old_key_of_a_renamed_field_is_read_and_both_keys_accepted_together() {
    let old = DRAW.replace(r#""heading":"T""#, r#""caption":"Old""#);
    let message = shapes::decode(&old).expect("old key decodes");
    let shapes::AnyEvent::Draw(shapes::DrawEvent(Some(drawing))) = &message.event else {
        panic!("wrong event");
    };
    assert_eq!(drawing.title, "Old");
    let both = shapes::encode(&message).expect("encodes");
    assert!(
        shapes::decode(&both).is_ok(),
        "output with both keys reads back"
    );
}

#[test]
fn a_tagged_variant_without_a_tag_field_writes_the_tag_first_and_both_keys_of_a_rename() {
    let shape: shapes::Shape =
        serde_json::from_str(r#"{"kind":"triangle","width":3}"#).expect("old key decodes");
    let shapes::Shape::Triangle(triangle) = &shape else {
        panic!("wrong variant: {shape:?}");
    };
    assert_eq!(triangle.base, 3.0);
    assert_eq!(triangle.height, None);
    assert_eq!(
        serde_json::to_string(&shape).expect("encodes"),
        r#"{"kind":"triangle","base":3.0,"width":3.0}"#,
        "tag entry first, old key right after the new one, absent optional field skipped"
    );
    let with_height = shapes::Shape::Triangle(shapes::Triangle {
        base: 1.0,
        height: Some(2.0),
    });
    assert_eq!(
        serde_json::to_string(&with_height).expect("encodes"),
        r#"{"kind":"triangle","base":1.0,"width":1.0,"height":2.0}"#
    );
    assert_eq!(
        serde_json::to_string(&triangle).expect("encodes"),
        r#"{"base":3.0,"width":3.0}"#,
        "outside the union the variant has no tag entry"
    );
}

#[test]
fn the_first_key_in_contract_order_wins_and_a_field_missing_under_every_key_is_an_error() {
    let all_three = DRAW.replace(
        r#""heading":"T""#,
        r#""heading":"alias","caption":"old","title":"new""#,
    );
    let message = shapes::decode(&all_three).expect("decodes");
    let shapes::AnyEvent::Draw(shapes::DrawEvent(Some(drawing))) = &message.event else {
        panic!("wrong event");
    };
    assert_eq!(drawing.title, "new", "canonical key wins");
    let old_and_alias = DRAW.replace(r#""heading":"T""#, r#""heading":"alias","caption":"old""#);
    let message = shapes::decode(&old_and_alias).expect("decodes");
    let shapes::AnyEvent::Draw(shapes::DrawEvent(Some(drawing))) = &message.event else {
        panic!("wrong event");
    };
    assert_eq!(drawing.title, "old", "old name before aliases");
    let none = DRAW.replace(r#","heading":"T""#, "");
    let err = shapes::decode(&none)
        .expect_err("title missing")
        .to_string();
    assert!(err.contains("missing field `title`"), "{err}");
}

#[test]
fn other_keys_are_read_in_any_order_and_give_way_to_earlier_keys() {
    let title = |replacement: &str| {
        let text = DRAW.replace(r#""heading":"T""#, replacement);
        match shapes::decode(&text).map(|m| m.event) {
            Ok(shapes::AnyEvent::Draw(shapes::DrawEvent(Some(drawing)))) => Ok(drawing.title),
            Ok(other) => panic!("wrong event: {other:?}"),
            Err(e) => Err(e.to_string()),
        }
    };
    assert_eq!(
        title(r#""title":"new","heading":"alias""#),
        Ok("new".into())
    );
    assert_eq!(
        title(r#""caption":"old","heading":"alias""#),
        Ok("old".into())
    );
    assert_eq!(
        title(r#""heading":"alias","title":"new""#),
        Ok("new".into())
    );
    let repeated = title(r#""caption":"a","caption":"b""#).expect_err("old key twice");
    assert!(repeated.contains("duplicate field `caption`"), "{repeated}");
    for (key, text) in [
        ("title", r#""title":"a","title":"b""#),
        ("caption", r#""title":"new","caption":"a","caption":"a""#),
        ("heading", r#""heading":"a","title":"new","heading":"a""#),
    ] {
        let err = title(text).expect_err(key);
        assert!(
            err.contains(&format!("duplicate field `{key}`")),
            "{key}: {err}"
        );
    }
    assert_eq!(
        title(r#""title":"new","caption":17"#),
        Ok("new".into()),
        "a key that gives way is skipped unread"
    );
    let null = title(r#""caption":null"#).expect_err("title is not nullable");
    assert!(null.contains("invalid type: null"), "{null}");
}

#[test]
fn values_under_other_keys_keep_their_type_and_their_text() {
    let frame: shapes::Frame =
        serde_json::from_str(r#"{"figure":{"kind":"circle","radius":1},"blob":{"z":1,"a":1.0e2}}"#)
            .expect("a union and raw JSON under other keys");
    assert!(matches!(frame.shape, shapes::Shape::Circle(_)), "{frame:?}");
    assert_eq!(
        frame.extra.get(),
        r#"{"z":1,"a":1.0e2}"#,
        "raw JSON kept as written"
    );
    let err = serde_json::from_str::<shapes::Frame>(r#"{"figure":{"kind":"hexagon"},"extra":1}"#)
        .expect_err("no such variant")
        .to_string();
    assert!(err.contains("hexagon"), "{err}");
    assert_eq!(err.matches(" at line ").count(), 1, "one position: {err}");
}

#[test]
fn a_variant_refusing_unknown_keys_skips_only_the_tag_of_its_union() {
    let tagged: shapes::Triangle =
        serde_json::from_str(r#"{"kind":"triangle","base":1}"#).expect("tag skipped");
    assert_eq!(tagged.base, 1.0);
    let err = serde_json::from_str::<shapes::Triangle>(r#"{"base":1,"colour":"red"}"#)
        .expect_err("unknown key refused")
        .to_string();
    assert!(err.contains("unknown field `colour`"), "{err}");
}

#[test]
fn optional_nullable_and_repeated_keys_of_derived_objects() {
    let null_optional = DRAW.replace(r#""ids":["a"]"#, r#""ids":["a"],"big":null"#);
    assert!(
        shapes::decode(&null_optional).is_err(),
        "optional but not nullable: null refused"
    );
    let no_scale = DRAW.replace(r#""scale":null,"#, "");
    let err = shapes::decode(&no_scale)
        .expect_err("scale is required")
        .to_string();
    assert!(err.contains("missing field `scale`"), "{err}");
    let repeated = DRAW.replace(r#""radius":1.5"#, r#""radius":1.5,"radius":2"#);
    let err = shapes::decode(&repeated)
        .expect_err("key given twice")
        .to_string();
    assert!(err.contains("duplicate field `radius`"), "{err}");
}

/// A renamed event is read under its old name and written under its new one;
/// so are renamed enum values, closed and open; an old channel address is
/// carried as read (generated code does not rewrite addresses).
#[test]
fn renamed_events_and_enum_values_are_read_old_and_written_new() {
    let old = DRAW
        .replace(r#""kind":"draw""#, r#""kind":"draw","board":"canvas""#)
        .replace(
            r#""ids":["a"]"#,
            r#""ids":["a"],"finish":"shiny","tones":["hot","cool","odd"]"#,
        );
    let message = shapes::decode(&old).expect("old spellings decode");
    let shapes::AnyEvent::Draw(shapes::DrawEvent(Some(drawing))) = &message.event else {
        panic!("wrong event: {:?}", message.event);
    };
    assert_eq!(drawing.finish, Some(shapes::Finish::Glossy));
    assert_eq!(
        drawing.tones.as_deref(),
        Some(
            &[
                shapes::Tone::Warm,
                shapes::Tone::Cool,
                shapes::Tone::Unknown("odd".to_owned())
            ][..]
        )
    );
    let encoded = shapes::encode(&message).expect("encodes");
    let out = shapes_view(&encoded);
    assert_eq!(out["body"]["finish"], "glossy");
    assert_eq!(
        out["body"]["tones"],
        serde_json::json!(["warm", "cool", "odd"])
    );
    assert_canonical(&fixture("shapes"), &old, &encoded);

    let located =
        r#"{"kind":"find","sent_at":1,"proto":"shapes/1","zipped":false,"body":{"label":"here"}}"#;
    let message = shapes::decode(located).expect("the old event name decodes");
    assert!(
        matches!(message.event, shapes::AnyEvent::Locate(_)),
        "{:?}",
        message.event
    );
    let encoded = shapes::encode(&message).expect("encodes");
    let out: Value = serde_json::from_str(&encoded).expect("JSON");
    assert_eq!(out["kind"], "locate", "written under the new name");
    assert_canonical(&fixture("shapes"), located, &encoded);
    assert_eq!(
        <shapes::LocateEvent as shapes::Event>::ALIASES,
        ["find"],
        "the old name is read like an alias"
    );
    assert_eq!(
        shapes::Finish::from_wire("shiny"),
        Some(shapes::Finish::Glossy)
    );
    assert_eq!(
        shapes::Finish::from_wire("satin"),
        None,
        "a removed value stays unknown"
    );
    let bad = old.replace(r#""finish":"shiny""#, r#""finish":"satin""#);
    assert!(
        shapes::decode(&bad).is_err(),
        "closed enum refuses a removed value"
    );
}

#[test]
fn open_integer_enums_keep_unknown_values() {
    let text = DRAW.replace(r#""size":null"#, r#""size":7"#);
    let message = shapes::decode(&text).expect("decodes");
    let shapes::AnyEvent::Draw(shapes::DrawEvent(Some(drawing))) = &message.event else {
        panic!("wrong event");
    };
    assert_eq!(drawing.size, shapes::Maybe::Value(shapes::Size::Unknown(7)));
    let encoded = shapes::encode(&message).expect("encodes");
    assert_eq!(shapes_view(&encoded)["body"]["size"], 7);
}

#[test]
fn unknown_events_round_trip_when_the_contract_allows_them() {
    let text =
        r#"{"kind":"mystery","sent_at":1,"proto":"shapes/1","zipped":false,"body":{"a":[1,2]}}"#;
    let message = shapes::decode(text).expect("decodes");
    match &message.event {
        shapes::AnyEvent::Unknown { event, payload } => {
            assert_eq!(event, "mystery");
            assert_eq!(payload.as_ref().map(|p| p.get()), Some(r#"{"a":[1,2]}"#));
        }
        other => panic!("wrong event: {other:?}"),
    }
    let encoded = shapes::encode(&message).expect("encodes");
    assert_canonical(&fixture("shapes"), text, &encoded);
}

#[test]
fn constants_closed_objects_and_required_flags_are_enforced() {
    let wrong_proto = DRAW.replace("shapes/1", "shapes/2");
    assert!(shapes::decode(&wrong_proto).is_err(), "constant checked");
    let no_flag = DRAW.replace(r#""zipped":false,"#, "");
    assert!(shapes::decode(&no_flag).is_err(), "required flag checked");
    let extra = DRAW.replace(r#""side":2"#, r#""side":2,"colour":"red""#);
    let err = shapes::decode(&extra)
        .expect_err("closed object")
        .to_string();
    assert!(err.contains("colour"), "{err}");
    let message = shapes::Message::new(1_i64, shapes::NoopEvent(None));
    let encoded = shapes::encode(&message).expect("encodes");
    let out: Value = serde_json::from_str(&encoded).expect("JSON");
    assert_eq!(out["proto"], "shapes/1");
    assert_eq!(out["zipped"], false);
    assert_eq!(out["route"], "noop", "derived event name filled");
}

#[test]
fn hostile_names_keep_their_wire_form() {
    let text = r#"{"type":"type","data":{"type":"t","fn":1,"default":null,"say \"hi\"":"q","new_name":"n","enum":"*/"}}"#;
    let message = hostile::decode(text).expect("decodes");
    let hostile::AnyEvent::Type(hostile::TypeEvent(Some(k))) = &message.event else {
        panic!("wrong event: {:?}", message.event);
    };
    assert_eq!(k.r#type, "t");
    assert_eq!(k.r#fn, 1);
    assert_eq!(k.say_hi.as_deref(), Some("q"));
    assert_eq!(k.r#enum, Some(hostile::Quirky::CommentClose));
    let encoded = hostile::encode(&message).expect("encodes");
    assert_canonical(&fixture("hostile"), text, &encoded);
    assert_eq!(<hostile::SayHiEvent as hostile::Event>::NAME, "say\"hi\"");
    assert_eq!(
        hostile::channels::room("7"),
        "room:7",
        "a channel address builder"
    );
}

/// Aliases that contain themselves through arrays and maps become types of
/// their own (a Rust type alias cannot name itself); their values read and
/// write like the arrays and maps they stand for.
#[test]
fn recursive_aliases_round_trip() {
    for text in [
        r#"{"kind":"nest","body":[[],[[]]],"sent_at":1,"proto":"shapes/1","zipped":false}"#,
        r#"{"kind":"tree","body":{"a":[{"b":[]},{}]},"sent_at":1,"proto":"shapes/1","zipped":false}"#,
    ] {
        let message = shapes::decode(text).expect("decodes");
        let written = shapes::encode(&message).expect("encodes");
        let read: serde_json::Value = serde_json::from_str(text).expect("JSON");
        let back: serde_json::Value = serde_json::from_str(&written).expect("JSON");
        assert_eq!(back["body"], read["body"], "{written}");
    }
    let shapes::AnyEvent::Nest(shapes::NestEvent(Some(nest))) = shapes::decode(
        r#"{"kind":"nest","body":[[[]]],"sent_at":1,"proto":"shapes/1","zipped":false}"#,
    )
    .expect("decodes")
    .event
    else {
        panic!("wrong event");
    };
    assert_eq!(
        nest,
        shapes::Nest(vec![shapes::Nest(vec![shapes::Nest(vec![])])])
    );
}

/// A union's tag is a key the contract declares: given twice, it is refused
/// by the Rust decoder and the validator (as by Go, tests/go/behavior),
/// whichever variant either copy names and whether or not the variant has
/// a field for the tag.
#[test]
fn a_union_tag_given_twice_is_refused() {
    let contract = fixture("shapes");
    let validator = Validator::new(&contract);
    for shape in [
        r#"{"kind":"square","side":1,"kind":"square"}"#,
        r#"{"kind":"square","side":1,"kind":"circle"}"#,
        r#"{"kind":"circle","radius":1,"kind":"square"}"#,
        r#"{"kind":"triangle","base":1,"kind":"triangle"}"#,
        r#"{"kind":"triangle","base":1,"kind":"circle"}"#,
    ] {
        let text = DRAW.replace(r#"{"kind":"circle","radius":1.5}"#, shape);
        let err = shapes::decode(&text).expect_err(shape).to_string();
        assert!(err.contains("duplicate field `kind`"), "{shape}: {err}");
        let codes: Vec<&str> = validator
            .validate_str(&text)
            .errors
            .iter()
            .map(|p| p.code.as_str())
            .collect();
        assert_eq!(codes, ["duplicate-key"], "{shape}");
    }
}

/// Every kind of constant: a required one is a marker type written as its
/// value and refused when read with another (numbers compared by value); an
/// optional one is a value `validate` checks.
#[test]
fn constants_of_every_kind_are_written_and_checked() {
    let good = r#"{"version":2,"scale":1.5,"final":true,"nothing":null,"tags":["a","b"]}"#;
    let stamp: shapes::Stamp = serde_json::from_str(good).expect("the constants decode");
    let written: Value = serde_json::to_value(&stamp).expect("encodes");
    assert_eq!(written, serde_json::from_str::<Value>(good).expect("JSON"));
    let same_number = good.replace(r#""version":2"#, r#""version":2.0"#);
    serde_json::from_str::<shapes::Stamp>(&same_number).expect("2.0 is the constant 2");
    for (from, to) in [
        (r#""version":2"#, r#""version":3"#),
        (r#""scale":1.5"#, r#""scale":1.25"#),
        (r#""final":true"#, r#""final":false"#),
        (r#""nothing":null"#, r#""nothing":0"#),
        (r#""tags":["a","b"]"#, r#""tags":["b","a"]"#),
    ] {
        let text = good.replace(from, to);
        let err = serde_json::from_str::<shapes::Stamp>(&text)
            .expect_err("a constant with another value is refused");
        assert!(err.to_string().contains("must be"), "{text}: {err}");
    }
    let optional = good.replace(
        '}',
        r#","maybe_scale":0.75,"maybe_final":true,"maybe_tags":["d"]}"#,
    );
    let stamp: shapes::Stamp = serde_json::from_str(&optional).expect("types accept it");
    let problems: Vec<(String, String)> = stamp
        .validate()
        .expect_err("optional constants are value rules")
        .problems
        .iter()
        .map(|p| (p.code.to_string(), p.path.clone()))
        .collect();
    let expected: Vec<(String, String)> = ["/maybe_scale", "/maybe_final", "/maybe_tags"]
        .iter()
        .map(|p| ("const-mismatch".to_owned(), (*p).to_owned()))
        .collect();
    assert_eq!(problems, expected);
}
