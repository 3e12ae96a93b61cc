//! Event and channel constants, envelopes, message types, Decode and Encode.

use super::align::{render, Row};
use super::decl::{check, decode_call, encode_field, go_fields, struct_decl, with_items, GoField};
use super::doc::{comment_rows, deprecation, doc_lines, inline};
use super::names::lower_ident;
use super::text::{cat, go_string, json_key_literal};
use super::types::{go_type, null_free_depth, Rep};
use super::Gen;
use crate::emit::printer::Printer;
use crate::model::*;

/// Emits everything about messages, in file order.
pub fn emit_messages(g: &mut Gen, p: &mut Printer) {
    message_types(g, p);
    legacy_aliases(g, p);
    channels(g, p);
    message_interface(g, p);
    decode_fns(g, p);
    let keys: Vec<String> = g.c.envelopes.keys().cloned().collect();
    for key in keys {
        envelope(g, p, &key);
    }
    unknown_message(g, p);
    let events: Vec<&Event> = g.c.events.values().collect();
    for event in events {
        message(g, p, event);
    }
}

fn section(p: &mut Printer, lines: Vec<String>) {
    p.blank();
    for line in lines {
        p.line(line);
    }
}

fn const_block(p: &mut Printer, rows: &[Row]) {
    p.block("const (", ")", |p| {
        for line in render(rows) {
            p.line(line);
        }
    });
}

fn discriminator_keys(c: &Contract) -> Vec<String> {
    c.default_envelope()
        .discriminator_field()
        .map(|f| f.read_keys().map(str::to_owned).collect())
        .unwrap_or_else(|| vec![c.default_envelope().discriminator.clone()])
}

fn message_types(g: &mut Gen, p: &mut Printer) {
    let keys = discriminator_keys(g.c);
    section(
        p,
        vec![format!(
            "// MessageType is the wire name of an event (the {} envelope field).",
            inline(&go_string(&keys[0]))
        )],
    );
    p.line("type MessageType string");
    p.blank();
    p.line("// Wire names of the events.");
    let mut rows = Vec::new();
    for event in g.c.events.values() {
        if let Some(dep) = &event_docs(g, event).deprecated {
            rows.extend(comment_rows(doc_lines(
                &deprecation(dep),
                &Docs::default(),
                &[],
            )));
        }
        let konst = &g.names.event_consts[&event.name];
        rows.push(Row::Cells(vec![
            konst.clone(),
            "MessageType".to_owned(),
            format!("= {}", go_string(&event.name)),
        ]));
    }
    const_block(p, &rows);
}

fn legacy_aliases(g: &mut Gen, p: &mut Printer) {
    let mut rows = Vec::new();
    for event in g.c.events.values() {
        let target = &g.names.event_consts[&event.name];
        for legacy in &g.names.legacy[&event.name] {
            rows.push(Row::Verbatim(format!("// Deprecated: use {target}.")));
            rows.push(Row::Cells(vec![legacy.clone(), format!("= {target}")]));
        }
    }
    if rows.is_empty() {
        return;
    }
    section(p, vec!["// Legacy aliases (deprecated).".to_owned()]);
    const_block(p, &rows);
}

/// A part of a channel address (prefix included), owned.
enum Seg {
    /// Literal text.
    Lit(String),
    /// A `{param}` placeholder.
    Param(String),
}

fn address(ch: &Channel) -> Vec<Seg> {
    ch.full_segments()
        .into_iter()
        .map(|s| match s {
            AddressSegment::Literal(l) => Seg::Lit(l.to_owned()),
            AddressSegment::Param(x) => Seg::Param(x.to_owned()),
        })
        .collect()
}

