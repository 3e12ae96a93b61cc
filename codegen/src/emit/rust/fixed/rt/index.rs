mod rt {
    impl Checker {
        /// Enters the item at `index` (leave it with `pop`).
        pub(super) fn index(&mut self, index: usize) {
            self.marks.push(self.path.len());
            self.path.push('/');
            self.path.push_str(&index.to_string());
        }
    }
}
