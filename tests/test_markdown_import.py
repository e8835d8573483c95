"""Markdown curricula import into roadmaps: the seeds, public curricula, every hour form, noise and error."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlplan.errors import RoadmapInvalid
from mlplan.estimate import estimate_hours
from mlplan.hours import is_quarter
from mlplan.markdown_import import import_markdown
from mlplan.markdown_import import skipped as skipped_module
from mlplan.models import ID_PATTERN, ItemKind, ResourceKind, Roadmap
from mlplan.roadmap_file import dump_roadmap, parse_roadmap

FIXTURES = Path(__file__).parent / "fixtures"
CURRICULA = FIXTURES / "curricula"

SEEDS = {  # seed: (stages, units), as in the bundled roadmaps made from them
    "000_ce1706a25f0c318a.txt": (6, 24),
    "002_fb1b600ca95d8385.txt": (4, 20),
    "003_e932e5f969b43a1a.txt": (3, 15),
    "004_a99bcfaef2f9e629.txt": (4, 53),
}
CURRICULA_SHAPES = {  # fixture: (stages, units)
    "ossu-computer-science.md": (4, 17),
    "ysda-nlp-course.md": (1, 11),
    "datasciencemasters-go.md": (1, 7),
}


def seed_text(name: str) -> str:
    """A seed document, from its copy in tests/fixtures/seeds."""
    return (FIXTURES / "seeds" / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seeds() -> dict[str, Roadmap]:
    return {name: import_markdown(seed_text(name), name) for name in SEEDS}


@pytest.fixture(scope="module")
def curricula() -> dict[str, Roadmap]:
    return {name: import_markdown((CURRICULA / name).read_text(encoding="utf-8"), name) for name in CURRICULA_SHAPES}


def md(text: str, name: str = "plan.md", **options: str) -> Roadmap:
    return import_markdown(textwrap.dedent(text), name, **options)


def item(roadmap: Roadmap, title: str):
    return next(i for i in roadmap.items() if i.title == title)


def unit(roadmap: Roadmap, title: str):
    return next(u for u in roadmap.units() if u.title == title)


# ---------------------------------------------------------------- the seeds


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_stage_and_unit_counts_match_the_bundled_roadmaps(seeds, name):
    stages, units = SEEDS[name]
    roadmap = seeds[name]
    assert (len(roadmap.stages), len(roadmap.units())) == (stages, units)
    assert roadmap.source == name


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_imports_round_trip_through_yaml(seeds, name):
    assert parse_roadmap(dump_roadmap(seeds[name]).decode(), "x") == seeds[name]


def test_bedrock_seed_has_its_24_modules_in_six_phases(seeds):
    roadmap = seeds["000_ce1706a25f0c318a.txt"]
    assert [int(re.match(r"Module (\d+):", u.title).group(1)) for u in roadmap.units()] == list(range(1, 25))
    assert roadmap.stages[0].title == "Phase 1: The Bedrock - Mathematical and Technical Foundations"
    first = roadmap.units()[0]
    assert first.id == "m01"
    assert first.objectives[0].startswith("Perform vector and matrix manipulations")
    kinds = [i.kind for i in first.items]
    assert kinds == [ItemKind.CONCEPT] * 5 + [ItemKind.RESOURCE] * 3 + [ItemKind.PROJECT]
    assert [r.kind for i in first.items for r in i.resources] == [
        ResourceKind.COURSE,
        ResourceKind.VIDEO,
        ResourceKind.TUTORIAL,
    ]
    assert all(i.estimated for i in roadmap.items())


def test_zero_to_engineer_weeks_keep_their_stated_13_hours(seeds):
    roadmap = seeds["002_fb1b600ca95d8385.txt"]
    assert roadmap.title == "16-Week Master Plan: From Zero to AI/ML Engineer"
    assert roadmap.hours_per_week == 13  # "(12–14 hrs/week)"
    weeks = [u for u in roadmap.units() if u.title.startswith("Week ")]
    assert len(weeks) == 16
    for week in weeks:
        assert sum(i.hours for i in week.items) == 13, week.id
        assert not any(i.estimated for i in week.items), week.id
    assert [s.title for s in roadmap.stages] == [
        "Weeks 1–4: Foundations of Python, Math, and Data",
        "Weeks 5–8: Classical ML & Model Evaluation",
        "Weeks 9–12: Deep Learning & Neural Networks",
        "Weeks 13–16: MLOps & Full ML Lifecycle",
    ]
    assert [u.title for u in roadmap.stages[0].units][-1] == "Checkpoint Capstone: Weeks 1–4"
    assert roadmap.units()[-1].title == "Final Capstone: Portfolio & Job Readiness"


def test_zero_to_engineer_week_details(seeds):
    roadmap = seeds["002_fb1b600ca95d8385.txt"]
    week1 = roadmap.units()[0]
    assert [(i.kind, i.title, i.hours) for i in week1.items] == [
        (ItemKind.SETUP, "Install Python via Anaconda or use Google Colab", 2),
        (ItemKind.CONCEPT, "Learn basics: variables, strings, lists, dictionaries", 3),
        (ItemKind.TASK, "Practice loops (`for`, `while`) and conditionals (`if-elif-else`)", 3),
        (ItemKind.TASK, "Write functions and handle exceptions", 2),
        (ItemKind.PROJECT, "Mini-project: Build a CLI quiz app or expense tracker", 3),
    ]
    assert week1.objectives[0] == "Variables, data types, loops, conditionals"  # "Topics to Cover"
    assert week1.outcomes[0] == "Can write basic Python scripts"
    project = week1.items[-1]
    assert "Ethics: Avoid storing sensitive data without encryption" in project.checklist
    assert "Stretch: Add CSV export functionality" in project.checklist
    assert roadmap.units()[1].prerequisites == ["w01"]  # "Prerequisites: Week 1 (Python basics)"
    capstone = unit(roadmap, "Checkpoint Capstone: Weeks 1–4")
    assert [i.kind for i in capstone.items] == [ItemKind.CAPSTONE, ItemKind.CHECKPOINT]
    assert capstone.items[0].resources[0].kind == ResourceKind.DATASET
    assert "Interview: What is a normal distribution?" in [c.replace('"', "") for c in capstone.items[1].checklist]
    assert not [u for u in roadmap.units() if re.search(r"summary|overview|json", u.title, re.I)]


def test_a_labelled_list_of_checks_without_a_project_is_one_item():
    roadmap = md(
        """
        ## Week 1: Basics

        **Topics**
        - Vectors
        - Matrices

        **Stretch goals**
        - Read chapter 2
        - Try the bonus exercise
        - Write a summary
        """
    )
    items = roadmap.units()[0].items
    assert [(i.kind, i.title) for i in items] == [
        (ItemKind.CONCEPT, "Vectors"),
        (ItemKind.CONCEPT, "Matrices"),
        (ItemKind.TASK, "Stretch goals"),  # once, not once per check with its hours each time
    ]
    assert items[-1].checklist == [
        "Stretch: Read chapter 2",
        "Stretch: Try the bonus exercise",
        "Stretch: Write a summary",
    ]


def test_complete_course_stages_come_from_its_levels_table(seeds):
    roadmap = seeds["003_e932e5f969b43a1a.txt"]
    assert [s.title for s in roadmap.stages] == [
        "Beginner: ML Foundations",
        "Intermediate: Deep Learning & Advanced ML",
        "Expert: MLOps, Research, System Design",
    ]
    assert [len(s.units) for s in roadmap.stages] == [4, 4, 7]
    assert [u.id for u in roadmap.units()] == [f"m{n:02d}" for n in range(1, 16)]
    assert not [u for u in roadmap.units() if "End Goal" in u.title or "Overview" in u.title]
    module8 = roadmap.units()[7]
    choice = module8.items[-1]
    assert choice.kind == ItemKind.PROJECT and choice.title.startswith("Choose One: Text Summarization")
    assert module8.items[0].details == "Section: Natural Language Processing (NLP)"


def test_distinguished_52_weeks_split_their_25_hours_by_day_ranges(seeds):
    roadmap = seeds["004_a99bcfaef2f9e629.txt"]
    assert roadmap.hours_per_week == 25  # "Target: 25 hours/week"
    assert [u.id for u in roadmap.units()] == [f"w{n:02d}" for n in range(53)]
    assert roadmap.stages[0].units[0].title == "Week 0: Foundation Prep - Setting the Stage"
    assert [len(s.units) for s in roadmap.stages] == [14, 13, 13, 13]
    week1 = roadmap.units()[1]
    assert week1.title == "Week 1: Linear Algebra Foundations (1 of 2)"
    assert week1.module == "Module 1: Linear Algebra Foundations"
    days = [i for i in week1.items if i.title.startswith("Day ")]
    assert [(i.id, i.hours, i.estimated) for i in days] == [
        ("w01.d1-3", 10.75, False),
        ("w01.d4-5", 7.25, False),
        ("w01.d6-7", 7, False),
    ]
    for week in roadmap.units()[1:]:
        assert sum(i.hours for i in week.items if i.title.startswith("Day ")) == 25, week.id
    assert unit(roadmap, "Week 7: Consolidation Sprint I").module == "Module 4: Consolidation Sprint I"
    assert not [u for u in roadmap.units() if re.search(r"resource|success|philosophy|principles", u.title, re.I)]


# ---------------------------------------------------------------- public curricula


@pytest.mark.parametrize("name", sorted(CURRICULA_SHAPES))
def test_public_curricula_import_with_their_shape_and_round_trip(curricula, name):
    roadmap = curricula[name]
    assert (len(roadmap.stages), len(roadmap.units())) == CURRICULA_SHAPES[name]
    assert parse_roadmap(dump_roadmap(roadmap).decode(), "x") == roadmap


def test_ossu_course_tables_give_duration_times_effort(curricula):
    roadmap = curricula["ossu-computer-science.md"]
    assert roadmap.title == "Open Source Society University"  # the README's leading <h3>
    assert [s.title for s in roadmap.stages] == ["Intro CS", "Core CS", "Advanced CS", "Final project"]
    python = item(roadmap, "Python for Everybody")  # 10 weeks | 10 hours/week
    assert (python.kind, python.hours, python.estimated) == (ItemKind.RESOURCE, 100, False)
    assert python.resources[0].kind == ResourceKind.COURSE
    assert item(roadmap, "Computer Networking: a Top-Down Approach").hours == 64  # 8 weeks | 4–12 hours/week
    assert item(roadmap, "Operating Systems: Three Easy Pieces").hours == 88  # 10-12 weeks | 6-10 hours/week
    assert item(roadmap, "Game Design and Development with Unity 2020 (Specialization)").hours == 130  # 6 months
    assert [i.hours for i in roadmap.items() if i.title.startswith("Probability (part")] == [144, 144]
    essence = item(roadmap, "Essence of Linear Algebra")  # "- | -": nothing stated
    assert essence.estimated and essence.hours == 4  # a playlist, by the estimation rule (one video is 1.5 h)
    intro = unit(roadmap, "Introduction to Programming")
    assert intro.objectives == ["simple programs", "simple data structures"]  # "Topics covered"
    titles = {u.title for u in roadmap.units()}
    assert titles.isdisjoint({"Contents", "Summary", "Community", "Prerequisites", "Congratulations", "Team"})
    assert "How to show your progress" not in titles


def test_ysda_syllabus_list_of_weeks_becomes_week_units(curricula):
    roadmap = curricula["ysda-nlp-course.md"]
    assert roadmap.title == "YSDA Natural Language Processing course"
    assert [u.id for u in roadmap.units()] == [f"w{n:02d}" for n in range(1, 12)]
    week1 = roadmap.units()[0]
    assert week1.title == "Week 1: Embeddings"
    assert [(i.kind, i.hours) for i in week1.items] == [(ItemKind.CONCEPT, 1), (ItemKind.TASK, 3)]
    assert week1.items[0].title.startswith("Lecture: Word embeddings")
    assert week1.items[0].resources[0].kind == ResourceKind.DOCS  # a GitHub folder
    assert all(i.estimated for i in roadmap.items())


def test_datasciencemasters_topic_list_skips_contents_and_resources(curricula):
    roadmap = curricula["datasciencemasters-go.md"]
    assert roadmap.title == "datasciencemasters-go"  # no H1: the file name
    assert [u.title for u in roadmap.units()] == [
        "The Open Source Data Science Curriculum",
        "Math",
        "Computing",
        "Data Analysis",
        "Data Communication and Design",
        "Data Science as a Profession",
        "Capstone Project",
    ]
    khan = item(roadmap, "Linear Algebra Khan Academy / Videos")
    assert khan.kind == ItemKind.RESOURCE and khan.resources[0].kind == ResourceKind.VIDEO
    assert khan.details == "Section: Linear Algebra & Programming"  # a bold entry heads the entries after it
    assert {i.kind for i in unit(roadmap, "Capstone Project").items} == {ItemKind.PROJECT}
    assert not [i for i in roadmap.items() if i.title.startswith(("DataTau", "Metacademy"))]
    assert sum(i.hours for i in roadmap.items()) == 472  # with the two bare-URL resources (Norvig, Quora)


# ---------------------------------------------------------------- hour forms


@pytest.mark.parametrize(
    ("entry", "title", "hours"),
    [
        ("[3 hrs] Learn NumPy", "Learn NumPy", 3),
        ("Read the attention paper (2h)", "Read the attention paper", 2),
        ("Watch the lecture, 90 min", "Watch the lecture", 1.5),
        ("Practice pandas ~4 hours", "Practice pandas", 4),
        ("1.5 hours of SQL drills", "SQL drills", 1.5),
        ("Quiz yourself (1h30m)", "Quiz yourself", 1.5),
        ("Skim the docs (20 min)", "Skim the docs", 0.25),  # rounded to a quarter hour
        ("Review notes [1.1 hrs]", "Review notes", 1),
        ("Build the pipeline (2-3 HRS)", "Build the pipeline", 2.5),  # a number, then its unit, in any case
        ("Week 3 recap, 45 Minutes", "Week 3 recap", 0.75),
        ("Chapters 2 to 4 (about 2 hours)", "Chapters 2 to 4", 2),  # numbers that are not hours come first
        ("Read chapter 12 ( approx. 3 hours )", "Read chapter 12", 3),
        ("Section 1.2 then 2024 notes, roughly 1 hour", "Section 1.2 then 2024 notes", 1),
    ],
)
def test_stated_task_hours_are_kept_and_removed_from_titles(entry, title, hours):
    roadmap = md(f"## Week work\n\n**Tasks**\n\n- {entry}\n")
    (only,) = roadmap.items()
    assert (only.title, only.hours, only.estimated) == (title, hours, False)


def test_items_without_stated_hours_get_the_estimation_rule():
    roadmap = md(
        """
        ## Module 1: Basics
        - **Key Concepts:**
          - Gradients
        - **Resources:**
          - [A paper](https://arxiv.org/abs/1706.03762)
        - **Mini-Project:** Build a tiny model
        """
    )
    assert [(i.kind, i.hours, i.estimated) for i in roadmap.items()] == [
        (ItemKind.CONCEPT, 1, True),
        (ItemKind.RESOURCE, 2, True),
        (ItemKind.PROJECT, 4, True),
    ]
    assert roadmap.items()[1].resources[0].kind == ResourceKind.PAPER


def test_a_units_estimated_time_in_hours_is_shared_by_its_tasks():
    roadmap = md(
        """
        ## Week plan
        **Estimated time (hours):** 13
        **Tasks**
        - Clean the data
        - Train a model
        - Tune it
        - Write it up
        """
    )
    assert [(i.hours, i.estimated) for i in roadmap.items()] == [(3.25, False)] * 4


def test_effort_per_week_times_duration_states_a_courses_hours():
    roadmap = md(
        """
        ## Courses
        - [Intro course](https://www.coursera.org/learn/x) — Duration: 8 weeks, Effort: 10 hours/week
        - [Long course](https://www.edx.org/y) (Effort: 5 hours/week, Duration: 50 weeks)
        """
    )
    intro, *long_parts = roadmap.items()
    assert (intro.title, intro.hours, intro.estimated) == ("Intro course", 80, False)
    assert [(i.title, i.hours) for i in long_parts] == [
        ("Long course (part 1 of 2)", 125),
        ("Long course (part 2 of 2)", 125),
    ]


def test_effort_and_duration_labels_state_a_units_hours():
    roadmap = md(
        """
        ## Statistics block
        **Duration:** 2 weeks
        **Effort:** 6 hours/week
        - Practice sampling
        - Practice testing
        """
    )
    assert [(i.hours, i.estimated) for i in roadmap.items()] == [(6, False), (6, False)]


def test_a_week_at_the_stated_pace_shares_its_hours_by_estimate():
    roadmap = md(
        """
        # Plan (10 hours/week)
        ## Week 3: Trees
        - Practice with random forests
        - Learn boosting
        """
    )
    assert roadmap.hours_per_week == 10
    assert [(i.kind, i.hours, i.estimated) for i in roadmap.items()] == [
        (ItemKind.TASK, 7.5, False),
        (ItemKind.CONCEPT, 2.5, False),
    ]


def test_a_span_of_weeks_at_the_stated_pace():
    roadmap = md(
        """
        Target: 8 hours/week

        ## Weeks 3-4: Deep learning
        - Practice backprop
        - Practice convolutions
        """
    )
    week = roadmap.units()[0]
    assert week.title == "Weeks 3-4: Deep learning"
    assert [i.hours for i in week.items] == [8, 8]


def test_day_ranges_split_the_weekly_pace_in_proportion_to_their_days():
    roadmap = md(
        """
        **Target: 25 hours/week**

        ## Week 1: Linear algebra
        - Day 1-3: Vectors
        - Day 4-5: Matrices
        - Day 6-7: Implement a matrix class
        - Practice the exercises
        """
    )
    assert roadmap.hours_per_week == 25
    assert [(i.id, i.hours, i.estimated) for i in roadmap.items()] == [
        ("w01.d1-3", 10.75, False),
        ("w01.d4-5", 7.25, False),
        ("w01.d6-7", 7, False),
        ("w01.4", 3, True),
    ]
    assert roadmap.items()[2].kind == ItemKind.TASK


def test_a_stated_pace_range_becomes_hours_per_week_at_its_midpoint():
    roadmap = md("# Full Study Plan (12–14 hrs/week)\n\n## Week 1\n- Study Python\n")
    assert roadmap.hours_per_week == 13
    assert roadmap.title == "Full Study Plan"


def test_day_ranges_without_a_pace_are_estimated():
    roadmap = md("## Week 1\n- Day 1-3: Vectors\n- Day 4-7: Implement matrices\n")
    assert [(i.hours, i.estimated) for i in roadmap.items()] == [(1, True), (3, True)]


# ---------------------------------------------------------------- noise


def test_decorative_emoji_and_shortcodes_are_dropped():
    roadmap = md("## 🚀 Week 1: Start :rocket:\n- 🧠 Learn tensors ✅\n- :book: Read the guide\n")
    assert roadmap.units()[0].title == "Week 1: Start"
    assert [i.title for i in roadmap.items()] == ["Learn tensors", "Read the guide"]


def test_cp1252_mojibake_is_repaired():
    roadmap = md("## Module 1\n\n* **ðŸ§  Key Concepts:**\n  - Bayesâ€™ theorem\n  - GÃ©ron chapter 2 Ã— 3\n")
    assert [(i.kind, i.title) for i in roadmap.items()] == [
        (ItemKind.CONCEPT, "Bayes’ theorem"),
        (ItemKind.CONCEPT, "Géron chapter 2 × 3"),
    ]


def test_macroman_mojibake_is_repaired():
    text = "# \uf8ffüöÄ Plan\n\n## Weeks 1‚Äì4: Basics\n- ‚úÖ Compute x¬≤ + 2y¬≤ ‚Üí gradient\n"
    roadmap = md(text)
    assert roadmap.title == "Plan"
    assert roadmap.units()[0].title == "Weeks 1–4: Basics"
    assert roadmap.items()[0].title == "Compute x² + 2y² → gradient"


def test_html_tags_are_dropped_and_their_text_kept():
    roadmap = md(
        """
        <h1 align="center">Deep Learning Path</h1>

        ## Unit one
        - Learn <b>backprop</b><br>by hand
        <details><summary>More</summary>

        - Read <em>the chapter</em>

        </details>
        """
    )
    assert roadmap.title == "Deep Learning Path"
    first, second = roadmap.items()
    assert (first.title, first.details) == ("Learn backprop", "by hand")
    assert second.title == "Read the chapter"


def test_badges_and_images_are_dropped():
    roadmap = md(
        """
        [![Build](https://img.shields.io/badge/build-passing-green.svg)](https://ci.example.org/run)
        ![diagram](images/overview.png)

        ## Unit one
        - Study the diagram ![fig](images/a.png) carefully [![badge](https://img.shields.io/x.svg)](https://x.org/y)
        """
    )
    (only,) = roadmap.items()
    assert only.title == "Study the diagram carefully"
    assert only.resources == []


def test_a_table_of_contents_is_not_content():
    roadmap = md(
        """
        # Course
        - [Week 1](#week-1)
          - [Setup](#setup)
        - [Week 2](#week-2)

        ## Week 1
        - Learn Python
        ## Week 2
        - Learn NumPy
        """
    )
    assert [i.title for i in roadmap.items()] == ["Learn Python", "Learn NumPy"]


def test_front_matter_gives_the_title_and_is_not_content():
    roadmap = md("---\ntitle: My ML Year\nlayout: page\n---\n# Ignored heading title\n\n## Week 1\n- Learn Python\n")
    assert (roadmap.id, roadmap.title) == ("my-ml-year", "My ML Year")
    assert [i.title for i in roadmap.items()] == ["Learn Python"]


def test_code_blocks_are_ignored():
    roadmap = md(
        """
        ## Week 1
        - Learn Python

        ```markdown
        - not an item
        ## Not a heading
        ```

            - indented code, not an item
        """
    )
    assert [i.title for i in roadmap.items()] == ["Learn Python"]
    assert len(roadmap.units()) == 1


def test_footnote_markers_and_definitions_are_dropped():
    roadmap = md("## Week 1\n- Learn Python[^1]\n- Read PEP 8 [^note]\n\n[^1]: A footnote.\n[^note]: Another one.\n")
    assert [i.title for i in roadmap.items()] == ["Learn Python", "Read PEP 8"]


def test_bold_and_italic_markers_are_dropped():
    roadmap = md("## Week 1\n- **Learn** *linear* _algebra_ and __calculus__\n")
    assert roadmap.items()[0].title == "Learn linear algebra and calculus"


# ---------------------------------------------------------------- structure, resources, ids


def test_headings_decide_stages_and_units_and_nested_entries_are_checklists():
    roadmap = md(
        """
        # Roadmap
        ## Phase 1: Foundations
        ### Module 1: Python
        - Write a script
          - Read input
          - Print output
        ### Module 2: NumPy
        - Learn arrays
        ## Phase 2: Models
        ### Module 3: Regression
        - Fit a line
        """
    )
    assert [(s.id, s.title, [u.id for u in s.units]) for s in roadmap.stages] == [
        ("s1", "Phase 1: Foundations", ["m01", "m02"]),
        ("s2", "Phase 2: Models", ["m03"]),
    ]
    assert roadmap.items()[0].checklist == ["Read input", "Print output"]


def test_one_level_of_headings_is_one_stage():
    roadmap = md("# Deep Learning\n\n## Perceptrons\n- Learn the perceptron\n## CNNs\n- Learn convolutions\n")
    (stage,) = roadmap.stages
    assert (stage.title, [u.title for u in stage.units]) == ("Deep Learning", ["Perceptrons", "CNNs"])


def test_back_matter_and_empty_sections_are_not_units():
    roadmap = md(
        """
        # Plan
        ## Table of Contents
        - [Week 1](#week-1)
        ## Week 1
        - Learn Python
        ## Why this plan works
        It is a good plan.
        ## Further Reading
        - [A blog](https://example.org/blog)
        ## License
        - MIT
        """
    )
    assert [u.title for u in roadmap.units()] == ["Week 1"]


def test_a_course_table_with_duration_and_effort_columns():
    roadmap = md(
        """
        ## Math
        Courses | Duration | Effort | Prerequisites
        :-- | :--: | :--: | :--:
        [Calculus](https://www.edx.org/course/calc) | 13 weeks | 6-10 hours/week | algebra
        [Proofs](https://example.org/proofs) | 5 weeks | 3 hours/week | none
        """
    )
    calculus, proofs = roadmap.items()
    assert (calculus.hours, calculus.estimated, calculus.details) == (104, False, "Prerequisites: algebra")
    assert (proofs.hours, proofs.resources[0].kind) == (15, ResourceKind.COURSE)  # "Courses" in the header


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://www.youtube.com/watch?v=abc", ResourceKind.VIDEO),
        ("https://youtu.be/abc", ResourceKind.VIDEO),
        ("https://arxiv.org/abs/1706.03762", ResourceKind.PAPER),
        ("https://github.com/karpathy/micrograd", ResourceKind.TOOL),
        ("https://github.com/karpathy/micrograd/blob/master/README.md", ResourceKind.DOCS),
        ("https://www.coursera.org/learn/machine-learning", ResourceKind.COURSE),
        ("https://www.edx.org/course/x", ResourceKind.COURSE),
        ("https://www.khanacademy.org/math/linear-algebra", ResourceKind.COURSE),
        ("https://www.kaggle.com/datasets/uciml/iris", ResourceKind.DATASET),
        ("https://docs.python.org/3/tutorial/", ResourceKind.DOCS),
        ("https://scikit-learn.readthedocs.io/en/stable/", ResourceKind.DOCS),
        ("https://jalammar.github.io/illustrated-transformer/", ResourceKind.ARTICLE),
    ],
)
def test_resource_kind_is_guessed_from_the_address(url, kind):
    roadmap = md(f"## Unit\n- [Something to study]({url})\n")
    assert roadmap.items()[0].resources[0].kind == kind


def test_ids_are_unique_and_valid_and_the_roadmap_id_and_title_can_be_given():
    roadmap = md("## Week 1\n- a\n## Week 1\n- b\n## Odd unit\n- c\n- c\n", roadmap_id="my-plan", title="My Plan")
    ids = [u.id for u in roadmap.units()] + [i.id for i in roadmap.items()]
    assert len(ids) == len(set(ids))
    assert all(re.match(ID_PATTERN, i) for i in ids)
    assert [u.id for u in roadmap.units()] == ["w01", "w01-2", "u03"]
    assert (roadmap.id, roadmap.title) == ("my-plan", "My Plan")


def test_a_numbering_repeated_many_times_gets_suffixes_in_order():
    roadmap = md("## Week 1\n- a\n" * 4 + "## Week 2\n- b\n")
    assert [u.id for u in roadmap.units()] == ["w01", "w01-2", "w01-3", "w01-4", "w02"]
    assert [i.id for i in roadmap.items()] == ["w01.1", "w01-2.1", "w01-3.1", "w01-4.1", "w02.1"]


@pytest.mark.parametrize(
    ("word", "unit"), [("WEEK", "Week"), ("wEEK", "Week"), ("Lecture", "Lecture"), ("ſession", "Session")]
)
def test_a_list_of_numbered_entries_is_a_list_of_units_whatever_their_case(word, unit):
    # the importer tests an entry's first two letters before the unit pattern: every case (and "ſ" for "s") passes
    roadmap = md(f"## Course\n- {word} 1: Basics\n  - Read notes\n- {word} 2: More\n  - Do exercises\n")
    assert [(u.title, [i.title for i in u.items]) for u in roadmap.units()] == [
        (f"{unit} 1: Basics", ["Read notes"]),
        (f"{unit} 2: More", ["Do exercises"]),
    ]


def test_numbered_entries_with_nothing_nested_are_items_and_a_bare_week_among_weeks_is_a_unit():
    # "- Lecture 1: …" alone under a course heading: the course's lectures (they were 18 empty units, all lost)
    course = md("## Course\nWhat it covers.\n\n- Lecture 1: Basics\n- Lecture 2: More\n")
    assert [(u.title, u.summary, [i.title for i in u.items]) for u in course.units()] == [
        ("Course", "What it covers.", ["Lecture 1: Basics", "Lecture 2: More"])
    ]
    # a week with nothing nested, among weeks with lists, is a week holding itself
    weeks = md("## Plan\n- Week 1: Basics\n  - Read notes\n- Week 2: Review\n- Week 3: More\n  - Do exercises\n")
    assert [(u.id, u.title, [i.title for i in u.items]) for u in weeks.units()] == [
        ("w01", "Week 1: Basics", ["Read notes"]),
        ("w02", "Week 2: Review", ["Week 2: Review"]),
        ("w03", "Week 3: More", ["Do exercises"]),
    ]


def test_a_units_prose_and_html_text_are_its_summary_but_scripts_and_styles_are_not():
    text = "# Plan\n\n## Week 1\n\nAbout tensors.\n\n<script>\n  window.dataLayer = [];\n</script>\n"
    text += "<style>p { color: red }</style>\n<p>Bring a notebook.</p>\n\n- Read the guide\n\n## Week 2\n\n- More\n"
    roadmap = md(text)
    assert [(u.title, u.summary) for u in roadmap.units()] == [
        ("Week 1", "About tensors.\nBring a notebook."),
        ("Week 2", ""),
    ]


def test_a_summary_keeps_each_address_its_prose_cites_after_the_link_text():
    text = "## Week 1\n\nTwo [labs](https://a.example/x) and two [labs](https://b.example/y), then **[notes](https://c.example/n)**.\n\n"
    roadmap = md(text + "- Read the guide\n\n## Week 2\n\n- More\n")
    assert roadmap.units()[0].summary == (
        "Two labs (https://a.example/x) and two labs (https://b.example/y), then notes (https://c.example/n)."
    )


def test_an_introductions_links_are_reported_on_their_lines_even_when_resolved_against_the_documents_address():
    from mlplan import sources

    text = "# Plan\n\nWritten by [Ada](https://ada.example/about).\n\nRead [the notes](docs/notes.md) first.\n\n"
    text += "## Week 1\n\n- Read the guide\n\n## Week 2\n\n- More\n"
    skipped = []
    import_markdown(text, "plan.md", skipped=skipped, links_base=sources.link_base("https://github.com/o/r"))
    assert [(s.line, s.why) for s in skipped] == [(3, "link in prose"), (5, "link in prose")]


def test_a_link_to_a_file_beside_the_document_in_a_units_prose_is_reported():
    skipped = []
    text = "# Plan\n\n## Week 1\n\nWork through the [notebooks](lectures/week1) first.\n\n- Read the guide\n\n"
    roadmap = import_markdown(text + "## Week 2\n\n- More\n", "plan.md", skipped=skipped)
    assert roadmap.units()[0].summary == "Work through the notebooks first."
    assert [(s.line, s.why.split(":")[0]) for s in skipped] == [(5, "link to lectures/week1 not kept")]


def test_a_title_over_one_list_is_a_one_unit_roadmap(mlplan, tmp_path):
    # the smallest plan a learner writes by hand: it was refused as having no section with study items
    plan = tmp_path / "plan.md"
    plan.write_text(
        "# My plan\n\nA short plan to get started with the maths.\n\n- Learn linear algebra\n- Learn Python [3h]\n"
    )
    result = mlplan("import", str(plan), "--dry-run", "--json")
    assert result.exit_code == 0, result.output
    roadmap = json.loads(result.stdout)["roadmap"]
    assert roadmap["title"] == "My plan"
    (unit,) = roadmap["stages"][0]["units"]
    assert [(i["title"], i["hours"]) for i in unit["items"]] == [("Learn linear algebra", 1.0), ("Learn Python", 3.0)]


def test_title_falls_back_to_the_file_name():
    roadmap = import_markdown("## Week 1\n- Learn Python\n", "notes/My Study Plan.md")
    assert (roadmap.id, roadmap.title, roadmap.source) == ("my-study-plan", "My Study Plan", "notes/My Study Plan.md")


def test_a_document_without_a_title_all_under_one_heading_is_titled_by_it(mlplan, tmp_path):
    # a README that opens with "## Course name" (no "# title"): the heading names it, the file name is its id
    readme = tmp_path / "README.md"
    readme.write_text("## Deep Learning Basics\n\n### Week 1\n- Learn tensors\n\n### Week 2\n- Learn autograd\n")
    result = mlplan("import", str(readme), "--dry-run", "--json")
    assert result.exit_code == 0, result.output
    roadmap = json.loads(result.stdout)["roadmap"]
    assert (roadmap["id"], roadmap["title"]) == ("readme", "Deep Learning Basics")
    assert [u["title"] for u in roadmap["stages"][0]["units"]] == ["Week 1", "Week 2"]


def test_an_ascii_document_is_read_without_importing_ftfy():
    # ftfy repairs mojibake, which needs non-ASCII text; importing it costs more than reading a small document
    code = (
        "import sys\nfrom mlplan.markdown_import import import_markdown\n"
        "import_markdown('## Week 1\\n- Learn Python\\n', 'plan.md')\nprint('ftfy' in sys.modules)\n"
        "import_markdown('## Week 1\\n- Learn Python \u2014 basics\\n', 'plan.md')\nprint('ftfy' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "True"]


def test_the_module_is_pure():
    code = "import sys, mlplan.markdown_import; print(sorted(m for m in ('typer', 'rich') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "the file is empty"),
        ("  \n\t\n", "the file is empty"),
        ("PK\x03\x04\x00\x00binary", "not a text file (it contains NUL bytes)"),
        ("Just a paragraph of prose.\n\nAnd another one.\n", "no Markdown headings or lists to import"),
        ("# Title\n\n## Section\nProse only, nothing to study.\n", "nothing to import: no section lists study items"),
        ("# Title\n## Contents\n- [A](#a)\n## License\n- MIT\n", "nothing to import: no section lists study items"),
    ],
)
def test_unusable_documents_raise_one_line(text, reason):
    with pytest.raises(RoadmapInvalid) as caught:
        import_markdown(text, "notes.md")
    assert str(caught.value) == f"notes.md: {reason}"
    assert caught.value.exit_code == 2


_MARKDOWNISH = st.text(
    alphabet=st.sampled_from(list("# -*_`[]()!:|>\n\t0123456789abcWeekDayhrs~–\u00e2\u20ac\u2122\U0001f680<br>")),
    max_size=300,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_MARKDOWNISH)
def test_any_text_imports_or_raises_roadmap_invalid(text):
    try:
        roadmap = import_markdown(text, "fuzz.md")
    except RoadmapInvalid as exc:
        assert str(exc).startswith("fuzz.md: ")
        return
    assert all(is_quarter(i.hours) and i.hours > 0 for i in roadmap.items())
    assert parse_roadmap(dump_roadmap(roadmap).decode(), "x") == roadmap


def test_headings_between_horizontal_rules_are_kept_and_front_matter_only_opens_a_document():
    roadmap = md(
        """\
        ---
        title: Rules everywhere
        ---
        ## Week 1: Tensors
        - Learn tensors

        ---
        ## Week 2: Autograd
        - Learn autograd

        ---
        ## Week 3: Training
        - Train a model
        """
    )
    assert roadmap.title == "Rules everywhere"
    assert [u.title for u in roadmap.units()] == ["Week 1: Tensors", "Week 2: Autograd", "Week 3: Training"]


# ---------------------------------------------------------------- shapes of real curricula


def test_months_of_weeks_with_bare_urls_keep_every_month():
    roadmap = md(
        """\
        # Learn ML in 3 months

        # Month 1

        ## Week 1 Linear Algebra
        https://www.youtube.com/watch?v=kjBOesZCoqc&list=PLZHQObOWTQDPD3MizzM2xVFitgF8hE_ab
        https://ocw.mit.edu/courses/mathematics/18-06-linear-algebra-spring-2010/
        ## Week 2 Calculus
        https://www.youtube.com/playlist?list=PLZHQObOWTQDMsr9K-rj53DwVRMYO3t5Yr

        # Month 2

        ## Week 1
        #### Learn python for data science
        https://www.youtube.com/watch?v=T5pRlIbr6gg
        #### Intro to Tensorflow
        https://www.youtube.com/watch?v=2FmcHiLCwTU

        ## Week 2
        Intro to ML (Udacity)
        https://eu.udacity.com/course/intro-to-machine-learning--ud120
        """
    )
    assert [s.title for s in roadmap.stages] == ["Month 1", "Month 2"]
    algebra = roadmap.stages[0].units[0]
    assert algebra.title == "Week 1: Linear Algebra"
    assert [i.title for i in algebra.items] == ["Linear Algebra"]  # the heading is the item
    assert [(r.title, r.kind) for r in algebra.items[0].resources] == [
        ("youtube.com/watch", ResourceKind.VIDEO),
        ("ocw.mit.edu/courses/mathematics/18-06-linear-algebra-spring-2010", ResourceKind.COURSE),
    ]
    week1, week2 = roadmap.stages[1].units
    assert [i.title for i in week1.items] == ["Learn python for data science", "Intro to Tensorflow"]
    udacity = week2.items[0]
    assert (udacity.title, udacity.kind, udacity.resources[0].title) == (
        "Intro to ML (Udacity)",
        ItemKind.RESOURCE,
        "Intro to ML (Udacity)",
    )
    assert not [i for i in roadmap.items() if "http" in i.title]


def test_a_day_journal_with_prose_imports_one_item_a_day():
    roadmap = md(
        """\
        # 100 days of ML

        ## Data PreProcessing | Day 1
        Cleaned a dataset with pandas.

        ## Logistic Regression | Day 4
        Read [an overview](https://example.org/logistic) and derived the loss.

        ## Logistic Regression | Day 5
        Moving forward, I dived into the math.
        """
    )
    (unit_,) = roadmap.units()
    assert (unit_.id, unit_.title) == ("w01", "Week 1: Days 1–5")
    assert [(i.id, i.title) for i in unit_.items] == [
        ("w01.d1", "Day 1: Data PreProcessing"),
        ("w01.d4", "Day 4: Logistic Regression"),
        ("w01.d5", "Day 5: Logistic Regression"),
    ]
    day4 = unit_.items[1]
    assert day4.details == "Read an overview and derived the loss."
    assert [str(r.url) for r in day4.resources] == ["https://example.org/logistic"]


def test_hours_come_from_outside_link_labels():
    roadmap = md(
        """\
        ## Week 1: Tensors
        - [PyTorch 60 minute blitz](https://pytorch.org/tutorials/beginner/deep_learning_60min_blitz.html) (1.5 hours)
        - [Learn PyTorch in 2 hours](https://example.org/learn-pytorch)
        """
    )
    blitz, second = roadmap.items()
    assert (blitz.title, blitz.hours, blitz.estimated) == ("PyTorch 60 minute blitz", 1.5, False)
    assert second.title == "Learn PyTorch in 2 hours"  # a label is the resource's name, not its hours
    assert second.estimated


def test_project_labels_stay_and_project_entries_without_hours_are_items():
    roadmap = md(
        """\
        ## Week 1: Regression
        - [2 hrs] Read about linear regression
        - [3 hrs] Fit a model on house prices
        - Project: predict bike rentals

        ## Week 2: Classification
        **Project:** Spam filter with naive Bayes
        """
    )
    week1, week2 = roadmap.units()
    assert [(i.kind, i.title) for i in week1.items][-1] == (ItemKind.PROJECT, "Project: predict bike rentals")
    project = week2.items[0]
    assert (project.kind, project.title) == (ItemKind.PROJECT, "Project: Spam filter with naive Bayes")
    assert project.hours == estimate_hours(ItemKind.PROJECT) and project.estimated


def test_task_lists_are_the_study_items_of_a_document_that_has_them():
    tasks = "\n".join(
        f"    - [ ] Topic {n}\n        - [ ] [Video {n}](https://www.youtube.com/watch?v=v{n})" for n in range(12)
    )
    text = (
        "# Interview university\n\n## Why use it?\n\n"
        "- Successful software engineers are smart, but many have an insecurity.\n"
        "- [Back to top](#interview-university)\n\n"
        f"## Data Structures\n\n- ### Arrays\n{tasks}\n"
    )
    skipped: list = []
    roadmap = import_markdown(text, "iu.md", skipped=skipped)
    (unit_,) = roadmap.units()
    assert unit_.title == "Data Structures"
    assert [i.title for i in unit_.items][:2] == ["Topic 0", "Topic 1"] and len(unit_.items) == 12
    assert unit_.items[0].checklist == ["Video 0"]
    assert unit_.items[0].resources[0].kind == ResourceKind.VIDEO
    assert unit_.items[0].details == "Section: Arrays"
    assert [(s.line, s.why) for s in skipped] == [
        (3, "heading without study content"),
        (5, "prose (the document's study items are its task list)"),
        (6, "navigation"),
    ]


@given(st.text(alphabet=st.sampled_from(list("0123456789aZz_ -:.\u00e9\u00c9\u0663"))))
def test_skipped_report_reads_the_words_of_ascii_lines_as_its_pattern_does(text):
    # The report splits ASCII lines by byte table for speed; it must find the words the pattern finds.
    assert skipped_module._words(text) == frozenset(skipped_module._WORD.findall(text.lower()))


def test_numbered_and_nested_lists_make_items_with_checklists():
    roadmap = md(
        """\
        ## Module 1: Python
        1. Learn the syntax
           - variables
           - loops
        2. Write a CLI tool
        """
    )
    first, second = roadmap.items()
    assert (first.title, first.checklist) == ("Learn the syntax", ["variables", "loops"])
    assert (second.title, second.kind) == ("Write a CLI tool", ItemKind.TASK)


def test_item_ids_are_the_unit_and_a_number_and_repeated_days_get_a_suffix():
    # numbered item ids cannot clash (the unit's id is unique and holds no dot); two "Day 1" items can
    roadmap = md(
        """\
        # Plan
        ## Week 1
        - Day 1: Arrays
        - Day 1: Lists
        - Read the notes
        ## Week 1
        - Practice
        """
    )
    assert [(unit.id, [item.id for item in unit.items]) for unit in roadmap.units()] == [
        ("w01", ["w01.d1", "w01.d1-2", "w01.3"]),
        ("w01-2", ["w01-2.1"]),
    ]


_LABELS = st.text(alphabet="abc :()", min_size=0, max_size=6)
_ADDRESSES = st.from_regex(r"https://[a-c]{1,3}\.example/[a-c]{0,4}", fullmatch=True)


_PARTS = st.tuples(st.text(alphabet="xy ", max_size=4), _LABELS, _ADDRESSES)  # filler, link text, address


@settings(max_examples=300, deadline=None)
@given(st.lists(_PARTS, min_size=1, max_size=5, unique_by=lambda part: part[2]), _LABELS)
def test_prose_keeps_every_address_it_cites_and_its_text(parts, tail):
    # a paragraph line: filler, a link's text, filler…; the summary has each address, in order where it can
    from mlplan.markdown_import.inline import Line
    from mlplan.markdown_import.pieces import with_addresses

    text = "".join(filler + label for filler, label, _ in parts) + tail
    line = Line(text, [(label, url) for _, label, url in parts])
    kept = with_addresses(line)
    for _, _, url in parts:
        assert f"({url})" in kept
    without = kept
    for _, _, url in parts:
        without = without.replace(f" ({url})", "", 1)
    assert without == text
