"""The source type-checks: mypy (configured in pyproject.toml) finds nothing in src/ or benchmarks/.

The benchmarks are checked too because no test runs them: a changed signature in
src/ once broke one silently (``build_availability`` began returning notes).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_finds_no_errors_in_src_and_benchmarks(tmp_path):
    if not (ROOT / "pyproject.toml").is_file():
        pytest.skip("needs a source checkout")
    pytest.importorskip("mypy")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "cache"), "src", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout
