//! The functions a module exports to read and write messages (`decode`,
//! `decodeStrict`, `validate`, `encode`), their problem types, and one
//! constructor per event.

use super::context::Ctx;
use super::runtime::{has_compression, json_literal, literal_key};
use super::types::{jsdoc_line, union_alias};
use super::{jsdoc, text};
use crate::emit::printer::Printer;
use crate::model::*;
use crate::validate::ProblemCode;

impl Ctx<'_> {
    /// The type every reader returns: the message union, plus unknown messages when tolerated.
    fn incoming(&self) -> &str {
        self.unknown
            .as_ref()
            .map_or(self.message.as_str(), |u| u.incoming.as_str())
    }

    /// Problem types, the four functions and the constructors.
    pub(super) fn api(&self, p: &mut Printer) {
        self.problem_types(p);
        self.functions(p);
        for (e, ctor) in self.c.events.values().zip(self.constructors.values()) {
            p.blank();
            self.constructor(p, e, ctor);
        }
    }

    fn problem_types(&self, p: &mut Printer) {
        let a = &self.api;
        p.blank();
        jsdoc_line(
            p,
            "The kind of a problem: the stable codes of `eventc validate` (docs/conformance.md).",
        );
        let codes: Vec<String> = ProblemCode::ALL
            .iter()
            .map(|code| text::string_literal(code.as_str()))
            .collect();
        union_alias(p, &a.problem_code, &codes);
        p.blank();
        jsdoc_line(
            p,
            "One problem in a message: its code, the JSON Pointer of the value (`\"\"` is the whole\nmessage, as written) and what is wrong, in English.",
        );
        p.block(format!("export interface {} {{", a.problem), "}", |p| {
            p.line(format!("code: {};", a.problem_code));
            p.line("path: string;");
            p.line("message: string;");
        });
        p.blank();
        jsdoc_line(
            p,
            "What `decodeStrict` returns: the message, or every problem found.",
        );
        union_alias(
            p,
            &a.decode_result,
            &[
                format!("{{ ok: true; message: {} }}", self.incoming()),
                format!("{{ ok: false; problems: {}[] }}", a.problem),
            ],
        );
        p.blank();
        jsdoc_line(
            p,
            "What `decode` throws for a message it cannot read: an `Error` named `DecodeError`\nwhose `problems` hold the problem that stopped it.",
        );
        p.block(
            format!("export interface {} extends Error {{", a.decode_error),
            "}",
            |p| p.line(format!("problems: {}[];", a.problem)),
        );
        p.line(format!("type $Code = {};", a.problem_code));
        p.line(format!("type $Problem = {};", a.problem));
        p.line(format!("type $DecodeError = {};", a.decode_error));
        p.line(
            "type $Result = { ok: true; message: unknown } | { ok: false; problems: $Problem[] };",
        );
    }

    fn functions(&self, p: &mut Printer) {
        let a = &self.api;
        let incoming = self.incoming();
        let asynchronous = has_compression(self.c);
        let promise = |t: &str| {
            if asynchronous {
                format!("Promise<{t}>")
            } else {
                t.to_owned()
            }
        };
        let async_note = if asynchronous {
            "\n\nAsynchronous because the contract compresses payloads and the platform's\n`DecompressionStream`/`CompressionStream` are."
        } else {
            ""
        };
        let unknown = if self.unknown.is_some() {
            "an event the contract does not declare becomes an `UnknownMessage` keeping its raw\npayload (the contract tolerates unknown events)"
        } else {
            "an event the contract does not declare is refused (`unknown-event`)"
        };
        p.blank();
        jsdoc(
            p,
            &[format!(
                "Reads one message (JSON text, or UTF-8 bytes) into its canonical form: keys read\n\
                 from their aliases and old names by the key rule (the most preferred key present\n\
                 counts; a field's key, a map key or a union tag given twice is refused),\n\
                 event aliases under the canonical name, renamed fields under both keys,\n\
                 compressed payloads inflated, undeclared keys dropped; {unknown}.\n\
                 It checks what the types state (JSON types, required keys, `null`, closed\n\
                 objects and enums, unions, constants, derived fields, channel addresses) and\n\
                 throws a `{}` at the first problem; `{}` checks every rule.{async_note}",
                a.decode_error, a.decode_strict
            )],
            &[],
        );
        p.block(
            format!(
                "export function {}(input: string | Uint8Array): {} {{",
                a.decode,
                promise(incoming)
            ),
            "}",
            |p| {
                p.line(format!(
                    "return $decode($S, input) as {};",
                    promise(incoming)
                ))
            },
        );
        p.blank();
        jsdoc(
            p,
            &[format!(
                "Reads one message like `{}` and checks every rule of the contract, as\n\
                 `eventc validate` does (ranges, lengths, patterns, timestamp formats, integer\n\
                 widths…). Never throws: returns the message or every problem, with the codes\n\
                 and JSON Pointers of `eventc validate`.{async_note}",
                a.decode
            )],
            &[],
        );
        p.block(
            format!(
                "export function {}(input: string | Uint8Array): {} {{",
                a.decode_strict,
                promise(&a.decode_result)
            ),
            "}",
            |p| {
                p.line(format!(
                    "return $decodeStrict($S, input) as {};",
                    promise(&a.decode_result)
                ))
            },
        );
        p.blank();
        jsdoc_line(
            p,
            "Checks a message already in memory (canonical form, payload decompressed) against\nevery rule of the contract; returns the problems (none: valid).",
        );
        p.block(
            format!(
                "export function {}(message: {incoming}): {}[] {{",
                a.validate, a.problem
            ),
            "}",
            |p| p.line("return $validate($S, message);"),
        );
        p.blank();
        let compress = self
            .c
            .envelopes
            .values()
            .find_map(|e| e.compression.as_ref())
            .map(|z| {
                format!(
                    "; a message longer than {} bytes as written uncompressed is sent with its payload\nzlib-compressed and base64-encoded and `{}: true`",
                    z.threshold, z.flag
                )
            })
            .unwrap_or_default();
        jsdoc_line(
            p,
            &format!(
                "Writes a message as JSON text: canonical keys and event names, a renamed field\n\
                 under both keys, constants and fixed derived fields written{compress}.\n\
                 Keys the contract does not declare are not written.{async_note}"
            ),
        );
        p.block(
            format!(
                "export function {}(message: {incoming}): {} {{",
                a.encode,
                promise("string")
            ),
            "}",
            |p| p.line("return $encode($S, message);"),
        );
    }

    /// `new<Event>Message(payload, fields)`: the constant, derived, default
    /// and timestamp fields filled in, the others from `fields`.
    fn constructor(&self, p: &mut Printer, e: &Event, ctor: &str) {
        let c = self.c;
        let env = c.envelope_of(e);
        let iface = &self.messages[&e.name];
        let mut filled: Vec<(String, String)> = Vec::new();
        let mut required: Vec<&str> = Vec::new();
        let mut payload = None;
        for (f, role) in env.fields_with_roles() {
            let keys: Vec<&str> = std::iter::once(f.name.as_str())
                .chain(f.old_key())
                .collect();
            let value = match role {
                FieldRole::CompressionFlag => continue,
                FieldRole::Payload => {
                    payload = Some(f.name.as_str());
                    Some("payload".to_owned())
                }
                FieldRole::Discriminator => Some(text::string_literal(&e.name)),
                _ => fill(c, e, f),
            };
            match value {
                Some(value) => filled.extend(keys.iter().map(|k| (k.to_string(), value.clone()))),
                None if !f.optional => required.extend(keys),
                None => {}
            }
        }
        let fixed: Vec<String> = filled
            .iter()
            .filter(|(_, v)| v != "payload")
            .map(|(k, _)| text::string_literal(k))
            .collect();
        let settable: Vec<String> = filled
            .iter()
            .filter(|(k, v)| {
                v != "payload"
                    && Some(k.as_str()) != env.discriminator_field().map(|d| d.name.as_str())
            })
            .map(|(k, _)| text::string_literal(k))
            .collect();
        let mut omitted = fixed.clone();
        omitted.extend(payload.map(text::string_literal));
        let fields_ty = match (omitted.is_empty(), settable.is_empty()) {
            (true, _) => iface.clone(),
            (false, true) => format!("Omit<{iface}, {}>", omitted.join(" | ")),
            (false, false) => format!(
                "Omit<{iface}, {}> & Partial<Pick<{iface}, {}>>",
                omitted.join(" | "),
                settable.join(" | ")
            ),
        };
        let default = if required.is_empty() { " = {}" } else { "" };
        let mut params = Vec::new();
        let payload_field = payload.and_then(|key| env.field(key));
        if let Some(f) = payload_field {
            let ty = format!("{iface}[{}]", text::string_literal(&f.name));
            params.push(if f.optional && required.is_empty() {
                format!("payload?: Exclude<{ty}, undefined>")
            } else if f.optional {
                format!("payload: Exclude<{ty}, undefined> | undefined")
            } else {
                format!("payload: {ty}")
            });
        }
        params.push(format!("fields: {fields_ty}{default}"));
        let what = if payload.is_some() {
            " carrying `payload`"
        } else {
            ""
        };
        jsdoc_line(
            p,
            &format!(
                "A `{}` message{what}, with the envelope's constant, derived, default and\ntimestamp fields filled in; `fields` gives the others (and may replace those).",
                e.name
            ),
        );
        p.block(
            format!("export function {ctor}({}): {iface} {{", params.join(", ")),
            "}",
            |p| {
                let mut props: Vec<String> = filled
                    .iter()
                    .map(|(k, v)| match payload_field {
                        Some(f) if v == "payload" && f.optional => format!(
                            "...(payload === undefined ? {{}} : {{ {}: payload }})",
                            literal_key(k)
                        ),
                        _ => format!("{}: {v}", literal_key(k)),
                    })
                    .collect();
                props.push("...fields".to_owned());
                p.line(format!("return {{ {} }};", props.join(", ")));
            },
        );
    }
}

/// The value a constructor gives an envelope field, if it has one: its
/// constant, its derived value when fixed, the event's priority, or now.
fn fill(c: &Contract, e: &Event, f: &Field) -> Option<String> {
    if let Some(value) = &f.constant {
        return Some(json_literal(value));
    }
    if let Some(source) = f.derived {
        let text = c.derived_value(e, source)?.fixed_text()?;
        return c
            .is_string_valued(&f.ty)
            .then(|| text::string_literal(text));
    }
    if f.default_from == Some(DefaultFrom::Priority) {
        return match c.resolve(&f.ty) {
            TypeRef::Integer(_) => e.priority.as_ref().map(|p| p.value.to_string()),
            _ => None,
        };
    }
    match c.resolve(&f.ty) {
        TypeRef::Timestamp(TimestampEncoding::Rfc3339) => {
            Some("new Date().toISOString()".to_owned())
        }
        TypeRef::Timestamp(TimestampEncoding::UnixS) => {
            Some("Math.floor(Date.now() / 1000)".to_owned())
        }
        TypeRef::Timestamp(TimestampEncoding::UnixMs) => Some("Date.now()".to_owned()),
        _ => None,
    }
}
