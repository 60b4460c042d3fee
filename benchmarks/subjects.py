"""What is measured: govnlp's capabilities and the peer tools, each looked up at run time.

A :class:`Subject` knows how to build its callable (``make``); building raises
:class:`Unavailable` when the capability or the package is not installed, and the tables then
say "not available" instead of failing. Building may load data (a lexicon, a model): that cost
is what the cold measurements show.
"""

from __future__ import annotations

import contextlib
import decimal
import importlib
import importlib.metadata
import io
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from .terms import (
    ahocorasick_matcher,
    ahocorasick_rs_matcher,
    hanlp_trie_matcher,
    load_terms,
    regex_matcher,
)

Fn = Callable[[str], object]


class Unavailable(Exception):
    """The capability or tool is not installed (the message says what is missing)."""


@dataclass(frozen=True)
class Subject:
    """One thing to time: ``tool`` + ``name``, doing ``task``."""

    key: str  # unique, used on command lines: "govnlp.extract_quantities"
    tool: str  # "govnlp", "jionlp", ...
    task: str  # normalize | segment | lexicon | quantities | indicators | elements | pipeline
    make: Callable[[], Fn]
    package: str = ""  # distribution whose version is reported
    note: str = ""

    def build(self) -> Fn:
        """The callable, or :class:`Unavailable`.

        A peer that raises on some input is kept going: the call counts as giving nothing and
        the document is remembered in :data:`RAISED` (govnlp's own errors are not hidden).
        """
        try:
            if self.tool == "govnlp":
                return self.make()
            with decimal.localcontext():  # a peer may change the process's decimal context
                return _tolerant(self.key, self.make())
        except Unavailable:
            raise
        except ImportError as e:
            raise Unavailable(f"not installed ({e.name or e})") from None
        except AttributeError as e:
            raise Unavailable(f"not available ({e})") from None

    def version(self) -> str:
        """The installed version of the tool's distribution, or ""."""
        try:
            return importlib.metadata.version(self.package or self.tool)
        except importlib.metadata.PackageNotFoundError:
            return ""


RAISED: dict[str, dict[int, str]] = {}
"""Peer key → {hash of a text it raised on: the exception}."""


def _tolerant(key: str, fn: Fn) -> Fn:
    """``fn`` that returns [] where it raised, and leaves the decimal context as it found it.

    (Recognizers-Text sets the process-wide decimal precision to 15, which would change how
    any later Decimal arithmetic in the same process behaves, govnlp's included.)
    """

    def run(text: str) -> object:
        try:
            with decimal.localcontext():
                return fn(text)
        except Exception as e:
            RAISED.setdefault(key, {})[hash(text)] = f"{type(e).__name__}: {e}"
            return []

    return run


# ---------------------------------------------------------------------------------- govnlp


def _govnlp_attr(name: str) -> Any:
    import govnlp

    fn = getattr(govnlp, name, None)
    if fn is None:
        raise Unavailable(f"not available (govnlp has no {name})")
    return fn


def _lexicon_class() -> Any:
    import govnlp

    cls = getattr(govnlp, "Lexicon", None)
    if cls is None:
        try:
            cls = importlib.import_module("govnlp.lexicon").Lexicon
        except (ImportError, AttributeError):
            raise Unavailable("not available (govnlp has no Lexicon)") from None
    return cls


def bundled_lexicon() -> Any:
    """govnlp's bundled lexicon, freshly loaded (``Lexicon.load()``)."""
    return _lexicon_class().load()


def terms_lexicon() -> Any:
    """A govnlp ``Lexicon`` over the benchmark's 5,000 terms."""
    cls = _lexicon_class()
    rows = [(f"t{i}", t, t, "concept") for i, t in enumerate(load_terms())]
    return cls.from_rows(rows)


def _on_engine(engine: str) -> Fn:
    """``find_normalized`` of the 5,000-term lexicon, matching with ``engine``."""
    lex = terms_lexicon()
    if not hasattr(lex, "using"):
        raise Unavailable("not available (this govnlp has one engine)")
    try:
        fn: Fn = lex.using(engine).find_normalized
    except ValueError as e:
        raise Unavailable(f"not available ({e})") from None
    return fn


