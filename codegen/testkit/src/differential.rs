//! One differential case: a contract with a generated decoder, and a
//! message for it built by [`crate::message`], on which the validator and
//! the generated decoders must agree.

use crate::decoders::{self, type_visible, Decoder};
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

    /// The problems the validator finds that the generated decoders are
    /// meant to see; none means they must accept the message.
    pub fn visible_problems(&self) -> Vec<Problem> {
        let verdict = decoders::validators()[self.index].validate_str(&self.message);
        verdict.errors.into_iter().filter(type_visible).collect()
    }

    /// Whether the validator and the Rust `decode_strict` agree.
    pub fn compare_rust(&self) -> Result<(), String> {
        let problems = self.visible_problems();
        let decoded = (self.decoder().decode_strict)(&self.message);
        match (problems.is_empty(), decoded) {
            (true, Err(e)) => Err(format!(
                "{}: the validator accepts, Rust decode_strict refuses ({e}):\n{}",
                self.decoder().name,
                self.message
            )),
            (false, Ok(())) => Err(format!(
                "{}: the validator refuses ({}), Rust decode_strict accepts:\n{}",
                self.decoder().name,
                describe(&problems),
                self.message
            )),
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
