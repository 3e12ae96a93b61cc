//! The one place a change becomes a verdict.
//!
//! Each rule says what its change does to the set of messages the contract
//! allows ([`Change`]), having already applied the contract's policy (a
//! tolerant reader makes an added key [`Change::Safe`], an open enum makes an
//! added value safe, and so on). [`severity`] then asks who reads the
//! messages ([`Readers`]):
//!
//! | change | clients read (server→client) | server reads (client→server) | both | nobody |
//! |---|---|---|---|---|
//! | widens: new messages may be ones old readers refuse | error | info | error | info |
//! | narrows: old messages may be ones new readers refuse | info | error | error | info |
//! | incompatible: both | error | error | error | info |
//! | undecidable from the contract (a changed pattern) | warning | warning | warning | info |
//! | safe | info | info | info | info |
//!
//! Old clients read what the new server writes, so widening breaks them; the
//! new server reads what old clients write — everything the old contract
//! accepted, alias spellings and open-enum values included — so narrowing
//! breaks it.

use super::{Readers, Severity};
use crate::model::Senders;

/// What a change does to the set of messages a part of the contract allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// The new contract allows messages the old one refused.
    Widens,
    /// The new contract refuses messages the old one allowed.
    Narrows,
    /// Both: some old messages are refused and some new ones are unknown.
    Incompatible,
    /// Whether messages change cannot be told from the contract.
    Undecidable,
    /// No reader can be hurt.
    Safe,
}

impl Change {
    /// The change made of both: widening and narrowing together are incompatible.
    pub fn and(self, other: Change) -> Change {
        use Change::*;
        match (self, other) {
            (Safe, c) | (c, Safe) => c,
            (a, b) if a == b => a,
            (Undecidable, c) | (c, Undecidable) => c,
            _ => Incompatible,
        }
    }

    /// `Widens` when `wider`, else `Safe`.
    pub fn widens_if(wider: bool) -> Change {
        if wider {
            Change::Widens
        } else {
            Change::Safe
        }
    }

    /// `Narrows` when `narrower`, else `Safe`.
    pub fn narrows_if(narrower: bool) -> Change {
        if narrower {
            Change::Narrows
        } else {
            Change::Safe
        }
    }
}

/// The verdict for a change reaching these readers (the table in the module docs).
pub fn severity(change: Change, readers: Readers) -> Severity {
    use Change::*;
    match (change, readers) {
        (_, Readers::None) | (Safe, _) => Severity::Info,
        (Undecidable, _) => Severity::Warning,
        (Widens, Readers::Server) | (Narrows, Readers::Clients) => Severity::Info,
        (Widens | Narrows | Incompatible, _) => Severity::Error,
    }
}

impl Readers {
    /// Who reads messages sent by these senders.
    pub fn of(senders: Senders) -> Readers {
        match (senders.clients, senders.server) {
            (true, true) => Readers::Both,
            (true, false) => Readers::Server,
            (false, true) => Readers::Clients,
            (false, false) => Readers::None,
        }
    }

    /// Readers of either part.
    pub fn union(self, other: Readers) -> Readers {
        match (self, other) {
            (Readers::None, r) | (r, Readers::None) => r,
            (a, b) if a == b => a,
            _ => Readers::Both,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{severity, Change, Readers, Severity};

    /// The table of the module docs, row by row.
    #[test]
    fn verdicts_follow_the_table() {
        use Severity::{Error as E, Info as I, Warning as W};
        let readers = [
            Readers::Clients,
            Readers::Server,
            Readers::Both,
            Readers::None,
        ];
        let rows = [
            (Change::Widens, [E, I, E, I]),
            (Change::Narrows, [I, E, E, I]),
            (Change::Incompatible, [E, E, E, I]),
            (Change::Undecidable, [W, W, W, I]),
            (Change::Safe, [I, I, I, I]),
        ];
        for (change, expected) in rows {
            let got: Vec<Severity> = readers.iter().map(|r| severity(change, *r)).collect();
            assert_eq!(got, expected, "{change:?}");
        }
    }

    /// Widening and narrowing together are incompatible; safe changes add nothing.
    #[test]
    fn changes_combine() {
        assert_eq!(Change::Widens.and(Change::Narrows), Change::Incompatible);
        assert_eq!(Change::Safe.and(Change::Narrows), Change::Narrows);
        assert_eq!(Change::Widens.and(Change::Widens), Change::Widens);
        assert_eq!(Change::Undecidable.and(Change::Widens), Change::Widens);
    }
}
