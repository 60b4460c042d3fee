"""The HTML review page: marks at their offsets, the outline tree, rows linked to figures,
nothing fetched from a network; rendered in headless Chromium where one is installed."""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import sys
import zlib
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from gold import SEEDS

import govnlp
from govnlp.report import report
from govnlp.report.marks import Mark, laminate, render_text

SAMPLE = Path(__file__).parent.parent / "samples" / "shenyang-kjj-2022-summary.txt"
VOID = {"br", "meta", "input", "img", "hr", "link", "wbr", "col", "source"}


class Page(HTMLParser):
    """Elements with their attributes and text; the text of the ``.doc`` element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[dict[str, Any]] = []
        self.elements: list[dict[str, Any]] = []
        self.doc_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        el = {"tag": tag, "attrs": {k: v or "" for k, v in attrs}, "text": []}
        self.elements.append(el)
        if tag not in VOID:
            self.stack.append(el)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        while self.stack:
            if self.stack.pop()["tag"] == tag:
                break

    def handle_data(self, data: str) -> None:
        for el in self.stack:
            el["text"].append(data)
        if any(el["attrs"].get("class") == "doc" for el in self.stack):
            self.doc_text.append(data)

    def of_kind(self, kind: str) -> list[dict[str, Any]]:
        return [e for e in self.elements if e["attrs"].get("data-kind") == kind]

    def by_id(self) -> dict[str, dict[str, Any]]:
        return {e["attrs"]["id"]: e for e in self.elements if "id" in e["attrs"]}


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def check_page(html: str, text: str) -> Page:
    """The checks the issue names, on the page's HTML (as written or as the browser has it)."""
    page = parse(html)
    assert "".join(page.doc_text) == text  # the text shown is the text, character for character
    doc = govnlp.analyze(text, indicators=True)
    marked: dict[tuple[int, int], int] = {}
    for el in page.of_kind("quantity"):
        start, end = int(el["attrs"]["data-start"]), int(el["attrs"]["data-end"])
        assert "data-part" not in el["attrs"]
        assert "".join(el["text"]) == text[start:end]
        marked[(start, end)] = marked.get((start, end), 0) + 1
    wanted = {(q.start, q.end) for q in govnlp.extract_quantities(text)}
    assert set(marked) == wanted and set(marked.values()) <= {1}
    tree = {
        int(e["attrs"]["data-start"])
        for e in page.elements
        if e["tag"] == "a" and e["attrs"].get("href", "").startswith("#h-")
        and "data-level" in e["attrs"]
    }
    assert tree == {h.start for h in doc.outline.headings()}
    for el in page.of_kind("heading"):
        start, end = int(el["attrs"]["data-start"]), int(el["attrs"]["data-end"])
        if "data-part" not in el["attrs"]:
            assert "".join(el["text"]) == text[start:end]
    ids = page.by_id()
    rows = [e for e in page.elements if e["tag"] == "tr" and e["attrs"].get("id", "").startswith("r-")]
    assert len(rows) == len(doc.indicators)
    for row in rows:
        figure = ids[row["attrs"]["data-target"]]  # the row links to an existing mark
        assert figure["attrs"]["data-kind"] == "quantity"
        assert figure["attrs"]["data-start"] == row["attrs"]["data-start"]
        assert row["attrs"]["id"] in figure["attrs"]["data-rows"].split()  # and back
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", html, re.I)
    assert "@import" not in html
    return page


