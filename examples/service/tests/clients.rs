//! The service example end to end: the server on an ephemeral loopback port,
//! the Go and the TypeScript client run against it as real processes, and
//! what each side sent and received compared.
//!
//! Each client checks the messages it reads itself (and exits non-zero on a
//! mismatch); this test checks the rest from both ends: every frame the
//! server sent was read by the client as the same message (the canonical
//! form, `eventc::validate::canonicalize`, of the server's frame and of the
//! client's re-encoding agree), and every frame the client sent reached the
//! server as intended (the aliased ping and the compressed heartbeat read by
//! the generated Rust, the invalid message refused, each answered as the
//! contract says).
//!
//! Needs `go`, `node` and `npm ci` (tsc, ws): without them the test panics
//! under CI and says SKIPPED otherwise.

use eventc::model::Contract;
use eventc::validate::{canonicalize, semantically_equal};
use eventc_example_service::clients::{self, Client, Clients};
use eventc_example_service::{serve, FrameLog, LoggedFrame, Way};
use eventc_generated::{trading, wse};
use serde_json::Value;
use std::io::Write as _;
use std::path::Path;

#[test]
fn go_and_typescript_clients_exchange_every_event_with_the_server() {
    if let Some(missing) = clients::missing_tools() {
        let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false");
        assert!(
            !ci,
            "{missing}, and CI is set: the service example cannot be tested"
        );
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED: service example clients: {missing}"
        );
        return;
    }
    let built = Clients::build(&Path::new(env!("CARGO_TARGET_TMPDIR")).join("service-clients"))
        .unwrap_or_else(|e| panic!("{e}"));
    let (port, log) = start_server();
    let wse_contract = contract("wse");
    let trading_contract = contract("trading");
    for client in [Client::Go, Client::Node] {
        let name = client.name();
        let stdout = built
            .run(client, port, &[])
            .unwrap_or_else(|e| panic!("{e}"));
        let summary: Value = serde_json::from_str(stdout.trim())
            .unwrap_or_else(|e| panic!("{name} summary is not JSON ({e}): {stdout}"));
        assert_eq!(summary["client"], name);
        assert!(
            summary["checks"].as_u64().is_some_and(|n| n > 50),
            "{name} ran too few checks: {summary}"
        );
        let frames = log.take();
        check_wse(
            name,
            &wse_contract,
            &summary["wse"],
            &frames_of(&frames, "/wse"),
        );
        check_trading(
            name,
            &trading_contract,
            &summary["trading"],
            &frames_of(&frames, "/trading"),
        );
    }
}

/// Starts the server on `127.0.0.1:0` on a thread of its own; its port and log.
fn start_server() -> (u16, FrameLog) {
    let listener = std::net::TcpListener::bind(("127.0.0.1", 0)).expect("a loopback port");
    listener
        .set_nonblocking(true)
        .expect("non-blocking listener");
    let port = listener.local_addr().expect("bound address").port();
    let log = FrameLog::recording();
    let server_log = log.clone();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()
        .expect("a tokio runtime");
    std::thread::spawn(move || {
        runtime.block_on(async {
            let listener = tokio::net::TcpListener::from_std(listener).expect("tokio listener");
            serve(listener, server_log).await.expect("the server runs");
        });
    });
    (port, log)
}

fn contract(name: &str) -> Contract {
    let path = clients::repository().join(format!("contracts/{name}.yaml"));
    let checked = eventc::load_and_check(&[path]).unwrap_or_else(|e| panic!("{name}: {e:?}"));
    checked.contracts.into_iter().next().expect("one contract")
}

/// The frames of the one connection on `path`, split into (sent, received).
fn frames_of(frames: &[LoggedFrame], path: &str) -> (Vec<String>, Vec<String>) {
    let of_path: Vec<&LoggedFrame> = frames.iter().filter(|f| f.path == path).collect();
    let connections: std::collections::BTreeSet<usize> =
        of_path.iter().map(|f| f.connection).collect();
    assert_eq!(
        connections.len(),
        1,
        "one connection on {path} per client run"
    );
    let texts = |way: Way| {
        of_path
            .iter()
            .filter(|f| f.way == way)
            .map(|f| f.text.clone())
            .collect()
    };
    (texts(Way::Sent), texts(Way::Received))
}

/// Every frame the server sent is, in canonical form, what the client read
/// and re-encoded.
fn check_received(client: &str, contract: &Contract, summary: &Value, sent: &[String]) {
    let received = summary["received"].as_array().expect("received list");
    assert_eq!(
        received.len(),
        sent.len(),
        "{client} read {} of the {} frames sent",
        received.len(),
        sent.len()
    );
    for (frame, read) in sent.iter().zip(received) {
        let server: Value = serde_json::from_str(frame).expect("the server writes JSON");
        let reencoded = read["reencoded"].as_str().expect("reencoded text");
        let client_side: Value = serde_json::from_str(reencoded).expect("the client writes JSON");
        let (server, client_side) = (
            canonicalize(contract, &server),
            canonicalize(contract, &client_side),
        );
        assert!(
            semantically_equal(&server, &client_side),
            "{client} read a different message.\nserver sent:   {server}\nclient re-encoded: {client_side}"
        );
    }
}

fn sent_names(summary: &Value) -> Vec<&str> {
    summary["sent"]
        .as_array()
        .expect("sent list")
        .iter()
        .map(|n| n.as_str().expect("event name"))
        .collect()
}

