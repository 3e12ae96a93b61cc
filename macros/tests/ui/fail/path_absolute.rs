eventc_macros::include_contract!("/etc/events.yaml");

fn main() {}
