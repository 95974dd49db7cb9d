"""The realistic-summary bench (bench.realistic) in a fast form, and the corpus it reads.

No figure is pinned: the bench measures the checks, it does not judge them. What is checked
is what can go wrong in the measuring: a realistic file whose labels do not describe its
flawed copy, counts that do not add up, a mistake the checks flag but the bench does not
count, and test-split details leaking into the default listing.
"""

from __future__ import annotations

import copy
import importlib
import json
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from summarizer import extract_numbers, verify
from summarizer.schema import VerificationReport


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return importlib.import_module("bench.realistic")


@pytest.fixture(scope="module")
def corpus(bench: ModuleType) -> ModuleType:
    return importlib.import_module("bench.corpus")


@pytest.fixture(scope="module")
def few(corpus: ModuleType) -> list[Any]:
    """Two articles of each split (the first by id): a fast run that still sees both."""
    found = corpus.corpus_articles()
    picked = [a for a in found if a.split == "dev"][:2] + [a for a in found if a.split == "test"][
        :2
    ]
    assert len(picked) == 4, "the corpus needs two articles in each split"
    return picked


def _every_mistake(corpus: ModuleType) -> Iterator[tuple[Any, dict[str, Any]]]:
    for article in corpus.corpus_articles():
        for mistake in article.realistic["mistakes"]:
            yield article, mistake


def _assign(data: Any, steps: list[str | int], value: Any) -> None:
    """Put ``value`` at ``steps`` (or delete the key when ``value`` is absent)."""
    node = data
    for step in steps[:-1]:
        node = node[step]
    if value is _ABSENT:
        del node[steps[-1]]
    else:
        node[steps[-1]] = value


_ABSENT = object()


# ---------------------------------------------------------------------------
# The corpus files
# ---------------------------------------------------------------------------


def test_every_corpus_article_has_its_three_files_and_a_split(corpus: ModuleType) -> None:
    found = corpus.corpus_articles()
    assert found
    for article in found:
        assert article.split in ("dev", "test")
        assert article.split == corpus.split_of(article.id)
        assert article.text_path.exists() and article.realistic is not None, article.id
        assert article.realistic["id"] == article.id
        assert article.dateline is not None, f"{article.id}: no 'date YYYY-MM-DD' first"
    assert {a.split for a in found} == {"dev", "test"}


def test_every_mistake_has_a_known_kind_and_a_path_that_changed(
    bench: ModuleType, corpus: ModuleType
) -> None:
    problems = []
    for article, mistake in _every_mistake(corpus):
        where = f"{article.id} {mistake['path']}"
        if mistake["kind"] not in corpus.MISTAKE_KINDS:
            problems.append(f"{where}: unknown kind {mistake['kind']!r}")
        flawed = bench.resolve(article.realistic["flawed"], mistake["path"])
        faithful = bench.resolve(article.realistic["faithful"], mistake["path"])
        if flawed is bench.MISSING:
            problems.append(f"{where}: not in the flawed summary")
        elif flawed == faithful:
            problems.append(f"{where}: the flawed summary is the faithful one there")
        elif flawed != mistake["now"]:
            problems.append(f"{where}: 'now' is not what the flawed summary says")
        if (None if faithful is bench.MISSING else faithful) != mistake["was"]:
            problems.append(f"{where}: 'was' is not what the faithful summary says")
    assert not problems, problems


def test_flawed_copies_differ_from_the_faithful_only_at_their_mistakes(
    bench: ModuleType, corpus: ModuleType
) -> None:
    """The bench's "same claim" rests on it: every other field is the faithful one."""
    for article in corpus.corpus_articles():
        data = article.realistic
        reverted = copy.deepcopy(data["flawed"])
        for mistake in data["mistakes"]:
            was = bench.resolve(data["faithful"], mistake["path"])
            _assign(
                reverted, bench.steps(mistake["path"]), _ABSENT if was is bench.MISSING else was
            )
        assert reverted == data["faithful"], article.id


def test_both_summaries_of_every_article_validate(bench: ModuleType, corpus: ModuleType) -> None:
    for article in corpus.corpus_articles():
        for which in ("faithful", "flawed"):
            bench.parse_summary(article.realistic[which], source=f"{article.id} {which}")


