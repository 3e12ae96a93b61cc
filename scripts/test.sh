#!/usr/bin/env bash
# Runs every test of the project. Used by `.ci/run` and by developers.
# Installs what the tests need (npm packages from package-lock.json, Go modules
# from go.sum); fails loudly when a required tool is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

require() {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "error: '$1' is required to run the tests but was not found on PATH" >&2
    exit 1
  fi
}
require cargo

echo "== cargo fmt --check"
cargo fmt --all -- --check

echo "== cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

echo "== cargo test"
cargo test --workspace --all-targets --locked

echo "== eventc check contracts/"
cargo run --quiet --locked -p eventc -- check contracts/
