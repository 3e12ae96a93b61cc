//! The `eventc` command line: check, validate, generate, diff.
//!
//! A thin layer over the `eventc` library: argument parsing, the allocator,
//! colour on terminals and exit codes live here, so that the library builds
//! none of them. Exit codes, the same for every command: 0 clean, 1 problems
//! found (invalid messages, stale generated files, breaking changes), 2 usage,
//! I/O, git or contract errors.
//!
//! The binaries are one line each: `eventc` (src/main.rs) and, for the
//! pre-commit framework, `eventc-hook` (the repository root's package), both
//! calling [`run`].

mod diff;
mod output;

use clap::{Parser, Subcommand, ValueEnum};
use eventc::diag::Format;
use eventc::emit;
use eventc::validate::Validator;
use eventc::Error;
use output::report;
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
    /// Compare contracts with an earlier version and refuse breaking changes
    /// (exit 1 when a breaking change is not acknowledged in the changelog).
    ///
    /// `eventc diff OLD.yaml NEW.yaml` compares two files; `eventc diff --base
    /// REF [PATHS…]` compares every contract under PATHS (default
    /// `contracts/`) with its version at the git revision REF. Contracts are
    /// matched by `name:`.
    Diff {
        /// OLD and NEW contract; with `--base`, contract files or directories.
        paths: Vec<PathBuf>,
        /// Git revision (branch, tag, commit) to compare the working tree with.
        #[arg(long, value_name = "REF")]
        base: Option<String>,
        /// Print a draft changelog entry for the changes instead of the findings.
        #[arg(long)]
        changelog: bool,
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

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    /// Annotated snippets for people.
    Human,
    /// One JSON document.
    Json,
    /// GitHub Actions workflow commands.
    Github,
    /// A pull-request comment (`diff` only).
    Markdown,
    /// SARIF 2.1.0 for code scanning (`diff` only).
    Sarif,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Runs the command line on the process's arguments and returns its exit code.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let colors = output::Colors::choose(
        matches!(cli.color, ColorChoice::Always),
        matches!(cli.color, ColorChoice::Never),
    );
    let color = colors.stderr;
    let result = match cli.command {
        Command::Diff {
            paths,
            base,
            changelog,
        } => {
            let request = diff::Request {
                paths,
                base,
                changelog,
            };
            diff::run(&request, diff_format(cli.format), colors)
        }
        Command::Check { paths } => {
            diag_format(cli.format).and_then(|format| check(paths, format, color))
        }
        Command::Generate {
            paths,
            lang,
            out,
            check,
        } => diag_format(cli.format)
            .and_then(|format| generate(paths, &lang, &out, check, format, color)),
        Command::Validate { contract, input } => {
            diag_format(cli.format).and_then(|format| validate(&contract, input, format, color))
        }
    };
    exit(result)
}

/// The diagnostic format of every command but `diff` (which alone has a
/// Markdown and a SARIF form).
fn diag_format(format: OutputFormat) -> Result<Format, String> {
    match format {
        OutputFormat::Human => Ok(Format::Human),
        OutputFormat::Json => Ok(Format::Json),
        OutputFormat::Github => Ok(Format::Github),
        OutputFormat::Markdown => Err(only_for_diff("markdown")),
        OutputFormat::Sarif => Err(only_for_diff("sarif")),
    }
}

fn only_for_diff(flag: &str) -> String {
    format!("`--format {flag}` is only for `eventc diff` (expected human, json or github)")
}

/// The output format of `eventc diff`.
fn diff_format(format: OutputFormat) -> diff::Format {
    match format {
        OutputFormat::Human => diff::Format::Human,
        OutputFormat::Json => diff::Format::Json,
        OutputFormat::Github => diff::Format::Github,
        OutputFormat::Markdown => diff::Format::Markdown,
        OutputFormat::Sarif => diff::Format::Sarif,
    }
}

/// The exit code of a command's result; an error is printed and exits 2.
fn exit(result: Result<ExitCode, String>) -> ExitCode {
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
            // Contract errors exit 2 from every command (generate and
            // validate refuse such a contract), as the README documents.
            (
                format!("{} error(s)", error.error_count()),
                ExitCode::from(2),
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
