"""The documents hold together: a short README, and links that lead somewhere.

The README is a user's first page (at most 200 lines); the reference lives on docs/*.md.
Every relative link in them must name a file that exists and, with a ``#fragment``, a
heading of that file, by GitHub's anchor rules. Paths to docs/ pages that the code and the
CLI's messages mention must exist too.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.paths import ROOT

README = ROOT / "README.md"
DOCS = ROOT / "docs"
PAGES = [README, *sorted(DOCS.rglob("*.md"))]

FENCE = re.compile(r"^(```|~~~)")
LINK = re.compile(r"!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
CODE_SPAN = re.compile(r"(`+)(.+?)\1")


def prose_lines(text: str) -> list[str]:
    """The lines outside fenced code blocks."""
    lines: list[str] = []
    fenced = False
    for line in text.splitlines():
        if FENCE.match(line.lstrip()):
            fenced = not fenced
            continue
        if not fenced:
            lines.append(line)
    return lines


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: the rendered text, lower-cased, punctuation dropped,
    each space a hyphen (github-slugger)."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link keeps its text
    text = CODE_SPAN.sub(lambda m: m.group(2), text)
    text = re.sub(r"(\*\*|__|\*)", "", text)
    text = text.strip().lower()
    kept = "".join(ch for ch in text if ch.isalnum() or ch in "-_ ")
    return kept.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    """Every heading anchor of a Markdown file, duplicates numbered as GitHub numbers them."""
    found: set[str] = set()
    seen: dict[str, int] = {}
    for line in prose_lines(path.read_text(encoding="utf-8")):
        match = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
        if not match:
            continue
        base = slug(match.group(1))
        count = seen.get(base, 0)
        seen[base] = count + 1
        found.add(base if count == 0 else f"{base}-{count}")
    return found


def links(path: Path) -> list[str]:
    targets: list[str] = []
    for line in prose_lines(path.read_text(encoding="utf-8")):
        targets.extend(LINK.findall(CODE_SPAN.sub("", line)))
    return targets


def relative(target: str) -> bool:
    return not re.match(r"^[a-z][a-z0-9+.-]*:", target, flags=re.IGNORECASE)


def test_slugs_follow_github() -> None:
    assert (
        slug("Which prompt each backend uses, and why") == "which-prompt-each-backend-uses-and-why"
    )
    assert slug("`summarizer eval`") == "summarizer-eval"
    assert slug("Many articles: `summarizer batch`") == "many-articles-summarizer-batch"
    assert slug("Replicas: many machines, one Postgres") == "replicas-many-machines-one-postgres"
    assert slug("Beyond one machine: `--via batch-api`") == "beyond-one-machine---via-batch-api"


def test_the_link_reader_finds_links_and_skips_code(tmp_path: Path) -> None:
    page = (
        "See [a](a.md#x) and ![pic](p.png).\n`[no](b.md)`\n```\n[no](c.md)\n# not a heading\n```\n"
    )
    path = tmp_path / "probe.md"
    path.write_text(page + "## Twice\n## Twice\n", encoding="utf-8")
    assert links(path) == ["a.md#x", "p.png"]
    assert anchors(path) == {"twice", "twice-1"}


def test_the_readme_is_short() -> None:
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 200, f"README.md has {len(lines)} lines; move reference to docs/"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_leads_to_a_file_and_heading(page: Path) -> None:
    broken: list[str] = []
    for target in links(page):
        if not relative(target):
            continue
        name, _, fragment = target.partition("#")
        file = (page.parent / name).resolve() if name else page
        if not file.exists():
            broken.append(f"{target}: no such file")
        elif fragment and file.suffix == ".md" and fragment not in anchors(file):
            broken.append(f"{target}: no heading #{fragment} in {file.relative_to(ROOT)}")
    assert not broken, f"{page.relative_to(ROOT)}: " + "; ".join(broken)


def test_the_readme_links_every_docs_page() -> None:
    readme = README.read_text(encoding="utf-8")
    linked = {target.partition("#")[0] for target in links(README)}
    missing = [
        f"docs/{page.name}"
        for page in sorted(DOCS.glob("*.md"))
        if f"docs/{page.name}" not in linked
    ]
    assert not missing, f"README.md does not link {missing}"
    assert "docs/failure-behaviour.md" not in readme


def test_one_failure_page() -> None:
    """The failure table lives on docs/failures.md only (it had two diverging copies)."""
    assert (DOCS / "failures.md").exists()
    assert not (DOCS / "failure-behaviour.md").exists()
    readme = README.read_text(encoding="utf-8")
    assert "| what went wrong |" not in readme
    others = [p.name for p in DOCS.glob("*.md") if p.name != "failures.md"]
    for name in others:
        assert "| what went wrong |" not in (DOCS / name).read_text(encoding="utf-8"), name


def test_the_readme_keeps_the_portable_build_ratio_and_the_upgrade_path() -> None:
    """Issue 20: one line with what the portable embedded build costs against a native one;
    and how to upgrade a dependency stays one link away."""
    readme = README.read_text(encoding="utf-8")
    assert re.search(r"about ×0\.75 of a native build", readme)
    assert "(docs/development.md#upgrading-a-dependency)" in readme
    assert "`make lock UPGRADE=NAME`" in (DOCS / "development.md").read_text(encoding="utf-8")


def test_the_documented_dateline_forms_are_on_the_cli_page() -> None:
    page = (DOCS / "cli.md").read_text(encoding="utf-8")
    for form in ("` date 2024-01-01 KYIV — ...`", "`Date: 2024-01-01`", "`2024-01-01`"):
        assert form in page, form
    assert "--dateline YYYY-MM-DD" in page


# Signs of a particular run's measurements: a document states what holds, not what one
# run on one machine took.
RUN_FIGURES = [
    r"on this machine",
    r"quiet hour",
    r"\bload average (?:~|of )?\d",
    r"\d[\d.,]*\s*req/s",
    r"\d[\d.,]*\s*tok(?:ens)?/s",
    r"\(\b[0-9a-f]{7,40}\b\)",  # a commit hash
    r"\b(?:took|in) \d+(?:\.\d+)?\s?s\b",
]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_document_carries_a_runs_timings(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    found = [m.group(0) for pattern in RUN_FIGURES for m in re.finditer(pattern, text)]
    assert not found, f"{page.relative_to(ROOT)}: {found}"


def test_docs_paths_named_by_the_code_exist() -> None:
    """Help texts, messages and comments that send a reader to a docs/ page name a real one."""
    named: set[str] = set()
    for folder in ("summarizer", "tools", "bench"):
        for source in (ROOT / folder).rglob("*.py"):
            named |= set(re.findall(r"docs/[\w.-]+\.md", source.read_text(encoding="utf-8")))
    assert "docs/service.md" in named  # `summarizer serve --help` points there
    missing = sorted(name for name in named if not (ROOT / name).exists())
    assert not missing, missing