# ---------------------------------------------------------------------------
# Paths
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("check", "mistake", "expected"),
    [
        ("events[0].figures[1]", "events[0].figures[1].qualifier", True),
        ("events[0].figures[1]", "events[0].figures[1]", True),
        ("events[0].figures[1]", "events[0].figures[10].value", False),
        ("events[0].figures[1].noun", "events[0].figures[1]", True),
        ("events[1].casualties.injured", "events[1].casualties", True),
        ("events[1].casualties.injured", "events[1].casualties.killed", False),
        ("events[0].actors[1]", "events[0].actors[1].name", True),
        ("events[0].actors[1]", "events[0].actors[12].name", False),
        ("summary", "headline", False),
        ("events[0].description", "events[0].date", False),
    ],
)
def test_a_check_covers_its_own_field_and_only_it(
    bench: ModuleType, check: str, mistake: str, expected: bool
) -> None:
    assert bench.covers(check, mistake) is expected


def test_paths_resolve_like_the_reports_name_them(bench: ModuleType, few: list[Any]) -> None:
    """Every path a report gives resolves in the summary JSON it checked."""
    for article in few:
        data = article.realistic["faithful"]
        report = verify(article.text, bench.parse_summary(data))
        for check in report.checks():
            assert bench.resolve(data, check.path) is not bench.MISSING, (article.id, check.path)


# ---------------------------------------------------------------------------
# The bench's counts
# ---------------------------------------------------------------------------


def test_counts_add_up(bench: ModuleType, few: list[Any]) -> None:
    results = bench.run(few)
    data = bench.report(results, "all")
    columns = data["columns"]
    for name in ("dev", "test"):
        column = columns[name]
        assert column["summaries"] == 2
        mine = [r for r in results if r.split == name]
        # checks and flags against the library's own report of the same summaries
        reports = [
            verify(a.text, bench.parse_summary(a.realistic["faithful"]), extract_numbers(a.text))
            for a in few
            if a.split == name
        ]
        assert column["checks"] == sum(r.total for r in reports)
        assert column["contradicted"] == sum(r.contradicted for r in reports)
        assert column["unconfirmed"] == sum(r.unconfirmed for r in reports)
        by_kind = column["by_check_kind"].values()
        assert sum(k["checks"] for k in by_kind) == column["checks"]
        assert sum(k["contradicted"] for k in by_kind) == column["contradicted"]
        assert sum(k["unconfirmed"] for k in by_kind) == column["unconfirmed"]
        mistakes = column["mistakes"]
        for counts in mistakes.values():
            assert counts["caught"] + counts["missed"] == counts["total"]
            assert counts["masked"] <= counts["missed"]
            assert counts["caught_contradicted"] <= counts["caught"]
        kinds = [k for k in mistakes if k != "ALL"]
        for field in ("total", "caught", "missed", "masked"):
            assert sum(mistakes[k][field] for k in kinds) == mistakes["ALL"][field]
        labelled = sum(len(a.realistic["mistakes"]) for a in few if a.split == name)
        assert mistakes["ALL"]["total"] == labelled == sum(len(r.outcomes) for r in mine)
    for field in ("summaries", "checks", "contradicted", "unconfirmed"):
        assert columns["all"][field] == columns["dev"][field] + columns["test"][field]
    json.dumps(data)  # --json can print it


