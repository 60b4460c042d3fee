"""Targets against outcomes, drawn with matplotlib (``pip install 'govnlp[plot]'``).

One figure with two panels: on the left each region's targets (hollow marks, a bar for a
range) and outcomes (filled marks, a line) over the years, for the regions with the most
cells; on the right every region's target and outcome for one year, sorted by outcome.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from ..errors import GovnlpError
from . import PanelRow

__all__ = ["plot_panel"]


class PlotError(GovnlpError, RuntimeError):
    """matplotlib is not installed, or there is nothing to draw."""


def _font(plt: object) -> None:
    """Use a CJK font when one is installed, so region names are drawn."""
    from matplotlib import font_manager, rcParams

    wanted = (
        "Noto Sans CJK SC",
        "Noto Serif CJK SC",
        "Noto Sans SC",
        "WenQuanYi Zen Hei",
        "SimHei",
        "AR PL UMing CN",
    )
    names = {f.name for f in font_manager.fontManager.ttflist}
    for name in wanted:
        if name in names:
            rcParams["font.sans-serif"] = [name, *rcParams["font.sans-serif"]]
            break
    rcParams["axes.unicode_minus"] = False


def plot_panel(
    rows: Sequence[PanelRow], path: str | Path, *, year: int | None = None, regions: int = 8
) -> None:
    """Draw ``rows`` (one indicator) into ``path`` (PNG): over the years for the ``regions``
    regions with most cells, and all regions in ``year`` (default: the latest year with
    both a target and an outcome)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise PlotError("--plot needs matplotlib: pip install 'govnlp[plot]'") from None
    if not rows:
        raise PlotError("no panel rows to draw")
    _font(plt)
    by_region: dict[str, list[PanelRow]] = defaultdict(list)
    for r in rows:
        by_region[r.region].append(r)
    ranked = sorted(
        by_region,
        key=lambda k: (
            -sum((r.target_value is not None) + (r.outcome_value is not None) for r in by_region[k])
        ),
    )[:regions]
    both = [r for r in rows if r.target_value is not None and r.outcome_value is not None]
    if year is None:
        year = max((r.year for r in both), default=max(r.year for r in rows))
    fig, (left, right) = plt.subplots(1, 2, figsize=(15, 6))
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for i, name in enumerate(ranked):
        color = colors[i % len(colors)]
        cells = sorted(by_region[name], key=lambda r: r.year)
        ts = [
            (r.year, r.target_value, r.target_value_max)
            for r in cells
            if r.target_value is not None
        ]
        os_ = [(r.year, r.outcome_value) for r in cells if r.outcome_value is not None]
        if os_:
            left.plot([y for y, _ in os_], [v for _, v in os_], "o-", color=color, label=name)
        if ts:
            left.plot([y for y, _, _ in ts], [v for _, v, _ in ts], "o", mfc="none", color=color)
            for y, lo, hi in ts:
                if hi is not None:
                    left.vlines(y, lo, hi, color=color)
    left.set_title(f"{rows[0].indicator}: target (hollow) vs outcome (filled)")
    left.set_xlabel("year")
    left.legend(fontsize=8)
    one = sorted(
        (r for r in rows if r.year == year),
        key=lambda r: (r.outcome_value is None, -(r.outcome_value or 0)),
    )
    xs = range(len(one))
    right.scatter(
        xs,
        [r.target_value if r.target_value is not None else float("nan") for r in one],
        facecolors="none",
        edgecolors="C0",
        label="target",
    )
    right.scatter(
        xs,
        [r.outcome_value if r.outcome_value is not None else float("nan") for r in one],
        color="C1",
        label="outcome",
    )
    right.set_xticks(list(xs))
    right.set_xticklabels([r.region for r in one], rotation=90, fontsize=7)
    right.set_title(f"all regions, {year}")
    right.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
