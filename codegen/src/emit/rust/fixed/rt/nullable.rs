mod rt {
    /// Reads a key that must be present and may be `null` (a missing key is an error).
    pub(super) fn nullable<
        'de,
        D: ::serde::Deserializer<'de>,
        T: ::serde::Deserialize<'de>,
    >(deserializer: D) -> Result<Option<T>, D::Error> {
        <Option<T> as ::serde::Deserialize<'de>>::deserialize(deserializer)
    }
}
