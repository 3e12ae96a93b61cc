eventc_macros::include_contract!("tests/contracts/bagbot.yaml");

#[derive(eventc_macros::Event)]
#[event(contract = "tests/contracts/bagbot.yaml", name = "worker.heartbeat")]
struct Heartbeat {
    worker_id: String,
    timestamp: i64,
    status: bagbot::WorkerStatus,
}

fn main() {}
