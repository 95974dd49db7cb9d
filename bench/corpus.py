"""The development corpus (seeds/corpus/) and the seeds, as the benches read them.

One home for where the articles live, how their files are named and which split an
article is in (the sealed dev/test split of ``seeds/corpus/README.md``). Standard library
only, so every bench can import it before the package under test.

    >>> from bench.corpus import articles, split_of
    >>> [a.id for a in articles() if a.split == "dev"]      # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CORPUS = SEEDS / "corpus"

Split = Literal["dev", "test", "seeds"]
SPLITS: tuple[Split, ...] = ("dev", "test", "seeds")
# Fixed before any measurement (seeds/corpus/README.md); never change it.
SPLIT_SALT = "split-4:"


def split_of(article_id: str) -> Literal["dev", "test"]:
    """The corpus split of an id: test iff sha256(salt + id)'s first 8 hex digits % 3 == 0."""
    digest = hashlib.sha256((SPLIT_SALT + article_id).encode("utf-8")).hexdigest()
    return "test" if int(digest[:8], 16) % 3 == 0 else "dev"


@dataclass(frozen=True)
class Article:
    """One article of the corpus or the seeds: its files are read on first use."""

    id: str
    folder: Path
    split: Split

    @property
    def text_path(self) -> Path:
        return self.folder / f"{self.id}.txt"

    @property
    def gold_path(self) -> Path:
        return self.folder / f"{self.id}.gold.json"

    @property
    def realistic_path(self) -> Path:
        return self.folder / f"{self.id}.realistic.json"

    @cached_property
    def text(self) -> str:
        return self.text_path.read_text(encoding="utf-8")

    @cached_property
    def gold(self) -> dict[str, Any]:
        loaded: dict[str, Any] = json.loads(self.gold_path.read_text(encoding="utf-8"))
        return loaded

    @cached_property
    def realistic(self) -> dict[str, Any] | None:
        """``{"id", "faithful", "flawed", "mistakes"}``, or None (the seeds have none)."""
        if not self.realistic_path.exists():
            return None
        loaded: dict[str, Any] = json.loads(self.realistic_path.read_text(encoding="utf-8"))
        return loaded

    @property
    def dateline(self) -> dt.date | None:
        """The ``date YYYY-MM-DD`` at the top of the text, as the seeds' README defines it."""
        head = self.text[:17].split()
        if len(head) >= 2 and head[0] == "date":
            try:
                return dt.date.fromisoformat(head[1])
            except ValueError:
                return None
        return None


def _ids(folder: Path) -> list[str]:
    return sorted(path.name.removesuffix(".gold.json") for path in folder.glob("*.gold.json"))


def corpus_articles(folder: Path = CORPUS) -> list[Article]:
    """Every article of the corpus, sorted by id, each with its split."""
    return [Article(i, folder, split_of(i)) for i in _ids(folder)]


def seed_articles(folder: Path = SEEDS) -> list[Article]:
    """The original seeds (tuned on: reported apart from the corpus splits)."""
    return [Article(i, folder, "seeds") for i in _ids(folder)]


def articles(
    splits: tuple[Split, ...] | list[Split] = ("dev", "test"),
    *,
    corpus: Path = CORPUS,
    seeds: Path = SEEDS,
    only: list[str] | None = None,
) -> list[Article]:
    """Articles of the given splits (corpus first, then seeds), optionally only some ids."""
    found = [a for a in corpus_articles(corpus) if a.split in splits]
    if "seeds" in splits:
        found += seed_articles(seeds)
    if only:
        found = [a for a in found if a.id in only]
    return found


# The labels of ``mistakes[].kind`` in the realistic files (seeds/corpus/README.md): what a
# model gets wrong in a summary that reads well.
MISTAKE_KINDS: tuple[str, ...] = (
    "qualifier",
    "unit_scale",
    "role_swap",
    "wrong_event",
    "background_toll",
    "prose_number",
    "invented_name",
    "date",
)
