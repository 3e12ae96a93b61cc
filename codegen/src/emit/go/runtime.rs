//! The unexported helpers a generated package carries: exactly the ones its
//! code calls, and the ones those call.
//!
//! Each helper is real Go kept in `runtime/<file>.go.txt` (one top-level
//! declaration, or a type with its methods and companions), declared here
//! with the Go name the generated code calls and the helpers its source
//! calls. The emitter records a helper through
//! [`Ctx::use_helper`](super::context::Ctx::use_helper) where it writes a
//! call to it; recording a helper records what it calls, so the recorded
//! set is always complete. [`source`] writes the set in declaration order.

/// Declares [`Helper`], one variant per helper in output order, with the Go
/// name, the source file under `runtime/` and the helpers the source calls.
macro_rules! helpers {
    ($($(#[doc = $doc:literal])+ $helper:ident = $name:literal, $file:literal, [$($need:ident),*];)+) => {
        /// A helper of the generated runtime.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Helper {
            $($(#[doc = $doc])+ $helper,)+
        }

        impl Helper {
            /// Every helper, in the order the package lists the ones it carries.
            const ALL: &[Helper] = &[$(Helper::$helper),+];

            /// The Go name the generated code calls (or declares values of).
            pub fn name(self) -> &'static str {
                match self {
                    $(Helper::$helper => $name,)+
                }
            }

            /// The Go source, ending in a line break.
            fn source(self) -> &'static str {
                match self {
                    $(Helper::$helper => include_str!(concat!("runtime/", $file)),)+
                }
            }

            /// The helpers the source calls.
            fn needs(self) -> &'static [Helper] {
                match self {
                    $(Helper::$helper => &[$(Helper::$need),*],)+
                }
            }
        }
    };
}

