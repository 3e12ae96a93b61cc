// Times the generated TypeScript runtime under Node, side by side in one run:
// - `decode` of the mixed seed stream (every valid vector of the five
//   contracts) against `JSON.parse` of the same texts;
// - `decodeStrict` against ajv (pinned in package.json) validating the same
//   texts (`JSON.parse` + a validator compiled once) against a JSON Schema
//   equivalent to each contract;
// - the size of one module as tsc writes it, without comments, and gzipped.
//
// eventc does not produce JSON Schema for messages, so this script derives
// a minimal one from the contract tables the module carries (`$S`, read from
// the compiled JavaScript): envelope and payload fields under every key,
// required fields, types, integers, ranges, lengths, patterns, consts,
// enums, unions, maps, arrays and the event's category. It does not check
// repeated keys, channel addresses, compressed payloads or RFC 3339 dates
// (ajv needs ajv-formats for those), so ajv does less work than decodeStrict.
//
// Usage: node benches/ts_decode.mjs   (after `npm ci`; takes about a minute)
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import Ajv from "ajv";

const root = new URL("..", import.meta.url).pathname;
const contracts = { bagbot: "bagbot", trading: "trading", "project-progress": "project_progress", operations: "operations", wse: "wse" };

function compile(removeComments) {
  const out = mkdtempSync(join(tmpdir(), "eventc-ts-bench-"));
  const args = [join(root, "node_modules/typescript/bin/tsc"), "--target", "ES2020", "--module", "esnext", "--moduleResolution", "bundler", "--strict", "--outDir", out];
  if (removeComments) args.push("--removeComments");
  const sources = readdirSync(join(root, "generated/ts")).map((f) => join(root, "generated/ts", f));
  execFileSync(process.execPath, [...args, ...sources], { stdio: "inherit" });
  writeFileSync(join(out, "package.json"), '{"type":"module"}\n');
  return out;
}

/** The `$S` tables of a compiled module (a plain data literal). */
function tables(js) {
  const start = js.indexOf("const $S = ");
  const end = js.indexOf("\n};\n", start);
  return new Function(`return ${js.slice(start + "const $S = ".length, end + 2)}`)();
}

/** A JSON Schema for a type use of the tables. */
function typeSchema(s, t, defs) {
  if (typeof t === "number") return { $ref: `#/$defs/t${t}` };
  switch (t.k) {
    case "s": return { type: "string", ...(t.min !== undefined && { minLength: t.min }), ...(t.max !== undefined && { maxLength: t.max }), ...(t.re !== undefined && { pattern: t.re }) };
    case "i": return { type: "integer", ...(t.min !== undefined && { minimum: t.min }), ...(t.max !== undefined && { maximum: t.max }) };
    case "n": return { type: "number", ...(t.min !== undefined && { minimum: t.min }), ...(t.max !== undefined && { maximum: t.max }) };
    case "b": return { type: "boolean" };
    case "t": return t.e === 0 ? { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})$" } : { type: "integer" };
    case "j": return {};
    case "c": return { type: "string" };
    case "a": return { type: "array", items: typeSchema(s, t.of, defs), ...(t.min !== undefined && { minItems: t.min }), ...(t.max !== undefined && { maxItems: t.max }) };
    case "m": return { type: "object", additionalProperties: typeSchema(s, t.of, defs), ...(t.re !== undefined && { propertyNames: { pattern: t.re } }) };
  }
}

function fieldsSchema(s, fields, open, defs, extra = {}) {
  const properties = {};
  const allOf = [];
  for (const f of fields) {
    let v = typeSchema(s, f.t, defs);
    if (f.c !== undefined) v = { ...v, const: f.c };
    if (f.nul) v = { anyOf: [v, { type: "null" }] };
    for (const k of f.keys) properties[k] = v;
    if (!f.opt) allOf.push(f.keys.length === 1 ? { required: f.keys } : { anyOf: f.keys.map((k) => ({ required: [k] })) });
  }
  Object.assign(properties, extra);
  return { type: "object", properties, ...(allOf.length && { allOf }), ...(!open && { additionalProperties: false }) };
}

