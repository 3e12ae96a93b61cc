#!/usr/bin/env bash
# Build time of the macro integration: examples/macro (include_contract! +
# #[derive(Event)]) against the same crate including the pre-generated module
# file with include! and implementing Event by hand. Each variant is copied to
# its own crate under $WORK (outside the workspace, own target directory);
# prints clean and incremental (touch src/main.rs) `cargo build` wall times.
#
#   benches/build_time.sh [WORK_DIR]      # default: target/build-time
#
# With DERIVES=N it also builds a crate of N derived structs and of the same
# N structs with hand-written impls: the difference is what the derive adds.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=${1:-$root/target/build-time}
rm -rf "$work" && mkdir -p "$work"

# The module the macro expands to, as eventc::build::Builder writes it.
cat > "$work/gen.rs" <<'RS'
fn main() {
    let out = std::env::args().nth(1).expect("output directory");
    eventc::build::Builder::new()
        .contract("examples/macro/contracts/bagbot.yaml")
        .out_dir(out)
        .emit_rerun_if_changed(false)
        .generate()
        .expect("generate");
}
RS
mkdir -p "$work/gen/src" && cp "$work/gen.rs" "$work/gen/src/main.rs"
cat > "$work/gen/Cargo.toml" <<TOML
[package]
name = "gen"
version = "0.0.0"
edition = "2021"
[dependencies]
eventc = { path = "$root/codegen" }
[workspace]
TOML
cargo run -q --manifest-path "$work/gen/Cargo.toml" -- "$work/module" >/dev/null

manifest() { # name, extra dependency line
  cat <<TOML
[package]
name = "$1"
version = "0.0.0"
edition = "2021"
[dependencies]
serde = { version = "1", features = ["derive"] }
serde_json = { version = "1", features = ["raw_value"] }
$2
[workspace]
TOML
}

# Variant A: the example as it is.
mkdir -p "$work/macro"
cp -r examples/macro/src examples/macro/contracts "$work/macro/"
manifest bench-macro "eventc-macros = { path = \"$root/macros\" }" > "$work/macro/Cargo.toml"

# Variant B: include! of the module file; Event implemented by hand.
mkdir -p "$work/include/src"
cp "$work/module/bagbot.rs" "$work/include/src/bagbot_module.rs"
manifest bench-include "" > "$work/include/Cargo.toml"
sed -e 's|^eventc_macros::include_contract!("contracts/bagbot.yaml");|include!("bagbot_module.rs");|' \
    -e 's|#\[derive(Debug, serde::Serialize, eventc_macros::Event)\]|#[derive(Debug, serde::Serialize)]|' \
    -e '/#\[event(contract/d' examples/macro/src/main.rs > "$work/include/src/main.rs"
cat >> "$work/include/src/main.rs" <<'RS'
impl bagbot::Event for Heartbeat<'_> {
    const NAME: &'static str = <bagbot::WorkerHeartbeatEvent as bagbot::Event>::NAME;
    const CHANNEL: Option<&'static str> = <bagbot::WorkerHeartbeatEvent as bagbot::Event>::CHANNEL;
    const DIRECTION: bagbot::Direction = <bagbot::WorkerHeartbeatEvent as bagbot::Event>::DIRECTION;
}
RS

seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N); echo "$end - $start" | bc; }

for v in include macro; do
  dir="$work/$v"
  # Dependencies fetched and built once outside the timing would hide
  # the cost of eventc itself, so the clean build starts from nothing.
  clean=$(seconds cargo build -q --manifest-path "$dir/Cargo.toml" --offline)
  touch "$dir/src/main.rs"
  incremental=$(seconds cargo build -q --manifest-path "$dir/Cargo.toml" --offline)
  touch "$dir/src/main.rs"
  incremental2=$(seconds cargo build -q --manifest-path "$dir/Cargo.toml" --offline)
  echo "$v: clean ${clean}s, incremental ${incremental}s / ${incremental2}s"
done

if [ -n "${DERIVES:-}" ]; then
  for v in derive handwritten; do
    dir="$work/$v-$DERIVES"
    mkdir -p "$dir/src" "$dir/contracts"
    cp examples/macro/contracts/bagbot.yaml "$dir/contracts/"
    manifest "bench-$v" "eventc-macros = { path = \"$root/macros\" }" > "$dir/Cargo.toml"
    {
      echo 'eventc_macros::include_contract!("contracts/bagbot.yaml");'
      for i in $(seq 1 "$DERIVES"); do
        if [ "$v" = derive ]; then
          echo '#[derive(eventc_macros::Event)]'
          echo '#[event(contract = "contracts/bagbot.yaml", name = "worker.heartbeat")]'
        fi
        echo "#[allow(dead_code)] struct Beat$i { worker_id: String, timestamp: i64, status: bagbot::WorkerStatus, current_job_id: Option<String> }"
        if [ "$v" = handwritten ]; then
          echo "impl bagbot::Event for Beat$i { const NAME: &'static str = <bagbot::WorkerHeartbeatEvent as bagbot::Event>::NAME; }"
        fi
      done
      echo 'fn main() {}'
    } > "$dir/src/main.rs"
    cargo build -q --manifest-path "$dir/Cargo.toml" --offline >/dev/null 2>&1
    touch "$dir/src/main.rs"
    echo "$v x$DERIVES: incremental $(seconds cargo build -q --manifest-path "$dir/Cargo.toml" --offline)s"
  done
fi
