mod rt {
    /// Whether `text` is an address made from `parts` and `tail`: each part
    /// is literal text, then a parameter (by its index among the channel's
    /// parameters) standing for a non-empty run without `:` that `fits`
    /// accepts; `tail` is the literal text after the last parameter.
    pub(super) fn is_address(
        parts: &[(&str, usize)],
        tail: &str,
        text: &str,
        fits: &dyn Fn(usize, &str) -> bool,
    ) -> bool {
        let Some(((literal, param), rest)) = parts.split_first() else {
            return text == tail;
        };
        let Some(text) = text.strip_prefix(literal) else {
            return false;
        };
        let end = text.find(':').unwrap_or(text.len());
        (1..=end)
            .rev()
            .any(|i| {
                text.is_char_boundary(i) && fits(*param, &text[..i])
                    && is_address(rest, tail, &text[i..], fits)
            })
    }
}
