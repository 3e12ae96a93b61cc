//! Message validation, driven only by the resolved model.
//!
//! A [`Validator`] is built once per contract (it indexes wire names) and then
//! checks messages: envelope shape per event, aliases, const and derived
//! fields, payload types, unions, channels and compressed payloads. Errors
//! carry a JSON Pointer into the message as it was written.

mod time;

pub use time::is_rfc3339;

use crate::model::*;
use base64::Engine as _;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::io::Read as _;

/// Largest decompressed payload accepted, in bytes (guards against zlib bombs).
pub const MAX_DECOMPRESSED_BYTES: u64 = 16 * 1024 * 1024;

/// One problem in a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// JSON Pointer to the offending value (`""` is the whole message).
    pub path: String,
    /// What is wrong.
    pub message: String,
}

/// The verdict on one message.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Verdict {
    /// Canonical wire name of the event, when the discriminator named a known one.
    pub event: Option<String>,
    /// Problems found; empty means valid.
    pub errors: Vec<Problem>,
}

impl Verdict {
    /// Whether the message is valid.
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }
}

/// Validates messages against one contract.
pub struct Validator<'c> {
    contract: &'c Contract,
    events: HashMap<&'c str, &'c Event>,
    discriminator_keys: Vec<&'c str>,
}

impl<'c> Validator<'c> {
    /// Indexes the contract's wire names.
    pub fn new(contract: &'c Contract) -> Self {
        let events = contract
            .events
            .values()
            .flat_map(|e| e.wire_names().map(move |n| (n, e)))
            .collect();
        let discriminator_keys = contract
            .default_envelope()
            .discriminator_field()
            .map(|f| f.read_keys().collect())
            .unwrap_or_default();
        Validator {
            contract,
            events,
            discriminator_keys,
        }
    }

    /// Parses and validates one line of text.
    pub fn validate_str(&self, text: &str) -> Verdict {
        match serde_json::from_str::<Value>(text) {
            Ok(v) => self.validate(&v),
            Err(e) => Verdict {
                event: None,
                errors: vec![Problem {
                    path: String::new(),
                    message: format!("malformed JSON: {e}"),
                }],
            },
        }
    }

    /// Validates one parsed message.
    pub fn validate(&self, message: &Value) -> Verdict {
        let mut w = Walk::new(self.contract);
        let event = self.message(&mut w, message);
        Verdict {
            event: event.map(|e| e.name.clone()),
            errors: w.problems,
        }
    }

    fn message<'v>(&self, w: &mut Walk<'c, 'v>, message: &'v Value) -> Option<&'c Event> {
        let Some(map) = message.as_object() else {
            w.problem(format!(
                "a message must be a JSON object, found {}",
                kind_of(message)
            ));
            return None;
        };
        let Some((key, tag)) = self
            .discriminator_keys
            .iter()
            .find_map(|k| map.get_key_value(*k))
        else {
            let (first, rest) = self
                .discriminator_keys
                .split_first()
                .map_or(("", &[][..]), |(f, r)| (*f, r));
            let also = if rest.is_empty() {
                String::new()
            } else {
                format!(" (also accepted: `{}`)", rest.join("`, `"))
            };
            w.problem_below(
                first,
                format!("missing the event discriminator `{first}`{also}"),
            );
            return None;
        };
        w.path.push(Seg::Key(key));
        let Some(name) = tag.as_str() else {
            w.problem(format!(
                "the event discriminator must be a string, found {}",
                kind_of(tag)
            ));
            w.path.pop();
            return None;
        };
        let Some(event) = self.events.get(name).copied() else {
            if !self.contract.compatibility.unknown_events {
                let hint = crate::diag::did_you_mean(name, self.events.keys().copied())
                    .map(|h| format!("; {h}"))
                    .unwrap_or_default();
                w.problem(format!("unknown event `{name}`{hint}"));
            }
            w.path.pop();
            if self.contract.compatibility.unknown_events {
                w.envelope(self.contract.default_envelope(), None, map);
            }
            return None;
        };
        w.path.pop();
        w.envelope(self.contract.envelope_of(event), Some(event), map);
        Some(event)
    }
}

/// Checks a value against a type outside any message (used for `const`).
pub fn check_value(contract: &Contract, ty: &TypeRef, value: &Value) -> Vec<Problem> {
    let mut w = Walk::new(contract);
    w.value(ty, value);
    w.problems
}

/// A step of the path to the value being checked.
#[derive(Clone, Copy)]
enum Seg<'v> {
    Key(&'v str),
    Index(usize),
}