fn channels(g: &mut Gen, p: &mut Printer) {
    section(
        p,
        vec!["// ChannelType is the address of a channel.".to_owned()],
    );
    p.line("type ChannelType string");
    let mut rows = Vec::new();
    let mut templates = Vec::new();
    for ch in g.c.channels.values() {
        let segs = address(ch);
        let name = g.names.channels[&ch.name].clone();
        match segs.as_slice() {
            [] | [Seg::Lit(_)] => {
                rows.extend(comment_rows(doc_lines("", &ch.docs, &[])));
                let text: String = segs
                    .iter()
                    .map(|s| match s {
                        Seg::Lit(l) | Seg::Param(l) => l.as_str(),
                    })
                    .collect();
                rows.push(Row::Cells(vec![
                    name,
                    "ChannelType".to_owned(),
                    format!("= {}", go_string(&text)),
                ]));
            }
            _ => templates.push((ch, name, segs)),
        }
    }
    if !rows.is_empty() {
        section(p, vec!["// Channel addresses.".to_owned()]);
        const_block(p, &rows);
    }
    for (ch, name, segs) in templates {
        channel_fn(g, p, ch, &name, &segs);
    }
}

fn channel_fn(g: &Gen, p: &mut Printer, ch: &Channel, name: &str, segs: &[Seg]) {
    let head = format!(
        "{name} returns the address of channel {} ({}).",
        go_string(&ch.name),
        go_string(&ch.address)
    );
    section(p, doc_lines(&head, &ch.docs, &[]));
    let mut params = Vec::new();
    let mut parts = Vec::new();
    for seg in segs {
        match seg {
            Seg::Lit(l) => parts.push(go_string(l)),
            Seg::Param(x) => {
                let ident = lower_ident(x);
                let ty = ch
                    .params
                    .get(x.as_str())
                    .cloned()
                    .unwrap_or(TypeRef::String(Default::default()));
                let go = go_type(&g.names, &ty);
                parts.push(match &ty {
                    TypeRef::String(_) => ident.clone(),
                    t if g.c.is_string_valued(t) => format!("string({ident})"),
                    _ => format!("fmt.Sprint({ident})"),
                });
                if !params.iter().any(|(i, _)| *i == ident) {
                    params.push((ident, go));
                }
            }
        }
    }
    let params: Vec<String> = params.iter().map(|(i, t)| format!("{i} {t}")).collect();
    p.block(
        format!("func {name}({}) ChannelType {{", params.join(", ")),
        "}",
        |p| p.line(format!("return ChannelType({})", parts.join(" + "))),
    );
}

fn message_interface(g: &mut Gen, p: &mut Printer) {
    section(
        p,
        vec![
            "// Message is a decoded message: one of the …Message types of this package,"
                .to_owned(),
            "// or *UnknownMessage for an event the contract does not declare.".to_owned(),
        ],
    );
    p.block("type Message interface {", "}", |p| {
        p.line("// MessageType returns the event's canonical wire name (as received for an unknown event).");
        p.line("MessageType() MessageType");
        p.line("decode(obj map[string]json.RawMessage) error");
        p.line("encode() ([]byte, error)");
    });
    let policy = if g.c.compatibility.unknown_events {
        "allow"
    } else {
        "deny"
    };
    section(
        p,
        vec![
            "// UnknownEventError reports an event the contract does not declare".to_owned(),
            format!("// (its compatibility policy says unknown_events: {policy})."),
        ],
    );
    p.block("type UnknownEventError struct {", "}", |p| {
        p.line("// Event is the wire name received.");
        p.line("Event string");
    });
    p.blank();
    p.line("// Error describes the error.");
    p.block("func (e *UnknownEventError) Error() string {", "}", |p| {
        p.line("return fmt.Sprintf(\"unknown event %q\", e.Event)")
    });
}

