eventc_macros::include_contract!("tests/contracts/bagbot.yaml");

#[derive(serde::Serialize, eventc_macros::Event)]
#[event(contract = "tests/contracts/bagbot.yaml", name = "worker.heartbeat")]
struct Heartbeat {
    worker_id: String,
    #[serde(flatten)]
    rest: std::collections::BTreeMap<String, String>,
}

fn main() {}
