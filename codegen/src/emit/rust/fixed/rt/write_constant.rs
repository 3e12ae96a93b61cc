mod rt {
    /// Writes a `const` field's value, given as JSON text.
    pub(super) fn write_constant<S: ::serde::Serializer>(
        serializer: S,
        json: &str,
    ) -> Result<S::Ok, S::Error> {
        use ::serde::ser::Error as _;
        let value: ::serde_json::Value = ::serde_json::from_str(json)
            .map_err(S::Error::custom)?;
        ::serde::Serialize::serialize(&value, serializer)
    }
}
