mod rt {
    /// Largest decompressed payload accepted, in bytes (guards against zlib bombs).
    const MAX_INFLATED: u64 = 16 * 1024 * 1024;
    /// Decodes standard base64, then inflates zlib data.
    pub(super) fn inflate(text: &str) -> Result<Vec<u8>, String> {
        use ::base64::Engine as _;
        use ::std::io::Read as _;
        let bytes = ::base64::engine::general_purpose::STANDARD
            .decode(text)
            .map_err(|e| ::std::format!("compressed payload is not valid base64: {e}"))?;
        let mut out = Vec::new();
        ::flate2::read::ZlibDecoder::new(bytes.as_slice())
            .take(MAX_INFLATED + 1)
            .read_to_end(&mut out)
            .map_err(|e| {
                ::std::format!("compressed payload is not valid zlib data: {e}")
            })?;
        if out.len() as u64 > MAX_INFLATED {
            return Err(
                ::std::format!("compressed payload inflates beyond {MAX_INFLATED} bytes"),
            );
        }
        Ok(out)
    }
}
