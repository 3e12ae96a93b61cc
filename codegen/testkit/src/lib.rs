//! Test-only helpers shared by the cargo-fuzz targets (`fuzz/`) and the
//! property tests of this crate; nothing here is part of the `eventc`
//! library.
//!
//! - [`contract`]: a random contract (envelope style, events, fields of every
//!   kind of type, recursion, renames and aliases, constraints, hostile names
//!   and text) built from [`arbitrary::Unstructured`] bytes and written as
//!   YAML, so a fuzzer steers it and a seeded byte stream reproduces it;
//! - [`message`]: a message for one event of a loaded contract, built from
//!   its model and then mutated (wrong type, missing, extra, repeated or
//!   alias key, null, out of range, and values breaking a constant, a
//!   pattern, a length, RFC 3339 syntax or a derived field);
//! - [`decoders`]: the generated Rust decoder of every contract in
//!   `contracts/` and `tests/golden/contracts/`, with its model and
//!   validator;
//! - [`differential`]: one case of the validator-versus-decoders property;
//! - [`pipeline`]: load, check and generate one contract text in memory;
//! - [`bytes_from_seed`]: a deterministic byte stream for the seeded tests.

pub mod contract;
pub mod decoders;
pub mod differential;
pub mod message;
pub mod pipeline;

use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `len` pseudo-random bytes from `seed` (xorshift64*): the input a seeded
/// test hands to [`arbitrary::Unstructured`] in place of a fuzzer's.
pub fn bytes_from_seed(seed: u64, len: usize) -> Vec<u8> {
    let mut state = (seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03).max(1);
    let mut out = Vec::with_capacity(len + 8);
    while out.len() < len {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        out.extend_from_slice(&state.wrapping_mul(0x2545_F491_4F6C_DD1D).to_le_bytes());
    }
    out.truncate(len);
    out
}
