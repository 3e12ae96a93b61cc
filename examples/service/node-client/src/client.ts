// The TypeScript client of the eventc service example: talks to the example
// server's /wse and /trading paths through the generated modules
// generated/ts/wse.ts and generated/ts/trading.ts, checks every message it
// receives, and prints a JSON summary of what it received (each message
// re-encoded by the generated encoder) and sent. Exits 1 on any mismatch.
//
//   node client.js --port N                                   the conformance run
//   node client.js --port N --bench generated|dynamic [--messages M]

import WebSocket from "ws";
import * as wse from "../../../../generated/ts/wse.js";
import * as trading from "../../../../generated/ts/trading.js";

/** One message as the client read it: its event and the generated encoder's text for it. */
interface Received {
  event: string;
  reencoded: string;
}

/** What the client received and sent on one path. */
interface Summary {
  received: Received[];
  sent: string[];
}

/** Counts checks and collects the ones that fail. */
class Checker {
  count = 0;
  readonly failures: string[] = [];

  expect(ok: boolean, what: string): void {
    this.count++;
    if (!ok) this.failures.push(what);
  }
}

/** A WebSocket whose text frames are read one at a time, in order. */
class Connection {
  private readonly frames: string[] = [];
  private readonly waiting: { resolve: (text: string) => void; reject: (e: Error) => void }[] = [];
  private failure: Error | undefined;

  private constructor(private readonly socket: WebSocket) {
    socket.on("message", (data: WebSocket.RawData, isBinary: boolean) => {
      const text = isBinary ? "" : data.toString();
      const next = this.waiting.shift();
      if (next) next.resolve(text);
      else this.frames.push(text);
    });
    const fail = (e: Error): void => {
      this.failure = e;
      for (const w of this.waiting.splice(0)) w.reject(e);
    };
    socket.on("error", fail);
    socket.on("close", () => fail(new Error("connection closed")));
  }

