"""Measurements that need a fresh interpreter; each prints one JSON line.

python -m benchmarks.fresh import              # seconds to `import govnlp`, modules it loaded
python -m benchmarks.fresh cold KEY FILE       # build + first call vs a warm call, in seconds
python -m benchmarks.fresh lexicon-load        # Lexicon.load(): first vs second, in seconds
python -m benchmarks.fresh memory FOLDER [N]   # RSS and tracemalloc peaks of the pipeline
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

HEAVY = ("opencc", "ahocorasick", "regex", "hanlp", "pandas", "numpy", "jieba", "matplotlib")


def _rss_mb() -> float:
    """Peak resident set size of this process, in MB.

    Linux keeps ``ru_maxrss`` across ``execve``, so a child of a big parent would report the
    parent's peak; ``VmHWM`` belongs to the new address space and is preferred where present.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def measure_import() -> dict[str, Any]:
    """Time ``import govnlp`` (nothing else imported first but the standard start-up)."""
    before = set(sys.modules)
    t0 = time.perf_counter()
    import govnlp  # noqa: F401

    seconds = time.perf_counter() - t0
    new = set(sys.modules) - before
    heavy = sorted(m for m in new if m.split(".")[0] in HEAVY)
    return {"seconds": seconds, "modules": len(new), "heavy": heavy}


def measure_cold(key: str, path: str) -> dict[str, Any]:
    """Import, build and first call, then a warm call, on one document."""
    text = Path(path).read_text(encoding="utf-8-sig")
    t0 = time.perf_counter()
    from benchmarks.subjects import BY_KEY
    from benchmarks.timing import variant

    subject = BY_KEY[key]
    t1 = time.perf_counter()
    fn = subject.build()
    t2 = time.perf_counter()
    fn(text)
    t3 = time.perf_counter()
    warm = []
    for k in range(3):
        again = variant(text, k)  # the same content, not a remembered string
        t = time.perf_counter()
        fn(again)
        warm.append(time.perf_counter() - t)
    warm.sort()
    return {
        "import": t1 - t0,
        "build": t2 - t1,
        "first": t3 - t2,
        "warm": warm[1],
        "chars": len(text),
    }


def measure_lexicon_load() -> dict[str, Any]:
    """``Lexicon.load()`` three times in a fresh interpreter that has imported govnlp (cold:
    the first load, with the first use of the normalizer; warm: the OS cache is hot)."""
    from benchmarks.subjects import _lexicon_class, bundled_lexicon, terms_lexicon

    _lexicon_class()  # `import govnlp` is measured on its own: time the load, not the import
    out: dict[str, Any] = {}
    for label, factory in (("bundled", bundled_lexicon), ("5k", terms_lexicon)):
        times = []
        lex: Any = None
        try:
            for _ in range(3):
                t = time.perf_counter()
                lex = factory()
                times.append(time.perf_counter() - t)
        except Exception as e:  # e.g. no bundled lexicon yet: measure the other
            out[label] = {"error": f"{type(e).__name__}: {e}"}
            continue
        t = time.perf_counter()
        lex.find("推进碳达峰碳中和，深化放管服改革。")
        first_find = time.perf_counter() - t
        out[label] = {
            "cold": times[0],
            "warm": sorted(times[1:])[0],
            "first_find": first_find,
            "concepts": len(lex),
        }
    return out


def measure_memory(folder: str, limit: int | None, names: str | None = None) -> dict[str, Any]:
    """Peak RSS after import and after the pipeline over the corpus; tracemalloc peak."""
    import tracemalloc

    from benchmarks.corpus import load_corpus

    names_file = Path(names) if names else None
    corpus = load_corpus(Path(folder), limit_chars=limit, names_file=names_file)
    base = _rss_mb()
    import govnlp  # noqa: F401
    from benchmarks.subjects import BY_KEY

    after_import = _rss_mb()
    fn = BY_KEY["govnlp.pipeline"].build()
    for text in corpus.texts:
        fn(text)
    after_corpus = _rss_mb()
    biggest = max(corpus.texts, key=len)
    tracemalloc.start()
    fn(biggest)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "rss_start_mb": base,
        "rss_import_mb": after_import,
        "rss_corpus_mb": after_corpus,
        "corpus_chars": corpus.chars,
        "traced_peak_mb": peak / 2**20,
        "traced_doc_chars": len(biggest),
    }


def main(argv: list[str]) -> None:
    """Dispatch on the first argument; print one JSON line."""
    what = argv[0]
    if what == "import":
        result = measure_import()
    elif what == "cold":
        result = measure_cold(argv[1], argv[2])
    elif what == "lexicon-load":
        result = measure_lexicon_load()
    elif what == "memory":
        limit = int(argv[2]) if len(argv) > 2 else None
        result = measure_memory(argv[1], limit, argv[3] if len(argv) > 3 else None)
    else:
        raise SystemExit(__doc__)
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