/// Walks one message, collecting problems.
struct Walk<'c, 'v> {
    c: &'c Contract,
    path: Vec<Seg<'v>>,
    problems: Vec<Problem>,
}

impl<'c, 'v> Walk<'c, 'v> {
    fn new(c: &'c Contract) -> Self {
        Walk {
            c,
            path: Vec::new(),
            problems: Vec::new(),
        }
    }

    fn pointer(&self) -> String {
        let mut out = String::new();
        for seg in &self.path {
            out.push('/');
            match seg {
                Seg::Key(k) => out.push_str(&k.replace('~', "~0").replace('/', "~1")),
                Seg::Index(i) => out.push_str(&i.to_string()),
            }
        }
        out
    }

    fn problem(&mut self, message: String) {
        let path = self.pointer();
        self.problems.push(Problem { path, message });
    }

    /// Records a problem at a key below the current path (a key that is absent from the message).
    fn problem_below(&mut self, key: &str, message: String) {
        let path = format!(
            "{}/{}",
            self.pointer(),
            key.replace('~', "~0").replace('/', "~1")
        );
        self.problems.push(Problem { path, message });
    }

    fn at(&mut self, key: &'v str, f: impl FnOnce(&mut Self)) {
        self.path.push(Seg::Key(key));
        f(self);
        self.path.pop();
    }

    fn envelope(
        &mut self,
        env: &'c Envelope,
        event: Option<&'c Event>,
        map: &'v Map<String, Value>,
    ) {
        let compressed = env.compression.as_ref().is_some_and(|cmp| {
            env.field(&cmp.flag)
                .and_then(|f| f.read_keys().find_map(|k| map.get(k)))
                .is_some_and(|v| v == &Value::Bool(true))
        });
        for f in &env.fields {
            let Some((key, value)) = self.present(f, map) else {
                continue;
            };
            if env.payload.as_deref() == Some(f.name.as_str()) {
                let payload_ty = event
                    .and_then(|e| e.payload.as_ref())
                    .unwrap_or(&TypeRef::Json);
                self.at(key, |w| {
                    if value.is_null() && !f.nullable {
                        w.problem("the payload must not be null".to_owned());
                    } else if compressed {
                        w.compressed_payload(payload_ty, value);
                    } else if !value.is_null() {
                        w.value(payload_ty, value);
                    }
                });
                continue;
            }
            self.at(key, |w| {
                w.field_value(f, value);
                if let Some(event) = event {
                    w.derived(f, event, value);
                }
            });
        }
        if !env.additional {
            self.extra_keys(&env.fields, map, None);
        }
    }

    /// Finds a field's value among its read keys; reports a missing required key or conflicting duplicates.
    fn present(&mut self, f: &Field, map: &'v Map<String, Value>) -> Option<(&'v str, &'v Value)> {
        let mut found: Option<(&'v str, &'v Value)> = None;
        for key in f.read_keys() {
            let Some((k, v)) = map.get_key_value(key) else {
                continue;
            };
            match found {
                None => found = Some((k.as_str(), v)),
                Some((first_key, first)) if first != v => {
                    self.at(k.as_str(), |w| {
                        w.problem(format!(
                            "`{k}` and `{first_key}` are the same field but carry different values"
                        ))
                    });
                }
                Some(_) => {}
            }
        }
        if found.is_none() && !f.optional {
            let also: Vec<&str> = f.read_keys().skip(1).collect();
            let alt = if also.is_empty() {
                String::new()
            } else {
                format!(" (also accepted: `{}`)", also.join("`, `"))
            };
            self.problem_below(&f.name, format!("missing required field `{}`{alt}", f.name));
        }
        found
    }

    fn field_value(&mut self, f: &Field, value: &'v Value) {
        if value.is_null() {
            if !f.nullable {
                self.problem(format!("`{}` must not be null", f.name));
            }
            return;
        }
        self.value(&f.ty, value);
        if let Some(c) = &f.constant {
            if !json_equal(c, value) {
                self.problem(format!("`{}` must be {c}, found {value}", f.name));
            }
        }
    }

    fn derived(&mut self, f: &Field, event: &Event, value: &Value) {
        let Some(text) = value.as_str() else { return };
        match f.derived {
            Some(Derived::Category) => {
                if let Some(cat) = &event.category {
                    if text != cat {
                        self.problem(format!(
                            "`{}` is `{text}` but event `{}` has category `{cat}`",
                            f.name, event.name
                        ));
                    }
                }
            }
            Some(Derived::Channel) => {
                if let Some(ch) = self.c.channel_of(event) {
                    if !self.channel_matches(ch, text) {
                        self.problem(format!(
                            "event `{}` belongs to channel `{}`, not `{text}`",
                            event.name, ch.address
                        ));
                    }
                }
            }
            Some(Derived::Event) if !event.wire_names().any(|n| n == text) => {
                self.problem(format!(
                    "`{}` is `{text}` but the event is `{}`",
                    f.name, event.name
                ));
            }
            Some(Derived::Event) => {}
            None => {}
        }
    }

