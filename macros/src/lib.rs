//! Proc macros over eventc: a contract read when the crate compiles.
//!
//! - [`include_contract!`] expands to the module of a contract, exactly as
//!   `eventc::build::Builder` writes it for `include!`, with the contract's
//!   problems as compile errors.
//! - [`derive(Event)`](derive@Event) checks a hand-written payload struct
//!   against an event's payload in the contract and implements the
//!   generated module's `Event` trait for it.
//!
//! Both read the contract through the `eventc` library (load, check, the
//! one Rust emitter); nothing here knows the contract language.

mod contract;
mod derive;
mod serde_attrs;
mod types;

use proc_macro::TokenStream;

/// Expands to the module generated from a contract of this crate:
/// `include_contract!("contracts/bagbot.yaml")` is `pub mod bagbot { … }`,
/// the module `eventc::build::Builder` writes (the items of
/// `eventc generate`'s `bagbot.rs`).
///
/// The path is relative to the crate's root (the directory of its
/// `Cargo.toml`); an absolute path, or one leading out of the crate, is
/// refused. The expansion includes the contract's text
/// (`include_str!`), so editing the contract rebuilds the crate.
///
/// Every error of the contract is a compile error on the path, with its
/// `file:line:col`, source snippet and hint, as `eventc check` prints it.
///
/// ```ignore
/// eventc_macros::include_contract!("contracts/bagbot.yaml");
///
/// let message = bagbot::decode(r#"{"event":"announce","channel":"system","payload":{}}"#)?;
/// ```
#[proc_macro]
pub fn include_contract(input: TokenStream) -> TokenStream {
    let path = syn::parse_macro_input!(input as syn::LitStr);
    contract::include(&path).into()
}

/// Checks a hand-written struct against an event's payload in a contract,
/// and implements the `Event` trait of the contract's generated module for
/// it, so hand-written and generated payloads mix in one service.
///
/// ```ignore
/// #[derive(serde::Serialize, serde::Deserialize, eventc_macros::Event)]
/// #[event(contract = "contracts/bagbot.yaml", name = "worker.heartbeat")]
/// struct Heartbeat {
///     worker_id: String,
///     timestamp: i64,
///     status: bagbot::WorkerStatus,
///     current_job_id: Option<String>,
/// }
/// ```
///
/// `#[event(…)]` takes `contract` (relative to the crate's root, as for
/// [`include_contract!`]), `name` (the event's wire name) and optionally
/// `module`, the path of the contract's generated module (default
/// `crate::<contract>`, where `include_contract!` at the crate root puts it).
///
/// Each field's wire key (its name, `#[serde(rename)]`, or the struct's
/// `#[serde(rename_all)]`) must be a key of the payload, and each key of the
/// payload must have a field. A field's type must be the one the generated
/// payload type has: `Option<T>` exactly when the key is optional or
/// nullable (`Maybe<T>` or `Option<Option<T>>` when both), and the same
/// primitive (`String`, `i64`, `u32`, `f64`, `bool`, `Vec<…>`, a map).
/// A type of the crate's own where the contract has a primitive or a
/// named type is not checked (it may be a newtype or an alias).
/// `#[serde(skip)]` fields are not on the wire and are not checked;
/// `#[serde(flatten)]` is refused (the keys it brings cannot be seen).
/// A field the contract does not declare is accepted only when the payload
/// tolerates extra keys and the field is an `Option`.
///
/// Each mismatch is a compile error on the field (a missing key, on the
/// struct's name) saying what the contract expects.
///
/// The `Event` constants (`NAME`, `ALIASES`, `CHANNEL`, `DIRECTION`,
/// `CATEGORY`, `PRIORITY`) are those of the generated per-event type
/// (`WorkerHeartbeatEvent`), so the two cannot disagree.
#[proc_macro_derive(Event, attributes(event))]
pub fn derive_event(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    derive::event(&input).into()
}
