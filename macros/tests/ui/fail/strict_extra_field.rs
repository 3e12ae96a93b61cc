eventc_macros::include_contract!("tests/contracts/strict.yaml");

#[derive(eventc_macros::Event)]
#[event(contract = "tests/contracts/strict.yaml", name = "ping")]
struct Ping {
    seq: u32,
    sent_at: i64,
    tags: Vec<String>,
    note: strict::Maybe<String>,
    extra: Option<String>,
}

fn main() {}
