"""Assertions shared by the CLI tests."""

from __future__ import annotations


def refused_in_one_line(result, *words: str) -> str:
    """``result`` is a usage error (exit 2) with one line on stderr, no traceback, holding ``words``."""
    assert result.exit_code == 2, result.output
    message = result.stderr.strip()
    assert "Traceback" not in result.output and len(message.splitlines()) == 1, message
    for word in words:
        assert word in message, message
    return message
