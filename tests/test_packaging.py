"""A wheel built from the checkout carries the bundled roadmaps and finds them when installed."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    if not (ROOT / "pyproject.toml").is_file():
        pytest.skip("needs a source checkout")
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return next(out.glob("mlplan-*.whl"))


def test_wheel_contains_the_roadmaps(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    shipped = sorted(Path(n).name for n in names if n.startswith("mlplan/data/roadmaps/"))
    expected = sorted(p.name for p in (ROOT / "data" / "roadmaps").glob("*.yaml"))
    assert shipped == expected and len(expected) == 5


@pytest.fixture
def installed(wheel, tmp_path) -> Path:
    """The wheel installed into a folder of its own (no dependencies: they are this environment's)."""
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    return target


def test_installed_wheel_lists_roadmaps_without_the_checkout(installed, tmp_path):
    target = installed
    script = "import mlplan.paths as p, mlplan.catalog as c;print(p.bundled_roadmaps_dir()); print(','.join(c.ids()))"
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, env=env, check=True
    )
    folder, ids = result.stdout.splitlines()
    assert Path(folder).is_relative_to(target)
    assert len(ids.split(",")) == 5


def test_installed_wheel_runs_as_the_mlplan_command(installed):
    env = {**os.environ, "PYTHONPATH": str(installed)}
    result = subprocess.run(
        [sys.executable, str(installed / "bin" / "mlplan"), "--version"], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("mlplan ")
