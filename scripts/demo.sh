#!/usr/bin/env bash
# The main job on the bundled contracts: check every contract, then validate
# every valid seed example message against its contract.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --release --locked -p eventc-cli
bin=target/release/eventc
"$bin" check contracts/
for dir in tests/vectors/*/; do
  name=$(basename "$dir")
  echo "== validate $name"
  python3 -c 'import json,sys
for line in open(sys.argv[1]):
    case = json.loads(line)
    print(case["raw"] if "raw" in case else json.dumps(case["message"]))' "$dir/valid.jsonl" \
    | "$bin" validate --contract "contracts/$name.yaml" -
done
echo "== generate rust, ts, go into generated/"
"$bin" generate
