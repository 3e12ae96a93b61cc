mod rt {
    impl Checker {
        /// An array's length bounds.
        pub(super) fn items(&mut self, len: usize, min: Option<u64>, max: Option<u64>) {
            let len = len as u64;
            if min.is_some_and(|m| len < m) || max.is_some_and(|m| len > m) {
                self.problem(
                    "array-length",
                    ::std::format!(
                        "array has {} items, outside {}..={}", len, bound(min),
                        bound(max)
                    ),
                );
            }
        }
    }
}
