"""Hostile or broken roadmap input through the CLI: alias bombs, Python tags, and titles that could corrupt a save."""

from __future__ import annotations

import json

import pytest
import yaml
from cli_asserts import refused_in_one_line

# Nine levels of nine aliases: 9**9 (387 million) strings once written out.
BILLION_LAUGHS = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]\n" for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
)


def test_an_alias_bomb_roadmap_is_refused(mlplan, tmp_path, isolated_home):
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(f"{BILLION_LAUGHS}id: bomb\ntitle: Bomb\nstages: *i\n", encoding="utf-8")
    refused_in_one_line(mlplan("import", str(bomb)), "bomb.yaml", "aliases", "drop the anchors")
    assert not (isolated_home / "roadmaps").exists()


def test_an_alias_bomb_from_stdin_is_refused(mlplan):
    refused_in_one_line(mlplan("import", "-", input=f"{BILLION_LAUGHS}id: bomb\ntitle: Bomb\nstages: *i\n"), "aliases")


def test_an_alias_bomb_in_markdown_front_matter_is_refused(mlplan, tmp_path):
    source = tmp_path / "plan.md"
    front = BILLION_LAUGHS + "title: *i\n"
    source.write_text(f"---\n{front}---\n# Plan\n\n## Week 1\n\n- Read a chapter\n", encoding="utf-8")
    refused_in_one_line(mlplan("import", str(source)), "plan.md: front matter", "aliases")


def test_an_alias_bomb_in_the_roadmaps_folder_is_skipped_or_refused(mlplan, isolated_home):
    folder = isolated_home / "roadmaps"
    folder.mkdir(parents=True)
    (folder / "bomb.yaml").write_text(f"{BILLION_LAUGHS}id: bomb\ntitle: Bomb\nstages: *i\n", encoding="utf-8")
    listing = mlplan("roadmaps", "--json")
    assert listing.exit_code == 0, listing.output
    assert "bomb" not in [row["id"] for row in json.loads(listing.stdout)]
    assert "skipping your roadmap" in listing.stderr and "aliases" in listing.stderr
    refused_in_one_line(mlplan("show", "bomb"), "bomb.yaml", "aliases")


def test_a_few_aliases_are_still_plain_yaml(mlplan, tmp_path):
    source = tmp_path / "anchors.yaml"
    source.write_text(
        "id: anchors\ntitle: Anchors\nsource: me\nstages:\n- id: s1\n  title: One\n  units:\n  - id: u1\n    title: U\n"
        "    items:\n    - {id: a, kind: task, title: A, hours: 2, estimated: false, resources: &book [{title: Book,"
        " kind: book}]}\n    - {id: b, kind: task, title: B, hours: 2, estimated: false, resources: *book}\n",
        encoding="utf-8",
    )
    result = mlplan("import", str(source))
    assert result.exit_code == 0, result.output
    items = json.loads(mlplan("show", "anchors", "--json").stdout)["stages"][0]["units"][0]["items"]
    assert items[1]["resources"] == [{"title": "Book", "url": None, "kind": "book"}]


@pytest.mark.parametrize(
    "tag", ["!!python/object/apply:os.system ['touch pwned']", "!!python/name:os.system", "!!python/object:os.Foo {}"]
)
def test_python_tags_never_run_and_are_named(mlplan, tmp_path, tag):
    source = tmp_path / "evil.yaml"
    source.write_text(f"id: evil\ntitle: {tag}\nstages: []\n", encoding="utf-8")
    message = refused_in_one_line(mlplan("import", str(source)), "evil.yaml: line 2", "!!python/", "not allowed")
    assert "nothing runs" in message
    assert not (tmp_path / "pwned").exists()


def test_a_python_tag_in_front_matter_is_named(mlplan, tmp_path):
    source = tmp_path / "plan.md"
    source.write_text("---\ntitle: !!python/object/apply:os.getcwd []\n---\n# Plan\n\n- Read\n", encoding="utf-8")
    refused_in_one_line(mlplan("import", str(source)), "plan.md: front matter: line 1", "!!python/object/apply")


@pytest.mark.parametrize(
    "title",
    [
        "Line one\nsource: injected\nid: other",
        "Tabs\tand\r\ncarriage returns",
        "Escape \x1b[2J and bell \x07 and NEL \x85 and LS \u2028 end",
        "# a comment? 'quotes' \"double\" : colon - dash",
    ],
)
def test_a_saved_roadmap_reads_back_exactly(mlplan, tmp_path, isolated_home, title):
    source = tmp_path / "plan.md"
    source.write_text("# Plan\n\n## Week 1\n\n- Read a chapter\n", encoding="utf-8")
    result = mlplan("import", str(source), "--id", "odd", "--title", title)
    assert result.exit_code == 0, result.output
    saved = (isolated_home / "roadmaps" / "odd.yaml").read_text(encoding="utf-8")
    header = [line for line in saved.splitlines() if line.startswith("#")]
    assert len(header) == 4 and all(line.startswith("# ") or line == "#" for line in header)
    data = yaml.safe_load(saved)
    assert set(data) == {"id", "title", "source", "stages"} and data["id"] == "odd"
    shown = json.loads(mlplan("show", "odd", "--json").stdout)
    assert shown["title"] == data["title"] and shown["source"] == "plan.md"
    assert mlplan("roadmaps", "export", "odd").stdout == saved
