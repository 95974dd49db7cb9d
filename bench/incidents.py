"""Accuracy of the incident reader on the incident gold of the seeds and the corpus.

Run: ``python -m bench.incidents [--show dev]``. Prints, for the seeds, the corpus's dev split
and its sealed test split apart:

- pairwise F1 over the gold number mentions that belong to a gold incident: each pair is
  "same incident" or not in the gold, and in the reader's answer (a gold mention takes the
  incident of the predicted mention its span overlaps; one with none is alone);
- event-count accuracy: the share of articles whose count of non-background incidents
  equals the count of gold incidents that are an event (``events``), and the same against
  gold incidents that are an event and not background (``fg-evts``: like with like, since a
  gold event may be last year's disaster);
- place accuracy: for each gold incident that is an event of the article's own time, the
  reader's incident holding most of its mentions names the gold place (the evaluation's
  location rule, :func:`summarizer.evaluation.locations.locations_equal`) (``place``).

The test split is sealed (``seeds/corpus/README.md``): test figures are printed only as
aggregates, and rules change while looking at the seeds and dev only (``--show`` prints
per-article rows for those two, never for test).
"""

from __future__ import annotations

import argparse
import itertools
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bench.corpus import CORPUS, SEEDS, split_of
from summarizer.checks.incidents import Incident, incidents
from summarizer.evaluation.locations import locations_equal


@dataclass
class Score:
    articles: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    count_ok: int = 0
    foreground_ok: int = 0
    places: int = 0
    places_ok: int = 0

    def add(self, other: Score) -> None:
        names = ("articles", "tp", "fp", "fn", "count_ok", "foreground_ok", "places", "places_ok")
        for name in names:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def row(self, name: str) -> str:
        p = self.tp / max(self.tp + self.fp, 1)
        r = self.tp / max(self.tp + self.fn, 1)
        f1 = 2 * p * r / max(p + r, 1e-9)
        acc = self.count_ok / max(self.articles, 1)
        fg = self.foreground_ok / max(self.articles, 1)
        place = self.places_ok / max(self.places, 1)
        return (
            f"{name:<34} {self.articles:>4} {p:>6.3f} {r:>6.3f} {f1:>6.3f} {acc:>8.3f} {fg:>8.3f}"
            f" {place:>6.3f}"
        )


def score_article(gold_path: Path) -> tuple[Score, int, int]:
    """The article's score, its predicted event count and its gold event count."""
    name = gold_path.name.removesuffix(".gold.json")
    text = gold_path.with_name(f"{name}.txt").read_text(encoding="utf-8")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    spans = {n["start"]: (n["start"], n["end"]) for n in gold["numbers"]}
    gold_of = {start: k for k, inc in enumerate(gold["incidents"]) for start in inc["mentions"]}
    found: list[Incident] = incidents(text)
    predicted_of = _predicted_incidents(found, [spans[start] for start in gold_of])
    score = Score(articles=1)
    for a, b in itertools.combinations(sorted(gold_of), 2):
        same_gold = gold_of[a] == gold_of[b]
        pa, pb = predicted_of.get(spans[a]), predicted_of.get(spans[b])
        same_predicted = pa is not None and pa == pb
        score.tp += same_gold and same_predicted
        score.fp += same_predicted and not same_gold
        score.fn += same_gold and not same_predicted
    predicted_events = sum(not inc.background for inc in found)
    gold_events = sum(inc["event"] is not None for inc in gold["incidents"])
    score.count_ok = int(predicted_events == gold_events)
    gold_foreground = sum(
        inc["event"] is not None and not inc["background"] for inc in gold["incidents"]
    )
    score.foreground_ok = int(predicted_events == gold_foreground)
    by_id = {incident.id: incident for incident in found}
    for incident in gold["incidents"]:
        if incident["event"] is None or incident["background"] or not incident["place"]:
            continue
        owners = Counter(predicted_of.get(spans[start]) for start in incident["mentions"])
        owners.pop(None, None)
        score.places += 1
        if owners:
            best = by_id[owners.most_common(1)[0][0]]
            score.places_ok += locations_equal(best.place, incident["place"])
    return score, predicted_events, gold_events


def _predicted_incidents(found: list[Incident], spans: list[tuple[int, int]]) -> dict:
    """Each gold span's predicted incident id: the incident of a mention its span overlaps."""
    owner: dict[tuple[int, int], str] = {}
    for span in spans:
        for incident in found:
            if any(m.start < span[1] and span[0] < m.end for m in incident.mentions):
                owner[span] = incident.id
                break
    return owner


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", choices=("seeds", "dev"), action="append", default=[])
    args = parser.parse_args()
    groups: dict[str, list[Path]] = {"seeds": [], "dev": [], "test": []}
    for path in sorted(SEEDS.glob("*.gold.json")):
        groups["seeds"].append(path)
    for path in sorted(CORPUS.glob("*.gold.json")):
        groups[split_of(path.name.removesuffix(".gold.json"))].append(path)
    header = f"{'':<34} {'n':>4} {'P':>6} {'R':>6} {'F1':>6} {'events':>8} {'fg-evts':>8}"
    header += f" {'place':>6}"
    print("pairwise mention-to-incident P/R/F1 over gold mentions in gold incidents;")
    print("events: share of articles whose non-background incidents number the gold incidents")
    print("that are an event; fg-evts: the same against gold events that are not background;")
    print("place: gold incidents of the article's time whose reader incident names their place")
    print(header)
    for group, paths in groups.items():
        total = Score()
        for path in paths:
            if "incidents" not in json.loads(path.read_text(encoding="utf-8")):
                continue
            score, predicted, gold = score_article(path)
            total.add(score)
            if group in args.show:
                name = path.name.removesuffix(".gold.json")
                print(score.row(f"  {name[:26]} {predicted}/{gold}"))
        print(total.row(group))


if __name__ == "__main__":
    main()
