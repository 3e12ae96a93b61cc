//! The `eventc` command line: check, validate, generate.
//!
//! A thin layer over the `eventc` library: argument parsing, the allocator,
//! colour on terminals and exit codes live here, so that the library builds
//! none of them. Exit codes: 0 clean, 1 problems found, 2 usage, I/O or
//! contract errors.

use clap::{Parser, Subcommand, ValueEnum};
use eventc::diag::{self, Format, Renderer};
use eventc::emit;
use eventc::source::SourceMap;
use eventc::validate::Validator;
use eventc::Error;
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// mimalloc (v2 defaults) instead of the system allocator: code generation
/// allocates and frees millions of small token and syntax-tree nodes, and
/// glibc's malloc spent about a third of `eventc generate`'s CPU time on
/// them (figures in docs/benchmarks.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// WebSocket event contracts as a single source of truth.
#[derive(Parser)]
#[command(name = "eventc", version, about)]
struct Cli {
    /// Output format for diagnostics and results.
    #[arg(long, global = true, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// When to colour human output (NO_COLOR is honoured).
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Load and check contracts (default: every contract in `contracts/`).
    Check {
        /// Contract files or directories.
        paths: Vec<PathBuf>,
    },
    /// Generate Rust, TypeScript and Go from contracts (default: every contract in `contracts/`).
    Generate {
        /// Contract files or directories.
        paths: Vec<PathBuf>,
        /// Languages, comma-separated (`rust`, `ts`, `go`; default: all of them).
        #[arg(long, value_delimiter = ',')]
        lang: Vec<String>,
        /// Output root (one directory per language below it).
        #[arg(long, default_value = "generated")]
        out: PathBuf,
        /// Write nothing; list stale or missing files and exit 1 if any.
        #[arg(long)]
        check: bool,
    },
    /// Validate newline-delimited JSON messages against a contract.
    Validate {
        /// The contract to validate against.
        #[arg(long)]
        contract: PathBuf,
        /// Input file of JSON lines; `-` or nothing reads standard input.
        input: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    Human,
    Json,
    Github,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let format = match cli.format {
        OutputFormat::Human => Format::Human,
        OutputFormat::Json => Format::Json,
        OutputFormat::Github => Format::Github,
    };
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none()
                && std::io::IsTerminal::is_terminal(&std::io::stderr())
        }
    };
    let result = match cli.command {
        Command::Check { paths } => check(paths, format, color),
        Command::Generate {
            paths,
            lang,
            out,
            check,
        } => generate(paths, &lang, &out, check, format, color),
        Command::Validate { contract, input } => validate(&contract, input, format, color),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            let _ = writeln!(std::io::stderr(), "eventc: {message}");
            ExitCode::from(2)
        }
    }
}

fn default_paths(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from("contracts")]
    } else {
        paths
    }
}

/// Prints diagnostics: human and GitHub formats to stderr, JSON to stdout.
fn report(diags: &[diag::Diagnostic], sources: &SourceMap, format: Format, color: bool) {
    let text = match format {
        Format::Human if color => diag::render_human(diags, sources, Renderer::styled()),
        _ => diag::render(diags, sources, format),
    };
    if format == Format::Json {
        let _ = std::io::stdout().write_all(text.as_bytes());
    } else if !text.is_empty() {
        let _ = anstream::AutoStream::new(
            std::io::stderr(),
            if color {
                anstream::ColorChoice::Always
            } else {
                anstream::ColorChoice::Never
            },
        )
        .write_all(text.as_bytes());
    }
}

fn check(paths: Vec<PathBuf>, format: Format, color: bool) -> Result<ExitCode, String> {
    let (summary, code) = match eventc::load_and_check(&default_paths(paths)) {
        Ok(checked) => {
            report(&checked.warnings, &checked.sources, format, color);
            let count = checked.contracts.len();
            let summary = format!("checked {count} contract(s): no problems");
            (summary, ExitCode::SUCCESS)
        }
        Err(error) => {
            let Error::Contracts {
                diagnostics,
                sources,
            } = &error
            else {
                return Err(error.to_string());
            };
            report(diagnostics, sources, format, color);
            (
                format!("{} error(s)", error.error_count()),
                ExitCode::from(1),
            )
        }
    };
    if format == Format::Human {
        let _ = writeln!(std::io::stderr(), "{summary}");
    }
    Ok(code)
}

/// Loads and checks `paths`; on contract errors, prints the diagnostics in
/// `format` and fails with `refusal`.
fn checked_or_report(
    paths: &[PathBuf],
    format: Format,
    color: bool,
    refusal: impl FnOnce() -> String,
) -> Result<eventc::Checked, String> {
    match eventc::load_and_check(paths) {
        Ok(checked) => Ok(checked),
        Err(Error::Contracts {
            diagnostics,
            sources,
        }) => {
            report(&diagnostics, &sources, format, color);
            Err(refusal())
        }
        Err(error) => Err(error.to_string()),
    }
}

