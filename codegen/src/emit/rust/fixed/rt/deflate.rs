mod rt {
    /// Compresses JSON text with zlib and encodes it as standard base64.
    pub(super) fn deflate(json: &str) -> Result<String, ::std::io::Error> {
        use ::base64::Engine as _;
        use ::std::io::Write as _;
        let mut encoder = ::flate2::write::ZlibEncoder::new(
            Vec::new(),
            ::flate2::Compression::default(),
        );
        encoder.write_all(json.as_bytes())?;
        let bytes = encoder.finish()?;
        Ok(::base64::engine::general_purpose::STANDARD.encode(bytes))
    }
}
