//! Compiles the expected Rust outputs of the golden fixture contracts
//! (`tests/golden/expected/rust/`); written by `UPDATE_GOLDEN=1 cargo test -p eventc --test rust_golden`.
#![deny(warnings)]

#[path = "../expected/rust/hostile.rs"]
#[rustfmt::skip]
pub mod hostile;

#[path = "../expected/rust/shapes.rs"]
#[rustfmt::skip]
pub mod shapes;
