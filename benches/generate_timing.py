#!/usr/bin/env python3
"""Whole-process timings of `eventc generate` (the figures in docs/benchmarks.md).

Usage: benches/generate_timing.py [--runs N] [--eventc PATH]

Measures, as a user would see them, wall-clock time of complete `eventc
generate` processes writing all three languages into a fresh temporary
directory, and their peak resident memory (from wait4's ru_maxrss):

1. the five bundled contracts (contracts/);
2. a synthetic contract of 1,000 events x 20 fields written by
   benches/synthetic_contract.py.

Build first: cargo build --release --locked -p eventc-cli
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_once(eventc: Path, paths: list[str], out: Path) -> tuple[float, int]:
    """Runs one generate process; returns (seconds, peak RSS in KiB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [str(eventc), "generate", *paths, "--out", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        err = proc.stderr.read().decode() if proc.stderr else ""
        sys.exit(f"eventc generate {' '.join(paths)} failed:\n{err}")
    return elapsed, usage.ru_maxrss


def measure(eventc: Path, paths: list[str], runs: int) -> dict:
    times, peaks = [], []
    for i in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            elapsed, peak = run_once(eventc, paths, Path(tmp))
        times.append(elapsed)
        peaks.append(peak)
    return {
        "median_ms": statistics.median(times) * 1000,
        "min_ms": min(times) * 1000,
        "max_ms": max(times) * 1000,
        "peak_mib": max(peaks) / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--eventc", type=Path, default=ROOT / "target/release/eventc")
    args = parser.parse_args()
    if not args.eventc.exists():
        sys.exit(f"{args.eventc} not found: run `cargo build --release --locked -p eventc-cli` first")
    with tempfile.TemporaryDirectory() as tmp:
        synthetic = Path(tmp) / "synthetic.yaml"
        text = subprocess.run(
            [sys.executable, str(ROOT / "benches/synthetic_contract.py"), "1000", "20"],
            check=True, capture_output=True, text=True,
        ).stdout
        synthetic.write_text(text)
        cases = [
            ("five seed contracts, rust+ts+go", [str(ROOT / "contracts")], args.runs),
            ("synthetic 1,000 events / 20,000 fields, rust+ts+go", [str(synthetic)], max(3, args.runs // 4)),
        ]
        print(f"| case | runs | median | min | max | peak RSS |")
        print(f"|---|---|---|---|---|---|")
        for name, paths, runs in cases:
            m = measure(args.eventc, paths, runs)
            print(
                f"| {name} | {runs} | {m['median_ms']:.1f} ms | {m['min_ms']:.1f} ms "
                f"| {m['max_ms']:.1f} ms | {m['peak_mib']:.1f} MiB |"
            )


if __name__ == "__main__":
    main()
