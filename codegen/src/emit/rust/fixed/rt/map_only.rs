mod rt {
    /// Reads a struct derived with `#[serde(remote = "Self")]` from a map
    /// only: the derived reader also takes an array, by position, which no
    /// other reader of the contract (`eventc validate`, Go, TypeScript)
    /// does. Anything other than a struct is passed to `inner` unchanged.
    pub(super) struct MapOnly<D>(pub(super) D);
    impl<'de, D: ::serde::Deserializer<'de>> ::serde::Deserializer<'de> for MapOnly<D> {
        type Error = D::Error;
        fn deserialize_struct<V: ::serde::de::Visitor<'de>>(
            self,
            _name: &'static str,
            _fields: &'static [&'static str],
            visitor: V,
        ) -> Result<V::Value, D::Error> {
            self.0.deserialize_map(visitor)
        }
        fn deserialize_any<V: ::serde::de::Visitor<'de>>(
            self,
            visitor: V,
        ) -> Result<V::Value, D::Error> {
            self.0.deserialize_any(visitor)
        }
        ::serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map
            enum identifier ignored_any
        }
    }
}