/// The targets `--lang` names, in output order (all of them when it names none).
fn targets(langs: &[String]) -> Result<Vec<&'static dyn emit::Target>, String> {
    if let Some(unknown) = langs.iter().find(|l| emit::target(l.trim()).is_none()) {
        let known: Vec<&str> = emit::TARGETS.iter().map(|t| t.flags()[0]).collect();
        return Err(format!(
            "unknown language `{unknown}` (expected one of: {})",
            known.join(", ")
        ));
    }
    Ok(emit::TARGETS
        .iter()
        .copied()
        .filter(|t| langs.is_empty() || langs.iter().any(|l| t.flags().contains(&l.trim())))
        .collect())
}

fn generate(
    paths: Vec<PathBuf>,
    langs: &[String],
    out: &std::path::Path,
    check: bool,
    format: Format,
    color: bool,
) -> Result<ExitCode, String> {
    let targets = targets(langs)?;
    let checked = checked_or_report(&default_paths(paths), format, color, || {
        "not generating: the contracts have errors".to_owned()
    })?;
    report(&checked.warnings, &checked.sources, format, color);
    let result =
        emit::generate_into(out, &checked.contracts, &targets, check).map_err(|e| e.to_string())?;
    let mut err = std::io::stderr();
    let verb = if check {
        ("stale", "missing")
    } else {
        ("updated", "created")
    };
    for p in &result.changed {
        let _ = writeln!(err, "{}: {}", verb.0, p.display());
    }
    for p in &result.created {
        let _ = writeln!(err, "{}: {}", verb.1, p.display());
    }
    for p in &result.orphans {
        let _ = writeln!(
            err,
            "orphan: {} (generated by eventc, but not from these contracts; delete it if its contract is gone)",
            p.display()
        );
    }
    let _ = writeln!(
        err,
        "{} file(s) up to date, {} changed, {} new",
        result.unchanged,
        result.changed.len(),
        result.created.len()
    );
    if !result.orphans.is_empty() {
        let _ = writeln!(err, "{} orphan file(s)", result.orphans.len());
    }
    if check && !result.is_clean() {
        let _ = writeln!(err, "generated code is out of date: run `eventc generate`");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn validate(
    contract: &PathBuf,
    input: Option<PathBuf>,
    format: Format,
    color: bool,
) -> Result<ExitCode, String> {
    let refusal = || format!("cannot validate: {} has errors", contract.display());
    // The contract's diagnostics are for people whatever `--format` says:
    // the output format describes the messages validated.
    let checked = checked_or_report(
        std::slice::from_ref(contract),
        Format::Human,
        color,
        refusal,
    )?;
    let Some(contract) = checked.contracts.first() else {
        return Err(refusal());
    };
    let validator = Validator::new(contract);
    let reader: Box<dyn BufRead> = match input.as_deref() {
        None => Box::new(std::io::stdin().lock()),
        Some(p) if p.as_os_str() == "-" => Box::new(std::io::stdin().lock()),
        Some(p) => Box::new(std::io::BufReader::new(
            std::fs::File::open(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?,
        )),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let (mut valid, mut invalid) = (0usize, 0usize);
    for (i, line) in reader.split(b'\n').enumerate() {
        let line = line.map_err(|e| format!("cannot read input: {e}"))?;
        let line = line.strip_suffix(b"\r").unwrap_or(&line);
        if line.trim_ascii().is_empty() {
            continue;
        }
        let verdict = validator.validate_bytes(line);
        if verdict.is_valid() {
            valid += 1;
        } else {
            invalid += 1;
        }
        let written = match format {
            Format::Json => {
                let row = serde_json::json!({"line": i + 1, "valid": verdict.is_valid(), "event": verdict.event, "errors": verdict.errors});
                writeln!(out, "{row}")
            }
            Format::Github => verdict.errors.iter().try_for_each(|e| {
                writeln!(
                    out,
                    "::error title=invalid message::line {}: {}: {}",
                    i + 1,
                    if e.path.is_empty() { "/" } else { &e.path },
                    e.message
                )
            }),
            Format::Human => {
                let event = verdict.event.as_deref().unwrap_or("?");
                if verdict.is_valid() {
                    writeln!(out, "line {}: valid ({event})", i + 1)
                } else {
                    writeln!(out, "line {}: invalid ({event})", i + 1).and_then(|()| {
                        verdict.errors.iter().try_for_each(|e| {
                            writeln!(
                                out,
                                "  {}: {}",
                                if e.path.is_empty() { "/" } else { &e.path },
                                e.message
                            )
                        })
                    })
                }
            }
        };
        written.map_err(|e| format!("cannot write output: {e}"))?;
    }
    if format == Format::Human {
        writeln!(out, "{valid} valid, {invalid} invalid").map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())?;
    Ok(if invalid > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
