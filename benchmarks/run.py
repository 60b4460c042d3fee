"""The benchmark run: every measurement, collected into one :class:`Results`."""

from __future__ import annotations

import cProfile
import decimal
import io
import platform
import pstats
import statistics
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from time import perf_counter
from typing import Any

from . import accuracy
from .corpus import Corpus, adversarial
from .subjects import (
    ALL,
    BY_KEY,
    COUNTERPART,
    GOVNLP,
    RAISED,
    Fn,
    Subject,
    Unavailable,
    pipeline_parts,
)
from .timing import Timing, one_pass, run_python, sample_for_budget, time_texts


@dataclass(frozen=True)
class Settings:
    """How hard to measure."""

    quick: bool = False
    peers: bool = True
    repeats: int = 5
    pass_seconds: float = 3.0  # the corpus sample one pass of a tool may take
    budget: float = 12.0  # time for all timed passes of one subject
    scaling_limit: float = 60.0  # skip a 16x run expected to take longer than this
    adversarial_chars: int = 1_000_000
    profile: bool = True

    @classmethod
    def for_mode(cls, quick: bool, peers: bool | None, profile: bool) -> Settings:
        """Full settings, or the quick ones (seconds, for tests and smoke runs)."""
        if quick:
            return cls(
                quick=True,
                peers=bool(peers),
                repeats=1,
                pass_seconds=0.1,
                budget=0.3,
                scaling_limit=2.0,
                adversarial_chars=5_000,
                profile=False,
            )
        return cls(peers=peers is not False, profile=profile)


@dataclass
class Results:
    """Everything one run measured (``None`` / missing keys: not measured)."""

    corpus: Corpus
    settings: Settings
    machine: dict[str, str] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)
    unavailable: dict[str, str] = field(default_factory=dict)
    throughput: dict[str, Timing] = field(default_factory=dict)
    cold: dict[str, dict[str, float]] = field(default_factory=dict)
    import_time: dict[str, Any] = field(default_factory=dict)
    lexicon_load: dict[str, Any] = field(default_factory=dict)
    memory: dict[str, Any] = field(default_factory=dict)
    scaling: dict[str, dict[int, Timing | str]] = field(default_factory=dict)
    scaling_chars: int = 0
    adversarial: dict[str, dict[str, float | str]] = field(default_factory=dict)
    accuracy: dict[str, accuracy.Score | str] = field(default_factory=dict)
    profiles: dict[str, list[tuple[str, float, float]]] = field(default_factory=dict)
    profiles_inclusive: dict[str, list[tuple[str, float, float]]] = field(default_factory=dict)
    pipeline_parts: list[str] = field(default_factory=list)
    empty: set[str] = field(default_factory=set)  # govnlp subjects that returned no results
    raised: dict[str, tuple[int, str]] = field(default_factory=dict)  # peer: (documents, error)
    seconds: float = 0.0

    def rate(self, key: str) -> float | None:
        """Warm chars/s of a subject, if measured."""
        t = self.throughput.get(key)
        return t.rate if t else None


_START = perf_counter()


def log(msg: str) -> None:
    """Progress on stderr, with the seconds since start."""
    print(f"{perf_counter() - _START:7.1f}s {msg}", file=sys.stderr, flush=True)


def machine() -> dict[str, str]:
    """Where the numbers come from."""
    import os

    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return {
        "load": load,
        "cpu": cpu,
        "nproc": str(os.cpu_count()),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
    }


def build_subjects(settings: Settings, res: Results) -> dict[str, Fn]:
    """Every available subject's callable; the others go to ``res.unavailable``."""
    chosen = ALL if settings.peers else GOVNLP
    built: dict[str, Fn] = {}
    for s in chosen:
        try:
            built[s.key] = s.build()
            res.versions[s.package or s.tool] = s.version()
        except Unavailable as e:
            res.unavailable[s.key] = str(e)
        except Exception as e:  # a broken tool must not stop the run
            res.unavailable[s.key] = f"failed to build: {type(e).__name__}: {e}"
    if "govnlp.pipeline" in built:
        res.pipeline_parts = pipeline_parts()
    return built


def _guarded(key: str, res: Results, what: Callable[[], Any]) -> Any:
    try:
        return what()
    except Exception as e:  # record and go on: one failing tool must not sink the report
        res.unavailable.setdefault(key, f"failed: {type(e).__name__}: {str(e)[:200]}")
        return None


def measure_throughput(built: dict[str, Fn], res: Results) -> None:
    """Warm chars/s of each subject over (a budget-sized sample of) the corpus."""
    st = res.settings
    for key, fn in built.items():
        log(f"throughput {key}")

        def go(fn: Fn = fn) -> Timing:
            sample = sample_for_budget(fn, res.corpus.texts, st.pass_seconds)
            return time_texts(fn, sample, repeats=st.repeats, budget=st.budget)

        t = _guarded(key, res, go)
        if t is not None:
            res.throughput[key] = t
            errors = RAISED.get(key)
            if errors:
                res.raised[key] = (len(errors), next(iter(errors.values())))
            if t.results == 0 and key.startswith("govnlp.") and BY_KEY[key].task != "pipeline":
                res.empty.add(key)


