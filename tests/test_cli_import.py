"""`mlplan import`, `mlplan roadmaps export` and `mlplan roadmaps remove` through the CLI."""

from __future__ import annotations

import json

import pytest
import yaml


def as_json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def edited_bedrock(mlplan, tmp_path):
    """bedrock-24 exported as YAML, given a new id and trimmed to its first two phases."""
    result = mlplan("roadmaps", "export", "bedrock-24")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# mlplan roadmap: ")
    data = yaml.safe_load(result.stdout)
    data["id"] = "my-bedrock"
    data["stages"] = data["stages"][:2]
    path = tmp_path / "my-bedrock.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_export_edit_import_then_plan_with_it(mlplan, clock, edited_bedrock, isolated_home):
    result = mlplan("import", str(edited_bedrock))
    assert result.exit_code == 0, result.output
    assert "Imported my-bedrock: 2 stages, 9 units" in result.stdout
    saved = isolated_home / "roadmaps" / "my-bedrock.yaml"
    assert saved.is_file()

    rows = {row["id"]: row for row in as_json(mlplan("roadmaps", "--json"))}
    assert rows["my-bedrock"]["origin"] == "user" and rows["bedrock-24"]["origin"] == "bundled"
    assert rows["my-bedrock"]["units"] == 9
    assert "yours" in mlplan("roadmaps").stdout

    assert "Module 9: Clustering" in mlplan("show", "my-bedrock").stdout
    assert as_json(mlplan("plan", "my-bedrock", "--json"))["total_hours"] == rows["my-bedrock"]["hours"]
    assert mlplan("start", "my-bedrock", "--yes").exit_code == 0
    assert as_json(mlplan("status", "--json"))["total_items"] == rows["my-bedrock"]["items"]


def test_roundtrip_of_a_bundled_roadmap_is_identical(mlplan, tmp_path):
    exported = mlplan("roadmaps", "export", "distinguished-52w", "--out", str(tmp_path / "d.yaml"))
    assert exported.exit_code == 0, exported.output
    assert mlplan("import", str(tmp_path / "d.yaml"), "--id", "d52").exit_code == 0
    original = as_json(mlplan("show", "distinguished-52w", "--json"))
    again = as_json(mlplan("show", "d52", "--json"))
    assert again == original | {"id": "d52"}


