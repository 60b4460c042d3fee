"""The command-line tool, run as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from gold import SEEDS


def govnlp(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "govnlp", *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


def test_quantities_jsonl_names_the_file_and_points_into_it() -> None:
    path = SEEDS / "003_5c4221fe6f0a1c0c.txt"
    result = govnlp("quantities", str(path), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    text = path.read_text(encoding="utf-8")
    assert len(rows) > 50
    for row in rows:
        assert row["file"] == str(path)
        assert text[row["start"] : row["end"]] == row["text"]
    assert {"value", "unit", "kind", "qualifier", "change"} <= set(rows[0])


def test_bad_bytes_are_reported_with_file_and_offset_and_the_rest_goes_on(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes("新增172个".encode() + b"\xff\xfe" + "增长5%".encode())
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    good = tmp_path / "good.txt"
    good.write_text("技术合同成交额达394.28亿元", encoding="utf-8")
    result = govnlp("quantities", str(bad), str(empty), str(good), "--format", "jsonl")
    assert result.returncode == 2
    # decoded as `govnlp run` decodes (UTF-8, else GB18030 Chinese): one message for both
    assert f"{bad}: neither UTF-8" in result.stderr and "at byte 12" in result.stderr
    assert f"{empty}: empty file" in result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["file"], r["text"]) for r in rows] == [(str(good), "394.28亿元")]


def test_stdin_and_csv_and_table(tmp_path: Path) -> None:
    result = govnlp("quantities", "-", "--format", "csv", stdin="增长20.54%，新增172个".encode())
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("file,start,end,text,value")
    assert len(lines) == 3
    table = govnlp("quantities", "-", "--format", "table", stdin="新增172个".encode())
    assert "172个" in table.stdout and "count" in table.stdout


def test_binary_file_is_refused(tmp_path: Path) -> None:
    binary = tmp_path / "x.pdf"
    binary.write_bytes(b"%PDF-1.4\x00\x01\x02")
    result = govnlp("quantities", str(binary))
    assert result.returncode == 2 and "binary data" in result.stderr


def test_normalize_writes_clean_text_and_explains() -> None:
    source = "当前位置：首页\n完成 **130** 亿元"
    result = govnlp("normalize", "-", stdin=source.encode())
    assert result.stdout == "完成130亿元"
    explained = govnlp("normalize", "-", "--explain", stdin=source.encode())
    changes = [json.loads(line) for line in explained.stdout.splitlines()]
    assert {c["step"] for c in changes} == {
        "remove_boilerplate_lines",
        "strip_markup",
        "remove_inner_spaces",
    }
    for c in changes:
        assert source[c["start"] : c["end"]] == c["before"]
