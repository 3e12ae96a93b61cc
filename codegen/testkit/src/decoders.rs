//! The generated Rust decoder of every contract that has one in the
//! workspace (`generated/rust` for `contracts/`, `tests/golden/rust` for
//! `tests/golden/contracts/`), with their models and validators.

use eventc::validate::Validator;
use std::path::PathBuf;
use std::sync::OnceLock;

/// Decodes JSON text into a contract's message, or fails.
pub type DecodeFn = fn(&str) -> Result<(), String>;

/// Why a generated `decode_strict` refused a message.
#[derive(Debug)]
pub enum Refusal {
    /// The types refuse it, or it names an event the contract denies: the
    /// decoder's message.
    Types(String),
    /// The value rules refuse it: each problem's code and JSON Pointer, as
    /// the decoder reports them.
    Invalid(Vec<(String, String)>),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Types(e) => f.write_str(e),
            Refusal::Invalid(problems) => {
                for (i, (code, path)) in problems.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{code} at {path:?}")?;
                }
                Ok(())
            }
        }
    }
}

/// One contract and its generated Rust module.
pub struct Decoder {
    /// The contract's file name without `.yaml` (as in `tests/vectors/`).
    pub name: &'static str,
    /// The contract file, relative to the repository root.
    pub path: &'static str,
    /// `decode` (tolerant of unknown events).
    pub decode: DecodeFn,
    /// `decode_strict` (refuses unknown events when the contract denies
    /// them, and messages that break value rules).
    pub decode_strict: fn(&str) -> Result<(), Refusal>,
    /// Decodes with `decode_strict` and checks that what it accepts encodes,
    /// decodes again and encodes to the same text: `Ok(true)` accepted and
    /// stable, `Ok(false)` refused, `Err` a broken round trip.
    pub round_trip: fn(&str) -> Result<bool, String>,
}

impl Decoder {
    /// The contract file's absolute path.
    pub fn file(&self) -> PathBuf {
        crate::root().join(self.path)
    }
}

/// Decodes, encodes, decodes and encodes again; equal encodings are equal values.
fn round_trip<M, E: std::fmt::Display>(
    decode: fn(&str) -> Result<M, E>,
    encode: fn(&M) -> Result<String, serde_json::Error>,
    text: &str,
) -> Result<bool, String> {
    let Ok(message) = decode(text) else {
        return Ok(false);
    };
    let out = encode(&message).map_err(|e| format!("accepted but cannot encode: {e}"))?;
    let back = decode(&out).map_err(|e| format!("cannot read its own output {out}: {e}"))?;
    let again = encode(&back).map_err(|e| format!("cannot encode again: {e}"))?;
    if again != out {
        return Err(format!("output not stable:\n{out}\n{again}"));
    }
    Ok(true)
}

macro_rules! decoders {
    ($($name:literal, $path:literal => $module:path;)*) => {
        /// Every contract with a generated Rust module, seeds first, then goldens.
        pub const ALL: &[Decoder] = &[$(
            Decoder {
                name: $name,
                path: $path,
                decode: {
                    use $module as m;
                    |text| m::decode(text).map(drop).map_err(|e| e.to_string())
                },
                decode_strict: {
                    use $module as m;
                    |text| m::decode_strict(text).map(drop).map_err(|e| match e {
                        m::DecodeError::Invalid(invalid) => Refusal::Invalid(
                            invalid
                                .problems
                                .into_iter()
                                .map(|p| (p.code.to_owned(), p.path))
                                .collect(),
                        ),
                        other => Refusal::Types(other.to_string()),
                    })
                },
                round_trip: {
                    use $module as m;
                    |text| round_trip(m::decode_strict, m::encode, text)
                },
            },
        )*];
    };
}

decoders! {
    "bagbot", "contracts/bagbot.yaml" => eventc_generated::bagbot;
    "operations", "contracts/operations.yaml" => eventc_generated::operations;
    "project-progress", "contracts/project-progress.yaml" => eventc_generated::project_progress;
    "trading", "contracts/trading.yaml" => eventc_generated::trading;
    "wse", "contracts/wse.yaml" => eventc_generated::wse;
    "hostile", "tests/golden/contracts/hostile.yaml" => eventc_golden_rust::hostile;
    "shapes", "tests/golden/contracts/shapes.yaml" => eventc_golden_rust::shapes;
}

/// The loaded model of every contract of [`ALL`], in the same order, loaded
/// once per process.
pub fn contracts() -> &'static [eventc::model::Contract] {
    static CONTRACTS: OnceLock<Vec<eventc::model::Contract>> = OnceLock::new();
    CONTRACTS.get_or_init(|| {
        let paths: Vec<PathBuf> = ALL.iter().map(Decoder::file).collect();
        match eventc::load_and_check(&paths) {
            Ok(checked) => checked.contracts,
            Err(e) => panic!("the contracts with generated decoders must load and check: {e}"),
        }
    })
}

/// A validator for every contract of [`contracts`], in the same order.
pub fn validators() -> &'static [Validator<'static>] {
    static VALIDATORS: OnceLock<Vec<Validator<'static>>> = OnceLock::new();
    VALIDATORS.get_or_init(|| contracts().iter().map(Validator::new).collect())
}
