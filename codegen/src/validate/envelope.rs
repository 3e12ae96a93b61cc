//! The message and its envelope: the discriminator that names the event, the
//! envelope shape of that event, its payload (compressed or not) and the
//! fields derived from the event (category, channel, event name).

use super::inflate::with_inflated;
use super::json::{self, Json, Obj};
use super::walk::{kind_of, Seg, Walk};
use super::{Problem, ProblemCode, Validator};
use crate::model::*;

impl Validator<'_> {
    /// Finds the event a message names and checks the message against its
    /// envelope; returns the event when the discriminator names a known one.
    pub(super) fn message<'s, 'v>(
        &'s self,
        w: &mut Walk<'s, 'v>,
        message: &'v Json<'v>,
    ) -> Option<&'s Event> {
        let Some(map) = message.as_object() else {
            w.problem(
                ProblemCode::MessageNotObject,
                format!(
                    "a message must be a JSON object, found {}",
                    kind_of(message)
                ),
            );
            return None;
        };
        let Some((key, tag)) = self
            .discriminator_keys
            .iter()
            .find_map(|k| json::entry(map, k))
        else {
            let (first, rest) = self
                .discriminator_keys
                .split_first()
                .map_or(("", &[][..]), |(f, r)| (*f, r));
            let also = if rest.is_empty() {
                String::new()
            } else {
                format!(" (also accepted: `{}`)", rest.join("`, `"))
            };
            w.problem_below(
                first,
                ProblemCode::MissingDiscriminator,
                format!("missing the event discriminator `{first}`{also}"),
            );
            return None;
        };
        w.path.push(Seg::Key(key));
        let Some(name) = tag.as_str() else {
            w.problem(
                ProblemCode::DiscriminatorNotString,
                format!(
                    "the event discriminator must be a string, found {}",
                    kind_of(tag)
                ),
            );
            w.path.pop();
            return None;
        };
        let Some(event) = self.events.get(name).copied() else {
            if !self.contract.compatibility.unknown_events {
                let hint = crate::diag::did_you_mean(name, self.events.keys().copied())
                    .map(|h| format!("; {h}"))
                    .unwrap_or_default();
                w.problem(
                    ProblemCode::UnknownEvent,
                    format!("unknown event `{name}`{hint}"),
                );
            }
            w.path.pop();
            if self.contract.compatibility.unknown_events {
                w.envelope(self.contract.default_envelope(), None, map);
            }
            return None;
        };
        w.path.pop();
        w.envelope(self.contract.envelope_of(event), Some(event), map);
        Some(event)
    }
}

impl<'c, 'v> Walk<'c, 'v> {
    /// Checks a message's fields against an envelope shape; `event` is `None`
    /// for an unknown event the contract tolerates.
    fn envelope(&mut self, env: &'c Envelope, event: Option<&'c Event>, map: &'v Obj<'v>) {
        let compressed = env
            .compression_flag_field()
            .and_then(|f| f.read_keys().find_map(|k| json::get(map, k)))
            .is_some_and(|v| v == &Json::Bool(true));
        let Some(table) = self.tables.envelope(self.c, env) else {
            return;
        };
        let frame = self.gather(&env.fields, table, map, None, !env.additional);
        for (i, f) in env.fields.iter().enumerate() {
            let Some((key, value, _)) = self.found[frame + i] else {
                self.missing(f);
                continue;
            };
            if env.role(f) == FieldRole::Payload {
                let declared = event.and_then(|e| e.payload.as_ref());
                let payload_ty = declared.unwrap_or(&TypeRef::Json);
                self.at(key, |w| {
                    // An unknown event (tolerated by the contract) has no
                    // payload type: its payload may be anything, `null`
                    // included, as the decoders keep it as raw JSON.
                    if value.is_null() && !f.nullable && declared.is_some() {
                        w.problem(
                            ProblemCode::NullNotAllowed,
                            "the payload must not be null".to_owned(),
                        );
                    } else if compressed {
                        w.compressed_payload(payload_ty, value);
                    } else if !value.is_null() {
                        w.value(payload_ty, value);
                    }
                });
                continue;
            }
            self.at(key, |w| {
                w.field_value(f, value);
                if let Some(event) = event {
                    w.derived(f, event, value);
                }
            });
        }
        self.found.truncate(frame);
    }

    /// Checks a field derived from the event against the event.
    fn derived(&mut self, f: &Field, event: &'c Event, value: &Json<'_>) {
        let (Some(text), Some(source)) = (value.as_str(), f.derived) else {
            return;
        };
        match self.c.derived_value(event, source) {
            Some(DerivedValue::Category(category)) if text != category => self.problem(
                ProblemCode::CategoryMismatch,
                format!(
                    "`{}` is `{text}` but event `{}` has category `{category}`",
                    f.name, event.name
                ),
            ),
            Some(DerivedValue::Address(ch)) if !self.channel_matches(ch, text) => self.problem(
                ProblemCode::ChannelMismatch,
                format!(
                    "event `{}` belongs to channel `{}`, not `{text}`",
                    event.name, ch.address
                ),
            ),
            Some(DerivedValue::WireName(e)) if !e.wire_names().any(|n| n == text) => self.problem(
                ProblemCode::EventMismatch,
                format!("`{}` is `{text}` but the event is `{}`", f.name, e.name),
            ),
            _ => {}
        }
    }

    /// Inflates a compressed payload and checks it against the payload type;
    /// problems inside it are reported under the payload's path.
    fn compressed_payload(&mut self, ty: &TypeRef, value: &Json<'_>) {
        let Some(text) = value.as_str() else {
            self.problem(
                ProblemCode::CompressedNotString,
                format!(
                    "a compressed payload must be a base64 string, found {}",
                    kind_of(value)
                ),
            );
            return;
        };
        let (c, tables) = (self.c, self.tables);
        let inner = with_inflated(text, |bytes| {
            serde_json::from_slice::<Json<'_>>(bytes)
                .map(|payload| {
                    let mut inner = Walk::new(c, tables);
                    inner.value(ty, &payload);
                    inner.problems
                })
                .map_err(|e| {
                    (
                        ProblemCode::CompressedNotJson,
                        format!("decompressed payload is not JSON: {e}"),
                    )
                })
        });
        match inner.and_then(|parsed| parsed) {
            Ok(problems) => {
                let prefix = self.pointer();
                self.problems.extend(problems.into_iter().map(|p| Problem {
                    code: p.code,
                    path: format!("{prefix}{}", p.path),
                    message: format!("{} (in the decompressed payload)", p.message),
                }));
            }
            Err((code, message)) => self.problem(code, message),
        }
    }
}
