mod rt {
    /// Reads raw JSON that is not `null`.
    pub(super) fn json<'de, D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Box<::serde_json::value::RawValue>, D::Error> {
        let value = <Box<
            ::serde_json::value::RawValue,
        > as ::serde::Deserialize<'de>>::deserialize(deserializer)?;
        if value.get() == "null" {
            return Err(
                ::serde::de::Error::invalid_type(
                    ::serde::de::Unexpected::Option,
                    &"a JSON value other than null",
                ),
            );
        }
        Ok(value)
    }
}
