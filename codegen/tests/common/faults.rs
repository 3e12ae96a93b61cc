//! Which validator problems the generated decoders (Rust and Go) must see.
//! Shared by the conformance tests through `#[path]`.

use eventc::validate::{Problem, ProblemCode};

/// Whether the generated types can see a validator problem: malformed JSON, a
/// non-object message, a missing required key, a missing or non-string
/// discriminator, an unknown
/// event (reported only when the contract denies them), a wrong JSON type, a
/// fraction or an integer out of its width where an integer is expected,
/// null for a non-nullable value, an unknown value of a closed enum, a union
/// value without its tag or with an unknown one, a shape matching no union
/// variant, an undeclared key in a closed object, a broken
/// compressed payload, a field's key or a map's key given twice, or a wrong
/// envelope constant.
/// Not visible: ranges, patterns, lengths, RFC 3339 syntax, channel addresses,
/// derived fields (category, channel, event) that disagree with the event,
/// and constants inside payloads.
pub fn type_visible(p: &Problem) -> bool {
    use ProblemCode as C;
    match p.code {
        C::NotUtf8
        | C::MalformedJson
        | C::MessageNotObject
        | C::MissingField
        | C::MissingDiscriminator
        | C::DiscriminatorNotString
        | C::UnknownEvent
        | C::WrongType
        | C::NotAnInteger
        | C::OutOfWidth
        | C::NoMatchingVariant
        | C::MissingTag
        | C::UnknownTag
        | C::UnexpectedKey
        | C::DuplicateKey
        | C::CompressedNotString
        | C::CompressedNotBase64
        | C::CompressedNotZlib
        | C::CompressedTooLarge
        | C::CompressedNotJson
        | C::NullNotAllowed
        | C::UnknownEnumValue => true,
        // An envelope constant: a field of the message itself.
        C::ConstMismatch => p.path.matches('/').count() == 1,
        C::CategoryMismatch
        | C::ChannelMismatch
        | C::EventMismatch
        | C::OutOfRange
        | C::StringLength
        | C::PatternMismatch
        | C::TimestampFormat
        | C::TimestampOutOfRange
        | C::ArrayLength
        | C::KeyPatternMismatch
        | C::UnknownChannel => false,
    }
}
