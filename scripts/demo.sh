#!/usr/bin/env bash
# The main job on the bundled contracts: check every contract, validate every
# valid seed example message against its contract, generate Rust, TypeScript
# and Go, and (in a git checkout) diff the contracts with the last commit.
#
# Needs only a Rust toolchain. The first release build takes a few minutes:
# cargo's progress is shown. Honours CARGO_TARGET_DIR (and any target-dir
# cargo is configured with): the binaries are looked up where cargo put them.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== build eventc (release)"
cargo build --release --locked -p eventc-cli --bin eventc --example vector-messages
target_dir=$(cargo metadata --format-version 1 --no-deps --locked |
  sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
bin="$target_dir/release/eventc"
messages="$target_dir/release/examples/vector-messages"

echo "== check contracts/"
"$bin" check contracts/
for dir in tests/vectors/*/; do
  name=$(basename "$dir")
  echo "== validate $name"
  "$messages" "$dir/valid.jsonl" | "$bin" validate --contract "contracts/$name.yaml" -
done
echo "== generate rust, ts, go into generated/"
"$bin" generate
if git rev-parse --verify --quiet HEAD >/dev/null 2>&1; then
  echo "== diff contracts/ with HEAD (breaking changes since the last commit)"
  "$bin" diff --base HEAD
fi
