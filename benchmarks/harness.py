"""The benchmark harness: ours and the real library, same inputs, same threads, one process.

A suite is a module in `benchmarks/suites/` with a `TITLE` and a `cases(quick)` function returning
`Case` objects. For each case the harness
  1. runs ours and the peer once each to warm up (imports, caches, first-touch page faults),
  2. then times them `repeats` times, ALTERNATING ours / peer so that drift in the machine
     (thermal, other load) hits both sides equally,
  3. reports the median of each and the ratio ours / peer (> 1 means we are slower).
All of it runs under one `threadpoolctl.threadpool_limits(threads)`, so the BLAS under our `@`
and the LAPACK under the peer get the same number of threads; when the peer is torch, its
intra-op pool is set to the same count (`torch.set_num_threads`).
"""

import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from threadpoolctl import threadpool_info, threadpool_limits


@dataclass
class Case:
    """One comparison: `ours()` and `peer()` do the same work on the same, pre-built inputs."""

    name: str  # what is measured, e.g. "lu_factor"
    size: str  # the problem size, e.g. "n=1024"
    ours: Callable[[], object]
    peer: Callable[[], object]
    target: float | None = None  # the ratio ours/peer the issue asks for, if any
    repeats: int | None = None  # overrides the suite's default (use 1 for long training runs)
    # For training runs: turns what ours()/peer() returned (the last timed run's) into a short
    # text for the table, e.g. lambda model: f"test acc {evaluate(model):.2%}"
    quality: Callable[[object], str] | None = None


@dataclass
class Timing:
    case: Case
    ours_seconds: list[float] = field(default_factory=list)
    peer_seconds: list[float] = field(default_factory=list)
    ours_result: object = None  # what the last timed ours() returned
    peer_result: object = None

    @property
    def ours_median(self):
        return statistics.median(self.ours_seconds)

    @property
    def peer_median(self):
        return statistics.median(self.peer_seconds)

    @property
    def ratio(self):
        return self.ours_median / self.peer_median

    @property
    def verdict(self):
        if self.case.target is None:
            return ""
        return "met" if self.ratio <= self.case.target else "missed"


def _time_once(func):
    """(seconds, what func returned)."""
    start = time.perf_counter()
    result = func()
    return time.perf_counter() - start, result


def time_case(case, repeats, threads):
    """Warm up, then time ours and the peer alternately; returns a Timing."""
    repeats = case.repeats or repeats
    timing = Timing(case)
    if "torch" in sys.modules:  # torch keeps its own thread pool beside the BLAS ones
        sys.modules["torch"].set_num_threads(threads)
    with threadpool_limits(limits=threads):
        if repeats > 1:
            case.ours()
            case.peer()
        for _ in range(repeats):
            seconds, timing.ours_result = _time_once(case.ours)
            timing.ours_seconds.append(seconds)
            seconds, timing.peer_result = _time_once(case.peer)
            timing.peer_seconds.append(seconds)
    return timing


def machine_description(threads):
    """A short paragraph naming the CPU, cores, memory, Python, NumPy and its BLAS."""
    import numpy as np

    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            models = [line.split(":", 1)[1].strip() for line in f if line.startswith("model name")]
        cpu = models[0] if models else cpu
    except OSError:
        pass
    memory = ""
    try:
        with open("/proc/meminfo") as f:
            kib = int(next(line for line in f if line.startswith("MemTotal")).split()[1])
        memory = f", {kib / 2**20:.0f} GiB memory"
    except (OSError, StopIteration):
        pass
    blas = ", ".join(
        f"{info.get('internal_api')} {info.get('version')}"
        for info in threadpool_info()
        if info.get("user_api") == "blas"
    )
    return (
        f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, NumPy {np.__version__} ({blas or 'unknown BLAS'}); "
        f"threads for both sides: {threads}"
    )


def format_seconds(seconds):
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds * 1e6:.0f} us"


def markdown_table(timings, peer_name):
    """The suite's table; two more columns (each side's result) when a case has `quality`."""
    with_quality = any(t.case.quality is not None for t in timings)
    header = f"| operation | size | ours (median) | {peer_name} (median) | ratio ours/peer | target | verdict |"
    rule = "|---|---|---:|---:|---:|---:|---|"
    if with_quality:
        header += f" ours result | {peer_name} result |"
        rule += "---|---|"
    lines = [header, rule]
    for t in timings:
        target = f"<= {t.case.target:g}x" if t.case.target is not None else ""
        line = (
            f"| {t.case.name} | {t.case.size} | {format_seconds(t.ours_median)} | "
            f"{format_seconds(t.peer_median)} | {t.ratio:.2f}x | {target} | {t.verdict} |"
        )
        if with_quality:
            describe = t.case.quality or (lambda result: "")
            line += f" {describe(t.ours_result)} | {describe(t.peer_result)} |"
        lines.append(line)
    return "\n".join(lines)
