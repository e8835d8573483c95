"""Links as resources: the kind from the author's label, else the address, else the words."""

from __future__ import annotations

from functools import cache
from typing import Any

from mlplan.markdown_import.inline import Line
from mlplan.markdown_import.labels import FirstMatch
from mlplan.models import ResourceKind

# Rows of plain alternatives (only "\." escaped) are looked for with "in" (see FirstMatch): hence the expanded
# alternatives, and the anchored ones in rows of their own after them (the same first kind).
_URL_KINDS = FirstMatch(
    (
        (ResourceKind.VIDEO, r"youtube\.com|youtu\.be|vimeo\.com|panopto"),
        (ResourceKind.PAPER, r"arxiv\.org|openreview\.net|aclanthology|doi\.org|jmlr\.org|neurips\.cc"),
        (ResourceKind.PAPER, r"\.pdf$"),
        (
            ResourceKind.DATASET,
            r"kaggle\.com/datasets|kaggle\.com/c/|kaggle\.com/competitions|archive\.ics\.uci\.edu"
            r"|huggingface\.co/datasets/",
        ),
        (ResourceKind.TOOL, r"github\.com/[^/]+/[^/#?]+/?$"),
        (ResourceKind.DOCS, r"github\.com/.+/(?:blob|tree|wiki)/"),
        (
            ResourceKind.COURSE,
            # "course" first: most course addresses hold it, and a row's alternatives all give its kind
            r"course|edx\.org|khanacademy\.org|udacity\.com|udemy\.com|ocw\.mit\.edu|openlearninglibrary"
            r"|kaggle\.com/learn|fast\.ai|deeplearning\.ai|huggingface\.co/learn",
        ),
        (
            ResourceKind.COMMUNITY,
            r"discord\.gg|discord\.com|reddit\.com|slack\.com|gitter\.im|t\.me/|groups\.google|meetup\.com|forum",
        ),
        (ResourceKind.BOOK, r"oreilly\.com|manning\.com|amazon\.|amzn\.to|goodreads|/book|leanpub|nostarch"),
        (
            ResourceKind.TOOL,
            r"pypi\.org|colab\.research\.google\.com|anaconda\.com|jupyter\.org|render\.com|fly\.io",
        ),
        (ResourceKind.TOOL, r"docker\.com/?$"),
        (ResourceKind.DOCS, r"^https?://docs?\."),
        (
            ResourceKind.DOCS,
            r"readthedocs\.|/docs/|/doc/|/documentation|/api/|/reference/|/user_guide|/stable/|/latest/",
        ),
        (ResourceKind.TUTORIAL, r"tutorial|realpython\.com|w3schools|/learn/|quickstart|get-started|getstarted|/guide"),
    )
)


# Every text a _TEXT_KINDS pattern matches holds one of these (see FirstMatch).
_TEXT_WORDS = (
    "video", "lecture", "playlist", "youtube", "podcast", "watch", "book", "course", "specialization", "mooc", "edx",
    "paper", "tutorial", "guide", "exercises", "practice", "ipynb", "notebook", "docs", "documentation", "tool",
    "librar", "framework", "dataset", "community", "forum", "discord", "slack", "reddit", "chat", "blog", "article",
    "post",
)  # fmt: skip


_TEXT_KINDS = FirstMatch(
    (
        (ResourceKind.VIDEO, r"\bvideos?\b|\blectures?\b|playlist|youtube|podcast|\bwatch\b"),
        (ResourceKind.BOOK, r"\bbooks?\b|textbook|\bebook\b"),
        (ResourceKind.COURSE, r"\bcourses?\b|specialization|\bmooc\b|coursera|\bedx\b"),
        (ResourceKind.PAPER, r"\bpapers?\b"),
        (ResourceKind.TUTORIAL, r"tutorials?|\bguide\b|exercises|practice|\bipynb\b|notebook"),
        (ResourceKind.DOCS, r"\bdocs\b|documentation"),
        (ResourceKind.TOOL, r"\btools?\b|\blibrar|framework"),
        (ResourceKind.DATASET, r"datasets?\b"),
        (ResourceKind.COMMUNITY, r"community|forum|discord|slack|reddit|\bchat\b"),
        (ResourceKind.ARTICLE, r"\bblog\b|\barticles?\b|\bpost\b"),
    ),
    needs=_TEXT_WORDS,
)


@cache
def _text_kind(text: str) -> ResourceKind | None:
    return _TEXT_KINDS.first(text)


def guess_resource_kind(url: str | None, text: str, hint: str = "") -> ResourceKind:
    """The author's label first (``Video:``), then the address, then the words, else article (other without a link)."""
    if hint and (kind := _text_kind(hint)):
        return kind
    if url and (kind := _url_kind(url)):
        return kind
    return _text_kind(text) or (_ARTICLE if url else _OTHER)


# ``ResourceKind.X`` is looked up through the enum class's ``__getattr__`` hook (about 900 instructions, against a
# dozen for a module's name): the kinds read for each link are names of the module.
_ARTICLE, _OTHER = ResourceKind.ARTICLE, ResourceKind.OTHER


@cache  # curricula link the same pages again and again, with words of their own
def _url_kind(url: str) -> ResourceKind | None:
    return _URL_KINDS.first(url)


def line_resources(line: Line, hint: str = "", bare: bool = False) -> list[dict[str, Any]]:
    """A line's links as resources; with ``bare``, a line without links is one resource (a book title)."""
    if not line.links and not bare:  # most lines
        return []
    found = [
        {"title": text or url.split("/")[2], "url": url, "kind": guess_resource_kind(url, text or line.text, hint)}
        for text, url in line.links
    ]
    if not found and bare and line.text:
        title = line.body if line.label and _text_kind(line.label) else line.text
        found.append({"title": title, "kind": guess_resource_kind(None, line.text, hint or line.label)})
    return found
