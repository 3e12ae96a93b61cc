mod rt {
    /// A bound of a range as written in a message (empty when there is none).
    pub(super) fn bound<T: ::core::fmt::Display>(b: Option<T>) -> String {
        b.map_or_else(String::new, |v| v.to_string())
    }
}
