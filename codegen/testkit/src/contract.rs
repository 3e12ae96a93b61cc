//! A random contract, steered by fuzzer bytes.
//!
//! [`yaml`] draws a contract description from [`Unstructured`] and writes it
//! as YAML (in its JSON-compatible flow form, so any text, however hostile,
//! is quoted correctly). Most draws are meant to pass `eventc check`, so the
//! emitters get exercised: names come mostly from pools of ordinary
//! identifiers and only now and then from a pool of hostile ones (keywords
//! of the three target languages, non-ASCII letters, names that collide
//! after case conversion, empty text); constraints are mostly well-formed.
//! Every kind of type appears: primitives with constraints, arrays, maps,
//! inline and named objects, string and integer enums (open or closed),
//! tagged and shape-detected unions, aliases, and references between named
//! types in any direction, recursion included.

use arbitrary::{Result, Unstructured};
use serde_json::{json, Map, Value};

/// Ordinary field names, some alike after case conversion.
const FIELD_NAMES: &[&str] = &[
    "id",
    "name",
    "value",
    "count",
    "items",
    "next",
    "kind",
    "data",
    "created_at",
    "user_id",
    "label",
    "tags",
    "total",
    "price",
    "status",
    "parent",
    "children",
    "note",
    "x",
    "y",
    "payload_size",
    "ts",
];

/// Field names that are keywords, reserved words or otherwise awkward in
/// one of the target languages or in JSON, but that `check` accepts.
const AWKWARD_FIELD_NAMES: &[&str] = &[
    "type",
    "self",
    "Self",
    "fn",
    "match",
    "package",
    "func",
    "default",
    "interface",
    "map",
    "chan",
    "go",
    "range",
    "break",
    "constructor",
    "__proto__",
    "prototype",
    "toString",
    "error",
    "Error",
    "string",
    "new",
    "None",
    "Some",
    "crate",
    "super",
    "a-b",
    "a.b",
    "a b",
    "null",
    "true",
    "$ref",
    "Message",
    "Unknown",
    "Event",
    "raw",
    "_msg_cat",
    "Marshal",
    "UnmarshalJSON",
];

/// Field names no identifier can be made from, or that collide with others.
const HOSTILE_FIELD_NAMES: &[&str] = &[
    "r#type",
    "_",
    "__",
    "1st",
    "",
    "naïve",
    "événement",
    "Ω",
    "日本",
    "\u{202e}x",
    "x\ny",
    "userId",
    "UserId",
];

/// Ordinary type names.
const TYPE_NAMES: &[&str] = &[
    "Alpha", "Beta", "Gamma", "Delta", "Node", "Tree", "Item", "Order", "Point", "Shape", "Circle",
    "Square", "Status", "Level", "Ids", "Nested", "Wrapper", "Link",
];

/// Type names that collide with generated or built-in names, or are not
/// identifiers at all.
const HOSTILE_TYPE_NAMES: &[&str] = &[
    "Self",
    "String",
    "Option",
    "Box",
    "Result",
    "Vec",
    "Map",
    "Maybe",
    "Nullable",
    "Message",
    "AnyEvent",
    "Event",
    "Unknown",
    "Error",
    "Value",
    "Object",
    "Record",
    "Promise",
    "int",
    "error",
    "any",
    "type",
    "naïve",
    "Événement",
    "A-B",
    "1X",
    "",
    "X_",
    "x",
    "T",
    "JSON",
    "Raw",
    "Direction",
    "Priority",
    "Category",
    "Channel",
];

/// Ordinary event wire names in the styles of the seed contracts.
const EVENT_NAMES: &[&str] = &[
    "ping",
    "pong",
    "user.created",
    "order:update",
    "order_snapshot",
    "worker.heartbeat",
    "system:error",
    "trade",
    "sys_ready",
    "price-tick",
    "Login",
    "snapshot_complete",
];

/// Event wire names that are hard to turn into identifiers or constants.
const HOSTILE_EVENT_NAMES: &[&str] = &[
    "",
    " ",
    "a b",
    "événement",
    "naïve.event",
    "\u{202e}evil",
    "x\ny",
    "*/",
    "\"",
    "\\",
    "type",
    "Self",
    "1",
    "-",
    "__proto__",
    "ping ",
    "PING",
    "Ping",
    "p.i.n.g",
    "日本:更新",
    "a\u{0}b",
    "💥",
];

