mod rt {
    /// Whether two JSON values are equal as the validator compares them:
    /// numbers by value (`2` equals `2.0`, integers exactly), objects
    /// whatever their key order.
    pub(super) fn same_json(a: &::serde_json::Value, b: &::serde_json::Value) -> bool {
        use ::serde_json::Value;
        match (a, b) {
            (Value::Number(x), Value::Number(y)) => {
                match (x.as_i64(), y.as_i64(), x.as_u64(), y.as_u64()) {
                    (Some(x), Some(y), _, _) => x == y,
                    (_, _, Some(x), Some(y)) => x == y,
                    _ => x.as_f64() == y.as_f64(),
                }
            }
            (Value::Array(x), Value::Array(y)) => {
                x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y))
            }
            (Value::Object(x), Value::Object(y)) => {
                x.len() == y.len()
                    && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
            }
            _ => a == b,
        }
    }
}
