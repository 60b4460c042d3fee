"""Robustness: the reproducers of issue 14, each a regression test."""

from __future__ import annotations

import codecs
import contextlib
import io
import json
import os
import pickle
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import assert_spans_point_into

from govnlp import extract_quantities, normalize, process_corpus, segment
from govnlp.cli import main
from govnlp.corpus import TASKS, register_task
from govnlp.runs import RunError, run

# --- item 2: width folding maps each character on its own -------------------------------------


def test_full_width_percent_signs_give_one_span_each() -> None:
    text = "１％２％"
    found = extract_quantities(text)
    assert [(q.start, q.end, q.text) for q in found] == [(0, 2, "１％"), (2, 4, "２％")]
    assert_spans_point_into(text, found)


def test_full_width_after_ascii_does_not_overlap() -> None:
    text = "增长10％３家企业"
    found = extract_quantities(text)
    assert [(q.start, q.end) for q in found] == [(2, 5), (5, 7)]
    assert_spans_point_into(text, found)


def test_traditional_spans_keep_to_their_characters() -> None:
    # to_simplified converts character by character: a span ends at its own character
    text = "連續兩年，300餘項關鍵技術"
    found = extract_quantities(text)
    assert [q.text for q in found] == ["兩年", "300餘項"]
    assert_spans_point_into(text, found)


def test_explain_still_shows_a_run_of_folded_characters_as_one_change() -> None:
    changes = normalize("ＧＤＰ增长１００％").explain()
    assert [(c.before, c.after) for c in changes] == [("ＧＤＰ", "GDP"), ("１００％", "100%")]


# --- item 5: a lone CR ends a line ---------------------------------------------------------------


def test_lone_cr_line_ends_keep_the_outline() -> None:
    text = "一、总则\r二、附则\r"
    outline = segment(text)
    assert [(h.start, h.end, h.title) for h in outline.headings()] == [
        (0, 4, "总则"),
        (5, 9, "附则"),
    ]
    assert [(s.start, s.end) for s in outline.walk()] == [(0, 5), (5, 10)]


def test_lone_cr_gives_the_same_headings_as_lf() -> None:
    lf = "前言\n一、总体要求\n（一）指导思想\n坚持创新。\n二、重点任务\n1.加强基础研究\n"
    cr = lf.replace("\n", "\r")
    assert [(h.start, h.end, h.marker, h.level) for h in segment(cr).headings()] == [
        (h.start, h.end, h.marker, h.level) for h in segment(lf).headings()
    ]
    assert normalize(cr).text == normalize(lf).text


# --- item 14: Normalized survives pickling -------------------------------------------------------


def test_normalized_equals_its_unpickled_copy() -> None:
    n = normalize("**62** 人，增长１００％\r")
    assert pickle.loads(pickle.dumps(n)) == n


# --- items 6, 7, 8, 10, 11: the command line and corpus runs -----------------------------------