def test_marks_nest_and_each_quantity_is_one_element() -> None:
    marks = [
        Mark(0, 6, "heading"),
        Mark(2, 9, "term"),  # crosses the heading and the quantity
        Mark(5, 8, "quantity"),
        Mark(5, 8, "indicator"),
        Mark(7, 12, "element"),
    ]
    pieces = laminate(marks)
    spans = [(p.start, p.end) for p in pieces]
    for a in spans:
        for b in spans:
            assert not (a[0] < b[0] < a[1] < b[1]), (a, b)
    assert [(p.start, p.end) for p in pieces if p.mark.kind == "quantity"] == [(5, 8)]
    html = render_text("零一二三四五六七八九十壹贰", marks)
    page = parse(f'<div class="doc">{html}</div>')
    assert "".join(page.doc_text) == "零一二三四五六七八九十壹贰"
    (q,) = page.of_kind("quantity")
    assert "".join(q["text"]) == "五六七"


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt"))[:3], ids=lambda p: p.stem[:3])
def test_report_of_a_seed_marks_everything(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    html = report(text)
    check_page(html, text)
    assert "<script src" not in html and "<link" not in html


def test_report_escapes_document_text() -> None:
    text = '一、<script>alert("x")</script>\n增长5%。&amp;'
    html = report(text)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html
    check_page(html, text)


def test_a_30000_character_report_is_small_and_quick() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    text = (text * (30000 // len(text) + 1))[:30000]
    html = report(text)
    assert len(html.encode()) < 1_200_000, len(html.encode())


def test_notebook_views() -> None:
    doc = govnlp.analyze("一、2022年工作情况\n技术合同成交额达394.28亿元，同比增长20.54%。")
    html = doc._repr_html_()
    assert html.count('data-kind="quantity"') == 2 and "<script" not in html
    assert "工作情况" in doc.outline._repr_html_()


def test_report_command_writes_one_page_per_file(tmp_path: Path) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))[:2]
    out = tmp_path / "pages"
    done = subprocess.run(
        [sys.executable, "-m", "govnlp", "report", *map(str, seeds), "-o", str(out)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(p.stem + ".html" for p in seeds)
    single = tmp_path / "one.html"
    done = subprocess.run(
        [sys.executable, "-m", "govnlp", "report", str(seeds[0]), "-o", str(single)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    check_page(single.read_text(encoding="utf-8"), seeds[0].read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- the browser

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
]

PROBE_HEAD = (
    "<script>window.__errors=[];"
    "addEventListener('error',function(e){__errors.push(String(e.message))});</script>"
)
PROBE_END = """<script>
(function () {
  var out = {}, row = document.querySelector('#indicators tbody tr');
  if (row) {
    row.click();
    out.row_went_to = location.hash;
    var fig = document.querySelector(location.hash);
    if (fig) { fig.click(); out.figure_went_to = location.hash; }
  }
  document.querySelector('#filter').value = 'zzzz-no-such-row';
  document.querySelector('#filter').dispatchEvent(new Event('input'));
  out.shown_after_filter = document.getElementById('shown').textContent;
  document.querySelector('#filter').value = '';
  document.querySelector('#filter').dispatchEvent(new Event('input'));
  out.requests = performance.getEntriesByType('resource').map(function (e) { return e.name; });
  out.errors = window.__errors;
  document.body.setAttribute('data-probe', JSON.stringify(out));
})();
</script>"""


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip(
        "no headless Chromium here (Debian: apt-get install -y chromium; .ci/run installs it)"
    )


def run_chromium(browser: str, profile: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        timeout=60,
    )


def png_pixels_vary(path: Path) -> bool:
    """Whether a PNG is more than one flat colour (its filtered scanlines vary)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        if kind == b"IDAT":
            idat += data[pos + 8 : pos + 8 + length]
        pos += 12 + length
    raw = zlib.decompress(idat)
    return len(set(raw)) > 32


def test_report_in_headless_chromium(tmp_path: Path) -> None:
    browser = chromium()
    text = SAMPLE.read_text(encoding="utf-8")
    html = report(text)
    probed = html.replace("<head>", "<head>" + PROBE_HEAD, 1).replace(
        "</body>", PROBE_END + "</body>", 1
    )
    page = tmp_path / "report.html"
    page.write_text(probed, encoding="utf-8")
    done = run_chromium(browser, tmp_path / "profile", "--dump-dom", page.as_uri())
    if done.returncode != 0 and not done.stdout:
        pytest.skip(f"chromium cannot run here: {done.stderr.decode(errors='replace')[-300:]}")
    dom = done.stdout.decode("utf-8")
    probe = json.loads(re.search(r'data-probe="([^"]*)"', dom).group(1).replace("&quot;", '"'))
    assert probe["errors"] == []
    assert probe["requests"] == []  # nothing fetched: no script, style, font or image
    assert probe["shown_after_filter"] == "0"
    assert re.fullmatch(r"#q-\d+", probe["row_went_to"])
    assert probe["figure_went_to"] == "#r-0"
    check_page(dom, text)  # the DOM the browser built

    plain = tmp_path / "plain.html"  # the page as a reader opens it, at its top
    plain.write_text(html, encoding="utf-8")
    shot = tmp_path / "report.png"
    run_chromium(
        browser, tmp_path / "profile2", "--window-size=1280,900", f"--screenshot={shot}", plain.as_uri()
    )
    assert shot.exists(), "no screenshot written"
    assert png_pixels_vary(shot), "the screenshot is blank"


def test_elements_head_the_page_and_are_marked_when_asked() -> None:
    from govnlp.report import element_finder

    finder = element_finder()
    if finder is None:
        pytest.skip("this govnlp has no govnlp.elements")
    path = sorted(SEEDS.glob("*.txt"))[0]
    text = path.read_text(encoding="utf-8")
    found = [e.to_dict() for e in finder(text)]
    assert found
    plain = parse(report(text))
    assert not plain.of_kind("element")
    assert len([e for e in plain.elements if e["tag"] == "tr" and e["attrs"].get("data-start")]) >= len(found)
    marked = parse(report(text, mark_elements=True))
    spans = {(int(e["attrs"]["data-start"]), int(e["attrs"]["data-end"])) for e in marked.of_kind("element")}
    assert spans == {(e["start"], e["end"]) for e in found if e["end"] > e["start"]}
    check_page(report(text, mark_elements=True), text)


def test_every_subcommand_has_a_description_and_an_example() -> None:
    from govnlp.cli import build_parser

    parser = build_parser()
    (sub,) = [a for a in parser._actions if a.dest == "command"]
    for name, p in sub.choices.items():  # type: ignore[attr-defined]
        text = p.format_help()
        assert p.description, name
        assert "examples:" in text and f"govnlp {name}" in text.split("examples:")[1], name


def test_result_lists_show_as_tables_and_stay_lists() -> None:
    import pickle

    text = "新增企业5家，三分之一的项目，增长20%。"
    for found in (
        govnlp.extract_quantities(text),
        govnlp.extract_indicators(text),
        govnlp.Lexicon.default().find("推进高质量发展"),
    ):
        assert isinstance(found, list) and found == list(found)
        assert pickle.loads(pickle.dumps(found)) == found
        html = found._repr_html_()  # type: ignore[attr-defined]
        assert html.count("<tr>") == len(found) + 1
    quantities = govnlp.extract_quantities(text)
    pytest.importorskip("pandas")
    assert float(quantities.to_dataframe().value.sum()) == pytest.approx(5 + 1 / 3 + 20)  # type: ignore[attr-defined]