/// Pieces of text that break comments, strings or lines in some language.
const HOSTILE_TEXT: &[&str] = &[
    "*/",
    "/*",
    "\n",
    "\r\n",
    "\r",
    "\u{2028}",
    "\u{2029}",
    "\u{202e}",
    "\u{feff}",
    "\"",
    "\\",
    "`",
    "${x}",
    "#",
    "\u{0}",
    "\u{7}",
    "\u{1b}[31m",
    "'",
    "-->",
    "<!--",
    "//",
    "😀",
    "\t",
    "}}",
    "{{",
    "%s",
    "\\u0000",
    "package main",
    "*/ fn evil() {} /*",
    "\"\"\"",
    "#[",
    "//!",
    "@param",
    "<script>",
    "é",
    "\u{85}",
    "\u{200b}",
    "?>",
    "]]>",
];

/// Regular expressions all three languages read alike.
const PATTERNS: &[&str] = &[
    "^[a-z]+$",
    "^[A-Z]{2,4}-[0-9]+$",
    "^\\d+$",
    "^(a|b)*$",
    "abc",
    "^.{1,8}$",
    "^[^:]+$",
    "^\\w+@\\w+$",
    "^$",
    "^(?:ab)+$",
    "^[\\u0041-\\u005A]$",
    "^[*/\"`$]+$",
];

/// Text `check` must refuse as a pattern, or that is no regular expression at all.
const HOSTILE_PATTERNS: &[&str] = &[
    "(?i)abc",
    "(?P<n>a)",
    "a(",
    "^\\p{L}+$",
    "[[:alpha:]]",
    "(?=a)",
    "\\Aa\\z",
    "(a)\\1",
];

/// Shared state while one contract is drawn: the names of its named types,
/// which are chosen first so that any type may refer to any other.
struct Draw<'u, 'a> {
    u: &'u mut Unstructured<'a>,
    types: Vec<String>,
    channels: Vec<String>,
}

/// Draws a contract and writes it as YAML.
pub fn yaml(u: &mut Unstructured<'_>) -> Result<String> {
    let contract = draw(u)?;
    Ok(serde_json::to_string_pretty(&contract).unwrap_or_default())
}

/// Draws a contract as the tree of its YAML document.
pub fn draw(u: &mut Unstructured<'_>) -> Result<Value> {
    let type_count = u.int_in_range(0..=7)?;
    let mut types = Vec::new();
    for i in 0..type_count {
        let name = if u.ratio(1, 40)? {
            pick(u, HOSTILE_TYPE_NAMES)?.to_owned()
        } else {
            format!("{}{}", pick(u, TYPE_NAMES)?, i)
        };
        types.push(name);
    }
    let channel_count = u.int_in_range(0..=3)?;
    let channels = (0..channel_count).map(|i| format!("room{i}")).collect();
    let mut d = Draw { u, types, channels };
    d.contract()
}

