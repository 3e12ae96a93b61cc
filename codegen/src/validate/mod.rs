//! Message validation, driven only by the resolved model.
//!
//! A [`Validator`] is built once per contract (it indexes wire names) and then
//! checks messages: envelope shape per event, aliases, const and derived
//! fields, payload types, unions, channels and compressed payloads. Each
//! [`Problem`] carries a stable [`ProblemCode`] and a JSON Pointer into the
//! message as it was written.
//!
//! The work is split by construct: `walk` holds the walk over a JSON value
//! and its objects, `envelope` the message and its envelope (discriminator,
//! payload, derived fields), `values` the scalar, collection, enum and union
//! constraints, `inflate` compressed payloads and `channel` channel
//! addresses.

mod canonical;
mod channel;
mod envelope;
mod inflate;
mod json;
mod keys;
mod time;
mod values;
mod walk;

pub use canonical::{canonicalize, semantically_equal};
pub use inflate::MAX_DECOMPRESSED_BYTES;
pub use time::is_rfc3339;

use crate::model::*;
use inflate::inflate;
use json::Json;
use keys::{KeyMap, Tables};
use serde::{Serialize, Serializer};
use serde_json::Value;
use walk::Walk;

/// One problem in a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// What kind of problem it is; stable across releases, unlike `message`.
    pub code: ProblemCode,
    /// JSON Pointer to the offending value (`""` is the whole message).
    pub path: String,
    /// What is wrong, in English.
    pub message: String,
}

/// Declares [`ProblemCode`] with the text of each code, so the variants,
/// [`ProblemCode::ALL`] and [`ProblemCode::as_str`] cannot disagree.
macro_rules! problem_codes {
    ($($(#[doc = $doc:literal])* $variant:ident = $code:literal,)*) => {
        /// The kind of a [`Problem`]: a stable kebab-case code that tests and
        /// tools match on instead of the English message (the list is in
        /// `docs/conformance.md`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ProblemCode {
            $($(#[doc = $doc])* $variant,)*
        }

        impl ProblemCode {
            /// Every code, in the order of the documentation.
            pub const ALL: &'static [ProblemCode] = &[$(ProblemCode::$variant),*];

            /// The code as written in JSON output and in the documentation.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ProblemCode::$variant => $code,)*
                }
            }
        }
    };
}

problem_codes! {
    /// The message is not UTF-8 text (JSON is UTF-8).
    NotUtf8 = "not-utf8",
    /// The line is not JSON.
    MalformedJson = "malformed-json",
    /// The message is not a JSON object.
    MessageNotObject = "message-not-object",
    /// No key of the event discriminator is present.
    MissingDiscriminator = "missing-discriminator",
    /// The event discriminator is not a string.
    DiscriminatorNotString = "discriminator-not-string",
    /// The discriminator names no event of the contract (which denies unknown events).
    UnknownEvent = "unknown-event",
    /// A required field is absent under all of its keys.
    MissingField = "missing-field",
    /// A key that a closed object does not declare.
    UnexpectedKey = "unexpected-key",
    /// A key given twice in one object: a key of a field (its name, old
    /// name or an alias) or of a map. Undeclared keys may repeat.
    DuplicateKey = "duplicate-key",
    /// `null` where the field or payload is not nullable.
    NullNotAllowed = "null-not-allowed",
    /// A `const` field holds another value.
    ConstMismatch = "const-mismatch",
    /// A `derived: category` field disagrees with the event's category.
    CategoryMismatch = "category-mismatch",
    /// A `derived: channel` field names another channel than the event's.
    ChannelMismatch = "channel-mismatch",
    /// A `derived: event` field names another event.
    EventMismatch = "event-mismatch",
    /// A compressed payload is not a string.
    CompressedNotString = "compressed-not-string",
    /// A compressed payload is not valid base64.
    CompressedNotBase64 = "compressed-not-base64",
    /// A compressed payload is not valid zlib data.
    CompressedNotZlib = "compressed-not-zlib",
    /// A compressed payload inflates beyond the size limit.
    CompressedTooLarge = "compressed-too-large",
    /// A compressed payload inflates to text that is not JSON.
    CompressedNotJson = "compressed-not-json",
    /// A value of the wrong JSON type.
    WrongType = "wrong-type",
    /// A number with a fraction where an integer is expected.
    NotAnInteger = "not-an-integer",
    /// An integer outside its width (`i32`, `u64` …).
    OutOfWidth = "out-of-width",
    /// A number outside its `min`/`max`.
    OutOfRange = "out-of-range",
    /// A string shorter or longer than its length bounds.
    StringLength = "string-length",
    /// A string that does not match its pattern.
    PatternMismatch = "pattern-mismatch",
    /// A timestamp string that is not an RFC 3339 date-time.
    TimestampFormat = "timestamp-format",
    /// A unix timestamp outside the years 1 to 9999.
    TimestampOutOfRange = "timestamp-out-of-range",
    /// An array with fewer or more items than its bounds.
    ArrayLength = "array-length",
    /// A map key that does not match the map's key pattern.
    KeyPatternMismatch = "key-pattern-mismatch",
    /// A value of a closed enum that the enum does not list.
    UnknownEnumValue = "unknown-enum-value",
    /// A tagged union value without its tag.
    MissingTag = "missing-tag",
    /// A tagged union value whose tag names no variant.
    UnknownTag = "unknown-tag",
    /// A shape-detected union value that matches no variant.
    NoMatchingVariant = "no-matching-variant",
    /// A `channel` value that is not the address of one of the contract's channels.
    UnknownChannel = "unknown-channel",
}

impl std::fmt::Display for ProblemCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ProblemCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// The verdict on one message.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Verdict {
    /// Canonical wire name of the event, when the discriminator named a known one.
    pub event: Option<String>,
    /// Problems found; empty means valid.
    pub errors: Vec<Problem>,
}

