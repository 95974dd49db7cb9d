"""What a person sees, in a real browser: Debian's chromium driven by Playwright.

The page `/` (paste an article, read the report) and the report itself are opened on a
live service whose fake model answers with one wrong figure, so marks of two verdicts
show. Screenshots and a printed PDF land in the test's output folder; with
``SUMMARIZER_UPDATE_SCREENSHOT=1`` the report screenshot also replaces docs/report.png.
"""

from __future__ import annotations

import copy
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from summarizer.vocabulary import VERDICTS
from tests.fakes.fake_openai_server import BELGOROD_DRAFT, Completion, FakeOpenAIServer, figure
from tests.support.paths import ROOT
from tests.support.service_fixtures import BELGOROD_TEXT, LiveService

pytestmark = [pytest.mark.service, pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOT = ROOT / "docs" / "report.png"

if not CHROMIUM.exists() and not os.environ.get("CI"):
    pytest.skip(
        "Debian's chromium is not installed (apt-get install -y chromium; .ci/run does it)",
        allow_module_level=True,
    )


def wrong_draft() -> dict[str, Any]:
    """The seed's draft with one wrong number: 25 killed, quoting 'killed 24 people'."""
    draft = copy.deepcopy(BELGOROD_DRAFT)
    draft["events"][1]["casualties"]["killed"] = figure(25, "killed", "killed 24 people")
    return draft


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveService]:
    with FakeOpenAIServer() as fake:
        fake.script(Completion(wrong_draft()))  # repeats: re-asks get the same wrong answer
        with LiveService(
            fake.url, tmp_path_factory.mktemp("browser"), config={"max_retries": 1}
        ) as service:
            yield service


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def served_counts(live: LiveService) -> dict[str, str]:
    """The verdict totals of the summary's JSON: what the page's counts must show."""
    with live.client() as client:
        verification = client.post("/v1/summaries", json={"text": BELGOROD_TEXT}).json()[
            "verification"
        ]
    return {verdict: str(verification[verdict]) for verdict in VERDICTS}


def expect_report(frame: Any, counts: dict[str, str]) -> None:
    """The marks, their verdicts, titles and the counts of the wrong-figure summary."""
    marks = frame.locator("article mark")
    verdicts = marks.evaluate_all("ms => ms.map(m => m.dataset.verdict)")
    assert verdicts.count("verified") >= 3
    # The wrong figure's span (cut where the summary's own "24" grounds inside it).
    wrong = frame.locator('article mark[data-verdict="contradicted"]')
    texts = wrong.evaluate_all("ms => ms.map(m => m.firstChild.textContent)")
    assert "".join(texts) == "killed 24 people"
    title = wrong.first.get_attribute("title")
    assert title.startswith("✗ Contradicted") and "events[1].casualties.killed = 25" in title
    assert "Contradicted" in wrong.first.inner_text()  # text as well as colour
    assert "✗" in wrong.last.inner_text()  # the icon ends the claim's span
    shown = {
        verdict: frame.locator(f'.counts [data-verdict="{verdict}"] .n').inner_text()
        for verdict in VERDICTS
    }
    assert shown == counts
    assert int(counts["contradicted"]) == 1 and int(counts["verified"]) > 5


@pytest.mark.slow(seconds=5)  # what tests/support/schedule.py deals by
def test_index_page_summarizes_and_shows_the_report(
    live: LiveService, browser: Any, tmp_path: Path
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(live.url + "/")
    page.fill("#article", BELGOROD_TEXT)
    page.fill("#key", live.keys[0])
    page.click("#submit")
    page.wait_for_selector("#report:not([hidden])", timeout=30_000)
    frame = page.frame_locator("#report")
    frame.locator("article mark").first.wait_for()
    expect_report(frame, served_counts(live))
    assert page.locator("#status").inner_text() == "Done."
    assert all(url.startswith(live.url + "/") for url in requests), requests
    assert sum("/v1/summaries" in url for url in requests) == 2  # the summary, then its report
    page.screenshot(path=str(tmp_path / "index.png"), full_page=True)
    page.close()


def test_report_is_self_contained_keyboard_reachable_and_prints(
    live: LiveService, browser: Any, tmp_path: Path
) -> None:
    with live.client() as client:
        made = client.post("/v1/summaries", json={"text": BELGOROD_TEXT})
        html = client.get(f"/v1/summaries/{made.headers['X-Summary-Id']}.html").text
    report = tmp_path / "report.html"
    report.write_text(html, encoding="utf-8")

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(report.as_uri())
    expect_report(page, served_counts(live))
    assert requests == [report.as_uri()], "the report made a network request"

    # Keyboard: Tab reaches the first mark; its reason shows on focus.
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "document.activeElement.tagName + ' ' + document.activeElement.dataset.verdict"
    )
    assert focused.startswith("MARK")
    tip = page.evaluate("getComputedStyle(document.activeElement, '::after').content")
    assert "Verified" in tip
    page.focus('article mark[data-verdict="contradicted"]')  # its reason shows, for docs/service.md
    page.evaluate("window.scrollTo(0, 0)")
    if os.environ.get("SUMMARIZER_UPDATE_SCREENSHOT"):
        page.screenshot(path=str(SCREENSHOT))

    # A jump link from the side list lands on the claim and highlights its marks.
    page.click('.claim[data-verdict="contradicted"] a')
    assert page.evaluate("location.hash").startswith("#claim-")
    assert page.locator("article mark.active").count() >= 1

    page.screenshot(path=str(tmp_path / "report.png"), full_page=True)

    page.emulate_media(media="print")
    assert page.evaluate(
        "getComputedStyle(document.querySelector('article mark'), '::after').content"
    ) in ("none", "normal")
    pdf = page.pdf(path=str(tmp_path / "report.pdf"))
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    page.close()
    assert shutil.which(str(CHROMIUM))
