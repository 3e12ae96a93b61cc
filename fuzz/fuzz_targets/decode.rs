//! Any bytes as a message for the generated Rust decoder of one contract
//! (the first byte picks which; one target for all of them, so one corpus
//! and one long run cover every module and inputs found for one contract
//! seed the others). `decode` and `decode_strict` never panic; what
//! `decode_strict` accepts encodes, decodes again and encodes to the same
//! text.
#![no_main]

use eventc_testkit::decoders::ALL;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&first, message)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(message) else {
        return;
    };
    let decoder = &ALL[usize::from(first) % ALL.len()];
    drop((decoder.decode)(text));
    if let Err(e) = (decoder.round_trip)(text) {
        panic!("{}: {e}\ninput: {text}", decoder.name);
    }
});
