mod rt {
    impl Checker {
        /// An RFC 3339 date-time.
        pub(super) fn rfc3339(&mut self, s: &str) {
            if !is_rfc3339(s) {
                self.problem(
                    "timestamp-format",
                    ::std::format!(
                        "`{}` is not an RFC 3339 date-time (e.g. 2026-01-14T16:30:00Z)",
                        s
                    ),
                );
            }
        }
    }
}
