//! Event and channel names, message interfaces and the message union.

use super::context::Ctx;
use super::types::{jsdoc_line, union_alias, Pos};
use super::{docs, event_summary, jsdoc, text};
use crate::emit::printer::Printer;
use crate::model::*;
use crate::naming;

impl Ctx<'_> {
    /// `EventName` (constants and type) and, when any event has aliases, `EventAliases`.
    pub(super) fn event_names(&self, p: &mut Printer) {
        let name = &self.event_name;
        let mut keys = super::names::Names::default();
        p.blank();
        jsdoc_line(
            p,
            "Canonical wire names of the events of this contract, by identifier.",
        );
        p.block(format!("export const {name} = {{"), "} as const;", |p| {
            for e in self.c.events.values() {
                let key = keys.claim(&naming::pascal(&e.ident));
                let wire = text::string_literal(&e.name);
                docs(p, &e.docs, &[]);
                p.line(format!("{key}: {wire},"));
                for legacy in &e.legacy_idents {
                    jsdoc(
                        p,
                        &[],
                        &[("deprecated", format!("legacy name of `{name}.{key}`."))],
                    );
                    p.line(format!("{}: {wire},", keys.claim(&naming::pascal(legacy))));
                }
            }
        });
        jsdoc_line(p, "The canonical wire name of an event of this contract.");
        p.line(format!(
            "export type {name} = (typeof {name})[keyof typeof {name}];"
        ));
        let aliases: Vec<(&str, &str)> = self
            .c
            .events
            .values()
            .flat_map(|e| e.read_aliases().map(move |a| (a, e.name.as_str())))
            .collect();
        if aliases.is_empty() {
            return;
        }
        p.blank();
        jsdoc_line(
            p,
            "Further wire names readers accept, mapped to the canonical name writers send.\n\
             Read side only: messages typed by this module use canonical names.",
        );
        p.block(
            format!("export const {} = {{", self.event_aliases),
            "} as const;",
            |p| {
                for (alias, canonical) in aliases {
                    p.line(format!(
                        "{}: {},",
                        text::property(alias),
                        text::string_literal(canonical)
                    ));
                }
            },
        );
    }

    /// `ChannelName` (constants and type), one address type per channel and their union.
    pub(super) fn channels(&self, p: &mut Printer) {
        let Some(all) = &self.channel_address else {
            return;
        };
        let name = &self.channel_name;
        let mut keys = super::names::Names::default();
        p.blank();
        jsdoc_line(
            p,
            "The channels of this contract (keys under `channels:`), by identifier.",
        );
        p.block(format!("export const {name} = {{"), "} as const;", |p| {
            for ch in self.c.channels.values() {
                docs(p, &ch.docs, &[]);
                let key = keys.claim(&naming::pascal(&ch.ident));
                p.line(format!("{key}: {},", text::string_literal(&ch.name)));
            }
        });
        jsdoc_line(p, "The name of a channel of this contract.");
        p.line(format!(
            "export type {name} = (typeof {name})[keyof typeof {name}];"
        ));
        for (ch, ty) in self.c.channels.values().zip(self.channel_types.values()) {
            p.blank();
            let prefix = ch.prefix();
            let mut note = format!("Address of channel `{}`: `{}`.", ch.name, ch.full_address);
            if !prefix.is_empty() {
                note.push_str(&format!(
                    " Readers also accept it without the `{prefix}` prefix."
                ));
            }
            if let Some(old) = &ch.renamed_from {
                note.push_str(&format!(
                    " Renamed from `{}`, which readers still accept.",
                    old.from
                ));
            }
            docs(p, &ch.docs, &[note]);
            union_alias(p, ty, &self.address_forms(ch));
            self.channel_builder(p, ch, ty);
        }
        p.blank();
        jsdoc_line(p, "The address of any channel of this contract.");
        let members: Vec<String> = self.channel_types.values().cloned().collect();
        union_alias(p, all, &members);
    }

    /// The function building the full address of a channel with parameters
    /// (Go's `ChannelType…` functions, Rust's `channels::…`): one argument
    /// per distinct parameter, in the order the address names them.
    fn channel_builder(&self, p: &mut Printer, ch: &Channel, address_type: &str) {
        let Some(name) = self.channel_builders.get(&ch.name) else {
            return;
        };
        let mut params: Vec<(&str, String)> = Vec::new();
        let mut arg_names = super::names::Names::default();
        let mut body = String::from("`");
        for seg in ch.full_segments() {
            match seg {
                AddressSegment::Literal(text) => body.push_str(&text::template_text(text)),
                AddressSegment::Param(param) => {
                    let ident = match params.iter().find(|(p, _)| *p == param) {
                        Some((_, ident)) => ident.clone(),
                        None => {
                            let ident = arg_names.claim(&naming::camel(param));
                            params.push((param, ident.clone()));
                            ident
                        }
                    };
                    body.push_str(&format!("${{{ident}}}"));
                }
            }
        }
        body.push('`');
        let args: Vec<String> = params
            .iter()
            .map(|(param, ident)| format!("{ident}: {}", self.param_type(ch.params.get(*param))))
            .collect();
        p.blank();
        jsdoc_line(
            p,
            &format!(
                "The address of channel `{}` (`{}`) for the given parameters.",
                ch.name, ch.full_address
            ),
        );
        p.block(
            format!(
                "export function {name}({}): {address_type} {{",
                args.join(", ")
            ),
            "}",
            |p| p.line(format!("return {body};")),
        );
    }

    /// The address of a channel as literal or template literal types, with and without the prefix.
    fn address_forms(&self, ch: &Channel) -> Vec<String> {
        let mut forms = Vec::new();
        if !ch.prefix().is_empty() {
            forms.push(self.address_type(ch, ch.prefix()));
        }
        forms.push(self.address_type(ch, ""));
        forms
    }

    fn address_type(&self, ch: &Channel, prefix: &str) -> String {
        let segments = ch.segments();
        if !segments
            .iter()
            .any(|s| matches!(s, AddressSegment::Param(_)))
        {
            return text::string_literal(&format!("{prefix}{}", ch.address));
        }
        let mut out = format!("`{}", text::template_text(prefix));
        for seg in segments {
            match seg {
                AddressSegment::Literal(text) => out.push_str(&text::template_text(text)),
                AddressSegment::Param(param) => {
                    out.push_str(&format!("${{{}}}", self.param_type(ch.params.get(param))));
                }
            }
        }
        out.push('`');
        out
    }

    /// A closed string enum parameter keeps its values; anything else is `string`.
    fn param_type(&self, ty: Option<&TypeRef>) -> String {
        if let Some(TypeRef::Named(id)) = ty {
            if let Some(TypeKind::Enum(e)) = self.c.type_def(id).map(|t| &t.kind) {
                if e.repr == EnumRepr::String && !e.open {
                    if let Some(name) = self.type_name(id) {
                        return name.to_owned();
                    }
                }
            }
        }
        "string".to_owned()
    }

    /// The envelope bases, message interfaces, the `Message` union and the unknown-event types.
    pub(super) fn messages(&self, p: &mut Printer) {
        for (env, base) in self.c.envelopes.values().zip(self.envelope_bases.values()) {
            if let Some(base) = base {
                p.blank();
                self.envelope_base(p, env, base);
            }
        }
        for (e, iface) in self.c.events.values().zip(self.messages.values()) {
            p.blank();
            self.message(p, e, iface);
        }
        let disc = &self.c.default_envelope().discriminator;
        p.blank();
        jsdoc_line(
            p,
            &format!(
                "Every message of this contract, discriminated by `{disc}`:\n`switch (message{})` narrows to one event's message.",
                accessor(disc)
            ),
        );
        let members: Vec<String> = self.messages.values().cloned().collect();
        union_alias(p, &self.message, &members);
        if let Some(u) = &self.unknown {
            self.unknown_message(p, u);
        }
    }

    /// The envelope fields whose type does not depend on the event.
    fn envelope_base(&self, p: &mut Printer, env: &Envelope, base: &str) {
        jsdoc_line(
            p,
            &format!(
                "Envelope fields (shape `{}`) whose type is the same for every event using the shape.",
                env.name
            ),
        );
        p.block(format!("export interface {base} {{"), "}", |p| {
            for f in env.fields.iter().filter(|f| is_common(env.role(f))) {
                self.field(p, f, None);
            }
        });
    }

    /// `extends <base> ` for an envelope with event-independent fields.
    fn extends(&self, env: &Envelope) -> String {
        self.envelope_bases
            .get(&env.name)
            .and_then(Option::as_deref)
            .map(|b| format!("extends {b} "))
            .unwrap_or_default()
    }

    fn message(&self, p: &mut Printer, e: &Event, iface: &str) {
        let env = self.c.envelope_of(e);
        docs(p, &e.docs, &[event_summary(self.c, e)]);
        let extends = self.extends(env);
        p.block(format!("export interface {iface} {extends}{{"), "}", |p| {
            for f in env.fields.iter().filter(|f| env.role(f).is_per_event()) {
                self.field(p, f, self.envelope_field_type(env, e, f));
            }
        });
    }

    /// The type an envelope field has in the message of one event, when the event fixes it.
    fn envelope_field_type(&self, env: &Envelope, e: &Event, f: &Field) -> Option<String> {
        match env.role(f) {
            FieldRole::Discriminator => Some(text::string_literal(&e.name)),
            FieldRole::Payload => Some(
                e.payload
                    .as_ref()
                    .map_or_else(|| self.json.clone(), |t| self.ty(t, Pos::Field).into_text()),
            ),
            FieldRole::Derived(source) => match self.c.derived_value(e, source)? {
                DerivedValue::Category(category) => Some(text::string_literal(category)),
                DerivedValue::WireName(event) => Some(
                    event
                        .wire_names()
                        .map(text::string_literal)
                        .collect::<Vec<_>>()
                        .join(" | "),
                ),
                DerivedValue::Address(channel) => self.channel_types.get(&channel.name).cloned(),
            },
            FieldRole::CompressionFlag | FieldRole::Constant | FieldRole::Data => None,
        }
    }

    fn unknown_message(&self, p: &mut Printer, u: &super::context::UnknownNames) {
        let env = self.c.default_envelope();
        let disc = &env.discriminator;
        p.blank();
        jsdoc_line(
            p,
            &format!(
                "A message whose event this contract does not declare: readers keep it (unknown events\n\
                 are tolerated). It is not part of `{}`, so a `switch` over a `{}` still narrows;\n\
                 test `{}` on an `{}` first.",
                self.message, self.message, u.guard, u.incoming
            ),
        );
        let extends = self.extends(env);
        p.block(
            format!("export interface {} {extends}{{", u.message),
            "}",
            |p| {
                for f in env.fields.iter().filter(|f| env.role(f).is_per_event()) {
                    let base = (&f.name == disc).then(|| "string".to_owned());
                    self.field(p, f, base);
                }
            },
        );
        p.blank();
        jsdoc_line(
            p,
            "What a reader receives: a message of this contract or an unknown one.",
        );
        union_alias(p, &u.incoming, &[self.message.clone(), u.message.clone()]);
        p.blank();
        jsdoc_line(
            p,
            &format!(
                "Whether an incoming message names an event of this contract (narrows to `{}`).",
                self.message
            ),
        );
        p.block(
            format!(
                "export function {}(message: {}): message is {} {{",
                u.guard, u.incoming, self.message
            ),
            "}",
            |p| {
                p.block(format!("switch (message{}) {{", accessor(disc)), "}", |p| {
                    for e in self.c.events.values() {
                        p.line(format!("case {}:", text::string_literal(&e.name)));
                    }
                    p.line("  return true;");
                    p.line("default:");
                    p.line("  return false;");
                });
            },
        );
    }
}

/// `.key` or `["key"]`.
fn accessor(key: &str) -> String {
    let prop = text::property(key);
    if prop.starts_with('"') {
        format!("[{prop}]")
    } else {
        format!(".{prop}")
    }
}

/// Whether a field goes in the envelope base: not per event and not the
/// compression flag (the types describe decompressed messages).
pub(super) fn is_common(role: FieldRole) -> bool {
    matches!(role, FieldRole::Constant | FieldRole::Data)
}
