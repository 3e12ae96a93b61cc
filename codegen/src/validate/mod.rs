//! Message validation, driven only by the resolved model.
//!
//! A [`Validator`] is built once per contract (it indexes wire names) and then
//! checks messages: envelope shape per event, aliases, const and derived
//! fields, payload types, unions, channels and compressed payloads. Errors
//! carry a JSON Pointer into the message as it was written.

mod canonical;
mod json;
mod keys;
mod time;

pub use canonical::{canonicalize, semantically_equal};
pub use time::is_rfc3339;

use crate::model::*;
use base64::Engine as _;
use json::{Json, Obj};
use keys::{KeyMap, KeyTable, Tables};
use serde::Serialize;
use serde_json::Value;

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
    events: KeyMap<'c, &'c Event>,
    discriminator_keys: Vec<&'c str>,
    tables: Tables<'c>,
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
            tables: Tables::new(contract),
        }
    }

    /// Parses and validates one line of text.
    pub fn validate_str(&self, text: &str) -> Verdict {
        match serde_json::from_str::<Json<'_>>(text) {
            Ok(v) => self.validate_json(&v),
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
        self.validate_json(&Json::from_value(message))
    }

    fn validate_json(&self, message: &Json<'_>) -> Verdict {
        let mut w = Walk::new(self.contract, &self.tables);
        let event = self.message(&mut w, message);
        Verdict {
            event: event.map(|e| e.name.clone()),
            errors: w.problems,
        }
    }

    fn message<'s, 'v>(&'s self, w: &mut Walk<'s, 'v>, message: &'v Json<'v>) -> Option<&'s Event> {
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
            .find_map(|k| json::entry(map, k))
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
    let tables = Tables::new(contract);
    let value = Json::from_value(value);
    let mut w = Walk::new(contract, &tables);
    w.value(ty, &value);
    w.problems
}

/// A step of the path to the value being checked.
#[derive(Clone, Copy)]
enum Seg<'v> {
    Key(&'v str),
    Index(usize),
}

/// A field's value found in an object: the key it was under, the value, and the key's rank.
type Found<'v> = Option<(&'v str, &'v Json<'v>, usize)>;

/// Walks one message, collecting problems.
struct Walk<'c, 'v> {
    c: &'c Contract,
    tables: &'c Tables<'c>,
    path: Vec<Seg<'v>>,
    problems: Vec<Problem>,
    /// Found field values of the objects being walked, one frame per object.
    found: Vec<Found<'v>>,
}

