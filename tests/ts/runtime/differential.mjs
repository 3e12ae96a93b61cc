// Gives decodeStrict's verdict on many messages of many contracts in one Node
// process, for the differential test (codegen/testkit/tests/differential.rs).
//
// Usage: node differential.mjs <modules dir> <in.jsonl> <out.jsonl>
//
// Every input line is {"contract": "<module file stem>", "message": "<text>"};
// the output has exactly one JSON line per input line: {"ok": true} or
// {"ok": false, "problems": [{"code", "path", "message"}, …]}.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [dir, input, output] = process.argv.slice(2);
if (output === undefined) {
  console.error("usage: node differential.mjs <modules dir> <in.jsonl> <out.jsonl>");
  process.exit(2);
}
const modules = new Map();
const lines = readFileSync(input, "utf8").split("\n");
if (lines.at(-1) === "") lines.pop();
const out = [];
for (const line of lines) {
  const { contract, message } = JSON.parse(line);
  if (!modules.has(contract)) {
    modules.set(contract, await import(pathToFileURL(join(dir, `${contract}.js`)).href));
  }
  const verdict = await modules.get(contract).decodeStrict(message);
  out.push(JSON.stringify(verdict.ok ? { ok: true } : { ok: false, problems: verdict.problems }));
}
writeFileSync(output, out.map((l) => l + "\n").join(""));
