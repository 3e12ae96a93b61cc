//! A message built from a contract's model and mutated
//! (`eventc_testkit::message`; the first byte picks the contract): the
//! validator's verdict, counting only the problems the generated decoders
//! are meant to see, must equal the generated Rust `decode_strict`'s.
//! `scripts/fuzz.sh` replays the corpus through the generated Go decoders.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(case) = eventc_testkit::differential::case(data) {
        if let Err(disagreement) = case.compare_rust() {
            panic!("{disagreement}");
        }
    }
});
