//! A message built from a contract's model and mutated
//! (`eventc_testkit::message`; the first byte picks the contract): the
//! validator's verdict must equal the generated Rust `decode_strict`'s, and
//! when Rust refuses on value rules, with the codes of the same problems.
//! `scripts/fuzz.sh` replays the corpus through the generated Go and
//! TypeScript decoders.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(case) = eventc_testkit::differential::case(data) {
        if let Err(disagreement) = case.compare_rust() {
            panic!("{disagreement}");
        }
    }
});
