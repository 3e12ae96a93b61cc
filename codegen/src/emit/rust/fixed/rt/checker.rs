mod rt {
    /// Walks a decoded value, collecting the problems of its value rules
    /// with the JSON Pointer of each.
    #[derive(Default)]
    pub(super) struct Checker {
        /// The JSON Pointer of the value being checked.
        path: String,
        /// The length of `path` before each value entered.
        marks: Vec<usize>,
        problems: Vec<super::Problem>,
    }
    impl Checker {
        /// `Ok` when no problem was recorded.
        pub(super) fn finish(self) -> Result<(), super::Invalid> {
            if self.problems.is_empty() {
                Ok(())
            } else {
                Err(super::Invalid {
                    problems: self.problems,
                })
            }
        }
    }
}
