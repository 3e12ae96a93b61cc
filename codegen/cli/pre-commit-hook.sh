#!/usr/bin/env bash
# The entry of the hooks in .pre-commit-hooks.yaml: runs `eventc ARGS…` in
# the repository being committed to, built from the eventc checkout this
# script lives in (the pre-commit framework clones it into its cache).
#
# The framework's `language: rust` runs `cargo install --path .` at the root
# of the hook repository, which is a virtual workspace manifest here (cargo
# refuses it), so the hooks are `language: script` and build with cargo
# themselves: the first run compiles eventc in release mode (a few minutes),
# later runs reuse the build. Only a Rust toolchain is needed.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
exec cargo run --quiet --release --locked --manifest-path "$root/Cargo.toml" \
  -p eventc-cli --bin eventc -- "$@"
