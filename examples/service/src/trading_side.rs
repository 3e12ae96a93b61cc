//! The `/trading` side: the trading-bot protocol (`contracts/trading.yaml`)
//! through the generated `eventc_generated::trading`.
//!
//! Keepalive follows the contract: the *server* pings. On open the server
//! sends `ping` in the `keepalive` envelope shape (`type` + unix-ms
//! `timestamp`, no `data`, no `ts`), then [`catalogue`]: one message of every
//! other event it sends, in the default shape (`type`, `data`, `ts`). The
//! client answers the ping with `pong` in the keepalive shape carrying the
//! ping's timestamp.
//!
//! Answers: a `pong` whose timestamp is not the ping's gets `error`
//! `PONG_MISMATCH`; a frame the strict decoder refuses gets `error`
//! `INVALID_MESSAGE`; an event only the server sends gets `error`
//! `WRONG_DIRECTION`; everything else (`connection`) is accepted silently.

use crate::time;
use eventc_generated::trading::{
    self, AiTask, AiTaskStatus, AiTaskType, Alert, AnyEvent, Balance, BalancePlatform, Balances,
    Bot, BotStatus, Connection, ConnectionMode, ConnectionStatus, Decision, DecisionAction,
    Direction, ErrorPayload, Exchange, MarketData, Maybe, Message, Metrics, RiskMode, Severity,
    Sizing, Stops, SystemHealth, Trade, TradeSide, TradeStatus, TradingMode, WalletEvent, Whale,
};
use serde_json::json;

/// The `ts` every catalogue message carries (fixed, so the frames are the
/// same in every run).
pub const CATALOGUE_TS: &str = "2026-01-14T16:50:00.000Z";

/// State of one `/trading` connection.
#[derive(Default)]
pub struct TradingSession {
    /// The timestamp of the ping sent on open, which the pong must repeat.
    ping_timestamp: i64,
}

impl crate::Session for TradingSession {
    fn open(&mut self) -> Vec<String> {
        self.ping_timestamp = time::now_ms();
        let mut ping = Message::new(trading::PingEvent);
        ping.timestamp = Some(self.ping_timestamp);
        let mut frames = vec![encode(&ping)];
        frames.extend(catalogue());
        frames
    }

    fn receive(&mut self, text: &str) -> Vec<String> {
        let message = match trading::decode_strict(text) {
            Ok(message) => message,
            Err(problem) => return vec![error("INVALID_MESSAGE", &problem.to_string(), text)],
        };
        if message.event.direction() == Direction::ServerToClient {
            let why = format!("`{}` is sent by the server only", message.event.name());
            return vec![error("WRONG_DIRECTION", &why, text)];
        }
        match message.event {
            AnyEvent::Pong(_) if message.timestamp != Some(self.ping_timestamp) => {
                let why = format!(
                    "pong must repeat the ping's timestamp {}",
                    self.ping_timestamp
                );
                vec![error("PONG_MISMATCH", &why, text)]
            }
            _ => Vec::new(),
        }
    }
}

/// The generated encoder's text for a message built here.
fn encode(message: &Message) -> String {
    trading::encode(message).expect("messages built by this server always encode")
}

/// A message of the default envelope shape with the fixed catalogue `ts`.
fn with_ts(event: impl Into<AnyEvent>, ts: &str) -> String {
    let mut message = Message::new(event);
    message.ts = Some(ts.to_owned());
    encode(&message)
}

/// The `error` event answering a frame: `details` quotes it.
fn error(code: &str, why: &str, received: &str) -> String {
    let payload = ErrorPayload {
        code: code.to_owned(),
        message: why.to_owned(),
        details: crate::excerpt(received).to_owned(),
    };
    with_ts(trading::ErrorEvent(payload), &time::rfc3339(time::now_ms()))
}

