//! Any bytes as a message line, validated against one contract of
//! `contracts/` or `tests/golden/contracts/` (the first byte picks which).
//! Nothing may panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&first, message)) = data.split_first() else {
        return;
    };
    let contracts = eventc_testkit::decoders::contracts();
    let contract = &contracts[usize::from(first) % contracts.len()];
    drop(eventc::validate::Validator::new(contract).validate_bytes(message));
});