def test_dry_run_saves_nothing(mlplan, edited_bedrock, isolated_home):
    result = mlplan("import", str(edited_bedrock), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Dry run: nothing saved." in result.stdout
    assert "Phase 2: Core Machine Learning" in result.stdout
    assert not (isolated_home / "roadmaps").exists()


def test_existing_ids_need_force_and_bundled_ids_never_go(mlplan, edited_bedrock):
    assert mlplan("import", str(edited_bedrock)).exit_code == 0
    again = mlplan("import", str(edited_bedrock), "--title", "Changed")
    assert again.exit_code == 2
    assert "a roadmap 'my-bedrock' exists" in again.stderr and "--force" in again.stderr
    assert mlplan("import", str(edited_bedrock), "--title", "Changed", "--force").exit_code == 0
    assert as_json(mlplan("show", "my-bedrock", "--json"))["title"] == "Changed"

    bundled = mlplan("import", str(edited_bedrock), "--id", "bedrock-24", "--force")
    assert bundled.exit_code == 2
    assert "'bedrock-24' is a bundled roadmap and cannot be replaced" in bundled.stderr


def test_import_from_standard_input(mlplan, edited_bedrock):
    result = mlplan("import", "-", "--id", "from-stdin", input=edited_bedrock.read_text(encoding="utf-8"))
    assert result.exit_code == 0, result.output
    assert "from-stdin" in [row["id"] for row in as_json(mlplan("roadmaps", "--json"))]


def test_remove_a_user_roadmap_but_not_one_a_plan_uses_without_force(mlplan, clock, edited_bedrock):
    mlplan("import", str(edited_bedrock))
    mlplan("start", "my-bedrock", "--yes")
    refused = mlplan("roadmaps", "remove", "my-bedrock")
    assert refused.exit_code == 2
    assert "plan my-bedrock uses 'my-bedrock'" in refused.stderr
    assert mlplan("roadmaps", "remove", "my-bedrock", "--force").exit_code == 0
    assert "my-bedrock" not in [row["id"] for row in as_json(mlplan("roadmaps", "--json"))]
    assert as_json(mlplan("status", "--json"))["roadmap"] == "my-bedrock"  # the plan keeps its snapshot
    assert mlplan("today").exit_code == 0

    bundled = mlplan("roadmaps", "remove", "bedrock-24")
    assert bundled.exit_code == 2 and "only your own roadmaps can be removed" in bundled.stderr
    unknown = mlplan("roadmaps", "remove", "my-bedrok")
    assert unknown.exit_code == 2 and "unknown roadmap 'my-bedrok'" in unknown.stderr


def test_a_hand_broken_user_roadmap_is_skipped_in_the_list_with_a_warning(mlplan, edited_bedrock, isolated_home):
    mlplan("import", str(edited_bedrock))
    path = isolated_home / "roadmaps" / "my-bedrock.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("hours: 4", "hours: -4", 1), encoding="utf-8")
    result = mlplan("roadmaps", "--json")
    assert result.exit_code == 0
    assert "Warning: skipping your roadmap" in result.stderr and "must be greater than 0" in result.stderr
    assert len(json.loads(result.stdout)) == 5
    shown = mlplan("show", "my-bedrock")
    assert shown.exit_code == 2 and f"{path}: stages[" in shown.stderr


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        ("", "empty.md", "empty.md: the file is empty"),
        ("   \n\n", "blank.yaml", "blank.yaml: the file is empty"),
        ("id: x\ntitle: X\nsource: s\nstages: []\n", "x.yaml", "x.yaml: stages: "),
        ("id: Bad Id\ntitle: X\nsource: s\nstages: []\n", "bad.yml", "bad.yml: id: must be lower-case"),
        ("- just\n- a list\n", "list.yaml", "list.yaml: expected a mapping"),
    ],
)
def test_import_errors_name_the_file_and_save_nothing(mlplan, tmp_path, isolated_home, content, name, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = mlplan("import", str(path))
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert not (isolated_home / "roadmaps").exists()


def test_import_of_a_binary_file(mlplan, tmp_path, isolated_home):
    path = tmp_path / "photo.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe")
    result = mlplan("import", str(path))
    assert result.exit_code == 2
    assert "not a text file" in result.stderr
    assert not (isolated_home / "roadmaps").exists()


def test_bad_id_option(mlplan, edited_bedrock):
    result = mlplan("import", str(edited_bedrock), "--id", "Not OK")
    assert result.exit_code == 2
    assert "--id: must be lower-case" in result.stderr


FIXTURES = __import__("pathlib").Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(
    ("seed", "stages", "units"),
    [
        ("000_ce1706a25f0c318a.txt", 6, 24),
        ("002_fb1b600ca95d8385.txt", 4, 20),
        ("003_e932e5f969b43a1a.txt", 3, 15),
        ("004_a99bcfaef2f9e629.txt", 4, 53),
    ],
)
def test_markdown_seeds_import_with_the_shape_of_their_bundled_roadmaps(mlplan, tmp_path, seed, stages, units):
    source = tmp_path / seed.replace(".txt", ".md")
    source.write_text((FIXTURES / "seeds" / seed).read_text(encoding="utf-8"), encoding="utf-8")
    result = mlplan("import", str(source), "--id", "mine")
    assert result.exit_code == 0, result.output
    row = next(r for r in as_json(mlplan("roadmaps", "--json")) if r["id"] == "mine")
    assert (row["stages"], row["units"], row["origin"]) == (stages, units, "user")

    # import -> roadmaps export -> import gives the identical roadmap
    exported = tmp_path / "exported.yaml"
    assert mlplan("roadmaps", "export", "mine", "--out", str(exported)).exit_code == 0
    assert mlplan("import", str(exported), "--id", "again").exit_code == 0
    assert as_json(mlplan("show", "again", "--json")) == as_json(mlplan("show", "mine", "--json")) | {"id": "again"}


