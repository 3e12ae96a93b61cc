// Builds schema/contract.schema.json, the JSON Schema (draft-07) of eventc
// contract files.
//
//   node schema/build.mjs          rewrite schema/contract.schema.json
//   (tests/schema/check.mjs imports buildSchema() and fails if the file is stale)
//
// The schema mirrors what the loader (codegen/src/load/lower.rs) accepts. It is
// generated rather than written by hand because draft-07 — the draft the YAML
// language server understands — cannot combine `additionalProperties: false`
// with shared property sets, so every type kind is spelled out once per
// context (a bare type expression, a named type, a field).

import { writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

/** Where the generated schema lives, relative to this file. */
export const SCHEMA_PATH = fileURLToPath(new URL("./contract.schema.json", import.meta.url));

const IDENT = "^[A-Za-z][A-Za-z0-9_]*$";
/** Built-in type names; a declared type may not use one (loader: reserved-name). */
const PRIMITIVES = [
  "string", "integer", "number", "boolean", "timestamp", "json", "channel",
  "array", "map", "object", "enum", "union",
];
/** Primitive names usable on their own as a short type expression. */
const SHORT_PRIMITIVES = ["string", "integer", "number", "boolean", "timestamp", "json", "channel"];
/** Names that are a type only in the long form (`{type: object, fields: …}`). */
const LONG_ONLY = ["array", "map", "object", "enum", "union"];
/** How deep `array<…>` / `map<…>` may nest in a short form the schema recognises. */
const MAX_NESTING = 4;

const ref = (name) => ({ $ref: `#/definitions/${name}` });

/** The regular expression of a short type expression (`string`, `array<map<Foo>>`, `Foo`). */
function shortTypePattern() {
  const base = `(?!(?:${LONG_ONLY.join("|")})\\b)[A-Za-z][A-Za-z0-9_]*`;
  let level = base;
  for (let i = 0; i < MAX_NESTING; i++) {
    level = `(?:(?:array|map)<\\s*${level}\\s*>|${base})`;
  }
  return `^\\s*${level}\\s*$`;
}

/** Keys every documented element accepts (named types, fields, channels, enum values). */
const DOC_PROPS = {
  description: { ...ref("text"), description: "Doc text, copied into generated code as comments. Markdown allowed." },
  deprecated: ref("deprecated"),
  since: { ...ref("text"), description: "Version this element appeared in." },
  ident: { type: "string", description: "Identifier stem used in generated code instead of one derived from the name." },
};

/** Keys only a field accepts. */
const FIELD_PROPS = {
  optional: { type: "boolean", default: false, description: "The key may be absent." },
  nullable: { type: "boolean", default: false, description: "The value may be null (the key is still required unless `optional`)." },
  renamed_from: { ...ref("rename"), description: "Old key name: writers emit both keys, readers accept either (dual-key window)." },
  aliases: { ...ref("stringList"), description: "Further key names accepted on read; the field's own name is written." },
  const: { description: "The only value the field may take (e.g. protocol version 2)." },
  derived: {
    enum: ["category", "channel", "event"],
    description: "Envelope fields only: must equal this property of the message's event when present.",
  },
  default_from: {
    enum: ["priority"],
    description: "Envelope fields only: constructors fill the event's default priority.",
  },
};

const count = (description) => ({ type: "integer", minimum: 0, description });

/** The keys each long-form type kind accepts besides `type`, and the ones it requires. */
const KINDS = {
  string: {
    description: "UTF-8 string with optional constraints.",
    props: {
      pattern: { ...ref("regex"), description: "Regular expression the value must match (anchor with ^…$ to match the whole value)." },
      min_length: count("Minimum length in characters."),
      max_length: count("Maximum length in characters."),
    },
  },
  integer: {
    description: "Integer of a fixed width (default i64).",
    props: {
      width: { enum: ["i32", "i64", "u32", "u64"], default: "i64", description: "Integer width; values outside it are invalid." },
      min: { type: "integer", description: "Inclusive lower bound." },
      max: { type: "integer", description: "Inclusive upper bound." },
    },
  },
  number: {
    description: "IEEE-754 double (integers accepted).",
    props: {
      min: { type: "number", description: "Inclusive lower bound." },
      max: { type: "number", description: "Inclusive upper bound." },
    },
  },
  timestamp: {
    description: "A point in time in one wire encoding.",
    props: {
      encoding: {
        enum: ["rfc3339", "unix_s", "unix_ms"],
        default: "rfc3339",
        description: "rfc3339: date-time string; unix_s / unix_ms: integer seconds / milliseconds since the epoch.",
      },
    },
  },
  array: {
    description: "JSON array of `items`.",
    required: ["items"],
    props: {
      items: { ...ref("typeExpr"), description: "Type of every item." },
      min_items: count("Minimum number of items."),
      max_items: count("Maximum number of items."),
    },
  },
  map: {
    description: "JSON object with arbitrary string keys and `values` values.",
    required: ["values"],
    props: {
      values: { ...ref("typeExpr"), description: "Type of every value." },
      key_pattern: { ...ref("regex"), description: "Regular expression every key must match." },
    },
  },
  object: {
    description: "JSON object with declared fields.",
    props: {
      fields: ref("fields"),
      additional: ref("additional"),
      removed: ref("removedKeys"),
    },
  },
  enum: {
    description: "String enum (a list of values) or integer enum (a mapping NAME: integer).",
    required: ["values"],
    props: {
      values: {
        description: "A list of strings (string enum) or a mapping NAME: integer (integer enum).",
        oneOf: [ref("stringEnumValues"), ref("intEnumValues")],
      },
      open: { type: "boolean", default: false, description: "Unknown values are tolerated (kept in an Unknown case) instead of rejected." },
      removed: ref("removedValues"),
    },
  },
  union: {
    description: "Tagged union (`tag:`) or shape-detected union (`detect: fields`).",
    required: ["variants"],
    props: {
      tag: { type: "string", description: "Key inside each variant object that carries the variant's tag." },
      detect: { enum: ["fields"], description: "Variants are told apart by which keys are present." },
      variants: {
        description: "Tagged: a mapping tag value -> object type. Shape-detected: a list of {type, name, when}, tried in order.",
        type: ["object", "array"],
      },
    },
    extra: {
      oneOf: [
        {
          title: "tagged union",
          required: ["tag"],
          not: { required: ["detect"] },
          properties: { variants: { type: "object", additionalProperties: ref("variantType") } },
        },
        {
          title: "shape-detected union",
          required: ["detect"],
          not: { required: ["tag"] },
          properties: { variants: { type: "array", items: ref("detectedVariant") } },
        },
      ],
    },
  },
};

/** The three places a type expression appears, and the keys each adds to a long form. */
const CONTEXTS = {
  typeExpr: { title: "type expression", props: {} },
  namedType: { title: "named type", props: DOC_PROPS },
  field: { title: "field", props: { ...DOC_PROPS, ...FIELD_PROPS } },
};

/** One long-form branch: `{type: <kind>, …}` in the given context. */
function kindBranch(context, kind) {
  const k = KINDS[kind];
  const branch = {
    title: `${kind} (${CONTEXTS[context].title})`,
    description: k.description,
    type: "object",
    required: ["type", ...(k.required ?? [])],
    properties: {
      type: { const: kind, description: k.description },
      ...k.props,
      ...CONTEXTS[context].props,
    },
    additionalProperties: false,
    ...k.extra,
  };
  // In a field, `{type: object}` with no other type key is read as the bare
  // name `object`, which needs its fields (loader: incomplete-type).
  if (context === "field" && kind === "object") {
    branch.anyOf = [{ required: ["fields"] }, { required: ["additional"] }];
  }
  return branch;
}

/** The long form whose `type:` is a short type expression without type keys (`{type: Foo, optional: true}`). */
function referenceBranch(context) {
  return {
    title: `reference (${CONTEXTS[context].title})`,
    description: "A built-in or declared type given in long form, so that other keys can be added.",
    type: "object",
    required: ["type"],
    properties: {
      type: { allOf: [ref("shortType"), { not: { enum: Object.keys(KINDS) } }] },
      ...CONTEXTS[context].props,
    },
    additionalProperties: false,
  };
}

/** Definitions for one context: the union of the short form and every long form. */
function contextDefinitions(context) {
  const defs = {};
  const branches = [ref("shortType")];
  for (const kind of Object.keys(KINDS)) {
    defs[`${context}.${kind}`] = kindBranch(context, kind);
    branches.push(ref(`${context}.${kind}`));
  }
  defs[`${context}.reference`] = referenceBranch(context);
  branches.push(ref(`${context}.reference`));
  defs[context] = {
    title: CONTEXTS[context].title,
    description: "A short type name (`string`, `array<T>`, `map<T>`, `SomeType`) or a mapping with a `type:` key.",
    oneOf: branches,
  };
  return defs;
}

const strictObject = (title, description, properties, extra = {}) => ({
  title,
  description,
  type: "object",
  properties,
  additionalProperties: false,
  ...extra,
});

/** Definitions that do not depend on the context. */
function commonDefinitions() {
  const nonPrimitiveName = {
    type: "string",
    pattern: IDENT,
    not: { enum: PRIMITIVES },
    description: "The name of a type declared under `types:`.",
  };
  return {
    text: { type: ["string", "number"], description: "Free text (numbers are read as their text)." },
    stringList: { type: "array", items: { type: "string" } },
    regex: {
      type: "string",
      description: "Regular expression in the common subset of Rust regex, Go RE2 and JavaScript (no look-around, no back-references).",
    },
    additional: {
      enum: ["allow", "deny"],
      description: "allow: unknown keys are tolerated (tolerant reader); deny: they are invalid. Default: compatibility.extra_keys.",
    },
    deprecated: {
      description: "`true`, a message, or {since, message, use}.",
      oneOf: [
        { type: "boolean" },
        { type: "string" },
        strictObject("deprecation", "When and why this was deprecated, and what to use instead.", {
          since: ref("text"),
          message: ref("text"),
          use: { ...ref("text"), description: "What to use instead." },
        }),
      ],
    },
    shortType: {
      description: "string, integer, number, boolean, timestamp, json, channel, array<T>, map<T> or a type declared under `types:`.",
      anyOf: [
        { enum: [...SHORT_PRIMITIVES, "array<string>", "map<string>"] },
        { type: "string", pattern: shortTypePattern() },
      ],
    },
    nonPrimitiveName,
    fields: {
      title: "fields",
      description: "Field name (the wire key, exactly as sent) -> field.",
      type: "object",
      additionalProperties: ref("field"),
    },
    variantType: {
      description: "An object type: a declared type's name or an inline {type: object, …}.",
      oneOf: [
        nonPrimitiveName,
        ref("typeExpr.object"),
        strictObject("reference", "A declared object type in long form.", { type: nonPrimitiveName }, { required: ["type"] }),
      ],
    },
    detectedVariant: strictObject(
      "detected variant",
      "A variant of a shape-detected union; the first whose `when` matches is chosen.",
      {
        type: ref("variantType"),
        name: { type: "string", description: "Variant name in generated code (default: the type's name)." },
        when: ref("when"),
      },
      { required: ["type"] },
    ),
    when: strictObject(
      "detection condition",
      "Keys whose presence or absence picks this variant (default: all its required fields present).",
      {
        any_present: { ...ref("stringList"), description: "At least one of these keys is present." },
        all_present: { ...ref("stringList"), description: "All of these keys are present." },
        absent: { ...ref("stringList"), description: "None of these keys is present." },
      },
      {
        anyOf: ["any_present", "all_present", "absent"].map((k) => ({
          required: [k],
          properties: { [k]: { type: "array", minItems: 1 } },
        })),
      },
    ),
    rename: {
      description: "The old spelling, or {from, since}: readers accept it as well as the new one.",
      oneOf: [
        ref("text"),
        strictObject(
          "rename",
          "A rename with the contract version it started in.",
          {
            from: { ...ref("text"), description: "The old spelling." },
            since: { ...ref("text"), description: "Contract version in which the rename started (default: no later than the base version a diff compares against)." },
          },
          { required: ["from"] },
        ),
      ],
    },
    removalVersion: { type: ["string", "number"], pattern: "\\S", description: "Contract version in which it was removed (not empty)." },
    removedNames: {
      type: "array",
      items: strictObject(
        "removed name",
        "A name removed from the contract; `check` refuses it if declared again.",
        {
          name: { ...ref("text"), description: "The removed name." },
          version: ref("removalVersion"),
          reason: { ...ref("text"), description: "Why it was removed." },
        },
        { required: ["name", "version"] },
      ),
    },
    removedKeys: {
      type: "array",
      description: "Field keys removed from the object; `check` refuses them if declared again (aliases and old keys included).",
      items: strictObject(
        "removed field",
        "A field key removed from the object.",
        {
          key: { ...ref("text"), description: "The removed key." },
          version: ref("removalVersion"),
          type: { type: "string", description: "The type expression it had (documentation only)." },
          reason: { ...ref("text"), description: "Why it was removed." },
        },
        { required: ["key", "version"] },
      ),
    },
    removedValues: {
      type: "array",
      description: "Values removed from the enum; `check` refuses them if listed again.",
      items: strictObject(
        "removed enum value",
        "A value removed from the enum (for an integer enum, the integer).",
        {
          value: { type: ["string", "integer"], description: "The removed wire value." },
          version: ref("removalVersion"),
          reason: { ...ref("text"), description: "Why it was removed." },
        },
        { required: ["value", "version"] },
      ),
    },
    acknowledgement: {
      title: "acknowledgement",
      description: "A breaking change made on purpose: {rule, path, reason} or {fingerprint, reason}, as `eventc diff` prints them.",
      oneOf: [
        strictObject(
          "acknowledged rule at a path",
          "Every finding of a rule at a path.",
          {
            rule: { type: "string", pattern: "^[a-z0-9]+(-[a-z0-9]+)*$", description: "Rule id (kebab-case)." },
            path: { type: "string", minLength: 1, description: "Path of the contract element." },
            reason: { type: "string", pattern: "\\S", description: "Why the break is acceptable." },
          },
          { required: ["rule", "path", "reason"] },
        ),
        strictObject(
          "acknowledged finding",
          "One finding, by fingerprint.",
          {
            fingerprint: { type: "string", pattern: "^[0-9a-f]+$", description: "The fingerprint `eventc diff` prints." },
            reason: { type: "string", pattern: "\\S", description: "Why the break is acceptable." },
          },
          { required: ["fingerprint", "reason"] },
        ),
      ],
    },
    stringEnumValues: {
      type: "array",
      minItems: 1,
      items: {
        oneOf: [
          { type: "string" },
          strictObject(
            "enum value",
            "A string enum value with documentation.",
            {
              value: { type: "string" },
              renamed_from: { ...ref("rename"), description: "Old value: readers read it as this one, writers write this one." },
              ...DOC_PROPS,
            },
            { required: ["value"] },
          ),
        ],
      },
    },
    intEnumValues: {
      type: "object",
      minProperties: 1,
      additionalProperties: {
        oneOf: [
          { type: "integer" },
          strictObject(
            "enum value",
            "An integer enum value with documentation.",
            {
              value: { type: "integer" },
              description: DOC_PROPS.description,
              deprecated: DOC_PROPS.deprecated,
              since: DOC_PROPS.since,
              renamed_from: { ...ref("rename"), description: "Old symbolic name (the wire value is unchanged)." },
            },
            { required: ["value"] },
          ),
        ],
      },
    },
  };
}

/** Definitions of the contract's sections. */
function sectionDefinitions() {
  return {
    compatibility: strictObject("compatibility", "Compatibility policy.", {
      extra_keys: { enum: ["allow", "deny"], default: "allow", description: "allow: tolerant readers accept unknown keys; deny: objects are closed." },
      unknown_events: { enum: ["allow", "deny"], default: "deny", description: "Whether a discriminator value the contract does not declare is valid." },
      renames: { enum: ["dual_key"], default: "dual_key", description: "How renamed keys are carried (`renamed_from`)." },
      rules: { ...ref("stringList"), description: "The human policy, carried into docs and generated headers." },
    }),
    naming: strictObject("naming conventions", "Naming conventions `check` enforces.", {
      events: {
        type: "array",
        description: "Every event wire name (aliases included) must match one of the rules that apply to it.",
        items: strictObject(
          "naming rule",
          "A pattern event names must match.",
          {
            pattern: ref("regex"),
            description: ref("text"),
            category: { type: "string", description: "The rule applies only to events of this category." },
          },
          { required: ["pattern"] },
        ),
      },
    }),
    categories: strictObject("categories", "Event categories and the rules that derive them from wire names.", {
      values: { type: "object", description: "Category name -> description.", additionalProperties: ref("text") },
      rules: {
        type: "array",
        description: "First match wins; matched against the lower-cased wire name.",
        items: strictObject(
          "category rule",
          "Gives `category` to events whose name matches (the first of contains, names, pattern is used).",
          {
            contains: { type: "string", description: "The name contains this text." },
            names: { ...ref("stringList"), description: "The name is one of these." },
            pattern: { ...ref("regex"), description: "The name matches this regular expression." },
            category: { type: "string" },
          },
          {
            required: ["category"],
            anyOf: [{ required: ["contains"] }, { required: ["names"] }, { required: ["pattern"] }],
          },
        ),
      },
      default: { type: "string", description: "Category of events no rule matches." },
    }),
    priorities: strictObject("priorities", "Priority levels events can name.", {
      levels: { type: "object", description: "Level name -> integer value.", additionalProperties: { type: "integer" } },
      default: { type: "string", description: "Level of events that name none." },
    }),
    channel: {
      title: "channel",
      description: "A channel (topic); null for a channel whose address is its key.",
      oneOf: [
        { type: "null" },
        strictObject("channel", "A channel (topic) events are bound to.", {
          address: { type: "string", description: "Address with {param} placeholders (default: the key itself)." },
          params: { type: "object", description: "Placeholder -> string-valued type.", additionalProperties: ref("typeExpr") },
          renamed_from: { ...ref("rename"), description: "Old address template (without the prefix, same placeholders): read, never written." },
          ...DOC_PROPS,
        }),
      ],
    },
    envelope: strictObject(
      "envelope",
      "An envelope shape: the object every message of its events is wrapped in.",
      {
        discriminator: { type: "string", description: "The field that carries the event's wire name (a required string field)." },
        payload: { type: "string", description: "The field that carries the event payload (omit: no payload)." },
        fields: ref("fields"),
        additional: ref("additional"),
        compression: strictObject(
          "compression",
          "Payload compression.",
          {
            flag: { type: "string", description: "Boolean envelope field that marks a compressed payload." },
            algorithm: { enum: ["zlib"], default: "zlib", description: "zlib (RFC 1950)." },
            encoding: { enum: ["base64"], default: "base64", description: "Standard alphabet, padded." },
            threshold: { ...count("Writers compress payloads whose JSON exceeds this many bytes."), default: 1024 },
          },
          { required: ["flag"] },
        ),
        removed: ref("removedKeys"),
      },
      { required: ["discriminator", "fields"] },
    ),
    event: {
      title: "event",
      description: "An event; null for an event with every default.",
      oneOf: [
        { type: "null" },
        strictObject("event", "An event, keyed by its wire name.", {
          ...DOC_PROPS,
          channel: { type: "string", description: "Channel binding (a key under `channels:`)." },
          direction: {
            enum: ["client_to_server", "server_to_client", "both"],
            default: "both",
            description: "Who sends it.",
          },
          payload: { ...ref("typeExpr"), description: "Payload type (default: free-form json)." },
          envelope: { type: "string", description: "Alternate envelope shape (a key under `envelopes:`)." },
          aliases: { ...ref("stringList"), description: "Further wire names accepted on read (the canonical name is written)." },
          renamed_from: { ...ref("rename"), description: "Old wire name: read like an alias, never written." },
          legacy_idents: { ...ref("stringList"), description: "Deprecated code constants naming this event." },
          category: { type: "string", description: "A category under `categories.values` (default: derived by the rules)." },
          priority: { type: "string", description: "A level under `priorities.levels` (default: priorities.default)." },
        }),
      ],
    },
    changelogEntry: strictObject(
      "changelog entry",
      "One version of the protocol.",
      {
        version: ref("text"),
        date: ref("text"),
        changes: { description: "What changed.", oneOf: [{ type: "string" }, ref("stringList")] },
        acknowledges: { type: "array", description: "Breaking changes this version makes on purpose.", items: ref("acknowledgement") },
      },
      { anyOf: [{ required: ["version"] }, { required: ["date"] }] },
    ),
  };
}

/** The whole schema. */
export function buildSchema() {
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: "https://eventc.dev/schema/contract.schema.json",
    title: "eventc contract",
    description: "One WebSocket protocol: envelope(s), events, payload types, channels, naming, compatibility and change log. See docs/contract-format.md.",
    type: "object",
    required: ["eventc", "name", "envelope", "events"],
    properties: {
      eventc: { type: "integer", const: 1, default: 1, description: "Contract format version (must be 1)." },
      name: { type: "string", pattern: "^[a-z][a-z0-9_]*$", description: "Contract id, also the module/package name." },
      title: ref("text"),
      description: ref("text"),
      version: { ...ref("text"), description: "Version of the protocol this contract describes." },
      compatibility: ref("compatibility"),
      naming: ref("naming"),
      categories: ref("categories"),
      priorities: ref("priorities"),
      channel_prefix: { ...ref("text"), description: "Namespace prefix of every channel address." },
      channels: { type: "object", description: "Channel key -> channel.", additionalProperties: ref("channel") },
      envelope: { ...ref("envelope"), description: "The default envelope shape." },
      envelopes: {
        type: "object",
        description: "Named alternate envelope shapes (`default` names the top-level envelope).",
        propertyNames: { not: { const: "default" } },
        additionalProperties: ref("envelope"),
      },
      types: {
        type: "object",
        description: "Named reusable types.",
        propertyNames: { pattern: IDENT, not: { enum: PRIMITIVES } },
        additionalProperties: ref("namedType"),
      },
      events: {
        type: "object",
        description: "Wire name -> event (at least one).",
        minProperties: 1,
        propertyNames: { minLength: 1 },
        additionalProperties: ref("event"),
      },
      removed: strictObject("removed", "Event wire names and channel keys removed from the contract, which may not come back.", {
        events: { ...ref("removedNames"), description: "Removed event wire names." },
        channels: { ...ref("removedNames"), description: "Removed channel keys." },
      }),
      changelog: { type: "array", description: "Version history.", items: ref("changelogEntry") },
    },
    additionalProperties: false,
    definitions: {
      ...commonDefinitions(),
      ...sectionDefinitions(),
      ...contextDefinitions("typeExpr"),
      ...contextDefinitions("namedType"),
      ...contextDefinitions("field"),
    },
  };
}

/** The schema as committed: pretty JSON with a trailing newline. */
export function schemaText() {
  return `${JSON.stringify(buildSchema(), null, 2)}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(SCHEMA_PATH, schemaText());
  console.log(`wrote ${SCHEMA_PATH}`);
}
