//! Envelope shapes: the struct of the fields each shape carries besides the
//! event name, payload and compression flag, the function that reads them
//! (and the payload member, decompressed) from a message object, and the one
//! that writes a message of the shape.

use super::section;
use crate::emit::go::checks;
use crate::emit::go::context::Ctx;
use crate::emit::go::fields::{
    check, decode_call, encode_field, fixed_notes, go_fields, struct_decl, GoField,
};
use crate::emit::go::repr::Rep;
use crate::emit::go::runtime::Helper;
use crate::emit::go::text::{cat, doc_lines, go_string, json_key_literal};
use crate::emit::printer::Printer;
use crate::model::*;

/// The envelope fields that become Go fields or checks (not the discriminator,
/// payload or compression flag).
pub(super) fn envelope_fields(env: &Envelope) -> Vec<&Field> {
    env.fields_with_roles()
        .filter(|(_, role)| role.is_envelope_field())
        .map(|(f, _)| f)
        .collect()
}

pub(super) const ENVELOPE_RESERVED: &[&str] = &["Payload", "Event", "MessageType", "MarshalJSON"];

pub(super) fn envelope(ctx: &mut Ctx, p: &mut Printer, key: &str) {
    let env = ctx.c.envelopes[key].clone();
    let name = ctx.names.envelopes[key].clone();
    ctx.needs.compression |= env.compression.is_some();
    let fields = envelope_fields(&env);
    let gfs = go_fields(ctx, None, &fields, ENVELOPE_RESERVED);
    let others = match (env.payload.is_some(), env.compression.is_some()) {
        (true, true) => "the event name, the payload and the compression flag",
        (true, false) => "the event name and the payload",
        _ => "the event name",
    };
    let head = format!(
        "{name} holds the fields of the {} envelope shape other than {others}.",
        go_string(key)
    );
    let mut notes = fixed_notes(&gfs);
    if let Some(cmp) = &env.compression {
        notes.push(format!(
            "A message longer than {} bytes as written uncompressed is written with its payload zlib-compressed and base64-encoded and {} set to true; such payloads are decompressed when read.",
            cmp.threshold,
            go_string(&cmp.flag)
        ));
    }
    section(p, Vec::new());
    let doc = doc_lines(&head, &Docs::default(), &notes);
    struct_decl(p, ctx, &name, doc, &gfs);
    envelope_decode(ctx, p, &env, &name, &gfs);
    envelope_encode(ctx, p, &env, &name, &gfs);
    if checks::envelope_has_checks(ctx, &env) {
        p.blank();
        p.line(cat!("// check walks the ", name, " fields for Validate."));
        p.block(
            cat!(
                "func (v *",
                name,
                ") check(c *",
                ctx.use_helper(Helper::Checker),
                ") {"
            ),
            "}",
            |p| {
                for gf in &gfs {
                    checks::field_check(ctx, p, gf, &cat!("v.", gf.name));
                }
            },
        );
    }
}

fn envelope_decode(ctx: &Ctx, p: &mut Printer, env: &Envelope, name: &str, gfs: &[GoField]) {
    let payload = env.payload_field();
    let (ret, err_ret) = match payload {
        Some(_) => (
            cat!("(", ctx.use_helper(Helper::Member), ", error)"),
            "payload, err",
        ),
        None => ("error".to_owned(), "err"),
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
        format!(
            "func decode{name}(obj {}, e *{name}) {ret} {{",
            ctx.use_helper(Helper::Object)
        ),
        "}",
        |p| {
            if let Some(f) = payload {
                let keys: Vec<String> = f.read_keys().map(go_string).collect();
                let lookup = ctx.use_helper(Helper::Lookup);
                p.line(format!("payload := {lookup}(obj, {})", keys.join(", ")));
            }
            if !env.additional {
                let keys: Vec<String> = env
                    .fields
                    .iter()
                    .flat_map(|f| f.read_keys().map(go_string))
                    .collect();
                let only_keys = ctx.use_helper(Helper::OnlyKeys);
                check(
                    p,
                    &format!("{only_keys}(obj, {})", keys.join(", ")),
                    err_ret,
                );
            }
            for gf in gfs {
                check(p, &decode_call(ctx, gf, &format!("e.{}", gf.name)), err_ret);
            }
            if payload.is_some() {
                decompress(ctx, p, env);
            }
            p.line(if payload.is_some() {
                "return payload, nil"
            } else {
                "return nil"
            });
        },
    );
}

fn decompress(ctx: &Ctx, p: &mut Printer, env: &Envelope) {
    let Some(flag) = env.compression_flag_field() else {
        return;
    };
    let keys: Vec<String> = flag.read_keys().map(go_string).collect();
    let lookup = format!(
        "{}(obj, {})",
        ctx.use_helper(Helper::Lookup),
        keys.join(", ")
    );
    let (ty, decoder, cond) = match Rep::of(&flag.ty, flag.optional, flag.nullable) {
        Rep::Plain => ("bool", Helper::Required, "compressed"),
        _ => (
            "*bool",
            Helper::Optional,
            "compressed != nil && *compressed",
        ),
    };
    p.line(cat!("var compressed ", ty));
    let decode = format!("{}({lookup}, &compressed)", ctx.use_helper(decoder));
    check(p, &decode, "payload, err");
    p.block(format!("if {cond} && payload.ok {{"), "}", |p| {
        p.line(cat!(
            "raw, err := ",
            ctx.use_helper(Helper::Inflate),
            "(payload.raw)"
        ));
        p.block("if err != nil {", "}", |p| {
            p.line(cat!(
                "return payload, ",
                ctx.use_helper(Helper::FieldError),
                "(payload.key, err)"
            ))
        });
        p.line("payload.raw = raw");
    });
}

fn envelope_encode(ctx: &Ctx, p: &mut Printer, env: &Envelope, name: &str, gfs: &[GoField]) {
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
    let compression = env.compression.as_ref().filter(|_| has_payload);
    p.block(
        format!("func encode{name}({params}) ([]byte, error) {{"),
        "}",
        |p| match compression {
            None => write_shape(ctx, p, env, gfs),
            Some(cmp) => {
                // The seed's rule: a message longer than the threshold as
                // written uncompressed is written again with its payload compressed.
                p.block(
                    "write := func(payload []byte, compressed bool) ([]byte, error) {",
                    "}",
                    |p| write_shape(ctx, p, env, gfs),
                );
                p.line("out, err := write(payload, false)");
                p.block(
                    format!(
                        "if err != nil || payload == nil || len(out) <= {} {{",
                        cmp.threshold
                    ),
                    "}",
                    |p| p.line("return out, err"),
                );
                p.line(cat!(
                    "packed, err := ",
                    ctx.use_helper(Helper::Deflate),
                    "(payload)"
                ));
                p.block("if err != nil {", "}", |p| p.line("return nil, err"));
                p.line("return write(packed, true)");
            }
        },
    );
}

/// The statements writing a message of the shape (`compressed` and
/// `payload` in scope when the shape has them) and returning its bytes.
fn write_shape(ctx: &Ctx, p: &mut Printer, env: &Envelope, gfs: &[GoField]) {
    p.line(cat!("var w ", ctx.use_helper(Helper::ObjectWriter)));
    for f in &env.fields {
        envelope_encode_field(ctx, p, env, f, gfs);
    }
    p.line("return w.bytes()");
}

fn envelope_encode_field(ctx: &Ctx, p: &mut Printer, env: &Envelope, f: &Field, gfs: &[GoField]) {
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
                encode_field(p, ctx, gf, &format!("e.{}", gf.name));
            }
        }
    }
}
