"""Where imported text comes from: a file, standard input or a web link, read within a size limit.

A link is downloaded with the standard library's urllib: one GET with a timeout, http and
https only (redirects too), and no more than the size limit is ever read. A GitHub page is
swapped for its raw text (``github.com/o/r`` → the repository's README on its default
branch, ``github.com/o/r/blob/ref/path`` → ``raw.githubusercontent.com/o/r/ref/path``),
and an HTML page is refused: it is a web page around a document, not the document.

Limits keep a mistaken or hostile file from taking the machine's memory: no more than
the limit is ever read. Importing a roadmap reads at most ``IMPORT_LIMIT`` unless
``--max-size`` raises it (a 5 MB Markdown file needs about 0.5 GB while it is read); a
plan backup at most ``plan_archive.MAX_BYTES``.
"""

from __future__ import annotations

import math
import re
import sys
from pathlib import Path
from typing import BinaryIO, NamedTuple
from urllib.parse import urlsplit

from mlplan.errors import ChoiceError, UsageError

MB = 1_000_000
IMPORT_LIMIT = 10 * MB
TIMEOUT_SECONDS = 30
RAISE_LIMIT = "if it really is one document, raise the limit with {max_size} (like {max_size} {bigger})"
_UNITS = {"": MB, "b": 1, "k": 1000, "kb": 1000, "m": MB, "mb": MB, "g": 1000 * MB, "gb": 1000 * MB}
_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([a-z]*)", re.I)
_GITHUB_REPO = re.compile(r"^/([\w.-]+)/([\w.-]+?)(?:\.git)?/?$")
_GITHUB_BLOB = re.compile(r"^/([\w.-]+)/([\w.-]+)/(?:blob|raw)/(.+)$")
_GITHUB_RAW = re.compile(r"^/([\w.-]+)/([\w.-]+)/(.+)$")
_HTML_START = re.compile(rb"^\s*(?:<!doctype html|<html[\s>]|<head[\s>])", re.I)


def parse_size(text: str) -> int:
    """Bytes in a ``--max-size`` value: ``20MB``, ``500 KB``, ``1.5GB`` or a number of megabytes."""
    match = _SIZE.fullmatch(text.strip())
    unit = match[2].lower() if match else ""
    if not match or unit not in _UNITS or not math.isfinite(value := float(match[1]) * _UNITS[unit]) or value < 1:
        raise ChoiceError("{max_size} {text}: not a size; give megabytes like 20MB (or 500KB, 1GB)", text=text)
    return int(value)


def is_link(source: str) -> bool:
    """True when ``source`` names a web address rather than a file."""
    return bool(re.match(r"^[a-z][a-z0-9+.-]*://", source, re.I))


def read_source(source: str, limit: int, too_big: str = "") -> str:
    """The text of a file path, ``-`` (standard input) or an http(s) link, refused when larger than ``limit`` bytes.

    ``too_big`` ends the refusal (default: how to raise the limit with the ``max_size`` choice).
    """
    too_big = too_big or RAISE_LIMIT
    if source == "-":
        return _decode(_read_at_most(sys.stdin.buffer, limit, "<stdin>", too_big), "<stdin>")
    if is_link(source):
        return download(source, limit, too_big)
    path = Path(source)
    try:
        with path.open("rb") as stream:
            data = _read_at_most(stream, limit, source, too_big)
    except FileNotFoundError:
        raise UsageError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{source}: is a folder; give a file") from None
    except OSError as exc:
        raise UsageError(f"{source}: cannot read ({exc.strerror or exc})") from None
    return _decode(data, source)


def raw_address(url: str) -> str:
    """The address of the raw text behind ``url`` (GitHub repository and blob pages); other links unchanged."""
    parts = urlsplit(url)
    if parts.hostname not in ("github.com", "www.github.com"):
        return url
    if blob := _GITHUB_BLOB.match(parts.path):
        owner, repo, rest = blob.groups()
        return f"https://raw.githubusercontent.com/{owner}/{repo}/{rest}"
    if repo := _GITHUB_REPO.match(parts.path):
        # The API's raw README is the default branch's README, whatever its file is called.
        return f"https://api.github.com/repos/{repo[1]}/{repo[2]}/readme"
    return url


class LinkBase(NamedTuple):
    """What links relative to a web document resolve against: ``page`` for ``x/y`` and ``../x``, ``root`` for ``/x``."""

    page: str
    root: str


