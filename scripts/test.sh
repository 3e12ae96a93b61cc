#!/usr/bin/env bash
# Runs every test of the project. Used by `.ci/run` and by developers.
#
# Installs what the tests need (npm packages pinned by package-lock.json; the
# Go code uses the standard library only) and fails loudly when a required
# tool is missing: the cross-language tests never skip here, because this
# script exports CI=true to them.
set -euo pipefail
cd "$(dirname "$0")/.."

require() {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "error: '$1' is required to run the tests but was not found on PATH ($2)" >&2
    exit 1
  fi
}
require cargo "install Rust from https://rustup.rs"
require node "the TypeScript and JSON Schema tests run tsc and ajv on Node.js"
require npm "installs the pinned TypeScript, ajv and yaml packages"
require go "the Go conformance tests build, vet and run the generated Go"
require gofmt "the generated Go must be gofmt-clean as written"

# Tests that spawn go, node or tsc fail instead of skipping when CI is set.
export CI="${CI:-true}"

echo "== npm ci (typescript, ajv, yaml — pinned in package-lock.json)"
npm ci --no-audit --no-fund --loglevel=error

echo "== cargo fmt --check"
cargo fmt --all -- --check

echo "== cargo clippy -D warnings"
cargo clippy --workspace --all-targets --locked -- -D warnings

echo "== cargo test"
cargo test --workspace --all-targets --locked

echo "== eventc check contracts/"
cargo run --quiet --locked -p eventc-cli -- check contracts/

echo "== eventc generate --check (committed generated/ is up to date)"
cargo run --quiet --locked -p eventc-cli -- generate --check

echo "== fuzz smoke: every cargo-fuzz and Go fuzz target for 3 s (./scripts/fuzz.sh 600 for a long run)"
./scripts/fuzz.sh 3

echo "all tests passed"
