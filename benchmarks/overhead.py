"""Per-poll overhead over a real socket: taskwait vs the generated call vs bare httpx + json.loads.

The server is the emulator in ANOTHER process (`benchmarks.server`), on loopback, holding one
finished task per provider. Each round runs every (provider, way) pair in a shuffled order, `n`
polls each, on keep-alive connections; a ratio is taken within each round (so a slow moment of the
machine hits the ways of a round alike) and the report gives the median of the per-round ratios
with their spread. Where the time goes is split by differences of the same round's figures plus
two in-process measurements (json.loads of the body; the generated model built from the parsed
dict), and the client's CPU time says how much of a poll is this process at all. `make bench` runs
one short `session` per pass over all timed benchmarks and summarises the rounds of all sessions.

Each session measures in two fresh client processes against the same emulator: the three ways above in
one that never imports OpenTelemetry (as every user without it), and `TRACED`, `taskwait.get_task` with
tracing on (an OpenTelemetry SDK tracer, spans batched to an exporter that drops them, and meter, an
in-memory reader, put in place with `observe.using`), in the other, in rounds shuffled with the same call
with tracing off (`TRACED_OFF`), so the tracing cost is a within-round ratio too and the SDK loaded for it
cannot slow the first process's figures.
"""

from __future__ import annotations

import importlib
import json
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from typing import TYPE_CHECKING, Any

import httpx

import taskwait
from benchmarks.common import add_tasks, body, emulator_process, lift_client_limits, server_requests, spread
from taskwait import observe
from taskwait.emulator.formats import FORMATS
from taskwait.providers import ADAPTERS

if TYPE_CHECKING:
    from taskwait.otel import Telemetry

PATHS = {"databar": "/v1/tasks/{}", "openmart": "/api/v1/task/{}", "lobstr": "/v1/tasks/{}",
         "deepomatic": "/v0.7/tasks/{}", "flexprice": "/tasks/{}"}  # fmt: skip
WAYS = ("bare httpx + json.loads", "generated sync_detailed", "taskwait.get_task")
TRACED = "taskwait.get_task, tracing on"
TRACED_OFF = "taskwait.get_task, tracing off beside it"
TASK_ID = "269999729"
WARM = 20  # polls per (provider, way) before the rounds: connections open, caches warm


def _ways(bare: httpx.Client, path: str, get_task: Any, client: Any) -> dict[str, Callable[[], Any]]:
    return {
        WAYS[0]: lambda: json.loads(bare.get(path).content),
        WAYS[1]: lambda: get_task.sync_detailed(TASK_ID, client=client),
        WAYS[2]: lambda: taskwait.get_task(client, TASK_ID),
    }


def _in_process_us(fn: Callable[[], Any], n: int) -> float:
    """Median over 5 runs of n calls: microseconds per call (no socket involved)."""
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(n):
            fn()
        runs.append((time.perf_counter() - started) / n * 1e6)
    return statistics.median(runs)


def _parsing(provider: str, get_task: Any, n: int) -> dict[str, float]:
    """json.loads of the provider's body, and the generated model built from the parsed dict (µs)."""
    content = body(provider)
    parsed = json.loads(content)
    response = httpx.Response(200, content=content)
    client = taskwait.connect(provider, "bench-key")
    model = get_task._parse_response(client=client, response=response)  # the model class sync_detailed builds
    return {"json_loads_us": _in_process_us(lambda: json.loads(content), n),
            "model_us": _in_process_us(lambda: type(model).from_dict(parsed), n)}  # fmt: skip


def _tracing_on() -> Telemetry:
    """An SDK tracer and meter for the TRACED way: spans batched to an exporter that drops them."""
    from opentelemetry.sdk.metrics import MeterProvider
    from opentelemetry.sdk.metrics.export import InMemoryMetricReader
    from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter, SpanExportResult

    class Drop(SpanExporter):
        def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
            return SpanExportResult.SUCCESS

    from taskwait.otel import Telemetry

    tracer_provider = TracerProvider()
    tracer_provider.add_span_processor(BatchSpanProcessor(Drop()))
    return Telemetry(tracer_provider, MeterProvider(metric_readers=[InMemoryMetricReader()]))


def session(n: int = 200, rounds: int = 4, seed: int = 5) -> dict[str, Any]:
    """One emulator process, two client processes of `rounds` shuffled rounds of `n` polls per (provider, way)."""
    with emulator_process() as url:
        add_tasks(url, [{"provider": p, "task_id": TASK_ID, "polls": 0, "total": 1000} for p in taskwait.PROVIDERS])
        before = server_requests(url)
        parts = [_child(url, n, rounds, seed, traced) for traced in (False, True)]
        served = server_requests(url) - before
    wall = {key: v for part in parts for key, v in part["wall"].items()}
    cpu = {key: v for part in parts for key, v in part["cpu"].items()}
    return {"n": n, "wall": wall, "cpu": cpu, "served": served, "expected": (rounds * n + WARM) * len(wall)}


def _child(url: str, n: int, rounds: int, seed: int, traced: bool) -> dict[str, Any]:
    """`measure` in a fresh interpreter; its figures keyed by (provider, way) again."""
    args = [sys.executable, "-m", "benchmarks.overhead", url, str(n), str(rounds), str(seed), str(int(traced))]
    out = json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout)
    return {part: {tuple(key.split("|")): v for key, v in out[part].items()} for part in ("wall", "cpu")}


