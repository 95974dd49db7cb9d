"""Counting what a reader sees: the verdicts a summary's JSON lists, and the grounding
report page's counts, side list, marks and not-located panel (for the tests that compare
outputs: tests/unit/render/test_counts.py, tests/integration/test_service_counts.py)."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser
from typing import Any

from summarizer.vocabulary import VERDICTS

Counts = dict[str, int]


def listed(data: dict[str, Any]) -> Counts:
    """Verdicts of every check the JSON lists (figures, claims, evidence), and their total."""
    verification = data["verification"]
    verdicts = Counter(
        check["verdict"]
        for kind in ("figures", "claims", "evidence")
        for check in verification[kind]
    )
    counts = {verdict: verdicts[verdict] for verdict in VERDICTS}
    return {**counts, "total": sum(counts.values())}


class ReportPage(HTMLParser):
    """What a reader can count on the grounding report page."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.counts: Counts = {}
        self.side: dict[str, str] = {}  # claim number -> verdict, from the side list
        self.marked: set[str] = set()  # claim numbers marked in the article
        self.unlocated: dict[str, str] = {}  # claim number -> verdict, from the panel
        self.empty: list[str] = []  # the "nothing here" sentences the page says
        self._count_of: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.stack.append((tag, values))
        classes = values.get("class", "").split()
        if tag == "li" and "count" in classes:
            self._count_of = values.get("data-verdict") or next(
                (name for name in ("total", "unlocated") if name in classes), None
            )
        if tag == "li" and "data-claim" in values:
            self.side[values["data-claim"]] = values["data-verdict"]
        if tag == "li" and values.get("id", "").startswith("unlocated-"):
            self.unlocated[values["id"].removeprefix("unlocated-")] = values["data-verdict"]
        if tag == "mark":
            self.marked.update(values["data-claims"].split())

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            opened, _ = self.stack.pop()
            if opened == tag:
                break
        if tag == "li":
            self._count_of = None

    def handle_data(self, data: str) -> None:
        if not self.stack:
            return
        tag, values = self.stack[-1]
        if tag == "strong" and self._count_of is not None and "n" in values.get("class", ""):
            self.counts[self._count_of] = int(data)
        if tag == "p" and "empty" in values.get("class", "").split():
            self.empty.append(data.strip())


def html_counts(page: str) -> ReportPage:
    parsed = ReportPage()
    parsed.feed(page)
    return parsed