def _run_cli(capfd: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capfd.readouterr()
    return code, out, err


ROOT = Path(__file__).resolve().parent.parent

SINGLE_FILE_COMMANDS = ["quantities", "sections", "terms", "indicators", "normalize"]


@pytest.mark.parametrize("command", SINGLE_FILE_COMMANDS)
def test_every_single_file_command_reports_an_empty_file(
    command: str, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    good = tmp_path / "good.txt"
    good.write_text("一、总则\n深化“放管服”改革，全年增长5%。", encoding="utf-8")
    code, out, err = _run_cli(capfd, command, empty, good)
    assert code == 2
    assert err.strip() == f"govnlp: {empty}: empty file"
    assert out  # the good file still gives its output


@pytest.mark.parametrize("command", SINGLE_FILE_COMMANDS)
def test_every_command_decodes_as_run_does(
    command: str, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    text = "一、总则\n深化“放管服”改革，全年地区生产总值增长5%。"
    files = []
    for name, data in [
        ("gbk.txt", text.encode("gbk")),
        ("utf16.txt", text.encode("utf-16")),  # with its BOM
        ("utf16be.txt", codecs.BOM_UTF16_BE + text.encode("utf-16-be")),
        ("utf8.txt", text.encode()),
    ]:
        (tmp_path / name).write_bytes(data)
        files.append(tmp_path / name)
    code, out, err = _run_cli(capfd, command, *files, "--format", "jsonl")
    assert (code, err) == (0, "")
    if command != "normalize":
        rows = [json.loads(x) for x in out.splitlines()]
        by_file = {
            f: [{k: v for k, v in r.items() if k != "file"} for r in rows if r["file"] == str(f)]
            for f in files
        }
        assert by_file[files[0]] and all(v == by_file[files[0]] for v in by_file.values())


def test_utf16_without_a_bom_is_named_as_such(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "u.txt"
    path.write_bytes("一、总则\n全年地区生产总值增长5%。".encode("utf-16-le"))
    code, _, err = _run_cli(capfd, "quantities", path)
    assert code == 2
    assert err.startswith(f"govnlp: {path}: UTF-16 text without a byte-order mark")
    assert "binary" not in err


def _tiny_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("全年增长5%。", encoding="utf-8")
    (corpus / "b.txt").write_text("新增172个。", encoding="utf-8")
    (corpus / "locked.txt").write_text("x", encoding="utf-8")
    (corpus / "locked.txt").chmod(0)
    return corpus


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_resume_does_not_add_unreadable_files_again(tmp_path: Path) -> None:
    corpus, out = _tiny_corpus(tmp_path), tmp_path / "out"
    first = run([str(corpus)], str(out), log=io.StringIO())
    again = run([str(corpus)], str(out), resume=True, log=io.StringIO())
    assert (first.documents, first.failed) == (again.documents, again.failed) == (3, 1)
    assert len((out / "errors.jsonl").read_text().splitlines()) == 1


def test_resume_does_not_add_missing_files_again(tmp_path: Path) -> None:
    corpus, out = tmp_path / "c", tmp_path / "out"
    corpus.mkdir()
    (corpus / "a.txt").write_text("全年增长5%。", encoding="utf-8")
    listed = tmp_path / "list.txt"
    listed.write_text(f"{corpus / 'a.txt'}\n{corpus / 'gone.txt'}\n", encoding="utf-8")
    first = run([], str(out), lists=[str(listed)], log=io.StringIO())
    again = run([], str(out), lists=[str(listed)], resume=True, log=io.StringIO())
    assert (first.documents, first.failed) == (again.documents, again.failed) == (2, 1)
    assert again.skipped == 2
    assert len((out / "errors.jsonl").read_text().splitlines()) == 1
    assert len((out / "manifest.jsonl").read_text().splitlines()) == 3


def test_an_output_folder_that_is_a_file_is_one_line_and_exit_2(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    corpus = _tiny_corpus(tmp_path)
    not_a_folder = tmp_path / "out.txt"
    not_a_folder.write_text("x")
    code, _, err = _run_cli(capfd, "run", corpus, "--out", not_a_folder, "--jobs", "1")
    assert code == 2
    assert err.startswith(f"govnlp: {not_a_folder}") and len(err.strip().splitlines()) == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_output_folder_is_one_line_and_exit_2(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    corpus = _tiny_corpus(tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    code, _, err = _run_cli(capfd, "run", corpus, "--out", locked / "out", "--jobs", "1")
    assert code == 2
    assert err.startswith("govnlp: ") and "Permission denied" in err
    assert len(err.strip().splitlines()) == 1


def test_an_output_folder_under_a_file_is_one_line_and_exit_2(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    corpus = _tiny_corpus(tmp_path)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = _run_cli(capfd, "run", corpus, "--out", blocker / "out", "--jobs", "1")
    assert code == 2
    assert err.startswith("govnlp: ") and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("manifest", [b"", b'{"govnlp_run": 1, "tas'])
def test_a_run_killed_before_its_header_can_be_resumed(tmp_path: Path, manifest: bytes) -> None:
    corpus, out, reference = _tiny_corpus(tmp_path), tmp_path / "out", tmp_path / "ref"
    run([str(corpus)], str(reference), log=io.StringIO())
    out.mkdir()
    (out / "manifest.jsonl").write_bytes(manifest)
    (out / "quantities.jsonl").write_bytes(b'{"file": "half')
    summary = run([str(corpus)], str(out), resume=True, log=io.StringIO())
    assert summary.documents == 3
    for name in ("manifest.jsonl", "quantities.jsonl", "errors.jsonl"):
        assert (out / name).read_bytes() == (reference / name).read_bytes()


def test_a_task_typo_creates_no_output_folder(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    corpus, out = _tiny_corpus(tmp_path), tmp_path / "out"
    code, _, err = _run_cli(capfd, "run", corpus, "--out", out, "--tasks", "quantity")
    assert code == 2 and "unknown task 'quantity'" in err
    assert not out.exists()
    code, _, _ = _run_cli(
        capfd, "run", corpus, "--out", out, "--tasks", "quantities", "--jobs", "1"
    )
    assert code in (0, 1) and (out / "manifest.jsonl").exists()


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_csv_and_parquet_runs_leave_no_spool(tmp_path: Path, fmt: str) -> None:
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    corpus, out = _tiny_corpus(tmp_path), tmp_path / "out"
    run([str(corpus)], str(out), fmt=fmt, log=io.StringIO())
    assert sorted(os.listdir(out)) == sorted(
        ["manifest.jsonl", f"quantities.{fmt}", f"errors.{fmt}"]
    )
    with pytest.raises(RunError, match=f"finished {fmt} run"):
        run([str(corpus)], str(out), fmt=fmt, resume=True, log=io.StringIO())


# --- items 4 (time limit), 10 (stopping) and bounded worker memory -----------------------------


def sleepy(text: str) -> list[Any]:
    """A task that hangs on documents that say so (as a quadratic input would)."""
    if "慢" in text:
        time.sleep(30)
    return []


def hungry(text: str) -> list[Any]:
    """A task that wants far more memory on documents that say so."""
    if "大" in text:
        return [bytearray(6 * 1024**3)]
    return []


@pytest.fixture
def odd_tasks() -> Iterator[None]:
    register_task("sleepy", f"{__name__}:sleepy")
    register_task("hungry", f"{__name__}:hungry")
    yield
    del TASKS["sleepy"], TASKS["hungry"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_document_over_its_time_limit_is_an_error_and_the_run_goes_on(
    tmp_path: Path, odd_tasks: None, jobs: int
) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    for name, text in [("a.txt", "增长5%"), ("b.txt", "很慢的文件"), ("c.txt", "新增3家")]:
        (corpus / name).write_text(text, encoding="utf-8")
    started = time.monotonic()
    out = tmp_path / "out"
    summary = run(
        [str(corpus)], str(out), tasks=("sleepy", "quantities"), jobs=jobs,
        time_limit=0.5, log=io.StringIO(),
    )  # fmt: skip
    assert time.monotonic() - started < 20
    assert (summary.documents, summary.failed) == (3, 1)
    errors = [json.loads(x) for x in (out / "errors.jsonl").read_text().splitlines()]
    assert [Path(e["file"]).name for e in errors] == ["b.txt"]
    assert errors[0]["error"].startswith("time limit of 0.5 s exceeded in task sleepy")
    assert summary.records["quantities"] == 2


def test_a_worker_that_needs_too_much_memory_fails_that_document_alone(
    tmp_path: Path, odd_tasks: None
) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    for name, text in [("a.txt", "增长5%"), ("b.txt", "大文件"), ("c.txt", "新增3家")]:
        (corpus / name).write_text(text, encoding="utf-8")
    results = list(
        process_corpus([str(corpus)], ("hungry", "quantities"), jobs=2, max_memory_mb=3072)
    )
    assert [r.error for r in results] == [
        None, "task hungry ran out of memory (3 characters)", None,
    ]  # fmt: skip
    assert [len(r.records["quantities"]) for r in results] == [1, 0, 1]


def test_ctrl_c_is_one_line_with_the_resume_hint(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, out = _tiny_corpus(tmp_path), tmp_path / "out"

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    from govnlp import runs

    monkeypatch.setattr(runs.RunFolder, "write", interrupted)
    code, _, err = _run_cli(capfd, "run", corpus, "--out", out, "--jobs", "1")
    assert code == 130
    assert err == (
        f"govnlp: run stopped; the documents done are kept in {out}: "
        "give the same command with --resume to go on\n"
    )


SLOW_RUN = """
import sys
from govnlp.corpus import register_task
from govnlp.cli import main
register_task("sleepy", "slowtask:sleepy")
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_to_the_parent_alone_stops_the_workers_promptly(tmp_path: Path, sig: int) -> None:
    (tmp_path / "slowtask.py").write_text(
        "import time\ndef sleepy(text):\n    time.sleep(600)\n    return []\n"
    )
    corpus, out = _tiny_corpus(tmp_path), tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)])}
    args = ["run", str(corpus), "--out", str(out), "--tasks", "sleepy", "--jobs", "2"]
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_RUN, *args],
        env=env, stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),  # as `cmd &` does
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not (out / "manifest.jsonl").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(1.0)  # the workers are asleep in their documents
    children = _children(proc.pid)
    assert children, "no worker processes"
    sent = time.monotonic()
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=30)
    assert time.monotonic() - sent < 10
    assert proc.returncode == 130
    assert "give the same command with --resume" in err and "Traceback" not in err
    time.sleep(0.5)
    assert not [p for p in children if Path(f"/proc/{p}").exists()], "workers left behind"


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                found.append(int(stat.parent.name))
    return found


# --- item 9: large files read in bounded windows, with the results of a whole read ---------


def _seed_text() -> str:
    seeds = sorted((ROOT / "tests" / "data" / "seeds").glob("*.txt"))
    return "\n\n".join(p.read_text(encoding="utf-8") for p in seeds)


def test_windows_give_the_results_of_a_whole_read() -> None:
    from govnlp.lexicon import Lexicon
    from govnlp.normalize import FORCED_WRAP_WIDTH
    from govnlp.streaming import whole_wrap_width, windows_of

    text = _seed_text()
    parts = [text[i : i + 777] for i in range(0, len(text), 777)]  # decoded blocks
    windows = list(windows_of(parts, chunk_chars=4_000, overlap_chars=1_500))
    assert len(windows) > 5
    assert max(len(w.text) for w in windows) < 10_000
    width = whole_wrap_width(windows)
    lexicon = Lexicon.default()
    for read in (extract_quantities, lexicon.find):
        whole = [r.to_dict() for r in read(text)]
        streamed = []
        for w in windows:
            token = FORCED_WRAP_WIDTH.set((width,))
            streamed += [r.to_dict() for r in w.keep(read(w.text))]
            FORCED_WRAP_WIDTH.reset(token)
        assert streamed == whole


def test_a_large_file_is_streamed_by_the_command_with_the_same_output(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from govnlp import streaming

    path = tmp_path / "big.txt"
    path.write_text(_seed_text() * 3, encoding="utf-8")
    code, whole, _ = _run_cli(capfd, "quantities", path)
    assert code == 0
    monkeypatch.setattr(streaming, "STREAM_BYTES", 10_000)
    monkeypatch.setattr(streaming, "CHUNK_CHARS", 5_000)
    monkeypatch.setattr(streaming, "OVERLAP_CHARS", 1_500)
    monkeypatch.setattr(streaming, "BLOCK_BYTES", 4_096)
    code, streamed, err = _run_cli(capfd, "quantities", path)
    assert code == 0
    assert streamed == whole
    assert f"govnlp: {path}: 100%" in err  # progress on stderr


def test_a_streamed_file_with_bad_bytes_is_reported_with_its_offset(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from govnlp import streaming

    path = tmp_path / "big.txt"
    good = ("全年增长5%。\n\n" * 2_000).encode()
    path.write_bytes(good + b"\xff" + good)
    monkeypatch.setattr(streaming, "STREAM_BYTES", 10_000)
    monkeypatch.setattr(streaming, "BLOCK_BYTES", 4_096)
    code, _, err = _run_cli(capfd, "quantities", path)
    assert code == 2
    assert f"govnlp: {path}: neither UTF-8 (invalid start byte)" in err
    assert f"at byte {len(good)}" in err


# --- found by the fuzz harness -----------------------------------------------------------------


def test_a_wrapped_title_does_not_run_into_a_bulleted_heading() -> None:
    # a hard-wrapped layout (lines of one width) and a list of headings with "- " bullets:
    # 十一's title ran on over the next line, so it overlapped the heading 十二
    filler = ["促进成果转化是科技创新工作的出发点和落脚点近年"] * 8
    headings = [
        "- 十一、积极开展综合利用，大力搞好环境保护",
        "- 十二、做好商业工作，扩大对外贸易",
        "- 十三、努力增加财政收入，重点保证经济建设",
        "- 十四、迅速发展科学技术，繁荣文教卫生事业",
    ]
    text = "\n".join(filler + headings) + "\n"
    found = segment(text).headings()
    assert [h.title for h in found] == [h.split("、", 1)[1] for h in headings]
    assert_spans_point_into(text, found)
