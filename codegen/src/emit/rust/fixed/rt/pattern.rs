mod rt {
    impl Checker {
        /// A string's pattern (`regex` compiled from `source`); `code` tells
        /// a string value (`pattern-mismatch`) from a map key
        /// (`key-pattern-mismatch`).
        pub(super) fn pattern(
            &mut self,
            s: &str,
            regex: &::regex_lite::Regex,
            source: &str,
            code: &'static str,
        ) {
            if !regex.is_match(s) {
                let what = if code == "pattern-mismatch" { "" } else { "key " };
                self.problem(
                    code,
                    ::std::format!(
                        "{}`{}` does not match the pattern `{}`", what, s, source
                    ),
                );
            }
        }
    }
}