    fn extra_keys(&mut self, fields: &[Field], map: &'v Map<String, Value>, tag: Option<&str>) {
        for key in map.keys() {
            let known =
                Some(key.as_str()) == tag || fields.iter().any(|f| f.read_keys().any(|k| k == key));
            if !known {
                let hint = crate::diag::did_you_mean(key, fields.iter().map(|f| f.name.as_str()))
                    .map(|h| format!("; {h}"))
                    .unwrap_or_default();
                self.at(key.as_str(), |w| {
                    w.problem(format!(
                        "unexpected key `{key}` (this object is closed){hint}"
                    ))
                });
            }
        }
    }

    fn compressed_payload(&mut self, ty: &TypeRef, value: &Value) {
        let Some(text) = value.as_str() else {
            self.problem(format!(
                "a compressed payload must be a base64 string, found {}",
                kind_of(value)
            ));
            return;
        };
        let bytes = match base64::engine::general_purpose::STANDARD.decode(text) {
            Ok(b) => b,
            Err(e) => return self.problem(format!("compressed payload is not valid base64: {e}")),
        };
        let mut inflated = Vec::new();
        let mut decoder =
            flate2::read::ZlibDecoder::new(bytes.as_slice()).take(MAX_DECOMPRESSED_BYTES + 1);
        if let Err(e) = decoder.read_to_end(&mut inflated) {
            return self.problem(format!("compressed payload is not valid zlib data: {e}"));
        }
        if inflated.len() as u64 > MAX_DECOMPRESSED_BYTES {
            return self.problem(format!(
                "compressed payload inflates beyond {MAX_DECOMPRESSED_BYTES} bytes"
            ));
        }
        match serde_json::from_slice::<Value>(&inflated) {
            Ok(payload) => {
                let mut inner = Walk {
                    c: self.c,
                    path: Vec::new(),
                    problems: Vec::new(),
                };
                inner.value(ty, &payload);
                let prefix = self.pointer();
                self.problems
                    .extend(inner.problems.into_iter().map(|p| Problem {
                        path: format!("{prefix}{}", p.path),
                        message: format!("{} (in the decompressed payload)", p.message),
                    }));
            }
            Err(e) => self.problem(format!("decompressed payload is not JSON: {e}")),
        }
    }

    fn value(&mut self, ty: &TypeRef, v: &'v Value) {
        match ty {
            TypeRef::String(rules) => self.string(rules, v),
            TypeRef::Integer(rules) => self.integer(rules, v),
            TypeRef::Number(rules) => self.number(rules, v),
            TypeRef::Boolean => {
                if !v.is_boolean() {
                    self.mismatch("a boolean", v);
                }
            }
            TypeRef::Timestamp(enc) => self.timestamp(*enc, v),
            TypeRef::Json => {}
            TypeRef::Channel => match v.as_str() {
                Some(s)
                    if self
                        .c
                        .channels
                        .values()
                        .any(|ch| self.channel_matches(ch, s)) => {}
                Some(s) => {
                    let names: Vec<&str> = self
                        .c
                        .channels
                        .values()
                        .map(|c| c.address.as_str())
                        .collect();
                    self.problem(format!(
                        "`{s}` is not a channel of this contract (expected one of: {})",
                        names.join(", ")
                    ));
                }
                None => self.mismatch("a channel name (string)", v),
            },
            TypeRef::Array(a) => self.array(a, v),
            TypeRef::Map(m) => self.map(m, v),
            TypeRef::Named(id) => match self.c.type_def(id).map(|t| &t.kind) {
                Some(TypeKind::Object(o)) => match v.as_object() {
                    Some(map) => self.object(o, map, None),
                    None => self.mismatch("an object", v),
                },
                Some(TypeKind::Enum(e)) => self.enumeration(e, v),
                Some(TypeKind::Union(u)) => self.union(id, u, v),
                Some(TypeKind::Alias(r)) => self.value(r, v),
                None => {}
            },
        }
    }

    fn mismatch(&mut self, expected: &str, found: &Value) {
        self.problem(format!("expected {expected}, found {}", kind_of(found)));
    }

