"""mlplan's exceptions. Each carries the exit code the CLI exits with."""

from __future__ import annotations


class MlplanError(Exception):
    """A problem to report to the user in one line; exits 1."""

    exit_code = 1


class UsageError(MlplanError):
    """The command line asked for something that cannot be (unknown id, bad value); exits 2."""

    exit_code = 2


class RoadmapInvalid(UsageError):
    """A roadmap file that does not match the schema; the message names the file and field."""