impl<'c, 'v> Walk<'c, 'v> {
    fn new(c: &'c Contract, tables: &'c Tables<'c>) -> Self {
        Walk {
            c,
            tables,
            path: Vec::with_capacity(8),
            problems: Vec::new(),
            found: Vec::with_capacity(32),
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

    fn envelope(&mut self, env: &'c Envelope, event: Option<&'c Event>, map: &'v Obj<'v>) {
        let compressed = env.compression.as_ref().is_some_and(|cmp| {
            env.field(&cmp.flag)
                .and_then(|f| f.read_keys().find_map(|k| json::get(map, k)))
                .is_some_and(|v| v == &Json::Bool(true))
        });
        let Some(table) = self.tables.envelope(self.c, env) else {
            return;
        };
        let frame = self.gather(&env.fields, table, map, None, !env.additional);
        for (i, f) in env.fields.iter().enumerate() {
            let Some((key, value, _)) = self.found[frame + i] else {
                self.missing(f);
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
        self.found.truncate(frame);
    }

    /// Finds every field's value in one pass over the object's keys, pushing a
    /// frame onto `found` and returning where it starts. Reports two keys of one
    /// field that disagree and, when `closed`, keys the fields do not declare.
    fn gather(
        &mut self,
        fields: &[Field],
        table: &KeyTable<'_>,
        map: &'v Obj<'v>,
        tag: Option<&str>,
        closed: bool,
    ) -> usize {
        let frame = self.found.len();
        self.found.resize(frame + fields.len(), None);
        for (key, value) in map {
            let key: &'v str = key;
            let Some(slot) = table.get(key) else {
                if closed && Some(key) != tag {
                    self.undeclared(fields, key);
                }
                continue;
            };
            let cell = &mut self.found[frame + slot.field];
            let Some((seen_key, seen, rank)) = *cell else {
                *cell = Some((key, value, slot.rank));
                continue;
            };
            let (kept, later) = if rank < slot.rank {
                (seen_key, key)
            } else {
                *cell = Some((key, value, slot.rank));
                (key, seen_key)
            };
            if seen != value {
                self.at(later, |w| {
                    w.problem(format!(
                        "`{later}` and `{kept}` are the same field but carry different values"
                    ))
                });
            }
        }
        frame
    }

    /// Reports a required field that no accepted key provides.
    fn missing(&mut self, f: &Field) {
        if f.optional {
            return;
        }
        let also: Vec<&str> = f.read_keys().skip(1).collect();
        let alt = if also.is_empty() {
            String::new()
        } else {
            format!(" (also accepted: `{}`)", also.join("`, `"))
        };
        self.problem_below(&f.name, format!("missing required field `{}`{alt}", f.name));
    }

    /// Reports a key of a closed object that no field declares.
    fn undeclared(&mut self, fields: &[Field], key: &'v str) {
        let hint = crate::diag::did_you_mean(key, fields.iter().map(|f| f.name.as_str()))
            .map(|h| format!("; {h}"))
            .unwrap_or_default();
        self.at(key, |w| {
            w.problem(format!(
                "unexpected key `{key}` (this object is closed){hint}"
            ))
        });
    }

    fn field_value(&mut self, f: &Field, value: &'v Json<'v>) {
        if value.is_null() {
            if !f.nullable {
                self.problem(format!("`{}` must not be null", f.name));
            }
            return;
        }
        self.value(&f.ty, value);
        if let Some(c) = &f.constant {
            if !value.equals(c) {
                self.problem(format!("`{}` must be {c}, found {value}", f.name));
            }
        }
    }

    fn derived(&mut self, f: &Field, event: &Event, value: &Json<'_>) {
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

    fn compressed_payload(&mut self, ty: &TypeRef, value: &Json<'_>) {
        let Some(text) = value.as_str() else {
            self.problem(format!(
                "a compressed payload must be a base64 string, found {}",
                kind_of(value)
            ));
            return;
        };
        let (c, tables) = (self.c, self.tables);
        let inner = with_inflated(text, |bytes| {
            serde_json::from_slice::<Json<'_>>(bytes)
                .map(|payload| {
                    let mut inner = Walk::new(c, tables);
                    inner.value(ty, &payload);
                    inner.problems
                })
                .map_err(|e| format!("decompressed payload is not JSON: {e}"))
        });
        match inner.and_then(|parsed| parsed) {
            Ok(problems) => {
                let prefix = self.pointer();
                self.problems.extend(problems.into_iter().map(|p| Problem {
                    path: format!("{prefix}{}", p.path),
                    message: format!("{} (in the decompressed payload)", p.message),
                }));
            }
            Err(e) => self.problem(e),
        }
    }

    fn value(&mut self, ty: &TypeRef, v: &'v Json<'v>) {
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
            TypeRef::Named(id) => match self.tables.type_def(self.c, id) {
                Some((
                    TypeDef {
                        kind: TypeKind::Object(o),
                        ..
                    },
                    Some(table),
                )) => match v.as_object() {
                    Some(map) => self.object((o, table), map, None),
                    None => self.mismatch("an object", v),
                },
                Some((
                    TypeDef {
                        kind: TypeKind::Enum(e),
                        ..
                    },
                    _,
                )) => self.enumeration(e, v),
                Some((
                    TypeDef {
                        kind: TypeKind::Union(u),
                        ..
                    },
                    _,
                )) => self.union(id, u, v),
                Some((
                    TypeDef {
                        kind: TypeKind::Alias(r),
                        ..
                    },
                    _,
                )) => self.value(r, v),
                Some((
                    TypeDef {
                        kind: TypeKind::Object(_),
                        ..
                    },
                    None,
                ))
                | None => {}
            },
        }
    }

    fn mismatch(&mut self, expected: &str, found: &Json<'_>) {
        self.problem(format!("expected {expected}, found {}", kind_of(found)));
    }

    fn string(&mut self, rules: &StringRules, v: &Json<'_>) {
        let Some(s) = v.as_str() else {
            return self.mismatch("a string", v);
        };
        if let Some(problem) = string_problem(rules, s) {
            self.problem(problem);
        }
    }

    fn integer(&mut self, rules: &IntegerRules, v: &Json<'_>) {
        let n: i128 = match v {
            Json::Num(json::Num::Pos(u)) => (*u).into(),
            Json::Num(json::Num::Neg(i)) => (*i).into(),
            Json::Num(n) => {
                return self.problem(format!("expected an integer, found the number {n}"))
            }
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

    fn number(&mut self, rules: &NumberRules, v: &Json<'_>) {
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

    fn timestamp(&mut self, enc: TimestampEncoding, v: &Json<'_>) {
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

    fn array(&mut self, a: &ArrayType, v: &'v Json<'v>) {
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

    fn map(&mut self, m: &MapType, v: &'v Json<'v>) {
        let Some(map) = v.as_object() else {
            return self.mismatch("an object (map)", v);
        };
        for (key, value) in map {
            self.at(key, |w| {
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

    fn object(
        &mut self,
        (o, table): (&'c ObjectType, &'c KeyTable<'c>),
        map: &'v Obj<'v>,
        tag: Option<&str>,
    ) {
        let frame = self.gather(&o.fields, table, map, tag, !o.additional);
        for (i, f) in o.fields.iter().enumerate() {
            match self.found[frame + i] {
                Some((key, value, _)) => self.at(key, |w| w.field_value(f, value)),
                None => self.missing(f),
            }
        }
        self.found.truncate(frame);
    }

    fn enumeration(&mut self, e: &EnumType, v: &Json<'_>) {
        let known = match (e.repr, v) {
            (EnumRepr::String, Json::Str(s)) => e
                .values
                .iter()
                .any(|x| matches!(&x.value, EnumLiteral::Str(t) if t == s)),
            (EnumRepr::Integer, Json::Num(_)) if v.as_i64().is_some() => e
                .values
                .iter()
                .any(|x| x.value == EnumLiteral::Int(v.as_i64().unwrap_or_default())),
            (EnumRepr::String, _) => return self.mismatch("a string", v),
            (EnumRepr::Integer, _) => return self.mismatch("an integer", v),
        };
        if !e.open && !known {
            let literal = match v {
                Json::Str(s) => EnumLiteral::Str(s.to_string()),
                _ => EnumLiteral::Int(v.as_i64().unwrap_or_default()),
            };
            let allowed: Vec<String> = e.values.iter().map(|x| x.value.to_string()).collect();
            self.problem(format!(
                "{literal} is not one of the allowed values: {}",
                allowed.join(", ")
            ));
        }
    }

    fn union(&mut self, id: &TypeId, u: &'c UnionType, v: &'v Json<'v>) {
        let Some(map) = v.as_object() else {
            return self.mismatch("an object", v);
        };
        let (c, tables) = (self.c, self.tables);
        let object_of = |variant: &Variant| tables.object(c, &variant.ty);
        match &u.discrimination {
            Discrimination::Tag(tag) => {
                let Some(found) = json::get(map, tag) else {
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
                let has = |k: &str| json::has(map, k);
                let chosen = u
                    .variants
                    .iter()
                    .find(|v| v.when.as_ref().is_some_and(|w| w.matches(has)));
                match chosen.and_then(object_of) {
                    Some(o) => self.object(o, map, None),
                    None => {
                        self.problem(format!(
                            "matches no variant of `{id}`: {}",
                            u.detection_summary()
                        ));
                    }
                }
            }
        }
    }

    /// Whether a channel parameter's text is a value of its declared type.
    fn param_fits(&self, ty: &TypeRef, text: &str) -> bool {
        match ty {
            TypeRef::String(rules) => string_problem(rules, text).is_none(),
            _ => {
                let value = Json::Str(std::borrow::Cow::Borrowed(text));
                let mut inner = Walk::new(self.c, self.tables);
                inner.value(ty, &value);
                inner.problems.is_empty()
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
            ch.params
                .get(param)
                .is_none_or(|ty| self.param_fits(ty, value))
        })
    }
}

/// Decodes a base64 string of zlib data, refusing output over [`MAX_DECOMPRESSED_BYTES`].
fn inflate(text: &str) -> Result<Vec<u8>, String> {
    with_inflated(text, <[u8]>::to_vec)
}

thread_local! {
    /// Inflater state and buffers reused across messages: allocating and
    /// zeroing them per message cost more than inflating a small payload.
    static INFLATER: std::cell::RefCell<Inflater> = std::cell::RefCell::default();
}

/// Reusable zlib inflater with its input and output buffers.
#[derive(Default)]
struct Inflater {
    state: Box<miniz_oxide::inflate::core::DecompressorOxide>,
    compressed: Vec<u8>,
    out: Vec<u8>,
}

/// Decodes a base64 string of zlib data and hands the inflated bytes to `f`.
fn with_inflated<R>(text: &str, f: impl FnOnce(&[u8]) -> R) -> Result<R, String> {
    use miniz_oxide::inflate::core::{decompress, inflate_flags as flags};
    use miniz_oxide::inflate::TINFLStatus;
    INFLATER.with_borrow_mut(|z| {
        z.compressed.clear();
        base64::engine::general_purpose::STANDARD
            .decode_vec(text, &mut z.compressed)
            .map_err(|e| format!("compressed payload is not valid base64: {e}"))?;
        let limit = usize::try_from(MAX_DECOMPRESSED_BYTES).unwrap_or(usize::MAX);
        let wanted = z.compressed.len().saturating_mul(4).clamp(1024, limit);
        if z.out.len() < wanted {
            z.out.resize(wanted, 0);
        }
        z.state.init();
        let mode =
            flags::TINFL_FLAG_PARSE_ZLIB_HEADER | flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
        let (mut input, mut written) = (&z.compressed[..], 0);
        loop {
            let (status, read, wrote) = decompress(&mut z.state, input, &mut z.out, written, mode);
            written += wrote;
            input = input.get(read..).unwrap_or_default();
            match status {
                TINFLStatus::Done => return Ok(f(&z.out[..written])),
                TINFLStatus::HasMoreOutput if z.out.len() < limit => {
                    let grown = z.out.len().saturating_mul(2).min(limit);
                    z.out.resize(grown, 0);
                }
                TINFLStatus::HasMoreOutput => {
                    return Err(format!(
                        "compressed payload inflates beyond {MAX_DECOMPRESSED_BYTES} bytes"
                    ))
                }
                other => {
                    return Err(format!(
                        "compressed payload is not valid zlib data ({other:?})"
                    ))
                }
            }
        }
    })
}

fn tag_key<'v>(map: &'v Obj<'v>, tag: &str) -> &'v str {
    json::entry(map, tag).map_or("", |(k, _)| k)
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

/// What is wrong with a string under its rules, if anything.
fn string_problem(rules: &StringRules, s: &str) -> Option<String> {
    if rules.min_length.is_some() || rules.max_length.is_some() {
        let len = s.chars().count() as u64;
        if rules.min_length.is_some_and(|m| len < m) || rules.max_length.is_some_and(|m| len > m) {
            return Some(format!(
                "string length {len} is outside {}..={}",
                bound(rules.min_length),
                bound(rules.max_length)
            ));
        }
    }
    match &rules.pattern {
        Some(p) if !p.is_match(s) => {
            Some(format!("`{s}` does not match the pattern `{}`", p.source))
        }
        _ => None,
    }
}

fn bound<T: std::fmt::Display>(b: Option<T>) -> String {
    b.map_or_else(String::new, |v| v.to_string())
}

fn kind_of(v: &Json<'_>) -> String {
    match v {
        Json::Null => "null".to_owned(),
        Json::Bool(b) => format!("the boolean {b}"),
        Json::Num(n) => format!("the number {n}"),
        Json::Str(s) if s.chars().count() > 40 => "a string".to_owned(),
        Json::Str(s) => format!("the string {s:?}"),
        Json::Arr(_) => "an array".to_owned(),
        Json::Obj(_) => "an object".to_owned(),
    }
}
