mod rt {
    /// Whether `value` written as JSON is the constant `json` (JSON text).
    pub(super) fn is_constant<T: ::serde::Serialize>(value: &T, json: &str) -> bool {
        match (::serde_json::to_value(value), ::serde_json::from_str(json)) {
            (Ok(found), Ok(expected)) => same_json(&found, &expected),
            _ => false,
        }
    }
}
