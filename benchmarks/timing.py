"""Timing primitives: warm medians with a time budget, and fresh-interpreter runs."""

from __future__ import annotations

import gc
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter, process_time
from typing import Any

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Timing:
    """Warm timing of one callable over some texts: the median of ``runs`` passes."""

    chars: int
    seconds: float
    runs: int
    results: int  # results returned by one pass (sum of len()), -1 when outputs have no len
    cpu_seconds: float = 0.0  # median process CPU time of the same passes

    @property
    def cpu_rate(self) -> float:
        """Characters per CPU second (less sensitive to other processes on a shared machine)."""
        return self.chars / self.cpu_seconds if self.cpu_seconds > 0 else float("inf")

    @property
    def rate(self) -> float:
        """Characters per second."""
        return self.chars / self.seconds if self.seconds > 0 else float("inf")


def count_results(out: object) -> int:
    """len() of a result, or -1 when it has none."""
    try:
        return len(out)  # type: ignore[arg-type]
    except TypeError:
        return -1


def one_pass(fn: Callable[[str], object], texts: Sequence[str]) -> tuple[float, int]:
    """Seconds for one call per text, and the number of results returned."""
    wall, _cpu, n = _pass(fn, texts)
    return wall, n


_PASSES = itertools.count()


def variant(text: str, k: int) -> str:
    """``text`` with 1-64 trailing newlines (by ``k``): equal in content, a different string.

    Every timed pass reads fresh strings, so no per-text memo (govnlp remembers the last few
    normalizations, a tool may cache its last input) turns a repeated pass into a lookup:
    "warm" means data and code are loaded, not that this very text was seen.
    """
    return text + "\n" * (1 + k % 64)


def _pass(fn: Callable[[str], object], texts: Sequence[str]) -> tuple[float, float, int]:
    k = next(_PASSES)
    texts = [variant(t, k) for t in texts]
    gc.collect()
    n = 0
    c0 = process_time()
    t0 = perf_counter()
    for text in texts:
        out = fn(text)
        c = count_results(out)
        n = -1 if c < 0 or n < 0 else n + c
    return perf_counter() - t0, process_time() - c0, n


def time_texts(
    fn: Callable[[str], object],
    texts: Sequence[str],
    *,
    repeats: int = 5,
    budget: float = 10.0,
    warmup: bool = True,
) -> Timing:
    """Median of up to ``repeats`` passes (after one warm-up pass), within about ``budget`` s.

    The first pass also estimates the cost, so a slow tool gets fewer passes (at least one).
    Without ``warmup`` (the tool is already warm) the first pass counts as a run.
    """
    times: list[float] = []
    cpu: list[float] = []
    est, c, n = _pass(fn, texts)
    if not warmup:
        times.append(est)
        cpu.append(c)
    runs = max(1, min(repeats, int(budget / max(est, 1e-9))))
    while len(times) < runs:
        t, c, n = _pass(fn, texts)
        times.append(t)
        cpu.append(c)
    return Timing(
        sum(map(len, texts)), statistics.median(times), len(times), n, statistics.median(cpu)
    )


def sample_for_budget(
    fn: Callable[[str], object], docs: Sequence[str], seconds_per_pass: float
) -> list[str]:
    """The longest prefix of ``docs`` one pass of ``fn`` can get through in about the time given.

    The first document serves as the probe (and as a first warm-up call).
    """
    probe = docs[0]
    t, _ = one_pass(fn, [probe])
    t, _ = one_pass(fn, [probe])  # the first call may include lazy loading
    rate = len(probe) / max(t, 1e-9)
    limit = rate * seconds_per_pass
    out: list[str] = []
    total = 0
    for d in docs:
        if out and total + len(d) > limit:
            break
        out.append(d)
        total += len(d)
    return out


def python_env(extra_paths: Sequence[Path] = ()) -> dict[str, str]:
    """The environment for a child interpreter that sees this repo and the same govnlp."""
    env = dict(os.environ)
    paths = [str(p) for p in (*extra_paths, REPO)]
    if env.get("PYTHONPATH"):
        paths.append(env["PYTHONPATH"])
    env["PYTHONPATH"] = os.pathsep.join(paths)
    env.pop("PYTHONSTARTUP", None)
    return env


def govnlp_root() -> Path | None:
    """The folder holding the ``govnlp`` package this process imports, if any."""
    import importlib.util

    spec = importlib.util.find_spec("govnlp")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).resolve().parent.parent


def run_python(
    args: Sequence[str], *, timeout: float = 600.0, extra_paths: Sequence[Path] = ()
) -> dict[str, Any]:
    """Run ``python ARGS`` in a fresh interpreter; its last stdout line must be JSON."""
    root = govnlp_root()
    paths = [*extra_paths, *([root] if root else [])]
    proc = subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=python_env(paths),
        cwd=tempfile.gettempdir(),  # not REPO: the working folder would shadow PYTHONPATH
    )
    lines = [ln for ln in proc.stdout.splitlines() if ln.strip()]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"{' '.join(args)} failed: {proc.stderr.strip()[-800:]}")
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def median_of(values: Sequence[float]) -> float:
    """The median (a thin alias kept for readability at call sites)."""
    return statistics.median(values)
