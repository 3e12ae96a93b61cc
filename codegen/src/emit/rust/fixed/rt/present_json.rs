mod rt {
    /// Reads a raw JSON key that may be absent but is not `null` when present.
    pub(super) fn present_json<'de, D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Box<::serde_json::value::RawValue>>, D::Error> {
        json(deserializer).map(Some)
    }
}