fn decode_fns(g: &mut Gen, p: &mut Printer) {
    let keys = discriminator_keys(g.c);
    let quoted: Vec<String> = keys.iter().map(|k| go_string(k)).collect();
    section(
        p,
        vec![
            format!(
                "// Decode decodes one message, dispatching on the event name read from {}.",
                inline(&quoted.join(", "))
            ),
            "// Event aliases decode to their event; an event the contract does not declare"
                .to_owned(),
            "// decodes to *UnknownMessage (tolerant reader; see DecodeStrict).".to_owned(),
        ],
    );
    p.block("func Decode(data []byte) (Message, error) {", "}", |p| {
        p.line("obj, err := decodeObject(data)");
        p.block("if err != nil {", "}", |p| p.line("return nil, err"));
        p.line("var event string");
        check(
            p,
            &format!("required(lookup(obj, {}), &event)", quoted.join(", ")),
            "nil, err",
        );
        p.line("var m Message");
        p.line("switch event {");
        for event in g.c.events.values() {
            let names: Vec<String> = event.wire_names().map(go_string).collect();
            p.line(format!("case {}:", names.join(", ")));
            p.line(format!("\tm = &{}{{}}", g.names.messages[&event.name]));
        }
        p.line("default:");
        p.line("\tm = &UnknownMessage{Event: event}");
        p.line("}");
        check(p, "m.decode(obj)", "nil, err");
        p.line("return m, nil");
    });
    decode_strict(g, p);
    section(
        p,
        vec![
            "// Encode writes a message: canonical key and event names, renamed fields under"
                .to_owned(),
            "// both keys, and a compressed payload where the contract says so.".to_owned(),
        ],
    );
    p.block("func Encode(m Message) ([]byte, error) {", "}", |p| {
        p.block("if m == nil {", "}", |p| {
            p.line("return nil, errors.New(\"cannot encode a nil Message\")")
        });
        p.line("return m.encode()");
    });
}

fn decode_strict(g: &Gen, p: &mut Printer) {
    if g.c.compatibility.unknown_events {
        section(
            p,
            vec![
                "// DecodeStrict is Decode: the contract accepts events it does not declare"
                    .to_owned(),
                "// (unknown_events: allow).".to_owned(),
            ],
        );
        p.block(
            "func DecodeStrict(data []byte) (Message, error) {",
            "}",
            |p| p.line("return Decode(data)"),
        );
        return;
    }
    section(
        p,
        vec![
            "// DecodeStrict decodes like Decode but rejects events the contract does not"
                .to_owned(),
            "// declare, as its policy (unknown_events: deny) requires.".to_owned(),
        ],
    );
    p.block(
        "func DecodeStrict(data []byte) (Message, error) {",
        "}",
        |p| {
            p.line("m, err := Decode(data)");
            p.block("if err != nil {", "}", |p| p.line("return nil, err"));
            p.block("if u, ok := m.(*UnknownMessage); ok {", "}", |p| {
                p.line("return nil, &UnknownEventError{Event: u.Event}")
            });
            p.line("return m, nil");
        },
    );
}

/// The envelope fields that become Go fields or checks (not the discriminator,
/// payload or compression flag).
fn envelope_fields(env: &Envelope) -> Vec<&Field> {
    env.fields_with_roles()
        .filter(|(_, role)| role.is_envelope_field())
        .map(|(f, _)| f)
        .collect()
}

const ENVELOPE_RESERVED: &[&str] = &["Payload", "Event", "MessageType", "MarshalJSON"];

fn envelope(g: &mut Gen, p: &mut Printer, key: &str) {
    let env = g.c.envelopes[key].clone();
    let name = g.names.envelopes[key].clone();
    g.needs.compression |= env.compression.is_some();
    let fields = envelope_fields(&env);
    let gfs = go_fields(g, &fields, ENVELOPE_RESERVED);
    let others = match (env.payload.is_some(), env.compression.is_some()) {
        (true, true) => "the event name, the payload and the compression flag",
        (true, false) => "the event name and the payload",
        _ => "the event name",
    };
    let head = format!(
        "{name} holds the fields of the {} envelope shape other than {others}.",
        go_string(key)
    );
    let mut notes = super::decl::fixed_notes(&gfs);
    if let Some(cmp) = &env.compression {
        notes.push(format!(
            "Payloads whose JSON is longer than {} bytes are written zlib-compressed and base64-encoded with {} set to true; such payloads are decompressed when read.",
            cmp.threshold,
            go_string(&cmp.flag)
        ));
    }
    section(p, Vec::new());
    struct_decl(p, &name, doc_lines(&head, &Docs::default(), &notes), &gfs);
    envelope_decode(g, p, &env, &name, &gfs);
    envelope_encode(g, p, &env, &name, &gfs);
}

