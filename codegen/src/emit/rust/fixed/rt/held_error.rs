mod rt {
    /// An error in a value held as text while a map was read, without the
    /// position inside that value (the map's own reader tells where the map is).
    pub(super) fn held_error<E: ::serde::de::Error>(error: ::serde_json::Error) -> E {
        let text = error.to_string();
        let position = ::std::format!(
            " at line {} column {}", error.line(), error.column()
        );
        E::custom(text.strip_suffix(&position).unwrap_or(&text))
    }
}
