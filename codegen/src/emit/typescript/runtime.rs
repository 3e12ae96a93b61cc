//! The runtime a module carries: the contract as data (`$S`, read from the
//! IR) and the fixed reader, checker and writer in `runtime/*.ts.txt` that
//! interpret it.
//!
//! The tables hold what the validator reads from the model, already
//! resolved: every key a field is read from in preference order, each
//! envelope field's role ([`Envelope::role`]), each event's derived values
//! ([`Contract::derived_value`]), each channel's accepted addresses, and
//! named types by index into `$S.t`, so recursive types need nothing more.
//! All of it is a plain object literal, so nothing runs at module load and a
//! bundler drops it with the functions when they are unused.

use super::context::Ctx;
use super::text;
use crate::emit::printer::Printer;
use crate::model::*;
use serde_json::Value;

/// The runtime's core: reading JSON (repeated keys detected), checking and canonicalising.
const CORE: &str = include_str!("runtime/core.ts.txt");
/// Entry points of a module without compression: synchronous.
const SYNC: &str = include_str!("runtime/sync.ts.txt");
/// Entry points of a module with compression: asynchronous, with zlib and base64.
const COMPRESSION: &str = include_str!("runtime/compression.ts.txt");

/// Whether any envelope of the contract compresses payloads (its functions are then async).
pub(super) fn has_compression(c: &Contract) -> bool {
    c.envelopes.values().any(|e| e.compression.is_some())
}

