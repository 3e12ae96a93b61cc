mod rt {
    impl Checker {
        /// A unix time in seconds (`scale` 1) or milliseconds (1000) within
        /// the years 1 to 9999.
        pub(super) fn unix(&mut self, n: i64, scale: i64) {
            let (lo, hi) = (-62_135_596_800i64, 253_402_300_799i64);
            if n < lo * scale || n > hi * scale {
                let unit = if scale == 1 { "seconds" } else { "milliseconds" };
                self.problem(
                    "timestamp-out-of-range",
                    ::std::format!(
                        "{} is not a plausible unix time in {} (years 1 to 9999)", n,
                        unit
                    ),
                );
            }
        }
    }
}
