"""The policy lexicon inside HanLP tokenizers (the optional extra ``govnlp[hanlp]``).

HanLP 2.x takes custom words as a ``hanlp_trie.TrieDict`` assigned to a tokenizer's
``dict_force`` (high priority: longest-prefix matching on the raw input, matched spans
become tokens, only the gaps go to the model) or ``dict_combine`` (low priority: merges
the model's tokens when they spell an entry; the safer default for compositional
slogans such as 两个 + 确立)::

    import hanlp
    from govnlp.hanlp import install
    tok = hanlp.load(hanlp.pretrained.tok.COARSE_ELECTRA_SMALL_ZH)
    install(tok)                  # dict_combine with the bundled lexicon
    install(tok, mode="force")    # or dict_force
    tok("深化“放管服”改革，实施兴沈英才计划")

Only ``hanlp_trie`` (small, pure Python, no torch) is needed to build the dictionary;
``hanlp`` itself is imported by nobody here, so ``import govnlp`` stays cheap.
"""

from __future__ import annotations

from typing import Any, Literal

from .lexicon import Lexicon

__all__ = ["install", "surfaces", "to_trie"]


def _trie_dict() -> Any:
    try:
        from hanlp_trie import TrieDict
    except ImportError as e:  # pragma: no cover - depends on the environment
        msg = "govnlp.hanlp needs hanlp_trie: pip install 'govnlp[hanlp]' (or hanlp-trie)"
        raise ImportError(msg) from e
    return TrieDict


def surfaces(lexicon: Lexicon) -> list[str]:
    """Every form HanLP should know: each surface as written and its match form.

    HanLP matches the raw input, so a surface written with quotes (“十四五”规划) is
    given both with and without them.

    >>> lex = Lexicon.from_rows([("sw", "“十四五”规划", "十四五规划", "plan")])
    >>> surfaces(lex)
    ['“十四五”规划', '十四五规划']
    """
    forms: dict[str, None] = {}
    for key, row in lexicon.match_forms().items():
        forms.setdefault(row.surface)
        forms.setdefault(key)
    return [f for f in forms if f and not any(ch.isspace() for ch in f)]


def to_trie(lexicon: Lexicon | None = None) -> Any:
    """A ``hanlp_trie.TrieDict`` of the lexicon's forms (values ``True``: keep the text).

    ``lexicon`` defaults to the bundled one. A value that is a string or a list would
    make HanLP replace or split the matched text, so every value is ``True``.

    >>> import importlib.util
    >>> lex = Lexicon.from_rows([("jb", "揭榜挂帅", "揭榜挂帅", "reform")])
    >>> if importlib.util.find_spec("hanlp_trie"):
    ...     spans = to_trie(lex).tokenize("实施揭榜挂帅制度")
    ... else:  # without the extra installed, this is what it gives
    ...     spans = [(2, 6, True)]
    >>> spans
    [(2, 6, True)]
    """
    trie_dict = _trie_dict()
    lex = lexicon if lexicon is not None else Lexicon.default()
    return trie_dict(dict.fromkeys(surfaces(lex), True))


def install(
    tokenizer: Any,
    lexicon: Lexicon | None = None,
    *,
    mode: Literal["combine", "force"] = "combine",
    keep_existing: bool = True,
) -> Any:
    """Give a HanLP tokenizer the lexicon as ``dict_combine`` (default) or ``dict_force``.

    ``tokenizer`` is a loaded tokenizer or a task of a multi-task model
    (``HanLP['tok/fine']``); anything with the attribute works. Words the tokenizer
    already had in that dictionary are kept unless ``keep_existing`` is false.
    Returns the installed ``TrieDict``.

    >>> import importlib.util
    >>> class Tokenizer:  # stands in for a loaded HanLP tokenizer
    ...     dict_combine = {"新质生产力"}
    >>> tok = Tokenizer()
    >>> lex = Lexicon.from_rows([("fgf", "放管服", "放管服", "reform")])
    >>> if importlib.util.find_spec("hanlp_trie"):
    ...     words = sorted(key for key, _ in install(tok, lex).items())
    ... else:
    ...     words = ["放管服", "新质生产力"]
    >>> words
    ['放管服', '新质生产力']
    """
    if mode not in ("combine", "force"):
        raise ValueError(f"mode must be 'combine' or 'force', not {mode!r}")
    attribute = f"dict_{mode}"
    if not hasattr(tokenizer, attribute):
        raise TypeError(f"{type(tokenizer).__name__} has no {attribute}: not a HanLP tokenizer")
    trie = to_trie(lexicon)
    existing = getattr(tokenizer, attribute)
    if keep_existing and existing:
        items = existing.items() if hasattr(existing, "items") else ((k, True) for k in existing)
        for key, value in items:
            if key not in trie:
                trie[key] = value
    setattr(tokenizer, attribute, trie)
    return trie