impl Ctx<'_> {
    /// Writes the tables and the runtime text.
    pub(super) fn runtime(&self, p: &mut Printer) {
        p.blank();
        self.tables(p);
        let mut out = String::from(CORE);
        out.push_str(if has_compression(self.c) {
            COMPRESSION
        } else {
            SYNC
        });
        p.blank();
        for line in out.lines() {
            p.line(line);
        }
    }

    /// `const $S`: the contract as the runtime reads it.
    fn tables(&self, p: &mut Printer) {
        let c = self.c;
        p.line("/** The contract as the runtime reads it (see the runtime below). */");
        p.block("const $S: $Schema = {", "};", |p| {
            p.block("t: [", "],", |p| {
                for def in c.types.values() {
                    p.line(format!("{},", self.def(def)));
                }
            });
            p.block("env: [", "],", |p| {
                for env in c.envelopes.values() {
                    p.line(format!("{},", self.envelope(env)));
                }
            });
            let default = c
                .envelopes
                .get_index_of(&c.default_envelope().name)
                .unwrap_or(0);
            p.line(format!("de: {default},"));
            p.block("ev: [", "],", |p| {
                for e in c.events.values() {
                    p.line(format!("{},", self.event(e)));
                }
            });
            p.block("ch: [", "],", |p| {
                for ch in c.channels.values() {
                    p.line(format!("{},", self.channel(ch)));
                }
            });
            let shown: Vec<&str> = c.channels.values().map(|ch| ch.address.as_str()).collect();
            p.line(format!("chs: {},", text::string_literal(&shown.join(", "))));
            let disc: Vec<&str> = c
                .default_envelope()
                .discriminator_field()
                .map(|f| f.read_keys().collect())
                .unwrap_or_default();
            p.line(format!("disc: {},", strings(disc)));
            p.line(format!("unk: {},", c.compatibility.unknown_events));
        });
    }

    /// A type use: the index of a named type, or a primitive or container.
    fn type_ref(&self, t: &TypeRef) -> String {
        let mut o = Obj::default();
        match t {
            TypeRef::String(rules) => {
                o.raw("k", "\"s\"");
                self.string_rules(&mut o, rules);
            }
            TypeRef::Integer(rules) => {
                let width = match rules.width {
                    IntWidth::I32 => 0,
                    IntWidth::I64 => 1,
                    IntWidth::U32 => 2,
                    IntWidth::U64 => 3,
                };
                o.raw("k", "\"i\"");
                o.raw("w", width);
                o.opt("min", rules.min);
                o.opt("max", rules.max);
            }
            TypeRef::Number(rules) => {
                o.raw("k", "\"n\"");
                o.opt("min", rules.min.map(number));
                o.opt("max", rules.max.map(number));
            }
            TypeRef::Boolean => o.raw("k", "\"b\""),
            TypeRef::Timestamp(encoding) => {
                let e = match encoding {
                    TimestampEncoding::Rfc3339 => 0,
                    TimestampEncoding::UnixS => 1,
                    TimestampEncoding::UnixMs => 2,
                };
                o.raw("k", "\"t\"");
                o.raw("e", e);
            }
            TypeRef::Json => o.raw("k", "\"j\""),
            TypeRef::Channel => o.raw("k", "\"c\""),
            TypeRef::Array(a) => {
                o.raw("k", "\"a\"");
                o.raw("of", self.type_ref(&a.items));
                o.opt("min", a.min_items);
                o.opt("max", a.max_items);
            }
            TypeRef::Map(m) => {
                o.raw("k", "\"m\"");
                o.raw("of", self.type_ref(&m.values));
                o.opt(
                    "re",
                    m.key_pattern
                        .as_ref()
                        .map(|p| text::string_literal(&p.source)),
                );
            }
            TypeRef::Named(id) => {
                return match self.c.types.get_index_of(id) {
                    Some(index) => index.to_string(),
                    None => "{ k: \"j\" }".to_owned(),
                }
            }
        }
        o.finish()
    }

    fn string_rules(&self, o: &mut Obj, rules: &StringRules) {
        o.opt("min", rules.min_length);
        o.opt("max", rules.max_length);
        o.opt(
            "re",
            rules
                .pattern
                .as_ref()
                .map(|p| text::string_literal(&p.source)),
        );
    }

    /// A named type.
    fn def(&self, def: &TypeDef) -> String {
        let mut o = Obj::default();
        match &def.kind {
            TypeKind::Object(obj) => {
                o.raw("k", "\"o\"");
                o.raw("open", obj.additional);
                o.raw("f", self.fields(&obj.fields, None));
            }
            TypeKind::Enum(e) => {
                o.raw("k", "\"e\"");
                o.raw("str", e.repr == EnumRepr::String);
                o.raw("open", e.open);
                let values: Vec<String> = e.values.iter().map(|v| literal(&v.value)).collect();
                o.raw("v", format!("[{}]", values.join(", ")));
                let renamed: Vec<String> = e
                    .renamed_values()
                    .filter_map(|(v, old)| match (old, &v.value) {
                        (EnumLiteral::Str(old), EnumLiteral::Str(new)) => Some(format!(
                            "[{}, {}]",
                            text::string_literal(old),
                            text::string_literal(new)
                        )),
                        _ => None,
                    })
                    .collect();
                if !renamed.is_empty() {
                    o.raw("old", format!("[{}]", renamed.join(", ")));
                }
            }
            TypeKind::Union(u) => {
                o.raw("k", "\"u\"");
                o.raw("id", text::string_literal(def.id.as_str()));
                if let Discrimination::Tag(tag) = &u.discrimination {
                    o.raw("tag", text::string_literal(tag));
                }
                let variants: Vec<String> = u.variants.iter().map(|v| self.variant(v)).collect();
                o.raw("v", format!("[{}]", variants.join(", ")));
                o.raw("needs", text::string_literal(&u.detection_summary()));
            }
            TypeKind::Alias(target) => {
                o.raw("k", "\"al\"");
                o.raw("to", self.type_ref(target));
            }
        }
        o.finish()
    }

    fn variant(&self, v: &Variant) -> String {
        let mut o = Obj::default();
        o.opt("tag", v.tag.as_deref().map(text::string_literal));
        let index = self.c.types.get_index_of(&v.ty).unwrap_or(usize::MAX);
        o.raw(
            "t",
            if index == usize::MAX {
                -1
            } else {
                index as i64
            },
        );
        if let Some(when) = &v.when {
            for (key, keys) in [
                ("any", &when.any_present),
                ("all", &when.all_present),
                ("abs", &when.absent),
            ] {
                if !keys.is_empty() {
                    o.raw(key, strings(keys.iter().map(String::as_str)));
                }
            }
        }
        o.finish()
    }

    /// The fields of an object or (with its shape) an envelope.
    fn fields(&self, fields: &[Field], env: Option<&Envelope>) -> String {
        let items: Vec<String> = fields
            .iter()
            .map(|f| {
                let mut o = Obj::default();
                o.raw("n", text::string_literal(&f.name));
                o.raw("keys", strings(f.read_keys()));
                o.opt("old", f.old_key().map(text::string_literal));
                o.raw("t", self.type_ref(&f.ty));
                if f.optional {
                    o.raw("opt", 1);
                }
                if f.nullable {
                    o.raw("nul", 1);
                }
                o.opt("c", f.constant.as_ref().map(json_literal));
                o.opt(
                    "r",
                    env.and_then(|e| role(e.role(f)))
                        .map(|r| format!("\"{r}\"")),
                );
                o.finish()
            })
            .collect();
        format!("[{}]", items.join(", "))
    }

    fn envelope(&self, env: &Envelope) -> String {
        let mut o = Obj::default();
        o.raw("open", env.additional);
        o.opt("z", env.compression.as_ref().map(|z| z.threshold));
        o.raw("f", self.fields(&env.fields, Some(env)));
        o.finish()
    }

    fn event(&self, e: &Event) -> String {
        let c = self.c;
        let mut o = Obj::default();
        o.raw("n", text::string_literal(&e.name));
        o.raw("w", strings(e.wire_names()));
        let env = c
            .envelopes
            .get_index_of(&c.envelope_of(e).name)
            .unwrap_or(0);
        o.raw("env", env);
        o.opt("t", e.payload.as_ref().map(|t| self.type_ref(t)));
        if let Some(DerivedValue::Category(category)) = c.derived_value(e, Derived::Category) {
            o.raw("cat", text::string_literal(category));
        }
        if let Some(DerivedValue::Address(ch)) = c.derived_value(e, Derived::Channel) {
            o.opt("ch", c.channels.get_index_of(&ch.name));
            o.opt("addr", ch.fixed_address().map(text::string_literal));
        }
        o.finish()
    }

    fn channel(&self, ch: &Channel) -> String {
        let addresses: Vec<String> = ch
            .read_addresses()
            .map(|address| {
                let segments: Vec<String> = address_segments(address)
                    .into_iter()
                    .map(|seg| match seg {
                        AddressSegment::Literal(lit) => text::string_literal(lit),
                        AddressSegment::Param(param) => match ch.params.get(param) {
                            Some(ty) => format!("{{ r: {} }}", self.type_ref(ty)),
                            None => "{}".to_owned(),
                        },
                    })
                    .collect();
                format!("[{}]", segments.join(", "))
            })
            .collect();
        let mut o = Obj::default();
        o.raw("pre", text::string_literal(ch.prefix()));
        o.raw("a", format!("[{}]", addresses.join(", ")));
        o.raw("show", text::string_literal(&ch.address));
        o.finish()
    }
}

