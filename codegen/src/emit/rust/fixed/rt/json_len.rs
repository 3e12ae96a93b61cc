mod rt {
    /// The length in bytes of `value` written as compact JSON, counted
    /// without keeping the text.
    pub(super) fn json_len<T: ::serde::Serialize>(
        value: &T,
    ) -> Result<usize, ::serde_json::Error> {
        /// A writer that only counts bytes.
        struct Count(usize);
        impl ::std::io::Write for Count {
            fn write(&mut self, buf: &[u8]) -> ::std::io::Result<usize> {
                self.0 += buf.len();
                Ok(buf.len())
            }
            fn flush(&mut self) -> ::std::io::Result<()> {
                Ok(())
            }
        }
        let mut count = Count(0);
        ::serde_json::to_writer(&mut count, value)?;
        Ok(count.0)
    }
}
