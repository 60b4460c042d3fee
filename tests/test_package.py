"""The package imports cheaply and exposes a typed public API."""

import subprocess
import sys

import govnlp


def test_public_api_is_declared() -> None:
    for name in govnlp.__all__:
        assert hasattr(govnlp, name), name


def test_import_does_not_load_heavy_modules() -> None:
    heavy = "('opencc', 'ahocorasick', 'hanlp', 'torch')"
    code = f"import govnlp, sys; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_data_tables_are_strict() -> None:
    import pytest

    from govnlp.datafiles import read_table
    from govnlp.errors import DataFileError

    with pytest.raises(DataFileError, match=r"govnlp/data/units.tsv:\d+: header must be"):
        list(read_table("units.tsv", ("surface", "unit")))
