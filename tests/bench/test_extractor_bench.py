"""The extractor bench (bench.extractor_gold) on the corpus: columns and counts that add up."""

from __future__ import annotations

import importlib
import json
from types import ModuleType

import pytest

from bench import corpus


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return importlib.import_module("bench.extractor_gold")


def test_pooled_columns_count_every_gold_mention(
    bench: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    found = corpus.articles(("dev", "test", "seeds"))
    picked = [next(a for a in found if a.split == split) for split in ("dev", "test", "seeds")]
    assert bench.main(["--json", *(a.id for a in picked)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"dev", "test", "seeds"}
    for article in picked:
        column = data[article.split]
        assert column["gold"] == len(article.gold["numbers"])
        assert column["matched"] <= min(column["gold"], column["predicted"])
        for name in ("precision", "recall", "role_accuracy", "qualifier_accuracy"):
            assert 0.0 <= column[name] <= 1.0


def test_test_split_rows_and_problems_are_listed_only_when_asked(
    bench: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    tests = [a.id for a in corpus.corpus_articles() if a.split == "test"]
    assert bench.main(["--problems", *tests]) == 0
    out = capsys.readouterr().out
    assert "[test]" not in out and "POOLED test" in out
    assert not any(line.startswith(tuple(f"{t}:" for t in tests)) for line in out.splitlines())
    assert bench.main(["--problems", "--split", "test", *tests]) == 0
    assert "[test]" in capsys.readouterr().out
