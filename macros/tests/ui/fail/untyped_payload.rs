eventc_macros::include_contract!("tests/contracts/bagbot.yaml");

#[derive(eventc_macros::Event)]
#[event(contract = "tests/contracts/bagbot.yaml", name = "announce")]
struct Announce {
    text: String,
}

fn main() {}