impl Verdict {
    /// Whether the message is valid.
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }
}

/// Validates messages against one contract.
pub struct Validator<'c> {
    contract: &'c Contract,
    events: KeyMap<'c, &'c Event>,
    discriminator_keys: Vec<&'c str>,
    tables: Tables<'c>,
}

impl<'c> Validator<'c> {
    /// Indexes the contract's wire names.
    pub fn new(contract: &'c Contract) -> Self {
        let events = contract
            .events
            .values()
            .flat_map(|e| e.wire_names().map(move |n| (n, e)))
            .collect();
        let discriminator_keys = contract
            .default_envelope()
            .discriminator_field()
            .map(|f| f.read_keys().collect())
            .unwrap_or_default();
        Validator {
            contract,
            events,
            discriminator_keys,
            tables: Tables::new(contract),
        }
    }

    /// Validates one message given as bytes, which must be UTF-8 (RFC 8259):
    /// other bytes are refused, never replaced.
    pub fn validate_bytes(&self, bytes: &[u8]) -> Verdict {
        match std::str::from_utf8(bytes) {
            Ok(text) => self.validate_str(text),
            Err(e) => Verdict {
                event: None,
                errors: vec![Problem {
                    code: ProblemCode::NotUtf8,
                    path: String::new(),
                    message: format!(
                        "the message is not UTF-8: invalid byte sequence at byte {}",
                        e.valid_up_to()
                    ),
                }],
            },
        }
    }

    /// Validates one message given as JSON text.
    pub fn validate_str(&self, text: &str) -> Verdict {
        match serde_json::from_str::<Json<'_>>(text) {
            Ok(v) => self.validate_json(&v),
            Err(e) => Verdict {
                event: None,
                errors: vec![Problem {
                    code: ProblemCode::MalformedJson,
                    path: String::new(),
                    message: format!("malformed JSON: {e}"),
                }],
            },
        }
    }

    /// Validates one parsed message.
    pub fn validate(&self, message: &Value) -> Verdict {
        self.validate_json(&Json::from_value(message))
    }

    fn validate_json(&self, message: &Json<'_>) -> Verdict {
        let mut w = Walk::new(self.contract, &self.tables);
        let event = self.message(&mut w, message);
        Verdict {
            event: event.map(|e| e.name.clone()),
            errors: w.problems,
        }
    }
}

/// Checks a value against a type outside any message (used for `const`).
pub fn check_value(contract: &Contract, ty: &TypeRef, value: &Value) -> Vec<Problem> {
    let tables = Tables::new(contract);
    let value = Json::from_value(value);
    let mut w = Walk::new(contract, &tables);
    w.value(ty, &value);
    w.problems
}