    fn string(&mut self, rules: &StringRules, v: &Value) {
        let Some(s) = v.as_str() else {
            return self.mismatch("a string", v);
        };
        if rules.min_length.is_some() || rules.max_length.is_some() {
            let len = s.chars().count() as u64;
            if rules.min_length.is_some_and(|m| len < m)
                || rules.max_length.is_some_and(|m| len > m)
            {
                self.problem(format!(
                    "string length {len} is outside {}..={}",
                    bound(rules.min_length),
                    bound(rules.max_length)
                ));
            }
        }
        if let Some(p) = &rules.pattern {
            if !p.is_match(s) {
                self.problem(format!("`{s}` does not match the pattern `{}`", p.source));
            }
        }
    }

    fn integer(&mut self, rules: &IntegerRules, v: &Value) {
        let n: i128 = match v {
            Value::Number(n) => match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => i.into(),
                (None, Some(u)) => u.into(),
                _ => return self.problem(format!("expected an integer, found the number {n}")),
            },
            _ => return self.mismatch("an integer", v),
        };
        let (lo, hi) = rules.width.range();
        if n < lo || n > hi {
            return self
                .problem(format!("{n} does not fit a {:?} integer", rules.width).to_lowercase());
        }
        if rules.min.is_some_and(|m| n < m) || rules.max.is_some_and(|m| n > m) {
            self.problem(format!(
                "{n} is outside the range {}..={}",
                bound(rules.min),
                bound(rules.max)
            ));
        }
    }

    fn number(&mut self, rules: &NumberRules, v: &Value) {
        let Some(n) = v.as_f64() else {
            return self.mismatch("a number", v);
        };
        if rules.min.is_some_and(|m| n < m) || rules.max.is_some_and(|m| n > m) {
            self.problem(format!(
                "{n} is outside the range {}..={}",
                bound(rules.min),
                bound(rules.max)
            ));
        }
    }

    fn timestamp(&mut self, enc: TimestampEncoding, v: &Value) {
        let (lo, hi) = time::UNIX_SECONDS_RANGE;
        match enc {
            TimestampEncoding::Rfc3339 => match v.as_str() {
                Some(s) if is_rfc3339(s) => {}
                Some(s) => self.problem(format!(
                    "`{s}` is not an RFC 3339 date-time (e.g. 2026-01-14T16:30:00Z)"
                )),
                None => self.mismatch("an RFC 3339 date-time string", v),
            },
            TimestampEncoding::UnixS | TimestampEncoding::UnixMs => {
                let scale = if enc == TimestampEncoding::UnixMs {
                    1000
                } else {
                    1
                };
                let unit = if scale == 1000 {
                    "milliseconds"
                } else {
                    "seconds"
                };
                match v.as_i64() {
                    Some(n) if n >= lo * scale && n <= hi * scale => {}
                    Some(n) => self.problem(format!(
                        "{n} is not a plausible unix time in {unit} (years 1 to 9999)"
                    )),
                    None => self.mismatch(&format!("an integer unix time in {unit}"), v),
                }
            }
        }
    }

    fn array(&mut self, a: &ArrayType, v: &'v Value) {
        let Some(items) = v.as_array() else {
            return self.mismatch("an array", v);
        };
        let len = items.len() as u64;
        if a.min_items.is_some_and(|m| len < m) || a.max_items.is_some_and(|m| len > m) {
            self.problem(format!(
                "array has {len} items, outside {}..={}",
                bound(a.min_items),
                bound(a.max_items)
            ));
        }
        for (i, item) in items.iter().enumerate() {
            self.path.push(Seg::Index(i));
            self.value(&a.items, item);
            self.path.pop();
        }
    }

    fn map(&mut self, m: &MapType, v: &'v Value) {
        let Some(map) = v.as_object() else {
            return self.mismatch("an object (map)", v);
        };
        for (key, value) in map {
            self.at(key.as_str(), |w| {
                if let Some(p) = &m.key_pattern {
                    if !p.is_match(key) {
                        w.problem(format!(
                            "key `{key}` does not match the pattern `{}`",
                            p.source
                        ));
                    }
                }
                w.value(&m.values, value);
            });
        }
    }

    fn object(&mut self, o: &'c ObjectType, map: &'v Map<String, Value>, tag: Option<&str>) {
        for f in &o.fields {
            if let Some((key, value)) = self.present(f, map) {
                self.at(key, |w| w.field_value(f, value));
            }
        }
        if !o.additional {
            self.extra_keys(&o.fields, map, tag);
        }
    }

    fn enumeration(&mut self, e: &EnumType, v: &Value) {
        let literal = match (e.repr, v) {
            (EnumRepr::String, Value::String(s)) => EnumLiteral::Str(s.clone()),
            (EnumRepr::Integer, Value::Number(n)) if n.as_i64().is_some() => {
                EnumLiteral::Int(n.as_i64().unwrap_or_default())
            }
            (EnumRepr::String, _) => return self.mismatch("a string", v),
            (EnumRepr::Integer, _) => return self.mismatch("an integer", v),
        };
        if !e.open && !e.values.iter().any(|x| x.value == literal) {
            let allowed: Vec<String> = e.values.iter().map(|x| x.value.to_string()).collect();
            self.problem(format!(
                "{literal} is not one of the allowed values: {}",
                allowed.join(", ")
            ));
        }
    }

    fn union(&mut self, id: &TypeId, u: &'c UnionType, v: &'v Value) {
        let Some(map) = v.as_object() else {
            return self.mismatch("an object", v);
        };
        let object_of = |variant: &Variant| match self.c.type_def(&variant.ty).map(|t| &t.kind) {
            Some(TypeKind::Object(o)) => Some(o),
            _ => None,
        };
        match &u.discrimination {
            Discrimination::Tag(tag) => {
                let Some(found) = map.get(tag.as_str()) else {
                    return self.problem(format!("missing the tag `{tag}` of `{id}`"));
                };
                let variant = found
                    .as_str()
                    .and_then(|t| u.variants.iter().find(|v| v.tag.as_deref() == Some(t)));
                match variant.and_then(object_of) {
                    Some(o) => self.object(o, map, Some(tag)),
                    None => {
                        let tags: Vec<&str> =
                            u.variants.iter().filter_map(|v| v.tag.as_deref()).collect();
                        self.at(tag_key(map, tag), |w| {
                            w.problem(format!(
                                "{found} is not a tag of `{id}` (expected one of: {})",
                                tags.join(", ")
                            ))
                        });
                    }
                }
            }
            Discrimination::Fields => {
                let has = |k: &str| map.contains_key(k);
                let chosen = u
                    .variants
                    .iter()
                    .find(|v| v.when.as_ref().is_some_and(|w| w.matches(has)));
                match chosen.and_then(object_of) {
                    Some(o) => self.object(o, map, None),
                    None => {
                        let needs: Vec<String> = u
                            .variants
                            .iter()
                            .map(|v| {
                                format!(
                                    "`{}` needs {}",
                                    v.ident,
                                    v.when.as_ref().map(When::describe).unwrap_or_default()
                                )
                            })
                            .collect();
                        self.problem(format!(
                            "matches no variant of `{id}`: {}",
                            needs.join("; ")
                        ));
                    }
                }
            }
        }
    }

    fn channel_matches(&self, ch: &Channel, text: &str) -> bool {
        let text = self
            .c
            .channel_prefix
            .as_deref()
            .and_then(|p| text.strip_prefix(p))
            .unwrap_or(text);
        match_address(&ch.segments(), text, &|param, value| {
            ch.params.get(param).is_none_or(|ty| {
                check_value(self.c, ty, &Value::String(value.to_owned())).is_empty()
            })
        })
    }
}

