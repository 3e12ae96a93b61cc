//! `ChannelType`: a constant per fixed channel address, a function per
//! address with `{param}` placeholders.

use super::{const_block, section};
use crate::emit::go::align::Row;
use crate::emit::go::context::Ctx;
use crate::emit::go::names::lower_ident;
use crate::emit::go::repr::go_type;
use crate::emit::go::text::{cat, comment_rows, doc_lines, go_string};
use crate::emit::printer::Printer;
use crate::model::*;

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

pub(super) fn channels(ctx: &mut Ctx, p: &mut Printer) {
    section(
        p,
        vec!["// ChannelType is the address of a channel.".to_owned()],
    );
    p.line("type ChannelType string");
    let mut rows = Vec::new();
    let mut templates = Vec::new();
    for ch in ctx.c.channels.values() {
        let segs = address(ch);
        let name = ctx.names.channels[&ch.name].clone();
        match segs.as_slice() {
            [] | [Seg::Lit(_)] => {
                rows.extend(comment_rows(doc_lines("", &ch.docs, &renamed_note(ch))));
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
        channel_fn(ctx, p, ch, &name, &segs);
    }
}

/// The note on a renamed channel: its old address, which readers still accept.
fn renamed_note(ch: &Channel) -> Vec<String> {
    ch.renamed_from
        .iter()
        .map(|old| {
            format!(
                "Renamed from {}, which readers still accept.",
                go_string(&old.from)
            )
        })
        .collect()
}

fn channel_fn(ctx: &Ctx, p: &mut Printer, ch: &Channel, name: &str, segs: &[Seg]) {
    let head = format!(
        "{name} returns the address of channel {} ({}).",
        go_string(&ch.name),
        go_string(&ch.address)
    );
    section(p, doc_lines(&head, &ch.docs, &renamed_note(ch)));
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
                let go = go_type(&ctx.names, &ty);
                parts.push(match ctx.c.resolve(&ty) {
                    TypeRef::String(_) => ident.clone(),
                    TypeRef::Timestamp(TimestampEncoding::Rfc3339) => cat!(ident, ".String()"),
                    t if ctx.c.is_string_valued(t) => format!("string({ident})"),
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