def test_imported_zero_to_engineer_keeps_its_13_hour_weeks_and_plans(mlplan, clock, tmp_path):
    source = tmp_path / "z.md"
    source.write_text((FIXTURES / "seeds" / "002_fb1b600ca95d8385.txt").read_text(encoding="utf-8"), encoding="utf-8")
    assert mlplan("import", str(source), "--id", "z16", "--title", "Zero to engineer (mine)").exit_code == 0
    roadmap = as_json(mlplan("show", "z16", "--json"))
    assert roadmap["title"] == "Zero to engineer (mine)" and roadmap["hours_per_week"] == 13
    weeks = [u for s in roadmap["stages"] for u in s["units"] if u["title"].startswith("Week")]
    assert len(weeks) == 16
    assert all(sum(i["hours"] for i in w["items"]) == 13 and not any(i["estimated"] for i in w["items"]) for w in weeks)
    assert mlplan("start", "z16", "--yes", "--hours", "13").exit_code == 0
    assert as_json(mlplan("today", "--json"))["items"]


@pytest.mark.parametrize("fixture", ["ossu-computer-science.md", "ysda-nlp-course.md", "datasciencemasters-go.md"])
def test_public_curricula_import_through_the_cli(mlplan, fixture, isolated_home):
    result = mlplan("import", str(FIXTURES / "curricula" / fixture), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Dry run: nothing saved." in result.stdout
    assert not (isolated_home / "roadmaps").exists()


def test_markdown_with_nothing_usable(mlplan, tmp_path, isolated_home):
    path = tmp_path / "notes.md"
    path.write_text("Just some thoughts about learning.\n\nNo structure here at all.\n", encoding="utf-8")
    result = mlplan("import", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: notes.md: ")
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (isolated_home / "roadmaps").exists()


NOISY_README = """\
# Deep learning in four weeks

[![Build](https://img.shields.io/badge/build-passing-green.svg)](https://example.com/ci)

## Contents
- [Week 1](#week-1)
- [Week 2](#week-2)

## Week 1: Tensors
- [PyTorch 60 minute blitz](https://pytorch.org/tutorials/beginner/deep_learning_60min_blitz.html) (1.5 hours)
- ![badge](https://img.shields.io/badge/x-y-blue.svg)

## Week 2: Training
- Train a classifier (3 hours)
- [Back to top](#deep-learning-in-four-weeks)

## License
- MIT
"""


def test_dry_run_lists_what_it_skipped_with_lines_and_reasons(mlplan, tmp_path, isolated_home):
    path = tmp_path / "dl.md"
    path.write_text(NOISY_README, encoding="utf-8")
    result = mlplan("import", str(path), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Skipped 7 lines (headings, list items and links not in the roadmap):" in result.stdout
    assert "  line 5 (table of contents): ## Contents" in result.stdout
    assert "… and 2 more" in result.stdout
    assert not (isolated_home / "roadmaps").exists()


def test_dry_run_json_gives_the_roadmap_and_every_skipped_line(mlplan, tmp_path):
    path = tmp_path / "dl.md"
    path.write_text(NOISY_README, encoding="utf-8")
    data = as_json(mlplan("import", str(path), "--dry-run", "--json"))
    assert set(data) == {"roadmap", "skipped"}
    items = [i for s in data["roadmap"]["stages"] for u in s["units"] for i in u["items"]]
    assert [(i["title"], i["hours"]) for i in items] == [("PyTorch 60 minute blitz", 1.5), ("Train a classifier", 3)]
    assert data["skipped"] == [
        {"line": 5, "text": "## Contents", "why": "table of contents"},
        {"line": 6, "text": "- [Week 1](#week-1)", "why": "table of contents"},
        {"line": 7, "text": "- [Week 2](#week-2)", "why": "table of contents"},
        {"line": 11, "text": "- ![badge](https://img.shields.io/badge/x-y-blue.svg)", "why": "badge"},
        {"line": 15, "text": "- [Back to top](#deep-learning-in-four-weeks)", "why": "navigation"},
        {"line": 17, "text": "## License", "why": "back matter (License)"},
        {"line": 18, "text": "- MIT", "why": "back matter (License)"},
    ]


def test_a_saving_import_says_how_many_lines_it_skipped(mlplan, tmp_path):
    path = tmp_path / "dl.md"
    path.write_text(NOISY_README, encoding="utf-8")
    result = mlplan("import", str(path))
    assert result.exit_code == 0, result.output
    assert (
        "Skipped 7 lines (headings, list items and links not in the roadmap); see them with --dry-run." in result.stderr
    )


def test_yaml_import_json_skips_nothing(mlplan, edited_bedrock, isolated_home):
    data = as_json(mlplan("import", str(edited_bedrock), "--json"))
    assert data["skipped"] == [] and data["roadmap"]["id"] == "my-bedrock"
    assert data["saved"] == str(isolated_home / "roadmaps" / "my-bedrock.yaml")


PROSE_PLAN = """\
# Linear algebra in two weeks

## Part 1: Vectors

Everything later rests on vectors: take this part slowly.

### Week 1: Vectors and spaces

This week we look at vectors and the spaces they span,
the ground every later week stands on.

Tip: draw a span by hand.

- Read chapter 1 of [Linear Algebra Done Right](https://example.com/ladr) (3 hours)
- Watch the essence of linear algebra, episodes 1-3

A second paragraph, after the list, citing [a proof](https://example.com/span-proof).

### Week 2: Matrices

- Khan Academy matrices (4h)

### Week 3: Review

Go over both weeks again and redo the exercises you missed.
"""


def test_prose_is_the_summary_of_its_unit_and_stage_wherever_the_plan_is_shown(mlplan, clock, tmp_path):
    path = tmp_path / "la.md"
    path.write_text(PROSE_PLAN, encoding="utf-8")
    data = as_json(mlplan("import", str(path), "--dry-run", "--json"))
    stage = data["roadmap"]["stages"][0]
    assert stage["summary"] == "Everything later rests on vectors: take this part slowly."
    week1, week2, week3 = stage["units"]
    assert week1["summary"] == (
        "This week we look at vectors and the spaces they span, the ground every later week stands on.\n"
        "Tip: draw a span by hand.\n"
        "A second paragraph, after the list, citing a proof (https://example.com/span-proof)."
    )
    assert "summary" not in week2 or week2["summary"] == ""
    # a week with nothing but prose is one item holding it: its prose is said once, as the item's details
    assert week3["summary"] == "" and week3["items"][0]["details"].startswith("Go over both weeks again")
    assert data["skipped"] == []

    shown = mlplan("import", str(path), "--dry-run").stdout
    assert "This week we look at vectors and the spaces they span, the ground every later week stands on. …" in shown

    assert mlplan("import", str(path), "--id", "la").exit_code == 0
    assert mlplan("start", "la", "--yes", "--hours", "7").exit_code == 0
    week = as_json(mlplan("week", "1", "--json"))
    assert week["units"][0]["summary"] == week1["summary"]
    assert "A second paragraph, after the list, citing a proof" in mlplan("week", "1").stdout
    checklist = mlplan("export", "checklist", "--week", "1").stdout
    assert "## Week 1: Vectors and spaces\n\nThis week we look at vectors and the spaces they span," in checklist
    assert "\n\nA second paragraph, after the list, citing a proof (https://example.com/span-proof).\n" in checklist
