"""Fuzzing every public entry point of govnlp against its invariants.

``python -m benchmarks.fuzz --budget 600`` runs for 600 seconds and prints the number of
executions and every failure (the input, the entry point and what broke), each also
saved under ``--crashes`` (default ``fuzz-crashes/``) as a UTF-8 file to replay with
``--replay FILE``. With atheris installed (``pip install atheris``) the run is
coverage-guided (libFuzzer, with the mutator below); without it, the same mutator runs
on its own, seeded from the documents in ``--corpus`` (default ``../shared/corpus/docs``,
else the seeds in ``tests/data/seeds``).

Each execution feeds one text to every entry point and checks:

- no exception but the documented ones (``QuantityParseError`` from ``parse_quantity``);
- every span in bounds, ``text[start:end] == result.text`` for quantities, terms,
  headings (and anything ``govnlp.elements`` returns), and for indicator metrics
  ``squash(text[metric_start:metric_end]) == metric``;
- quantities sorted and non-overlapping, terms too;
- the top-level sections tile ``[0, len(text))`` and every section's children tile the
  rest of it after its body; headings lie inside their sections;
- ``normalize``: the steps replay to the clean text, ``to_source`` stays in bounds;
- ``parse_quantity(q.text)`` of each mention found alone gives a quantity or
  ``QuantityParseError``.

The mutator works on text, not bytes: it splices pieces of real documents, inserts
tokens that the readers care about (digits, full-width forms, 一、, （, 第一条, 万, 亿,
%, 增长, 〔, markup, CR, odd spaces, traditional characters, long digit runs), repeats
and deletes stretches.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import sys
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED_DOCS = ROOT.parent / "shared" / "corpus" / "docs"
SEEDS = ROOT / "tests" / "data" / "seeds"

MAX_CHARS = 600
"""Inputs are cut to this many characters: short inputs make many executions."""

TOKENS = (
    "0", "1", "9", "12", "2023", "3.5", "1,234", "１", "２０２３", "％", "．", "，", "%", "‰",
    "一", "二", "十", "百", "千", "万", "亿", "兆", "零", "〇", "两", "几", "余", "多", "近",
    "一、", "二、", "（一）", "(1)", "1.", "1、", "①", "㈠", "⑴", "第一条", "第二章", "第三节",
    "一是", "附件1", "附件", "增长", "下降", "同比增长", "比上年", "提高", "达到", "完成",
    "万元", "亿元", "元", "个", "家", "项", "人", "年", "月", "日", "平方公里", "吨", "倍",
    "〔2020〕", "[2019]", "号", "国发", "——", "—", "～", "~", "-", "至", "到",
    "\n", "\r", "\r\n", "\n\n", " ", "\u3000", "\xa0", "\u200b", "\ufeff", "\t", "\u2028",
    "**", "##", "# ", "<b>", "</b>", "<br>", "|", "| --- |", "![图](a.png)", "<!-- x -->",
    "“", "”", "「", "」", "《", "》", "（", "）", "(", ")", "。", "；", "：", "、",
    "經濟", "連續兩年", "億元", "萬", "關鍵", "ＧＤＰ", "ｋｍ", "Ａ",
    "放管服", "碳达峰", "高新技术企业", "沈阳市", "2022年", "“十四五”", "十四五",
    "1" * 57, "1" * 30 + "万", "9" * 20, "0." + "0" * 30 + "1", "一" * 30, "（" * 20,
)  # fmt: skip
"""Pieces the mutator inserts: what the scanners and the rules look for."""


@dataclass(frozen=True)
class Failure:
    """One broken invariant: the entry point, what broke, and the input."""

    entry: str
    problem: str
    text: str

    def __str__(self) -> str:
        return f"{self.entry}: {self.problem}\n  input ({len(self.text)} chars): {self.text!r}"


class Broken(AssertionError):
    """An invariant does not hold."""


def _check(ok: bool, what: str) -> None:
    if not ok:
        raise Broken(what)


def _spans(text: str, results: Sequence[Any], what: str, *, ordered: bool) -> None:
    last = 0
    for r in results:
        s, e = r.start, r.end
        _check(0 <= s <= e <= len(text), f"{what} span ({s}, {e}) out of bounds {len(text)}")
        _check(text[s:e] == r.text, f"{what} text {r.text!r} != text[{s}:{e}] {text[s:e]!r}")
        if ordered:
            _check(s >= last, f"{what} at ({s}, {e}) overlaps or comes before {last}")
            last = e


def check_normalize(text: str) -> None:
    from govnlp.normalize import apply_plan, normalize

    n = normalize(text)
    _check(apply_plan(n.source, n.steps, n.config) == n.text, "steps do not replay")
    if hash(text) % 8:  # explain replays the plan once more: on one input in eight
        return
    for start in {0, len(n.text) // 3, len(n.text) // 2, len(n.text)}:
        for end in {start, min(len(n.text), start + 3), len(n.text)}:
            s, e = n.to_source(start, end)
            _check(0 <= s <= e <= len(text), f"to_source({start}, {end}) = ({s}, {e})")
    for c in n.explain():
        _check(0 <= c.start <= c.end <= len(text), f"explain change out of bounds: {c}")


def _tile(sections: Sequence[Any], start: int, end: int, what: str) -> None:
    at = start
    for s in sections:
        _check(s.start == at, f"{what}: section at {s.start}, expected {at}")
        _check(s.start <= s.end, f"{what}: section ({s.start}, {s.end}) reversed")
        if s.heading is not None:
            h = s.heading
            _check(s.start <= h.start <= h.end <= s.end, f"heading {h} outside its section")
        if s.children:
            _tile(s.children, s.children[0].start, s.end, what)
            _check(s.children[0].start >= s.start, f"{what}: child before its parent")
        at = s.end
    _check(at == end, f"{what}: sections end at {at}, expected {end}")


def check_segment(text: str) -> None:
    from govnlp.sections import segment

    outline = segment(text)
    _spans(text, outline.headings(), "heading", ordered=True)
    if outline.sections:
        _tile(outline.sections, 0, len(text), "sections")
    else:
        _check(not text, "no sections for a non-empty text")
    for d in outline.check():
        _check(0 <= d.start <= d.end <= len(text), f"diagnostic out of bounds: {d}")


def check_quantities(text: str) -> None:
    from govnlp.errors import QuantityParseError
    from govnlp.quantities import extract_quantities, parse_quantity

    found = extract_quantities(text)
    _spans(text, found, "quantity", ordered=True)
    for q in found[:5]:
        with contextlib.suppress(QuantityParseError):
            parse_quantity(q.text)


def check_parse_quantity(text: str) -> None:
    from govnlp.errors import QuantityParseError
    from govnlp.quantities import parse_quantity

    try:
        q = parse_quantity(text[:80])
    except QuantityParseError:
        return
    _spans(text[:80], [q], "parse_quantity", ordered=True)


def check_terms(text: str) -> None:
    from govnlp.lexicon import Lexicon

    _spans(text, Lexicon.default().find(text), "term", ordered=True)


def check_indicators(text: str) -> None:
    from govnlp.indicators import extract_indicators
    from govnlp.indicators.view import squash

    rows = extract_indicators(text)
    _spans(text, [r.quantity for r in rows], "indicator quantity", ordered=False)
    for r in rows:
        if r.metric is None:
            continue
        s, e = r.metric_start, r.metric_end
        _check(s is not None and e is not None, f"metric {r.metric!r} without a span")
        assert s is not None and e is not None
        _check(0 <= s <= e <= len(text), f"metric span ({s}, {e}) out of bounds")
        _check(
            squash(text[s:e]) == r.metric,
            f"metric {r.metric!r} != squash(text[{s}:{e}]) {squash(text[s:e])!r}",
        )


def check_analyze(text: str) -> None:
    from govnlp.document import analyze

    doc = analyze(text)  # (its indicators are extract_indicators' own, checked above)
    _spans(text, doc.quantities, "analyze quantity", ordered=True)
    _spans(text, doc.terms, "analyze term", ordered=True)
    _spans(text, doc.outline.headings(), "analyze heading", ordered=True)
    for q in doc.quantities:
        doc.section_path(q)


def check_elements(text: str) -> None:
    """Whatever ``govnlp.elements`` returns (once it exists): spans point into the text."""
    try:
        import govnlp.elements as elements
    except ImportError:
        return
    for name in ("elements", "extract_elements", "find_elements", "read_elements"):
        fn = getattr(elements, name, None)
        if callable(fn):
            result = fn(text)
            items = (
                result
                if isinstance(result, (list, tuple))
                else getattr(result, "elements", getattr(result, "spans", ()))
            )
            _spans(
                text,
                [r for r in items if hasattr(r, "start") and hasattr(r, "text")],
                "element",
                ordered=False,
            )
            return


KNOWN: dict[str, Callable[[Failure], bool]] = {
    # owned by other work in progress; counted apart so that new findings stand out
    "issue 14 item 1 (a long digit run: decimal.InvalidOperation)": (
        lambda f: f.problem.startswith("InvalidOperation")
    ),
    "issue 14 item 3 (markup inside a metric's span)": (
        lambda f: f.entry == "extract_indicators" and "squash(text[" in f.problem
        and "<" in f.problem.split("squash(text[", 1)[1]
    ),
}  # fmt: skip
"""Failures already reported in issue 14 and being fixed elsewhere, by a test on them."""


def known(f: Failure) -> str | None:
    """The known issue a failure is an instance of, if any."""
    return next((name for name, test in KNOWN.items() if test(f)), None)


ENTRY_POINTS: dict[str, Callable[[str], None]] = {
    "normalize": check_normalize,
    "segment": check_segment,
    "extract_quantities": check_quantities,
    "parse_quantity": check_parse_quantity,
    "Lexicon.find": check_terms,
    "extract_indicators": check_indicators,
    "analyze": check_analyze,
    "elements": check_elements,
}


def check_all(text: str) -> list[Failure]:
    """Every entry point on ``text``; the invariants that broke (none, normally)."""
    failures = []
    for name, check in ENTRY_POINTS.items():
        try:
            check(text)
        except Broken as e:
            failures.append(Failure(name, str(e), text))
        except RecursionError:
            failures.append(Failure(name, "RecursionError", text))
        except Exception as e:
            where = traceback.extract_tb(e.__traceback__)[-1]
            problem = f"{type(e).__name__}: {str(e)[:200]} ({where.filename}:{where.lineno})"
            failures.append(Failure(name, problem, text))
    return failures


# --- the mutator ------------------------------------------------------------------------------


def load_seeds(folder: Path | None, *, limit: int = 400, rnd: random.Random) -> list[str]:
    """Pieces of real documents (up to ``MAX_CHARS`` each) and a few built inputs."""
    folders = [f for f in (folder, SHARED_DOCS, SEEDS) if f is not None and f.is_dir()]
    pieces: list[str] = ["", "一、总则\r二、附则\r", "１％２％", "增长10％３家企业"]
    if folders:
        files = sorted(p for p in folders[0].rglob("*.txt"))
        rnd.shuffle(files)
        for p in files[:limit]:
            text = p.read_bytes().decode("utf-8", "replace")
            if text:
                at = rnd.randrange(max(1, len(text) - MAX_CHARS))
                pieces.append(text[at : at + rnd.randint(10, rnd.choice((80, 200, MAX_CHARS)))])
    return pieces


def mutate(text: str, rnd: random.Random, seeds: Sequence[str]) -> str:
    """One to four random edits of ``text``."""
    for _ in range(rnd.randint(1, 4)):
        n = len(text)
        op = rnd.randrange(9)
        at = rnd.randint(0, n)
        if op <= 2:  # insert a token
            text = text[:at] + rnd.choice(TOKENS) + text[at:]
        elif op == 3 and n:  # delete a stretch
            text = text[:at] + text[at + rnd.randint(1, 20) :]
        elif op == 4 and n:  # repeat a stretch
            piece = text[at : at + rnd.randint(1, 12)]
            text = text[:at] + piece * rnd.randint(2, 30) + text[at:]
        elif op == 5:  # splice in a piece of another document
            other = rnd.choice(seeds)
            k = rnd.randint(0, len(other))
            text = text[:at] + other[k : k + rnd.randint(1, 200)] + text[at:]
        elif op == 6 and n:  # replace one character by a random one
            low, high = rnd.choice(
                ((0x20, 0x7E), (0x3000, 0x9FFF), (0xFF00, 0xFFEF), (0, 0x10FFFF))
            )
            ch = chr(rnd.randint(low, high))
            if not 0xD800 <= ord(ch) <= 0xDFFF:
                text = text[: min(at, n - 1)] + ch + text[min(at, n - 1) + 1 :]
        elif op == 7:  # line ends
            text = text.replace("\n", rnd.choice(("\r", "\r\n", "\n\n", "\u2028")))
        elif op == 8 and n:  # full width
            text = text[:at] + _widen(text[at : at + 8]) + text[at + 8 :]
    return text[: MAX_CHARS * 2]


def _widen(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s)


def _inputs(rnd: random.Random, seeds: Sequence[str]) -> Iterator[str]:
    while True:
        yield mutate(rnd.choice(seeds), rnd, seeds)


@dataclass
class Report:
    executions: int = 0
    seconds: float = 0.0
    failures: list[Failure] | None = None
    known: dict[str, int] | None = None
    """How many executions hit each known issue (not counted as failures)."""


def run(
    budget: float,
    *,
    seed: int = 0,
    corpus: Path | None = None,
    crashes: Path | None = None,
    max_failures: int = 20,
    log: Any = None,
    skip_known: bool = True,
) -> Report:
    """Mutate and check for ``budget`` seconds (the plain driver, no coverage)."""
    rnd = random.Random(seed)
    seeds = load_seeds(corpus, rnd=rnd)
    report = Report(failures=[], known={})
    assert report.failures is not None and report.known is not None
    seen: set[tuple[str, str]] = set()
    started = time.monotonic()
    next_log = started + 30
    for text in _inputs(rnd, seeds):
        for f in check_all(text):
            issue = known(f) if skip_known else None
            if issue is not None:
                report.known[issue] = report.known.get(issue, 0) + 1
                continue
            key = (f.entry, f.problem.split(" (")[0][:80])
            if key in seen:
                continue
            seen.add(key)
            report.failures.append(f)
            if log is not None:
                print(f"FAILURE {f}", file=log, flush=True)
            if crashes is not None:
                crashes.mkdir(parents=True, exist_ok=True)
                name = f"{f.entry}-{abs(hash(f.text)) % 10**10}.txt"
                (crashes / name).write_text(f.text, encoding="utf-8", newline="")
        report.executions += 1
        now = time.monotonic()
        if log is not None and now >= next_log:
            print(f"fuzz: {report.executions:,} executions, {len(seen)} failures, "
                  f"{report.executions / (now - started):,.0f}/s, known: {report.known}",
                  file=log, flush=True)  # fmt: skip
            next_log = now + 30
        if now - started >= budget or len(report.failures) >= max_failures:
            break
    report.seconds = time.monotonic() - started
    return report


def run_atheris(budget: float, corpus: Path | None, crashes: Path) -> None:
    """The coverage-guided run (libFuzzer through atheris), with the text mutator."""
    import atheris

    rnd = random.Random(0)
    seeds = load_seeds(corpus, rnd=rnd)

    def custom_mutator(data: bytes, max_size: int, seed: int) -> bytes:
        r = random.Random(seed)
        text = data.decode("utf-8", "replace") if data else r.choice(seeds)
        return mutate(text, r, seeds).encode("utf-8", "replace")[:max_size]

    def one(data: bytes) -> None:
        text = data.decode("utf-8", "replace")
        failures = check_all(text)
        if failures:
            print("\n".join(map(str, failures)), file=sys.stderr, flush=True)
            raise Broken(str(failures[0]))

    with atheris.instrument_imports():
        import govnlp
        import govnlp.indicators
        import govnlp.lexicon  # noqa: F401
    crashes.mkdir(parents=True, exist_ok=True)
    argv = [
        sys.argv[0],
        f"-max_total_time={int(budget)}",
        f"-artifact_prefix={crashes}/",
        f"-max_len={MAX_CHARS * 6}",
        "-print_final_stats=1",
    ]
    atheris.Setup(argv, one, custom_mutator=custom_mutator)
    atheris.Fuzz()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.fuzz", description=__doc__)
    parser.add_argument("--budget", type=float, default=60, help="seconds to run (default 60)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--corpus", type=Path, help="a folder of .txt documents to mutate")
    parser.add_argument("--crashes", type=Path, default=Path("fuzz-crashes"))
    parser.add_argument(
        "--engine", choices=("auto", "atheris", "plain"), default="plain",
        help="plain: the mutator alone (default); atheris: coverage-guided",
    )  # fmt: skip
    parser.add_argument("--replay", type=Path, nargs="*", help="check these saved inputs")
    parser.add_argument(
        "--report-known", action="store_true", help="report the known issues as failures too"
    )
    args = parser.parse_args(argv)
    if args.replay:
        bad = 0
        for path in args.replay:
            failures = check_all(path.read_text(encoding="utf-8"))
            bad += bool(failures)
            for f in failures:
                print(f"{path}: {f}")
        return 1 if bad else 0
    engine = args.engine
    if engine == "auto":
        try:
            import atheris  # noqa: F401

            engine = "atheris"
        except ImportError:
            engine = "plain"
    if engine == "atheris":
        run_atheris(args.budget, args.corpus, args.crashes)
        return 0
    report = run(
        args.budget,
        seed=args.seed,
        corpus=args.corpus,
        crashes=args.crashes,
        log=sys.stderr,
        skip_known=not args.report_known,
        max_failures=200,
    )
    failures = report.failures or []
    print(
        f"fuzz: {report.executions:,} executions in {report.seconds:,.0f} s "
        f"({report.executions / max(report.seconds, 1e-9):,.0f}/s), {len(failures)} failures"
    )
    for issue, n in (report.known or {}).items():
        print(f"known: {issue}: {n} executions")
    for f in failures:
        print(f)
    return 1 if failures else 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