fn envelope_decode(g: &Gen, p: &mut Printer, env: &Envelope, name: &str, gfs: &[GoField]) {
    let payload = env.payload_field();
    let (ret, err_ret) = match payload {
        Some(_) => ("(member, error)", "payload, err"),
        None => ("error", "err"),
    };
    section(
        p,
        vec![format!(
            "// decode{name} reads the {name} fields of obj{}.",
            if payload.is_some() {
                " and returns the payload member"
            } else {
                ""
            }
        )],
    );
    p.block(
        format!("func decode{name}(obj map[string]json.RawMessage, e *{name}) {ret} {{"),
        "}",
        |p| {
            if let Some(f) = payload {
                let keys: Vec<String> = f.read_keys().map(go_string).collect();
                p.line(format!("payload := lookup(obj, {})", keys.join(", ")));
            }
            if !env.additional {
                let keys: Vec<String> = env
                    .fields
                    .iter()
                    .flat_map(|f| f.read_keys().map(go_string))
                    .collect();
                check(p, &format!("onlyKeys(obj, {})", keys.join(", ")), err_ret);
            }
            for gf in gfs {
                check(p, &decode_call(gf, &format!("e.{}", gf.name)), err_ret);
            }
            if let (Some(cmp), Some(_)) = (&env.compression, payload) {
                decompress(g, p, env, cmp);
            }
            p.line(if payload.is_some() {
                "return payload, nil"
            } else {
                "return nil"
            });
        },
    );
}

fn decompress(g: &Gen, p: &mut Printer, env: &Envelope, cmp: &Compression) {
    let Some(flag) = env.field(&cmp.flag) else {
        return;
    };
    let keys: Vec<String> = flag.read_keys().map(go_string).collect();
    let lookup = format!("lookup(obj, {})", keys.join(", "));
    let cond = match Rep::of(&flag.ty, flag.optional, flag.nullable) {
        Rep::Plain => {
            p.line("var compressed bool");
            check(
                p,
                &format!("required({lookup}, &compressed)"),
                "payload, err",
            );
            "compressed"
        }
        _ => {
            p.line("var compressed *bool");
            check(
                p,
                &format!("optional({lookup}, &compressed)"),
                "payload, err",
            );
            "compressed != nil && *compressed"
        }
    };
    let _ = g;
    p.block(format!("if {cond} && payload.ok {{"), "}", |p| {
        p.line("raw, err := inflate(payload.raw)");
        p.block("if err != nil {", "}", |p| {
            p.line("return payload, fieldError(payload.key, err)")
        });
        p.line("payload.raw = raw");
    });
}

fn envelope_encode(g: &Gen, p: &mut Printer, env: &Envelope, name: &str, gfs: &[GoField]) {
    let has_payload = env.payload.is_some();
    section(
        p,
        vec![format!(
            "// encode{name} writes a message of the {name} shape."
        )],
    );
    let params = if has_payload {
        format!("e *{name}, event MessageType, payload []byte")
    } else {
        format!("e *{name}, event MessageType")
    };
    p.block(
        format!("func encode{name}({params}) ([]byte, error) {{"),
        "}",
        |p| {
            if let Some(cmp) = env.compression.as_ref().filter(|_| has_payload) {
                p.line(format!("compressed := len(payload) > {}", cmp.threshold));
                p.block("if compressed {", "}", |p| {
                    p.line("packed, err := deflate(payload)");
                    p.block("if err != nil {", "}", |p| p.line("return nil, err"));
                    p.line("payload = packed");
                });
            }
            p.line("var w objectWriter");
            for f in &env.fields {
                envelope_encode_field(g, p, env, f, gfs);
            }
            p.line("return w.bytes()");
        },
    );
}

