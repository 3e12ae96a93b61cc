// Decodes messages with a generated TypeScript module (compiled to JavaScript)
// and encodes them again, for the cross-language tests (codegen/tests/ts_runtime.rs).
//
// Usage: node reencode.mjs <module.js> <in.jsonl> <out.jsonl>
//
// Every input line is one message; the output has exactly one JSON line per
// input line: {"strict": <decodeStrict's verdict>, "decoded": <decode then
// encode>}, where a verdict is {"ok": true} or {"ok": false, "problems": […]}
// and "decoded" is {"ok": true, "message": "<encoded text>"} or
// {"ok": false, "error": "…"}.
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [modulePath, input, output] = process.argv.slice(2);
if (output === undefined) {
  console.error("usage: node reencode.mjs <module.js> <in.jsonl> <out.jsonl>");
  process.exit(2);
}
const m = await import(pathToFileURL(modulePath).href);
const lines = readFileSync(input, "utf8").split("\n");
if (lines.at(-1) === "") lines.pop();
const out = [];
for (const line of lines) {
  const verdict = await m.decodeStrict(line);
  const strict = verdict.ok ? { ok: true } : { ok: false, problems: verdict.problems };
  let decoded;
  try {
    decoded = { ok: true, message: await m.encode(await m.decode(line)) };
  } catch (err) {
    decoded = { ok: false, error: String(err && err.message ? err.message : err) };
  }
  out.push(JSON.stringify({ strict, decoded }));
}
writeFileSync(output, out.map((l) => l + "\n").join(""));