helpers! {
    /// `member`: a key of an object as read, with its raw value.
    Member = "member", "member.go.txt", [];
    /// `object`: an object's raw members and the keys it repeats.
    Object = "object", "object.go.txt", [];
    /// `decodeObject`: an object as read (with its member count and the
    /// search for repeated keys).
    DecodeObject = "decodeObject", "decode_object.go.txt", [Object, Contains];
    /// `contains`: whether a list of keys holds a key.
    Contains = "contains", "contains.go.txt", [];
    /// `lookup`: the member under the first of a field's keys present, or
    /// the refusal of a repeated one.
    Lookup = "lookup", "lookup.go.txt", [Object, Member, Contains];
    /// `isNull`: whether raw JSON is `null`.
    IsNull = "isNull", "is_null.go.txt", [];
    /// `fieldError`: an error about a key.
    FieldError = "fieldError", "field_error.go.txt", [];
    /// `items`: a member whose arrays and maps are checked before decoding.
    Items = "items", "items.go.txt", [Member, FieldError, CheckItems];
    /// `checkItems`: null items and repeated map keys, level by level.
    CheckItems = "checkItems", "check_items.go.txt", [DecodeObject, IsNull];
    /// `required`: decodes a present, non-null member.
    Required = "required", "required.go.txt", [Member, FieldError, IsNull];
    /// `nullable`: decodes a present member that may be null.
    Nullable = "nullable", "nullable.go.txt", [Member, FieldError, IsNull];
    /// `optional`: decodes a member that may be absent, not null.
    Optional = "optional", "optional.go.txt", [Member, FieldError, IsNull];
    /// `rawValue`: keeps a free-form JSON member as received.
    RawValue = "rawValue", "raw_value.go.txt", [Member, IsNull];
    /// `constant`: decodes a member that may only hold one value.
    Constant = "constant", "constant.go.txt", [Member, Required];
    /// `sameJSON`: whether two decoded JSON values are equal (numbers by value).
    SameJson = "sameJSON", "same_json.go.txt", [];
    /// `constantJSON`: decodes a member that may only hold one null, array
    /// or object value.
    ConstantJson = "constantJSON", "constant_json.go.txt", [Member, FieldError, SameJson];
    /// `isConstant`: whether a value written as JSON is a constant.
    IsConstant = "isConstant", "is_constant.go.txt", [SameJson];
    /// `onlyKeys`: refuses keys an object does not declare.
    OnlyKeys = "onlyKeys", "only_keys.go.txt", [Object, Contains];
    /// `objectWriter`: writes an object member by member.
    ObjectWriter = "objectWriter", "object_writer.go.txt", [];
    /// `marshalOptional`: encodes an optional value (nil: absent).
    MarshalOptional = "marshalOptional", "marshal_optional.go.txt", [];
    /// `rawOrNull`: free-form JSON for a required value.
    RawOrNull = "rawOrNull", "raw_or_null.go.txt", [];
    /// `optionalValue`: decodes an optional slice or map (nil: absent).
    OptionalValue = "optionalValue", "optional_value.go.txt", [Member, Required];
    /// `Nullable[T]`: the tri-state of an optional, nullable value, with
    /// `NullableOf` and its JSON methods.
    NullableType = "Nullable", "nullable_type.go.txt", [IsNull];
    /// `optionalNullable`: decodes a member that may be absent or null.
    OptionalNullable = "optionalNullable", "optional_nullable.go.txt", [Member, NullableType, FieldError];
    /// `marshalNullable`: encodes a tri-state value (not set: absent).
    MarshalNullable = "marshalNullable", "marshal_nullable.go.txt", [NullableType];
    /// `inflate`: decompresses a payload (with its size limit).
    Inflate = "inflate", "inflate.go.txt", [IsNull];
    /// `deflate`: compresses a payload.
    Deflate = "deflate", "deflate.go.txt", [];
    /// `ptr`: a pointer to a value.
    Ptr = "ptr", "ptr.go.txt", [];
    /// `nonNilSlice`: a nil slice written as `[]`.
    NonNilSlice = "nonNilSlice", "non_nil_slice.go.txt", [];
    /// `nonNilMap`: a nil map written as `{}`.
    NonNilMap = "nonNilMap", "non_nil_map.go.txt", [];
    /// `has`: whether an object has a key.
    Has = "has", "has.go.txt", [Object];
    /// `withTag`: encodes a union variant with its tag member first.
    WithTag = "withTag", "with_tag.go.txt", [];
    /// `checker`: the walk over a decoded value checking its value rules,
    /// with `Problem` and `ValidationError`.
    Checker = "checker", "checker.go.txt", [];
    /// `isRFC3339`: whether a string is an RFC 3339 date-time.
    IsRfc3339 = "isRFC3339", "is_rfc3339.go.txt", [];
    /// `isAddress`: whether a string is an address of a channel template.
    IsAddress = "isAddress", "is_address.go.txt", [];
    /// `Timestamp`: an RFC 3339 date-time as a `time.Time` plus the text it
    /// was read from, with `TimestampOf` and `TimestampFromText`.
    Timestamp = "Timestamp", "timestamp.go.txt", [];
    /// `UnixSeconds`: a unix-seconds timestamp, with `UnixSecondsOf` and `Time`.
    UnixSeconds = "UnixSeconds", "unix_seconds.go.txt", [];
    /// `UnixMillis`: a unix-milliseconds timestamp, with `UnixMillisOf` and `Time`.
    UnixMillis = "UnixMillis", "unix_millis.go.txt", [];
}

/// A set of helpers, closed over what each calls.
#[derive(Debug, Clone, Copy, Default)]
pub struct Helpers(u64);

impl Helpers {
    /// Adds `helper` and everything it calls.
    pub fn insert(&mut self, helper: Helper) {
        if !self.contains(helper) {
            self.0 |= bit(helper);
            for &need in helper.needs() {
                self.insert(need);
            }
        }
    }

    /// Whether `helper` is in the set.
    pub fn contains(self, helper: Helper) -> bool {
        self.0 & bit(helper) != 0
    }
}

// Every helper has a bit in [`Helpers`].
const _: () = assert!(Helper::ALL.len() <= 64);

/// The bit of a helper in [`Helpers`].
fn bit(helper: Helper) -> u64 {
    1 << (helper as u32)
}