def _pipeline() -> Fn:
    """Everything govnlp reads in a document, indicators included: ``analyze(text,
    indicators=True)``; without it, each available capability in turn."""
    import govnlp

    parts = pipeline_parts()
    if parts == ["govnlp.analyze(indicators=True)"]:

        def run_all(text: str) -> list[object]:
            return [govnlp.analyze(text, indicators=True)]

        return run_all
    fns = [s.build() for s in GOVNLP_PARTS if _available(s)]
    if not fns:
        raise Unavailable("not available (no capability is)")

    def run(text: str) -> list[object]:
        return [p(text) for p in fns]

    return run


def pipeline_parts() -> list[str]:
    """What the pipeline runs."""
    import inspect

    import govnlp

    analyze = getattr(govnlp, "analyze", None)
    if analyze is not None and "indicators" in inspect.signature(analyze).parameters:
        return ["govnlp.analyze(indicators=True)"]
    return [s.key for s in GOVNLP_PARTS if _available(s)]


def _available(s: Subject) -> bool:
    try:
        s.build()
    except Exception:  # Unavailable, or broken: the throughput table says which
        return False
    return True


def _find(lex_factory: Callable[[], Any]) -> Fn:
    fn: Fn = lex_factory().find
    return fn


GOVNLP_PARTS = [
    Subject("govnlp.normalize", "govnlp", "normalize", lambda: _govnlp_attr("normalize")),
    Subject("govnlp.segment", "govnlp", "segment", lambda: _govnlp_attr("segment")),
    Subject(
        "govnlp.Lexicon.find",
        "govnlp",
        "lexicon",
        lambda: _find(bundled_lexicon),
        note="the bundled lexicon; normalizes and maps offsets",
    ),
    Subject(
        "govnlp.extract_quantities",
        "govnlp",
        "quantities",
        lambda: _govnlp_attr("extract_quantities"),
        note="includes normalization and offsets",
    ),
    Subject(
        "govnlp.extract_indicators",
        "govnlp",
        "indicators",
        lambda: _govnlp_attr("extract_indicators"),
    ),
    Subject(
        "govnlp.elements",
        "govnlp",
        "elements",
        lambda: _govnlp_attr("elements"),
        note="公文 elements; includes normalization and the document split",
    ),
]

GOVNLP = [
    *GOVNLP_PARTS,
    Subject(
        "govnlp.Lexicon.find[5k]",
        "govnlp",
        "lexicon",
        lambda: _find(terms_lexicon),
        note="the 5,000 benchmark terms; normalizes and maps offsets",
    ),
    Subject(
        "govnlp.Lexicon.find_normalized[5k]",
        "govnlp",
        "lexicon",
        lambda: terms_lexicon().find_normalized,
        note="the 5,000 terms; matching only (text taken as already clean); "
        "the fastest engine installed",
    ),
    Subject(
        "govnlp.Lexicon.find_normalized[5k, pyahocorasick]",
        "govnlp",
        "lexicon",
        partial(_on_engine, "pyahocorasick"),
        note="the same on the engine of a plain install (no fast extra)",
    ),
    Subject(
        "govnlp.analyze",
        "govnlp",
        "pipeline",
        lambda: _govnlp_attr("analyze"),
        note="outline, quantities, terms over one normalization",
    ),
    Subject(
        "govnlp.pipeline",
        "govnlp",
        "pipeline",
        _pipeline,
        note="all capabilities, indicators included, over one reading",
    ),
]


# ----------------------------------------------------------------------------------- peers


def _quiet_import(name: str) -> Any:
    """Import a module that prints banners on import (jionlp) without the noise."""
    with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return importlib.import_module(name)


def _jionlp_money() -> Fn:
    jio = _quiet_import("jionlp")
    fn: Fn = jio.ner.extract_money
    return fn


