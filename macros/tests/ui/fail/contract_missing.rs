eventc_macros::include_contract!("tests/contracts/missing.yaml");

fn main() {}
