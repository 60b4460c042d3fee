"""Corpus runs: decoding, errors, resume, parallel identity, formats, Dask, pickling."""

from __future__ import annotations

import io
import json
import pickle
import re
import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from govnlp import DocumentResult, process_corpus
from govnlp import corpus as corpus_module
from govnlp.cli import main
from govnlp.corpus import TASKS, TaskError, process_document, register_task
from govnlp.errors import InputError
from govnlp.inputs import decode_guess
from govnlp.progress import Progress
from govnlp.quantities import Change, Quantity, extract_quantities
from govnlp.runs import RunError, run

SEEDS = Path(__file__).parent / "data" / "seeds"
# seed documents, named "x-<seed>" to be walked after the bad ones and sub/ (the resume test
# interrupts at the first good document, in sub/)
GOOD = [
    "x-000_59618eea4d4cb599.txt",
    "x-002_94b2a84f5648a8f3.txt",
    "x-003_5c4221fe6f0a1c0c.txt",
    "x-004_4a24b91d648ac036.txt",
]
GBK_SOURCE = "001_2d3a6bb9698bef65.txt"  # no character outside GBK
BAD_SOURCE = "002_94b2a84f5648a8f3.txt"


def document(name: str, size: int = 800) -> str:
    """The start of a seed document, up to the first 。 after ``size`` characters (the run
    tests need real documents, not long ones)."""
    text = (SEEDS / name.removeprefix("x-")).read_text("utf-8")
    end = text.find("。", size)
    return text if end < 0 else text[: end + 1] + "\n"


TASK_NAMES = ("quantities", "numbers")

INTERRUPT_AT: str | None = None
"""Text at which :func:`numbers` raises KeyboardInterrupt, simulating a killed run."""


def numbers(text: str) -> list[dict[str, Any]]:
    """A tiny task for the tests: every run of ASCII digits."""
    if INTERRUPT_AT is not None and text == INTERRUPT_AT:
        raise KeyboardInterrupt
    return [{"start": m.start(), "end": m.end(), "text": m[0]} for m in re.finditer(r"\d+", text)]


