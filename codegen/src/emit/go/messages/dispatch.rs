//! The `Message` interface, `UnknownEventError`, and the package entry
//! points `Decode` (dispatch on the event name), `DecodeStrict` and `Encode`.

use super::{discriminator_keys, section};
use crate::emit::go::context::Ctx;
use crate::emit::go::fields::check;
use crate::emit::go::runtime::Helper;
use crate::emit::go::text::{cat, go_string, inline};
use crate::emit::printer::Printer;

pub(super) fn message_interface(ctx: &mut Ctx, p: &mut Printer) {
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
        p.line(cat!("decode(obj ", ctx.use_helper(Helper::Object), ") error"));
        p.line("encode() ([]byte, error)");
        p.line("// Validate checks the contract's value rules (see DecodeStrict); the error is a *ValidationError.");
        p.line("Validate() error");
    });
    let policy = if ctx.c.compatibility.unknown_events {
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

pub(super) fn decode_fns(ctx: &mut Ctx, p: &mut Printer) {
    let keys = discriminator_keys(ctx.c);
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
        p.line(cat!(
            "obj, err := ",
            ctx.use_helper(Helper::DecodeObject),
            "(data)"
        ));
        p.block("if err != nil {", "}", |p| p.line("return nil, err"));
        p.line("var event string");
        check(
            p,
            &format!(
                "{}({}(obj, {}), &event)",
                ctx.use_helper(Helper::Required),
                ctx.use_helper(Helper::Lookup),
                quoted.join(", ")
            ),
            "nil, err",
        );
        p.line("var m Message");
        p.line("switch event {");
        for event in ctx.c.events.values() {
            let names: Vec<String> = event.wire_names().map(go_string).collect();
            p.line(format!("case {}:", names.join(", ")));
            p.line(format!("\tm = &{}{{}}", ctx.names.messages[&event.name]));
        }
        p.line("default:");
        p.line("\tm = &UnknownMessage{Event: event}");
        p.line("}");
        check(p, "m.decode(obj)", "nil, err");
        p.line("return m, nil");
    });
    decode_strict(ctx, p);
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

fn decode_strict(ctx: &Ctx, p: &mut Printer) {
    if ctx.c.compatibility.unknown_events {
        section(
            p,
            vec![
                "// DecodeStrict decodes like Decode (the contract accepts events it does not"
                    .to_owned(),
                "// declare: unknown_events: allow) and applies the contract's value rules"
                    .to_owned(),
                "// (Validate), so it accepts exactly the messages eventc validate accepts."
                    .to_owned(),
            ],
        );
        p.block(
            "func DecodeStrict(data []byte) (Message, error) {",
            "}",
            |p| {
                p.line("m, err := Decode(data)");
                p.block("if err != nil {", "}", |p| p.line("return nil, err"));
                p.block("if err := m.Validate(); err != nil {", "}", |p| {
                    p.line("return nil, err")
                });
                p.line("return m, nil");
            },
        );
        return;
    }
    section(
        p,
        vec![
            "// DecodeStrict decodes like Decode but rejects events the contract does not"
                .to_owned(),
            "// declare, as its policy (unknown_events: deny) requires, and applies the".to_owned(),
            "// contract's value rules (Validate), so it accepts exactly the messages".to_owned(),
            "// eventc validate accepts.".to_owned(),
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
            p.block("if err := m.Validate(); err != nil {", "}", |p| {
                p.line("return nil, err")
            });
            p.line("return m, nil");
        },
    );
}
