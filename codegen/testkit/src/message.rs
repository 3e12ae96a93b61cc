//! A message for one event of a contract, built from the contract's model
//! and then mutated, for the differential tests (the validator and the
//! generated decoders must agree on it).
//!
//! The message starts well-typed: the discriminator names the event (or one
//! of its aliases), every envelope field and payload field holds a value of
//! its type under one of its keys, constants and derived fields hold what
//! the contract says. Then a few mutations, each at a random place in the
//! tree: a value of another JSON type, a key removed, an undeclared key
//! added, a key repeated, a field given under two of its keys, `null`,
//! numbers out of range or width, and strings that break a constant, a
//! pattern, a length, RFC 3339 syntax or a derived category, channel or
//! event.

use arbitrary::{Result, Unstructured};
use eventc::model::*;

/// A JSON value whose objects keep their entries as written: in order,
/// repeats included, each with the other keys its field may be read from.
#[derive(Debug, Clone)]
pub enum Json {
    /// Any scalar, as JSON text.
    Raw(String),
    /// An array.
    Array(Vec<Json>),
    /// An object.
    Object(Vec<Entry>),
}

/// One key and value of an object.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The key written.
    pub key: String,
    /// Every key the field is read from (empty for map keys and extra keys).
    pub keys: Vec<String>,
    /// The value.
    pub value: Json,
}

impl Json {
    fn str(text: &str) -> Json {
        Json::Raw(serde_json::Value::from(text).to_string())
    }

    /// The value as JSON text.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Json::Raw(text) => out.push_str(text),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Json::Object(entries) => {
                out.push('{');
                for (i, e) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&serde_json::Value::from(e.key.as_str()).to_string());
                    out.push(':');
                    e.value.write(out);
                }
                out.push('}');
            }
        }
    }
}

/// Containers deeper than this get no items, so recursive types end.
const MAX_DEPTH: u32 = 6;

/// Builds messages for one contract.
pub struct Builder<'c> {
    contract: &'c Contract,
}

impl<'c> Builder<'c> {
    /// A builder for `contract`.
    pub fn new(contract: &'c Contract) -> Self {
        Builder { contract }
    }

    /// A message for an event drawn from `u`, then up to four mutations.
    pub fn message(&self, u: &mut Unstructured<'_>) -> Result<String> {
        let mut message = self.well_typed(u)?;
        for _ in 0..u.int_in_range(0..=4)? {
            mutate(u, &mut message)?;
        }
        Ok(message.to_text())
    }

    /// A message of an event drawn from `u`, every value of its type.
    pub fn well_typed(&self, u: &mut Unstructured<'_>) -> Result<Json> {
        let c = self.contract;
        let events: Vec<&Event> = c.events.values().collect();
        let event = events[u.choose_index(events.len()).unwrap_or(0)];
        let envelope = c.envelope_of(event);
        let mut entries = Vec::new();
        for (field, role) in envelope.fields_with_roles() {
            let value = match role {
                FieldRole::Discriminator => {
                    let names: Vec<&str> = event.wire_names().collect();
                    Some(Json::str(names[u.choose_index(names.len()).unwrap_or(0)]))
                }
                FieldRole::Payload => match &event.payload {
                    Some(ty) => Some(self.value(u, ty, 0)?),
                    None if field.optional && u.arbitrary()? => None,
                    None => Some(Json::Raw("{}".into())),
                },
                FieldRole::CompressionFlag => {
                    (!field.optional || u.arbitrary()?).then(|| Json::Raw("false".into()))
                }
                FieldRole::Derived(source) => match c.derived_value(event, source) {
                    Some(derived) => self.derived(u, derived)?,
                    None => None,
                },
                FieldRole::Constant => field.constant.as_ref().map(|v| Json::Raw(v.to_string())),
                FieldRole::Data => self.field_value(u, field)?,
            };
            if let Some(value) = value {
                entries.push(entry(u, field, value)?);
            }
        }
        Ok(Json::Object(entries))
    }

    /// The value of a derived envelope field, absent when a channel's
    /// address has parameters (writing one is not this builder's job).
    fn derived(&self, u: &mut Unstructured<'_>, derived: DerivedValue<'_>) -> Result<Option<Json>> {
        Ok(match derived {
            DerivedValue::WireName(event) => {
                let names: Vec<&str> = event.wire_names().collect();
                Some(Json::str(names[u.choose_index(names.len()).unwrap_or(0)]))
            }
            other => other.fixed_text().map(Json::str),
        })
    }

    /// A field's value: `None` (absent) or `null` now and then where allowed.
    fn field_value(&self, u: &mut Unstructured<'_>, field: &Field) -> Result<Option<Json>> {
        if field.optional && u.ratio(1, 3)? {
            return Ok(None);
        }
        if field.nullable && u.ratio(1, 3)? {
            return Ok(Some(Json::Raw("null".into())));
        }
        if let Some(constant) = &field.constant {
            return Ok(Some(Json::Raw(constant.to_string())));
        }
        self.value(u, &field.ty, 1).map(Some)
    }

