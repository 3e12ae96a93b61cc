//! Compile-pass and compile-fail cases of `include_contract!` and
//! `#[derive(Event)]` (expected compiler output in `ui/fail/*.stderr`,
//! stable under the toolchain of rust-toolchain.toml; `TRYBUILD=overwrite`
//! rewrites them).

#[test]
fn ui() {
    // trybuild compiles each case as a crate of its own under target/:
    // contract paths stay relative to this crate.
    std::env::set_var("EVENTC_MANIFEST_DIR", env!("CARGO_MANIFEST_DIR"));
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/fail/*.rs");
}
