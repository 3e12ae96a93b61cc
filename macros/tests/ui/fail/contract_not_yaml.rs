eventc_macros::include_contract!("tests/bad_contracts/not-yaml.yaml");

fn main() {}
