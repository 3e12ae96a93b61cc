//! A contract's module and hand-written payloads checked against it, mixed
//! through the module's `Event` trait.

eventc_macros::include_contract!("tests/contracts/bagbot.yaml");
eventc_macros::include_contract!("./tests/contracts/../contracts/strict.yaml");

/// Every key, as the generated type has it.
#[derive(serde::Serialize, eventc_macros::Event)]
#[event(contract = "tests/contracts/bagbot.yaml", name = "worker.heartbeat")]
struct Heartbeat {
    worker_id: std::string::String,
    timestamp: i64,
    status: bagbot::WorkerStatus,
    current_job_id: Option<String>,
    /// Not on the wire.
    #[serde(skip)]
    _local: u8,
    /// Not declared: tolerated, the payload allows extra keys.
    host: Option<String>,
}

/// Renamed fields and borrowed strings; the module given explicitly.
#[derive(serde::Serialize, eventc_macros::Event)]
#[event(contract = "tests/contracts/bagbot.yaml", name = "worker.job.started", module = bagbot)]
#[serde(rename_all = "snake_case")]
struct JobStarted<'a> {
    #[serde(rename = "worker_id")]
    worker: &'a str,
    job_id: &'a str,
    job_path: String,
    timestamp: i64,
}

/// Optional and nullable, as `Maybe` or `Option<Option<…>>`.
#[derive(eventc_macros::Event)]
#[event(contract = "tests/contracts/strict.yaml", name = "ping")]
struct Ping {
    seq: u32,
    sent_at: i64,
    tags: Vec<String>,
    note: strict::Maybe<String>,
}

#[derive(eventc_macros::Event)]
#[event(contract = "tests/contracts/strict.yaml", name = "ping")]
struct PingTwice {
    seq: u32,
    sent_at: i64,
    tags: Vec<String>,
    note: Option<Option<String>>,
}

fn channel<E: bagbot::Event>() -> Option<&'static str> {
    E::CHANNEL
}

fn main() {
    assert_eq!(<Heartbeat as bagbot::Event>::NAME, "worker.heartbeat");
    assert_eq!(channel::<Heartbeat>(), channel::<bagbot::WorkerHeartbeatEvent>());
    assert_eq!(<JobStarted<'_> as bagbot::Event>::DIRECTION, bagbot::Direction::ServerToClient);
    assert_eq!(<Ping as strict::Event>::NAME, <PingTwice as strict::Event>::NAME);
    let _ = bagbot::decode;
}
