"""Accuracy of the rule-based number extractor on the hand-made golds: seeds and corpus.

Run: ``python -m bench.extractor_gold [--seeds DIR] [--corpus DIR] [--no-corpus]
[--split dev|test|seeds|all] [--problems] [ID ...]``. Prints, per article and pooled: gold
and predicted mentions, value+span precision and recall, and role and qualifier accuracy
over the matched mentions; then the pooled figures of the corpus's dev and test splits side
by side, the seeds (tuned on) apart. Per-article rows and ``--problems`` cover the seeds and
dev only unless ``--split test`` (or ``all``) asks: rules are written looking at dev.
Targets: P/R >= 0.98, role accuracy >= 0.95.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.corpus import CORPUS, SEEDS, Article, articles
from summarizer.numbers import extract_numbers

TARGET_SPAN = 0.98
TARGET_ROLE = 0.95


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    role_ok: int = 0
    qualifier_ok: int = 0

    def add(self, other: Score) -> None:
        for name in ("gold", "predicted", "matched", "role_ok", "qualifier_ok"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float:
        return self.matched / max(self.predicted, 1)

    @property
    def recall(self) -> float:
        return self.matched / max(self.gold, 1)

    @property
    def role(self) -> float:
        return self.role_ok / max(self.matched, 1)

    @property
    def qualifier(self) -> float:
        return self.qualifier_ok / max(self.matched, 1)

    @property
    def on_target(self) -> bool:
        return min(self.precision, self.recall) >= TARGET_SPAN and self.role >= TARGET_ROLE

    def row(self, name: str) -> str:
        return (
            f"{name:<40} {self.gold:>4} {self.predicted:>4} {self.precision:>6.3f} "
            f"{self.recall:>6.3f} {self.role:>6.3f} {self.qualifier:>6.3f}"
        )

    def as_dict(self) -> dict[str, float]:
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "matched": self.matched,
            "precision": self.precision,
            "recall": self.recall,
            "role_accuracy": self.role,
            "qualifier_accuracy": self.qualifier,
        }


def score_seed(gold_path: Path, problems: list[str]) -> Score:
    """One gold file (``<id>.gold.json`` beside ``<id>.txt``) against the extractor."""
    name = gold_path.name.removesuffix(".gold.json")
    text = gold_path.with_name(f"{name}.txt").read_text(encoding="utf-8")
    return score_text(name, text, json.loads(gold_path.read_text())["numbers"], problems)


def score_article(article: Article, problems: list[str]) -> Score:
    return score_text(article.id, article.text, article.gold["numbers"], problems)


def score_text(
    name: str, text: str, numbers: list[dict[str, object]], problems: list[str]
) -> Score:
    """Value+span, role and qualifier agreement of ``text``'s mentions with its gold."""
    gold: dict[tuple[int, int], Any] = {(g["start"], g["end"]): g for g in numbers}
    # Gold counts written numbers only; a zero toll said with a negation ("no one was
    # hurt", NumberMention.negated) is a mention for the checks, not a number in the text.
    predicted = {(m.start, m.end): m for m in extract_numbers(text) if not m.negated}
    score = Score(gold=len(gold), predicted=len(predicted))
    for span, g in gold.items():
        m = predicted.get(span)
        if m is None or abs(m.value - g["value"]) > 1e-9 * max(1.0, abs(g["value"])):
            problems.append(f"{name}: MISS {text[span[0] : span[1]]!r} {g['role']}")
            continue
        score.matched += 1
        score.role_ok += m.role == g["role"]
        score.qualifier_ok += m.qualifier == g["qualifier"]
        if m.role != g["role"]:
            problems.append(f"{name}: ROLE {m.text!r} gold {g['role']} got {m.role}")
        if m.qualifier != g["qualifier"]:
            problems.append(f"{name}: QUALIFIER {m.text!r} gold {g['qualifier']} got {m.qualifier}")
    for span, m in predicted.items():
        if span not in gold:
            problems.append(f"{name}: FALSE POSITIVE {m.text!r} {m.role}")
    return score


COLUMNS = ("dev", "test", "seeds")
HEADER = f"{'article':<40} {'gold':>4} {'pred':>4} {'P':>6} {'R':>6} {'role':>6} {'qual':>6}"


def _listed(split: str, wanted: str) -> bool:
    """Per-article rows and problems: seeds and dev by default, test only when asked."""
    return wanted == "all" or split == wanted or (wanted == "dev" and split == "seeds")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("names", nargs="*", help="article ids (default: all)")
    parser.add_argument("--seeds", type=Path, default=SEEDS)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--no-corpus", action="store_true", help="the seeds only")
    parser.add_argument(
        "--split",
        choices=("dev", "test", "seeds", "all"),
        default="dev",
        help="whose per-article rows and problems to list (default: seeds and dev)",
    )
    parser.add_argument("--problems", action="store_true", help="list every disagreement")
    parser.add_argument("--json", action="store_true", help="pooled figures as JSON")
    args = parser.parse_args(argv)
    splits: tuple[Any, ...] = ("seeds",) if args.no_corpus else ("dev", "test", "seeds")
    selected = articles(splits, corpus=args.corpus, seeds=args.seeds, only=args.names)
    if not selected:
        raise SystemExit(
            f"no gold files in {args.seeds}" + ("" if args.no_corpus else f" or {args.corpus}")
        )
    pooled = {name: Score() for name in COLUMNS}
    problems: list[str] = []
    rows: list[str] = []
    for article in selected:
        listed = _listed(article.split, args.split)
        found: list[str] = []
        score = score_article(article, found)
        pooled[article.split].add(score)
        if listed:
            rows.append(score.row(f"{article.id} [{article.split}]"))
            problems += found
    columns = {name: score for name, score in pooled.items() if score.gold}
    if args.json:
        print(json.dumps({name: score.as_dict() for name, score in columns.items()}, indent=2))
        return 0
    print(HEADER)
    print("\n".join(rows))
    for name, score in columns.items():
        print(score.row(f"POOLED {name}"))
    if args.problems:
        print("\n".join(problems) or "(no disagreements)")
    names = list(columns)
    print()
    print(f"{'pooled':<20}" + "".join(f"{n:>10}" for n in names))
    for label, attribute in (
        ("gold mentions", "gold"),
        ("predicted", "predicted"),
        ("precision", "precision"),
        ("recall", "recall"),
        ("role accuracy", "role"),
        ("qualifier accuracy", "qualifier"),
    ):
        cells = []
        for n in names:
            value = getattr(columns[n], attribute)
            cells.append(f"{value:>10}" if isinstance(value, int) else f"{value:>10.3f}")
        print(f"{label:<20}" + "".join(cells))
    verdicts = "".join(f"{'OK' if columns[n].on_target else 'BELOW':>10}" for n in names)
    print(f"{'target':<20}{verdicts}   (P/R >= {TARGET_SPAN}, role >= {TARGET_ROLE})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
