"""The public curricula in tests/fixtures/curricula: each imports with its shape and loses nothing silently."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from mlplan.markdown_import import Skipped, import_markdown
from mlplan.models import ItemKind, ResourceKind, Roadmap
from mlplan.roadmap_file import dump_roadmap, parse_roadmap

CURRICULA = Path(__file__).parent / "fixtures" / "curricula"

KEEP = "a file beside the document has no web address (import the document from its link to keep it)"
CORPUS = {  # fixture: (stages, units, items, skipped lines)
    "100-days-of-ml-code.md": (1, 8, 54, 2),  # a day journal: '## Logistic Regression | Day 4'
    "amitness-learning.md": (4, 33, 529, 2),  # a learning log: Format | Resource | Progress tables
    "awesome-datascience.md": (6, 22, 636, 153),  # an awesome list
    "coding-interview-university.md": (1, 11, 208, 739),  # a big task-list README
    "datasciencemasters-go.md": (1, 7, 89, 61),  # a topic list under bold group entries
    "homemade-machine-learning.md": (4, 5, 21, 39),  # topic sections of Math / Code / Demo links
    "llm-course.md": (4, 24, 200, 13),  # numbered topics under course parts, split by '---' rules
    "ml-for-software-engineers.md": (1, 18, 154, 112),  # a task-list learning path
    "ml-interviews.md": (1, 1, 7, 10),  # a chapter table
    "ml-youtube-courses.md": (1, 59, 416, 90),  # courses with lecture lists
    "nn-zero-to-hero.md": (1, 8, 21, 7),  # a lecture syllabus with bold 'Lecture N:' lines
    "ossu-computer-science.md": (4, 17, 72, 83),  # course tables with Duration and Effort
    "ossu-data-science.md": (1, 10, 33, 59),  # headings over paragraphs of course links
    "practical-rl.md": (1, 5, 32, 21),  # a university course page with its syllabus
    "start-machine-learning.md": (8, 11, 81, 67),  # a guide: one section per kind of resource
    "ysda-nlp-course.md": (1, 11, 22, 13),  # a list of 'weekNN' entries
}


@pytest.fixture(scope="module")
def corpus() -> dict[str, tuple[Roadmap, list[Skipped], str]]:
    out = {}
    for name in CORPUS:
        text = (CURRICULA / name).read_text(encoding="utf-8")
        skipped: list[Skipped] = []
        out[name] = (import_markdown(text, name, skipped=skipped), skipped, text)
    return out


def test_the_corpus_holds_fifteen_curricula_each_with_its_licence():
    documents = sorted(p.name for p in CURRICULA.glob("*.md") if p.name != "README.md")
    assert len(documents) >= 15
    for name in documents:
        licence = (CURRICULA / name).with_suffix(".LICENSE").read_text(encoding="utf-8")
        assert licence.startswith("Source: https://github.com/"), name
        assert re.search(r"Licen[cs]e: (MIT|Apache-2\.0|CC BY-SA 4\.0|CC0 1\.0|The Unlicense)", licence), name
        assert name in (CURRICULA / "README.md").read_text(encoding="utf-8"), name
    assert set(documents) == set(CORPUS)


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_each_curriculum_imports_with_its_shape_and_round_trips(corpus, name):
    roadmap, skipped, _ = corpus[name]
    assert (len(roadmap.stages), len(roadmap.units()), len(roadmap.items()), len(skipped)) == CORPUS[name]
    assert parse_roadmap(dump_roadmap(roadmap).decode(), "x") == roadmap


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_skipped_lines_are_headings_list_items_or_paragraph_links_with_a_reason(corpus, name):
    _, skipped, text = corpus[name]
    lines = text.split("\n")
    assert [s.line for s in skipped] == sorted(s.line for s in skipped)
    for s in skipped:
        assert s.text == lines[s.line - 1].strip()[:200] or s.text.endswith("…")
        if link := re.match(r"link to (.+) not kept: ", s.why):
            assert f"]({unquote(link[1])})" in lines[s.line - 1].replace("\\", "")  # the line the link is on
            continue
        if not re.match(r"(?:>\s*)*(?:#{1,6}\s|[-*+]\s|\d+[.)]\s|\*\*)", s.text):
            # a paragraph's link that the roadmap does not keep: reported on the line its address is written on
            assert "://" in lines[s.line - 1] and re.match(r"link in prose|badge|back matter \(", s.why), s
            continue
        assert re.match(
            r"table of contents|back matter \(|badge|navigation|label|heading without|(link in )?prose|empty", s.why
        )


def test_a_day_journal_is_a_week_of_day_items_at_a_time(corpus):
    roadmap, _, _ = corpus["100-days-of-ml-code.md"]
    week1 = roadmap.units()[0]
    assert (week1.id, week1.title) == ("w01", "Week 1: Days 1–7")
    assert [i.title for i in week1.items][3:5] == ["Day 4: Logistic Regression", "Day 5: Logistic Regression"]
    assert week1.items[3].id == "w01.d4"
    day8 = roadmap.units()[1].items[0]
    assert day8.title == "Day 8: Math Behind Logistic Regression"
    assert day8.details.startswith("#100DaysOfMLCode To clear my insights on logistic regression")
    assert [str(r.url) for r in day8.resources] == [
        "https://towardsdatascience.com/logistic-regression-detailed-overview-46c4da4303bc"
    ]
    assert roadmap.units()[-1].title == "Week 8: Days 50–54"
    assert not [i for i in roadmap.items() if "Support Vector Machines" in i.title and "Day" not in i.title]
    assert "Day 9: Support Vector Machines" in [i.title for i in roadmap.items()]  # not back matter ("Support")


def test_a_task_list_readme_imports_its_checklist_not_its_prose(corpus):
    roadmap, skipped, text = corpus["coding-interview-university.md"]
    vector = next(i for i in roadmap.items() if i.title.startswith("Implement a vector"))
    assert vector.kind == ItemKind.TASK
    assert "push(item)" in vector.checklist and len(vector.checklist) == 18
    arrays = next(i for i in roadmap.items() if i.title == "About Arrays:")
    assert [r.kind for r in arrays.resources][:2] == [ResourceKind.VIDEO, ResourceKind.COURSE]
    assert not [i for i in roadmap.items() if re.search(r"back to top|Successful software engineers", i.title, re.I)]
    why = {s.line: s.why for s in skipped}
    successful = next(n for n, line in enumerate(text.split("\n"), 1) if "Successful software engineers" in line)
    assert why[successful] == "prose (the document's study items are its task list)"
    # every '- [ ]' line of the document is in the roadmap
    tasks = [n for n, line in enumerate(text.split("\n"), 1) if re.match(r"\s*[-*] \[[ x]\] ", line)]
    assert len(tasks) == 463 and not [n for n in tasks if n in why]


def test_a_task_list_path_keeps_its_prerequisite_tasks(corpus):
    roadmap, skipped, _ = corpus["ml-for-software-engineers.md"]
    first = roadmap.units()[0]
    assert first.title == "Prerequisite Knowledge"
    assert [i.title for i in first.items][1:3] == ["Learning How to Learn", "Don’t Break The Chain"]
    assert first.items[1].resources[0].kind == ResourceKind.COURSE


def test_sections_between_rules_and_link_lists_make_the_llm_course(corpus):
    roadmap, skipped, _ = corpus["llm-course.md"]
    assert [s.title for s in roadmap.stages] == [
        "Notebooks",
        "LLM Fundamentals",
        "The LLM Scientist",
        "The LLM Engineer",
    ]
    assert [len(s.units) for s in roadmap.stages] == [4, 4, 8, 8]
    assert roadmap.stages[2].units[1].title == "2. Pre-Training Models"
    # the book the introduction advertises (an HTML link in a paragraph), then its numbered list of the parts
    assert [(s.line, s.why) for s in skipped[:4]] == [(7, "link in prose"), (14, "prose"), (15, "prose"), (16, "prose")]


def test_bold_lecture_lines_head_the_units_of_a_syllabus(corpus):
    roadmap, skipped, _ = corpus["nn-zero-to-hero.md"]
    # no '# title': the one heading that holds the whole README names it; the file name stays its id
    assert (roadmap.id, roadmap.title) == ("nn-zero-to-hero", "Neural Networks: Zero to Hero")
    assert [u.id for u in roadmap.units()] == [f"l{n:02d}" for n in range(1, 9)]
    first = roadmap.units()[0]
    assert first.title == "Lecture 1: The spelled-out intro to neural networks and backpropagation: building micrograd"
    assert [(i.title, i.resources[0].kind if i.resources else None) for i in first.items] == [
        ("YouTube video lecture", ResourceKind.VIDEO),
        ("Jupyter notebook files", None),  # a folder beside the README: no address to give
        ("micrograd Github repo", ResourceKind.TOOL),
    ]
    # what the course and each lecture are about: the paragraph under the heading and under each bold line
    assert roadmap.stages[0].summary.startswith("A course on neural networks that starts all the way at the basics.")
    assert first.summary == (
        "Backpropagation and training of neural networks. "
        "Assumes basic knowledge of Python and a vague recollection of calculus from high school."
    )
    assert all(unit.summary for unit in roadmap.units())
    # the notebooks' links are lost with the file's folder, and the report says so (after the course
    # summary's "lectures directory" link, line 4)
    assert skipped[0].line == 4 and skipped[0].why == f"link to lectures/ not kept: {KEEP}"
    assert [(s.line, s.text, s.why) for s in skipped[1:3]] == [
        (
            13,
            "- [Jupyter notebook files](lectures/micrograd)",
            f"link to lectures/micrograd not kept: {KEEP}",
        ),
        (
            23,
            "- [Jupyter notebook files](lectures/makemore/makemore_part1_bigrams.ipynb)",
            f"link to lectures/makemore/makemore_part1_bigrams.ipynb not kept: {KEEP}",
        ),
    ]
    assert len([s for s in skipped if s.why.endswith(KEEP)]) == 7


def test_headings_over_paragraphs_of_links_are_units_of_those_courses(corpus):
    roadmap, skipped, _ = corpus["ossu-data-science.md"]
    databases = next(u for u in roadmap.units() if u.title == "Databases")
    assert [i.title for i in databases.items][:2] == [
        "Database Management Essentials",
        "Data Warehouse Concepts, Design, and Data Integration",
    ]
    assert {(i.kind, i.resources[0].kind) for i in databases.items[:5]} == {(ItemKind.RESOURCE, ResourceKind.COURSE)}
    intro = next(u for u in roadmap.units() if u.title == "Introduction to Computer Science")
    assert [i.title for i in intro.items][0] == "Introduction to programming"  # a link to a page in the repository
    assert skipped[0] == Skipped(14, "## Contents", "table of contents")


def test_awesome_lists_guides_and_course_pages_keep_their_sections(corpus):
    awesome, skipped, _ = corpus["awesome-datascience.md"]
    assert [s.title for s in awesome.stages][:3] == ["Real World", "The Data Science Toolbox", "Literature and Media"]
    assert skipped[0] == Skipped(11, "## Sponsors", "back matter (Sponsors)")
    guide, _, _ = corpus["start-machine-learning.md"]
    playlist = guide.units()[1].items[0]
    assert playlist.title == "Introduction to machine learning - YouTube Playlist (Stanford)"
    assert playlist.resources[0].kind == ResourceKind.VIDEO
    youtube, _, _ = corpus["ml-youtube-courses.md"]
    assert youtube.units()[2].title == "Making Friends with Machine Learning"
    course, skipped, _ = corpus["practical-rl.md"]
    assert [u.title for u in course.units()] == [
        "Manifesto",
        "Course info",
        "Additional materials",
        "Syllabus",
        "Course staff",
    ]
    # where the course is taught (links in the introduction's paragraph), then a label-like list entry
    assert [(s.line, s.why) for s in skipped[:2]] == [(4, "link in prose"), (20, "prose")]


def test_a_chapter_table_names_each_chapter_by_its_content(corpus):
    roadmap, _, _ = corpus["ml-interviews.md"]
    assert [i.title for i in roadmap.items()][:2] == [
        "Chapter 1: General Coding (Algos and Data Structures)",
        "Chapter 2: ML Coding",
    ]
    chapter5 = roadmap.items()[4]
    assert [str(r.url) for r in chapter5.resources] == ["https://github.com/alirezadir/Agentic-AI-Systems.git"]


def test_a_list_of_numbered_lectures_is_the_course_s_items_under_its_description(corpus):
    # "- Lecture 1: The Learning Problem" … with nothing nested: the course's lectures, not 18 empty units
    youtube, skipped, _ = corpus["ml-youtube-courses.md"]
    caltech = youtube.units()[0]
    assert caltech.title == "Caltech CS156: Learning from Data"
    assert caltech.summary == (
        "An introductory course in machine learning that covers the basic theory, algorithms, and applications."
    )
    assert [i.title for i in caltech.items][:2] == [
        "Lecture 1: The Learning Problem",
        "Lecture 2: Is Learning Feasible?",
    ]
    assert len(caltech.items) == 19 and caltech.items[-1].resources[0].kind == ResourceKind.VIDEO
    assert not [s for s in skipped if 95 <= s.line <= 118]


def test_a_link_whose_text_has_a_colon_is_an_item_and_unkept_paragraph_links_are_reported(corpus):
    # "[Algorithms I: ArrayLists, …](edx)" alone in a paragraph is a course, not a note on the one before
    roadmap, _, _ = corpus["ossu-data-science.md"]
    algorithms = next(u for u in roadmap.units() if u.title == "Data Structures and Algorithms")
    assert [i.title for i in algorithms.items][:2] == [
        "Java Programming",
        "Algorithms I: ArrayLists, LinkedLists, Stacks and Queues",
    ]
    assert algorithms.items[1].resources[0].url.startswith("https://www.edx.org/learn/data-structures/")
    # a link in a paragraph the roadmap does not keep (the introduction's) is in the report, on its line
    _, skipped, _ = corpus["ml-for-software-engineers.md"]
    assert (
        Skipped(
            15,
            "Inspired by [Coding Interview University](https://github.com/jwasham/coding-interview-university).",
            "link in prose",
        )
        in skipped
    )
