//! Hand-written serde types for the trading contract (`contracts/trading.yaml`),
//! the baselines the generated `eventc_generated::trading` code is measured
//! against.
//!
//! Field types match what the Rust emitter produces for the same contract:
//! `String` for strings and RFC 3339 timestamps, `i64` for integers and unix-ms
//! timestamps, `f64` for numbers, `Option<T>` for nullable (or optional)
//! fields, `Option<Option<T>>` for fields both optional and nullable (absent /
//! `null` / value), `BTreeMap<String, T>` for maps, closed enums as derived
//! enums, and `Box<serde_json::value::RawValue>` for `json` values. Unknown keys are tolerated
//! (serde's default, as in the contract).
//!
//! One exception: serde's internally tagged enums (`#[serde(tag = "type")]`)
//! buffer the message into serde's private `Content` before decoding the
//! variant, and `RawValue` cannot be decoded from that buffer. [`AiTask`] is
//! therefore generic over the type of its `result` (a `json` value):
//! [`TaggedMessage`] uses `serde_json::Value`, the plain envelope uses
//! `Box<RawValue>` like the generated code. Only the `ai_tasks` vectors differ.

use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;

/// `Exchange`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Exchange {
    /// `luno`.
    Luno,
    /// `binance`.
    Binance,
    /// `kucoin`.
    Kucoin,
    /// `kraken`.
    Kraken,
    /// `valr`.
    Valr,
}

/// `BalancePlatform`: an exchange or `all`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BalancePlatform {
    /// `luno`.
    Luno,
    /// `binance`.
    Binance,
    /// `kucoin`.
    Kucoin,
    /// `kraken`.
    Kraken,
    /// `valr`.
    Valr,
    /// `all`.
    All,
}

/// `ConnectionStatus`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConnectionStatus {
    /// `connected`.
    Connected,
    /// `disconnected`.
    Disconnected,
    /// `error`.
    Error,
}

/// `ConnectionMode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConnectionMode {
    /// `ws`.
    Ws,
    /// `polling`.
    Polling,
}

/// `TradeSide`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TradeSide {
    /// `buy`.
    Buy,
    /// `sell`.
    Sell,
}

/// `TradeStatus`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TradeStatus {
    /// `pending`.
    Pending,
    /// `filled`.
    Filled,
    /// `cancelled`.
    Cancelled,
    /// `failed`.
    Failed,
}

/// `BotStatus`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BotStatus {
    /// `running`.
    Running,
    /// `stopped`.
    Stopped,
    /// `paused`.
    Paused,
    /// `error`.
    Error,
}

/// `TradingMode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TradingMode {
    /// `paper`.
    Paper,
    /// `live`.
    Live,
}

/// `RiskMode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskMode {
    /// `conservative`.
    Conservative,
    /// `moderate`.
    Moderate,
    /// `aggressive`.
    Aggressive,
}

/// `DecisionAction`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionAction {
    /// `buy`.
    Buy,
    /// `sell`.
    Sell,
    /// `hold`.
    Hold,
}

/// `Severity`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// `info`.
    Info,
    /// `warning`.
    Warning,
    /// `error`.
    Error,
    /// `critical`.
    Critical,
}

/// `AiTaskType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AiTaskType {
    /// `bodyguard_check`.
    BodyguardCheck,
    /// `learning_run`.
    LearningRun,
    /// `bot_evolution`.
    BotEvolution,
    /// `insights_generation`.
    InsightsGeneration,
    /// `prediction`.
    Prediction,
    /// `profit_reinvestment`.
    ProfitReinvestment,
}

/// `AiTaskStatus`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AiTaskStatus {
    /// `queued`.
    Queued,
    /// `running`.
    Running,
    /// `completed`.
    Completed,
    /// `failed`.
    Failed,
}

/// `Connection`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Connection {
    /// `status`.
    pub status: ConnectionStatus,
    /// `mode`.
    pub mode: ConnectionMode,
}

