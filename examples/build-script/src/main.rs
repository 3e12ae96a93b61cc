//! A service that generates its contract module at build time and reads
//! worker heartbeats with it.

// `pub(crate) mod bagbot { … }`, written by build.rs.
include!(concat!(env!("OUT_DIR"), "/bagbot.rs"));

use std::collections::HashSet;

/// The distinct heartbeats among newline-delimited messages; other events
/// are skipped, a message that breaks the contract is an error.
fn heartbeats(lines: &str) -> Result<HashSet<bagbot::WorkerHeartbeat>, serde_json::Error> {
    let mut seen = HashSet::new();
    for line in lines.lines().filter(|l| !l.trim().is_empty()) {
        if let bagbot::AnyEvent::WorkerHeartbeat(event) = bagbot::decode(line)?.event {
            seen.insert(event.0);
        }
    }
    Ok(seen)
}

const INPUT: &str = r#"
{"channel":"workers","event":"worker.heartbeat","payload":{"worker_id":"w1","timestamp":1700000000,"status":"busy","current_job_id":"j7"}}
{"channel":"workers","event":"worker.heartbeat","payload":{"worker_id":"w1","timestamp":1700000000,"status":"busy","current_job_id":"j7"}}
{"channel":"system","event":"announce","payload":{"text":"maintenance at noon"}}
"#;

fn main() -> Result<(), serde_json::Error> {
    let seen = heartbeats(INPUT)?;
    println!("{} distinct heartbeat(s)", seen.len());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Equal heartbeats are one set entry: the Hash and Eq derives asked
    /// for in build.rs are on the generated type.
    #[test]
    fn duplicate_heartbeats_count_once() {
        assert_eq!(heartbeats(INPUT).map(|s| s.len()).ok(), Some(1));
    }

    /// A heartbeat whose status the contract does not list is refused.
    #[test]
    fn a_message_breaking_the_contract_is_an_error() {
        let bad = r#"{"channel":"workers","event":"worker.heartbeat","payload":{"worker_id":"w1","timestamp":1,"status":"asleep","current_job_id":null}}"#;
        assert!(heartbeats(bad).is_err());
    }
}
