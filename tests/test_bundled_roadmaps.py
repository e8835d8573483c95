"""The five bundled roadmaps are complete, clean and faithful to their seed documents."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from mlplan import catalog
from mlplan.estimate import estimate_hours
from mlplan.hours import split_hours
from mlplan.models import ItemKind
from mlplan.paths import bundled_roadmaps_dir

SHAPES = {  # id: (stages, units)
    "bedrock-24": (6, 24),
    "practitioner-23": (6, 23),
    "zero-to-engineer-16w": (4, 20),
    "complete-course-15": (3, 15),
    "distinguished-52w": (5, 53),
}

MOJIBAKE = re.compile(r"Ã.|â€|ðŸ|‚Ä|√|¬|Â|Ô|ü[öì§ò]|Ï|\ufffd")
EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf\u2b50\ufe0f]")


@pytest.fixture(scope="module")
def roadmaps(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:  # made before the per-test home: keep the real one's roadmaps out
        patch.setenv("MLPLAN_HOME", str(tmp_path_factory.mktemp("home")))
        return {roadmap.id: roadmap for roadmap in catalog.load_all()}


def test_the_five_roadmaps_are_bundled(roadmaps):
    assert sorted(roadmaps) == sorted(SHAPES)


@pytest.mark.parametrize("roadmap_id", sorted(SHAPES))
def test_stage_and_unit_counts_match_the_source(roadmaps, roadmap_id):
    stages, units = SHAPES[roadmap_id]
    roadmap = roadmaps[roadmap_id]
    assert len(roadmap.stages) == stages
    assert len(roadmap.units()) == units


@pytest.mark.parametrize("roadmap_id", sorted(SHAPES))
def test_source_says_what_the_document_is_not_its_file_name(roadmaps, roadmap_id):
    source = roadmaps[roadmap_id].source
    assert "community roadmap" in source
    assert not re.search(r"\.(txt|md|pdf)\b|\d{3}_[0-9a-f]{6}", source)


def test_modules_and_phases_of_the_module_roadmaps(roadmaps):
    for roadmap_id, count in (("bedrock-24", 24), ("practitioner-23", 23), ("complete-course-15", 15)):
        titles = [unit.title for unit in roadmaps[roadmap_id].units()]
        assert [int(re.match(r"Module (\d+):", t).group(1)) for t in titles] == list(range(1, count + 1))
    assert roadmaps["practitioner-23"].units()[3].title == "Module 4: Python Data Science Stack"


def test_zero_to_engineer_weeks_keep_their_13_hours_and_capstones_fit_the_12_to_14_range(roadmaps):
    roadmap = roadmaps["zero-to-engineer-16w"]
    assert (roadmap.hours_per_week, roadmap.weeks) == (14, 16)
    weeks = [unit for unit in roadmap.units() if unit.title.startswith("Week ")]
    assert len(weeks) == 16
    for week in weeks:
        assert sum(item.hours for item in week.items) == 13, week.id
        assert not any(item.estimated for item in week.items), week.id
    capstones = [unit for unit in roadmap.units() if not unit.title.startswith("Week ")]
    assert [unit.id for unit in capstones] == ["cp1", "cp2", "cp3", "final"]
    assert sum(item.hours for unit in capstones for item in unit.items) <= 16 * (14 - 13)
    order = [unit.id for unit in roadmap.units()]
    assert order.index("cp1") == order.index("w04") + 1
    assert order.index("cp2") == order.index("w08") + 1
    assert order.index("cp3") == order.index("w12") + 1
    assert all(unit.items[0].checklist for unit in capstones)
    final = {item.id: item for item in capstones[-1].items}
    assert "final.portfolio" not in final  # Week 16's "Finalize portfolio" holds the portfolio list
    assert len(final["final.interview"].checklist) == 25 and final["final.interview"].hours >= 2
    portfolio = {item.id: item for item in weeks[-1].items}["w16.t3"]
    assert len(portfolio.checklist) == 10 and "Resume Tips" in (portfolio.details or "")


def test_zero_to_engineer_blocks_say_what_the_overview_table_says_of_them(roadmaps):
    # the source's "1-Page Roadmap Overview": each 4-week block's core skills and real-world relevance
    summaries = [stage.summary for stage in roadmaps["zero-to-engineer-16w"].stages]
    assert len(summaries) == 4
    assert all(s.startswith("Core skills achieved: ") and " Real-world relevance: " in s for s in summaries)
    assert summaries[0].startswith("Core skills achieved: Learn Python programming, essential linear algebra,")
    assert summaries[3].endswith(
        "Real-world relevance: Critical for ML Engineers and MLOps roles: deploy models, track performance, "
        "automate workflows, ensure reproducibility."
    )


def test_zero_to_engineer_resources_sit_on_the_task_they_serve(roadmaps):
    items = {item.id: item for item in roadmaps["zero-to-engineer-16w"].items()}

    def where(title_start):
        return sorted(i for i, item in items.items() for r in item.resources if r.title.startswith(title_start))

    assert where("Render") == where("Fly.io") == ["cp3.capstone", "w14.project"]
    assert where("Calculus for ML") == ["w03.t2"]
    assert where("Exploratory Data Analysis") == ["w04.t2"]
    assert where("NLP with RNNs") == ["w11.t2"]


def test_distinguished_weeks_are_25_hours_of_day_goals_holding_the_weekly_habits(roadmaps):
    roadmap = roadmaps["distinguished-52w"]
    assert (roadmap.hours_per_week, roadmap.weeks) == (25, 53)
    assert [stage.id for stage in roadmap.stages] == ["prep", "q1", "q2", "q3", "q4"]
    assert [unit.id for unit in roadmap.stages[0].units] == ["w00"]
    assert all(stage.summary.startswith(("Build", "Understand", "Bridge", "Learn")) for stage in roadmap.stages[1:])
    units = roadmap.units()
    assert [unit.title.split(":")[0] for unit in units] == [f"Week {n}" for n in range(53)]
    assert len({unit.module for unit in units if unit.module}) == 22
    for unit in units[1:]:
        days = unit.items
        assert all(re.fullmatch(r"w\d\d\.d\d(-\d)?", item.id) for item in days), unit.id
        lengths = [_day_count(item.id) for item in days]
        assert sum(lengths) == 7, unit.id
        assert [item.hours for item in days] == split_hours(25, lengths), unit.id
        sunday = days[-1].checklist
        assert any(entry.startswith("Active recall (Sunday, 30 minutes)") for entry in sunday), unit.id
        assert any('"Week in Review"' in entry for entry in sunday), unit.id
    recall = {item.id: item for item in units[0].items}["w00.recall"]
    assert "Python refresh" in recall.title and "last week" not in recall.title


def test_distinguished_folds_practice_and_project_tasks_into_the_day_goals(roadmaps):
    units = {unit.id: unit for unit in roadmaps["distinguished-52w"].units()}
    checks = {unit_id: [c for item in unit.items for c in item.checklist] for unit_id, unit in units.items()}
    assert "Practice: Manual vector operations, matrix multiplication by hand, then NumPy comparison" in checks["w01"]
    assert "Complete: Full linear algebra library with tests and documentation" in checks["w02"]
    w04 = {item.id: item.checklist for item in units["w04"].items}
    assert "Complete: Gradient descent optimizer with visualization dashboard" in w04["w04.d6-7"]
    assert any(c.startswith("Capstone: Build RAG system") for c in checks["w44"])


def test_distinguished_reference_keeps_the_resource_compilation_unscheduled(roadmaps):
    roadmap = roadmaps["distinguished-52w"]
    sections = {section.title: section for section in roadmap.reference}
    books = [r for title, s in sections.items() if title.startswith("Essential Books") for r in s.resources]
    assert len(books) == 11 and all(r.kind == "book" for r in books)
    urls = {r.url for s in roadmap.reference for r in s.resources}
    assert {
        "https://www.youtube.com/playlist?list=PLoROMvodv4rPP6braWoRt5UCXYZ71GZIQ",
        "https://jupyter.org/",
        "https://wandb.ai/",
        "https://paperswithcode.com/",
    } <= urls
    assert len(sections["Weekly Deliverables"].notes) == 4
    scheduled = {r.url for item in roadmap.items() for r in item.resources}
    assert "https://jupyter.org/" not in scheduled


def _day_count(item_id: str) -> int:
    first, _, last = item_id.split(".d")[1].partition("-")
    return int(last or first) - int(first) + 1


def test_complete_course_modules_10_to_15_have_no_invented_project(roadmaps):
    units = roadmaps["complete-course-15"].units()
    with_project = [u.id for u in units if any(i.kind == ItemKind.PROJECT for i in u.items)]
    assert with_project == [f"m0{n}" for n in range(1, 10)]
    case_studies = units[8].items
    assert len(case_studies) == 7 and all(item.kind == ItemKind.PROJECT for item in case_studies)


@pytest.mark.parametrize("roadmap_id", sorted(SHAPES))
def test_every_item_has_positive_quarter_hours_and_estimates_follow_the_rule(roadmaps, roadmap_id):
    for item in roadmaps[roadmap_id].items():
        assert item.hours > 0 and item.hours * 4 == int(item.hours * 4), item.id
        if item.estimated:
            first = item.resources[0] if item.resources else None
            expected = (
                estimate_hours(item.kind, first.kind, first.title, first.url) if first else estimate_hours(item.kind)
            )
            assert item.hours == expected, item.id


@pytest.mark.parametrize("roadmap_id", sorted(SHAPES))
def test_ids_are_unique_and_readable(roadmaps, roadmap_id):
    roadmap = roadmaps[roadmap_id]
    ids = [unit.id for unit in roadmap.units()] + [item.id for item in roadmap.items()]
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    for unit in roadmap.units():
        assert all(item.id.startswith(unit.id + ".") for item in unit.items), unit.id


@pytest.mark.parametrize("roadmap_id", sorted(SHAPES))
def test_resource_links_are_http(roadmaps, roadmap_id):
    urls = [r.url for item in roadmaps[roadmap_id].items() for r in item.resources if r.url]
    if roadmap_id != "complete-course-15":  # the only seed without a single link
        assert urls
    assert all(re.match(r"https?://", url) for url in urls)


def test_no_mojibake_emoji_or_markup_anywhere_in_data():
    data_dir = bundled_roadmaps_dir().parent
    files = sorted(p for p in data_dir.rglob("*") if p.is_file())
    assert len(files) >= 5
    for path in files:
        text = path.read_text(encoding="utf-8")
        for n, line in enumerate(text.splitlines(), 1):
            assert not MOJIBAKE.search(line), f"{path.name}:{n}: {line}"
            assert not EMOJI.search(line), f"{path.name}:{n}: {line}"
            assert "<br>" not in line, f"{path.name}:{n}"


def test_practitioner_has_no_footnote_markers(roadmaps):
    roadmap = roadmaps["practitioner-23"]
    texts = [item.title for item in roadmap.items()] + [item.details or "" for item in roadmap.items()]
    for text in texts:
        assert not re.search(r"(?<![Rx)])[¹²³⁴⁵⁶⁷⁸⁹⁰]", text), text  # R² and x² are maths
        assert not re.search(r"[.!?)] \d{1,3}$", text), text


@pytest.mark.parametrize("roadmap_id", sorted(SHAPES))
def test_the_source_names_the_document_in_the_file_header_too(roadmap_id):
    text = (bundled_roadmaps_dir() / f"{roadmap_id}.yaml").read_text(encoding="utf-8")
    header = next(line for line in text.splitlines() if line.startswith("# Source: "))
    assert "community roadmap" in header
    assert not re.search(r"\d{3}_[0-9a-f]{16}|\.txt\b", header), header