def measure_fresh(built: dict[str, Fn], res: Results, tmp: Path) -> None:
    """Import time, cold first calls, lexicon load and memory, each in a fresh interpreter."""
    st = res.settings
    runs = [run_python(["-m", "benchmarks.fresh", "import"]) for _ in range(2 if st.quick else 7)]
    res.import_time = {
        "seconds": statistics.median(r["seconds"] for r in runs),
        "runs": len(runs),
        "modules": runs[0]["modules"],
        "heavy": runs[0]["heavy"],
    }
    res.import_time["slowest"] = _import_breakdown()
    ref = tmp / "reference.txt"
    ref.write_text(res.corpus.reference_document(), encoding="utf-8")
    for key in built:
        if st.quick and key != "govnlp.pipeline":  # quick: one fresh interpreter is enough
            continue
        log(f"cold {key}")
        r = _guarded(
            key, res, partial(run_python, ["-m", "benchmarks.fresh", "cold", key, str(ref)])
        )
        if r:
            res.cold[key] = r
    if any(k.startswith("govnlp.Lexicon") for k in built):
        log("lexicon load")
        r = _guarded(
            "govnlp.Lexicon.load",
            res,
            lambda: run_python(["-m", "benchmarks.fresh", "lexicon-load"]),
        )
        if r:
            res.lexicon_load = r
    if "govnlp.pipeline" in built:
        log("memory")
        limit = "200000" if st.quick else "1000000"
        # absolute: the fresh interpreter runs in the temporary folder
        args = ["-m", "benchmarks.fresh", "memory", str(res.corpus.folder.resolve()), limit]
        if res.corpus.names_file is not None:
            args.append(str(res.corpus.names_file.resolve()))
        r = _guarded("memory", res, lambda: run_python(args))
        if r:
            res.memory = r


def _import_breakdown() -> list[tuple[str, float]]:
    """The govnlp modules with the most own import time (``python -X importtime``), in s."""
    import subprocess

    from .timing import govnlp_root, python_env

    root = govnlp_root()
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import govnlp"],
        capture_output=True,
        text=True,
        env=python_env([root] if root else []),
        cwd=tempfile.gettempdir(),
    )
    rows = []
    for line in proc.stderr.splitlines():
        parts = [p.strip() for p in line.removeprefix("import time:").split("|")]
        if len(parts) == 3 and parts[0].isdigit() and parts[2].startswith("govnlp"):
            rows.append((parts[2], int(parts[0]) / 1e6))
    return sorted(rows, key=lambda r: -r[1])[:5]


