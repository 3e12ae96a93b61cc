// Checks schema/contract.schema.json against real contracts.
//
//   node tests/schema/check.mjs
//
// - the committed schema equals what schema/build.mjs generates;
// - every contract in contracts/, tests/golden/contracts/ and tests/schema/valid/ is valid;
// - every file in tests/schema/invalid/ is invalid, and one of the errors points
//   at the JSON pointer its first line names (`# expect-error-at: /a/b`), so a
//   file cannot pass by failing for an unrelated reason;
// - the diagnostics fixtures whose mistake is schema-level are invalid too.
//
// Exit 0 when all hold, 1 otherwise. Run from anywhere; needs `npm ci` at the root.

import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import { parseDocument } from "yaml";
import { SCHEMA_PATH, schemaText } from "../../schema/build.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const VALID_DIRS = ["contracts", "tests/golden/contracts", "tests/schema/valid"];
const INVALID_DIR = "tests/schema/invalid";
const EXPECT = /^#\s*expect-error-at:\s*(\S+)\s*$/m;
/** Diagnostics fixtures whose mistake is visible to the schema (or to the YAML parser). */
const SCHEMA_LEVEL_BAD = [
  "duplicate-key",
  "unknown-key",
  "non-strict-boolean",
  "missing-discriminator",
  "yaml-syntax",
  "multiple-errors",
];

/** Parses YAML the way the loader does: YAML 1.2 core schema, duplicate keys are errors. */
function loadYaml(path) {
  const doc = parseDocument(readFileSync(path, "utf8"), {
    version: "1.2",
    schema: "core",
    uniqueKeys: true,
    prettyErrors: false,
  });
  if (doc.errors.length > 0) {
    throw new Error(doc.errors.map((e) => e.message).join("; "));
  }
  return doc.toJS({ maxAliasCount: 1000 });
}

function yamlFiles(dir) {
  return readdirSync(join(ROOT, dir))
    .filter((f) => f.endsWith(".yaml") || f.endsWith(".yml"))
    .sort()
    .map((f) => join(ROOT, dir, f));
}

/** The JSON pointer an error is about (for an unknown key: the key itself). */
function pointerOf(error) {
  if (error.keyword === "additionalProperties") {
    return `${error.instancePath}/${error.params.additionalProperty}`;
  }
  if (error.keyword === "required") {
    return `${error.instancePath}/${error.params.missingProperty}`;
  }
  if (error.keyword === "propertyNames") {
    return `${error.instancePath}/${error.params.propertyName}`;
  }
  return error.instancePath;
}

function main() {
  const failures = [];
  const rel = (p) => relative(ROOT, p);

  const committed = readFileSync(SCHEMA_PATH, "utf8");
  if (committed !== schemaText()) {
    failures.push("schema/contract.schema.json is stale: run `node schema/build.mjs`");
  }

  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  const validate = ajv.compile(JSON.parse(committed));

  let checked = 0;
  for (const dir of VALID_DIRS) {
    for (const path of yamlFiles(dir)) {
      checked++;
      let value;
      try {
        value = loadYaml(path);
      } catch (e) {
        failures.push(`${rel(path)}: not valid YAML: ${e.message}`);
        continue;
      }
      if (!validate(value)) {
        // The deepest errors name the offending value; oneOf branches add noise above them.
        const errors = [...validate.errors]
          .sort((a, b) => pointerOf(b).length - pointerOf(a).length)
          .slice(0, 8)
          .map((e) => `  ${pointerOf(e) || "/"}: ${e.message}`)
          .join("\n");
        failures.push(`${rel(path)}: should be valid, schema says:\n${errors}`);
      }
    }
  }

  const invalid = yamlFiles(INVALID_DIR);
  if (invalid.length === 0) {
    failures.push(`${INVALID_DIR} has no fixtures`);
  }
  for (const path of invalid) {
    checked++;
    const expected = readFileSync(path, "utf8").match(EXPECT)?.[1];
    if (!expected) {
      failures.push(`${rel(path)}: first lines lack "# expect-error-at: /json/pointer"`);
      continue;
    }
    const value = loadYaml(path);
    if (validate(value)) {
      failures.push(`${rel(path)}: should be invalid, but the schema accepts it`);
      continue;
    }
    const pointers = [...new Set(validate.errors.map(pointerOf))];
    if (!pointers.includes(expected)) {
      failures.push(
        `${rel(path)}: rejected, but no error points at ${expected}; errors point at: ${pointers.join(", ")}`,
      );
    }
  }

  for (const name of SCHEMA_LEVEL_BAD) {
    const path = join(ROOT, "codegen/tests/bad_contracts", `${name}.yaml`);
    checked++;
    let value;
    try {
      value = loadYaml(path);
    } catch {
      continue; // rejected by the YAML parser, as by the loader
    }
    if (validate(value)) {
      failures.push(`${rel(path)}: the loader rejects it, but the schema accepts it`);
    }
  }

  if (failures.length > 0) {
    console.error(failures.join("\n"));
    console.error(`schema check: ${failures.length} failure(s) in ${checked} file(s)`);
    process.exit(1);
  }
  console.log(`schema check: ${checked} file(s) OK (${invalid.length} rejected as expected)`);
}

main();
