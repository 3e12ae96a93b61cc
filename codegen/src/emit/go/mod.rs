//! go output (being written; see issue 3).

use crate::emit::GeneratedFile;
use crate::model::Contract;

/// Emits the go files for the given contracts.
pub fn emit_all(_contracts: &[Contract]) -> Vec<GeneratedFile> {
    Vec::new()
}
