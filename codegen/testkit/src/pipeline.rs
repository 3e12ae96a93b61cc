//! The front end and the emitters on one contract text, in memory: what the
//! contract fuzz targets and the compile-invariant test run.

use eventc::diag::{self, Diagnostic, Diagnostics, Format};
use eventc::emit::{self, GeneratedFile};
use eventc::model::Contract;
use eventc::source::SourceMap;

/// How far a contract text got.
pub enum Outcome {
    /// Loading failed (the diagnostics say why).
    NotLoaded(Vec<Diagnostic>),
    /// Loaded, but `check` found errors.
    Refused(Vec<Diagnostic>),
    /// Checked and generated in every target language.
    Generated {
        /// The checked contract.
        contract: Box<Contract>,
        /// Every generated file, as [`emit::generate`] returns them.
        files: Vec<GeneratedFile>,
    },
}

/// Loads, checks and (when accepted) generates `text` in every target,
/// writing nothing; every diagnostic is also rendered in the three formats,
/// since drawing them reads the source text around each span.
pub fn run(text: &str) -> Outcome {
    let mut sources = SourceMap::default();
    let mut loaded = eventc::load::load_str("fuzz.yaml", text, &mut sources);
    render_all(&loaded.diagnostics, &sources);
    if loaded.has_errors() || loaded.contracts.is_empty() {
        return Outcome::NotLoaded(loaded.diagnostics);
    }
    let contract = loaded.contracts.remove(0);
    let mut d = Diagnostics::default();
    eventc::check::check(&contract, &mut d);
    let diagnostics = d.into_sorted();
    render_all(&diagnostics, &sources);
    if diagnostics
        .iter()
        .any(|d| d.severity == diag::Severity::Error)
    {
        return Outcome::Refused(diagnostics);
    }
    let files = emit::generate(std::slice::from_ref(&contract), emit::TARGETS);
    Outcome::Generated {
        contract: Box::new(contract),
        files,
    }
}

fn render_all(diagnostics: &[Diagnostic], sources: &SourceMap) {
    for format in [Format::Human, Format::Json, Format::Github] {
        drop(diag::render(diagnostics, sources, format));
    }
}