  static open(port: number, path: string): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${port}${path}`, { perMessageDeflate: false });
      socket.once("open", () => resolve(new Connection(socket)));
      socket.once("error", reject);
    });
  }

  read(): Promise<string> {
    const text = this.frames.shift();
    if (text !== undefined) return Promise.resolve(text);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  send(text: string): void {
    this.socket.send(text);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.socket.once("close", () => resolve());
      this.socket.close(1000, "done");
    });
  }
}

/** What the server sends on /wse after client_hello, in order. */
const WSE_CATALOGUE: wse.Message["t"][] = [
  "server_hello",
  "client_hello_ack",
  "connection_state_change",
  "subscription_update",
  "broker_connection_snapshot",
  "broker_account_snapshot",
  "order_snapshot",
  "position_snapshot",
  "portfolio_snapshot",
  "snapshot_complete",
  "broker_account_update",
  "broker_account_balance_update",
  "broker_connection_update",
  "broker_health_update",
  "order_update",
  "position_update",
  "market_data_update",
  "heartbeat",
  "error",
  "server_ready",
];

/** What the server sends on /trading after its ping, in order. */
const TRADING_CATALOGUE: trading.Message["type"][] = [
  "connection",
  "trades",
  "bots",
  "balances",
  "decisions",
  "metrics",
  "whale",
  "alerts",
  "system_health",
  "wallet",
  "ai_tasks",
  "error",
];

/** Reads and strictly decodes one /wse message, recording its re-encoding. */
async function readWse(conn: Connection, summary: Summary): Promise<{ message: wse.Message; raw: string }> {
  const raw = await conn.read();
  const result = await wse.decodeStrict(raw);
  if (!result.ok) throw new Error(`decoding ${raw}: ${JSON.stringify(result.problems)}`);
  summary.received.push({ event: result.message.t, reencoded: await wse.encode(result.message) });
  return { message: result.message, raw };
}

async function runWse(port: number, check: Checker): Promise<Summary> {
  const conn = await Connection.open(port, "/wse");
  const summary: Summary = { received: [], sent: [] };
  const send = async (message: wse.Message): Promise<string> => {
    const text = await wse.encode(message);
    summary.sent.push(message.t);
    conn.send(text);
    return text;
  };
  const sendRaw = (name: string, text: string): void => {
    summary.sent.push(name);
    conn.send(text);
  };

  await send(wse.newClientHelloMessage({ client: "node" }, { id: "node-hello-1" }));
  for (const [index, want] of WSE_CATALOGUE.entries()) {
    const { message, raw } = await readWse(conn, summary);
    check.expect(message.t === want, `wse message ${index + 1}: got ${message.t}, want ${want}`);
    check.expect(message.seq === index + 1, `wse ${want}: seq ${message.seq}, want ${index + 1}`);
    checkWse(check, message, raw);
  }

  // A ping written with the long aliases (the generated encoder writes the
  // short keys only): the server's generated reader must take it.
  const sentAt = Date.now();
  sendRaw(
    "PING",
    JSON.stringify({
      type: "PING",
      payload: { client_timestamp: sentAt },
      id: "node-ping-1",
      timestamp: new Date().toISOString(),
      version: 2,
    }),
  );
  const { message: pong } = await readWse(conn, summary);
  check.expect(pong.t === "PONG", `answer to ping: got ${pong.t}, want PONG`);
  if (pong.t === "PONG") {
    check.expect(pong.cid === "node-ping-1", `PONG cid ${pong.cid}, want node-ping-1`);
    check.expect(pong.p.client_timestamp === sentAt, `PONG client_timestamp ${pong.p.client_timestamp}, want ${sentAt}`);
    check.expect(pong._msg_cat === "WSE", `PONG _msg_cat ${pong._msg_cat}, want WSE`);
  }

  // A heartbeat above the compression threshold: the generated encoder
  // compresses it, the server's generated reader inflates it.
  const samples = Array.from({ length: 300 }, (_, i) => i);
  const beat = await send(wse.newHeartbeatMessage({ client: "node", samples }, { id: "node-heartbeat-1" }));
  check.expect(beat.includes('"cmp":true'), `the encoded heartbeat is not compressed: ${beat.slice(0, 80)}`);

  // An event only the server sends, then a message the contract refuses.
  await send(wse.newOrderUpdateMessage({ status: "filled" }, { id: "node-order-1" }));
  await expectWseError(conn, summary, check, "WRONG_DIRECTION");
  sendRaw("invalid", '{"t":"ping","p":{},"id":"node-bad-1","ts":"2025-11-25T10:05:31.000Z","v":3}');
  await expectWseError(conn, summary, check, "INVALID_MESSAGE");
  await conn.close();
  return summary;
}

async function expectWseError(conn: Connection, summary: Summary, check: Checker, code: string): Promise<void> {
  const { message } = await readWse(conn, summary);
  check.expect(message.t === "error" && message.p.code === code, `want error ${code}, got ${JSON.stringify(message)}`);
  check.expect(message.pri === 10, `error pri ${message.pri}, want 10 (CRITICAL)`);
}

/** Checks the content of the catalogue messages that carry typed payloads or show a feature. */
function checkWse(check: Checker, message: wse.Message, raw: string): void {
  switch (message.t) {
    case "heartbeat":
      check.expect(raw.includes('"type":"heartbeat"'), `heartbeat was not sent with aliased keys: ${raw}`);
      check.expect(message.cid === "corr-heartbeat", `heartbeat cid (from correlation_id) ${message.cid}`);
      check.expect(message.pri === 3, `heartbeat pri (from priority) ${message.pri}`);
      break;
    case "portfolio_snapshot": {
      check.expect(raw.includes('"cmp":true'), "portfolio_snapshot was not sent compressed");
      const p = message.p;
      const positions = typeof p === "object" && p !== null && !Array.isArray(p) ? p["positions"] : undefined;
      const last = Array.isArray(positions) ? positions[39] : undefined;
      check.expect(
        Array.isArray(positions) && positions.length === 40 && typeof last === "object" && last !== null && !Array.isArray(last) && last["symbol"] === "SYM39",
        `portfolio_snapshot payload after inflating: ${JSON.stringify(p).slice(0, 80)}`,
      );
      check.expect(message._msg_cat === "S", `portfolio_snapshot _msg_cat ${message._msg_cat}, want S`);
      break;
    }
    case "order_update":
      check.expect(message.p.status === "filled" && message.p.avg_price === 189.25, `order_update payload ${JSON.stringify(message.p)}`);
      check.expect(message.pri === 10, `order_update pri ${message.pri}, want 10 (CRITICAL)`);
      check.expect(message._msg_cat === "U", `order_update _msg_cat ${message._msg_cat}, want U`);
      break;
    case "broker_account_snapshot":
      check.expect(
        message.p.count === 2 && message.p.accounts.length === 2 && message.p.accounts[1]?.account_number === "PA000002",
        `broker_account_snapshot payload ${JSON.stringify(message.p)}`,
      );
      break;
    case "error":
      check.expect(message.p.code === "SUBSCRIPTION_FAILED", `catalogue error code ${message.p.code}`);
      break;
    default:
      break;
  }
}

/** Reads and strictly decodes one /trading message, recording its re-encoding. */
async function readTrading(conn: Connection, summary: Summary): Promise<trading.Message> {
  const raw = await conn.read();
  const result = trading.decodeStrict(raw);
  if (!result.ok) throw new Error(`decoding ${raw}: ${JSON.stringify(result.problems)}`);
  summary.received.push({ event: result.message.type, reencoded: trading.encode(result.message) });
  return result.message;
}

async function runTrading(port: number, check: Checker): Promise<Summary> {
  const conn = await Connection.open(port, "/trading");
  const summary: Summary = { received: [], sent: [] };
  const send = (message: trading.Message): void => {
    summary.sent.push(message.type);
    conn.send(trading.encode(message));
  };

  // Keepalive, as the contract has it: the server pings (type + unix-ms
  // timestamp, no data), the client answers pong with the same timestamp.
  const ping = await readTrading(conn, summary);
  check.expect(ping.type === "ping", `first trading message: got ${ping.type}, want ping`);
  if (ping.type !== "ping") return summary;
  check.expect(ping.timestamp > 0, `ping timestamp ${ping.timestamp}`);
  send(trading.newPongMessage({ timestamp: ping.timestamp }));

  for (const [index, want] of TRADING_CATALOGUE.entries()) {
    const message = await readTrading(conn, summary);
    check.expect(message.type === want, `trading message ${index + 1}: got ${message.type}, want ${want}`);
    checkTrading(check, message);
  }

  send(trading.newConnectionMessage({ status: "connected", mode: "ws" }));
  // A closed enum refuses a value it does not list.
  summary.sent.push("invalid");
  conn.send('{"type":"connection","data":{"status":"asleep","mode":"ws"},"ts":"2026-01-14T16:50:00Z"}');
  const answer = await readTrading(conn, summary);
  check.expect(answer.type === "error" && answer.data.code === "INVALID_MESSAGE", `answer to an invalid message: ${JSON.stringify(answer)}`);
  await conn.close();
  return summary;
}

/** Checks the typed content of a few catalogue messages. */
function checkTrading(check: Checker, message: trading.Message): void {
  switch (message.type) {
    case "trades":
      check.expect(message.data.pnl === null, `trades pnl ${message.data.pnl}, want null`);
      check.expect(message.data.platform === "luno" && message.data.price === 1250000, `trades payload ${JSON.stringify(message.data)}`);
      break;
    case "balances":
      check.expect(message.data.platform === "all" && message.data.balances["XBT"]?.total === 0.6, `balances payload ${JSON.stringify(message.data)}`);
      break;
    case "decisions":
      check.expect(
        message.data.component_scores["technical"] === 0.7 && message.data.stops.take_profit === 1350000,
        `decisions payload ${JSON.stringify(message.data)}`,
      );
      break;
    case "ai_tasks":
      check.expect(
        typeof message.data.started_at === "string" && message.data.completed_at === null,
        `ai_tasks started_at ${message.data.started_at} completed_at ${message.data.completed_at}, want a value and null`,
      );
      break;
    case "error":
      check.expect(message.data.code === "INTERNAL_ERROR", `catalogue error code ${message.data.code}`);
      break;
    default:
      break;
  }
}

/** One round trip of the benchmark: send request `id`, check the answer. */
type RoundTrip = (conn: Connection, id: string) => Promise<void>;

const BENCH_PAYLOAD = {
  original_event_type: "OrderFilledEvent",
  order_id: "o-1",
  symbol: "AAPL",
  status: "filled",
  filled_qty: 10,
  avg_price: 189.25,
};

/** Writes and reads through the generated wse module. */
const generatedTrip: RoundTrip = async (conn, id) => {
  conn.send(await wse.encode(wse.newOrderUpdateMessage(BENCH_PAYLOAD, { id })));
  const answer = await wse.decodeStrict(await conn.read());
  if (!answer.ok || answer.message.t !== "order_update" || answer.message.cid !== id || answer.message.p.status !== "filled") {
    throw new Error(`unexpected answer ${JSON.stringify(answer)}`);
  }
};

/** Writes and reads plain objects with JSON.stringify / JSON.parse. */
const dynamicTrip: RoundTrip = async (conn, id) => {
  const request = { t: "order_update", p: BENCH_PAYLOAD, id, ts: new Date().toISOString(), _msg_cat: "U", pri: 10, v: 2 };
  conn.send(JSON.stringify(request));
  const text = await conn.read();
  const answer: unknown = JSON.parse(text);
  const ok =
    typeof answer === "object" &&
    answer !== null &&
    (answer as Record<string, unknown>)["t"] === "order_update" &&
    (answer as Record<string, unknown>)["cid"] === id &&
    ((answer as Record<string, { status?: unknown } | undefined>)["p"]?.status === "filled");
  if (!ok) throw new Error(`unexpected answer ${text}`);
};

/** Times `messages` round trips (after a tenth as many to warm up), one in flight at a time. */
async function runBench(port: number, mode: string, messages: number): Promise<object> {
  const trip = mode === "generated" ? generatedTrip : mode === "dynamic" ? dynamicTrip : undefined;
  if (!trip) throw new Error(`--bench ${mode}: want generated or dynamic`);
  const conn = await Connection.open(port, `/bench/${mode}`);
  const warmup = Math.max(Math.floor(messages / 10), 100);
  const latencies: number[] = [];
  let start = 0;
  for (let i = 0; i < warmup + messages; i++) {
    if (i === warmup) start = performance.now();
    const t0 = performance.now();
    await trip(conn, `node-${i}`);
    if (i >= warmup) latencies.push(performance.now() - t0);
  }
  const seconds = (performance.now() - start) / 1000;
  await conn.close();
  latencies.sort((a, b) => a - b);
  const micros = (q: number): number => (latencies[Math.floor(q * (latencies.length - 1))] ?? 0) * 1000;
  return { client: "node", mode, messages, per_second: messages / seconds, p50_us: micros(0.5), p99_us: micros(0.99) };
}

/** The value of `--name` in the arguments, or `fallback`. */
function argument(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

async function main(): Promise<void> {
  const port = Number(argument("--port", "0"));
  if (!Number.isInteger(port) || port <= 0) {
    console.error("node-client: --port is required");
    process.exit(2);
  }
  const bench = argument("--bench", "");
  if (bench !== "") {
    const result = await runBench(port, bench, Number(argument("--messages", "5000")));
    console.log(JSON.stringify(result));
    return;
  }
  const check = new Checker();
  const wseSummary = await runWse(port, check);
  const tradingSummary = await runTrading(port, check);
  if (check.failures.length > 0) {
    console.error(`node-client: ${check.failures.length} mismatches:\n  ${check.failures.join("\n  ")}`);
    process.exit(1);
  }
  console.log(JSON.stringify({ client: "node", checks: check.count, wse: wseSummary, trading: tradingSummary }));
}

main().catch((error: unknown) => {
  console.error("node-client:", error instanceof Error ? error.message : error);
  process.exit(1);
});
