//! Per-contract emission context: the Go names of the contract's
//! declarations, and the imports and runtime helpers the code written so far
//! needs.

use super::names::{self, Names};
use super::repr;
use super::runtime::{Helper, Helpers};
use crate::emit::value_rules::{self, Rules};
use crate::model::Contract;
use indexmap::IndexSet;
use rustc_hash::FxHashMap as FastMap;
use std::cell::Cell;

/// Imports beyond the ones every package uses.
#[derive(Debug, Default)]
pub struct Needs {
    /// `compress/zlib`, `encoding/base64` and `io` (payload compression).
    pub compression: bool,
    /// `time` (constructors filling timestamps).
    pub time: bool,
    /// `regexp` (the contract's patterns).
    pub regexp: bool,
    /// `strings` (channel addresses with a prefix).
    pub strings: bool,
}

/// Generation state of one contract.
pub struct Ctx<'c> {
    /// The contract.
    pub c: &'c Contract,
    /// Go names of its declarations.
    pub names: Names,
    /// Imports needed so far.
    pub needs: Needs,
    /// The types whose values carry value rules (what `Validate` checks).
    pub rules: Rules<'c>,
    /// The contract's patterns, by index into the package's `patterns`.
    pub patterns: IndexSet<&'c str>,
    /// Whether the package checks channel addresses (`isAddressOf`): a
    /// `channel` value or a field derived from the event's channel.
    pub checks_channels: bool,
    /// Whether some value is of type `channel` (`isChannel`).
    pub channel_values: bool,
    /// Runtime helpers the code written so far calls.
    helpers: Cell<Helpers>,
    /// [`names::exported`] of each field identifier met so far (objects repeat them).
    exported: FastMap<String, String>,
}

impl<'c> Ctx<'c> {
    /// The context of `c`, every declaration named.
    pub fn new(c: &'c Contract) -> Self {
        let rules = Rules::of(c);
        let channel_values = value_rules::has_channel_values(c);
        let checks_channels = channel_values || value_rules::has_derived_channels(c);
        let patterns = rules.patterns(checks_channels);
        let mut helpers = Helpers::default();
        let timestamps = repr::timestamp_encodings(c);
        for enc in &timestamps {
            helpers.insert(repr::timestamp_helper(*enc));
        }
        Ctx {
            c,
            rules,
            patterns,
            checks_channels,
            channel_values,
            names: Names::of(c),
            needs: Needs {
                time: !timestamps.is_empty(),
                ..Needs::default()
            },
            helpers: Cell::new(helpers),
            exported: FastMap::default(),
        }
    }

    /// Records that the code calls `helper` (and so whatever it calls) and
    /// returns its Go name, to be written where it is called.
    pub fn use_helper(&self, helper: Helper) -> &'static str {
        let mut helpers = self.helpers.get();
        helpers.insert(helper);
        self.helpers.set(helpers);
        helper.name()
    }

    /// The runtime helpers recorded so far.
    pub fn helpers(&self) -> Helpers {
        self.helpers.get()
    }

    /// [`names::exported`]`(ident)`, computed once per identifier.
    pub fn exported(&mut self, ident: &str) -> String {
        if let Some(name) = self.exported.get(ident) {
            return name.clone();
        }
        let name = names::exported(ident);
        self.exported.insert(ident.to_owned(), name.clone());
        name
    }
}