fn envelope_encode_field(g: &Gen, p: &mut Printer, env: &Envelope, f: &Field, gfs: &[GoField]) {
    let key = json_key_literal(&f.name);
    match env.role(f) {
        FieldRole::Discriminator => p.line(format!("w.value({key}, event)")),
        FieldRole::Payload => p.block("if payload != nil {", "}", |p| {
            p.line(format!("w.member({key}, payload)"))
        }),
        // The flag is true exactly when the encoder compressed; a required flag is written either way.
        FieldRole::CompressionFlag => match (env.payload.is_some(), f.optional) {
            (true, true) => p.block("if compressed {", "}", |p| {
                p.line(format!("w.member({key}, []byte(\"true\"))"))
            }),
            (true, false) => p.line(format!("w.value({key}, compressed)")),
            (false, false) => p.line(format!("w.member({key}, []byte(\"false\"))")),
            (false, true) => {}
        },
        FieldRole::Derived(_) | FieldRole::Constant | FieldRole::Data => {
            if let Some(gf) = gfs.iter().find(|gf| gf.f.name == f.name) {
                encode_field(p, g, gf, &format!("e.{}", gf.name));
            }
        }
    }
}

fn payload_field(c: &Contract, event: Option<&Event>) -> Option<Field> {
    let env = match event {
        Some(e) => c.envelope_of(e),
        None => c.default_envelope(),
    };
    let mut f = env.payload_field()?.clone();
    f.ty = match event {
        Some(e) => e.payload.clone().unwrap_or(TypeRef::Json),
        None => TypeRef::Json,
    };
    if event.is_none() {
        f.optional = true;
        f.nullable = true;
    }
    Some(f)
}

fn unknown_message(g: &mut Gen, p: &mut Printer) {
    let env = g.names.envelopes[&g.c.default_envelope().name].clone();
    section(
        p,
        vec![
            "// UnknownMessage is an event the contract does not declare, kept as received".to_owned(),
            "// (its envelope read as the default shape, its payload raw) so it re-encodes the same.".to_owned(),
        ],
    );
    let payload = payload_field(g.c, None);
    p.block("type UnknownMessage struct {", "}", |p| {
        p.line("// Event is the wire name as received.");
        p.line("Event string");
        p.line(&env);
        if payload.is_some() {
            p.line("// Payload is the payload as received (decompressed), nil when absent.");
            p.line("Payload json.RawMessage");
        }
    });
    let spec = MsgSpec {
        name: "UnknownMessage",
        env: &env,
        payload: payload.as_ref(),
        event_expr: "MessageType(m.Event)",
        returns: "the event name as received",
    };
    message_methods(g, p, &spec);
}

fn message(g: &mut Gen, p: &mut Printer, event: &Event) {
    let name = g.names.messages[&event.name].clone();
    let env_key = &g.c.envelope_of(event).name;
    let env = g.names.envelopes[env_key].clone();
    let payload = payload_field(g.c, Some(event));
    let payload_ty = payload.as_ref().map(|f| {
        let rep = Rep::of_payload(f);
        rep.wrap(&go_type(&g.names, &f.ty))
    });
    let head = format!("{name} is the {} event.", go_string(&event.name));
    let mut notes = Vec::new();
    if !event.aliases.is_empty() {
        let aliases: Vec<String> = event.aliases.iter().map(|a| go_string(a)).collect();
        notes.push(format!("Also read under the names {}.", aliases.join(", ")));
    }
    section(p, doc_lines(&head, &event_docs(g, event), &notes));
    let rows = match &payload_ty {
        Some(ty) => vec![
            Row::Cells(vec![env.clone()]),
            Row::Verbatim("// Payload is the event payload.".to_owned()),
            Row::Cells(vec!["Payload".to_owned(), ty.clone()]),
        ],
        None => vec![Row::Cells(vec![env.clone()])],
    };
    p.block(cat!("type ", name, " struct {"), "}", |p| {
        for line in render(&rows) {
            p.line(line);
        }
    });
    constructor(g, p, event, &name, payload_ty.as_deref());
    let konst = g.names.event_consts[&event.name].clone();
    let spec = MsgSpec {
        name: &name,
        env: &env,
        payload: payload.as_ref(),
        event_expr: &konst,
        returns: &konst,
    };
    message_methods(g, p, &spec);
}