def _all_numbers_changed(data: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Every figure's value and every number in the summary text made wrong (x10 + 7)."""
    flawed = copy.deepcopy(data)
    mistakes = []
    for index, event in enumerate(flawed["events"]):
        slots = [(f"casualties.{slot}", f) for slot, f in event["casualties"].items() if f]
        slots += [(f"figures[{i}]", f) for i, f in enumerate(event["figures"])]
        for suffix, figure in slots:
            figure["value"] = figure["value"] * 10 + 7
            path = f"events[{index}].{suffix}.value"
            mistakes.append({"kind": "unit_scale", "path": path, "why": "test"})
    text = data["summary"]
    for mention in sorted(extract_numbers(text), key=lambda m: -m.start):
        if mention.text.isdigit() and mention.role not in ("date_or_year", "time"):
            text = text[: mention.end] + "7" + text[mention.end :]
    if text != data["summary"]:
        flawed["summary"] = text
        mistakes.append({"kind": "prose_number", "path": "summary", "why": "test"})
    return flawed, mistakes


def test_a_summary_whose_numbers_were_all_changed_is_caught(
    bench: ModuleType, few: list[Any]
) -> None:
    for article in few:
        faithful = article.realistic["faithful"]
        flawed, mistakes = _all_numbers_changed(faithful)
        assert mistakes, article.id
        text = article.text
        mentions = extract_numbers(text)
        before = bench.check_summary(text, faithful, mentions, "faithful")
        after = bench.check_summary(text, flawed, mentions, "flawed")
        outcomes = bench.judge_mistakes(article, mistakes, before, after)
        unflagged = [o.path for o in outcomes if not o.by]
        assert not unflagged, (article.id, unflagged)
        missed = [o.path for o in outcomes if not o.caught and not o.masked]
        assert not missed, (article.id, missed)
        assert any(o.caught for o in outcomes), article.id


def test_a_verifier_that_confirms_everything_catches_nothing(
    bench: ModuleType, few: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bench can fail: with every claim verified, no mistake is caught, nothing flagged."""
    monkeypatch.setattr(bench, "verify", lambda *args, **kwargs: VerificationReport())
    results = bench.run(few)
    assert all(not r.flags for r in results)
    outcomes = [o for r in results for o in r.outcomes]
    assert outcomes and not any(o.caught or o.masked for o in outcomes)


# ---------------------------------------------------------------------------
# The sealed split in the output
# ---------------------------------------------------------------------------


def test_details_of_the_test_split_are_listed_only_when_asked(
    bench: ModuleType, few: list[Any], capsys: pytest.CaptureFixture[str]
) -> None:
    ids = [a.id for a in few]
    assert bench.main(["--no-seeds", "--show-flags", "--show-missed", *ids]) == 0
    default = capsys.readouterr().out
    assert "[test]" not in default
    assert "test" in default.splitlines()[0]  # its totals are printed beside dev's
    assert bench.main(["--no-seeds", "--json", *ids]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {f["split"] for f in data["false_flags"]} <= {"dev"}
    assert {m["split"] for m in data["mistakes"]} == {"dev"}
    assert data["columns"]["test"]["summaries"] == 2
    assert bench.main(["--no-seeds", "--json", "--split", "test", *ids]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {m["split"] for m in data["mistakes"]} == {"test"}


def test_an_unknown_article_is_one_line_and_exit_2(
    bench: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    assert bench.main(["no-such-article"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == "error: no article no-such-article"


def _copy_article(article: Any, folder: Path, realistic: Any = None) -> None:
    for suffix in (".txt", ".gold.json"):
        source = article.folder / f"{article.id}{suffix}"
        (folder / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    if realistic is not None:
        path = folder / f"{article.id}.realistic.json"
        path.write_text(json.dumps(realistic), encoding="utf-8")


def test_an_article_without_a_realistic_file_is_skipped_and_named(
    bench: ModuleType, few: list[Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with_file, without = few[0], few[1]
    _copy_article(with_file, tmp_path, with_file.realistic)
    _copy_article(without, tmp_path)
    assert bench.main(["--no-seeds", "--json", "--split", "all", "--corpus", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert without.id in captured.err and with_file.id not in captured.err
    data = json.loads(captured.out)
    assert data["columns"]["all"]["summaries"] == 1
    assert {m["article"] for m in data["mistakes"]} == {with_file.id}


def test_an_invalid_summary_is_one_line_naming_the_field(
    bench: ModuleType, few: list[Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = few[0]
    broken = copy.deepcopy(article.realistic)
    broken["flawed"]["events"][0]["figures"] = "many"
    _copy_article(article, tmp_path, broken)
    assert bench.main(["--no-seeds", "--corpus", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert err.startswith(f"error: {article.id}: flawed") and "events[0].figures" in err
