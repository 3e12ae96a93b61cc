//! Proc macros for eventc.
//!
//! This crate is intentionally empty until the macro issue lands: the macros
//! will be a thin layer over `eventc`'s resolved contract model.
