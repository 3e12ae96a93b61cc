//! A service whose contract module comes from `include_contract!`, sending
//! a hand-written heartbeat type checked against the contract at compile
//! time and reading messages with the generated types.

eventc_macros::include_contract!("contracts/bagbot.yaml");

use bagbot::Event;

/// The service's own heartbeat type: `#[derive(Event)]` checks its keys and
/// types against the `worker.heartbeat` payload when the crate compiles.
#[derive(Debug, serde::Serialize, eventc_macros::Event)]
#[event(contract = "contracts/bagbot.yaml", name = "worker.heartbeat")]
struct Heartbeat<'a> {
    worker_id: &'a str,
    timestamp: i64,
    status: bagbot::WorkerStatus,
    current_job_id: Option<&'a str>,
}

/// The envelope of any event type of the contract, generated or
/// hand-written: its wire name and channel come from the `Event` trait.
fn envelope<E: Event + serde::Serialize>(payload: &E) -> serde_json::Value {
    serde_json::json!({
        "channel": E::CHANNEL,
        "event": E::NAME,
        "payload": payload,
    })
}

fn main() -> Result<(), serde_json::Error> {
    let beat = Heartbeat {
        worker_id: "w1",
        timestamp: 1_700_000_000,
        status: bagbot::WorkerStatus::Busy,
        current_job_id: None,
    };
    let text = envelope(&beat).to_string();
    println!("sent {text}");
    let received = bagbot::decode(&text)?;
    println!("received {:?}", received.event);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hand-written heartbeat sent with the trait's constants decodes as
    /// the generated event: the two types agree on the wire.
    #[test]
    fn hand_written_heartbeat_decodes_as_the_generated_event() {
        let beat = Heartbeat {
            worker_id: "w9",
            timestamp: 42,
            status: bagbot::WorkerStatus::Idle,
            current_job_id: Some("j1"),
        };
        let message = bagbot::decode(&envelope(&beat).to_string()).expect("decodes");
        let bagbot::AnyEvent::WorkerHeartbeat(event) = message.event else {
            panic!("not a heartbeat: {:?}", message.event);
        };
        assert_eq!(event.0.worker_id, "w9");
        assert_eq!(event.0.current_job_id.as_deref(), Some("j1"));
        assert_eq!(message.channel, "workers");
    }

    /// The trait's constants are the generated event type's.
    #[test]
    fn hand_written_and_generated_types_share_the_event_trait() {
        assert_eq!(Heartbeat::NAME, bagbot::WorkerHeartbeatEvent::NAME);
        assert_eq!(Heartbeat::CHANNEL, Some(bagbot::channels::WORKERS));
        assert_eq!(Heartbeat::DIRECTION, bagbot::Direction::ServerToClient);
    }
}