fn check_wse(
    client: &str,
    contract: &Contract,
    summary: &Value,
    (sent, received): &(Vec<String>, Vec<String>),
) {
    check_received(client, contract, summary, sent);
    assert_eq!(
        sent_names(summary),
        [
            "client_hello",
            "PING",
            "heartbeat",
            "order_update",
            "invalid"
        ]
    );
    assert_eq!(received.len(), 5, "{client}: the server got {received:?}");

    // What the server read, through the generated Rust.
    let hello = wse::decode_strict(&received[0]).expect("client_hello decodes");
    assert!(matches!(hello.event, wse::AnyEvent::ClientHello(_)));
    assert!(
        received[1].contains("\"type\":\"PING\"") && received[1].contains("\"payload\""),
        "{client} ping is not aliased: {}",
        received[1]
    );
    let ping = wse::decode_strict(&received[1]).expect("the aliased ping decodes");
    assert!(matches!(ping.event, wse::AnyEvent::Ping(_)));
    assert_eq!(ping.id, format!("{client}-ping-1"));
    assert!(
        received[2].contains("\"cmp\":true"),
        "{client} heartbeat is not compressed: {}",
        received[2]
    );
    let beat = wse::decode_strict(&received[2]).expect("the compressed heartbeat decodes");
    let wse::AnyEvent::Heartbeat(beat) = beat.event else {
        panic!("not a heartbeat")
    };
    let samples: Value = serde_json::from_str(beat.0.get()).expect("inflated payload is JSON");
    assert_eq!(samples["client"], client);
    assert_eq!(samples["samples"].as_array().map(Vec::len), Some(300));
    assert!(
        wse::decode_strict(&received[3]).is_ok(),
        "order_update decodes (it is refused by direction)"
    );
    assert!(
        wse::decode_strict(&received[4]).is_err(),
        "the invalid message must not decode"
    );

    // What the server answered: the catalogue, PONG, two errors.
    assert_eq!(
        sent.len(),
        23,
        "{client}: 20 catalogue messages, PONG, 2 errors"
    );
    let answer = |i: usize| wse::decode_strict(&sent[i]).expect("the server's frames decode");
    let pong = answer(20);
    assert!(
        matches!(pong.event, wse::AnyEvent::Pong(_))
            && pong.cid.as_deref() == Some(ping.id.as_str())
    );
    for (i, code) in [(21, "WRONG_DIRECTION"), (22, "INVALID_MESSAGE")] {
        let wse::AnyEvent::Error(error) = answer(i).event else {
            panic!("frame {i} is not an error")
        };
        assert_eq!(error.0.code, code);
    }
    let every: std::collections::BTreeSet<String> =
        sent.iter().map(|f| answer_name_wse(f)).collect();
    let sent_by_client = ["ping", "client_hello"];
    for event in all_events(contract) {
        assert!(
            every.contains(&event) || sent_by_client.contains(&event.as_str()),
            "no message of `{event}` went over /wse"
        );
    }
}

fn answer_name_wse(frame: &str) -> String {
    wse::decode_strict(frame)
        .expect("the server's frames decode")
        .event
        .name()
        .to_owned()
}

fn check_trading(
    client: &str,
    contract: &Contract,
    summary: &Value,
    (sent, received): &(Vec<String>, Vec<String>),
) {
    check_received(client, contract, summary, sent);
    assert_eq!(sent_names(summary), ["pong", "connection", "invalid"]);
    assert_eq!(received.len(), 3, "{client}: the server got {received:?}");

    let ping = trading::decode_strict(&sent[0]).expect("the server's ping decodes");
    assert!(
        matches!(ping.event, trading::AnyEvent::Ping(_))
            && ping.timestamp.is_some()
            && ping.ts.is_none()
    );
    let pong = trading::decode_strict(&received[0]).expect("the pong decodes");
    assert!(matches!(pong.event, trading::AnyEvent::Pong(_)));
    assert_eq!(
        pong.timestamp, ping.timestamp,
        "{client} pong repeats the ping's timestamp"
    );
    let pong_text: Value = serde_json::from_str(&received[0]).expect("JSON");
    assert_eq!(
        pong_text.as_object().map(|o| o.len()),
        Some(2),
        "keepalive shape is type + timestamp only: {pong_text}"
    );
    let connection = trading::decode_strict(&received[1]).expect("connection decodes");
    assert!(matches!(connection.event, trading::AnyEvent::Connection(_)));
    assert!(
        trading::decode_strict(&received[2]).is_err(),
        "the invalid message must not decode"
    );

    assert_eq!(
        sent.len(),
        14,
        "{client}: ping, 12 catalogue messages, 1 error"
    );
    let last = trading::decode_strict(&sent[13]).expect("decodes");
    let trading::AnyEvent::Error(error) = last.event else {
        panic!("the last frame is not an error")
    };
    assert_eq!(error.0.code, "INVALID_MESSAGE");
    let every: std::collections::BTreeSet<String> = sent
        .iter()
        .map(|f| {
            trading::decode_strict(f)
                .expect("decodes")
                .event
                .name()
                .to_owned()
        })
        .collect();
    for event in all_events(contract) {
        assert!(
            every.contains(&event) || event == "pong",
            "no message of `{event}` went over /trading"
        );
    }
}

/// The wire names of every event of a contract.
fn all_events(contract: &Contract) -> Vec<String> {
    contract.events.keys().cloned().collect()
}
