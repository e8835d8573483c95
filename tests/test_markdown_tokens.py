"""The importer's parser (pulldown-cmark via pyromark) reads every fixture as markdown-it-py did."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from mlplan.errors import RoadmapInvalid
from mlplan.markdown_import import import_markdown, tokens

FIXTURES = Path(__file__).parent / "fixtures"
DOCUMENTS = sorted((FIXTURES / "curricula").glob("*.md")) + sorted((FIXTURES / "seeds").glob("*.txt"))


def _markdown_it_py(text: str) -> list:
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    return md.use(front_matter_plugin).use(footnote_plugin).use(tasklists_plugin).parse(text)


def _imported(text: str, name: str) -> str:
    try:
        return import_markdown(text, name).model_dump_json()
    except RoadmapInvalid as exc:
        return f"refused: {exc}"


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_every_fixture_imports_as_with_markdown_it_py(path):
    text = path.read_text(encoding="utf-8")
    with mock.patch.object(tokens, "parse", _markdown_it_py):
        expected = _imported(text, path.name)
    assert _imported(text, path.name) == expected


def test_the_token_stream_has_what_the_reader_uses():
    text = "---\ntitle: T\n---\n# Head\n\n- [x] done <br> [a](https://x.org/a)\n  - nested\n\n| h |\n|---|\n| c |\n"
    stream = tokens.parse(text)
    assert [t.type for t in stream][:4] == ["front_matter", "heading_open", "inline", "heading_close"]
    assert stream[0].content == "title: T" and stream[1].map == [3, 4] and stream[2].content == "Head"
    item = next(t for t in stream if t.type == "list_item_open")
    assert item.attrs["class"] == "task-list-item" and item.map == [5, 8]
    inline = next(t for t in stream if t.type == "inline" and t.children and t.children[0].type == "html_inline")
    assert 'checked="checked"' in inline.children[0].content
    assert [c.type for c in inline.children[2:]] == ["text", "html_inline", "text", "link_open", "text", "link_close"]
    assert [t.type for t in stream if t.type.startswith(("t", "th", "td"))][:3] == [
        "table_open",
        "thead_open",
        "tr_open",
    ]
