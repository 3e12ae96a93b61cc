//! A contract drawn by `eventc_testkit::contract` from the fuzzer's bytes
//! (most of them pass `check`), then load, check and generate in memory.
//! Nothing may panic or hang.
#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    if let Ok(yaml) = eventc_testkit::contract::yaml(&mut u) {
        drop(eventc_testkit::pipeline::run(&yaml));
    }
});
