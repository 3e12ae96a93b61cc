#!/usr/bin/env bash
# Runs every fuzz target for a while: the Go fuzzers of the generated
# decoders (tests/go/codec/fuzz_test.go: decode any bytes without panicking;
# what a decoder accepts re-encodes to stable bytes).
#
#   ./scripts/fuzz.sh            # 60 s per target
#   ./scripts/fuzz.sh 600        # 10 minutes per target
#
# The test command runs it for a few seconds per target as a smoke test.
# A failing input is written under tests/go/codec/testdata/fuzz/ by Go.
set -euo pipefail
cd "$(dirname "$0")/../tests/go"
seconds="${1:-60}"
targets=$(grep -ho '^func Fuzz[A-Za-z]*' codec/fuzz_test.go | sed 's/^func //')
for target in $targets; do
  echo "== fuzz $target (${seconds}s)"
  go test -run '^$' -fuzz "^${target}\$" -fuzztime "${seconds}s" -parallel 1 ./codec
done
