mod rt {
    impl Checker {
        /// Enters the value under `key`.
        pub(super) fn key(&mut self, key: &str) {
            if self.marks.is_empty() {
                self.marks.reserve(8);
                self.path.reserve(64);
            }
            self.marks.push(self.path.len());
            self.path.push('/');
            if !key.bytes().any(|b| b == b'~' || b == b'/') {
                self.path.push_str(key);
                return;
            }
            for c in key.chars() {
                match c {
                    '~' => self.path.push_str("~0"),
                    '/' => self.path.push_str("~1"),
                    c => self.path.push(c),
                }
            }
        }
        /// Leaves the value last entered.
        pub(super) fn pop(&mut self) {
            if let Some(len) = self.marks.pop() {
                self.path.truncate(len);
            }
        }
    }
}