def link_base(url: str) -> LinkBase:
    """Where links relative to the document at ``url`` lead.

    ``page`` resolves ``lectures/micrograd`` and ``../notes.md``; ``root`` resolves ``/docs/x.md``.
    A GitHub document's links lead to the repository's pages, as GitHub shows them, even
    though its raw text is what was read: ``github.com/o/r`` → ``github.com/o/r/blob/HEAD/``
    (a folder's ``blob`` page leads on to its ``tree`` page), and ``/x`` is from the repository's root.
    """
    parts = urlsplit(url)
    host, path = (parts.hostname or "").removeprefix("www."), parts.path
    if host == "github.com" and (repo := _GITHUB_REPO.match(path)):
        page = f"https://github.com/{repo[1]}/{repo[2]}/blob/HEAD/"
        return LinkBase(page, page)
    if host == "github.com" and (blob := _GITHUB_BLOB.match(path)):
        owner, repo_name, rest = blob.groups()
    elif host == "raw.githubusercontent.com" and (raw := _GITHUB_RAW.match(path)):
        owner, repo_name, rest = raw.groups()
    else:
        return LinkBase(url, f"{parts.scheme}://{parts.netloc}/")
    ref = rest.split("/", 1)[0]
    return LinkBase(
        f"https://github.com/{owner}/{repo_name}/blob/{rest}", f"https://github.com/{owner}/{repo_name}/blob/{ref}/"
    )


def download(url: str, limit: int, too_big: str) -> str:
    """The text at an http(s) ``url`` (GitHub pages read raw), refused when over ``limit`` bytes or an HTML page."""
    import urllib.error
    import urllib.request

    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise UsageError(f"{url}: only http:// and https:// links can be imported (for a file, give its path)")
    address = raw_address(url)
    request = urllib.request.Request(
        address,
        headers={"User-Agent": "mlplan", "Accept": "application/vnd.github.raw, text/markdown, text/plain, */*"},
    )
    try:
        with _opener().open(request, timeout=TIMEOUT_SECONDS) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > limit:
                raise _too_big(url, limit, too_big)
            data = _read_at_most(response, limit, url, too_big)
            kind = response.headers.get_content_type()
            charset = response.headers.get_content_charset() or "utf-8"
    except urllib.error.HTTPError as exc:
        hint = " (is the address right, and the page public?)" if exc.code in (401, 403, 404) else ""
        raise UsageError(f"{url}: the server answered {exc.code} {exc.reason}{hint}") from None
    except urllib.error.URLError as exc:
        raise UsageError(f"{url}: cannot download ({_reason(exc.reason)})") from None
    except TimeoutError:
        raise UsageError(f"{url}: no answer within {TIMEOUT_SECONDS} s; try again later") from None
    except OSError as exc:
        raise UsageError(f"{url}: cannot download ({exc.strerror or exc})") from None
    if kind in ("text/html", "application/xhtml+xml") or _HTML_START.match(data[:200]):
        raise UsageError(
            f"{url}: is a web page (HTML), not a Markdown or YAML file; link to the raw file "
            "(on GitHub, the Raw button) or save the page's text and import that"
        )
    return _decode(data, url, charset)


def _opener():  # noqa: ANN202 - urllib is imported only when a link is given
    import urllib.request

    class HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
        """Follow http(s) redirects only (urllib's default also follows ftp://)."""

        def redirect_request(self, req, fp, code, msg, headers, newurl):
            if urlsplit(newurl).scheme.lower() not in ("http", "https"):
                raise UsageError(f"{req.full_url}: redirects to {newurl}, which is not an http(s) link")
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    return urllib.request.build_opener(HttpOnlyRedirects())


def _reason(reason: object) -> str:
    if isinstance(reason, TimeoutError):
        return f"no answer within {TIMEOUT_SECONDS} s"
    return getattr(reason, "strerror", None) or str(reason)


def _read_at_most(stream: BinaryIO, limit: int, name: str, too_big: str) -> bytes:
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise _too_big(name, limit, too_big)
    return data


def _too_big(name: str, limit: int, too_big: str) -> ChoiceError:
    """The refusal of a source over ``limit``; ``too_big`` may name choices (``{max_size}``) and ``{bigger}``."""
    return ChoiceError(
        "{source}: larger than the {limit} limit; " + too_big,
        source=name,
        limit=_size(limit),
        bigger=_size(limit * 2, ""),
    )


def _size(size: int, space: str = " ") -> str:
    return f"{size / MB:g}{space}MB" if size >= MB else f"{size / 1000:g}{space}KB"


def _decode(data: bytes, name: str, charset: str = "utf-8") -> str:
    try:
        return data.decode(charset)
    except (UnicodeDecodeError, LookupError):
        raise UsageError(f"{name}: not a text file (it is not UTF-8); give a Markdown, YAML or JSON file") from None
