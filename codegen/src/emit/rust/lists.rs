//! Formatting a message-level group whose lists grow with the contract (one
//! enum variant, match arm or constant per event) a run of elements at a
//! time.
//!
//! A group of a contract with 10,000 events would otherwise be one token
//! stream and one syntax tree of tens of thousands of arms, hundreds of
//! megabytes while prettyplease reads it. Instead the group is built and
//! formatted once as a skeleton, each list replaced by a placeholder
//! element, and then once per run of [`ELEMENTS_PER_RUN`] elements of one
//! list, between two marker elements; the text between the markers replaces
//! the placeholder. prettyplease ends every enum variant, match arm and item
//! with a forced line break and indents it by its depth alone, so a run
//! formatted inside the same skeleton is the same text as in the whole group.

use super::render;
use proc_macro2::TokenStream;
use quote::format_ident;
use quote::quote;
use std::cell::RefCell;
use std::ops::Range;

/// Elements of one list formatted together.
const ELEMENTS_PER_RUN: usize = 512;

/// What a list's elements are, which decides what its markers look like.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// Enum variants.
    Variant,
    /// Match arms.
    Arm,
    /// Items in a module.
    Item,
}

impl Kind {
    /// A marker element named `name`, and the line prettyplease formats it
    /// as (without indentation); neither can come from a contract.
    fn marker(self, name: &str) -> (TokenStream, String) {
        match self {
            Kind::Variant => {
                let ident = format_ident!("__Eventc{}", name);
                (quote!(#ident,), format!("{ident},"))
            }
            Kind::Arm => {
                let ident = format_ident!("__eventc_{}", name.to_lowercase());
                (quote!(#ident => {}), format!("{ident} => {{}}"))
            }
            Kind::Item => {
                let ident = format_ident!("__EVENTC_{}", name.to_uppercase());
                (
                    quote!(const #ident: () = ();),
                    format!("const {ident}: () = ();"),
                )
            }
        }
    }
}

/// The lists of one group, as the group's builder sees them: which part of
/// the group is being built (the skeleton, or a run of one list), and the
/// kind and length of each list met so far.
pub struct Lists {
    /// The list (by order of appearance) and run being built, if any.
    run: Option<(usize, Range<usize>)>,
    /// Kind and length of each list, in order of appearance.
    seen: RefCell<Vec<(Kind, usize)>>,
}

impl Lists {
    fn new(run: Option<(usize, Range<usize>)>) -> Self {
        Self {
            run,
            seen: RefCell::new(Vec::new()),
        }
    }

    /// The tokens of one list of the group: `element` of each of `items`,
    /// or, when another part of the group is being built, a placeholder
    /// (nothing for an empty list: prettyplease writes `{}` on one line).
    pub fn list<T>(
        &self,
        kind: Kind,
        items: impl ExactSizeIterator<Item = T>,
        element: impl FnMut(T) -> TokenStream,
    ) -> TokenStream {
        let mut seen = self.seen.borrow_mut();
        let index = seen.len();
        seen.push((kind, items.len()));
        if items.len() == 0 {
            return TokenStream::new();
        }
        match &self.run {
            Some((list, run)) if *list == index => {
                let (begin, _) = kind.marker("Begin");
                let (end, _) = kind.marker("End");
                let elements = items.skip(run.start).take(run.len()).map(element);
                quote!(#begin #(#elements)* #end)
            }
            _ => kind.marker(&format!("Slot{index}")).0,
        }
    }
}

/// Formats the group `build` makes, its lists a run at a time (see the
/// module documentation). `build` must make the same lists, in the same
/// order, each time it is called.
pub fn render_group(build: impl Fn(&Lists) -> TokenStream) -> String {
    let skeleton = Lists::new(None);
    let text = render(build(&skeleton));
    let lists = skeleton.seen.into_inner();
    if lists.is_empty() {
        return text;
    }
    let slots: Vec<String> = lists
        .iter()
        .enumerate()
        .map(|(index, (kind, _))| kind.marker(&format!("Slot{index}")).1)
        .collect();
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        match slots.iter().position(|slot| line.trim() == slot) {
            Some(index) => {
                let (kind, len) = lists[index];
                for start in (0..len).step_by(ELEMENTS_PER_RUN) {
                    let run = start..(start + ELEMENTS_PER_RUN).min(len);
                    let text = render(build(&Lists::new(Some((index, run)))));
                    out.push_str(between_markers(&text, kind));
                }
            }
            None => out.push_str(line),
        }
    }
    out
}

/// The lines of `text` between the begin and end markers of a list of `kind`.
fn between_markers(text: &str, kind: Kind) -> &str {
    let (_, begin) = kind.marker("Begin");
    let (_, end) = kind.marker("End");
    let mut offset = 0;
    let mut start = None;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed == begin {
            start = Some(offset + line.len());
        } else if trimmed == end {
            if let Some(start) = start {
                return &text[start..offset];
            }
        }
        offset += line.len();
    }
    panic!("eventc lost the markers of a {kind:?} list while formatting; this is a bug in eventc")
}