/// Every event the server sends other than `ping`, once, in contract order.
pub fn catalogue() -> Vec<String> {
    let events: Vec<AnyEvent> = vec![
        trading::ConnectionEvent(Connection {
            status: ConnectionStatus::Connected,
            mode: ConnectionMode::Ws,
        })
        .into(),
        trading::TradesEvent(Trade {
            id: "t-1".to_owned(),
            bot_id: "bot-1".to_owned(),
            platform: Exchange::Luno,
            symbol: "XBTZAR".to_owned(),
            side: TradeSide::Buy,
            quantity: 0.01,
            price: 1_250_000.0,
            total: 12_500.0,
            fee: 12.5,
            status: TradeStatus::Filled,
            pnl: None,
            timestamp: "2026-01-14T16:49:58.000Z".to_owned(),
        })
        .into(),
        trading::BotsEvent(Bot {
            id: "bot-1".to_owned(),
            name: "Momentum XBT".to_owned(),
            platform: Exchange::Luno,
            symbol: "XBTZAR".to_owned(),
            status: BotStatus::Running,
            trading_mode: TradingMode::Paper,
            risk_mode: RiskMode::Moderate,
            capital: 50_000.0,
            pnl: 1_234.56,
            trades_count: 42,
            win_rate: 0.62,
            last_trade: "2026-01-14T16:49:58.000Z".to_owned(),
        })
        .into(),
        trading::BalancesEvent(Balances {
            platform: BalancePlatform::All,
            balances: [
                (
                    "XBT".to_owned(),
                    Balance {
                        free: 0.5,
                        locked: 0.1,
                        total: 0.6,
                    },
                ),
                (
                    "ZAR".to_owned(),
                    Balance {
                        free: 10_000.0,
                        locked: 0.0,
                        total: 10_000.0,
                    },
                ),
            ]
            .into_iter()
            .collect(),
            total_value_zar: 760_000.0,
        })
        .into(),
        trading::DecisionsEvent(Decision {
            id: "d-1".to_owned(),
            bot_id: "bot-1".to_owned(),
            symbol: "XBTZAR".to_owned(),
            platform: Exchange::Luno,
            decision: DecisionAction::Buy,
            confidence: 0.8,
            reasoning: "RSI oversold, MACD crossing up".to_owned(),
            market_data: MarketData {
                price: 1_250_000.0,
                volume_24h: 35.2,
                rsi: 28.5,
                macd: "bullish".to_owned(),
            },
            regime_state: "trending".to_owned(),
            component_scores: [
                ("technical".to_owned(), 0.7),
                ("sentiment".to_owned(), 0.55),
            ]
            .into_iter()
            .collect(),
            sizing: Sizing {
                quantity: 0.01,
                capital: 12_500.0,
                risk_per_trade: 0.02,
            },
            stops: Stops {
                stop_loss: 1_200_000.0,
                take_profit: 1_350_000.0,
            },
            timestamp: "2026-01-14T16:49:57.000Z".to_owned(),
        })
        .into(),
        trading::MetricsEvent(Metrics {
            total_pnl: 4_321.0,
            total_pnl_percent: 4.3,
            active_bots: 3,
            total_bots: 5,
            total_trades: 420,
            win_rate: 0.58,
            exposure: 0.35,
            risk_level: RiskMode::Moderate,
            uptime_seconds: 86_400,
            trades_per_hour: 17.5,
        })
        .into(),
        trading::WhaleEvent(Whale {
            coin: "BTC".to_owned(),
            platform: Exchange::Binance,
            flow_type: "exchange_inflow".to_owned(),
            amount: 250.0,
            value_usd: 24_000_000.0,
            timestamp: "2026-01-14T16:45:00.000Z".to_owned(),
            signal: "bearish".to_owned(),
        })
        .into(),
        trading::AlertsEvent(Alert {
            id: "alert-1".to_owned(),
            severity: Severity::Warning,
            category: "risk".to_owned(),
            title: "Drawdown".to_owned(),
            message: "Bot drawdown above 5%".to_owned(),
            bot_id: "bot-2".to_owned(),
            platform: Exchange::Valr,
            action_required: true,
            timestamp: "2026-01-14T16:40:00.000Z".to_owned(),
        })
        .into(),
        trading::SystemHealthEvent(SystemHealth {
            status: "healthy".to_owned(),
            uptime: 86_400,
            cpu_percent: 23.5,
            memory_percent: 61.0,
            disk_percent: 40.2,
            database: "ok".to_owned(),
            redis: "ok".to_owned(),
            exchange_connections: [("luno".to_owned(), "connected".to_owned())]
                .into_iter()
                .collect(),
            last_trade: "2026-01-14T16:49:58.000Z".to_owned(),
            error_rate: 0.001,
        })
        .into(),
        trading::WalletEvent2(WalletEvent {
            event: "deposit_confirmed".to_owned(),
            platform: Exchange::Kraken,
            asset: "ETH".to_owned(),
            amount: 1.5,
            address: "0xabc".to_owned(),
            txid: "0xdef".to_owned(),
            confirmations: 12,
            status: "confirmed".to_owned(),
        })
        .into(),
        trading::AiTasksEvent(AiTask {
            task_id: "task-1".to_owned(),
            task_type: AiTaskType::LearningRun,
            status: AiTaskStatus::Running,
            progress: 0.5,
            result: Some(
                serde_json::value::to_raw_value(&json!({ "improved": true }))
                    .expect("a JSON value always serialises"),
            ),
            started_at: Maybe::Value("2026-01-14T16:00:00.000Z".to_owned()),
            completed_at: Maybe::Null,
        })
        .into(),
        trading::ErrorEvent(ErrorPayload {
            code: "INTERNAL_ERROR".to_owned(),
            message: "Exchange timeout".to_owned(),
            details: "kucoin did not answer within 10 s".to_owned(),
        })
        .into(),
    ];
    events
        .into_iter()
        .map(|event| with_ts(event, CATALOGUE_TS))
        .collect()
}
