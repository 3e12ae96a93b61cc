mod rt {
    /// Reads a `const` field's value and refuses any other than `json` (the
    /// constant as JSON text).
    pub(super) fn constant<'de, D: ::serde::Deserializer<'de>>(
        deserializer: D,
        json: &str,
    ) -> Result<(), D::Error> {
        use ::serde::de::Error as _;
        let found = <::serde_json::Value as ::serde::Deserialize>::deserialize(
            deserializer,
        )?;
        let expected: ::serde_json::Value = ::serde_json::from_str(json)
            .map_err(D::Error::custom)?;
        if same_json(&found, &expected) {
            Ok(())
        } else {
            Err(D::Error::custom(::std::format!("must be {json}, found {found}")))
        }
    }
}
