eventc_macros::include_contract!("tests/contracts/bagbot.yaml");

#[derive(serde::Serialize, eventc_macros::Event)]
#[event(contract = "tests/contracts/bagbot.yaml", name = "worker.heartbeat")]
#[serde(rename_all = "camelCase")]
struct Heartbeat {
    worker_id: String,
    timestamp: i64,
    status: bagbot::WorkerStatus,
    current_job_id: Option<String>,
}

fn main() {}
