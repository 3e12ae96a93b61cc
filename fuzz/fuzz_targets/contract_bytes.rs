//! Any bytes as a contract file: load, check and, when accepted, generate
//! every target language in memory. Nothing may panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        drop(eventc_testkit::pipeline::run(text));
    }
});
