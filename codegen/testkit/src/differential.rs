//! One differential case: a contract with generated decoders, and a message
//! for it built by [`crate::message`], on which the validator and the
//! generated decoders must agree: the same verdict, and where a decoder
//! names its problems, the same problems.

use crate::decoders::{self, Decoder, Refusal};
use crate::message::Builder;
use arbitrary::Unstructured;
use eventc::validate::Problem;

/// A message for one contract.
pub struct Case {
    /// Index of the contract in [`decoders::ALL`].
    pub index: usize,
    /// The message text.
    pub message: String,
}

/// The case the fuzzer's bytes describe: the first byte picks the contract,
/// the rest steer the message.
pub fn case(data: &[u8]) -> Option<Case> {
    let (&first, rest) = data.split_first()?;
    let index = usize::from(first) % decoders::ALL.len();
    let contract = &decoders::contracts()[index];
    let mut u = Unstructured::new(rest);
    let message = Builder::new(contract).message(&mut u).ok()?;
    Some(Case { index, message })
}

impl Case {
    /// The contract's decoder.
    pub fn decoder(&self) -> &'static Decoder {
        &decoders::ALL[self.index]
    }

    /// Every problem the validator finds; none means every decoder must
    /// accept the message.
    pub fn problems(&self) -> Vec<Problem> {
        decoders::validators()[self.index]
            .validate_str(&self.message)
            .errors
    }

    /// The codes of the validator's problems, sorted: what a decoder that
    /// refuses on value rules alone must report (paths are not compared,
    /// since the validator names a field by the key written and the decoders
    /// by its canonical key).
    pub fn problem_codes(&self) -> Vec<String> {
        let mut codes: Vec<String> = self
            .problems()
            .iter()
            .map(|p| p.code.as_str().to_owned())
            .collect();
        codes.sort();
        codes
    }

    /// Whether the validator and the Rust `decode_strict` agree: both accept,
    /// or both refuse and, when Rust refuses on value rules, with the codes
    /// of the same problems.
    pub fn compare_rust(&self) -> Result<(), String> {
        let problems = self.problems();
        let name = self.decoder().name;
        let message = &self.message;
        match (problems.is_empty(), (self.decoder().decode_strict)(message)) {
            (true, Err(e)) => Err(format!(
                "{name}: the validator accepts, Rust decode_strict refuses ({e}):\n{message}"
            )),
            (false, Ok(())) => Err(format!(
                "{name}: the validator refuses ({}), Rust decode_strict accepts:\n{message}",
                describe(&problems)
            )),
            (false, Err(Refusal::Invalid(found))) => {
                let mut found: Vec<String> = found.into_iter().map(|(code, _)| code).collect();
                found.sort();
                let want = self.problem_codes();
                if found == want {
                    Ok(())
                } else {
                    Err(format!(
                        "{name}: Rust decode_strict finds {found:?}, the validator {want:?}:\n{message}"
                    ))
                }
            }
            _ => Ok(()),
        }
    }
}

/// `code at path` for each problem.
pub fn describe(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("{} at {:?}", p.code, p.path))
        .collect::<Vec<_>>()
        .join(", ")
}
