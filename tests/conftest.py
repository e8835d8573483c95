"""Shared fixtures: an isolated home for every test and a CLI runner."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from typer.testing import CliRunner

from mlplan.cli import app


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    """Keep every test out of the real home and pin the terminal for rich output."""
    home = tmp_path / "mlplan-home"
    monkeypatch.setenv("MLPLAN_HOME", str(home))
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home


@pytest.fixture
def mlplan() -> Callable[..., object]:
    """Run ``mlplan ARGS...`` through Typer's CliRunner; stderr is kept apart from stdout."""
    runner = CliRunner()

    def run(*args: str, input: str | None = None):
        return runner.invoke(app, list(args), input=input, prog_name="mlplan")

    return run


class FixedClock:
    """A settable 'today' for date logic."""

    def __init__(self) -> None:
        self.day = date(2026, 11, 23)  # a Monday

    def set(self, text: str) -> None:
        self.day = date.fromisoformat(text)


@pytest.fixture
def clock(monkeypatch) -> FixedClock:
    """Fix mlplan's clock (Monday 2026-11-23 unless set)."""
    from mlplan import clock as clock_module

    fixed = FixedClock()
    monkeypatch.setattr(clock_module, "today", lambda: fixed.day)
    return fixed


@pytest.fixture
def make_roadmap(mlplan, tmp_path) -> Callable[..., str]:
    """Import a small roadmap written for the test; returns its id.

    ``units`` maps each unit id to its items as ``(kind, hours)``; item ``n`` of unit
    ``u`` gets the id ``u.i<n>`` (from 1) and the title ``Item <n> of <u>``.
    """
    import yaml

    def make(units: dict[str, list[tuple[str, float]]], roadmap_id: str = "tiny") -> str:
        data = {
            "id": roadmap_id,
            "title": f"Roadmap {roadmap_id}",
            "source": "written for mlplan's tests",
            "stages": [
                {
                    "id": "s1",
                    "title": "Only stage",
                    "units": [
                        {
                            "id": unit_id,
                            "title": f"Unit {unit_id}",
                            "items": [
                                {
                                    "id": f"{unit_id}.i{n}",
                                    "title": f"Item {n} of {unit_id}",
                                    "kind": kind,
                                    "hours": hours,
                                    "estimated": False,
                                }
                                for n, (kind, hours) in enumerate(items, start=1)
                            ],
                        }
                        for unit_id, items in units.items()
                    ],
                }
            ],
        }
        path = tmp_path / f"{roadmap_id}.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        result = mlplan("import", str(path))
        assert result.exit_code == 0, result.output
        return roadmap_id

    return make
