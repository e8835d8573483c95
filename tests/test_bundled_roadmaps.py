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

SHAPES = {  # id: (source seed, stages, units)
    "bedrock-24": ("000_ce1706a25f0c318a.txt", 6, 24),
    "practitioner-23": ("001_64626fbdbb98c0bd.txt", 6, 23),
    "zero-to-engineer-16w": ("002_fb1b600ca95d8385.txt", 4, 20),
    "complete-course-15": ("003_e932e5f969b43a1a.txt", 3, 15),
    "distinguished-52w": ("004_a99bcfaef2f9e629.txt", 4, 53),
}

# these say what the seed document is (its title, a community roadmap), never its file name
DESCRIBED_SOURCES = ("bedrock-24", "practitioner-23", "complete-course-15")

MOJIBAKE = re.compile(r"Ã.|â€|ðŸ|‚Ä|√|¬|Â|Ô|ü[öì§ò]|Ï|\ufffd")
EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf\u2b50\ufe0f]")


@pytest.fixture(scope="module")
def roadmaps():
    return {roadmap.id: roadmap for roadmap in catalog.load_all()}


def test_the_five_roadmaps_are_bundled(roadmaps):
    assert sorted(roadmaps) == sorted(SHAPES)


@pytest.mark.parametrize("roadmap_id", sorted(SHAPES))
def test_stage_and_unit_counts_match_the_source(roadmaps, roadmap_id):
    seed, stages, units = SHAPES[roadmap_id]
    roadmap = roadmaps[roadmap_id]
    if roadmap_id in DESCRIBED_SOURCES:
        assert seed not in roadmap.source and "community roadmap" in roadmap.source
    else:
        assert roadmap.source == seed
    assert len(roadmap.stages) == stages
    assert len(roadmap.units()) == units


def test_modules_and_phases_of_the_module_roadmaps(roadmaps):
    for roadmap_id, count in (("bedrock-24", 24), ("practitioner-23", 23), ("complete-course-15", 15)):
        titles = [unit.title for unit in roadmaps[roadmap_id].units()]
        assert [int(re.match(r"Module (\d+):", t).group(1)) for t in titles] == list(range(1, count + 1))
    assert roadmaps["practitioner-23"].units()[3].title == "Module 4: Python Data Science Stack"


def test_zero_to_engineer_weeks_keep_their_stated_13_hours(roadmaps):
    roadmap = roadmaps["zero-to-engineer-16w"]
    assert roadmap.hours_per_week == 13
    weeks = [unit for unit in roadmap.units() if unit.title.startswith("Week ")]
    assert len(weeks) == 16
    for week in weeks:
        assert sum(item.hours for item in week.items) == 13, week.id
        assert not any(item.estimated for item in week.items), week.id
    capstones = [unit.id for unit in roadmap.units() if not unit.title.startswith("Week ")]
    assert capstones == ["cp1", "cp2", "cp3", "final"]
    order = [unit.id for unit in roadmap.units()]
    assert order.index("cp1") == order.index("w04") + 1
    assert order.index("cp2") == order.index("w08") + 1
    assert order.index("cp3") == order.index("w12") + 1
    assert all(unit.items[0].checklist for unit in roadmap.units() if unit.id in capstones)


def test_distinguished_weeks_split_25_hours_by_days_and_keep_the_habits(roadmaps):
    roadmap = roadmaps["distinguished-52w"]
    assert roadmap.hours_per_week == 25
    units = roadmap.units()
    assert [unit.title.split(":")[0] for unit in units] == [f"Week {n}" for n in range(53)]
    assert len({unit.module for unit in units if unit.module}) == 22
    for unit in units:
        days = [item for item in unit.items if re.fullmatch(r"w\d\d\.d\d(-\d)?", item.id)]
        if unit.id != "w00":
            lengths = [_day_count(item.id) for item in days]
            assert sum(lengths) == 7, unit.id
            assert [item.hours for item in days] == split_hours(25, lengths), unit.id
        reviews = [item for item in unit.items if item.kind == ItemKind.REVIEW]
        assert {item.id.split(".")[1] for item in reviews} == {"recall", "week-in-review"}, unit.id


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


@pytest.mark.parametrize("roadmap_id", DESCRIBED_SOURCES)
def test_the_source_names_the_document_in_the_file_header_too(roadmap_id):
    text = (bundled_roadmaps_dir() / f"{roadmap_id}.yaml").read_text(encoding="utf-8")
    header = next(line for line in text.splitlines() if line.startswith("# Source: "))
    assert "community roadmap" in header
    assert not re.search(r"\d{3}_[0-9a-f]{16}|\.txt\b", header), header
