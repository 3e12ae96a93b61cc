// Behaviour of the generated TypeScript runtime on the golden contracts.
// Type-checked against the generated modules and run under Node by
// codegen/tests/ts_runtime.rs; any failed check throws (and fails the test).
import * as hostile from "./hostile.js";
import * as shapes from "./shapes.js";
import * as ts from "./ts_shapes.js";

declare const console: { log(...args: unknown[]): void };

let checks = 0;

function check(ok: boolean, what: string, detail?: unknown): void {
  if (!ok) throw new Error(`FAILED: ${what}${detail === undefined ? "" : `: ${JSON.stringify(detail)}`}`);
  checks++;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** `code path` of each problem of a verdict (none when it is ok). */
function found(verdict: { ok: true } | { ok: false; problems: { code: string; path: string }[] }): string[] {
  return verdict.ok ? [] : verdict.problems.map((p) => `${p.code} ${p.path}`);
}

async function rejection(read: () => Promise<unknown>): Promise<string[]> {
  try {
    await read();
  } catch (err) {
    return (err as shapes.DecodeError).problems.map((p) => `${p.code} ${p.path}`);
  }
  return [];
}

/** The payload of a `draw` message (narrowed past unknown events). */
function drawBody(m: shapes.IncomingMessage): shapes.Drawing | undefined {
  return shapes.isKnownMessage(m) && m.kind === "draw" ? m.body : undefined;
}

const drawing = { shapes: [{ kind: "circle", radius: 1 }], scale: null, ids: ["a"], title: "T", caption: "T" };
const envelope = { sent_at: 1700000000000, proto: "shapes/1", zipped: false };
const draw = (body: unknown, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ kind: "draw", body, ...envelope, ...extra });

// --- sync and async -------------------------------------------------------
const pending = shapes.decode(draw(drawing));
check(pending instanceof Promise, "a module whose contract compresses decodes asynchronously");
const decoded = await pending;
check(decoded.kind === "draw" && same(decoded.body, drawing), "the drawing decodes as written", decoded);
const said = ts.decode(JSON.stringify({ kind: "say", body: { text: "hi" } }));
check(!(said instanceof Promise) && said.kind === "say", "a module without compression decodes synchronously");
check(typeof ts.encode(said) === "string", "and encodes synchronously");

// --- the key rule ---------------------------------------------------------
const ownKeyWins = await shapes.decode(draw(drawing, { type: "locate" }));
check(ownKeyWins.kind === "draw", "the discriminator's own key counts, its alias is skipped");
const oldKey = await shapes.decode(draw({ ...drawing, title: undefined, caption: "old", heading: "alias" }));
const oldBody = drawBody(oldKey);
check(oldBody?.title === "old" && oldBody.caption === "old", "the old key comes before an alias, and both keys are written", oldBody);
const wrongOld = await shapes.decodeStrict(draw({ ...drawing, title: "new", caption: 5 }));
check(wrongOld.ok && drawBody(wrongOld.message)?.title === "new", "a wrong-typed old key next to the own key is skipped unread", found(wrongOld));
const twice = '{"kind":"draw","body":{"shapes":[],"scale":null,"ids":[],"title":"a","title":"b"},"sent_at":1,"proto":"shapes/1","zipped":false}';
check(found(await shapes.decodeStrict(twice)).includes("duplicate-key /body/title"), "a field's key given twice is refused");
check((await rejection(() => shapes.decode(twice))).includes("duplicate-key /body/title"), "decode throws a DecodeError for it");
const undeclaredTwice = twice.replace('"title":"a","title":"b"', '"title":"a","zz":1,"zz":2');
check((await shapes.decodeStrict(undeclaredTwice)).ok, "an undeclared key may repeat in an open object");
const mapTwice = twice.replace('"title":"a","title":"b"', '"title":"a","layers":{"l":[],"l":[]}');
check(found(await shapes.decodeStrict(mapTwice)).includes("duplicate-key /body/layers/l"), "a map key given twice is refused");
const tagTwice = twice.replace('"shapes":[]', '"shapes":[{"kind":"circle","kind":"square","radius":1}]').replace(',"title":"b"', "");
check(found(await shapes.decodeStrict(tagTwice)).includes("duplicate-key /body/shapes/0/kind"), "a union tag given twice is refused");

