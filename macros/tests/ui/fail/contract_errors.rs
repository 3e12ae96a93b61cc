eventc_macros::include_contract!("tests/contracts/multiple-errors.yaml");

fn main() {}
