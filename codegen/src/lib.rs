//! eventc: WebSocket event contracts as a single source of truth.
//!
//! Pipeline: [`load`] (YAML with spans) → [`model`] (the resolved IR) →
//! [`check`] → [`emit`] | [`validate`] (diff comes later). Every reader works
//! from the [`model::Contract`]; none re-reads YAML.

pub mod check;
pub mod diag;
pub mod emit;
pub mod load;
pub mod model;
pub mod naming;
pub mod pool;
pub mod source;
pub mod validate;