// --- renames: fields, events, enum values, channels --------------------------
const triangle = await shapes.decode(JSON.stringify({ kind: "shapes", body: [{ kind: "triangle", width: 3 }], ...envelope }));
check(triangle.kind === "shapes" && same(triangle.body, [{ kind: "triangle", base: 3, width: 3 }]), "a variant's renamed field reads its old key and keeps both", triangle.body);
const renamedEvent = await shapes.decode(JSON.stringify({ kind: "find", body: { label: "x" }, ...envelope }));
check(renamedEvent.kind === "locate", "a renamed event is read under its old name and named by its new one");
const renamedValue = await shapes.decode(draw({ ...drawing, finish: "shiny", tones: ["hot", "cool", "odd"] }));
const renamedBody = drawBody(renamedValue);
check(renamedBody?.finish === "glossy" && same(renamedBody.tones, ["warm", "cool", "odd"]), "renamed enum values read as the new ones (open enums keep unknown values)", renamedValue.body);
check((await shapes.decodeStrict(draw(drawing, { board: "canvas" }))).ok, "a renamed channel's old address is accepted");
check(found(await shapes.decodeStrict(draw(drawing, { board: "easel" }))).includes("channel-mismatch /board"), "another address is not");
const written = JSON.parse(await shapes.encode(renamedEvent)) as Record<string, unknown>;
check(written["kind"] === "locate" && written["route"] === undefined, "encode writes the canonical event name", written);

// --- unknown events ---------------------------------------------------------
const mystery = await shapes.decode(JSON.stringify({ kind: "mystery", body: { x: 1, y: [1] }, ...envelope, extra: 1 }));
check(!shapes.isKnownMessage(mystery) && mystery.kind === "mystery" && same(mystery.body, { x: 1, y: [1] }), "an unknown event keeps its raw payload where the contract tolerates them", mystery);
check(found(ts.decodeStrict(JSON.stringify({ kind: "mystery", body: {} }))).includes("unknown-event /kind"), "and is refused where it denies them");
let threw: string[] = [];
try {
  ts.decode(JSON.stringify({ kind: "mystery", body: {} }));
} catch (err) {
  threw = (err as ts.DecodeError).problems.map((p) => p.code);
}
check(same(threw, ["unknown-event"]), "decode throws unknown-event", threw);

// --- compression ------------------------------------------------------------
const big = shapes.newDrawMessage({ ...drawing, shapes: Array.from({ length: 20 }, (_, i) => ({ kind: "square" as const, side: i })) });
const bigText = await shapes.encode(big);
const bigWire = JSON.parse(bigText) as Record<string, unknown>;
check(bigWire["zipped"] === true && typeof bigWire["body"] === "string", "a message over the threshold is written compressed", bigWire);
const bigBack = await shapes.decodeStrict(bigText);
check(bigBack.ok && same(bigBack.message.body, big.body), "and reads back as it was", found(bigBack));
// Seed 004 ("messages > 1024 bytes are compressed"): the threshold (200 in the
// fixture) applies to the whole message as written uncompressed, not to its payload.
const noted = (n: number) => shapes.encode(shapes.newDrawMessage({ shapes: [], scale: null, ids: [], title: "", caption: "", note: "x".repeat(n) }, { sent_at: 1 }));
let firstZipped = -1;
for (let n = 0; n < 200 && firstZipped < 0; n++) {
  const wire = JSON.parse(await noted(n)) as Record<string, unknown>;
  if (wire["zipped"] === true) firstZipped = n;
}
const largestPlain = await noted(firstZipped - 1);
check(firstZipped > 0 && largestPlain.length === 200 && JSON.parse(largestPlain).zipped === false, "the largest message written uncompressed has exactly the threshold's length", [firstZipped, largestPlain]);
check(JSON.stringify(JSON.parse(largestPlain).body).length + 1 < 200, "so a payload shorter than the threshold is compressed when the message is longer", largestPlain);
const smallWire = JSON.parse(await shapes.encode(shapes.newNoopMessage({}))) as Record<string, unknown>;
check(smallWire["zipped"] === false && same(smallWire["body"], {}), "a small payload is written as it is, with the required flag false", smallWire);
const broken = async (body: unknown): Promise<string[]> => found(await shapes.decodeStrict(draw(body, { zipped: true })));
check((await broken("!!!!")).includes("compressed-not-base64 /body"), "a compressed payload that is not base64 is refused");
check((await broken("eJw=")).includes("compressed-not-zlib /body"), "one that is not zlib data is refused");
check((await broken(5)).includes("compressed-not-string /body"), "one that is not a string is refused");
const inside = bigText.replace('"proto":"shapes/1"', '"proto":"shapes/2"');
check(found(await shapes.decodeStrict(inside)).includes("const-mismatch /proto"), "the envelope around a compressed payload is checked");
const platform = globalThis as unknown as Record<string, unknown>;
const streams = ["CompressionStream", "DecompressionStream"].map((name) => [name, platform[name]] as const);
for (const [name] of streams) Object.defineProperty(platform, name, { value: undefined, configurable: true, writable: true });
try {
  const viaNode = await shapes.encode(big);
  const back = await shapes.decodeStrict(viaNode);
  check(JSON.parse(viaNode).zipped === true && back.ok && same(back.message.body, big.body), "without the stream APIs, node:zlib compresses and inflates");
} finally {
  for (const [name, value] of streams) Object.defineProperty(platform, name, { value, configurable: true, writable: true });
}