@pytest.fixture(autouse=True)
def numbers_task() -> Iterator[None]:
    register_task("numbers", f"{__name__}:numbers")
    yield
    del TASKS["numbers"]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Four good documents (one in a sub-folder), a GBK one and four bad ones."""
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    for i, name in enumerate(GOOD):
        (root / ("sub" if i == 3 else "") / name).write_text(document(name), encoding="utf-8")
    (root / "gbk.txt").write_bytes(document(GBK_SOURCE).encode("gbk"))
    (root / "empty.txt").write_bytes(b"")
    (root / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    good = document(BAD_SOURCE).encode()
    middle = good.index("。".encode(), len(good) // 2) + 3
    (root / "bad-bytes.txt").write_bytes(good[:middle] + b"\xff\xfe" + good[middle:])
    (root / ".hidden.txt").write_bytes(b"\x00")
    return root


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def snapshot(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def cli_run(*args: str | Path) -> int:
    return main(["run", *map(str, args), "--log-every", "3"])


def test_decode_guess_accepts_gbk_and_reports_the_rest() -> None:
    text = "国务院关于印发《“十四五”规划》的通知：增长5.2%。"
    assert decode_guess(text.encode("gbk")) == (text, "gb18030")
    assert decode_guess(text.encode()) == (text, "utf-8")
    mojibake = text.encode()[:-1] + b"\xff"  # UTF-8 cut short: not GB18030 Chinese either
    with pytest.raises(InputError, match="neither UTF-8"):
        decode_guess(mojibake)
    latin1 = "Ausgaben für Bildung: 5 Mio. €".encode("cp1252")
    with pytest.raises(InputError, match="nor GB18030"):
        decode_guess(latin1)
    with pytest.raises(InputError, match="empty file"):
        decode_guess(b"")
    with pytest.raises(InputError, match="NUL byte") as e:
        decode_guess(b"abc\x00")
    assert e.value.offset == 3
    with pytest.raises(InputError, match="control characters"):
        decode_guess(bytes(range(1, 32)) * 10 + "正文".encode())


def test_run_reports_exactly_the_bad_files_and_keeps_every_good_result(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert cli_run(corpus, "--tasks", ",".join(TASK_NAMES), "--out", out, "--jobs", "1") == 1
    log = capsys.readouterr().err
    errors = {Path(e["file"]).name: e for e in read_jsonl(out / "errors.jsonl")}
    assert sorted(errors) == ["bad-bytes.txt", "empty.txt", "image.png"]
    assert errors["empty.txt"]["error"] == "empty file"
    assert errors["image.png"]["error"].startswith("binary data (NUL byte)")
    assert errors["image.png"]["offset"] == 8
    bad = (corpus / "bad-bytes.txt").read_bytes()
    assert errors["bad-bytes.txt"]["offset"] == bad.index(b"\xff\xfe")
    assert "bad-bytes.txt: neither UTF-8 (invalid start byte) nor GB18030" in log
    assert "encodings: 1 gb18030, 4 utf-8;" in log

    manifest = read_jsonl(out / "manifest.jsonl")
    assert manifest[0] == {"govnlp_run": 1, "tasks": list(TASK_NAMES), "format": "jsonl"}
    documents = {Path(m["file"]).name: m for m in manifest[1:]}
    assert len(documents) == 8 and ".hidden.txt" not in documents
    assert documents["gbk.txt"]["encoding"] == "gb18030"

    good = sorted(p for p in corpus.rglob("*.txt") if p.name in [*GOOD, "gbk.txt"])
    assert len(good) == 5
    numbers_by_file = read_jsonl(out / "numbers.jsonl")
    quantities_by_file = read_jsonl(out / "quantities.jsonl")
    for path in good:
        text = decode_guess(path.read_bytes())[0]
        assert documents[path.name]["chars"] == len(text)
        mine = [r for r in numbers_by_file if r["file"] == str(path)]
        assert mine == [{"file": str(path), **r} for r in numbers(text)]
        assert mine, "every good document has digits"
        assert [r for r in quantities_by_file if r["file"] == str(path)] == [
            {"file": str(path), **q.to_dict()} for q in extract_quantities(text)
        ]
        if path.name != "gbk.txt":  # the single-file command reads UTF-8 only
            assert main(["quantities", str(path), "--format", "jsonl"]) == 0
            single = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
            assert [r for r in quantities_by_file if r["file"] == str(path)] == single


def test_two_processes_give_the_same_output_as_one(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(corpus_module, "CHUNK_BYTES", 1)  # one document per chunk
    tasks = ",".join(TASK_NAMES)
    for jobs in ("1", "2"):
        assert cli_run(corpus, "--tasks", tasks, "--out", tmp_path / jobs, "--jobs", jobs) == 1
    assert snapshot(tmp_path / "1") == snapshot(tmp_path / "2")
    one = list(process_corpus([str(corpus)], TASK_NAMES, jobs=1))
    assert list(process_corpus([str(corpus)], TASK_NAMES, jobs=2)) == one


@pytest.mark.parametrize("jobs", [1, 2])
def test_resume_after_an_interrupted_run_equals_an_uninterrupted_run(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    monkeypatch.setattr(corpus_module, "CHUNK_BYTES", 1)
    reference, out = tmp_path / "reference", tmp_path / "out"
    run([str(corpus)], str(reference), tasks=TASK_NAMES, log=io.StringIO())
    fifth = (corpus / "sub" / GOOD[3]).read_text("utf-8")  # after bad, empty, gbk, image
    monkeypatch.setattr(__import__(__name__), "INTERRUPT_AT", fifth)
    with pytest.raises(KeyboardInterrupt):
        run([str(corpus)], str(out), tasks=TASK_NAMES, jobs=jobs, log=io.StringIO())
    assert len(read_jsonl(out / "manifest.jsonl")) == 1 + 4
    with pytest.raises(RunError, match="--resume"):
        run([str(corpus)], str(out), tasks=TASK_NAMES, log=io.StringIO())

    monkeypatch.setattr(__import__(__name__), "INTERRUPT_AT", None)
    log = io.StringIO()
    summary = run([str(corpus)], str(out), tasks=TASK_NAMES, jobs=jobs, resume=True, log=log)
    assert summary.skipped >= 1 and summary.documents == 8 and summary.failed == 3
    assert snapshot(out) == snapshot(reference)


def test_resume_drops_a_half_written_document(corpus: Path, tmp_path: Path) -> None:
    reference, out = tmp_path / "reference", tmp_path / "out"
    run([str(corpus)], str(reference), tasks=TASK_NAMES, log=io.StringIO())
    shutil.copytree(reference, out)
    manifest = (out / "manifest.jsonl").read_bytes().splitlines(keepends=True)
    kept = manifest[:4]  # the header and three documents
    ends = json.loads(kept[-1])["ends"]
    for name in ("numbers", "quantities", "errors"):
        path = out / f"{name}.jsonl"
        data = path.read_bytes()
        cut = ends[name] + (len(data) - ends[name]) // 2  # kill in the middle of a block
        path.write_bytes(data[:cut])
    (out / "manifest.jsonl").write_bytes(b"".join(kept) + manifest[4][:20])

    summary = run([str(corpus)], str(out), tasks=TASK_NAMES, resume=True, log=io.StringIO())
    assert summary.skipped == 3
    assert snapshot(out) == snapshot(reference)
    (out / "numbers.jsonl").write_bytes(b"")
    with pytest.raises(RunError, match=r"numbers\.jsonl is shorter than"):
        run([str(corpus)], str(out), tasks=TASK_NAMES, resume=True, log=io.StringIO())
    with pytest.raises(RunError, match="different run"):
        run([str(corpus)], str(out), tasks=("numbers",), resume=True, log=io.StringIO())


def test_resume_processes_a_changed_document_again(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run([str(corpus / "sub")], str(out), tasks=("numbers",), log=io.StringIO())
    (corpus / "sub" / GOOD[3]).write_text("第2条", encoding="utf-8")
    summary = run(
        [str(corpus / "sub")], str(out), tasks=("numbers",), resume=True, log=io.StringIO()
    )
    assert summary.skipped == 0
    assert read_jsonl(out / "numbers.jsonl")[-1]["text"] == "2"


def test_the_output_folder_and_link_loops_are_not_walked(corpus: Path) -> None:
    (corpus / "sub" / "loop").symlink_to(corpus, target_is_directory=True)
    out = corpus / "results"
    first = run([str(corpus)], str(out), tasks=("numbers",), log=io.StringIO())
    again = run([str(corpus)], str(out), tasks=("numbers",), resume=True, log=io.StringIO())
    assert first.documents == again.documents == again.skipped == 8


def test_list_files_and_formats(corpus: Path, tmp_path: Path) -> None:
    listed = sorted(str(p) for p in corpus.rglob("*") if p.is_file() and p.name[0] != ".")
    list_file = tmp_path / "paths.txt"
    list_file.write_text("# documents\n" + "\n\n".join(listed) + "\n", encoding="utf-8")
    assert cli_run("--list", list_file, "--tasks", "numbers", "--out", tmp_path / "j") == 1
    assert (
        cli_run(
            "--list", list_file, "--tasks", "numbers", "--out", tmp_path / "c", "--format", "csv"
        )
        == 1
    )
    records = read_jsonl(tmp_path / "j" / "numbers.jsonl")
    assert sorted({r["file"] for r in records}) == sorted(
        p for p in listed if "bad" not in p and "empty" not in p and "png" not in p
    )
    import csv

    with open(tmp_path / "c" / "numbers.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows == [{k: str(v) for k, v in r.items()} for r in records]
    with open(tmp_path / "c" / "errors.csv", encoding="utf-8", newline="") as f:
        assert len(list(csv.DictReader(f))) == 3


def test_parquet(corpus: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "p"
    run([str(corpus)], str(out), tasks=TASK_NAMES, fmt="parquet", log=io.StringIO())
    run([str(corpus)], str(tmp_path / "j"), tasks=TASK_NAMES, log=io.StringIO())
    table = pq.read_table(out / "numbers.parquet")
    assert table.to_pylist() == read_jsonl(tmp_path / "j" / "numbers.jsonl")
    assert pq.read_table(out / "errors.parquet").num_rows == 3


def test_a_task_that_is_not_available_is_a_clear_error(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    register_task("nowhere", "govnlp.nonexistent_module:extract")
    try:
        with pytest.raises(TaskError, match="task nowhere is not available: ModuleNotFoundError"):
            list(process_corpus([str(corpus)], tasks=["nowhere"]))
        assert cli_run(corpus, "--tasks", "nowhere", "--out", tmp_path / "o") == 2
        assert "task nowhere is not available" in capsys.readouterr().err
    finally:
        del TASKS["nowhere"]
    assert cli_run(corpus, "--tasks", "nonesuch", "--out", tmp_path / "o2") == 2
    assert "unknown task 'nonesuch'" in capsys.readouterr().err


def test_a_failing_task_fails_only_itself_on_that_document(tmp_path: Path) -> None:
    register_task("broken", f"{__name__}:broken")
    try:
        (tmp_path / "a.txt").write_text("正文第2条", encoding="utf-8")
        result = process_document(str(tmp_path / "a.txt"), ["numbers", "broken"])
    finally:
        del TASKS["broken"]
    assert result.records == {
        "numbers": ({"file": str(tmp_path / "a.txt")} | numbers("正文第2条")[0],)
    }
    assert result.error is not None
    assert result.error.startswith("task broken failed: ZeroDivisionError")


def broken(text: str) -> list[Any]:
    return [len(text) // 0]


def test_progress_bar_on_a_terminal() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    p = Progress(2, 200, stream, clock=iter([0.0, 1.0, 2.0, 3.0]).__next__)
    p.advance(10, 100)
    p.message("govnlp: x.txt: empty file")
    p.advance(10, 100)
    p.close()
    shown = stream.getvalue()
    assert "\r1/2 documents (50%)" in shown and "ETA 0:00:01" in shown
    assert "\rgovnlp: x.txt: empty file\n" in shown
    assert shown.endswith("2/2 documents (100%), 20 characters, 0.7 documents/s, ETA 0:00:00\n")


def test_results_pickle() -> None:
    q = Quantity(0, 6, "增长5.2%", Decimal("5.2"), "%", "percent", change=Change("up", "yoy"))
    assert pickle.loads(pickle.dumps(q)) == q
    r = DocumentResult("a.txt", "ab", "gb18030", 6, {"quantities": (q.to_dict(),)})
    assert pickle.loads(pickle.dumps(r)) == r
    text = document(GOOD[0])
    assert [pickle.loads(pickle.dumps(x)) for x in extract_quantities(text)] == extract_quantities(
        text
    )


def test_outline_pickles() -> None:
    sections = pytest.importorskip("govnlp.sections")
    outline = sections.segment(document(GOOD[0]))
    assert pickle.loads(pickle.dumps(outline)) == outline


def test_term_matches_pickle() -> None:
    lexicon = pytest.importorskip("govnlp.lexicon")
    matches = lexicon.Lexicon.load().find(document(GOOD[0]))
    assert pickle.loads(pickle.dumps(matches)) == matches


def test_indicators_pickle() -> None:
    indicators = pytest.importorskip("govnlp.indicators")
    found = indicators.extract_indicators(document(GOOD[0]))
    assert pickle.loads(pickle.dumps(found)) == found


def test_to_dataframe(corpus: Path) -> None:
    pytest.importorskip("pandas")
    from govnlp import to_dataframe

    results = list(process_corpus([str(corpus)], TASK_NAMES))
    documents = to_dataframe(results)
    assert len(documents) == 8 and documents["error"].notna().sum() == 3
    frame = to_dataframe(results, task="numbers")
    assert frame.to_dict("records") == [r for d in results for r in d.records.get("numbers", ())]
    q = Quantity(0, 2, "5%", Decimal(5), "%", "percent")
    one = to_dataframe([q])  # issue 18: values are numbers, the exact string beside them
    assert one.loc[0, "value"] == 5.0 and one.loc[0, "value_exact"] == "5"


def test_dask_bag_and_dataframe_match_the_local_run(corpus: Path) -> None:
    pytest.importorskip("dask.bag")
    from govnlp import dask as gd

    local = list(process_corpus([str(corpus)], TASK_NAMES))
    bag = gd.to_bag([str(corpus)], TASK_NAMES, npartitions=3)
    assert bag.npartitions == 3
    assert bag.compute(scheduler="synchronous") == local
    records = gd.records_bag([str(corpus)], "numbers", npartitions=3)
    expected = [r for d in local for r in d.records.get("numbers", ())]
    assert records.compute(scheduler="synchronous") == expected
    errors = gd.errors_bag([str(corpus)], npartitions=2).compute(scheduler="synchronous")
    assert sorted(Path(e["file"]).name for e in errors) == [
        "bad-bytes.txt",
        "empty.txt",
        "image.png",
    ]
    pytest.importorskip("dask.dataframe")
    frame = gd.to_dataframe([str(corpus)], "numbers", npartitions=3)
    computed = frame.compute(scheduler="synchronous")
    assert computed.to_dict("records") == expected
