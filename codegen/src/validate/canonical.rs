//! The canonical form of a message, for comparing what different readers and
//! writers make of it.
//!
//! Generated code in every language accepts several spellings of one message
//! (aliases, the old key of a renamed field, a compressed payload) and writes
//! one. The canonical form is that one spelling, computed from the IR alone:
//!
//! - envelope and object keys given by an alias or an old name are written
//!   under the field's canonical name;
//! - a field with `renamed_from` carries both its new and its old key;
//! - the discriminator names the event by its canonical wire name;
//! - the old value of a renamed string-enum value is written as the new one
//!   (an old event name or channel address elsewhere, in a derived or
//!   `channel` field, is kept: generated code carries those strings as read);
//! - a compressed payload is decoded inline and the compression flag removed;
//! - keys the contract does not declare are dropped (tolerant readers ignore
//!   them, so writers cannot reproduce them).
//!
//! Numbers keep their JSON text; [`semantically_equal`] compares them by value.

use super::{inflate, Validator};
use crate::model::*;
use serde_json::{Map, Value};

impl Validator<'_> {
    /// Returns the canonical form of a message (see the module docs).
    ///
    /// Values the contract cannot interpret (a non-object message, a payload
    /// of an unknown event, a union value that matches no variant) are kept
    /// as they are.
    pub fn canonicalize(&self, message: &Value) -> Value {
        let Some(map) = message.as_object() else {
            return message.clone();
        };
        let event = self
            .discriminator_keys
            .iter()
            .find_map(|k| map.get(*k))
            .and_then(Value::as_str)
            .and_then(|name| self.events.get(name).copied());
        let envelope = match event {
            Some(e) => self.contract.envelope_of(e),
            None => self.contract.default_envelope(),
        };
        Value::Object(canonical_envelope(self.contract, envelope, event, map))
    }
}

/// Returns the canonical form of a message against `contract`.
///
/// Builds a [`Validator`] for one message; reuse a validator for many.
pub fn canonicalize(contract: &Contract, message: &Value) -> Value {
    Validator::new(contract).canonicalize(message)
}

/// Whether two JSON values are equal, numbers compared by value (`2` equals `2.0`)
/// and object keys regardless of order.
pub fn semantically_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            x == y || ((x.as_i64().is_none() || y.as_i64().is_none()) && x.as_f64() == y.as_f64())
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| semantically_equal(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| semantically_equal(v, w)))
        }
        _ => a == b,
    }
}

fn canonical_envelope(
    c: &Contract,
    env: &Envelope,
    event: Option<&Event>,
    map: &Map<String, Value>,
) -> Map<String, Value> {
    let compressed = env
        .fields_with_roles()
        .find(|(_, role)| *role == FieldRole::CompressionFlag)
        .is_some_and(|(f, _)| lookup(f, map) == Some(&Value::Bool(true)));
    let mut out = Map::new();
    for (f, role) in env.fields_with_roles() {
        let Some(value) = lookup(f, map) else {
            continue;
        };
        let value = match role {
            FieldRole::CompressionFlag => continue,
            FieldRole::Discriminator => {
                event.map_or_else(|| value.clone(), |e| Value::String(e.name.clone()))
            }
            FieldRole::Payload => canonical_payload(c, event, value, compressed),
            FieldRole::Derived(_) | FieldRole::Constant | FieldRole::Data => {
                canonical_value(c, &f.ty, value)
            }
        };
        put(&mut out, f, value);
    }
    out
}

fn canonical_payload(
    c: &Contract,
    event: Option<&Event>,
    value: &Value,
    compressed: bool,
) -> Value {
    let inflated;
    let value = match (compressed, value.as_str()) {
        (true, Some(text)) => match inflate(text)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
        {
            Some(v) => {
                inflated = v;
                &inflated
            }
            None => value,
        },
        _ => value,
    };
    match event.and_then(|e| e.payload.as_ref()) {
        Some(ty) => canonical_value(c, ty, value),
        None => value.clone(),
    }
}

/// The value of a field under any of its read keys.
fn lookup<'m>(f: &Field, map: &'m Map<String, Value>) -> Option<&'m Value> {
    f.read_keys().find_map(|k| map.get(k))
}

