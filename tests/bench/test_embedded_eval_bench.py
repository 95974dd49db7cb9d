"""The embedded model's eval bench (bench.embedded_eval): recordings for every corpus
article, replayed offline, one row per prompt and split.

No score is pinned: the bench reports what the recordings hold. What is checked is that it
can report it: every article of the corpus has a recording for every prompt the bench
compares (a missing one would be an unmeasured row), and a replay measures what it reads.
"""

from __future__ import annotations

import importlib
from types import ModuleType

import pytest


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return importlib.import_module("bench.embedded_eval")


@pytest.fixture(scope="module")
def corpus() -> ModuleType:
    return importlib.import_module("bench.corpus")


def test_every_corpus_article_is_recorded_for_every_compared_prompt(
    bench: ModuleType, corpus: ModuleType
) -> None:
    missing = [
        f"{prompt}/{article.id}"
        for prompt in bench.PROMPTS
        for article in corpus.corpus_articles()
        if not (bench.CORPUS_CASSETTES / prompt / f"{article.id}.yaml").exists()
    ]
    assert not missing, f"record them: python -m bench.embedded_eval --record ({missing[:3]})"


@pytest.mark.parametrize("split", ["dev", "test"])
def test_a_replay_measures_every_article_it_reads(bench: ModuleType, split: str) -> None:
    runs = bench.measure(bench.PROMPTS, split, limit=2)
    assert [run.prompt_id for run in runs] == list(bench.PROMPTS)
    for run in runs:
        assert len(run.results) == 2 and not run.unmeasured
        line = bench.row(run, split)
        assert line.startswith(run.prompt_id) and f" {split} " in line
