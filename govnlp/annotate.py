"""Hand results to an annotation tool, and read the corrected annotations back as gold.

:func:`to_label_studio` writes Label Studio tasks: the document's text, and as a
prediction one region per quantity labelled with its kind, carrying its fields (value,
unit, qualifier, change; metric, breakdown, period, status, scope) in per-region text
areas that :func:`label_studio_config` declares. :func:`to_doccano` writes doccano's
sequence-labelling JSONL (spans labelled with their kind, the fields in ``meta``).
:func:`read_annotations` reads either tool's export back into the gold rows of
``gold/GUIDELINES.md`` (``<stem>.quantities.jsonl``, ``<stem>.indicators.jsonl``), the
format ``tools/score.py`` reads, so a team can correct a sample and measure govnlp on it.

>>> tasks = to_label_studio([("a.txt", "增长5%")])
>>> [r["value"]["labels"] for r in tasks[0]["predictions"][0]["result"] if r["type"] == "labels"]
[['percent']]
>>> read_annotations(tasks)["a"]["quantities"][0]["value"]
'5'
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping, Sequence
from html import escape
from typing import Any, get_args

from . import __version__
from .errors import GovnlpError
from .quantities.model import Kind

__all__ = [
    "INDICATOR_FIELDS",
    "QUANTITY_FIELDS",
    "AnnotationError",
    "label_studio_config",
    "read_annotations",
    "to_doccano",
    "to_label_studio",
    "write_gold",
]

QUANTITY_FIELDS = ("value", "value_max", "unit", "qualifier", "change")
"""A quantity's fields besides its span and kind (the region's label)."""
INDICATOR_FIELDS = ("metric", "breakdown", "period", "status", "scope")
"""An indicator row's fields."""
TASKS = ("quantities", "indicators")


class AnnotationError(GovnlpError, ValueError):
    """An annotation file cannot be read: names the file and the task or line."""

    def __init__(self, path: str, where: str, problem: str) -> None:
        self.path, self.where, self.problem = path, where, problem
        super().__init__(path, where, problem)

    def __str__(self) -> str:
        return f"{self.path}: {self.where}: {self.problem}"


def _stem(name: str) -> str:
    return os.path.splitext(os.path.basename(name))[0] or "stdin"


def _change_text(change: Mapping[str, Any] | None) -> str:
    if not change:
        return ""
    return " ".join(x for x in (change.get("direction"), change.get("basis")) if x)


def _change_of(text: str) -> dict[str, Any] | None:
    words = text.split()
    if not words:
        return None
    return {"direction": words[0], "basis": words[1] if len(words) > 1 else None}


def _fields(
    q: Mapping[str, Any], row: Mapping[str, Any] | None, tasks: Sequence[str]
) -> dict[str, str]:
    out: dict[str, str] = {}
    if "quantities" in tasks:
        for f in QUANTITY_FIELDS:
            v = q.get(f)
            out[f] = _change_text(v) if f == "change" else "" if v is None else str(v)
    if "indicators" in tasks and row is not None:
        for f in INDICATOR_FIELDS:
            v = row.get(f)
            out[f] = "" if v is None else str(v)
    return out


def _results(text: str, tasks: Sequence[str]) -> list[tuple[dict[str, Any], dict[str, str]]]:
    """Each quantity's record with its fields (and its indicator row's)."""
    from .quantities import extract_quantities

    quantities = extract_quantities(text)
    rows: dict[tuple[int, int], dict[str, Any]] = {}
    if "indicators" in tasks:
        from .indicators import indicators_from
        from .lexicon import Lexicon
        from .sections import segment

        found = Lexicon.default().find(text)
        for r in indicators_from(text, quantities, segment(text), found):
            rows.setdefault((r.start, r.end), r.to_dict())
    out = []
    for q in quantities:
        d = q.to_dict()
        out.append((d, _fields(d, rows.get((q.start, q.end)), tasks)))
    return out


def _check_tasks(tasks: Sequence[str]) -> None:
    unknown = [t for t in tasks if t not in TASKS]
    if unknown:
        raise AnnotationError("--tasks", ",".join(unknown), f"unknown (known: {', '.join(TASKS)})")


