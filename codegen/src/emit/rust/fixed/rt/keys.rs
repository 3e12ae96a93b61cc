mod rt {
    /// Writes a struct derived with `#[serde(remote = "Self")]` as a map:
    /// first the `tag` entry (a variant of a tagged union), then each
    /// field, and right after a renamed field its value again under the
    /// old key. `renamed` lists (new key, old key) in field order.
    /// Anything other than a struct is passed to `inner` unchanged.
    pub(super) struct Keys<S> {
        pub(super) inner: S,
        pub(super) tag: Option<(&'static str, &'static str)>,
        pub(super) renamed: &'static [(&'static str, &'static str)],
    }
    /// The map a `Keys` serializer writes a struct's fields into.
    pub(super) struct KeysMap<M> {
        map: M,
        renamed: &'static [(&'static str, &'static str)],
    }
    impl<S: ::serde::Serializer> ::serde::Serializer for Keys<S> {
        type Ok = S::Ok;
        type Error = S::Error;
        type SerializeSeq = S::SerializeSeq;
        type SerializeTuple = S::SerializeTuple;
        type SerializeTupleStruct = S::SerializeTupleStruct;
        type SerializeTupleVariant = S::SerializeTupleVariant;
        type SerializeMap = S::SerializeMap;
        type SerializeStruct = KeysMap<S::SerializeMap>;
        type SerializeStructVariant = S::SerializeStructVariant;
        fn serialize_struct(
            self,
            _name: &'static str,
            _len: usize,
        ) -> Result<Self::SerializeStruct, S::Error> {
            use ::serde::ser::SerializeMap as _;
            let mut map = self.inner.serialize_map(None)?;
            if let Some((key, value)) = self.tag {
                map.serialize_entry(key, value)?;
            }
            Ok(KeysMap {
                map,
                renamed: self.renamed,
            })
        }
        fn serialize_bool(self, v: bool) -> Result<S::Ok, S::Error> {
            self.inner.serialize_bool(v)
        }
        fn serialize_i8(self, v: i8) -> Result<S::Ok, S::Error> {
            self.inner.serialize_i8(v)
        }
        fn serialize_i16(self, v: i16) -> Result<S::Ok, S::Error> {
            self.inner.serialize_i16(v)
        }
        fn serialize_i32(self, v: i32) -> Result<S::Ok, S::Error> {
            self.inner.serialize_i32(v)
        }
        fn serialize_i64(self, v: i64) -> Result<S::Ok, S::Error> {
            self.inner.serialize_i64(v)
        }
        fn serialize_u8(self, v: u8) -> Result<S::Ok, S::Error> {
            self.inner.serialize_u8(v)
        }
        fn serialize_u16(self, v: u16) -> Result<S::Ok, S::Error> {
            self.inner.serialize_u16(v)
        }
        fn serialize_u32(self, v: u32) -> Result<S::Ok, S::Error> {
            self.inner.serialize_u32(v)
        }
        fn serialize_u64(self, v: u64) -> Result<S::Ok, S::Error> {
            self.inner.serialize_u64(v)
        }
        fn serialize_f32(self, v: f32) -> Result<S::Ok, S::Error> {
            self.inner.serialize_f32(v)
        }
        fn serialize_f64(self, v: f64) -> Result<S::Ok, S::Error> {
            self.inner.serialize_f64(v)
        }
        fn serialize_char(self, v: char) -> Result<S::Ok, S::Error> {
            self.inner.serialize_char(v)
        }
        fn serialize_str(self, v: &str) -> Result<S::Ok, S::Error> {
            self.inner.serialize_str(v)
        }
        fn serialize_bytes(self, v: &[u8]) -> Result<S::Ok, S::Error> {
            self.inner.serialize_bytes(v)
        }
        fn serialize_none(self) -> Result<S::Ok, S::Error> {
            self.inner.serialize_none()
        }
        fn serialize_some<T: ?Sized + ::serde::Serialize>(
            self,
            value: &T,
        ) -> Result<S::Ok, S::Error> {
            self.inner.serialize_some(value)
        }
        fn serialize_unit(self) -> Result<S::Ok, S::Error> {
            self.inner.serialize_unit()
        }
        fn serialize_unit_struct(self, name: &'static str) -> Result<S::Ok, S::Error> {
            self.inner.serialize_unit_struct(name)
        }
        fn serialize_unit_variant(
            self,
            name: &'static str,
            index: u32,
            variant: &'static str,
        ) -> Result<S::Ok, S::Error> {
            self.inner.serialize_unit_variant(name, index, variant)
        }
        fn serialize_newtype_struct<T: ?Sized + ::serde::Serialize>(
            self,
            name: &'static str,
            value: &T,
        ) -> Result<S::Ok, S::Error> {
            self.inner.serialize_newtype_struct(name, value)
        }
        fn serialize_newtype_variant<T: ?Sized + ::serde::Serialize>(
            self,
            name: &'static str,
            index: u32,
            variant: &'static str,
            value: &T,
        ) -> Result<S::Ok, S::Error> {
            self.inner.serialize_newtype_variant(name, index, variant, value)
        }
        fn serialize_seq(self, len: Option<usize>) -> Result<S::SerializeSeq, S::Error> {
            self.inner.serialize_seq(len)
        }
        fn serialize_tuple(self, len: usize) -> Result<S::SerializeTuple, S::Error> {
            self.inner.serialize_tuple(len)
        }
        fn serialize_tuple_struct(
            self,
            name: &'static str,
            len: usize,
        ) -> Result<S::SerializeTupleStruct, S::Error> {
            self.inner.serialize_tuple_struct(name, len)
        }
        fn serialize_tuple_variant(
            self,
            name: &'static str,
            index: u32,
            variant: &'static str,
            len: usize,
        ) -> Result<S::SerializeTupleVariant, S::Error> {
            self.inner.serialize_tuple_variant(name, index, variant, len)
        }
        fn serialize_map(self, len: Option<usize>) -> Result<S::SerializeMap, S::Error> {
            self.inner.serialize_map(len)
        }
        fn serialize_struct_variant(
            self,
            name: &'static str,
            index: u32,
            variant: &'static str,
            len: usize,
        ) -> Result<S::SerializeStructVariant, S::Error> {
            self.inner.serialize_struct_variant(name, index, variant, len)
        }
    }
    impl<M: ::serde::ser::SerializeMap> ::serde::ser::SerializeStruct for KeysMap<M> {
        type Ok = M::Ok;
        type Error = M::Error;
        fn serialize_field<T: ?Sized + ::serde::Serialize>(
            &mut self,
            key: &'static str,
            value: &T,
        ) -> Result<(), M::Error> {
            self.map.serialize_entry(key, value)?;
            if let Some((&(new, old), rest)) = self.renamed.split_first() {
                if new == key {
                    self.map.serialize_entry(old, value)?;
                    self.renamed = rest;
                }
            }
            Ok(())
        }
        fn skip_field(&mut self, key: &'static str) -> Result<(), M::Error> {
            if let Some((&(new, _), rest)) = self.renamed.split_first() {
                if new == key {
                    self.renamed = rest;
                }
            }
            Ok(())
        }
        fn end(self) -> Result<M::Ok, M::Error> {
            self.map.end()
        }
    }
}