def _jionlp_clean() -> Fn:
    jio = _quiet_import("jionlp")
    fn: Fn = jio.clean_text
    return fn


def _cn2an() -> Fn:
    cn2an = _quiet_import("cn2an")

    def run(text: str) -> str:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out: str = cn2an.transform(text, "cn2an")
            return out

    return run


def _c2d() -> Fn:
    c2d = _quiet_import("chinese2digits")

    def run(text: str) -> list[str]:
        out: list[str] = c2d.takeNumberFromString(text)["CHNumberStringList"]
        return out

    return run


def rt_models() -> dict[str, Any]:
    """Recognizers-Text's Chinese number, percentage and currency models."""
    number = _quiet_import("recognizers_number")
    with_unit = _quiet_import("recognizers_number_with_unit")
    culture = number.Culture.Chinese
    rec = number.NumberRecognizer(culture)
    return {
        "number": rec.get_number_model(),
        "percentage": rec.get_percentage_model(),
        "currency": with_unit.NumberWithUnitRecognizer(culture).get_currency_model(),
    }


def _rt(which: tuple[str, ...]) -> Fn:
    models = rt_models()
    chosen = [models[w] for w in which]

    def run(text: str) -> list[Any]:
        out: list[Any] = []
        for m in chosen:
            out.extend(m.parse(text))
        return out

    return run


def _opencc() -> Fn:
    import opencc

    fn: Fn = opencc.OpenCC("t2s").convert
    return fn


def _matcher(factory: Callable[[list[str]], Fn]) -> Fn:
    return factory(load_terms())


RT = "recognizers-text-number-with-unit"
PEERS = [
    Subject("jionlp.extract_money", "jionlp", "quantities", _jionlp_money),
    Subject("jionlp.clean_text", "jionlp", "normalize", _jionlp_clean),
    Subject("opencc.t2s", "opencc", "normalize", _opencc, package="OpenCC"),
    Subject("cn2an.transform", "cn2an", "quantities", _cn2an, note="rewrites numerals; no spans"),
    Subject(
        "chinese2digits.takeNumberFromString",
        "chinese2digits",
        "quantities",
        _c2d,
        note="numbers only; no spans",
    ),
    Subject("RT.number", "recognizers-text", "quantities", lambda: _rt(("number",)), package=RT),
    Subject(
        "RT.percentage", "recognizers-text", "quantities", lambda: _rt(("percentage",)), package=RT
    ),
    Subject(
        "RT.currency", "recognizers-text", "quantities", lambda: _rt(("currency",)), package=RT
    ),
    Subject(
        "RT.number+percentage+currency",
        "recognizers-text",
        "quantities",
        lambda: _rt(("number", "percentage", "currency")),
        package=RT,
    ),
    Subject(
        "pyahocorasick.iter+longest[5k]",
        "pyahocorasick",
        "lexicon",
        lambda: _matcher(ahocorasick_matcher),
        note="matching only, no normalization",
    ),
    Subject(
        "ahocorasick_rs.leftmost_longest[5k]",
        "ahocorasick-rs",
        "lexicon",
        lambda: _matcher(ahocorasick_rs_matcher),
        note="matching only, no normalization",
    ),
    Subject(
        "hanlp_trie.parse_longest[5k]",
        "hanlp_trie",
        "lexicon",
        lambda: _matcher(hanlp_trie_matcher),
        package="hanlp-trie",
        note="matching only",
    ),
    Subject(
        "regex.alternation[5k]",
        "regex",
        "lexicon",
        lambda: _matcher(regex_matcher),
        note="matching only",
    ),
]

ALL = [*GOVNLP, *PEERS]
BY_KEY = {s.key: s for s in ALL}

# What a peer is compared with: the govnlp subjects doing the same job, first measured wins
# (matchers are compared with govnlp's matcher alone when it can be measured alone).
COUNTERPART = {
    "normalize": ("govnlp.normalize",),
    "quantities": ("govnlp.extract_quantities",),
    "lexicon": ("govnlp.Lexicon.find_normalized[5k]", "govnlp.Lexicon.find[5k]"),
}
