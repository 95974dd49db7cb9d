"""Accuracy of the rule-based number extractor on the hand-made seed golds.

Run: ``python bench/extractor_gold.py [--seeds DIR] [NAME ...]``. Prints, per seed and
pooled: gold and predicted mentions, value+span precision and recall, and role and
qualifier accuracy over the matched mentions. Targets: P/R >= 0.98, role accuracy >= 0.95.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() not in (HERE, ROOT)]

import argparse
import json
from dataclasses import dataclass

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

    def row(self, name: str) -> str:
        p = self.matched / max(self.predicted, 1)
        r = self.matched / max(self.gold, 1)
        role = self.role_ok / max(self.matched, 1)
        qual = self.qualifier_ok / max(self.matched, 1)
        return (
            f"{name:<34} {self.gold:>4} {self.predicted:>4} {p:>6.3f} {r:>6.3f} "
            f"{role:>6.3f} {qual:>6.3f}"
        )


def score_seed(gold_path: Path, problems: list[str]) -> Score:
    name = gold_path.name.removesuffix(".gold.json")
    text = gold_path.with_name(f"{name}.txt").read_text(encoding="utf-8")
    gold = {(g["start"], g["end"]): g for g in json.loads(gold_path.read_text())["numbers"]}
    predicted = {(m.start, m.end): m for m in extract_numbers(text)}
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("names", nargs="*", help="seed ids (default: all)")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--problems", action="store_true", help="list every disagreement")
    args = parser.parse_args(argv)
    paths = sorted(args.seeds.glob("*.gold.json"))
    if args.names:
        paths = [p for p in paths if p.name.removesuffix(".gold.json") in args.names]
    if not paths:
        raise SystemExit(f"no gold files in {args.seeds}")
    print(f"{'seed':<34} {'gold':>4} {'pred':>4} {'P':>6} {'R':>6} {'role':>6} {'qual':>6}")
    total = Score()
    problems: list[str] = []
    for path in paths:
        score = score_seed(path, problems)
        total.add(score)
        print(score.row(path.name.removesuffix(".gold.json")))
    print(total.row("POOLED"))
    if args.problems:
        print("\n".join(problems) or "(no disagreements)")
    p = total.matched / max(total.predicted, 1)
    r = total.matched / max(total.gold, 1)
    role = total.role_ok / max(total.matched, 1)
    ok = p >= TARGET_SPAN and r >= TARGET_SPAN and role >= TARGET_ROLE
    print(f"target P/R >= {TARGET_SPAN}, role >= {TARGET_ROLE} -> {'OK' if ok else 'BELOW'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
