"""mlplan's exceptions, and the notes the core leaves for the learner.

Each exception carries the exit code the CLI exits with. The core never names a
command-line option: a message about one of the learner's choices is a template
(``Worded``) that names the choice by its field, and the CLI words it with its
options in one place.
"""

from __future__ import annotations

from collections.abc import Mapping


class MlplanError(Exception):
    """A problem to report to the user in one line; exits 1."""

    exit_code = 1


class UsageError(MlplanError):
    """The command line asked for something that cannot be (unknown id, bad value); exits 2."""

    exit_code = 2


class RoadmapInvalid(UsageError):
    """A roadmap file that does not match the schema; the message names the file and field."""


class Worded:
    """A message that names the learner's choices by their fields.

    The message is a template: ``{hours}``, ``{from_unit}`` and the like stand for a
    choice, and the CLI words them as its options (``--hours``, ``--from``) in one
    place (``worded``). ``{choice}`` stands for the choice given as ``choice``, for
    wording shared by several choices (any date, any hours). What the learner typed
    goes in as a keyword value, so it is never read as a placeholder. Outside the
    CLI a choice reads as its field name.
    """

    def __init__(self, template: str, *, choice: str = "", **values: object) -> None:
        self.template = template
        self.choice = choice
        self.values = values

    def worded(self, names: Mapping[str, str]) -> str:
        """The message with each choice called as ``names`` says (its field name otherwise)."""
        return self.template.format_map(_Fields(self.values, names, self.choice))

    def __str__(self) -> str:
        return self.worded({})


class Note(Worded):
    """What the core changed in a choice, to tell the learner: a value rounded, weekly hours lowered.

    ``choice`` is the choice it is about; a rounding note's values say what was
    ``given`` (as typed) and what is ``used``.
    """

    def __repr__(self) -> str:
        return f"Note({self.template!r}, choice={self.choice!r}, **{self.values!r})"


class WordedError(Worded, MlplanError):
    """A problem with the learner's choices, worded as a template (see ``Worded``); exits 1."""

    def __init__(self, template: str, *, choice: str = "", **values: object) -> None:
        Worded.__init__(self, template, choice=choice, **values)
        MlplanError.__init__(self, self.worded({}))


class ChoiceError(WordedError, UsageError):
    """A choice the learner made that cannot be; the core names each choice by its field; exits 2."""


class _Fields(dict[str, object]):
    def __init__(self, values: Mapping[str, object], names: Mapping[str, str], choice: str) -> None:
        super().__init__(values)
        self.names = names
        self.choice = choice

    def __missing__(self, field: str) -> str:
        field = self.choice if field == "choice" else field
        return self.names.get(field, field.replace("_", " "))
