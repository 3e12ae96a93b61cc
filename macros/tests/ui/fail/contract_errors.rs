eventc_macros::include_contract!("tests/bad_contracts/multiple-errors.yaml");

fn main() {}