/// What the methods of a message type need to know.
struct MsgSpec<'a> {
    /// The message type.
    name: &'a str,
    /// Its envelope struct.
    env: &'a str,
    /// The payload field, if the envelope has one.
    payload: Option<&'a Field>,
    /// Go expression of the event name to write.
    event_expr: &'a str,
    /// What `MessageType` returns, for its doc comment.
    returns: &'a str,
}

fn message_methods(g: &mut Gen, p: &mut Printer, spec: &MsgSpec) {
    let MsgSpec {
        name,
        env,
        payload,
        event_expr,
        returns,
    } = *spec;
    section(p, vec![cat!("// MessageType returns ", returns, ".")]);
    p.block(
        cat!("func (m *", name, ") MessageType() MessageType {"),
        "}",
        |p| p.line(cat!("return ", event_expr)),
    );
    section(
        p,
        vec!["// MarshalJSON encodes the message like Encode.".to_owned()],
    );
    p.block(
        cat!("func (m *", name, ") MarshalJSON() ([]byte, error) {"),
        "}",
        |p| p.line("return m.encode()"),
    );
    p.blank();
    p.block(
        cat!(
            "func (m *",
            name,
            ") decode(obj map[string]json.RawMessage) error {"
        ),
        "}",
        |p| match payload {
            Some(f) => {
                p.line(cat!("payload, err := decode", env, "(obj, &m.", env, ")"));
                p.block("if err != nil {", "}", |p| p.line("return err"));
                p.line(cat!("return ", payload_decode(g.c, f)));
            }
            None => p.line(cat!("return decode", env, "(obj, &m.", env, ")")),
        },
    );
    p.blank();
    p.block(
        cat!("func (m *", name, ") encode() ([]byte, error) {"),
        "}",
        |p| match payload {
            Some(f) => payload_encode(g, p, f, env, event_expr),
            None => p.line(cat!(
                "return encode",
                env,
                "(&m.",
                env,
                ", ",
                event_expr,
                ")"
            )),
        },
    );
}

fn payload_decode(c: &Contract, f: &Field) -> String {
    match Rep::of_payload(f) {
        Rep::Raw => format!(
            "rawValue(payload, &m.Payload, {}, {})",
            f.optional, f.nullable
        ),
        rep => {
            let member = with_items("payload".to_owned(), null_free_depth(c, &f.ty));
            format!("{}({member}, &m.Payload)", rep.decoder())
        }
    }
}

fn payload_encode(g: &mut Gen, p: &mut Printer, f: &Field, env: &str, event_expr: &str) {
    let call = |payload: &str| {
        cat!(
            "return encode",
            env,
            "(&m.",
            env,
            ", ",
            event_expr,
            ", ",
            payload,
            ")"
        )
    };
    let marshal = match Rep::of_payload(f) {
        Rep::Raw if f.optional => return p.line(call("m.Payload")),
        Rep::Raw => return p.line(call("rawOrNull(m.Payload)")),
        Rep::Plain => match super::types::container(g.c, &f.ty) {
            Some(wrap) => {
                format!("json.Marshal({wrap}(m.Payload))")
            }
            None => "json.Marshal(m.Payload)".to_owned(),
        },
        Rep::Optional | Rep::OptionalContainer => "marshalOptional(m.Payload)".to_owned(),
        Rep::Nullable => "json.Marshal(m.Payload)".to_owned(),
        Rep::TriState => "marshalNullable(m.Payload)".to_owned(),
    };
    p.line(cat!("payload, err := ", marshal));
    p.block("if err != nil {", "}", |p| p.line("return nil, err"));
    p.line(call("payload"));
}

