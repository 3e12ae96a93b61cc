//! The message side of a package, one file per construct: the event-name
//! constants, channel addresses, the `Message` interface with `Decode`,
//! `DecodeStrict` and `Encode`, each envelope shape's struct with its reader
//! and writer, and each event's message struct, constructor and methods.

mod channels;
mod constructor;
mod dispatch;
mod envelope;
mod message;
mod message_types;

use super::align::{render, Row};
use super::context::Ctx;
use crate::emit::printer::Printer;
use crate::model::*;

/// Emits everything about messages, in file order.
pub fn emit_messages(ctx: &mut Ctx, p: &mut Printer) {
    message_types::message_types(ctx, p);
    message_types::legacy_aliases(ctx, p);
    channels::channels(ctx, p);
    dispatch::message_interface(ctx, p);
    dispatch::decode_fns(ctx, p);
    let keys: Vec<String> = ctx.c.envelopes.keys().cloned().collect();
    for key in keys {
        envelope::envelope(ctx, p, &key);
    }
    message::unknown_message(ctx, p);
    let events: Vec<&Event> = ctx.c.events.values().collect();
    for event in events {
        message::message(ctx, p, event);
    }
    crate::emit::go::checks::package_items(ctx, p);
}

/// A blank line, then `lines` (a doc comment) for the declaration that follows.
fn section(p: &mut Printer, lines: Vec<String>) {
    p.blank();
    for line in lines {
        p.line(line);
    }
}

/// `const ( … )` with its rows aligned as gofmt aligns them.
fn const_block(p: &mut Printer, rows: &[Row]) {
    p.block("const (", ")", |p| {
        for line in render(rows) {
            p.line(line);
        }
    });
}

/// The keys the event name is read from, canonical first (the default envelope's).
fn discriminator_keys(c: &Contract) -> Vec<String> {
    c.default_envelope()
        .discriminator_field()
        .map(|f| f.read_keys().map(str::to_owned).collect())
        .unwrap_or_else(|| vec![c.default_envelope().discriminator.clone()])
}

/// An event's docs, its replacement named by its Go constant when it is an
/// event, and not named again when the message names it.
fn event_docs(ctx: &Ctx, event: &Event) -> Docs {
    let mut docs = event.docs.clone();
    if let Some(dep) = docs.deprecated.as_mut() {
        if dep
            .replacement
            .as_ref()
            .is_some_and(|r| dep.message_names(r))
        {
            dep.replacement = None;
            return docs;
        }
        let konst = dep.replacement.as_ref().and_then(|r| {
            let target = ctx
                .c
                .events
                .values()
                .find(|e| e.wire_names().any(|n| n == r))?;
            ctx.names.event_consts.get(&target.name)
        });
        if let Some(k) = konst {
            dep.replacement = Some(k.clone());
        }
    }
    docs
}
