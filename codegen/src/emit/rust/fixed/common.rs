/// Direction of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Client to server.
    ClientToServer,
    /// Server to client.
    ServerToClient,
    /// Either way.
    Both,
}
/// A field that may be absent, present with `null`, or present with a value
/// (a field both optional and nullable).
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Maybe<T> {
    /// The key is absent.
    #[default]
    Absent,
    /// The key is present with `null`.
    Null,
    /// The key is present with a value.
    Value(T),
}
impl<T> Maybe<T> {
    /// Whether the key is absent.
    pub fn is_absent(&self) -> bool {
        matches!(self, Maybe::Absent)
    }
    /// The value, if there is one.
    pub fn value(&self) -> Option<&T> {
        match self {
            Maybe::Value(v) => Some(v),
            _ => None,
        }
    }
    /// `self` unless it is absent, else `other` (like `Option::or`).
    pub fn or(self, other: Maybe<T>) -> Maybe<T> {
        match self {
            Maybe::Absent => other,
            present => present,
        }
    }
}
/// Writes `null` for `Null` (and `Absent`, which containers skip) and the value otherwise.
impl<T: ::serde::Serialize> ::serde::Serialize for Maybe<T> {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match self {
            Maybe::Value(v) => serializer.serialize_some(v),
            Maybe::Null | Maybe::Absent => serializer.serialize_none(),
        }
    }
}
/// Reads `null` as `Null` and anything else as `Value`; an absent key is
/// `Absent` through `#[serde(default)]`.
impl<'de, T: ::serde::Deserialize<'de>> ::serde::Deserialize<'de> for Maybe<T> {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        Ok(
            match <Option<T> as ::serde::Deserialize<'de>>::deserialize(deserializer)? {
                Some(v) => Maybe::Value(v),
                None => Maybe::Null,
            },
        )
    }
}
/// Implemented by every event type of this contract, and by hand-written
/// payload types checked against the contract by `#[derive(Event)]` of
/// `eventc-macros`.
///
/// The defaults are what an event without the property has; an
/// event type overrides only the properties the contract gives it.
pub trait Event {
    /// Canonical wire name (written by writers).
    const NAME: &'static str;
    /// Further wire names accepted on read.
    const ALIASES: &'static [&'static str] = &[];
    /// Address of the channel the event is bound to (with the contract's prefix).
    const CHANNEL: Option<&'static str> = None;
    /// Direction of the event.
    const DIRECTION: Direction = Direction::Both;
    /// Message category.
    const CATEGORY: Option<&'static str> = None;
    /// Priority on the wire.
    const PRIORITY: Option<i64> = None;
}
/// A JSON object with arbitrary keys (a contract `map<…>`), in key order.
/// Reading refuses a key given twice, since JSON readers disagree on which
/// copy counts; otherwise it is a `BTreeMap` (it derefs to one).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Map<V>(pub ::std::collections::BTreeMap<String, V>);
impl<V> ::core::ops::Deref for Map<V> {
    type Target = ::std::collections::BTreeMap<String, V>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}
impl<V> ::core::ops::DerefMut for Map<V> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}
impl<V> From<::std::collections::BTreeMap<String, V>> for Map<V> {
    fn from(map: ::std::collections::BTreeMap<String, V>) -> Self {
        Map(map)
    }
}
impl<V> ::core::iter::FromIterator<(String, V)> for Map<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(entries: I) -> Self {
        Map(entries.into_iter().collect())
    }
}
impl<V: ::serde::Serialize> ::serde::Serialize for Map<V> {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}
impl<'de, V: ::serde::Deserialize<'de>> ::serde::Deserialize<'de> for Map<V> {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        struct MapVisitor<V>(::core::marker::PhantomData<V>);
        impl<'de, V: ::serde::Deserialize<'de>> ::serde::de::Visitor<'de>
        for MapVisitor<V> {
            type Value = Map<V>;
            fn expecting(
                &self,
                f: &mut ::core::fmt::Formatter<'_>,
            ) -> ::core::fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: ::serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Map<V>, A::Error> {
                use ::std::collections::btree_map::Entry;
                let mut out = ::std::collections::BTreeMap::new();
                while let Some(key) = map.next_key::<String>()? {
                    match out.entry(key) {
                        Entry::Occupied(entry) => {
                            return Err(
                                ::serde::de::Error::custom(
                                    ::core::format_args!("duplicate key `{}`", entry.key()),
                                ),
                            );
                        }
                        Entry::Vacant(entry) => {
                            entry.insert(map.next_value()?);
                        }
                    }
                }
                Ok(Map(out))
            }
        }
        deserializer.deserialize_map(MapVisitor(::core::marker::PhantomData))
    }
}
/// A value that breaks one of the contract's value rules, as `eventc
/// validate` reports it: the same stable code, and a JSON Pointer to the
/// value (fields are named by their canonical key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The stable problem code (`out-of-range`, `pattern-mismatch`, …).
    pub code: &'static str,
    /// JSON Pointer to the offending value (`""` is the whole message).
    pub path: String,
    /// What is wrong, in English.
    pub message: String,
}
/// The problems `validate` found in a decoded value (never empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    /// Every problem, in the order the value was walked.
    pub problems: Vec<Problem>,
}
impl ::core::fmt::Display for Invalid {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            f.write_fmt(
                ::core::format_args!("{} at `{}`: {}", p.code, p.path, p.message),
            )?;
        }
        Ok(())
    }
}
impl ::std::error::Error for Invalid {}
/// Why `decode_strict` refused a message.
#[derive(Debug)]
pub enum DecodeError {
    /// The text is not a message of this contract's types (what `decode` refuses).
    Json(::serde_json::Error),
    /// The message names an event this contract does not declare, which its policy denies.
    UnknownEvent(String),
    /// The message breaks value rules of the contract.
    Invalid(Invalid),
}
impl ::core::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        match self {
            DecodeError::Json(e) => ::core::fmt::Display::fmt(e, f),
            DecodeError::UnknownEvent(name) => {
                f.write_fmt(::core::format_args!("unknown event `{}`", name))
            }
            DecodeError::Invalid(e) => ::core::fmt::Display::fmt(e, f),
        }
    }
}
impl ::std::error::Error for DecodeError {}
impl From<::serde_json::Error> for DecodeError {
    fn from(e: ::serde_json::Error) -> Self {
        DecodeError::Json(e)
    }
}
impl From<Invalid> for DecodeError {
    fn from(e: Invalid) -> Self {
        DecodeError::Invalid(e)
    }
}
