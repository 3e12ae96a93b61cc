mod rt {
    impl Checker {
        /// Records a problem at the current path.
        pub(super) fn problem(&mut self, code: &'static str, message: String) {
            let path = self.path.clone();
            self.problems
                .push(super::Problem {
                    code,
                    path,
                    message,
                });
        }
    }
}