def to_label_studio(
    documents: Iterable[tuple[str, str]], tasks: Sequence[str] = TASKS
) -> list[dict[str, Any]]:
    """Label Studio tasks for ``(name, text)`` documents, govnlp's results as predictions."""
    _check_tasks(tasks)
    out = []
    for name, text in documents:
        result: list[dict[str, Any]] = []
        for n, (q, fields) in enumerate(_results(text, tasks)):
            where = {"start": q["start"], "end": q["end"], "text": q["text"]}
            region = f"q{n}"
            result.append(
                {
                    "id": region,
                    "from_name": "label",
                    "to_name": "text",
                    "type": "labels",
                    "value": {**where, "labels": [q["kind"]]},
                }
            )
            for field, value in fields.items():
                result.append(
                    {
                        "id": region,
                        "from_name": field,
                        "to_name": "text",
                        "type": "textarea",
                        "value": {**where, "text": [value]},
                    }
                )
        out.append(
            {
                "data": {"text": text, "file": name, "stem": _stem(name)},
                "predictions": [{"model_version": f"govnlp {__version__}", "result": result}],
            }
        )
    return out


def label_studio_config(tasks: Sequence[str] = TASKS) -> str:
    """The labelling interface for :func:`to_label_studio` tasks (Label Studio XML)."""
    _check_tasks(tasks)
    labels = "".join(f'<Label value="{k}"/>' for k in get_args(Kind))
    fields = [*(QUANTITY_FIELDS if "quantities" in tasks else ())]
    fields += [*(INDICATOR_FIELDS if "indicators" in tasks else ())]
    areas = "".join(
        f'<Header value="{escape(f)}" size="6"/><TextArea name="{escape(f)}" toName="text" '
        'perRegion="true" editable="true" maxSubmissions="1" rows="1"/>'
        for f in fields
    )
    return (
        '<View><Labels name="label" toName="text">'
        f"{labels}</Labels>"
        '<Text name="text" value="$text"/>'
        f'<View visibleWhen="region-selected">{areas}</View></View>\n'
    )


def to_doccano(
    documents: Iterable[tuple[str, str]], tasks: Sequence[str] = TASKS
) -> list[dict[str, Any]]:
    """doccano sequence-labelling records: ``label`` spans with their kind; the fields of
    each span in ``meta["fields"]`` under ``"start:end"``."""
    _check_tasks(tasks)
    out = []
    for name, text in documents:
        labels, fields = [], {}
        for q, f in _results(text, tasks):
            labels.append([q["start"], q["end"], q["kind"]])
            fields[f"{q['start']}:{q['end']}"] = f
        out.append(
            {
                "text": text,
                "label": labels,
                "meta": {"file": name, "stem": _stem(name), "tasks": list(tasks), "fields": fields},
            }
        )
    return out


def _gold(
    text: str, spans: list[tuple[int, int, str, dict[str, str]]], tasks: Sequence[str]
) -> dict[str, list[dict[str, Any]]]:
    quantities, indicators = [], []
    for start, end, kind, f in sorted(spans, key=lambda s: (s[0], s[1])):
        span = text[start:end]
        q: dict[str, Any] = {
            "text": span,
            "value": f.get("value") or None,
            "unit": f.get("unit", ""),
        }
        q |= {"kind": kind, "qualifier": f.get("qualifier") or "exact"}
        q |= {"change": _change_of(f.get("change", "")), "start": start, "end": end}
        if f.get("value_max"):
            q["value_max"] = f["value_max"]
        quantities.append(q)
        if any(k in f for k in INDICATOR_FIELDS):
            row: dict[str, Any] = {"start": start, "end": end, "text": span}
            row |= {k: f.get(k) or None for k in INDICATOR_FIELDS}
            row["status"] = row["status"] or "actual"
            indicators.append(row)
    gold: dict[str, list[dict[str, Any]]] = {}
    if "quantities" in tasks:
        gold["quantities"] = quantities
    if "indicators" in tasks:
        gold["indicators"] = indicators
    return gold


