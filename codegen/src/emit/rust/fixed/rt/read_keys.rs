mod rt {
    /// Reads a struct derived with `#[serde(remote = "Self")]` from a map
    /// in which a field may appear under other keys than its own. `keys`
    /// lists (field key, its other keys in contract order): the first key
    /// in that order that the map holds wins, wherever it stands in the
    /// map, and the others are read and dropped; any of those keys given
    /// twice is refused (the derived struct refuses its own key given
    /// twice), since JSON readers disagree on which copy counts. `skip` lists keys read
    /// and dropped (the tag of a tagged union, which the union reads), and
    /// refused when given twice.
    /// A value under another key is held as the input's own text until
    /// the map ends, so reading one needs borrowed input
    /// (`serde_json::from_str`/`from_slice`), as unions do.
    /// The struct is read from a map only, never from an array by position
    /// (as `MapOnly` does). Anything other than a struct is passed to
    /// `inner` unchanged.
    pub(super) struct ReadKeys<D> {
        pub(super) inner: D,
        pub(super) keys: &'static [(&'static str, &'static [&'static str])],
        pub(super) skip: &'static [&'static str],
    }
    impl<'de, D: ::serde::Deserializer<'de>> ::serde::Deserializer<'de> for ReadKeys<D> {
        type Error = D::Error;
        fn deserialize_struct<V: ::serde::de::Visitor<'de>>(
            self,
            _name: &'static str,
            _fields: &'static [&'static str],
            visitor: V,
        ) -> Result<V::Value, D::Error> {
            let visitor = ReadKeysVisitor {
                inner: visitor,
                keys: self.keys,
                skip: self.skip,
            };
            self.inner.deserialize_map(visitor)
        }
        fn deserialize_any<V: ::serde::de::Visitor<'de>>(
            self,
            visitor: V,
        ) -> Result<V::Value, D::Error> {
            self.inner.deserialize_any(visitor)
        }
        ::serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map
            enum identifier ignored_any
        }
    }
    /// The visitor a `ReadKeys` deserializer hands its inner deserializer.
    struct ReadKeysVisitor<V> {
        inner: V,
        keys: &'static [(&'static str, &'static [&'static str])],
        skip: &'static [&'static str],
    }
    impl<'de, V: ::serde::de::Visitor<'de>> ::serde::de::Visitor<'de>
    for ReadKeysVisitor<V> {
        type Value = V::Value;
        fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            self.inner.expecting(f)
        }
        fn visit_map<A: ::serde::de::MapAccess<'de>>(
            self,
            map: A,
        ) -> Result<V::Value, A::Error> {
            self.inner
                .visit_map(ReadKeysMap {
                    map,
                    keys: self.keys,
                    skip: self.skip,
                    own: 0,
                    own_past_64: Vec::new(),
                    met: Vec::new(),
                    skipped: Vec::new(),
                    held: Vec::new(),
                    next: None,
                    ended: false,
                })
        }
    }
    /// The map a `ReadKeys` deserializer's struct visitor reads.
    struct ReadKeysMap<'de, A> {
        map: A,
        keys: &'static [(&'static str, &'static [&'static str])],
        skip: &'static [&'static str],
        /// Bit `i`: entry `i` of `keys` was read under its own key
        /// (entries from 64 on are listed in `own_past_64`).
        own: u64,
        own_past_64: Vec<usize>,
        /// Other keys met so far: entry of `keys`, rank of the key.
        met: Vec<(usize, usize)>,
        /// Keys of `skip` met so far (each may appear once).
        skipped: Vec<&'static str>,
        /// Values read under other keys, held (as the input's text) until
        /// the map ends: entry of `keys`, rank of the key among its other
        /// keys, value.
        held: Vec<(usize, usize, &'de ::serde_json::value::RawValue)>,
        /// The value of the key last handed over from `held`.
        next: Option<&'de ::serde_json::value::RawValue>,
        /// Whether the inner map has no entries left.
        ended: bool,
    }
    impl<A> ReadKeysMap<'_, A> {
        /// The entry of `keys` naming `key`, and the key's rank in it (0
        /// for the entry's own key).
        fn entry(&self, key: &str) -> Option<(usize, usize)> {
            self.keys
                .iter()
                .enumerate()
                .find_map(|(field, (own, others))| {
                    if *own == key {
                        return Some((field, 0));
                    }
                    others
                        .iter()
                        .position(|other| *other == key)
                        .map(|rank| (field, rank + 1))
                })
        }
        /// Whether entry `field` was read under its own key.
        fn own_read(&self, field: usize) -> bool {
            match 1u64.checked_shl(u32::try_from(field).unwrap_or(u32::MAX)) {
                Some(bit) => self.own & bit != 0,
                None => self.own_past_64.contains(&field),
            }
        }
        /// Records that entry `field` was read under its own key.
        fn read_own(&mut self, field: usize) {
            match 1u64.checked_shl(u32::try_from(field).unwrap_or(u32::MAX)) {
                Some(bit) => self.own |= bit,
                None => self.own_past_64.push(field),
            }
            self.held.retain(|(held, _, _)| *held != field);
        }
    }
    impl<'de, A: ::serde::de::MapAccess<'de>> ::serde::de::MapAccess<'de>
    for ReadKeysMap<'de, A> {
        type Error = A::Error;
        fn next_key_seed<K: ::serde::de::DeserializeSeed<'de>>(
            &mut self,
            seed: K,
        ) -> Result<Option<K::Value>, A::Error> {
            use ::serde::de::Error as _;
            while !self.ended {
                let Some(WireStr(key)) = self.map.next_key::<WireStr<'de>>()? else {
                    self.ended = true;
                    break;
                };
                if let Some(&skipped) = self.skip.iter().find(|s| **s == &*key) {
                    if self.skipped.contains(&skipped) {
                        return Err(A::Error::duplicate_field(skipped));
                    }
                    self.skipped.push(skipped);
                    self.map.next_value::<::serde::de::IgnoredAny>()?;
                    continue;
                }
                let Some((field, rank)) = self.entry(&key) else {
                    return key_seed(seed, key).map(Some);
                };
                if rank == 0 {
                    self.read_own(field);
                    return key_seed(seed, key).map(Some);
                }
                if self.met.contains(&(field, rank)) {
                    return Err(A::Error::duplicate_field(self.keys[field].1[rank - 1]));
                }
                self.met.push((field, rank));
                if self.own_read(field) {
                    self.map.next_value::<::serde::de::IgnoredAny>()?;
                    continue;
                }
                match self.held.iter().position(|(held, _, _)| *held == field) {
                    Some(i) if self.held[i].1 < rank => {
                        self.map.next_value::<::serde::de::IgnoredAny>()?;
                    }
                    Some(i) => self.held[i] = (field, rank, self.map.next_value()?),
                    None => self.held.push((field, rank, self.map.next_value()?)),
                }
            }
            match self.held.pop() {
                Some((field, _, value)) => {
                    self.next = Some(value);
                    let key = ::serde::de::value::BorrowedStrDeserializer::new(
                        self.keys[field].0,
                    );
                    seed.deserialize(key).map(Some)
                }
                None => Ok(None),
            }
        }
        fn next_value_seed<T: ::serde::de::DeserializeSeed<'de>>(
            &mut self,
            seed: T,
        ) -> Result<T::Value, A::Error> {
            match self.next.take() {
                Some(value) => seed.deserialize(value).map_err(held_error),
                None => self.map.next_value_seed(seed),
            }
        }
    }
    /// Passes a key read from the map on to `seed`.
    fn key_seed<'de, K: ::serde::de::DeserializeSeed<'de>, E: ::serde::de::Error>(
        seed: K,
        key: ::std::borrow::Cow<'de, str>,
    ) -> Result<K::Value, E> {
        match key {
            ::std::borrow::Cow::Borrowed(key) => {
                seed.deserialize(::serde::de::value::BorrowedStrDeserializer::new(key))
            }
            ::std::borrow::Cow::Owned(key) => {
                seed.deserialize(::serde::de::value::StringDeserializer::new(key))
            }
        }
    }
}