/// Writes a field under its name, and under its old name too when renamed.
fn put(out: &mut Map<String, Value>, f: &Field, value: Value) {
    if let Some(old) = f.old_key() {
        out.insert(old.to_owned(), value.clone());
    }
    out.insert(f.name.clone(), value);
}

fn canonical_value(c: &Contract, ty: &TypeRef, v: &Value) -> Value {
    match ty {
        TypeRef::Array(a) => match v {
            Value::Array(items) => Value::Array(
                items
                    .iter()
                    .map(|item| canonical_value(c, &a.items, item))
                    .collect(),
            ),
            _ => v.clone(),
        },
        TypeRef::Map(m) => match v {
            Value::Object(map) => Value::Object(
                map.iter()
                    .map(|(k, item)| (k.clone(), canonical_value(c, &m.values, item)))
                    .collect(),
            ),
            _ => v.clone(),
        },
        TypeRef::Named(id) => match (c.type_def(id).map(|t| &t.kind), v) {
            (Some(TypeKind::Object(o)), Value::Object(map)) => {
                Value::Object(canonical_object(c, o, map, None))
            }
            (Some(TypeKind::Union(u)), Value::Object(map)) => canonical_union(c, u, map, v),
            (Some(TypeKind::Alias(inner)), _) => canonical_value(c, inner, v),
            (Some(TypeKind::Enum(e)), Value::String(s)) => {
                match e.read(&EnumLiteral::Str(s.clone())) {
                    Some(EnumValue {
                        value: EnumLiteral::Str(new),
                        ..
                    }) => Value::String(new.clone()),
                    _ => v.clone(),
                }
            }
            _ => v.clone(),
        },
        _ => v.clone(),
    }
}

fn canonical_object(
    c: &Contract,
    o: &ObjectType,
    map: &Map<String, Value>,
    tag: Option<&str>,
) -> Map<String, Value> {
    let mut out = Map::new();
    if let Some((key, value)) = tag.and_then(|t| map.get_key_value(t)) {
        out.insert(key.clone(), value.clone());
    }
    for f in &o.fields {
        if let Some(value) = lookup(f, map) {
            let value = if value.is_null() {
                Value::Null
            } else {
                canonical_value(c, &f.ty, value)
            };
            put(&mut out, f, value);
        }
    }
    out
}

fn canonical_union(c: &Contract, u: &UnionType, map: &Map<String, Value>, v: &Value) -> Value {
    let (variant, tag) = match &u.discrimination {
        Discrimination::Tag(tag) => {
            let wanted = map.get(tag.as_str()).and_then(Value::as_str);
            let variant = u
                .variants
                .iter()
                .find(|x| x.tag.is_some() && x.tag.as_deref() == wanted);
            (variant, Some(tag.as_str()))
        }
        Discrimination::Fields => {
            let has = |k: &str| map.contains_key(k);
            let variant = u
                .variants
                .iter()
                .find(|x| x.when.as_ref().is_some_and(|w| w.matches(has)));
            (variant, None)
        }
    };
    match variant.and_then(|x| c.type_def(&x.ty)).map(|t| &t.kind) {
        Some(TypeKind::Object(o)) => Value::Object(canonical_object(c, o, map, tag)),
        _ => v.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::semantically_equal;
    use serde_json::json;

    #[test]
    fn numbers_compare_by_value_but_integers_exactly() {
        assert!(semantically_equal(&json!(2), &json!(2.0)));
        assert!(semantically_equal(
            &json!({"a": [1.5, 2]}),
            &json!({"a": [1.5, 2.0]})
        ));
        assert!(!semantically_equal(&json!(2), &json!(3)));
        assert!(!semantically_equal(
            &json!(9_007_199_254_740_993_i64),
            &json!(9_007_199_254_740_992_i64)
        ));
    }

    #[test]
    fn objects_need_the_same_keys() {
        assert!(!semantically_equal(
            &json!({"a": 1}),
            &json!({"a": 1, "b": null})
        ));
        assert!(!semantically_equal(&json!([1]), &json!([1, 1])));
        assert!(semantically_equal(
            &json!({"a": 1, "b": "x"}),
            &json!({"b": "x", "a": 1.0})
        ));
    }
}
