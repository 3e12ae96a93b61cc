//! A borrowed JSON tree for validation.
//!
//! `serde_json::Value` allocates every string and key and builds a B-tree per
//! object. Validation only reads a message once, so it parses into this tree
//! instead: strings without escapes borrow from the input and objects are
//! vectors of entries in input order. Parsing into it is cheaper than into
//! `Value`, which pays for walking the message.

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

/// A JSON number as the parser reported it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Num {
    /// A non-negative integer.
    Pos(u64),
    /// A negative integer.
    Neg(i64),
    /// A number with a fraction or exponent.
    Float(f64),
}

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Num::Pos(n) => write!(f, "{n}"),
            Num::Neg(n) => write!(f, "{n}"),
            Num::Float(x) => match serde_json::Number::from_f64(x) {
                Some(n) => write!(f, "{n}"),
                None => write!(f, "{x}"),
            },
        }
    }
}

/// The entries of a JSON object, in input order.
pub(super) type Obj<'a> = [(Cow<'a, str>, Json<'a>)];

/// A JSON value whose strings may borrow from the input.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Json<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Num(Num),
    /// A string.
    Str(Cow<'a, str>),
    /// An array.
    Arr(Vec<Json<'a>>),
    /// An object.
    Obj(Vec<(Cow<'a, str>, Json<'a>)>),
}

impl<'a> Json<'a> {
    /// Borrows a `serde_json::Value` as a tree.
    pub fn from_value(value: &'a Value) -> Self {
        match value {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(*b),
            Value::Number(n) => Json::Num(match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => Num::Pos(u),
                (None, Some(i)) => Num::Neg(i),
                _ => Num::Float(n.as_f64().unwrap_or(f64::NAN)),
            }),
            Value::String(s) => Json::Str(Cow::Borrowed(s)),
            Value::Array(items) => Json::Arr(items.iter().map(Json::from_value).collect()),
            Value::Object(map) => Json::Obj(
                map.iter()
                    .map(|(k, v)| (Cow::Borrowed(k.as_str()), Json::from_value(v)))
                    .collect(),
            ),
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The entries, if this is an object.
    pub fn as_object(&self) -> Option<&Obj<'a>> {
        match self {
            Json::Obj(entries) => Some(entries),
            _ => None,
        }
    }

    /// The items, if this is an array.
    pub fn as_array(&self) -> Option<&[Json<'a>]> {
        match self {
            Json::Arr(items) => Some(items),
            _ => None,
        }
    }

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    /// Whether this is `true` or `false`.
    pub fn is_boolean(&self) -> bool {
        matches!(self, Json::Bool(_))
    }

    /// The value as an `i64`, if it is an integer that fits.
    pub fn as_i64(&self) -> Option<i64> {
        match *self {
            Json::Num(Num::Pos(n)) => i64::try_from(n).ok(),
            Json::Num(Num::Neg(n)) => Some(n),
            _ => None,
        }
    }

    /// The value as an `f64`, if it is a number.
    pub fn as_f64(&self) -> Option<f64> {
        match *self {
            Json::Num(Num::Pos(n)) => Some(n as f64),
            Json::Num(Num::Neg(n)) => Some(n as f64),
            Json::Num(Num::Float(x)) => Some(x),
            _ => None,
        }
    }

    /// Whether this equals a `serde_json::Value`, numbers compared by value.
    pub fn equals(&self, other: &Value) -> bool {
        match (self, other) {
            (Json::Null, Value::Null) => true,
            (Json::Bool(a), Value::Bool(b)) => a == b,
            (Json::Num(a), Value::Number(b)) => match *a {
                Num::Pos(x) => b.as_u64() == Some(x) || b.as_f64() == Some(x as f64),
                Num::Neg(x) => b.as_i64() == Some(x) || b.as_f64() == Some(x as f64),
                Num::Float(x) => b.as_f64() == Some(x),
            },
            (Json::Str(a), Value::String(b)) => a == b,
            (Json::Arr(a), Value::Array(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.equals(y))
            }
            (Json::Obj(a), Value::Object(b)) => {
                a.len() == b.len()
                    && a.iter()
                        .all(|(k, v)| b.get(k.as_ref()).is_some_and(|w| v.equals(w)))
            }
            _ => false,
        }
    }
}

impl fmt::Display for Json<'_> {
    /// Writes the value as compact JSON.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Json::Null => f.write_str("null"),
            Json::Bool(b) => write!(f, "{b}"),
            Json::Num(n) => write!(f, "{n}"),
            Json::Str(s) => write!(f, "{}", Value::String(s.to_string())),
            Json::Arr(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str("]")
            }
            Json::Obj(entries) => {
                f.write_str("{")?;
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write!(f, "{}:{v}", Value::String(k.to_string()))?;
                }
                f.write_str("}")
            }
        }
    }
}

