"""Tables: the quick ways of reading them give what the plain ways give."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mlplan.markdown_import.document import ListBlock, Para, Table, read_document
from mlplan.markdown_import.inline import Line
from mlplan.markdown_import.pieces import State
from mlplan.markdown_import.tables import row_pieces, table_pieces, table_roles

HEADERS = ["Format", "Resource", "Progress", "Links", "Notes", "Videos", "Topic", "Task", "Day", "Week", "Prereq"]
CELL_PIECES = [
    "",
    "[Deep Learning](https://d2l.ai/)",
    "Video: [Backprop](https://youtube.com/watch?v=1)",
    "[notes](notes.md)",
    "[top](#top)",
    "<a@b.org>",
    "Designing ML Systems",
    "**Book:** Deep Learning",
    "https://bare.org/page",
    "`36:44`",
    "<br>",
    "✅",
    " ",
]
CELLS = st.lists(st.sampled_from(CELL_PIECES), max_size=3).map(" ".join)


def _table(header: list[str], rows: list[list[str]]) -> Table:
    text = "\n".join(
        ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)] + ["| " + " | ".join(row) + " |" for row in rows]
    )
    (table,) = read_document(text).root.blocks
    assert isinstance(table, Table)
    return table


@given(
    st.lists(st.sampled_from(HEADERS), min_size=1, max_size=4, unique=True),
    st.lists(st.lists(CELLS, min_size=1, max_size=5), max_size=4),
    st.sampled_from(["", "Week 2: Tools"]),
)
def test_a_table_of_links_makes_the_pieces_its_rows_make(header, rows, group):
    """A table whose only column read holds its resources is read without row_pieces: to the same pieces."""
    table = _table(header, rows)
    roles = table_roles(table)
    title = table.header[roles.index("title")] if "title" in roles else ""
    by_rows = [piece for row in table.rows for piece in row_pieces(roles, row, State(group=group), title)]
    assert table_pieces(table, State(group=group)) == by_rows


@given(CELLS)
def test_a_cell_is_read_into_the_lines_a_paragraph_of_its_text_makes(text):
    """Cells are read in the reader's loop, paragraphs through read_inline: a cell's text reads the same in either."""
    (cell,) = _table(["Resource"], [[text]]).rows[0]
    blocks = read_document(text.strip()).root.blocks  # indented, it would be code
    paragraph = blocks[0].lines if blocks and isinstance(blocks[0], Para) else []
    assert [_fields(line) for line in cell] == [_fields(line) for line in paragraph]


def _fields(line: Line) -> tuple:
    return tuple(getattr(line, name) for name in Line.__slots__)


TEXT_PIECES = [
    "Week 3:",
    "**Lecture 1:**",
    "**Project**",
    "Backprop",
    "(2 hours)",
    ":",
    "✅",
    "`code`",
    "https://x.org/a",
]
TEXTS = st.lists(st.sampled_from(TEXT_PIECES + CELL_PIECES[1:4]), min_size=1, max_size=4).map(" ".join)


@given(TEXTS)
def test_headings_and_loose_items_are_read_as_a_tight_items_text(text):
    """A tight item's text, a loose item's paragraph and a heading are read by three ways: to the same lines."""
    (tight,) = read_document(f"- {text}\n").root.blocks
    (loose,) = read_document(f"- {text}\n\n- x\n").root.blocks
    (section,) = read_document(f"# {text}\n").root.children
    assert isinstance(tight, ListBlock) and isinstance(loose, ListBlock)
    lines = [_fields(line) for line in tight.entries[0].lines]
    assert [_fields(line) for line in loose.entries[0].lines] == lines
    assert section.title == ": ".join(line[0] for line in lines)
