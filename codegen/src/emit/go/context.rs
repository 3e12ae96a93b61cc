//! Per-contract emission context: the Go names of the contract's
//! declarations and the imports the code written so far needs.

use super::names::{self, Names};
use crate::model::hash::FastMap;
use crate::model::Contract;

/// Imports beyond the ones every package uses.
#[derive(Debug, Default)]
pub struct Needs {
    /// `compress/zlib`, `encoding/base64` and `io` (payload compression).
    pub compression: bool,
    /// `time` (constructors filling timestamps).
    pub time: bool,
}

/// Generation state of one contract.
pub struct Ctx<'c> {
    /// The contract.
    pub c: &'c Contract,
    /// Go names of its declarations.
    pub names: Names,
    /// Imports needed so far.
    pub needs: Needs,
    /// [`names::exported`] of each field identifier met so far (objects repeat them).
    exported: FastMap<String, String>,
}

impl<'c> Ctx<'c> {
    /// The context of `c`, every declaration named.
    pub fn new(c: &'c Contract) -> Self {
        Ctx {
            c,
            names: Names::of(c),
            needs: Needs::default(),
            exported: FastMap::default(),
        }
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