/// The runtime's code for an envelope field's role (none for plain data).
fn role(role: FieldRole) -> Option<&'static str> {
    Some(match role {
        FieldRole::Discriminator => "d",
        FieldRole::Payload => "p",
        FieldRole::CompressionFlag => "z",
        FieldRole::Derived(Derived::Category) => "dc",
        FieldRole::Derived(Derived::Channel) => "dh",
        FieldRole::Derived(Derived::Event) => "de",
        FieldRole::Constant => "k",
        FieldRole::Data => return None,
    })
}

/// An object literal written one property at a time.
#[derive(Default)]
struct Obj {
    props: Vec<String>,
}

impl Obj {
    fn raw(&mut self, key: &str, value: impl std::fmt::Display) {
        self.props.push(format!("{key}: {value}"));
    }

    fn opt(&mut self, key: &str, value: Option<impl std::fmt::Display>) {
        if let Some(value) = value {
            self.raw(key, value);
        }
    }

    fn finish(self) -> String {
        format!("{{ {} }}", self.props.join(", "))
    }
}

/// An array literal of strings.
fn strings<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let items: Vec<String> = items.into_iter().map(text::string_literal).collect();
    format!("[{}]", items.join(", "))
}

/// A number literal for a contract bound (`Debug` keeps a fraction or exponent).
fn number(x: f64) -> String {
    format!("{x:?}")
}

/// An enum value as a literal.
fn literal(value: &EnumLiteral) -> String {
    match value {
        EnumLiteral::Str(s) => text::string_literal(s),
        EnumLiteral::Int(i) => i.to_string(),
    }
}

/// A JSON value as a JavaScript literal (strings escaped by the character policy).
pub(super) fn json_literal(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => text::string_literal(s),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(json_literal).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(map) => {
            let entries: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}: {}", literal_key(k), json_literal(v)))
                .collect();
            format!("{{ {} }}", entries.join(", "))
        }
    }
}

/// A key of an object literal that makes an own property of exactly that
/// name (a plain `__proto__:` key would set the prototype instead).
pub(super) fn literal_key(key: &str) -> String {
    if key == "__proto__" {
        "[\"__proto__\"]".to_owned()
    } else {
        text::property(key)
    }
}
