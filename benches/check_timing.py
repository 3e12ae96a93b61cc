#!/usr/bin/env python3
"""Side-by-side timings of `eventc check` from two builds (docs/benchmarks.md).

Usage: benches/check_timing.py EVENTC_A EVENTC_B [--runs N] [--contract FILE]

Runs complete `eventc check` processes of the two binaries alternately on
one contract (default: the synthetic 1,000-event contract written by
benches/synthetic_contract.py) and prints the median, min and max wall time
and the median CPU time of each. On a shared machine other work hides what
threads save, so runs are taken in batches of five pairs, each started only
when the CPUs were at least 90 % idle for a second.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BATCH = 5
IDLE_PERCENT = 90.0


def idle_percent(seconds: float) -> float:
    """Share of CPU time spent idle over the next `seconds`."""
    def sample() -> tuple[int, int]:
        with open("/proc/stat") as stat:
            ticks = list(map(int, stat.readline().split()[1:]))
        return ticks[3] + ticks[4], sum(ticks)
    idle0, total0 = sample()
    time.sleep(seconds)
    idle1, total1 = sample()
    return 100.0 * (idle1 - idle0) / max(1, total1 - total0)


def run_once(eventc: Path, contract: Path) -> tuple[float, float]:
    """One `eventc check` process: (wall seconds, CPU seconds)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [str(eventc), "check", str(contract)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{eventc} check {contract} failed")
    return elapsed, usage.ru_utime + usage.ru_stime


def measure(binaries: list[Path], contract: Path, runs: int) -> None:
    wall = {b: [] for b in binaries}
    cpu = {b: [] for b in binaries}
    for b in binaries:
        run_once(b, contract)  # warm the page cache
    while len(wall[binaries[0]]) < runs:
        if idle_percent(1.0) < IDLE_PERCENT:
            continue
        for _ in range(BATCH):
            order = binaries if len(wall[binaries[0]]) % 2 == 0 else binaries[::-1]
            for b in order:
                w, c = run_once(b, contract)
                wall[b].append(w)
                cpu[b].append(c)
    print("| build | runs | median wall | min | max | median CPU |")
    print("|---|---|---|---|---|---|")
    for b in binaries:
        ms = [t * 1000 for t in wall[b]]
        print(
            f"| {b} | {len(ms)} | {statistics.median(ms):.1f} ms | {min(ms):.1f} ms "
            f"| {max(ms):.1f} ms | {statistics.median(cpu[b]) * 1000:.1f} ms |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("eventc", type=Path, nargs=2)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--contract", type=Path)
    args = parser.parse_args()
    for b in args.eventc:
        if not b.exists():
            sys.exit(f"{b} not found")
    if args.contract:
        measure(args.eventc, args.contract, args.runs)
        return
    with tempfile.TemporaryDirectory() as tmp:
        synthetic = Path(tmp) / "synthetic.yaml"
        synthetic.write_text(subprocess.run(
            [sys.executable, str(ROOT / "benches/synthetic_contract.py"), "1000", "20"],
            check=True, capture_output=True, text=True,
        ).stdout)
        measure(args.eventc, synthetic, args.runs)


if __name__ == "__main__":
    main()
