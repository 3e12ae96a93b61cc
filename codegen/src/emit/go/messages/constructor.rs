//! `New…Message` constructors: a message with the envelope's constant,
//! derived, default and timestamp fields filled in.

use super::envelope::{envelope_fields, ENVELOPE_RESERVED};
use super::section;
use crate::emit::go::context::Ctx;
use crate::emit::go::fields::{go_fields, GoField};
use crate::emit::go::repr::Rep;
use crate::emit::go::runtime::Helper;
use crate::emit::go::text::{cat, go_string, inline, scalar_literal};
use crate::emit::printer::Printer;
use crate::model::*;

pub(super) fn constructor(
    ctx: &mut Ctx,
    p: &mut Printer,
    event: &Event,
    name: &str,
    payload_ty: Option<&str>,
) {
    let ctor = ctx.names.constructors[&event.name].clone();
    let c = ctx.c;
    let env = c.envelope_of(event);
    let fields = envelope_fields(env);
    let gfs = go_fields(ctx, None, &fields, ENVELOPE_RESERVED);
    let fills: Vec<(String, String)> = gfs
        .iter()
        .filter(|gf| !gf.is_fixed())
        .filter_map(|gf| fill(ctx, event, gf).map(|v| (gf.name.clone(), v)))
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
fn fill(ctx: &mut Ctx, event: &Event, gf: &GoField) -> Option<String> {
    let f = gf.f;
    let literal = if let Some(c) = &f.constant {
        scalar_literal(c)?
    } else if let Some(d) = f.derived {
        derived_literal(ctx.c, event, d, &f.ty)?
    } else if f.default_from == Some(DefaultFrom::Priority) {
        matches!(f.ty, TypeRef::Integer(_)).then_some(())?;
        event.priority.as_ref()?.value.to_string()
    } else if let TypeRef::Timestamp(enc) = f.ty {
        ctx.needs.time = true;
        match enc {
            TimestampEncoding::Rfc3339 => "TimestampOf(time.Now().UTC())",
            TimestampEncoding::UnixS => "UnixSecondsOf(time.Now())",
            TimestampEncoding::UnixMs => "UnixMillisOf(time.Now())",
        }
        .to_owned()
    } else {
        return None;
    };
    Some(match gf.rep {
        Rep::Plain | Rep::OptionalContainer => literal,
        Rep::Optional | Rep::Nullable => {
            cat!(
                ctx.use_helper(Helper::Ptr),
                "[",
                gf.base,
                "](",
                literal,
                ")"
            )
        }
        Rep::TriState => {
            ctx.use_helper(Helper::NullableType);
            cat!("NullableOf[", gf.base, "](", literal, ")")
        }
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