fn constructor(g: &mut Gen, p: &mut Printer, event: &Event, name: &str, payload_ty: Option<&str>) {
    let ctor = g.names.constructors[&event.name].clone();
    let c = g.c;
    let env = c.envelope_of(event);
    let fields = envelope_fields(env);
    let gfs = go_fields(g, &fields, ENVELOPE_RESERVED);
    let fills: Vec<(String, String)> = gfs
        .iter()
        .filter(|gf| !gf.is_fixed())
        .filter_map(|gf| fill(g, event, gf).map(|v| (gf.name.clone(), v)))
        .collect();
    let what = if payload_ty.is_some() {
        " carrying payload"
    } else {
        ""
    };
    section(
        p,
        vec![
            format!(
                "// {ctor} returns a {} message{what}, with the",
                inline(&go_string(&event.name))
            ),
            "// envelope's constant, derived, default and timestamp fields filled in.".to_owned(),
        ],
    );
    let sig = match payload_ty {
        Some(ty) => cat!("func ", ctor, "(payload ", ty, ") *", name, " {"),
        None => cat!("func ", ctor, "() *", name, " {"),
    };
    p.block(sig, "}", |p| {
        let init = if payload_ty.is_some() {
            "{Payload: payload}"
        } else {
            "{}"
        };
        if fills.is_empty() {
            p.line(cat!("return &", name, init));
            return;
        }
        p.line(cat!("m := &", name, init));
        for (field, value) in &fills {
            p.line(cat!("m.", field, " = ", value));
        }
        p.line("return m");
    });
}

/// The value a constructor gives an envelope field, if any.
fn fill(g: &mut Gen, event: &Event, gf: &GoField) -> Option<String> {
    let f = gf.f;
    let literal = if let Some(c) = &f.constant {
        super::types::scalar_literal(c)?
    } else if let Some(d) = f.derived {
        derived_literal(g.c, event, d, &f.ty)?
    } else if f.default_from == Some(DefaultFrom::Priority) {
        matches!(f.ty, TypeRef::Integer(_)).then_some(())?;
        event.priority.as_ref()?.value.to_string()
    } else if let TypeRef::Timestamp(enc) = f.ty {
        g.needs.time = true;
        match enc {
            TimestampEncoding::Rfc3339 => "time.Now().UTC().Format(time.RFC3339Nano)",
            TimestampEncoding::UnixS => "time.Now().Unix()",
            TimestampEncoding::UnixMs => "time.Now().UnixMilli()",
        }
        .to_owned()
    } else {
        return None;
    };
    Some(match gf.rep {
        Rep::Plain | Rep::OptionalContainer => literal,
        Rep::Optional | Rep::Nullable => cat!("ptr[", gf.base, "](", literal, ")"),
        Rep::TriState => cat!("NullableOf[", gf.base, "](", literal, ")"),
        Rep::Raw => format!("json.RawMessage({})", go_string(&literal)),
    })
}

fn derived_literal(c: &Contract, event: &Event, d: Derived, ty: &TypeRef) -> Option<String> {
    if !c.is_string_valued(ty) {
        return None;
    }
    let text = c.derived_value(event, d)?.fixed_text()?;
    Some(go_string(text))
}

/// An event's docs, its replacement named by its Go constant when it is an event.
fn event_docs(g: &Gen, event: &Event) -> Docs {
    let mut docs = event.docs.clone();
    if let Some(dep) = docs.deprecated.as_mut() {
        let konst = dep.replacement.as_ref().and_then(|r| {
            let target =
                g.c.events
                    .values()
                    .find(|e| e.wire_names().any(|n| n == r))?;
            g.names.event_consts.get(&target.name)
        });
        if let Some(k) = konst {
            dep.replacement = Some(k.clone());
        }
    }
    docs
}