/// One of `items`; the first when the input is used up.
fn pick<'p>(u: &mut Unstructured<'_>, items: &[&'p str]) -> Result<&'p str> {
    Ok(items[u.choose_index(items.len()).unwrap_or(0)])
}

impl Draw<'_, '_> {
    fn contract(&mut self) -> Result<Value> {
        let mut top = Map::new();
        top.insert("eventc".into(), json!(1));
        let name = if self.u.ratio(1, 40)? {
            pick(
                self.u,
                &["Fz", "1fz", "naïve", "", "fz-x", "type", "package"],
            )?
            .to_owned()
        } else {
            format!("fz{}", self.u.int_in_range(0..=9)?)
        };
        top.insert("name".into(), json!(name));
        top.insert("title".into(), json!(self.text()?));
        if self.u.arbitrary()? {
            top.insert("description".into(), json!(self.text()?));
        }
        top.insert("version".into(), json!(self.text_or("1.0")?));
        top.insert(
            "compatibility".into(),
            json!({
                "extra_keys": pick(self.u, &["allow", "deny"])?,
                "unknown_events": pick(self.u, &["allow", "deny"])?,
            }),
        );
        let categories = self.u.ratio(1, 3)?;
        if categories {
            top.insert(
                "categories".into(),
                json!({
                    "values": { "S": self.text_or("Snapshot")?, "U": "Update", "WSE": "System" },
                    "rules": [
                        { "contains": "snapshot", "category": "S" },
                        { "names": ["ping", "pong"], "category": "WSE" },
                    ],
                    "default": "U",
                }),
            );
        }
        let priorities = self.u.ratio(1, 3)?;
        if priorities {
            top.insert(
                "priorities".into(),
                json!({ "levels": { "HIGH": 8, "NORMAL": 5, "LOW": 1 }, "default": "NORMAL" }),
            );
        }
        if !self.channels.is_empty() {
            if self.u.arbitrary()? {
                top.insert("channel_prefix".into(), json!(self.text_or("ws:")?));
            }
            top.insert("channels".into(), self.channels()?);
        }
        let style = self.u.int_in_range(0..=3)?;
        top.insert(
            "envelope".into(),
            self.envelope(style, categories, priorities)?,
        );
        let alternate = self.u.ratio(1, 5)?;
        if alternate {
            top.insert(
                "envelopes".into(),
                json!({ "keepalive": {
                    "discriminator": discriminator_of(style),
                    "fields": {
                        discriminator_of(style): discriminator_field(style),
                        "at": { "type": "timestamp", "encoding": "unix_ms" },
                    },
                }}),
            );
        }
        if !self.types.is_empty() {
            top.insert("types".into(), self.types()?);
        }
        top.insert("events".into(), self.events(style, alternate)?);
        Ok(Value::Object(top))
    }

    /// A pattern: now and then one `check` refuses.
    fn pattern(&mut self) -> Result<&'static str> {
        if self.u.ratio(1, 12)? {
            pick(self.u, HOSTILE_PATTERNS)
        } else {
            pick(self.u, PATTERNS)
        }
    }

    /// Text for a title or description: usually plain, often with hostile pieces.
    fn text(&mut self) -> Result<String> {
        let mut out = String::from("Text");
        for _ in 0..self.u.int_in_range(0..=4)? {
            if self.u.ratio(2, 3)? {
                out.push_str(pick(self.u, HOSTILE_TEXT)?);
            } else {
                let c: char = self.u.arbitrary()?;
                out.push(c);
            }
            out.push(' ');
        }
        Ok(out)
    }

    /// `plain` most of the time, hostile text otherwise.
    fn text_or(&mut self, plain: &str) -> Result<String> {
        if self.u.ratio(1, 6)? {
            self.text()
        } else {
            Ok(plain.to_owned())
        }
    }

    fn channels(&mut self) -> Result<Value> {
        let mut out = Map::new();
        for name in self.channels.clone() {
            let mut ch = Map::new();
            ch.insert("description".into(), json!(self.text()?));
            match self.u.int_in_range(0..=8)? {
                0..=4 => {}
                5 => {
                    ch.insert("address".into(), json!(format!("{name}:{{room_id}}")));
                    ch.insert("params".into(), json!({ "room_id": "string" }));
                }
                6 | 7 => {
                    ch.insert("address".into(), json!(format!("user:{{user_id}}:{name}")));
                    ch.insert(
                        "params".into(),
                        json!({ "user_id": { "type": "string", "pattern": "^[a-z0-9]+$" } }),
                    );
                }
                _ => {
                    ch.insert("address".into(), json!(self.text()?));
                }
            }
            out.insert(name, Value::Object(ch));
        }
        Ok(Value::Object(out))
    }

    /// The default envelope in one of four styles (`t`/`p` with aliases,
    /// `type`/`data`, `event`/`payload`, or no payload field), with a few
    /// envelope fields of every role.
    fn envelope(&mut self, style: u8, categories: bool, priorities: bool) -> Result<Value> {
        let disc = discriminator_of(style);
        let mut fields = Map::new();
        let mut env = Map::new();
        env.insert("discriminator".into(), json!(disc));
        fields.insert(disc.into(), discriminator_field(style));
        if let Some(payload) = payload_of(style) {
            env.insert("payload".into(), json!(payload));
            let mut field = json!({ "type": "json" });
            if style == 0 {
                field["aliases"] = json!(["payload"]);
            }
            if self.u.ratio(1, 4)? {
                field["optional"] = json!(true);
            }
            fields.insert(payload.into(), field);
        }
        if self.u.arbitrary()? {
            fields.insert("id".into(), json!("string"));
        }
        if self.u.arbitrary()? {
            let encoding = pick(self.u, &["rfc3339", "unix_s", "unix_ms"])?;
            fields.insert(
                "ts".into(),
                json!({ "type": "timestamp", "encoding": encoding, "optional": self.u.arbitrary::<bool>()? }),
            );
        }
        if self.u.ratio(1, 3)? {
            fields.insert(
                "v".into(),
                json!({ "type": "integer", "const": self.u.int_in_range(1..=3)?, "aliases": ["version"] }),
            );
        }
        if categories && self.u.arbitrary()? {
            fields.insert(
                "_msg_cat".into(),
                json!({ "type": "string", "optional": true, "derived": "category" }),
            );
        }
        if priorities && self.u.arbitrary()? {
            fields.insert(
                "pri".into(),
                json!({ "type": "integer", "min": 1, "max": 10, "optional": true, "default_from": "priority" }),
            );
        }
        if !self.channels.is_empty() && self.u.arbitrary()? {
            fields.insert(
                "channel".into(),
                json!({ "type": "channel", "optional": true, "derived": "channel" }),
            );
        }
        if self.u.ratio(1, 4)? {
            fields.insert(
                "route".into(),
                json!({ "type": "string", "optional": true, "derived": "event" }),
            );
        }
        if self.u.ratio(1, 4)? {
            let name = self.field_name()?;
            let field = self.field(0)?;
            fields.insert(name, field);
        }
        if payload_of(style).is_some() && self.u.ratio(1, 4)? {
            fields.insert(
                "cmp".into(),
                json!({ "type": "boolean", "optional": self.u.arbitrary::<bool>()?, "aliases": ["compressed"] }),
            );
            env.insert(
                "compression".into(),
                json!({ "flag": "cmp", "algorithm": "zlib", "encoding": "base64", "threshold": self.u.int_in_range(0..=2048)? }),
            );
        }
        env.insert("fields".into(), Value::Object(fields));
        if self.u.ratio(1, 5)? {
            env.insert("additional".into(), json!("deny"));
        }
        Ok(Value::Object(env))
    }

    fn field_name(&mut self) -> Result<String> {
        Ok(if self.u.ratio(1, 100)? {
            pick(self.u, HOSTILE_FIELD_NAMES)?
        } else if self.u.ratio(1, 8)? {
            pick(self.u, AWKWARD_FIELD_NAMES)?
        } else {
            pick(self.u, FIELD_NAMES)?
        }
        .to_owned())
    }

    fn types(&mut self) -> Result<Value> {
        let mut out = Map::new();
        // Unions are drawn last, over the object types drawn before them.
        let mut objects: Vec<String> = Vec::new();
        let mut object_fields: Vec<Vec<String>> = Vec::new();
        let mut unions = Vec::new();
        for name in self.types.clone() {
            let def = match self.u.int_in_range(0..=9)? {
                0..=4 => {
                    let def = self.object(0)?;
                    objects.push(name.clone());
                    object_fields.push(
                        def["fields"]
                            .as_object()
                            .map(|f| f.keys().cloned().collect())
                            .unwrap_or_default(),
                    );
                    def
                }
                5 | 6 => self.enumeration()?,
                7 => {
                    unions.push(name.clone());
                    continue;
                }
                _ => self.alias()?,
            };
            out.insert(name, def);
        }
        for name in unions {
            let def = if objects.is_empty() {
                self.alias()?
            } else {
                self.union(&objects, &object_fields)?
            };
            out.insert(name, def);
        }
        Ok(Value::Object(out))
    }

    /// An object type; only a named one (`depth` 0) may carry a description.
    fn object(&mut self, depth: u32) -> Result<Value> {
        let mut fields = Map::new();
        for _ in 0..self.u.int_in_range(0..=5)? {
            let name = self.field_name()?;
            let field = self.field(depth)?;
            fields.insert(name, field);
        }
        let mut def = json!({ "type": "object", "fields": fields });
        if self.u.ratio(1, 4)? {
            def["additional"] = json!(pick(self.u, &["deny", "allow"])?);
        }
        if depth == 0 && self.u.ratio(1, 4)? {
            def["description"] = json!(self.text()?);
        }
        Ok(def)
    }

    /// A field: a type in short or long form with some of the field keys.
    fn field(&mut self, depth: u32) -> Result<Value> {
        let ty = self.type_expr(depth)?;
        let plain = !self.u.ratio(2, 3)?;
        if plain {
            return Ok(ty);
        }
        let mut field = match ty {
            Value::Object(map) => map,
            short => {
                let mut map = Map::new();
                map.insert("type".into(), short);
                map
            }
        };
        if self.u.ratio(1, 3)? {
            field.insert("optional".into(), json!(true));
        }
        if self.u.ratio(1, 3)? {
            field.insert("nullable".into(), json!(true));
        }
        if self.u.ratio(1, 5)? {
            field.insert(
                "renamed_from".into(),
                json!(format!("old_{}", self.field_name()?)),
            );
        }
        if self.u.ratio(1, 5)? {
            let alias = self.field_name()?;
            let aliases = if self.u.ratio(1, 6)? {
                json!([format!("alt_{alias}"), alias])
            } else {
                json!([format!("alt_{alias}")])
            };
            field.insert("aliases".into(), aliases);
        }
        if self.u.ratio(1, 4)? {
            field.insert("description".into(), json!(self.text()?));
        }
        if self.u.ratio(1, 8)? {
            field.insert("deprecated".into(), json!(self.text()?));
        }
        if self.u.ratio(1, 20)? {
            field.insert("ident".into(), json!(self.field_name()?));
        }
        if self.u.ratio(1, 10)? {
            let only_type = field.len() == 1;
            let value = match field.get("type").and_then(Value::as_str) {
                Some("string") if only_type => Some(json!(self.text_or("fixed")?)),
                Some("boolean") => Some(json!(true)),
                Some("integer") if only_type => Some(json!(self.u.int_in_range(-3..=3)?)),
                _ if self.u.ratio(1, 10)? => Some(json!(self.u.int_in_range(-3..=3)?)),
                _ => None,
            };
            if let Some(value) = value {
                field.insert("const".into(), value);
            }
        }
        Ok(Value::Object(field))
    }

    /// A type expression; containers and inline objects nest up to a depth.
    fn type_expr(&mut self, depth: u32) -> Result<Value> {
        let deep = depth >= 3;
        let choice = self.u.int_in_range(0..=if deep { 9 } else { 15 })?;
        Ok(match choice {
            0 => json!("string"),
            1 => json!("integer"),
            2 => json!("number"),
            3 => json!("boolean"),
            4 => json!("timestamp"),
            5 => json!("json"),
            6 => json!("channel"),
            7..=9 => match self.named()? {
                Some(name) => json!(name),
                None => json!("string"),
            },
            10 => self.constrained()?,
            11 => {
                let inner = self.short_type(depth + 1)?;
                json!(format!("array<{inner}>"))
            }
            12 => {
                let inner = self.short_type(depth + 1)?;
                json!(format!("map<{inner}>"))
            }
            13 => {
                let items = self.type_expr(depth + 1)?;
                let mut def = json!({ "type": "array", "items": items });
                if self.u.arbitrary()? {
                    let min = self.u.int_in_range(0..=2)?;
                    def["min_items"] = json!(min);
                    def["max_items"] = json!(min + self.u.int_in_range(0..=5)?);
                }
                def
            }
            14 => {
                let values = self.type_expr(depth + 1)?;
                let mut def = json!({ "type": "map", "values": values });
                if self.u.arbitrary()? {
                    def["key_pattern"] = json!(self.pattern()?);
                }
                def
            }
            _ => {
                if self.u.arbitrary()? {
                    self.object(depth + 1)?
                } else {
                    self.enumeration()?
                }
            }
        })
    }

    /// A short type expression: a primitive, a named type, or a container of one.
    fn short_type(&mut self, depth: u32) -> Result<String> {
        Ok(match self.u.int_in_range(0..=9)? {
            0 => "string".into(),
            1 => "integer".into(),
            2 => "number".into(),
            3 => "boolean".into(),
            4 => "json".into(),
            5 if depth < 5 => format!("array<{}>", self.short_type(depth + 1)?),
            6 if depth < 5 => format!("map<{}>", self.short_type(depth + 1)?),
            _ => self.named()?.unwrap_or_else(|| "timestamp".into()),
        })
    }

    fn named(&mut self) -> Result<Option<String>> {
        if self.types.is_empty() {
            return Ok(None);
        }
        Ok(Some(
            self.types[self.u.choose_index(self.types.len()).unwrap_or(0)].clone(),
        ))
    }

    /// A primitive in long form with its constraints.
    fn constrained(&mut self) -> Result<Value> {
        Ok(match self.u.int_in_range(0..=3)? {
            0 => {
                let mut def = json!({ "type": "string" });
                if self.u.arbitrary()? {
                    def["pattern"] = json!(self.pattern()?);
                }
                if self.u.arbitrary()? {
                    let min = self.u.int_in_range(0..=3)?;
                    def["min_length"] = json!(min);
                    def["max_length"] = json!(min + self.u.int_in_range(0..=40)?);
                }
                def
            }
            1 => {
                let width = pick(self.u, &["i32", "i64", "u32", "u64"])?;
                let mut def = json!({ "type": "integer", "width": width });
                if self.u.arbitrary()? {
                    let min = self.u.int_in_range(-5..=5)?;
                    def["min"] = json!(min);
                    def["max"] = json!(min + self.u.int_in_range(0..=100)?);
                }
                def
            }
            2 => {
                let mut def = json!({ "type": "number" });
                if self.u.arbitrary()? {
                    let min = f64::from(self.u.int_in_range(-5..=5)?) / 2.0;
                    def["min"] = json!(min);
                    def["max"] = json!(min + f64::from(self.u.int_in_range(0..=100)?) * 1.5);
                }
                def
            }
            _ => {
                let encoding = pick(self.u, &["rfc3339", "unix_s", "unix_ms"])?;
                json!({ "type": "timestamp", "encoding": encoding })
            }
        })
    }

    /// A string or integer enum, open or closed.
    fn enumeration(&mut self) -> Result<Value> {
        let count = self.u.int_in_range(1..=4)?;
        let values = if self.u.ratio(2, 3)? {
            let mut values = Vec::new();
            for i in 0..count {
                values.push(if self.u.ratio(1, 30)? {
                    json!(pick(self.u, HOSTILE_EVENT_NAMES)?)
                } else if self.u.ratio(1, 6)? {
                    json!({ "value": format!("v{i}"), "description": self.text()?, "deprecated": true })
                } else {
                    let value = pick(self.u, &["a", "b", "low", "high", "in-progress", "done", "LOW"])?;
                    json!(format!("{value}{i}"))
                });
            }
            Value::Array(values)
        } else {
            let mut values = Map::new();
            for i in 0..count {
                let name = pick(
                    self.u,
                    &["LOW", "HIGH", "NORMAL", "CRITICAL", "low", "Self"],
                )?;
                values.insert(
                    format!("{name}{i}"),
                    json!(self.u.int_in_range(-2..=12)? + 20 * i),
                );
            }
            Value::Object(values)
        };
        let mut def = json!({ "type": "enum", "values": values });
        if self.u.ratio(1, 3)? {
            def["open"] = json!(true);
        }
        Ok(def)
    }

    /// A tagged or shape-detected union over some of the object types.
    fn union(&mut self, objects: &[String], fields: &[Vec<String>]) -> Result<Value> {
        let count = self.u.int_in_range(1..=objects.len().min(3))?;
        let mut chosen = Vec::new();
        for _ in 0..count {
            let i = self.u.choose_index(objects.len()).unwrap_or(0);
            if !chosen.contains(&i) {
                chosen.push(i);
            }
        }
        if self.u.arbitrary()? {
            let mut variants = Map::new();
            for (n, &i) in chosen.iter().enumerate() {
                let tag = if self.u.ratio(1, 8)? {
                    pick(self.u, HOSTILE_EVENT_NAMES)?.to_owned()
                } else {
                    format!("v{n}")
                };
                variants.insert(tag, json!(objects[i]));
            }
            Ok(
                json!({ "type": "union", "tag": pick(self.u, &["kind", "type", "tag"])?, "variants": variants }),
            )
        } else {
            let mut variants = Vec::new();
            for (n, &i) in chosen.iter().enumerate() {
                let mut variant = json!({ "type": objects[i], "name": format!("V{n}") });
                if let Some(key) = fields[i].first() {
                    let when = pick(self.u, &["any_present", "all_present"])?;
                    variant["when"] = json!({ when: [key] });
                }
                variants.push(variant);
            }
            Ok(json!({ "type": "union", "detect": "fields", "variants": variants }))
        }
    }

    /// An alias: a named primitive with constraints or a named container.
    fn alias(&mut self) -> Result<Value> {
        Ok(match self.u.int_in_range(0..=2)? {
            0 => self.constrained()?,
            1 => json!({ "type": format!("array<{}>", self.short_type(1)?) }),
            _ => json!({ "type": format!("map<{}>", self.short_type(1)?) }),
        })
    }

    fn events(&mut self, style: u8, alternate: bool) -> Result<Value> {
        let mut out = Map::new();
        for i in 0..self.u.int_in_range(1..=5)? {
            let name = if self.u.ratio(1, 30)? {
                pick(self.u, HOSTILE_EVENT_NAMES)?.to_owned()
            } else {
                format!("{}{}", pick(self.u, EVENT_NAMES)?, i)
            };
            let mut event = Map::new();
            if payload_of(style).is_some() && self.u.ratio(4, 5)? {
                let payload = match self.u.int_in_range(0..=3)? {
                    0 => self.type_expr(1)?,
                    1 => self.object(1)?,
                    _ => match self.named()? {
                        Some(name) => json!(name),
                        None => self.object(1)?,
                    },
                };
                event.insert("payload".into(), payload);
            }
            if !self.channels.is_empty() && self.u.arbitrary()? {
                let channel =
                    self.channels[self.u.choose_index(self.channels.len()).unwrap_or(0)].clone();
                event.insert("channel".into(), json!(channel));
            }
            if self.u.ratio(1, 4)? {
                event.insert("aliases".into(), json!([format!("{name}_v0")]));
            }
            if self.u.ratio(1, 4)? {
                event.insert("description".into(), json!(self.text()?));
            }
            if self.u.ratio(1, 6)? {
                event.insert(
                    "direction".into(),
                    json!(pick(
                        self.u,
                        &["client_to_server", "server_to_client", "both"]
                    )?),
                );
            }
            if self.u.ratio(1, 8)? {
                event.insert(
                    "deprecated".into(),
                    json!({ "since": "1.0", "message": self.text()? }),
                );
            }
            if alternate && self.u.ratio(1, 4)? {
                event.remove("payload");
                event.insert("envelope".into(), json!("keepalive"));
            }
            out.insert(name, Value::Object(event));
        }
        Ok(Value::Object(out))
    }
}

/// The discriminator key of an envelope style.
fn discriminator_of(style: u8) -> &'static str {
    match style {
        0 => "t",
        1 => "type",
        2 => "event",
        _ => "kind",
    }
}

/// The discriminator field of an envelope style: every envelope must read
/// the discriminator from the same keys.
fn discriminator_field(style: u8) -> Value {
    if style == 0 {
        json!({ "type": "string", "aliases": ["type", "event_type"] })
    } else {
        json!({ "type": "string" })
    }
}

/// The payload key of an envelope style (style 3 has none).
fn payload_of(style: u8) -> Option<&'static str> {
    match style {
        0 => Some("p"),
        1 => Some("data"),
        2 => Some("payload"),
        _ => None,
    }
}
