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
