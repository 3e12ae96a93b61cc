mod rt {
    /// Reads a key that may be absent but is not `null` when present.
    pub(super) fn present<
        'de,
        D: ::serde::Deserializer<'de>,
        T: ::serde::Deserialize<'de>,
    >(deserializer: D) -> Result<Option<T>, D::Error> {
        T::deserialize(deserializer).map(Some)
    }
}
