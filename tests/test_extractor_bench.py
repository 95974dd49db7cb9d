"""The extractor bench (bench/extractor_gold.py) on the corpus: columns and counts that add up."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import ModuleType

import pytest
from script_module import load_script

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return load_script(ROOT / "bench" / "extractor_gold.py", "bench_extractor_gold")


def test_pooled_columns_count_every_gold_mention(
    bench: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = sys.modules["bench.corpus"]
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
    corpus = sys.modules["bench.corpus"]
    tests = [a.id for a in corpus.corpus_articles() if a.split == "test"]
    assert bench.main(["--problems", *tests]) == 0
    out = capsys.readouterr().out
    assert "[test]" not in out and "POOLED test" in out
    assert not any(line.startswith(tuple(f"{t}:" for t in tests)) for line in out.splitlines())
    assert bench.main(["--problems", "--split", "test", *tests]) == 0
    assert "[test]" in capsys.readouterr().out