    /// A value of type `ty`.
    fn value(&self, u: &mut Unstructured<'_>, ty: &TypeRef, depth: u32) -> Result<Json> {
        let c = self.contract;
        Ok(match ty {
            TypeRef::String(_) => Json::str(pick_str(u, &["", "a", "abc", "ABC-12", "é", "x y"])?),
            TypeRef::Integer(rules) => integer(u, rules.width)?,
            TypeRef::Number(_) => {
                Json::Raw(pick_str(u, &["0", "1.5", "-2", "100", "0.1", "1e3", "3"])?.to_owned())
            }
            TypeRef::Boolean => Json::Raw(pick_str(u, &["true", "false"])?.to_owned()),
            TypeRef::Timestamp(TimestampEncoding::Rfc3339) => Json::str("2026-01-14T10:00:00Z"),
            TypeRef::Timestamp(_) => Json::Raw("1768384800".into()),
            TypeRef::Json => Json::Raw(
                pick_str(
                    u,
                    &["{}", "null", "[1,2]", "\"x\"", "{\"a\":{\"b\":[]}}", "1"],
                )?
                .to_owned(),
            ),
            TypeRef::Channel => {
                let fixed: Vec<&str> = c
                    .channels
                    .values()
                    .filter_map(Channel::fixed_address)
                    .collect();
                Json::str(
                    fixed
                        .get(u.choose_index(fixed.len()).unwrap_or(0))
                        .copied()
                        .unwrap_or("x"),
                )
            }
            TypeRef::Array(array) => {
                let count = if depth >= MAX_DEPTH {
                    0
                } else {
                    u.int_in_range(0..=3)?
                };
                let mut items = Vec::new();
                for _ in 0..count {
                    items.push(self.value(u, &array.items, depth + 1)?);
                }
                Json::Array(items)
            }
            TypeRef::Map(map) => {
                let count = if depth >= MAX_DEPTH {
                    0
                } else {
                    u.int_in_range(0..=3)?
                };
                let mut entries = Vec::new();
                for _ in 0..count {
                    entries.push(Entry {
                        key: pick_str(u, &["a", "b", "K", "", "é"])?.to_owned(),
                        keys: Vec::new(),
                        value: self.value(u, &map.values, depth + 1)?,
                    });
                }
                Json::Object(entries)
            }
            TypeRef::Named(id) => match c.type_def(id).map(|t| &t.kind) {
                Some(TypeKind::Object(object)) => self.object(u, object, None, depth)?,
                Some(TypeKind::Enum(e)) => enum_value(u, e)?,
                Some(TypeKind::Union(union)) => self.union(u, union, depth)?,
                Some(TypeKind::Alias(target)) if depth < MAX_DEPTH * 2 => {
                    self.value(u, target, depth + 1)?
                }
                _ => Json::Raw("null".into()),
            },
        })
    }

    /// An object's fields, with a union's tag first when there is one.
    fn object(
        &self,
        u: &mut Unstructured<'_>,
        object: &ObjectType,
        tag: Option<(&str, &str)>,
        depth: u32,
    ) -> Result<Json> {
        let mut entries = Vec::new();
        if let Some((key, value)) = tag {
            entries.push(Entry {
                key: key.to_owned(),
                keys: vec![key.to_owned()],
                value: Json::str(value),
            });
        }
        for field in &object.fields {
            if tag.is_some_and(|(key, _)| key == field.name) {
                continue;
            }
            let value = if depth >= MAX_DEPTH {
                // Deep enough: only what must be there, as simply as possible.
                if field.optional {
                    None
                } else if field.nullable {
                    Some(Json::Raw("null".into()))
                } else {
                    Some(self.value(u, &field.ty, depth + 1)?)
                }
            } else {
                match self.field_value(u, field)? {
                    Some(Json::Raw(text)) if text == "null" => Some(Json::Raw(text)),
                    Some(_) => Some(self.value_or_const(u, field, depth)?),
                    None => None,
                }
            };
            if let Some(value) = value {
                entries.push(entry(u, field, value)?);
            }
        }
        Ok(Json::Object(entries))
    }

    fn value_or_const(&self, u: &mut Unstructured<'_>, field: &Field, depth: u32) -> Result<Json> {
        match &field.constant {
            Some(constant) => Ok(Json::Raw(constant.to_string())),
            None => self.value(u, &field.ty, depth + 1),
        }
    }

    /// A value of one of the union's variants.
    fn union(&self, u: &mut Unstructured<'_>, union: &UnionType, depth: u32) -> Result<Json> {
        let Some(variant) = union
            .variants
            .get(u.choose_index(union.variants.len()).unwrap_or(0))
        else {
            return Ok(Json::Raw("{}".into()));
        };
        let Some(TypeKind::Object(object)) = self.contract.type_def(&variant.ty).map(|t| &t.kind)
        else {
            return Ok(Json::Raw("{}".into()));
        };
        let tag = match (&union.discrimination, &variant.tag) {
            (Discrimination::Tag(key), Some(value)) => Some((key.as_str(), value.as_str())),
            _ => None,
        };
        self.object(u, object, tag, depth + 1)
    }
}

