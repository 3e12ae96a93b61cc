mod rt {
    impl Checker {
        /// A number's inclusive bounds.
        pub(super) fn range<T: PartialOrd + ::core::fmt::Display + Copy>(
            &mut self,
            n: T,
            min: Option<T>,
            max: Option<T>,
        ) {
            if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
                self.problem(
                    "out-of-range",
                    ::std::format!(
                        "{} is outside the range {}..={}", n, bound(min), bound(max)
                    ),
                );
            }
        }
    }
}
