mod rt {
    impl Checker {
        /// A string's length bounds, in characters.
        pub(super) fn string(&mut self, s: &str, min: Option<u64>, max: Option<u64>) {
            let len = s.chars().count() as u64;
            if min.is_some_and(|m| len < m) || max.is_some_and(|m| len > m) {
                self.problem(
                    "string-length",
                    ::std::format!(
                        "string length {} is outside {}..={}", len, bound(min),
                        bound(max)
                    ),
                );
            }
        }
    }
}