/// `Trade`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Trade {
    /// `id`.
    pub id: String,
    /// `bot_id`.
    pub bot_id: String,
    /// `platform`.
    pub platform: Exchange,
    /// `symbol`.
    pub symbol: String,
    /// `side`.
    pub side: TradeSide,
    /// `quantity`.
    pub quantity: f64,
    /// `price`.
    pub price: f64,
    /// `total`.
    pub total: f64,
    /// `fee`.
    pub fee: f64,
    /// `status`.
    pub status: TradeStatus,
    /// `pnl` (nullable).
    pub pnl: Option<f64>,
    /// `timestamp` (RFC 3339).
    pub timestamp: String,
}

/// `Bot`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Bot {
    /// `id`.
    pub id: String,
    /// `name`.
    pub name: String,
    /// `platform`.
    pub platform: Exchange,
    /// `symbol`.
    pub symbol: String,
    /// `status`.
    pub status: BotStatus,
    /// `trading_mode`.
    pub trading_mode: TradingMode,
    /// `risk_mode`.
    pub risk_mode: RiskMode,
    /// `capital`.
    pub capital: f64,
    /// `pnl`.
    pub pnl: f64,
    /// `trades_count`.
    pub trades_count: i64,
    /// `win_rate`.
    pub win_rate: f64,
    /// `last_trade` (RFC 3339).
    pub last_trade: String,
}

/// `Balance`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Balance {
    /// `free`.
    pub free: f64,
    /// `locked`.
    pub locked: f64,
    /// `total`.
    pub total: f64,
}

/// `Balances`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Balances {
    /// `platform`.
    pub platform: BalancePlatform,
    /// `balances`.
    pub balances: BTreeMap<String, Balance>,
    /// `total_value_zar`.
    pub total_value_zar: f64,
}

/// `MarketData`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MarketData {
    /// `price`.
    pub price: f64,
    /// `volume_24h`.
    pub volume_24h: f64,
    /// `rsi`.
    pub rsi: f64,
    /// `macd`.
    pub macd: String,
}

/// `Sizing`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Sizing {
    /// `quantity`.
    pub quantity: f64,
    /// `capital`.
    pub capital: f64,
    /// `risk_per_trade`.
    pub risk_per_trade: f64,
}

/// `Stops`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Stops {
    /// `stop_loss`.
    pub stop_loss: f64,
    /// `take_profit`.
    pub take_profit: f64,
}

/// `Decision`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Decision {
    /// `id`.
    pub id: String,
    /// `bot_id`.
    pub bot_id: String,
    /// `symbol`.
    pub symbol: String,
    /// `platform`.
    pub platform: Exchange,
    /// `decision`.
    pub decision: DecisionAction,
    /// `confidence`.
    pub confidence: f64,
    /// `reasoning`.
    pub reasoning: String,
    /// `market_data`.
    pub market_data: MarketData,
    /// `regime_state`.
    pub regime_state: String,
    /// `component_scores`.
    pub component_scores: BTreeMap<String, f64>,
    /// `sizing`.
    pub sizing: Sizing,
    /// `stops`.
    pub stops: Stops,
    /// `timestamp` (RFC 3339).
    pub timestamp: String,
}

/// `Metrics`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Metrics {
    /// `total_pnl`.
    pub total_pnl: f64,
    /// `total_pnl_percent`.
    pub total_pnl_percent: f64,
    /// `active_bots`.
    pub active_bots: i64,
    /// `total_bots`.
    pub total_bots: i64,
    /// `total_trades`.
    pub total_trades: i64,
    /// `win_rate`.
    pub win_rate: f64,
    /// `exposure`.
    pub exposure: f64,
    /// `risk_level`.
    pub risk_level: String,
    /// `uptime_seconds`.
    pub uptime_seconds: i64,
    /// `trades_per_hour`.
    pub trades_per_hour: f64,
}

/// `Whale`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Whale {
    /// `coin`.
    pub coin: String,
    /// `platform`.
    pub platform: Exchange,
    /// `flow_type`.
    pub flow_type: String,
    /// `amount`.
    pub amount: f64,
    /// `value_usd`.
    pub value_usd: f64,
    /// `timestamp` (RFC 3339).
    pub timestamp: String,
    /// `signal`.
    pub signal: String,
}

