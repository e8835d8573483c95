"""Small pieces of English shared by every view (kept free of rich and typer for ``today``)."""

from __future__ import annotations

# Labels that start a unit's checklist entries ("Ethics: ..."); unlabelled entries are deliverables.
CHECKLIST_LABELS = ("Ethics", "Stretch", "Self-check", "Interview")


def plural(count: int | float, noun: str, many: str | None = None) -> str:
    """``1 item``, ``2 items``, ``0 items``; ``many`` for irregular plurals (``1 study day``)."""
    return f"{count:g} {noun if count == 1 else (many or noun + 's')}"


def moved_to(day: str | None) -> str:
    """Where a replan put a part it moved off its day (``day``: that day as shown), or that it left it out."""
    return f"→ moved to {day}" if day else "→ left out by a replan"