def measure_scaling(built: dict[str, Fn], res: Results) -> None:
    """The reference document, 1x, 4x and 16x, as one string each."""
    st = res.settings
    doc = res.corpus.reference_document()
    if st.quick:
        doc = doc[:1000]
    res.scaling_chars = len(doc)
    for key, fn in built.items():
        log(f"scaling {key}")
        row: dict[int, Timing | str] = {}
        for k in (1, 4, 16):
            text = "\n".join([doc] * k)
            prev = row.get(k // 4)
            if isinstance(prev, Timing) and prev.seconds * 4 > st.scaling_limit:
                row[k] = f"skipped (≈{prev.seconds * 4:.0f} s)"
                continue
            if isinstance(prev, str):
                row[k] = prev
                continue
            t = _guarded(
                key,
                res,
                partial(
                    time_texts, fn, [text], repeats=st.repeats, budget=st.budget, warmup=k == 1
                ),
            )
            row[k] = t if t is not None else "failed"
        res.scaling[key] = row


def measure_adversarial(built: dict[str, Fn], res: Results) -> None:
    """Per-character time on each adversarial input over that on prose of the same length."""
    st = res.settings
    size = st.adversarial_chars
    prose = res.corpus.prose(size)
    inputs = adversarial(size, prose)
    for key, fn in built.items():
        if not key.startswith("govnlp.") or "[5k" in key:
            continue
        log(f"adversarial {key}")
        row: dict[str, float | str] = {}
        base = _guarded(
            key, res, partial(time_texts, fn, [prose], repeats=st.repeats, budget=st.budget)
        )
        if base is None:
            continue
        row["prose chars/s"] = base.rate
        for name, text in inputs.items():
            row[name] = _adversarial_ratio(fn, text, base, st)
        res.adversarial[key] = row


def _adversarial_ratio(fn: Fn, text: str, base: Timing, st: Settings) -> float | str:
    """Per-char time ratio to prose.

    Slices of 1/64 and 1/16 are timed first: when 4× the text costs more than 6× the time,
    the growth is super-linear, and the full input is run only if the extrapolated time
    (the same growth for each further 4×) stays within the limit; otherwise the growth
    itself is reported, so a quadratic path cannot hang the run.
    """
    small, probe = text[: max(len(text) // 64, 1)], text[: max(len(text) // 16, 1)]
    per_prose_char = base.seconds / base.chars
    try:
        t_small, _ = one_pass(fn, [small])
        t_probe, _ = one_pass(fn, [probe])
        growth = t_probe / max(t_small, 1e-6)
        expected = t_probe * max(growth, 4.0) ** 2  # two more 4× steps at the same growth
        if growth > 6 and expected > st.scaling_limit:
            ratio = (t_probe / len(probe)) / per_prose_char
            return (
                f"super-linear: 4× the text took {growth:.0f}× the time "
                f"({len(small):,} → {len(probe):,} chars); {ratio:.1f}× prose at "
                f"{len(probe):,} chars; full size ≈ {expected:.0f} s, not run"
            )
        t = time_texts(fn, [text], repeats=st.repeats, budget=st.budget, warmup=False)
    except Exception as e:  # an input that crashes a capability is a finding, not a stop
        return f"error: {type(e).__name__}: {str(e)[:80]}"
    return (t.seconds / t.chars) / per_prose_char


def measure_accuracy(res: Results) -> None:
    """Strict precision/recall of each quantity tool on the development gold."""
    gold = accuracy.load_gold()
    if not gold:
        return
    for key, (factory, _tool) in accuracy.ADAPTERS.items():
        if not res.settings.peers and not key.startswith("govnlp."):
            continue
        log(f"accuracy {key}")
        try:
            with decimal.localcontext():  # isolate peers' changes to the decimal context
                adapter = _isolated(factory())
        except (Unavailable, ImportError) as e:
            res.accuracy[key] = str(e) if isinstance(e, Unavailable) else "not installed"
            continue
        s = _guarded(key, res, partial(accuracy.score, gold, adapter))
        res.accuracy[key] = s if s is not None else "failed"


def _isolated(adapter: accuracy.Adapter) -> accuracy.Adapter:
    def run(text: str) -> list[accuracy.Pred]:
        with decimal.localcontext():
            return adapter(text)

    return run


TARGETS = {  # subject: chars/s it must reach
    "govnlp.extract_quantities": 3e6,
    # the whole pipeline: normalize, segment, lexicon matching, extract_quantities
    "govnlp.analyze": 1e6,
    # "lexicon matching of >= 5,000 terms": the matcher alone, on clean text (the raw-text
    # `find[5k]`, normalization included, is reported beside the targets, not as one)
    "govnlp.Lexicon.find_normalized[5k]": 10e6,
    "govnlp.Lexicon.find_normalized[5k, pyahocorasick]": 10e6,
}


def missed_targets(res: Results) -> list[str]:
    """The govnlp subjects below their throughput target."""
    out = []
    for key, target in TARGETS.items():
        r = res.rate(key)
        if r is not None and r < target:
            out.append(key)
    return out


def profile(built: dict[str, Fn], res: Results, keys: list[str]) -> None:
    """cProfile each subject over (a sample of) the corpus: top functions by own time."""
    for key in keys:
        fn = built.get(key)
        if fn is None:
            continue
        log(f"profile {key}")
        sample = sample_for_budget(fn, res.corpus.texts, 2.0)
        prof = cProfile.Profile()
        prof.enable()
        try:
            for text in sample:
                fn(text)
        except Exception as e:
            res.unavailable.setdefault(key, f"failed while profiled: {type(e).__name__}: {e}")
            continue
        finally:
            prof.disable()
        stats = pstats.Stats(prof, stream=io.StringIO())
        raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
        total = sum(v[2] for v in raw.values()) or 1.0
        rows, own = [], []
        for (file, line, func), (_cc, _nc, tt, ct, _callers) in raw.items():
            where = f"{Path(file).name}:{line}({func})" if line else func
            rows.append((where, tt / total, ct / total))
            if "govnlp" in Path(file).parts and not func.startswith("<"):
                own.append((f"{Path(file).stem}.{func}", tt / total, ct / total))
        rows.sort(key=lambda r: -r[1])
        own.sort(key=lambda r: -r[2])
        res.profiles[key] = rows[:12]
        res.profiles_inclusive[key] = own[:8]


def run(corpus: Corpus, settings: Settings) -> Results:
    """Measure everything; nothing here raises for a missing tool or capability."""
    t0 = perf_counter()
    res = Results(corpus, settings, machine=machine())
    built = build_subjects(settings, res)
    measure_throughput(built, res)
    with tempfile.TemporaryDirectory() as tmp:
        measure_fresh(built, res, Path(tmp))
    measure_scaling(built, res)
    measure_adversarial(built, res)
    measure_accuracy(res)
    if settings.profile:
        profile(built, res, missed_targets(res))
    res.seconds = perf_counter() - t0
    res.machine["load_end"] = machine()["load"]
    return res


def counterpart(res: Results, subject: Subject) -> str | None:
    """The measured govnlp subject doing the peer's job (None: nothing to compare with)."""
    for key in COUNTERPART.get(subject.task, ()):
        if key in res.throughput and key not in res.empty:
            return key
    return None
