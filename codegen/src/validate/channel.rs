//! Channel addresses: a `channel` value, or a `derived: channel` field, must
//! be the address of a channel, each `{param}` standing for a non-empty run
//! without `:` whose text is a value of the parameter's type.

use super::json::Json;
use super::values::string_problem;
use super::walk::Walk;
use super::ProblemCode;
use crate::model::*;

impl<'c, 'v> Walk<'c, 'v> {
    /// Checks a `channel` value: the address of one of the contract's channels.
    pub(super) fn channel(&mut self, v: &Json<'_>) {
        match v.as_str() {
            Some(s)
                if self
                    .c
                    .channels
                    .values()
                    .any(|ch| self.channel_matches(ch, s)) => {}
            Some(s) => {
                let names: Vec<&str> = self
                    .c
                    .channels
                    .values()
                    .map(|c| c.address.as_str())
                    .collect();
                self.problem(
                    ProblemCode::UnknownChannel,
                    format!(
                        "`{s}` is not a channel of this contract (expected one of: {})",
                        names.join(", ")
                    ),
                );
            }
            None => self.mismatch("a channel name (string)", v),
        }
    }

    /// Whether a channel parameter's text is a value of its declared type.
    fn param_fits(&self, ty: &TypeRef, text: &str) -> bool {
        match ty {
            TypeRef::String(rules) => string_problem(rules, text).is_none(),
            _ => {
                let value = Json::Str(std::borrow::Cow::Borrowed(text));
                let mut inner = Walk::new(self.c, self.tables);
                inner.value(ty, &value);
                inner.problems.is_empty()
            }
        }
    }

    /// Whether `text` (with or without the contract's channel prefix) is an
    /// address of `ch`: its address or, for a renamed channel, its old one.
    pub(super) fn channel_matches(&self, ch: &Channel, text: &str) -> bool {
        let text = text.strip_prefix(ch.prefix()).unwrap_or(text);
        let param_ok = |param: &str, value: &str| {
            ch.params
                .get(param)
                .is_none_or(|ty| self.param_fits(ty, value))
        };
        ch.read_addresses()
            .any(|address| match_address(&address_segments(address), text, &param_ok))
    }
}

/// Matches an address against template segments; parameters take a
/// non-empty run without `:`, ending at a character boundary.
fn match_address(
    segments: &[AddressSegment<'_>],
    text: &str,
    param_ok: &dyn Fn(&str, &str) -> bool,
) -> bool {
    match segments.split_first() {
        None => text.is_empty(),
        Some((AddressSegment::Literal(lit), rest)) => text
            .strip_prefix(lit)
            .is_some_and(|t| match_address(rest, t, param_ok)),
        Some((AddressSegment::Param(name), rest)) => {
            let end = text.find(':').unwrap_or(text.len());
            (1..=end).rev().any(|i| {
                text.is_char_boundary(i)
                    && param_ok(name, &text[..i])
                    && match_address(rest, &text[i..], param_ok)
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{match_address, AddressSegment};
    use crate::load;
    use crate::source::SourceMap;
    use crate::validate::{ProblemCode, Validator};

    /// A parameter run ends only between characters: `é` is two bytes, and a
    /// run ending inside it would slice the text mid-character.
    #[test]
    fn parameter_runs_end_at_character_boundaries() {
        let one = [AddressSegment::Literal("room:"), AddressSegment::Param("a")];
        assert!(!match_address(&one, "room:é", &|_, _| false));
        let two = [
            AddressSegment::Literal("room:"),
            AddressSegment::Param("a"),
            AddressSegment::Param("b"),
        ];
        let halves = |_: &str, v: &str| v == "é";
        assert!(match_address(&two, "room:éé", &halves));
    }

    /// `eventc validate` reports a non-ASCII channel parameter that does not
    /// fit its pattern as a problem instead of panicking.
    #[test]
    fn non_ascii_channel_parameter_is_a_problem() {
        let yaml = r#"eventc: 1
name: rooms
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
    chan: { type: string, derived: channel }
types:
  Empty: { type: object, fields: {} }
events:
  put: { payload: Empty, channel: room }
"#;
        let mut sources = SourceMap::default();
        let loaded = load::load_str("rooms.yaml", yaml, &mut sources);
        assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
        let validator = Validator::new(&loaded.contracts[0]);
        let verdict = validator.validate_str(r#"{"type": "put", "data": {}, "chan": "room:é"}"#);
        let codes: Vec<_> = verdict
            .errors
            .iter()
            .map(|p| (p.code, p.path.as_str()))
            .collect();
        assert_eq!(codes, [(ProblemCode::ChannelMismatch, "/chan")]);
        let ok = validator.validate_str(r#"{"type": "put", "data": {}, "chan": "room:abc"}"#);
        assert!(ok.is_valid(), "{:?}", ok.errors);
    }
}
