//! `eventc-hook`: the `eventc` command line under the name the pre-commit
//! hooks of `.pre-commit-hooks.yaml` call. The framework's `language: rust`
//! installs a hook repository with `cargo install --path .` at its root,
//! which builds this binary of the root package; a second binary named
//! `eventc` in one workspace would collide with the CLI crate's.

fn main() -> std::process::ExitCode {
    eventc_cli::run()
}
