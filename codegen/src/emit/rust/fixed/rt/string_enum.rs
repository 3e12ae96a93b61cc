mod rt {
    /// Reads a string enum: `parse` maps a wire value to its variant, and a
    /// value it does not know is an unknown-variant error listing `values`.
    pub(super) fn string_enum<
        'de,
        D: ::serde::Deserializer<'de>,
        T,
        F: ::core::ops::FnOnce(&str) -> Option<T>,
    >(
        deserializer: D,
        expecting: &'static str,
        values: &'static [&'static str],
        parse: F,
    ) -> Result<T, D::Error> {
        struct EnumVisitor<T, F> {
            expecting: &'static str,
            values: &'static [&'static str],
            parse: F,
            value: ::core::marker::PhantomData<T>,
        }
        impl<'de, T, F: ::core::ops::FnOnce(&str) -> Option<T>> ::serde::de::Visitor<'de>
        for EnumVisitor<T, F> {
            type Value = T;
            fn expecting(
                &self,
                f: &mut ::core::fmt::Formatter<'_>,
            ) -> ::core::fmt::Result {
                f.write_str(self.expecting)
            }
            fn visit_str<E: ::serde::de::Error>(self, v: &str) -> Result<T, E> {
                let values = self.values;
                (self.parse)(v).ok_or_else(|| E::unknown_variant(v, values))
            }
        }
        deserializer
            .deserialize_str(EnumVisitor {
                expecting,
                values,
                parse,
                value: ::core::marker::PhantomData,
            })
    }
}