def measure(url: str, n: int, rounds: int, seed: int, traced: bool) -> dict[str, Any]:
    """Here: the three ways, or (`traced`) get_task with tracing on and off: µs per poll per round."""
    rng = random.Random(seed)
    lift_client_limits()  # the emulator has none: Lobstr's 90 a minute would hold these polls, not time them
    calls: dict[tuple[str, str], Callable[[], Any]] = {}
    for provider in taskwait.PROVIDERS:
        adapter = ADAPTERS[provider]
        base = f"{url}/{provider}{FORMATS[provider].real_base_path}"
        client = taskwait.connect(provider, "emulator-key", base_url=base)
        bare = httpx.Client(base_url=base, headers={adapter.auth_header: "emulator-key"})
        ways = _ways(bare, PATHS[provider].format(TASK_ID), _get_task(provider), client)
        if traced:
            ways = {TRACED_OFF: ways[WAYS[2]], TRACED: ways[WAYS[2]]}  # the same call, TRACED under `_tracing_on`
        calls |= {(provider, way): fn for way, fn in ways.items()}
    on = _tracing_on() if traced else None
    for key, fn in calls.items():  # connections open, caches warm
        with observe.using(on) if key[1] == TRACED else nullcontext():
            for _ in range(WARM):
                fn()
    wall: dict[tuple[str, str], list[float]] = {key: [] for key in calls}
    cpu: dict[tuple[str, str], list[float]] = {key: [] for key in calls}
    order = list(calls)
    for _ in range(rounds):
        rng.shuffle(order)
        for key in order:
            fn = calls[key]
            with observe.using(on) if key[1] == TRACED else nullcontext():
                cpu0, wall0 = time.process_time(), time.perf_counter()
                for _ in range(n):
                    fn()
                wall[key].append((time.perf_counter() - wall0) / n * 1e6)
                cpu[key].append((time.process_time() - cpu0) / n * 1e6)
    return {"wall": wall, "cpu": cpu}


def _get_task(provider: str) -> Any:
    return importlib.import_module(f"{provider}_client.api.tasks.get_task")


def summary(sessions: list[dict[str, Any]]) -> dict[str, Any]:
    """Per provider, over every round of every session: wall µs per poll of each way, the ratios'
    median and spread, and where the time goes."""
    wall = {key: [v for s in sessions for v in s["wall"][key]] for key in sessions[0]["wall"]}
    cpu = {key: [v for s in sessions for v in s["cpu"][key]] for key in sessions[0]["cpu"]}
    results: dict[str, Any] = {"polls_per_way_and_round": sessions[0]["n"], "rounds": len(wall[next(iter(wall))]),
                               "sessions": len(sessions), "requests_served": sum(s["served"] for s in sessions),
                               "requests_expected": sum(s["expected"] for s in sessions),
                               "providers": {}}  # fmt: skip
    for provider in taskwait.PROVIDERS:
        w = {way: wall[(provider, way)] for way in WAYS}
        c = {way: cpu[(provider, way)] for way in WAYS}
        per_round = list(zip(*(w[way] for way in WAYS), strict=True))
        ratio = [tw / bare for bare, _, tw in per_round]
        ratio_generated = [tw / gen for _, gen, tw in per_round]
        parsing = _parsing(provider, _get_task(provider), 2000)
        # where a taskwait.get_task poll goes (µs, medians of per-round differences)
        taskwait_us = statistics.median(tw - gen for _, gen, tw in per_round)
        generated_us = statistics.median(gen - bare for bare, gen, _ in per_round)
        total_us = statistics.median(w[WAYS[2]])
        split = {
            "httpx, socket and server": statistics.median(bare for bare, _, _ in per_round) - parsing["json_loads_us"],
            "json.loads": parsing["json_loads_us"],
            "generated client and models": generated_us,
            "taskwait": taskwait_us,
        }
        on = wall.get((provider, TRACED))
        beside = wall.get((provider, TRACED_OFF), [])
        tracing = None if on is None else {
            "wall_us": spread(on),
            "off_us": spread(beside),
            "ratio_vs_off": spread([traced / off for traced, off in zip(on, beside, strict=True)]),
            "cost_us": statistics.median(traced - off for traced, off in zip(on, beside, strict=True)),
        }  # fmt: skip
        results["providers"][provider] = {
            "tracing_on": tracing,
            "wall_us": {way: spread(w[way]) for way in WAYS},
            "client_cpu_us": {way: statistics.median(c[way]) for way in WAYS},
            "ratio_vs_bare": spread(ratio),
            "ratio_vs_generated": spread(ratio_generated),
            "total_us": total_us,
            "split_us": split,
            "model_from_dict_us": parsing["model_us"],
        }
    return results


if __name__ == "__main__":  # `_child`: python -m benchmarks.overhead URL N ROUNDS SEED TRACED
    url_, n_, rounds_, seed_, traced_ = sys.argv[1:]
    got = measure(url_, int(n_), int(rounds_), int(seed_), traced_ == "1")
    print(json.dumps({part: {"|".join(key): v for key, v in got[part].items()} for part in ("wall", "cpu")}))