/// Whether an object has `key`.
pub(super) fn has(obj: &Obj<'_>, key: &str) -> bool {
    obj.iter().any(|(k, _)| k == key)
}

/// The entry of `key` in an object (the last one, as JSON parsers keep).
pub(super) fn entry<'o, 'a>(obj: &'o Obj<'a>, key: &str) -> Option<(&'o str, &'o Json<'a>)> {
    obj.iter()
        .rev()
        .find(|(k, _)| k == key)
        .map(|(k, v)| (k.as_ref(), v))
}

/// The value of `key` in an object.
pub(super) fn get<'o, 'a>(obj: &'o Obj<'a>, key: &str) -> Option<&'o Json<'a>> {
    entry(obj, key).map(|(_, v)| v)
}

impl<'de: 'a, 'a> Deserialize<'de> for Json<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(JsonVisitor(PhantomData))
    }
}

struct JsonVisitor<'a>(PhantomData<&'a ()>);

impl<'de: 'a, 'a> Visitor<'de> for JsonVisitor<'a> {
    type Value = Json<'a>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Json<'a>, E> {
        Ok(Json::Null)
    }
    fn visit_none<E>(self) -> Result<Json<'a>, E> {
        Ok(Json::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Json<'a>, E> {
        Ok(Json::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Json<'a>, E> {
        Ok(Json::Num(match u64::try_from(v) {
            Ok(u) => Num::Pos(u),
            Err(_) => Num::Neg(v),
        }))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Json<'a>, E> {
        Ok(Json::Num(Num::Pos(v)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Json<'a>, E> {
        Ok(Json::Num(Num::Float(v)))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Json<'a>, E> {
        Ok(Json::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Json<'a>, E> {
        Ok(Json::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<Json<'a>, E> {
        Ok(Json::Str(Cow::Owned(v)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json<'a>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Arr(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json<'a>, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0));
        while let Some(Key(key)) = map.next_key()? {
            entries.push((key, map.next_value()?));
        }
        Ok(Json::Obj(entries))
    }
}

/// An object key that borrows from the input when it can.
struct Key<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Key<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for KeyVisitor<'a> {
            type Value = Key<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object key")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'a>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'a>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Key<'a>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        d.deserialize_str(KeyVisitor(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::{get, Json, Num};
    use std::borrow::Cow;

    #[test]
    fn strings_without_escapes_borrow_from_the_input() {
        let text = r#"{"a": "plain", "b\u0041": "esc\"aped", "n": [1, -2, 2.5]}"#;
        let json: Json<'_> = serde_json::from_str(text).expect("valid JSON");
        let obj = json.as_object().expect("object");
        assert!(matches!(&obj[0].0, Cow::Borrowed("a")));
        assert!(matches!(
            get(obj, "a"),
            Some(Json::Str(Cow::Borrowed("plain")))
        ));
        assert!(matches!(&obj[1].0, Cow::Owned(k) if k == "bA"));
        assert_eq!(get(obj, "bA").and_then(Json::as_str), Some("esc\"aped"));
        let numbers = get(obj, "n").and_then(Json::as_array).expect("array");
        assert_eq!(
            numbers,
            &[
                Json::Num(Num::Pos(1)),
                Json::Num(Num::Neg(-2)),
                Json::Num(Num::Float(2.5))
            ]
        );
    }

    #[test]
    fn agrees_with_serde_json_value() {
        let text = r#"{"x": {"y": [true, null, 1.0, "s"]}, "z": 18446744073709551615}"#;
        let value: serde_json::Value = serde_json::from_str(text).expect("valid JSON");
        let parsed: Json<'_> = serde_json::from_str(text).expect("valid JSON");
        assert!(parsed.equals(&value));
        assert_eq!(
            Json::from_value(&value).as_object().map(<[_]>::len),
            Some(2)
        );
        assert_eq!(format!("{}", Num::Float(1.0)), "1.0");
    }
}
