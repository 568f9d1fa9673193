"""Does a rerun of `make bench` land inside the first run's spread?

    python -m benchmarks.compare FIRST.json SECOND.json [--both]

A timed figure (a spread: median and min-max over rounds) agrees when the second run's median lies
inside the first run's min-max: what the report claims of a rerun. `--both` also asks the reverse.
Ratios (`ratio`, `÷`, requests per task, request overhead) and counts are judged always: they travel
between machines. An absolute figure (seconds, requests per second, megabytes) is only true of the
machine it was taken on: it is judged when both runs name the same machine, and otherwise listed with
the two machines, not judged.
Figures are compared at four significant digits, finer than the report prints any of them (a peak
RSS of 181.375 MB in every round of one run and 181.387 MB in the other is the same "181").
A counted figure (the schedule and the frontier on the simulated clock, requests per polling round)
agrees when it is equal. Prints one line per figure that does
not agree, then a summary; exits 1 if any does not.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import Any

COUNTED = ("schedule", "frontier")
RELATIVE = ("ratio", "÷", "requests_per_task", "request_overhead")  # names of figures that are not absolute


def relative(path: str) -> bool:
    """True for a figure that is a ratio of two measured on the same machine in the same run."""
    name = path.rsplit("/", 1)[-1]
    return any(mark in name for mark in RELATIVE)


def spreads(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, float]]]:
    """(path, spread) of every timed figure in a results tree (a dict with median, min, max and rounds)."""
    if isinstance(node, dict):
        if {"median", "min", "max", "rounds"} <= node.keys():
            yield path, node
            return
        for key, value in node.items():
            if key != "rounds" or not isinstance(value, list):  # per-round raw results are not figures
                yield from spreads(value, f"{path}/{key}")


def _digits(value: float) -> float:
    return float(f"{value:.4g}")


def compare(first: dict[str, Any], second: dict[str, Any], both: bool = False) -> tuple[list[str], int, list[str]]:
    """(the disagreements, how many figures were judged, the absolute figures not judged: other machines)."""
    bad: list[str] = []
    unjudged: list[str] = []
    same_machine = first.get("machine") == second.get("machine")
    a_spreads, b_spreads = dict(spreads(first)), dict(spreads(second))
    for path, a in a_spreads.items():
        b = b_spreads.get(path)
        if b is None:
            bad.append(f"{path}: missing from the second run")
            continue
        a, b = {k: _digits(v) for k, v in a.items()}, {k: _digits(v) for k, v in b.items()}
        line = (f"{path}: {a['median']:.4g} [{a['min']:.4g}–{a['max']:.4g}] vs "
                f"{b['median']:.4g} [{b['min']:.4g}–{b['max']:.4g}]")  # fmt: skip
        if not same_machine and not relative(path):
            unjudged.append(line)
            continue
        inside = a["min"] <= b["median"] <= a["max"] and (not both or b["min"] <= a["median"] <= b["max"])
        if not inside:
            bad.append(line)
    counted = 0
    for key in COUNTED:
        if first.get(key) != second.get(key):
            bad.append(f"/{key}: counted figures differ")
        counted += 1
    if first["batch"]["requests_per_round"][:1] != second["batch"]["requests_per_round"][:1]:
        bad.append("/batch/requests_per_round: differ")
    return bad, len(a_spreads) - len(unjudged) + counted + 1, unjudged


def main(argv: list[str]) -> int:
    both = "--both" in argv
    first, second = [a for a in argv if a != "--both"]
    with open(first, encoding="utf-8") as f1, open(second, encoding="utf-8") as f2:
        first_run, second_run = json.load(f1), json.load(f2)
    bad, total, unjudged = compare(first_run, second_run, both)
    for line in bad:
        print(line)
    if unjudged:
        print(f"not judged: {len(unjudged)} absolute figures, measured on {first_run.get('machine')} and on "
              f"{second_run.get('machine')}:")  # fmt: skip
        for line in unjudged:
            print(f"  {line}")
    print(f"{total - len(bad)} of {total} figures agree")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
