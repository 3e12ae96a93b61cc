#!/usr/bin/env python3
"""Writes a synthetic eventc contract for load/generate benchmarks.

Usage: benches/synthetic_contract.py [EVENTS] [FIELDS_PER_EVENT] > synthetic.yaml

The default, 1000 events x 20 fields = 20,000 payload fields, is the size the
`eventc generate` timing target in docs/benchmarks.md is stated for. The mix of
field types (strings with patterns, bounded integers, numbers, timestamps,
optional/nullable, enums, arrays, maps, nested objects, renamed keys) exercises
every emitter path, so the figure is not flattered by trivial payloads.
"""
import sys


def field(i: int, j: int) -> str:
    """One payload field, varied by position so every type kind appears."""
    kind = j % 10
    name = f"field_{j}"
    if kind == 0:
        return f"      {name}: {{ type: string, description: 'Field {j} of event {i}.' }}"
    if kind == 1:
        return f"      {name}: {{ type: integer, min: 0, max: {1000 + j} }}"
    if kind == 2:
        return f"      {name}: {{ type: number, optional: true }}"
    if kind == 3:
        return f"      {name}: {{ type: timestamp }}"
    if kind == 4:
        return f"      {name}: {{ type: string, nullable: true, pattern: '^[a-z]+$' }}"
    if kind == 5:
        return f"      {name}: Level"
    if kind == 6:
        return f"      {name}: array<string>"
    if kind == 7:
        return f"      {name}: map<number>"
    if kind == 8:
        return f"      {name}: {{ type: Point, optional: true, nullable: true }}"
    return f"      {name}: {{ type: boolean, renamed_from: old_field_{j} }}"


def main() -> None:
    events = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    fields = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    out = [
        "eventc: 1",
        "name: synthetic",
        f"description: Synthetic contract with {events} events of {fields} fields each.",
        'version: "1.0"',
        "envelope:",
        "  discriminator: type",
        "  payload: payload",
        "  fields:",
        "    type: { type: string }",
        "    payload: { type: json }",
        "    timestamp: { type: timestamp }",
        "types:",
        "  Level: { type: enum, values: [low, medium, high] }",
        "  Point:",
        "    type: object",
        "    fields:",
        "      x: number",
        "      y: number",
        "events:",
    ]
    for i in range(events):
        out.append(f"  domain_{i}.updated:")
        out.append(f"    description: Synthetic event number {i}.")
        out.append("    payload:")
        out.append("      type: object")
        out.append("      fields:")
        out.extend("  " + field(i, j) for j in range(fields))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
