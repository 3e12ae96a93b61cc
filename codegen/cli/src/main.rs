//! The `eventc` binary: the command line of the `eventc-cli` crate.

fn main() -> std::process::ExitCode {
    eventc_cli::run()
}