def _label_studio_spans(
    task: Mapping[str, Any], where: str
) -> list[tuple[int, int, str, dict[str, str]]]:
    chosen = [a for a in task.get("annotations") or () if not a.get("was_cancelled")]
    source = chosen or task.get("predictions") or []
    if not source:
        return []
    result = source[-1].get("result", [])
    regions: dict[str, dict[str, Any]] = {}
    for r in result:
        value = r.get("value") or {}
        region = regions.setdefault(str(r.get("id")), {"fields": {}})
        if "start" in value and "end" in value:
            region["start"], region["end"] = int(value["start"]), int(value["end"])
        if r.get("type") == "labels":
            labels = value.get("labels") or []
            if not labels:
                raise AnnotationError(where, f"region {r.get('id')}", "no label")
            region["kind"] = labels[0]
        elif r.get("type") == "textarea":
            texts = value.get("text") or [""]
            region["fields"][r.get("from_name")] = str(texts[0]).strip()
    spans = []
    for rid, region in regions.items():
        if "kind" not in region:
            continue  # fields of a region whose label was deleted
        if "start" not in region:
            raise AnnotationError(where, f"region {rid}", "no start and end")
        spans.append((region["start"], region["end"], region["kind"], region["fields"]))
    return spans


def read_annotations(
    data: Sequence[Mapping[str, Any]], tasks: Sequence[str] = TASKS, path: str = "<annotations>"
) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """Gold rows per document stem and task from a Label Studio JSON export (a list of
    tasks; each task's last annotation, or its prediction where nobody annotated it) or
    doccano JSONL records (``label`` spans, fields from ``meta``)."""
    _check_tasks(tasks)
    out: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for n, item in enumerate(data):
        where = f"{path} item {n + 1}"
        if "data" in item:  # Label Studio
            info = item["data"]
            text = info.get("text")
            stem = info.get("stem") or _stem(info.get("file", f"task{n + 1}"))
            spans = _label_studio_spans(item, where)
        elif "text" in item:  # doccano
            text = item["text"]
            meta = item.get("meta") or {}
            stem = meta.get("stem") or _stem(meta.get("file", f"doc{n + 1}"))
            fields = meta.get("fields") or {}
            labels = item.get("label") or item.get("labels") or []
            spans = []
            for s, e, kind in labels:
                spans.append((int(s), int(e), str(kind), dict(fields.get(f"{s}:{e}", {}))))
        else:
            raise AnnotationError(path, f"item {n + 1}", "neither a Label Studio task nor doccano")
        if not isinstance(text, str):
            raise AnnotationError(path, f"item {n + 1}", "has no text")
        for start, end, _, _ in spans:
            if not 0 <= start < end <= len(text):
                raise AnnotationError(where, f"{start}:{end}", "span outside the text")
        out[stem] = _gold(text, spans, tasks)
    return out


def load(path: str) -> list[dict[str, Any]]:
    """A Label Studio JSON export (a list) or a doccano JSONL file (one record a line)."""
    try:
        with open(path, encoding="utf-8") as f:
            content = f.read()
    except (OSError, UnicodeDecodeError) as e:
        raise AnnotationError(path, "file", f"cannot read: {e}") from None
    stripped = content.lstrip()
    if stripped.startswith("["):
        try:
            loaded = json.loads(content)
        except json.JSONDecodeError as e:
            raise AnnotationError(path, f"line {e.lineno}", f"not JSON: {e.msg}") from None
        return list(loaded)
    records = []
    for n, line in enumerate(content.splitlines(), 1):
        if line.strip():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise AnnotationError(path, f"line {n}", f"not JSON: {e.msg}") from None
    return records


def write_gold(gold: Mapping[str, Mapping[str, list[dict[str, Any]]]], folder: str) -> list[str]:
    """``<stem>.quantities.jsonl`` / ``<stem>.indicators.jsonl`` in ``folder``; the paths."""
    os.makedirs(folder, exist_ok=True)
    written = []
    for stem, by_task in gold.items():
        for task, rows in by_task.items():
            path = os.path.join(folder, f"{stem}.{task}.jsonl")
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                for r in rows:
                    f.write(json.dumps(r, ensure_ascii=False) + "\n")
            written.append(path)
    return written
