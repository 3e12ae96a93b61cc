//! Where the command line's output goes: diagnostics to standard error
//! (JSON to standard output), results to standard output, in colour only
//! when asked for.

use eventc::diag::{self, Format, Renderer};
use eventc::source::SourceMap;
use std::io::Write;

/// Whether to colour what goes to each stream.
#[derive(Debug, Clone, Copy)]
pub struct Colors {
    /// Diagnostics on standard error.
    pub stderr: bool,
    /// Results on standard output.
    pub stdout: bool,
}

impl Colors {
    /// Colour on both streams if `always`, on neither if `never`; otherwise
    /// on each stream that is a terminal, unless `NO_COLOR` is set.
    pub fn choose(always: bool, never: bool) -> Colors {
        use std::io::IsTerminal;
        let auto = !never && std::env::var_os("NO_COLOR").is_none();
        Colors {
            stderr: always || (auto && std::io::stderr().is_terminal()),
            stdout: always || (auto && std::io::stdout().is_terminal()),
        }
    }
}

/// A stream that keeps ANSI colour codes only when `color` is set.
fn colored<W: anstream::stream::RawStream>(stream: W, color: bool) -> anstream::AutoStream<W> {
    let choice = if color {
        anstream::ColorChoice::Always
    } else {
        anstream::ColorChoice::Never
    };
    anstream::AutoStream::new(stream, choice)
}

/// Prints diagnostics: human and GitHub formats to stderr, JSON to stdout.
pub fn report(diags: &[diag::Diagnostic], sources: &SourceMap, format: Format, color: bool) {
    let text = match format {
        Format::Human if color => diag::render_human(diags, sources, Renderer::styled()),
        _ => diag::render(diags, sources, format),
    };
    if format == Format::Json {
        let _ = std::io::stdout().write_all(text.as_bytes());
    } else if !text.is_empty() {
        let _ = colored(std::io::stderr(), color).write_all(text.as_bytes());
    }
}

/// Writes a command's result to standard output.
pub fn stdout(text: &str, color: bool) -> std::io::Result<()> {
    let mut out = colored(std::io::stdout().lock(), color);
    out.write_all(text.as_bytes())?;
    out.flush()
}
