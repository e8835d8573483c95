"""Where `mlplan import` and `mlplan import-plan` read from: links (a local HTTP server) and size limits."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cli_asserts import refused_in_one_line

from mlplan import plan_archive, sources

PLAN_MD = (
    "# Linked Plan\n\n## Week 1: Basics\n\n- Read the intro [2h]\n- Watch a lecture\n\n## Week 2: More\n\n- Practise\n"
)
PAGES: dict[str, tuple[int, str, bytes]] = {
    "/plan.md": (200, "text/markdown; charset=utf-8", PLAN_MD.encode()),
    "/plain": (200, "text/plain", PLAN_MD.encode()),
    "/roadmap.yaml": (
        200,
        "application/yaml",
        b"id: linked-yaml\ntitle: Linked YAML\nsource: a link\nstages:\n- id: s1\n  title: S\n  units:\n"
        b"  - id: u1\n    title: U\n    items:\n    - {id: a, kind: task, title: A, hours: 2, estimated: false}\n",
    ),
    "/page.html": (200, "text/html; charset=utf-8", b"<!DOCTYPE html><html><body><h1>Plan</h1></body></html>"),
    "/sneaky-html": (200, "text/plain", b"  <!doctype html>\n<html><body>hi</body></html>"),
    "/big.md": (200, "text/markdown", b"# Big\n\n## Week 1\n\n- an item\n\n" + b"prose " * 200_000),
    "/course/README.md": (
        200,
        "text/markdown",
        b"# Course\n\n## Lecture 1: Backprop\n\n- [Notebook](lectures/micro%20grad.ipynb)\n"
        b"- [Syllabus](/docs/syllabus.md)\n- [Exercises](../exercises/one.md) [2h]\n",
    ),
    "/latin1.md": (
        200,
        "text/markdown; charset=iso-8859-1",
        "# Caf\xe9 plan\n\n## Week 1\n\n- R\xe9sum\xe9\n".encode("latin-1"),
    ),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the http.server hook
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/plan.md")
            self.end_headers()
            return
        if self.path == "/to-ftp":
            self.send_response(302)
            self.send_header("Location", "ftp://127.0.0.1/plan.md")
            self.end_headers()
            return
        status, kind, body = PAGES.get(self.path, (404, "text/plain", b"not here"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A local HTTP server (loopback only) serving PAGES; yields its base address."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_import_a_markdown_link(mlplan, server, isolated_home):
    result = mlplan("import", f"{server}/plan.md", "--id", "linked")
    assert result.exit_code == 0, result.output
    assert "Imported linked: 1 stage, 2 units, 3 items" in result.stdout
    shown = json.loads(mlplan("show", "linked", "--json").stdout)
    assert shown["source"] == f"{server}/plan.md"
    assert shown["stages"][0]["units"][0]["items"][0] == {
        "id": "w01.1", "kind": "concept", "title": "Read the intro", "hours": 2.0, "estimated": False,
        "details": None, "resources": [], "checklist": [],
    }  # fmt: skip


def test_a_link_without_a_suffix_and_a_redirect_are_followed(mlplan, server):
    assert mlplan("import", f"{server}/plain", "--dry-run").exit_code == 0
    result = mlplan("import", f"{server}/moved", "--id", "moved")
    assert result.exit_code == 0, result.output
    assert "Imported moved" in result.stdout


def test_a_yaml_link_and_a_declared_charset(mlplan, server):
    assert "Imported linked-yaml" in mlplan("import", f"{server}/roadmap.yaml").stdout
    result = mlplan("import", f"{server}/latin1.md", "--json", "--dry-run")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["roadmap"]["title"] == "Café plan"


@pytest.mark.parametrize("path", ["/page.html", "/sneaky-html"])
def test_an_html_page_isrefused_in_one_line(mlplan, server, path, isolated_home):
    refused_in_one_line(mlplan("import", f"{server}{path}"), "web page (HTML)", "raw file")
    assert not (isolated_home / "roadmaps").exists()


def test_download_failures_are_one_line(mlplan, server):
    refused_in_one_line(mlplan("import", f"{server}/missing.md"), "404", "is the address right")
    refused_in_one_line(mlplan("import", f"{server}/to-ftp"), "not an http(s) link")
    refused_in_one_line(mlplan("import", "ftp://127.0.0.1/plan.md"), "only http:// and https://")
    refused_in_one_line(mlplan("import", "file:///etc/passwd"), "only http:// and https://")
    # A closed port on this machine: connection refused.
    refused_in_one_line(mlplan("import", "http://127.0.0.1:9/plan.md"), "cannot download")


def test_a_download_over_the_limit_is_refused_unless_raised(mlplan, server):
    refused_in_one_line(
        mlplan("import", f"{server}/big.md", "--max-size", "1MB"), "larger than the 1 MB limit", "--max-size 2MB"
    )
    result = mlplan("import", f"{server}/big.md", "--max-size", "3MB", "--dry-run")
    assert result.exit_code == 0, result.output


def test_a_download_that_stalls_times_out(mlplan, monkeypatch):
    import socket

    quiet = socket.socket()
    quiet.bind(("127.0.0.1", 0))
    quiet.listen(1)  # accepts the connection, never answers
    monkeypatch.setattr(sources, "TIMEOUT_SECONDS", 0.5)
    try:
        refused_in_one_line(
            mlplan("import", f"http://127.0.0.1:{quiet.getsockname()[1]}/plan.md"), "no answer within 0.5 s"
        )
    finally:
        quiet.close()


@pytest.mark.parametrize(
    ("url", "raw"),
    [
        ("https://github.com/owner/repo", "https://api.github.com/repos/owner/repo/readme"),
        ("https://github.com/owner/repo.git", "https://api.github.com/repos/owner/repo/readme"),
        ("https://www.github.com/owner/my.repo/", "https://api.github.com/repos/owner/my.repo/readme"),
        (
            "https://github.com/owner/repo/blob/main/docs/plan.md",
            "https://raw.githubusercontent.com/owner/repo/main/docs/plan.md",
        ),
        (
            "https://github.com/owner/repo/blob/v1.2/README.md",
            "https://raw.githubusercontent.com/owner/repo/v1.2/README.md",
        ),
        ("https://example.org/github.com/owner/repo", "https://example.org/github.com/owner/repo"),
        ("https://github.com/owner/repo/issues/3", "https://github.com/owner/repo/issues/3"),
    ],
)
def test_github_pages_are_read_raw(url, raw):
    assert sources.raw_address(url) == raw


@pytest.mark.parametrize(
    ("url", "page", "root"),
    [
        (
            "https://github.com/owner/repo",
            "https://github.com/owner/repo/blob/HEAD/",
            "https://github.com/owner/repo/blob/HEAD/",
        ),
        (
            "https://github.com/owner/repo/blob/main/docs/plan.md",
            "https://github.com/owner/repo/blob/main/docs/plan.md",
            "https://github.com/owner/repo/blob/main/",
        ),
        (
            "https://raw.githubusercontent.com/owner/repo/v1.2/README.md",
            "https://github.com/owner/repo/blob/v1.2/README.md",
            "https://github.com/owner/repo/blob/v1.2/",
        ),
        ("https://example.org/course/plan.md", "https://example.org/course/plan.md", "https://example.org/"),
    ],
)
def test_links_beside_a_github_document_lead_to_its_repository_pages(url, page, root):
    base = sources.link_base(url)
    assert (base.page, base.root) == (page, root)


def test_links_relative_to_a_downloaded_document_become_web_addresses(mlplan, server, isolated_home):
    result = mlplan("import", f"{server}/course/README.md", "--dry-run", "--json")
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    items = shown["roadmap"]["stages"][0]["units"][0]["items"]
    assert [(i["title"], [r["url"] for r in i["resources"]]) for i in items] == [
        ("Notebook", [f"{server}/course/lectures/micro%20grad.ipynb"]),
        ("Syllabus", [f"{server}/docs/syllabus.md"]),
        ("Exercises", [f"{server}/exercises/one.md"]),
    ]
    assert shown["skipped"] == []


def test_links_relative_to_a_file_are_reported_as_lost(mlplan, tmp_path, isolated_home):
    readme = tmp_path / "README.md"
    readme.write_bytes(PAGES["/course/README.md"][2])
    result = mlplan("import", str(readme), "--dry-run", "--json")
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    items = shown["roadmap"]["stages"][0]["units"][0]["items"]
    assert [(i["title"], i["resources"]) for i in items] == [("Notebook", []), ("Syllabus", []), ("Exercises", [])]
    assert [(s["line"], s["text"]) for s in shown["skipped"]] == [
        (5, "- [Notebook](lectures/micro%20grad.ipynb)"),
        (6, "- [Syllabus](/docs/syllabus.md)"),
        (7, "- [Exercises](../exercises/one.md) [2h]"),
    ]
    assert shown["skipped"][0]["why"].startswith("link to lectures/micro%20grad.ipynb not kept: a file beside")
    human = mlplan("import", str(readme), "--dry-run")
    assert "skipped 3 lines" in human.stdout.lower(), human.stdout


def test_a_github_link_downloads_the_raw_address(mlplan, server, monkeypatch):
    monkeypatch.setattr(sources, "raw_address", lambda url: f"{server}/plan.md" if "github.com" in url else url)
    result = mlplan("import", "https://github.com/owner/repo", "--id", "from-github")
    assert result.exit_code == 0, result.output
    assert json.loads(mlplan("show", "from-github", "--json").stdout)["source"] == "https://github.com/owner/repo"


def test_a_file_over_the_limit_is_refused_unless_raised(mlplan, tmp_path, isolated_home):
    big = tmp_path / "big.md"
    big.write_text("# Big\n\n## Week 1\n\n" + "- an item to study\n" * 600_000, encoding="utf-8")  # 10.8 MB
    refused_in_one_line(mlplan("import", str(big)), "big.md: larger than the 10 MB limit", "--max-size 20MB")
    assert not (isolated_home / "roadmaps").exists()
    refused_in_one_line(
        mlplan("import", "-", "--max-size", "100KB", input=big.read_text()), "<stdin>: larger than the 100 KB"
    )


@pytest.mark.parametrize("size", ["lots", "0", "-5MB", "1e400", "nan", "5 parsecs"])
def test_a_bad_max_size_is_a_usage_error(mlplan, tmp_path, size):
    source = tmp_path / "plan.md"
    source.write_text(PLAN_MD, encoding="utf-8")
    refused_in_one_line(
        mlplan("import", str(source), "--max-size", size), f"--max-size {size}: not a size", "like 20MB"
    )


def test_a_backup_over_the_limit_isrefused_in_one_line(mlplan, tmp_path, monkeypatch):
    backup = tmp_path / "backup.json"
    backup.write_text(json.dumps({"format": "mlplan-plan", "padding": "x" * 2_000_000}), encoding="utf-8")
    monkeypatch.setattr(plan_archive, "MAX_BYTES", sources.MB)
    refused_in_one_line(mlplan("import-plan", str(backup)), "backup.json: larger than the 1 MB limit", "far smaller")
