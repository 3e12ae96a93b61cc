//! `MessageType`: the wire name of each event as a constant, and the
//! deprecated constants kept under legacy names.

use super::{const_block, discriminator_keys, event_docs, section};
use crate::emit::go::align::Row;
use crate::emit::go::context::Ctx;
use crate::emit::go::text::{comment_rows, deprecation, doc_lines, go_string, inline};
use crate::emit::printer::Printer;
use crate::model::*;

pub(super) fn message_types(ctx: &mut Ctx, p: &mut Printer) {
    let keys = discriminator_keys(ctx.c);
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
    for event in ctx.c.events.values() {
        if let Some(dep) = &event_docs(ctx, event).deprecated {
            rows.extend(comment_rows(doc_lines(
                &deprecation(dep),
                &Docs::default(),
                &[],
            )));
        }
        let konst = &ctx.names.event_consts[&event.name];
        rows.push(Row::Cells(vec![
            konst.clone(),
            "MessageType".to_owned(),
            format!("= {}", go_string(&event.name)),
        ]));
    }
    const_block(p, &rows);
}

pub(super) fn legacy_aliases(ctx: &mut Ctx, p: &mut Printer) {
    let mut rows = Vec::new();
    for event in ctx.c.events.values() {
        let target = &ctx.names.event_consts[&event.name];
        for legacy in &ctx.names.legacy[&event.name] {
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