/// An entry for `field` under one of its keys.
fn entry(u: &mut Unstructured<'_>, field: &Field, value: Json) -> Result<Entry> {
    let keys: Vec<String> = field.read_keys().map(str::to_owned).collect();
    let key = if u.ratio(1, 4)? {
        keys[u.choose_index(keys.len()).unwrap_or(0)].clone()
    } else {
        field.name.clone()
    };
    Ok(Entry { key, keys, value })
}

fn pick_str<'p>(u: &mut Unstructured<'_>, items: &[&'p str]) -> Result<&'p str> {
    Ok(items[u.choose_index(items.len()).unwrap_or(0)])
}

/// An integer inside `width`, often at its edges.
fn integer(u: &mut Unstructured<'_>, width: IntWidth) -> Result<Json> {
    let (low, high) = width.range();
    let value = match u.int_in_range(0..=4)? {
        0 => low,
        1 => high,
        2 => 0,
        _ => i128::from(u.int_in_range(-3i64..=100)?).clamp(low, high),
    };
    Ok(Json::Raw(value.to_string()))
}

/// A value of the enum, or for an open one now and then an unknown value.
fn enum_value(u: &mut Unstructured<'_>, e: &EnumType) -> Result<Json> {
    if e.values.is_empty() || (e.open && u.ratio(1, 4)?) {
        return Ok(match e.repr {
            EnumRepr::String => Json::str("not-listed"),
            EnumRepr::Integer => Json::Raw("987".into()),
        });
    }
    let value = &e.values[u.choose_index(e.values.len()).unwrap_or(0)].value;
    Ok(match value {
        EnumLiteral::Str(s) => Json::str(s),
        EnumLiteral::Int(i) => Json::Raw(i.to_string()),
    })
}

/// Values that break a type, a width or a value rule (a range, a length, a
/// pattern, RFC 3339 syntax, a constant, a derived category, channel or
/// event: any string stands in for those). Two are left out while
/// the validator and the decoders disagree on them (docs/reliability.md,
/// "Open disagreements"): `1e400`, which the validator refuses as malformed
/// JSON anywhere but the decoders accept inside raw `json` values, and `-0`
/// for an integer, which Go accepts and the validator and Rust refuse.
const WRONG_VALUES: &[&str] = &[
    "null",
    "true",
    "\"text\"",
    "{}",
    "[]",
    "[null]",
    "0",
    "-1",
    "1.5",
    "-0.0",
    "1e308",
    "2147483648",
    "-2147483649",
    "4294967296",
    "9223372036854775808",
    "-9223372036854775809",
    "18446744073709551616",
    "\"2026-13-45T99:00:00Z\"",
    "\"2026-01-14 10:00:00\"",
    "\"2026-01-14T10:00:00\"",
    "\"no-such-category\"",
    "\"!! matches no pattern !!\"",
    "\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"",
    "-1000000000",
    "1000000000",
    "0.000001",
    "\"\\u0000\"",
    "{\"\":null}",
];

/// A value of [`WRONG_VALUES`].
fn wrong_value(u: &mut Unstructured<'_>) -> Result<Json> {
    Ok(Json::Raw(pick_str(u, WRONG_VALUES)?.to_owned()))
}

/// Applies one mutation at a random place of `message`.
fn mutate(u: &mut Unstructured<'_>, message: &mut Json) -> Result<()> {
    // Walk down: at each container, stop here or go into one of its children.
    let mut node = message;
    loop {
        let children = match node {
            Json::Array(items) => items.len(),
            Json::Object(entries) => entries.len(),
            Json::Raw(_) => 0,
        };
        if children == 0 || u.ratio(1, 3)? {
            break;
        }
        let i = u.choose_index(children).unwrap_or(0);
        node = match node {
            Json::Array(items) => &mut items[i],
            Json::Object(entries) => &mut entries[i].value,
            Json::Raw(_) => unreachable!("a scalar has no children"),
        };
    }
    match node {
        Json::Object(entries) if !entries.is_empty() => {
            let i = u.choose_index(entries.len()).unwrap_or(0);
            match u.int_in_range(0..=4)? {
                0 => {
                    entries.remove(i);
                }
                1 => {
                    let key = pick_str(u, &["zz_extra", "", "__proto__", "é"])?.to_owned();
                    entries.push(Entry {
                        key,
                        keys: Vec::new(),
                        value: Json::Raw("1".into()),
                    });
                }
                2 => {
                    let copy = entries[i].clone();
                    entries.push(copy);
                }
                3 => {
                    // The same field under another of its keys.
                    let mut copy = entries[i].clone();
                    if !copy.keys.is_empty() {
                        copy.key = copy.keys[u.choose_index(copy.keys.len()).unwrap_or(0)].clone();
                    }
                    entries.push(copy);
                }
                _ => entries[i].value = wrong_value(u)?,
            }
        }
        Json::Array(items) if !items.is_empty() && u.arbitrary()? => {
            let i = u.choose_index(items.len()).unwrap_or(0);
            items[i] = wrong_value(u)?;
        }
        other => *other = wrong_value(u)?,
    }
    Ok(())
}
