#!/usr/bin/env bash
# Runs every fuzz target for a while:
# - the cargo-fuzz targets in fuzz/ (contract_bytes, contract_structured,
#   validate, decode, differential: nothing panics or hangs, the generated
#   Rust decoders round-trip, and the validator agrees with them), then the
#   differential corpus replayed through the generated Go and TypeScript decoders;
# - the Go fuzzers of the generated Go decoders
#   (tests/go/codec/fuzz_test.go: decode any bytes without panicking; what a
#   decoder accepts re-encodes to stable bytes).
#
#   ./scripts/fuzz.sh            # 60 s per target
#   ./scripts/fuzz.sh 600        # 10 minutes per target
#   ./scripts/fuzz.sh 30 decode FuzzWse   # only the named targets
#
# The test command runs it for 3 s per target as a smoke test. It installs
# what it needs: the nightly toolchain (through rustup) and cargo-fuzz
# $CARGO_FUZZ_VERSION into target/tools, and fails loudly when it cannot.
# The corpora live in fuzz/corpus/<target> (seeded from contracts/,
# tests/golden/contracts/ and tests/vectors/ by
# codegen/testkit/examples/fuzz_seeds.rs; not committed). A crashing input
# is written to fuzz/artifacts/<target>/ by libFuzzer and under
# tests/go/codec/testdata/fuzz/ by Go.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
seconds="${1:-60}"
shift || true
selected=("$@")

CARGO_FUZZ_VERSION=0.13.2
target_dir="${CARGO_TARGET_DIR:-$root/target}"
tools="$target_dir/tools"

fail() {
  echo "error: $*" >&2
  exit 1
}

wanted() {
  [ ${#selected[@]} -eq 0 ] && return 0
  local t
  for t in "${selected[@]}"; do
    [ "$t" = "$1" ] && return 0
  done
  return 1
}

# cargo-fuzz needs a nightly compiler (libFuzzer's coverage instrumentation).
ensure_nightly() {
  if cargo +nightly --version >/dev/null 2>&1; then
    return
  fi
  command -v rustup >/dev/null 2>&1 ||
    fail "the cargo-fuzz targets need a nightly toolchain and rustup is not on PATH to install it (https://rustup.rs)"
  echo "== rustup toolchain install nightly (for cargo-fuzz)"
  rustup toolchain install nightly --profile minimal ||
    fail "cannot install the nightly toolchain"
}

# cargo-fuzz, pinned, installed once into target/tools.
ensure_cargo_fuzz() {
  if "$tools/bin/cargo-fuzz" --version 2>/dev/null | grep -qx "cargo-fuzz $CARGO_FUZZ_VERSION"; then
    return
  fi
  echo "== cargo install cargo-fuzz $CARGO_FUZZ_VERSION (into $tools)"
  cargo install cargo-fuzz --locked --version "$CARGO_FUZZ_VERSION" --root "$tools" ||
    fail "cannot install cargo-fuzz $CARGO_FUZZ_VERSION"
}

cargo_targets=(contract_bytes contract_structured validate decode differential)
go_targets=$(grep -ho '^func Fuzz[A-Za-z]*' tests/go/codec/fuzz_test.go | sed 's/^func //')

run_cargo=false
for t in "${cargo_targets[@]}"; do wanted "$t" && run_cargo=true; done
if $run_cargo; then
  ensure_nightly
  ensure_cargo_fuzz
  export PATH="$tools/bin:$PATH"
  echo "== fuzz seeds (contracts, goldens, vectors)"
  cargo run --quiet --locked -p eventc-testkit --example fuzz_seeds -- fuzz/corpus
  # Without sanitizers: the code under test forbids `unsafe`; panics,
  # overflow checks (debug assertions are on) and timeouts are what count.
  echo "== cargo fuzz build"
  cargo +nightly fuzz build --sanitizer none
  for target in "${cargo_targets[@]}"; do
    wanted "$target" || continue
    echo "== fuzz $target (${seconds}s)"
    cargo +nightly fuzz run --sanitizer none "$target" "fuzz/corpus/$target" -- \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
  done
  if wanted differential; then
    echo "== differential corpus through the validator, Rust, Go and TypeScript"
    EVENTC_DIFFERENTIAL_CORPUS="$root/fuzz/corpus/differential" \
      cargo test --quiet --locked -p eventc-testkit --test differential
  fi
fi

cd tests/go
for target in $go_targets; do
  wanted "$target" || continue
  echo "== fuzz $target (${seconds}s)"
  go test -run '^$' -fuzz "^${target}\$" -fuzztime "${seconds}s" -parallel 1 ./codec
done
