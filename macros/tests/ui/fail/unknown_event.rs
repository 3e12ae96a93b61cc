eventc_macros::include_contract!("tests/contracts/bagbot.yaml");

#[derive(eventc_macros::Event)]
#[event(contract = "tests/contracts/bagbot.yaml", name = "worker.hearbeat")]
struct Heartbeat {
    worker_id: String,
}

fn main() {}
