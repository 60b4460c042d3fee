"""Make the screenshots of docs/report.md with headless Chromium (Debian's chromium package).

    python scripts/report_screenshots.py

Writes docs/report.png (the review page of the bundled sample), docs/report-table.png (the
same page with the text folded away, so the indicator table is in view) and
docs/notebook.png (what a Jupyter cell shows for ``govnlp.analyze(...)``: the document's
``_repr_html_``, drawn in a plain notebook-like frame).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import govnlp  # noqa: E402
from govnlp.report import report  # noqa: E402

SAMPLE = ROOT / "samples" / "shenyang-kjj-2022-summary.txt"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--window-size=1280,800",
]

NOTEBOOK = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body{{font:13px system-ui,sans-serif;margin:0;padding:16px 24px;background:#fff}}
.cell{{display:grid;grid-template-columns:70px 1fr;gap:4px;margin-bottom:6px}}
.prompt{{color:#303f9f;font-family:monospace;padding-top:6px;text-align:right;padding-right:8px}}
.out .prompt{{color:#d84315}}
pre{{margin:0;background:#f7f7f7;border:1px solid #e0e0e0;padding:6px 8px;font:13px monospace}}
</style></head><body>
<div class="cell"><div class="prompt">In [1]:</div><pre>import govnlp
text = open("samples/shenyang-kjj-2022-summary.txt", encoding="utf-8").read()
doc = govnlp.analyze(text[:1400], indicators=True)
doc</pre></div>
<div class="cell out"><div class="prompt">Out[1]:</div><div>{cell}</div></div>
</body></html>"""


def shoot(browser: str, html: str, target: Path) -> None:
    with tempfile.TemporaryDirectory() as d:
        page = Path(d) / "page.html"
        page.write_text(html, encoding="utf-8")
        subprocess.run(
            [browser, *FLAGS, f"--user-data-dir={d}/profile", f"--screenshot={target}", page.as_uri()],
            check=True,
            capture_output=True,
            timeout=120,
        )
    print(target.relative_to(ROOT), target.stat().st_size, "bytes")


def main() -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        sys.exit("needs headless Chromium: apt-get install -y chromium (and fonts-noto-cjk)")
    text = SAMPLE.read_text(encoding="utf-8")
    page = report(text, title=SAMPLE.name)
    docs = ROOT / "docs"
    shoot(browser, page, docs / "report.png")
    folded = page.replace("</style>", "#text{display:none}</style>", 1)
    shoot(browser, folded, docs / "report-table.png")
    cell = govnlp.analyze(text[:1400], indicators=True)._repr_html_()
    shoot(browser, NOTEBOOK.format(cell=cell), docs / "notebook.png")


if __name__ == "__main__":
    main()
