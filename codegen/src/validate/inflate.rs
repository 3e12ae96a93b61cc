//! Compressed payloads: a base64 string of zlib data, inflated with a limit
//! on the output size.

use super::ProblemCode;
use base64::Engine as _;

/// Largest decompressed payload accepted, in bytes (guards against zlib bombs).
pub const MAX_DECOMPRESSED_BYTES: u64 = 16 * 1024 * 1024;

/// Why a compressed payload cannot be inflated: the problem's code and message.
pub(super) type InflateError = (ProblemCode, String);

/// Decodes a base64 string of zlib data, refusing output over [`MAX_DECOMPRESSED_BYTES`].
pub(super) fn inflate(text: &str) -> Result<Vec<u8>, InflateError> {
    with_inflated(text, <[u8]>::to_vec)
}

thread_local! {
    /// Inflater state and buffers reused across messages: allocating and
    /// zeroing them per message cost more than inflating a small payload.
    static INFLATER: std::cell::RefCell<Inflater> = std::cell::RefCell::default();
}

/// Reusable zlib inflater with its input and output buffers.
#[derive(Default)]
struct Inflater {
    state: Box<miniz_oxide::inflate::core::DecompressorOxide>,
    compressed: Vec<u8>,
    out: Vec<u8>,
}

/// Decodes a base64 string of zlib data and hands the inflated bytes to `f`.
pub(super) fn with_inflated<R>(text: &str, f: impl FnOnce(&[u8]) -> R) -> Result<R, InflateError> {
    use miniz_oxide::inflate::core::{decompress, inflate_flags as flags};
    use miniz_oxide::inflate::TINFLStatus;
    INFLATER.with_borrow_mut(|z| {
        z.compressed.clear();
        base64::engine::general_purpose::STANDARD
            .decode_vec(text, &mut z.compressed)
            .map_err(|e| (ProblemCode::CompressedNotBase64, base64_reason(&e)))?;
        let limit = usize::try_from(MAX_DECOMPRESSED_BYTES).unwrap_or(usize::MAX);
        let wanted = z.compressed.len().saturating_mul(4).clamp(1024, limit);
        if z.out.len() < wanted {
            z.out.resize(wanted, 0);
        }
        z.state.init();
        let mode =
            flags::TINFL_FLAG_PARSE_ZLIB_HEADER | flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
        let (mut input, mut written) = (&z.compressed[..], 0);
        loop {
            let (status, read, wrote) = decompress(&mut z.state, input, &mut z.out, written, mode);
            written += wrote;
            input = input.get(read..).unwrap_or_default();
            match status {
                TINFLStatus::Done => return Ok(f(&z.out[..written])),
                TINFLStatus::HasMoreOutput if z.out.len() < limit => {
                    let grown = z.out.len().saturating_mul(2).min(limit);
                    z.out.resize(grown, 0);
                }
                TINFLStatus::HasMoreOutput => {
                    return Err((
                        ProblemCode::CompressedTooLarge,
                        format!(
                            "compressed payload inflates beyond {MAX_DECOMPRESSED_BYTES} bytes"
                        ),
                    ))
                }
                other => return Err((ProblemCode::CompressedNotZlib, zlib_reason(other))),
            }
        }
    })
}

/// Why a text is not standard base64 with padding, in the message's own words.
fn base64_reason(e: &base64::DecodeError) -> String {
    use base64::DecodeError as E;
    let why = match e {
        E::InvalidByte(offset, byte) => format!(
            "character {:?} at offset {offset} is not a base64 character",
            char::from(*byte)
        ),
        E::InvalidLength(_) => "its length is not a multiple of 4".to_owned(),
        E::InvalidLastSymbol { offset, .. } => {
            format!("the last character (offset {offset}) has bits that do not belong there")
        }
        E::InvalidPadding => "its `=` padding is wrong".to_owned(),
    };
    format!("compressed payload is not valid base64: {why}")
}

/// Why zlib data did not inflate, in the message's own words.
fn zlib_reason(status: miniz_oxide::inflate::TINFLStatus) -> String {
    use miniz_oxide::inflate::TINFLStatus as S;
    let why = match status {
        S::FailedCannotMakeProgress | S::NeedsMoreInput => "the data ends early",
        S::Adler32Mismatch => "its checksum does not match",
        _ => "it is not a zlib stream",
    };
    format!("compressed payload is not valid zlib data: {why}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Broken payloads are explained in the validator's words, not a library's.
    #[test]
    fn broken_payloads_are_explained_in_plain_words() {
        let (code, message) = inflate("!!!!").expect_err("not base64");
        assert_eq!(code, ProblemCode::CompressedNotBase64);
        assert_eq!(
            message,
            "compressed payload is not valid base64: character '!' at offset 0 is not a base64 character"
        );
        let (code, message) = inflate("eJw=").expect_err("a zlib header and nothing more");
        assert_eq!(code, ProblemCode::CompressedNotZlib);
        assert_eq!(
            message,
            "compressed payload is not valid zlib data: the data ends early"
        );
        let (_, message) = inflate("YWJj").expect_err("not zlib");
        assert_eq!(
            message,
            "compressed payload is not valid zlib data: it is not a zlib stream"
        );
    }
}
