//! A fast, deterministic hasher for lookup tables keyed by contract names.
//!
//! The standard library's SipHash resists hash flooding, which a tool reading
//! its own contracts does not need, and costs several times more per key. The
//! function here is the multiply-rotate hash of Firefox and rustc (FxHash).
//! Tables built with it are only looked up, never iterated into output, so
//! output stays deterministic whatever the hash.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// The FxHash state: one word, mixed with a rotate, an xor and a multiply.
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

/// The multiplier of FxHash (from the golden ratio).
const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

/// Builds [`FxHasher`]s.
pub type FastBuildHasher = BuildHasherDefault<FxHasher>;

/// A `HashMap` hashed with [`FxHasher`] (never iterate it into output).
pub type FastMap<K, V> = HashMap<K, V, FastBuildHasher>;

/// A `HashSet` hashed with [`FxHasher`] (never iterate it into output).
pub type FastSet<T> = HashSet<T, FastBuildHasher>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_was_inserted_and_nothing_else() {
        let mut set = FastSet::default();
        for i in 0..1000 {
            set.insert(format!("field_{i}"));
        }
        assert!((0..1000).all(|i| set.contains(&format!("field_{i}"))));
        assert!(!set.contains("field_1000"));
        assert!(!set.contains(""));
    }

    #[test]
    fn hashes_depend_on_every_byte() {
        let hash = |s: &str| {
            let mut h = FxHasher::default();
            h.write(s.as_bytes());
            h.finish()
        };
        assert_ne!(hash("abcdefgh1"), hash("abcdefgh2"));
        assert_ne!(hash("a"), hash("b"));
    }
}
