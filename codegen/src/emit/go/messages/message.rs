//! Message structs: one per event (its envelope struct embedded, and its
//! payload) plus `UnknownMessage`, each with `MessageType`, `MarshalJSON`
//! and the `decode`/`encode` methods behind `Decode` and `Encode`.

use super::constructor::constructor;
use super::envelope::{envelope_fields, ENVELOPE_RESERVED};
use super::{event_docs, section};
use crate::emit::go::align::{render, Row};
use crate::emit::go::checks;
use crate::emit::go::context::Ctx;
use crate::emit::go::fields::{go_fields, with_items, GoField};
use crate::emit::go::repr::{container, go_type, item_checks, Rep};
use crate::emit::go::runtime::Helper;
use crate::emit::go::text::{cat, doc_lines, go_string};
use crate::emit::printer::Printer;
use crate::model::*;

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

pub(super) fn unknown_message(ctx: &mut Ctx, p: &mut Printer) {
    let env = ctx.names.envelopes[&ctx.c.default_envelope().name].clone();
    section(
        p,
        vec![
            "// UnknownMessage is an event the contract does not declare, kept as received".to_owned(),
            "// (its envelope read as the default shape, its payload raw) so it re-encodes the same.".to_owned(),
        ],
    );
    let payload = payload_field(ctx.c, None);
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
    message_methods(ctx, p, &spec);
    message_validate(
        ctx,
        p,
        "UnknownMessage",
        ctx.c.default_envelope(),
        None,
        payload.as_ref(),
    );
}

/// `Validate` of a message type: its envelope's fields, the fields derived
/// from the event, and the payload.
fn message_validate(
    ctx: &mut Ctx,
    p: &mut Printer,
    name: &str,
    env: &Envelope,
    event: Option<&Event>,
    payload: Option<&Field>,
) {
    let fields = envelope_fields(env);
    let gfs = go_fields(ctx, None, &fields, ENVELOPE_RESERVED);
    let env_name = ctx.names.envelopes[&env.name].clone();
    let ctx = &*ctx;
    let checker = ctx.use_helper(Helper::Checker);
    section(
        p,
        vec![
            "// Validate checks the contract's value rules that the types cannot express, as"
                .to_owned(),
            "// eventc validate does: lengths, patterns, ranges, timestamp formats, channel"
                .to_owned(),
            "// addresses and the envelope fields derived from the event. DecodeStrict applies"
                .to_owned(),
            "// it; the error is a *ValidationError.".to_owned(),
        ],
    );
    p.block(cat!("func (m *", name, ") Validate() error {"), "}", |p| {
        p.line(cat!("c := &", checker, "{}"));
        if checks::envelope_has_checks(ctx, env) {
            p.line(cat!("m.", env_name, ".check(c)"));
        }
        if let Some(event) = event {
            for gf in &gfs {
                checks::derived_check(ctx, p, gf, &cat!("m.", gf.name), event);
            }
        }
        if let Some(f) = payload.filter(|_| event.is_some()) {
            let gf = GoField {
                f,
                name: "Payload".to_owned(),
                rep: Rep::of_payload(f),
                base: go_type(&ctx.names, &f.ty),
                items: String::new(),
            };
            checks::field_check(ctx, p, &gf, "m.Payload");
        }
        p.line("return c.err()");
    });
}

pub(super) fn message(ctx: &mut Ctx, p: &mut Printer, event: &Event) {
    let name = ctx.names.messages[&event.name].clone();
    let env_key = &ctx.c.envelope_of(event).name;
    let env = ctx.names.envelopes[env_key].clone();
    let payload = payload_field(ctx.c, Some(event));
    let payload_ty = payload.as_ref().map(|f| {
        let rep = Rep::of_payload(f);
        rep.wrap(ctx, &go_type(&ctx.names, &f.ty))
    });
    let head = format!("{name} is the {} event.", go_string(&event.name));
    let mut notes = Vec::new();
    let aliases: Vec<String> = event.read_aliases().map(go_string).collect();
    if !aliases.is_empty() {
        notes.push(format!("Also read under the names {}.", aliases.join(", ")));
    }
    section(p, doc_lines(&head, &event_docs(ctx, event), &notes));
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
    constructor(ctx, p, event, &name, payload_ty.as_deref());
    let konst = ctx.names.event_consts[&event.name].clone();
    let spec = MsgSpec {
        name: &name,
        env: &env,
        payload: payload.as_ref(),
        event_expr: &konst,
        returns: &konst,
    };
    message_methods(ctx, p, &spec);
    let env = ctx.c.envelope_of(event);
    message_validate(ctx, p, &name, env, Some(event), payload.as_ref());
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

fn message_methods(ctx: &mut Ctx, p: &mut Printer, spec: &MsgSpec) {
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
            ") decode(obj ",
            ctx.use_helper(Helper::Object),
            ") error {"
        ),
        "}",
        |p| match payload {
            Some(f) => {
                p.line(cat!("payload, err := decode", env, "(obj, &m.", env, ")"));
                p.block("if err != nil {", "}", |p| p.line("return err"));
                p.line(cat!("return ", payload_decode(ctx, f)));
            }
            None => p.line(cat!("return decode", env, "(obj, &m.", env, ")")),
        },
    );
    p.blank();
    p.block(
        cat!("func (m *", name, ") encode() ([]byte, error) {"),
        "}",
        |p| match payload {
            Some(f) => payload_encode(ctx, p, f, env, event_expr),
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

fn payload_decode(ctx: &Ctx, f: &Field) -> String {
    let rep = Rep::of_payload(f);
    let decoder = ctx.use_helper(rep.decoder());
    match rep {
        Rep::Raw => format!(
            "{decoder}(payload, &m.Payload, {}, {})",
            f.optional, f.nullable
        ),
        _ => {
            let shape = item_checks(ctx.c, &f.ty);
            let member = with_items(ctx, "payload".to_owned(), &shape);
            format!("{decoder}({member}, &m.Payload)")
        }
    }
}

fn payload_encode(ctx: &mut Ctx, p: &mut Printer, f: &Field, env: &str, event_expr: &str) {
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
        Rep::Raw => {
            let raw_or_null = ctx.use_helper(Helper::RawOrNull);
            return p.line(call(&cat!(raw_or_null, "(m.Payload)")));
        }
        Rep::Plain => match container(ctx.c, &f.ty) {
            Some(wrap) => cat!("json.Marshal(", ctx.use_helper(wrap), "(m.Payload))"),
            None => "json.Marshal(m.Payload)".to_owned(),
        },
        Rep::Optional | Rep::OptionalContainer => {
            cat!(ctx.use_helper(Helper::MarshalOptional), "(m.Payload)")
        }
        Rep::Nullable => "json.Marshal(m.Payload)".to_owned(),
        Rep::TriState => cat!(ctx.use_helper(Helper::MarshalNullable), "(m.Payload)"),
    };
    p.line(cat!("payload, err := ", marshal));
    p.block("if err != nil {", "}", |p| p.line("return nil, err"));
    p.line(call("payload"));
}
