"""The sentence reader: sentence and clause bounds, and the loop that fills each row."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..quantities import Quantity
from .cells import Tables, read_cell
from .cues import cues
from .frames import Frame, FrameIndex, status_frame
from .metric import read_metric
from .model import DocumentContext, Status
from .periods import date_reported_figure, read_period
from .scope import read_scope
from .status import read_status
from .times import Time
from .view import CLAUSE_END, SENTENCE_END, View


@dataclass
class Row:
    """A row being built (mutable while the sentence is read)."""

    q: Quantity
    vs: int  # view span of the quantity
    ve: int
    metric: tuple[int, int] | None = None  # view span
    metric_text: str | None = None
    breakdown: str | None = None
    period: str | None = None
    status: Status = "actual"
    scope: str | None = None
    section: tuple[str, ...] = ()
    why: dict[str, str] = field(default_factory=dict)
    window: str | None = None  # the window a level was dated to the end of (2021/2025)


_TRAIL = re.compile("以上|以下|左右|余|多|以内")
_CLAUSE_MARK = re.compile("[，,；;：:]")

LOOKBACK = 600
"""How far back a figure looks for the context of its paragraph."""

MAX_SENTENCE = 400
"""The longest stretch read as one sentence (see :meth:`Reader.pieces`)."""


def level_words(rd: Reader, r: Row) -> None:
    """Metric rule (GUIDELINES §3.1, level words): 国家 before a category with only one,
    national, register goes (国家高新技术企业 → 高新技术企业: the set ``national_register``);
    the document's own province or city before a level-named category is cut to its level
    (山西省民营科技企业 → 省民营科技企业, 运城市重点实验室 → 市重点实验室)."""
    if r.metric is None or r.metric_text is None:
        return
    a, b = r.metric
    m = r.metric_text
    cut = 0
    if m.startswith("国家") and m[2:] in cues().sets.get("national_register", {}):
        cut, why = 2, "国家 before a national register"
    else:
        for name in (rd.ctx.province, rd.ctx.region):
            if name and name[-1] in "省市" and m.startswith(name) and len(m) > len(name) + 2:
                cut, why = len(name) - 1, f"{name} cut to its level"
                break
    if cut and rd.v[a : a + cut] == m[:cut]:
        r.metric, r.metric_text = (a + cut, b), m[cut:]
        r.why["metric"] = r.why.get("metric", "") + f"; {why}"


def owner_of_bare_amount(r: Row, before: list[Row]) -> None:
    """Breakdown rule (GUIDELINES §3.2): a bare amount noun (投资, 资金, 产值: the set
    ``owned_amount``) takes as breakdown what the figure before it in the sentence counts, the
    owner or purpose of the amount (开工项目249个，完成投资196.4亿元 → 投资 / 开工项目)."""
    if r.breakdown is not None or r.metric_text is None:
        return
    if r.metric_text not in cues().sets.get("owned_amount", {}):
        return
    owner = next((x for x in reversed(before) if x.metric_text and x.q.kind == "count"), None)
    if owner is None or owner.metric_text is None or owner.metric_text == r.metric_text:
        return
    r.breakdown = owner.metric_text
    r.why["breakdown"] = f"the owner of a bare {r.metric_text}: {owner.metric_text}, counted before"


class Reader:
    """Reads the view sentence by sentence and fills the rows of each."""

    def __init__(
        self,
        v: str,
        rows: list[Row],
        times: list[Time],
        frames: list[Frame],
        ctx: DocumentContext,
        view: View,
        terms: list[tuple[int, int]] | None = None,
    ) -> None:
        self.v = v
        self.rows = rows
        self.times = times
        self.time_starts = [t.start for t in times]
        self.frames = frames
        self.frame_index = FrameIndex(frames)
        self._twice: dict[str, bool] = {}
        self.ctx = ctx
        self.view = view
        self.terms = terms or []  # view spans of named programs (全国重点实验室)
        self.last_metric: tuple[tuple[int, int] | None, str | None] = (None, None)
        self.paragraph_year: tuple[int, str] | None = None  # (paragraph start, period)
        self.quantity_spans = [(r.vs, r.ve) for r in rows]
        self.quantity_starts = frozenset(vs for vs, _ in self.quantity_spans)
        self.quantity_ends = frozenset(ve for _, ve in self.quantity_spans)
        # where a quantity ends, with a trailing 以上/左右/余 taken in (see ends_quantity)
        self._ends_with_trail = self.quantity_ends | {
            ve + n for ve in self.quantity_ends for n in (1, 2) if _TRAIL.fullmatch(v, ve, ve + n)
        }
        self.sorted_starts = sorted(self.quantity_starts)
        self.section_status: Status | None = None
        self.sentence_rows: list[Row] = []
        self.tables = Tables(v) if "|" in v else None

    def times_in(self, a: int, b: int, *, ends_inside: bool = True) -> list[Time]:
        """The time expressions starting in ``[a, b)`` (and ending by ``b``), by bisection."""
        lo = bisect.bisect_left(self.time_starts, a)
        hi = bisect.bisect_left(self.time_starts, b)
        return [t for t in self.times[lo:hi] if not ends_inside or t.end <= b]

    def sentence_bounds(self, i: int) -> tuple[int, int]:
        v = self.v
        s = i
        while s > 0 and v[s - 1] not in SENTENCE_END + "\n":
            s -= 1
        e = i
        while e < len(v) and v[e] not in SENTENCE_END + "\n":
            e += 1
        return s, e

    def occurs_twice(self, name: str) -> bool:
        """Whether ``name`` stands at least twice in the document (counted once per name)."""
        known = self._twice.get(name)
        if known is None:
            first = self.v.find(name)
            known = self._twice[name] = first >= 0 and self.v.find(name, first + 1) >= 0
        return known

    def paragraph_start(self, i: int) -> int:
        """Start of the paragraph holding ``i``, looking back at most :data:`LOOKBACK`
        characters (a document that is one long line must not make every figure read
        the whole text before it)."""
        floor = max(0, i - LOOKBACK)
        return max(self.v.rfind("\n", floor, i) + 1, floor)

    def clause_start(self, i: int, floor: int) -> int:
        """Start of the clause ending at view index ``i``: after ，；。 or after a figure + 、."""
        v = self.v
        s = i
        while s > floor:
            ch = v[s - 1]
            if ch in CLAUSE_END or ch == "\n":
                break
            if ch in "、和及" and self.ends_quantity(s - 1):
                break
            if self.ends_quantity(s):
                break
            s -= 1
        return s

    def ends_quantity(self, i: int) -> bool:
        """True when a quantity (with a trailing 以上/左右/余) ends at view index ``i``."""
        return i in self._ends_with_trail

    def clause_end(self, i: int, ceiling: int) -> int:
        v = self.v
        e = i
        while e < ceiling and v[e] not in CLAUSE_END + "、\n":
            if e in self.quantity_starts:
                break
            e += 1
        return e

    def clause_starts(self, s: int, i: int) -> list[int]:
        """``s`` and every view index in ``(s, i]`` just after a ，；： (a clause starts)."""
        return [s, *(m.end() for m in _CLAUSE_MARK.finditer(self.v, s, i))]

    def run(self) -> None:
        i = 0
        while i < len(self.rows):
            s, e = self.sentence_bounds(self.rows[i].vs)
            j = i
            while j < len(self.rows) and self.rows[j].vs < e:
                j += 1
            for ps, pe, rows in self.pieces(s, e, self.rows[i:j]):
                self.read_sentence(ps, pe, rows)
            i = max(j, i + 1)

    def pieces(self, s: int, e: int, rows: list[Row]) -> list[tuple[int, int, list[Row]]]:
        """The sentence ``[s, e)`` as pieces of at most :data:`MAX_SENTENCE` characters cut
        after a clause mark (or, with none, after a figure), each with its rows: every rule
        reads the sentence before its figure, so a sentence with no end (``增长5%，`` ten
        thousand times, a table flattened into one line) would cost its length squared."""
        if e - s <= MAX_SENTENCE:
            return [(s, e, rows)]
        out: list[tuple[int, int, list[Row]]] = []
        k = 0
        a = s
        while a < e:
            b = min(e, a + MAX_SENTENCE)
            if b < e:
                cut = max(self.v.rfind(ch, a + 1, b) for ch in "，,；;：:、")
                if cut > a:
                    b = cut + 1
                else:
                    inside = [r.ve for r in rows[k:] if r.vs < b < r.ve]
                    b = max([b, *inside])
            mine = []
            while k < len(rows) and rows[k].vs < b:
                mine.append(rows[k])
                k += 1
            if mine:
                out.append((a, b, mine))
            a = b
        return out

    def read_sentence(self, s: int, e: int, rows: list[Row]) -> None:
        frames = self.frame_index.active(self.view.pos[min(rows[0].vs, len(self.view.pos) - 1)])
        section = tuple(f.title for f in frames if not f.unit)
        self.sentence_rows = rows
        held = status_frame(frames)
        self.section_status = held.status if held is not None else None
        qizhong_parent: tuple[tuple[int, int] | None, str | None] | None = None
        for k, r in enumerate(rows):
            r.section = section
            cs = self.clause_start(r.vs, s)
            left = self.v[cs : r.vs]
            opens_qizhong = self.v.startswith("其中", cs) or (
                cs > s and re.search(r"其中[，,:：]?$", self.v[max(s, cs - 4) : cs])
            )
            if opens_qizhong and qizhong_parent is None:
                qizhong_parent = self.last_metric
            row = self.tables.row_at(r.vs) if self.tables is not None else None
            label = read_cell(self, r, row) if row is not None else None
            if label is None:
                read_metric(self, r, s, e, cs, left, rows[:k], qizhong_parent)
                owner_of_bare_amount(r, rows[:k])
                read_period(self, r, s, e, frames)
                read_status(self, r, s, e, cs, frames)
            else:
                # a table cell: no cue of another cell (国家计划人才数) speaks of it
                read_status(self, r, r.vs, e, r.vs, frames)
                if "table_status" in r.why:
                    r.status, r.why["status"] = "target", r.why.pop("table_status")
            date_reported_figure(self, r)
            if label is None:
                read_scope(self, r, s, cs, frames)
            else:
                read_scope(self, r, label[0], label[0], frames, until=label[1])
            if r.metric_text is not None:
                self.last_metric = (r.metric, r.metric_text)
