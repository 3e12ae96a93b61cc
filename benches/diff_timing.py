#!/usr/bin/env python3
"""Whole-process timing of `eventc diff` against `eventc check` (docs/benchmarks.md).

Usage: benches/diff_timing.py EVENTC [--runs N] [--events N]

Writes the synthetic contract (benches/synthetic_contract.py, default 1,000
events x 20 fields) and a copy with 100 edits spread over it (one edit in
every tenth event, five kinds in turn: an optional key removed, a bound
moved, an optional key added, a pattern changed, a key renamed without
`renamed_from`). Then, in one sitting, runs alternately

  check   `eventc check old.yaml new-renamed.yaml` (the mutated copy under
          another `name:`, since one check run refuses two contracts of one
          name: the same bytes to load and check, in one process, as diff)
  diff    `eventc diff old.yaml new.yaml`
  base    `eventc diff --base HEAD` in a scratch git repository whose HEAD
          holds old.yaml and whose working tree holds new.yaml
  cat     `git cat-file --batch` reading that one blob (what --base adds)

and prints the median (min-max) wall time of each and the ratios: diff /
check (target <= 1.5) and (base - diff) / cat (what --base costs beyond
reading the blob). The machine may be shared, so the commands are
interleaved run by run and medians are reported.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def synthetic(events: int) -> str:
    """The synthetic contract's text, from benches/synthetic_contract.py."""
    script = ROOT / "benches" / "synthetic_contract.py"
    return subprocess.run(
        [sys.executable, str(script), str(events), "20"],
        check=True, capture_output=True, text=True,
    ).stdout


def mutate(text: str) -> tuple[str, int]:
    """The contract with one edit in every tenth event; returns it and the count."""
    out, edits, event = [], 0, -1
    for line in text.split("\n"):
        header = re.match(r"  domain_(\d+)\.updated:$", line)
        if header:
            event = int(header.group(1))
        kind = (event // 10) % 5 if event >= 0 and event % 10 == 0 else None
        if kind == 0 and line.startswith("        field_2:"):
            edits += 1
            continue  # optional key removed
        if kind == 1 and line.startswith("        field_1:"):
            line, edits = line.replace("max: 1001", "max: 1100"), edits + 1
        if kind == 2 and line.startswith("        field_19:"):
            out.append(line)
            line, edits = "        extra: { type: string, optional: true }", edits + 1
        if kind == 3 and line.startswith("        field_4:"):
            line, edits = line.replace("'^[a-z]+$'", "'^[a-z0-9]+$'"), edits + 1
        if kind == 4 and line.startswith("        field_0:"):
            line, edits = line.replace("field_0:", "field_0_renamed:"), edits + 1
        out.append(line)
    return "\n".join(out), edits


def wall(cmd: list[str], cwd: Path, ok: tuple[int, ...], stdin: bytes | None = None) -> float:
    """Wall seconds of one process; exits if its status is not in `ok`."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, input=stdin, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if proc.returncode not in ok:
        sys.exit(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.decode()[:2000]}")
    return elapsed


def git(cwd: Path, *args: str) -> str:
    env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL="/dev/null")
    return subprocess.run(
        ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid",
         "-c", "commit.gpgsign=false", *args],
        cwd=cwd, env=env, check=True, capture_output=True, text=True,
    ).stdout


def fmt(samples: list[float]) -> str:
    return (f"{statistics.median(samples) * 1000:.1f} ms "
            f"({min(samples) * 1000:.1f}–{max(samples) * 1000:.1f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("eventc", type=Path)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--events", type=int, default=1000)
    args = parser.parse_args()
    eventc = str(args.eventc.resolve())
    old = synthetic(args.events)
    new, edits = mutate(old)
    with tempfile.TemporaryDirectory(prefix="eventc-diff-timing-") as tmp:
        work = Path(tmp)
        (work / "old.yaml").write_text(old)
        (work / "new.yaml").write_text(new)
        (work / "new-renamed.yaml").write_text(
            new.replace("name: synthetic\n", "name: synthetic_new\n", 1))
        repo = work / "repo"
        (repo / "contracts").mkdir(parents=True)
        git(repo, "init", "-q")
        (repo / "contracts" / "synthetic.yaml").write_text(old)
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "old")
        blob = git(repo, "rev-parse", "HEAD:contracts/synthetic.yaml").strip()
        (repo / "contracts" / "synthetic.yaml").write_text(new)

        commands = {
            "check": ([eventc, "check", "old.yaml", "new-renamed.yaml"], work, (0,), None),
            "diff": ([eventc, "diff", "old.yaml", "new.yaml"], work, (0, 1), None),
            "base": ([eventc, "diff", "--base", "HEAD"], repo, (0, 1), None),
            "cat": (["git", "cat-file", "--batch"], repo, (0,), f"{blob}\n".encode()),
        }
        findings = subprocess.run([eventc, "--format", "json", "diff", "old.yaml", "new.yaml"],
                                  cwd=work, capture_output=True, text=True).stdout
        counted = findings.count('"rule":')
        times: dict[str, list[float]] = {name: [] for name in commands}
        for command in commands.values():
            wall(*command)  # warm the page cache
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(wall(*command))

    size = len(old.encode())
    print(f"contract: {args.events} events, {size / 1e6:.2f} MB; mutated copy: {edits} edits, "
          f"{counted} findings; {args.runs} interleaved runs, median (min–max)")
    print()
    print("| command | wall time |")
    print("|---|---|")
    print(f"| `eventc check old.yaml new-renamed.yaml` | {fmt(times['check'])} |")
    print(f"| `eventc diff old.yaml new.yaml` | {fmt(times['diff'])} |")
    print(f"| `eventc diff --base HEAD` (old side from git) | {fmt(times['base'])} |")
    print(f"| `git cat-file --batch` (the one blob) | {fmt(times['cat'])} |")
    med = {name: statistics.median(t) for name, t in times.items()}
    ratio = med["diff"] / med["check"]
    print()
    print(f"diff / check: {ratio:.2f}x (target <= 1.5x: {'met' if ratio <= 1.5 else 'NOT met'})")
    extra = med["base"] - med["diff"]
    print(f"--base adds {extra * 1000:.1f} ms; git cat-file alone takes "
          f"{med['cat'] * 1000:.1f} ms (rev-parse and ls-tree are the rest)")


if __name__ == "__main__":
    main()