// --- value rules: decodeStrict and validate, not decode -------------------------
const point = (x: string): string => `{"kind":"locate","body":{"x":${x},"y":2},"sent_at":1,"proto":"shapes/1","zipped":false}`;
check(found(await shapes.decodeStrict(point("1.0"))).includes("not-an-integer /body/x"), "1.0 is not an integer, as eventc validate says");
check((await shapes.decode(point("1.0"))).kind === "locate", "decode checks types, not value rules");
const bigInt = (n: string): string => draw({ ...drawing, big: 0 }).replace('"big":0', `"big":${n}`);
check((await shapes.decodeStrict(bigInt("18446744073709551615"))).ok, "u64 max fits (read exactly)");
check(found(await shapes.decodeStrict(bigInt("18446744073709551616"))).includes("out-of-width /body/big"), "u64 max + 1 does not");
const badUser: ts.DrawMessage = { kind: "draw", body: { shape: { shape: "circle", radius: 1 }, by: "x1", code: 0 } };
check(found({ ok: false, problems: ts.validate(badUser) }).includes("pattern-mismatch /body/by"), "validate checks a message in memory", ts.validate(badUser));
check(ts.decode(ts.encode(badUser)).kind === "draw", "decode lets a pattern mismatch through");
check(found(ts.decodeStrict(ts.encode(badUser))).includes("pattern-mismatch /body/by"), "decodeStrict does not");
const tree = await shapes.decode(JSON.stringify({ kind: "tree", body: { __proto__: [] }, ...envelope }).replace('"body":{}', '"body":{"__proto__":[]}'));
const treeBody = shapes.isKnownMessage(tree) && tree.kind === "tree" ? tree.body : undefined;
check(treeBody !== undefined && Object.keys(treeBody).includes("__proto__") && Object.getPrototypeOf(treeBody) === Object.prototype, "a map key __proto__ is an own key", tree);

// --- encode: canonical keys, both keys of a rename, nothing undeclared ----------
const speak = ts.decode('{"type":"speak","body":{"text":"hi","extra":1},"x":2}');
check(ts.encode(speak) === '{"kind":"say","body":{"text":"hi"}}', "aliases are written under canonical names, undeclared keys dropped", ts.encode(speak));
const square = ts.decode('{"kind":"draw","body":{"shape":{"shape":"square","side":2,"name":"old"},"by":"u1","code":0}}');
check(ts.encode(square) === '{"kind":"draw","body":{"shape":{"shape":"square","side":2,"label":"old","name":"old"},"by":"u1","code":0}}', "a renamed field is written under both keys, a tag first", ts.encode(square));

// --- constructors -------------------------------------------------------------
const made = shapes.newDrawMessage(drawing as shapes.Drawing);
check(made.kind === "draw" && made.proto === "shapes/1" && made.route === "draw" && made.board === "board", "constructors fill the discriminator, constants and fixed derived fields", made);
check(Math.abs(made.sent_at - Date.now()) < 60000, "and timestamps with now");
check((await shapes.decodeStrict(await shapes.encode(made))).ok, "a constructed message is valid");
const say = ts.newSayMessage({ text: "hi" }, { room: "app:room:public:r1" });
check(say.kind === "say" && say.echo === "say" && say.room === "app:room:public:r1", "fields given to a constructor are kept", say);
check(ts.decodeStrict(ts.encode(say)).ok, "and the message is valid");

// --- channel address builders (Go's ChannelType… functions, Rust's channels::…) ---
const privateRoom = ts.roomAddress("private", "r1");
check(privateRoom === "app:room:private:r1", "a channel address is built with the contract's prefix", privateRoom);
const inRoom = ts.newSayMessage({ text: "hi" }, { room: privateRoom });
check(ts.decodeStrict(ts.encode(inRoom)).ok, "and is a valid address of the event's channel", found(ts.decodeStrict(ts.encode(inRoom))));
check(hostile.roomAddress("7") === "room:7", "a hostile channel's builder too");

// --- a hostile module works too ----------------------------------------------------
check(found(hostile.decodeStrict("[1]")).includes("message-not-object "), "a message must be an object");
check(hostile.decodeStrict('{"type":"never declared"}').ok, "hostile tolerates unknown events");
check(hostile.decodeStrict('{"type":"never declared","data":null}').ok, "and their payload may be null, as eventc validate says");

console.log(`${checks} behaviour checks passed`);
