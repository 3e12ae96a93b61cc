//! A WebSocket server that speaks two bundled contracts through the code
//! eventc generated for them (crate `eventc-generated`), and the tools that
//! build and run its Go and TypeScript clients.
//!
//! Each path speaks one contract: `/wse` the WSE protocol v2 (`contracts/wse.yaml`),
//! `/trading` the trading-bot protocol (`contracts/trading.yaml`), and
//! `/bench/generated`, `/bench/dynamic` the round trip the benchmark times.
//! What a connection does is a [`Session`]: plain functions from frames
//! received to frames to send, so the transport ([`serve`]) knows no contract.

pub mod bench;
pub mod clients;
pub mod time;
pub mod trading_side;
pub mod wse_side;

use futures_util::{SinkExt as _, StreamExt as _};
use std::sync::{Arc, Mutex};
use tokio::net::{TcpListener, TcpStream};
use tokio_tungstenite::tungstenite::handshake::server::{ErrorResponse, Request, Response};
use tokio_tungstenite::tungstenite::http::StatusCode;
use tokio_tungstenite::tungstenite::Message as Frame;

/// What one WebSocket connection does with the text frames it gets.
pub trait Session: Send {
    /// The frames to send as soon as the connection is open.
    fn open(&mut self) -> Vec<String>;
    /// The frames to send in answer to one text frame from the client.
    fn receive(&mut self, text: &str) -> Vec<String>;
}

/// The session a request path asks for, or `None` for a path nobody serves.
pub fn session_for(path: &str) -> Option<Box<dyn Session>> {
    match path {
        "/wse" => Some(Box::new(wse_side::WseSession::default())),
        "/trading" => Some(Box::new(trading_side::TradingSession::default())),
        "/bench/generated" => Some(Box::new(bench::GeneratedEcho::default())),
        "/bench/dynamic" => Some(Box::new(bench::DynamicEcho::default())),
        _ => None,
    }
}

/// Which way a logged frame went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Way {
    /// From the server to the client.
    Sent,
    /// From the client to the server.
    Received,
}

/// One text frame the server sent or received.
#[derive(Clone, Debug)]
pub struct LoggedFrame {
    /// Number of the connection (in the order they were accepted).
    pub connection: usize,
    /// The request path of the connection.
    pub path: String,
    /// Which way the frame went.
    pub way: Way,
    /// The frame's text.
    pub text: String,
}

/// Every text frame of every connection, in order, for a test to inspect;
/// [`FrameLog::off`] keeps nothing (the benchmark).
#[derive(Clone, Default)]
pub struct FrameLog(Option<Arc<Mutex<Vec<LoggedFrame>>>>);

impl FrameLog {
    /// A log that keeps every frame.
    pub fn recording() -> Self {
        FrameLog(Some(Arc::default()))
    }

    /// A log that keeps nothing.
    pub fn off() -> Self {
        FrameLog(None)
    }

    /// The frames logged since the last call, removed from the log.
    pub fn take(&self) -> Vec<LoggedFrame> {
        match &self.0 {
            Some(frames) => frames
                .lock()
                .map(|mut f| std::mem::take(&mut *f))
                .unwrap_or_default(),
            None => Vec::new(),
        }
    }

    fn push(&self, connection: usize, path: &str, way: Way, text: &str) {
        if let Some(frames) = &self.0 {
            if let Ok(mut frames) = frames.lock() {
                frames.push(LoggedFrame {
                    connection,
                    path: path.to_owned(),
                    way,
                    text: text.to_owned(),
                });
            }
        }
    }
}

/// Accepts connections on `listener` until the task is dropped; each runs
/// the [`Session`] of its request path (other paths get 404 at the handshake).
pub async fn serve(listener: TcpListener, log: FrameLog) -> std::io::Result<()> {
    let mut count = 0;
    loop {
        let (stream, _) = listener.accept().await?;
        stream.set_nodelay(true)?;
        count += 1;
        let log = log.clone();
        tokio::spawn(async move {
            if let Err(error) = connection(stream, count, log).await {
                eprintln!("connection {count}: {error}");
            }
        });
    }
}

/// Runs one connection: handshake (choosing the session by path), the
/// session's opening frames, then one answer per text frame until close.
async fn connection(
    stream: TcpStream,
    number: usize,
    log: FrameLog,
) -> Result<(), tokio_tungstenite::tungstenite::Error> {
    let mut path = String::new();
    let mut session = None;
    // The result type is tungstenite's handshake `Callback`, not ours.
    #[allow(clippy::result_large_err)]
    let choose = |request: &Request, response: Response| -> Result<Response, ErrorResponse> {
        path = request.uri().path().to_owned();
        session = session_for(&path);
        if session.is_some() {
            Ok(response)
        } else {
            let mut refusal = ErrorResponse::new(Some(format!("no contract is served at {path}")));
            *refusal.status_mut() = StatusCode::NOT_FOUND;
            Err(refusal)
        }
    };
    let mut socket = tokio_tungstenite::accept_hdr_async(stream, choose).await?;
    let Some(mut session) = session else {
        return Ok(());
    };
    send_all(&mut socket, session.open(), number, &path, &log).await?;
    while let Some(frame) = socket.next().await {
        // Ping, pong and close frames are answered by tungstenite (the stream
        // ends once the close handshake is done); binary frames are not part
        // of either contract.
        if let Frame::Text(text) = frame? {
            log.push(number, &path, Way::Received, text.as_str());
            let answers = session.receive(text.as_str());
            send_all(&mut socket, answers, number, &path, &log).await?;
        }
    }
    Ok(())
}

async fn send_all(
    socket: &mut tokio_tungstenite::WebSocketStream<TcpStream>,
    frames: Vec<String>,
    number: usize,
    path: &str,
    log: &FrameLog,
) -> Result<(), tokio_tungstenite::tungstenite::Error> {
    if frames.is_empty() {
        return Ok(());
    }
    for text in frames {
        log.push(number, path, Way::Sent, &text);
        socket.feed(Frame::text(text)).await?;
    }
    socket.flush().await
}

/// Text of a received frame short enough to quote back in an error.
fn excerpt(text: &str) -> &str {
    const LIMIT: usize = 200;
    match text.char_indices().nth(LIMIT) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}