/// `Alert`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Alert {
    /// `id`.
    pub id: String,
    /// `severity`.
    pub severity: Severity,
    /// `category`.
    pub category: String,
    /// `title`.
    pub title: String,
    /// `message`.
    pub message: String,
    /// `bot_id`.
    pub bot_id: String,
    /// `platform`.
    pub platform: Exchange,
    /// `action_required`.
    pub action_required: bool,
    /// `timestamp` (RFC 3339).
    pub timestamp: String,
}

/// `SystemHealth`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SystemHealth {
    /// `status`.
    pub status: String,
    /// `uptime`.
    pub uptime: i64,
    /// `cpu_percent`.
    pub cpu_percent: f64,
    /// `memory_percent`.
    pub memory_percent: f64,
    /// `disk_percent`.
    pub disk_percent: f64,
    /// `database`.
    pub database: String,
    /// `redis`.
    pub redis: String,
    /// `exchange_connections`.
    pub exchange_connections: BTreeMap<String, String>,
    /// `last_trade` (RFC 3339).
    pub last_trade: String,
    /// `error_rate`.
    pub error_rate: f64,
}

/// `WalletEvent`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WalletEvent {
    /// `event`.
    pub event: String,
    /// `platform`.
    pub platform: Exchange,
    /// `asset`.
    pub asset: String,
    /// `amount`.
    pub amount: f64,
    /// `address`.
    pub address: String,
    /// `txid`.
    pub txid: String,
    /// `confirmations`.
    pub confirmations: i64,
    /// `status`.
    pub status: String,
}

/// `AiTask`, generic over the type of the `json` field `result` (see the module docs).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AiTask<J> {
    /// `task_id`.
    pub task_id: String,
    /// `task_type`.
    pub task_type: AiTaskType,
    /// `status`.
    pub status: AiTaskStatus,
    /// `progress`.
    pub progress: f64,
    /// `result` (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<J>,
    /// `started_at` (optional and nullable).
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub started_at: Option<Option<String>>,
    /// `completed_at` (optional and nullable).
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub completed_at: Option<Option<String>>,
}

/// `ErrorPayload`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ErrorPayload {
    /// `code`.
    pub code: String,
    /// `message`.
    pub message: String,
    /// `details`.
    pub details: String,
}

/// Reads a present key of a tri-state field: `null` becomes `Some(None)`
/// (an absent key stays `None` through `#[serde(default)]`).
fn present<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// The default envelope (`data` + `ts`; the `type` key is not a field).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Envelope<T> {
    /// `data`: the payload.
    pub data: T,
    /// `ts`: RFC 3339 timestamp.
    pub ts: String,
}

/// The keepalive envelope of `ping`/`pong` (no payload).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Keepalive {
    /// `timestamp`: unix milliseconds.
    pub timestamp: i64,
}

/// Every trading event as one serde internally tagged enum: the baseline
/// "serde tag enum".
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TaggedMessage {
    /// `connection`.
    Connection(Envelope<Connection>),
    /// `ping`.
    Ping(Keepalive),
    /// `pong`.
    Pong(Keepalive),
    /// `trades`.
    Trades(Envelope<Trade>),
    /// `bots`.
    Bots(Envelope<Bot>),
    /// `balances`.
    Balances(Envelope<Balances>),
    /// `decisions`.
    Decisions(Envelope<Decision>),
    /// `metrics`.
    Metrics(Envelope<Metrics>),
    /// `whale`.
    Whale(Envelope<Whale>),
    /// `alerts`.
    Alerts(Envelope<Alert>),
    /// `system_health`.
    SystemHealth(Envelope<SystemHealth>),
    /// `wallet`.
    Wallet(Envelope<WalletEvent>),
    /// `ai_tasks`.
    AiTasks(Envelope<AiTask<serde_json::Value>>),
    /// `error`.
    Error(Envelope<ErrorPayload>),
}