function defSchema(s, d, defs) {
  switch (d.k) {
    case "o": return fieldsSchema(s, d.f, d.open, defs);
    case "e": return d.open ? { type: d.str ? "string" : "integer" } : { enum: [...d.v, ...(d.old ?? []).map(([o]) => o)] };
    case "al": return typeSchema(s, d.to, defs);
    case "u":
      if (d.tag !== undefined) {
        return { type: "object", required: [d.tag], oneOf: d.v.map((v) => ({ allOf: [{ properties: { [d.tag]: { const: v.tag } } }, defSchema(s, s.t[v.t], defs)] })) };
      }
      return { anyOf: d.v.map((v) => defSchema(s, s.t[v.t], defs)) };
  }
}

function messageSchema(s) {
  const defs = {};
  s.t.forEach((d, i) => (defs[`t${i}`] = defSchema(s, d, defs)));
  const disc = s.disc;
  const allOf = s.ev.map((e) => {
    const env = s.env[e.env];
    const fields = env.f.map((f) => (f.r === "p" ? { ...f, t: e.t ?? { k: "j" } } : f.r === "dc" && e.cat !== undefined ? { ...f, c: e.cat } : f));
    return { if: { anyOf: disc.map((k) => ({ properties: { [k]: { enum: e.w } }, required: [k] })) }, then: fieldsSchema(s, fields, env.open, defs) };
  });
  return { $defs: defs, type: "object", anyOf: disc.map((k) => ({ required: [k] })), allOf };
}

/** Milliseconds for `iterations` runs: the best of five batches, after a warm-up. */
async function time(iterations, run) {
  for (let i = 0; i < iterations / 4; i++) await run();
  let best = Infinity;
  for (let batch = 0; batch < 5; batch++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) await run();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

const out = compile(false);
const stream = [];
for (const [dir, module] of Object.entries(contracts)) {
  const m = await import(pathToFileURL(join(out, `${module}.js`)).href);
  const s = tables(readFileSync(join(out, `${module}.js`), "utf8"));
  const ajv = new Ajv({ strict: false, allErrors: false });
  const validateAjv = ajv.compile(messageSchema(s));
  const lines = readFileSync(join(root, "tests/vectors", dir, "valid.jsonl"), "utf8").split("\n").filter((l) => l.trim());
  for (const line of lines) {
    const v = JSON.parse(line);
    stream.push({ text: v.raw ?? JSON.stringify(v.message), m, ajv: validateAjv, async: module === "wse" });
  }
}
const syncStream = stream.filter((x) => !x.async);
const bytes = stream.reduce((n, x) => n + x.text.length, 0);
const rounds = 1000;
const rows = [];
const row = (what, ms, messages) => rows.push([what, ms, (ms * 1e6) / (rounds * messages)]);

let accepted = 0;
for (const x of stream) if (x.ajv(JSON.parse(x.text))) accepted++;
let ok = 0;
for (const x of stream) if ((await x.m.decodeStrict(x.text)).ok) ok++;

for (const [label, part] of [["4 sync contracts", syncStream], ["all 5 (wse async)", stream]]) {
  const sync = part.every((x) => !x.async);
  // The synchronous functions are timed without `await` (it would add a microtask per message).
  const each = (f) => (sync ? () => { for (const x of part) f(x); } : async () => { for (const x of part) await f(x); });
  row(`JSON.parse, ${label}`, await time(rounds, each((x) => JSON.parse(x.text))), part.length);
  row(`decode, ${label}`, await time(rounds, each((x) => x.m.decode(x.text))), part.length);
  row(`decodeStrict, ${label}`, await time(rounds, each((x) => x.m.decodeStrict(x.text))), part.length);
  row(`JSON.parse + ajv, ${label}`, await time(rounds, each((x) => x.ajv(JSON.parse(x.text)))), part.length);
}

console.log(`mixed seed stream: ${stream.length} valid messages (${syncStream.length} from the 4 contracts without compression), ${bytes} bytes; ${rounds} rounds`);
console.log(`decodeStrict accepts ${ok}/${stream.length}; ajv accepts ${accepted}/${stream.length}`);
console.log("| what | total ms | ns per message |");
console.log("|---|---:|---:|");
for (const [what, ms, ns] of rows) console.log(`| ${what} | ${ms.toFixed(0)} | ${ns.toFixed(0)} |`);

const stripped = compile(true);
console.log("\n| module | tsc output | without comments | gzip -9 of that |");
console.log("|---|---:|---:|---:|");
for (const module of ["bagbot", "wse"]) {
  const full = statSync(join(out, `${module}.js`)).size;
  const bare = readFileSync(join(stripped, `${module}.js`));
  console.log(`| ${module}.js | ${full} | ${bare.length} | ${gzipSync(bare, { level: 9 }).length} |`);
}