fn tag_key<'v>(map: &'v Map<String, Value>, tag: &str) -> &'v str {
    map.get_key_value(tag).map_or("", |(k, _)| k.as_str())
}

/// Matches an address against template segments; parameters take a non-empty run without `:`.
fn match_address(
    segments: &[AddressSegment<'_>],
    text: &str,
    param_ok: &dyn Fn(&str, &str) -> bool,
) -> bool {
    match segments.split_first() {
        None => text.is_empty(),
        Some((AddressSegment::Literal(lit), rest)) => text
            .strip_prefix(lit)
            .is_some_and(|t| match_address(rest, t, param_ok)),
        Some((AddressSegment::Param(name), rest)) => {
            let end = text.find(':').unwrap_or(text.len());
            (1..=end)
                .rev()
                .any(|i| param_ok(name, &text[..i]) && match_address(rest, &text[i..], param_ok))
        }
    }
}

fn bound<T: std::fmt::Display>(b: Option<T>) -> String {
    b.map_or_else(String::new, |v| v.to_string())
}

/// Equality that treats `2` and `2.0` as the same number.
fn json_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

fn kind_of(v: &Value) -> String {
    match v {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) if s.chars().count() > 40 => "a string".to_owned(),
        Value::String(s) => format!("the string {s:?}"),
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}
