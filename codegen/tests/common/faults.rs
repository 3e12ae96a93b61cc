//! Which validator problems the generated decoders (Rust and Go) must see.
//! Shared by the conformance tests through `#[path]`.

use eventc::validate::Problem;

/// Whether the generated types can see a validator problem: malformed JSON, a
/// non-object message, a missing required key or discriminator, an unknown
/// event (reported only when the contract denies them), a wrong JSON type, an
/// integer out of its width, null for a non-nullable value, an unknown value
/// of a closed enum, a shape matching no union variant, an undeclared key in a
/// closed object, a broken compressed payload, or a wrong envelope constant.
/// Not visible: ranges, patterns, RFC 3339 syntax, channel addresses and
/// derived fields (category, channel) that disagree with the event.
pub fn type_visible(p: &Problem) -> bool {
    let m = p.message.as_str();
    let starts = [
        "malformed JSON",
        "a message must be a JSON object",
        "missing required field",
        "missing the event discriminator",
        "unknown event",
        "expected ",
        "matches no variant",
        "unexpected key",
        "compressed payload",
        "a compressed payload",
        "decompressed payload",
        "the payload must not be null",
    ];
    let contains = [
        "must not be null",
        "is not one of the allowed values",
        "does not fit a",
    ];
    let envelope_constant = p.path.matches('/').count() == 1 && m.contains("` must be ");
    starts.iter().any(|s| m.starts_with(s))
        || contains.iter().any(|s| m.contains(s))
        || envelope_constant
}
