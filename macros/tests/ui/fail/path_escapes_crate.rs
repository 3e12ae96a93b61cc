eventc_macros::include_contract!("tests/../../contracts/bagbot.yaml");

fn main() {}