/// The source of the helpers in `used`, in declaration order, separated by
/// blank lines.
pub fn source(used: Helpers) -> String {
    let kept: Vec<&str> = Helper::ALL
        .iter()
        .filter(|h| used.contains(**h))
        .map(|h| h.source().trim_end())
        .collect();
    let mut out = kept.join("\n\n");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The names a helper's source declares at top level.
    fn declared(source: &str) -> BTreeSet<&str> {
        source
            .lines()
            .filter(|l| !l.starts_with("func ("))
            .filter_map(|l| {
                ["func ", "type ", "const ", "var "]
                    .iter()
                    .find_map(|k| l.strip_prefix(k))
            })
            .filter_map(|rest| rest.split(|c: char| !c.is_alphanumeric()).next())
            .collect()
    }

    /// The names a helper's source uses: words outside comments and string
    /// literals, not after a `.` (fields and methods) and not the name of a
    /// method it declares.
    fn used(source: &str) -> BTreeSet<&str> {
        let mut out = BTreeSet::new();
        for line in source.lines().filter(|l| !l.trim_start().starts_with("//")) {
            let code = match line.strip_prefix("func (").and_then(|l| l.split_once(") ")) {
                Some((receiver, method)) => {
                    let params = method.find('(').map_or("", |i| &method[i..]);
                    vec![receiver, params]
                }
                None => vec![line],
            };
            for part in code {
                let mut in_string = false;
                let mut escaped = false;
                let mut start = None;
                for (i, c) in part.char_indices().chain([(part.len(), ' ')]) {
                    let word = c.is_alphanumeric() || c == '_';
                    if let (Some(s), false) = (start, word) {
                        if !part[..s].ends_with('.') {
                            out.insert(&part[s..i]);
                        }
                        start = None;
                    }
                    if in_string {
                        in_string = escaped || c != '"';
                        escaped = !escaped && c == '\\';
                    } else if c == '"' {
                        in_string = true;
                    } else if word && start.is_none() {
                        start = Some(i);
                    }
                }
            }
        }
        out
    }

    #[test]
    fn each_helper_declares_its_name_each_declaration_with_a_doc_comment() {
        for &h in Helper::ALL {
            let source = h.source();
            assert!(
                declared(source).contains(h.name()),
                "{h:?} does not declare {}",
                h.name()
            );
            let lines: Vec<&str> = source.lines().collect();
            for (i, line) in lines.iter().enumerate() {
                let declaration = ["func ", "type ", "const ", "var "]
                    .iter()
                    .any(|k| line.starts_with(k));
                if declaration {
                    let doc = i.checked_sub(1).and_then(|j| lines.get(j));
                    assert!(
                        doc.is_some_and(|d| d.starts_with("// ")),
                        "{h:?}: no doc comment on {line}"
                    );
                }
            }
            assert!(
                source.ends_with('\n') && !source.contains("\n\n\n"),
                "{h:?}: one line break at the end, single blank lines between declarations"
            );
        }
    }

    #[test]
    fn each_helper_needs_exactly_the_helpers_its_source_calls() {
        for &h in Helper::ALL {
            let words = used(h.source());
            let calls: Vec<Helper> = Helper::ALL
                .iter()
                .copied()
                .filter(|&other| other != h)
                .filter(|other| declared(other.source()).iter().any(|n| words.contains(n)))
                .collect();
            let mut needs = h.needs().to_vec();
            needs.sort_by_key(|n| *n as u32);
            assert_eq!(needs, calls, "helpers {h:?} calls");
        }
    }

    #[test]
    fn a_helper_brings_what_it_calls_in_declaration_order() {
        let mut used = Helpers::default();
        used.insert(Helper::Constant);
        let out = source(used);
        let order = [
            "type member ",
            "func isNull(",
            "func fieldError(",
            "func required[",
            "func constant[",
        ];
        let at: Vec<usize> = order
            .iter()
            .map(|d| out.find(d).unwrap_or(usize::MAX))
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{order:?} at {at:?}");
        assert!(!out.contains("func lookup("));
        assert!(out.ends_with("}\n") && !out.contains("\n\n\n"));
    }
}
