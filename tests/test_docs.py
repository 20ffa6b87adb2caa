"""The documentation a clone gets: every Markdown file the code cites exists, every relative link in
the docs resolves (anchors included), and README.md stays one screen that names the test command CI
runs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
README_MAX_LINES = 70

# Where the code cites documents: the package, the dev tools, the tests and the build files.
CITING_TREES = ("radiomirchi", "devtools", "tests")
CITING_FILES = ("app.py", "Makefile", "Dockerfile", "pyproject.toml", ".ci/run", "env.example")
# A cited path such as docs/GAME.md or README.md; not the tail of a URL or of a longer path.
_CITED_MD = re.compile(r"(?<![\w./-])\w[\w./-]*\.md\b")
# A Markdown link's target: [text](target).
_LINK = re.compile(r"\]\(([^)\s]+)\)")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*$", re.MULTILINE)
_FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)


def _citing_files() -> Iterator[Path]:
    this_test = Path(__file__).resolve()  # its examples of citations are not citations
    for tree in CITING_TREES:
        yield from (path for path in sorted((REPO / tree).rglob("*.py")) if path.resolve() != this_test)
    for name in CITING_FILES:
        path = REPO / name
        if path.exists():
            yield path


def cited_documents() -> dict[str, list[str]]:
    """Each cited ``*.md`` path, with where it is cited (``file:line``)."""
    cited: dict[str, list[str]] = {}
    for path in _citing_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for match in _CITED_MD.finditer(line):
                cited.setdefault(match.group(0), []).append(f"{path.relative_to(REPO)}:{number}")
    return cited


def github_anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"[`*_]", "", heading).strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors_of(path: Path) -> set[str]:
    text = _FENCE.sub("", path.read_text(encoding="utf-8"))
    return {github_anchor(heading) for heading in _HEADING.findall(text)}


def broken_links(document: Path) -> list[str]:
    """The relative links in ``document`` whose file or heading does not exist."""
    broken = []
    text = _FENCE.sub("", document.read_text(encoding="utf-8"))
    for target in _LINK.findall(text):
        if re.match(r"^[a-z]+:", target):  # http:, https:, mailto: are not checked here
            continue
        file_part, _, anchor = target.partition("#")
        linked = (document.parent / file_part).resolve() if file_part else document
        if not linked.exists():
            broken.append(target)
            continue
        if anchor and linked.suffix == ".md" and anchor not in anchors_of(linked):
            broken.append(target)
    return broken


def test_every_cited_document_exists_in_the_repository() -> None:
    cited = cited_documents()
    assert "docs/GAME.md" in cited and "docs/PROTOCOL.md" in cited  # the scan sees the citations
    missing = {name: where for name, where in cited.items() if not (REPO / name).is_file()}
    assert not missing, f"documents cited but not in the repository: {missing}"


def test_the_scan_catches_a_missing_document() -> None:
    assert _CITED_MD.findall("rules (GAME.md §4), see docs/PROTOCOL.md.") == ["GAME.md", "docs/PROTOCOL.md"]
    assert _CITED_MD.findall("https://github.com/owner/repo/blob/main/README.md") == []


def test_readme_is_one_screen_and_names_the_commands() -> None:
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= README_MAX_LINES
    for command in ("make test", "make run", "make test-fast", "make bench"):
        assert command in text, command


def test_readme_names_the_test_command_ci_runs() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line.strip() for line in ci.splitlines() if line.strip() and not line.startswith("#")]
    assert commands[-1] == "make test"
    # On a line of its own (a shell block), not just inside "make test-fast".
    assert re.search(rf"^{re.escape(commands[-1])}(\s|$)", README.read_text(encoding="utf-8"), re.MULTILINE)


def test_readme_links_every_document_in_docs() -> None:
    text = README.read_text(encoding="utf-8")
    documents = sorted(path.name for path in (REPO / "docs").glob("*.md"))
    assert documents, "docs/ holds no document"
    for name in documents:
        assert f"(docs/{name})" in text, name


def test_relative_links_in_the_docs_resolve() -> None:
    documents = [README, *sorted((REPO / "docs").glob("*.md"))]
    broken = {str(doc.relative_to(REPO)): links for doc in documents if (links := broken_links(doc))}
    assert not broken, f"links to files or headings that do not exist: {broken}"


def test_github_anchor_matches_githubs_rule() -> None:
    assert github_anchor("Security and limits") == "security-and-limits"
    assert github_anchor("7b. The station's voice") == "7b-the-stations-voice"
    assert github_anchor("`GET /health`") == "get-health"
