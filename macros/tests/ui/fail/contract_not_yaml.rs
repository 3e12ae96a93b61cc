eventc_macros::include_contract!("tests/contracts/not-yaml.yaml");

fn main() {}
