"""Mutation benchmark of the verifier: does every kind of wrong claim get caught?

Run: ``python -m bench.mutations [--seeds DIR] [--fast] [--show-slipped]``.

From every seed gold file it builds correct summaries, independent of the code under test:

* a *figure* summary: one figure per gold number (value, qualifier, role and noun from the
  gold; quote = the gold's phrase around the number), events split by the year the number's
  sentence is about, so a historical toll sits in an event of its own year;
* an *event* summary: one event per gold event (type, date, location, perpetrator, the gold
  figures quoted where the article states them), with the gold's own summary sentence as the
  description and the summary text.

It then applies one mutation at a time (each class below) and counts whether the verifier
flags the mutated claim (any verdict but ``verified`` at the mutated path). On the correct
summaries it counts false alarms: checks that are not ``verified`` (figures, and separately
prose numbers, names, dates and event types).

``--moved`` measures one more kind on the seeds and on the corpus's dev and sealed test
splits apart: a casualty figure moved to another incident of the same article (same role,
same value, a correct quote), put in the casualty slot of the event of another gold incident.
It is a rate, not a must-catch class: the incident reader decides it, and it can be unsure.
Test figures are printed only as an aggregate.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.incidents import split_of
from summarizer.checks.report import verify
from summarizer.numbers import NumberMention, extract_numbers
from summarizer.schema import MAX_FIGURES, Actor, Event, Figure, SummaryDraft, VerificationReport

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "seeds" / "corpus"
EVENT_ROLES = ("killed", "injured", "missing", "displaced", "arrested", "launched", "intercepted")
CASUALTY = ("killed", "injured", "missing", "displaced", "arrested")
# Mutation classes docs/checks.md documents as deliberate tolerances ("Tolerances").
TOLERATED: frozenset[str] = frozenset({"same_quote_other_number"})
_BOUNDARY = re.compile(r"[.!?][\"”’]?(?=\s+[A-Z\"“‘])|\n\s*\n")
_OTHER_YEAR = re.compile(r"(?:\b[Ii]n|\b[Tt]he|^)\s+(1[5-9]\d\d|20\d\d)\b")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass
class Seed:
    id: str
    text: str
    gold: dict[str, Any]
    mentions: list[NumberMention]

    @property
    def numbers(self) -> list[dict[str, Any]]:
        return self.gold["numbers"]

    @property
    def dateline(self) -> dt.date:
        return dt.date.fromisoformat(self.text[6:16])


@dataclass
class Tally:
    tried: int = 0
    caught: int = 0
    slipped: list[str] = field(default_factory=list)


def load_seeds(folder: Path, only: list[str] | None = None) -> list[Seed]:
    seeds = []
    for path in sorted(folder.glob("*.gold.json")):
        seed_id = path.name.removesuffix(".gold.json")
        if only and seed_id not in only:
            continue
        text = path.with_name(f"{seed_id}.txt").read_text(encoding="utf-8")
        gold = json.loads(path.read_text(encoding="utf-8"))
        seeds.append(Seed(seed_id, text, gold, extract_numbers(text)))
    if not seeds:
        raise SystemExit(f"no seeds in {folder}")
    return seeds


# ---------------------------------------------------------------------------
# Correct summaries
# ---------------------------------------------------------------------------


def sentence_of(text: str, pos: int) -> tuple[int, int]:
    cuts = [0] + [m.end() for m in _BOUNDARY.finditer(text)] + [len(text)]
    for start, end in itertools.pairwise(cuts):
        if start <= pos < end:
            while text[start].isspace():
                start += 1
            return start, end
    return 0, len(text)


def phrase_of(seed: Seed, n: dict[str, Any]) -> str:
    """The gold phrase around a number (verbatim in the article), else its sentence."""
    phrase = n["text"]
    index = seed.text.find(phrase)
    while index != -1:
        if index <= n["start"] and index + len(phrase) >= n["end"]:
            return phrase
        index = seed.text.find(phrase, index + 1)
    start, end = sentence_of(seed.text, n["start"])
    return seed.text[start:end]


def year_of_number(seed: Seed, n: dict[str, Any]) -> int | None:
    """The year named nearest before the number in its sentence, if not the dateline's."""
    start, _ = sentence_of(seed.text, n["start"])
    found = [int(m[1]) for m in _OTHER_YEAR.finditer(" " + seed.text[start : n["start"]])]
    year = found[-1] if found else None
    return year if year != seed.dateline.year else None


def gold_figure(seed: Seed, n: dict[str, Any]) -> Figure:
    return Figure(
        value=n["value"],
        qualifier="at_least" if n["qualifier"] == "range" else n["qualifier"],
        role=n["role"],
        noun=n["noun"][:60],
        quote=phrase_of(seed, n),
    )


def figure_summary(seed: Seed) -> tuple[SummaryDraft, list[str]]:
    """Every gold number as a figure; returns the draft and each figure's path."""
    groups: list[tuple[int | None, list[int]]] = []
    for index, n in enumerate(seed.numbers):
        year = year_of_number(seed, n)
        if groups and groups[-1][0] == year and len(groups[-1][1]) < MAX_FIGURES:
            groups[-1][1].append(index)
        else:
            groups.append((year, [index]))
    events = []
    paths = [""] * len(seed.numbers)
    for event_index, (year, members) in enumerate(groups):
        events.append(
            Event(
                event_type="other",
                date=dt.date(year, 1, 1) if year else None,
                description="Figures of the article.",
                figures=[gold_figure(seed, seed.numbers[i]) for i in members],
            )
        )
        for slot, index in enumerate(members):
            paths[index] = f"events[{event_index}].figures[{slot}]"
    draft = SummaryDraft(
        headline="Figures", summary="The figures the article gives.", events=events
    )
    return draft, paths


def _find_number(seed: Seed, value: float, qualifier: str, role: str | None) -> dict | None:
    for n in seed.numbers:
        close = abs(n["value"] - value) <= 1e-9 * max(1, abs(value))
        if close and n["qualifier"] == qualifier and (role is None or n["role"] == role):
            return n
    return None


def event_summary(seed: Seed) -> SummaryDraft:
    """One event per gold event, with the gold's own words as description and summary."""
    events = []
    for gold in seed.gold["events"][:8]:
        casualties: dict[str, Figure] = {}
        for slot in ("killed", "injured"):
            claim = gold[slot]
            n = claim and _find_number(seed, claim["value"], claim["qualifier"], slot)
            n = n or (claim and _find_number(seed, claim["value"], claim["qualifier"], None))
            if n:
                casualties[slot] = gold_figure(seed, n).model_copy(update={"role": slot})
        figures = []
        for other in gold["other_figures"]:
            n = _find_number(seed, other["value"], other["qualifier"], other["role"])
            if n and len(figures) < MAX_FIGURES:
                figures.append(gold_figure(seed, n).model_copy(update={"noun": other["noun"][:60]}))
        actors = (
            [Actor(name=gold["perpetrator"][:80], role="perpetrator")]
            if gold["perpetrator"]
            else []
        )
        events.append(
            Event(
                event_type=gold["event_type"],
                date=dt.date.fromisoformat(gold["date"]) if gold["date"] else None,
                location=(gold["location"] or "")[:100],
                actors=actors,
                description=gold["summary"][:300],
                casualties=casualties,
                figures=figures,
                attribution=(gold["attribution"] or None) and gold["attribution"][:120],
            )
        )
    first = seed.gold["events"][0]["summary"]
    return SummaryDraft(headline=_headline(first), summary=first[:700], events=events)


def _headline(text: str) -> str:
    """The first clause, cut at a word: a headline, not a sentence broken inside a number."""
    clause = re.split(r"[;:]|, (?:and|while|but) ", text, maxsplit=1)[0]
    if len(clause) <= 160:
        return clause
    words = clause[:160].rsplit(" ", 1)[0].split()
    while words and any(ch.isdigit() for ch in words[-1]):
        words.pop()
    return " ".join(words)


# ---------------------------------------------------------------------------
# Mutations
# ---------------------------------------------------------------------------

Mutation = tuple[str, str, SummaryDraft]  # (class, target path, mutated draft)


def _with_figure(draft: SummaryDraft, path: str, figure: Figure) -> SummaryDraft:
    match = re.fullmatch(r"events\[(\d+)\]\.figures\[(\d+)\]", path)
    assert match
    e, f = int(match[1]), int(match[2])
    events = list(draft.events)
    figures = list(events[e].figures)
    figures[f] = figure
    events[e] = events[e].model_copy(update={"figures": figures})
    return draft.model_copy(update={"events": events})


def _mention_at(seed: Seed, n: dict[str, Any]) -> NumberMention | None:
    return next((m for m in seed.mentions if m.start == n["start"]), None)


def figure_mutations(seed: Seed, draft: SummaryDraft, paths: list[str]) -> Iterator[Mutation]:
    for index, n in enumerate(seed.numbers):
        path = paths[index]
        good = draft.events[int(path[7 : path.index("]")])].figures[
            int(path.rsplit("[", 1)[1][:-1])
        ]
        quote_numbers = {m.value for m in seed.mentions if m.text in good.quote}
        # value: a number the quote does not hold
        wrong = good.value + 1 if isinstance(good.value, int) else round(good.value * 1.1, 3)
        if wrong not in quote_numbers:
            yield "value", path, _with_figure(draft, path, good.model_copy(update={"value": wrong}))
        # qualifier: a stronger claim than the article's wording
        stronger = {
            "exact": "more_than",
            "at_least": "more_than",
            "more_than": "exact",
            "at_most": "less_than",
            "less_than": "exact",
            "approximately": "exact",
        }[good.qualifier]
        if n["qualifier"] != "range":
            yield (
                "qualifier",
                path,
                _with_figure(draft, path, good.model_copy(update={"qualifier": stronger})),
            )
        # role: another event role for an event count
        if n["role"] in EVENT_ROLES:
            other = "injured" if n["role"] != "injured" else "killed"
            yield "role", path, _with_figure(draft, path, good.model_copy(update={"role": other}))
        # a number the rules cannot classify claimed as a casualty count
        mention = _mention_at(seed, n)
        if mention is not None and mention.role == "other_count" and n["role"] == "other_count":
            yield (
                "other_count_as_killed",
                path,
                _with_figure(draft, path, good.model_copy(update={"role": "killed"})),
            )
        # a fuzzy quote carrying another number (value changed with it)
        token = seed.text[n["start"] : n["end"]]
        if token.isdigit() and token in good.quote and len(good.quote) >= 14:
            changed = str(int(token) + 1)
            quote = good.quote.replace(token, changed, 1)
            yield (
                "fuzzy_quote_number",
                path,
                _with_figure(
                    draft, path, good.model_copy(update={"quote": quote, "value": int(changed)})
                ),
            )
        # a quote from another sentence that lacks the number
        start, _end = sentence_of(seed.text, n["start"])
        other_sentences = [
            seed.text[s:e]
            for s, e in _sentences(seed.text)
            if s != start
            and not any(s <= m.start < e and m.value == good.value for m in seed.mentions)
        ]
        if other_sentences:
            yield (
                "quote_without_number",
                path,
                _with_figure(
                    draft, path, good.model_copy(update={"quote": other_sentences[0][:300]})
                ),
            )
        # the tolerance: the sentence as quote, the value of another number of the same
        # role in that sentence
        start, end = sentence_of(seed.text, n["start"])
        rivals = [
            o
            for o in seed.numbers
            if start <= o["start"] < end
            and o is not n
            and o["role"] == n["role"]
            and o["value"] != n["value"]
            and o["qualifier"] == n["qualifier"]
        ]
        if rivals:
            mutant = good.model_copy(
                update={"quote": seed.text[start:end][:300], "value": rivals[0]["value"]}
            )
            yield "same_quote_other_number", path, _with_figure(draft, path, mutant)
        # units: scale dropped, currency swapped, percent vs points
        if n["role"] == "money" and good.value >= 1e6 and mention is not None:
            for word, scale in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6)):
                if (word in mention.text and good.value % scale == 0) or (
                    word in mention.text and round(good.value / scale, 6) * scale == good.value
                ):
                    mantissa = round(good.value / scale, 6)
                    yield (
                        "scale_dropped",
                        path,
                        _with_figure(
                            draft, path, good.model_copy(update={"value": mantissa, "noun": "USD"})
                        ),
                    )
                    break
        if n["role"] == "money" and mention is not None and mention.noun in ("USD", "EUR", "GBP"):
            swapped = "EUR" if mention.noun != "EUR" else "USD"
            yield (
                "currency",
                path,
                _with_figure(draft, path, good.model_copy(update={"noun": swapped})),
            )
        if n["role"] == "percentage" and mention is not None:
            noun = "percent" if "point" in mention.noun else "percentage points"
            yield (
                "percent_vs_points",
                path,
                _with_figure(draft, path, good.model_copy(update={"noun": noun})),
            )


def _sentences(text: str) -> list[tuple[int, int]]:
    cuts = [0] + [m.end() for m in _BOUNDARY.finditer(text)] + [len(text)]
    out = []
    for s, e in itertools.pairwise(cuts):
        while s < e and text[s].isspace():
            s += 1
        if e - s > 20 and s > 16:
            out.append((s, e))
    return out


def background_mutations(seed: Seed) -> Iterator[Mutation]:
    """A historical toll put in the casualty slot of an event dated at the dateline."""
    for n in seed.numbers:
        if n["role"] not in CASUALTY or year_of_number(seed, n) is None:
            continue
        figure = gold_figure(seed, n)
        event = Event(
            event_type="other",
            date=seed.dateline,
            description="The event.",
            casualties={n["role"]: figure},
        )
        draft = SummaryDraft(headline="Event", summary="The event.", events=[event])
        yield "background_toll", f"events[0].casualties.{n['role']}", draft


def event_mutations(seed: Seed, draft: SummaryDraft) -> Iterator[Mutation]:
    """Prose, names, dates and event types of the event summary."""
    prose = [m for m in extract_numbers(draft.summary) if m.role not in ("date_or_year", "time")]
    for m in prose[:3]:
        if m.text.isdigit():
            wrong = str(int(m.text) * 10 + 3)
            text = draft.summary[: m.start] + wrong + draft.summary[m.end :]
            yield "prose_value", "summary", draft.model_copy(update={"summary": text})
    killed = [n for n in seed.numbers if n["role"] == "killed" and n["qualifier"] == "exact"]
    injured = {n["value"] for n in seed.numbers if n["role"] == "injured"}
    for n in killed[:2]:
        if n["value"] in injured:
            continue
        value = int(n["value"])
        text = f"{draft.summary} Officials said {value} people were injured."
        yield "prose_role", "summary", draft.model_copy(update={"summary": text})
    headline = f"{draft.headline[:100]} as 9,431 flee"
    yield "prose_headline", "headline", draft.model_copy(update={"headline": headline})
    for index, event in enumerate(draft.events[:2]):
        where = f"events[{index}]"
        events = list(draft.events)
        invented = event.model_copy(
            update={
                "actors": [*event.actors[:3], Actor(name="Viktor Halloran", role="perpetrator")]
            }
        )
        events[index] = invented
        yield (
            "invented_actor",
            f"{where}.actors[{len(invented.actors) - 1}]",
            draft.model_copy(update={"events": list(events)}),
        )
        events = list(draft.events)
        events[index] = event.model_copy(update={"location": "Marseille, France"})
        yield "invented_location", f"{where}.location", draft.model_copy(update={"events": events})
        weekday = _weekday_in(seed.text)
        if weekday is not None:
            name, date = weekday
            events = list(draft.events)
            events[index] = event.model_copy(
                update={"date_text": name, "date": date + dt.timedelta(days=1)}
            )
            yield "date_shifted", f"{where}.date", draft.model_copy(update={"events": events})
        events = list(draft.events)
        unrelated = "drone_strike" if event.event_type != "drone_strike" else "protest"
        if not re.search(r"(?i)\b(drone|uav|unmanned|protest|demonstrat|rally|march)", seed.text):
            events[index] = event.model_copy(update={"event_type": unrelated})
            yield "event_type", f"{where}.event_type", draft.model_copy(update={"events": events})


def moved_figure_mutations(seed: Seed, draft: SummaryDraft) -> Iterator[Mutation]:
    """A casualty figure of one gold incident in the casualty slot of another's event.

    Both incidents are events of the gold and neither is background (a toll of another time
    is ``background_toll``'s); a value the target incident states itself is left out, since
    the figure would then be right there too."""
    incidents = seed.gold.get("incidents") or []
    by_start = {n["start"]: n for n in seed.numbers}
    for source in incidents:
        if source["background"] or source["event"] is None:
            continue
        for target in incidents:
            index = target["event"]
            if target is source or target["background"] or index is None:
                continue
            if index >= len(draft.events) or index == source["event"]:
                continue
            own = {by_start[s]["value"] for s in target["mentions"] if s in by_start}
            for start in source["mentions"]:
                n = by_start.get(start)
                if n is None or n["role"] not in CASUALTY or not n["value"] or n["value"] in own:
                    continue
                event = draft.events[index]
                figure = gold_figure(seed, n)
                casualties = event.casualties.model_copy(update={n["role"]: figure})
                events = list(draft.events)
                events[index] = event.model_copy(update={"casualties": casualties})
                yield (
                    "moved_figure",
                    f"events[{index}].casualties.{n['role']}",
                    draft.model_copy(update={"events": events}),
                )


def run_moved(seeds: list[Seed]) -> Tally:
    """The moved-figure mutations of ``seeds``: how many the verifier flags."""
    tally = Tally()
    for seed in seeds:
        for _name, path, mutant in moved_figure_mutations(seed, event_summary(seed)):
            tally.tried += 1
            if flagged(verify(seed.text, mutant, seed.mentions), path):
                tally.caught += 1
            else:
                tally.slipped.append(f"{seed.id} {path}")
    return tally


def print_moved(seeds_folder: Path, corpus: Path, show: bool) -> None:
    """The moved-figure catch rate on the seeds, the dev split and the sealed test split."""
    corpus_seeds = load_seeds(corpus)
    groups = {
        "seeds": load_seeds(seeds_folder),
        "dev": [s for s in corpus_seeds if split_of(s.id) == "dev"],
        "test": [s for s in corpus_seeds if split_of(s.id) == "test"],
    }
    print(f"{'moved_figure':<24} {'tried':>6} {'caught':>7} {'rate':>6}")
    for name, group in groups.items():
        tally = run_moved(group)
        rate = tally.caught / max(tally.tried, 1)
        print(f"  {name:<22} {tally.tried:>6} {tally.caught:>7} {rate:>6.0%}")
        if show and name != "test":  # the test split is sealed: aggregates only
            for where in tally.slipped:
                print(f"SLIPPED moved_figure [{name}]: {where}")


def _weekday_in(text: str) -> tuple[str, dt.date] | None:
    dateline = dt.date.fromisoformat(text[6:16])
    for index, name in enumerate(_WEEKDAYS):
        if re.search(rf"\b{name}\b", text[17:]):
            return name, dateline - dt.timedelta(days=(dateline.weekday() - index) % 7)
    return None


# ---------------------------------------------------------------------------
# Running
# ---------------------------------------------------------------------------


def _checks(report: VerificationReport) -> list[Any]:
    """Every check with a verdict (reports of older versions: figures and evidence only)."""
    if hasattr(report, "checks"):
        return report.checks()
    return [*report.figures, *report.evidence]


def _verdict(check: Any) -> str:
    verdict = getattr(check, "verdict", None)
    if verdict is not None:
        return verdict
    if hasattr(check, "status"):
        return "verified" if check.status == "verified" else "contradicted"
    return "verified" if check.grounding.match != "none" else "contradicted"


def flagged(report: VerificationReport, path: str) -> bool:
    """Whether any check at (or inside) ``path`` is not verified."""
    return any(
        _verdict(check) != "verified" and (check.path == path or check.path.startswith(path + "."))
        for check in _checks(report)
    )


@dataclass
class Results:
    classes: dict[str, Tally] = field(default_factory=dict)
    figures: int = 0
    figure_alarms: list[str] = field(default_factory=list)
    claims: Counter[str] = field(default_factory=Counter)
    claim_alarms: Counter[str] = field(default_factory=Counter)
    alarm_notes: list[str] = field(default_factory=list)


def run(seeds: list[Seed], fast: bool = False) -> Results:
    results = Results()

    def attempt(seed: Seed, mutations: Iterator[Mutation], baseline: set[str]) -> None:
        for count, (name, path, mutant) in enumerate(mutations):
            if fast and count >= 40:
                return
            tally = results.classes.setdefault(name, Tally())
            tally.tried += 1
            report = verify(seed.text, mutant, seed.mentions)
            if flagged(report, path) and path not in baseline:
                tally.caught += 1
            elif flagged(report, path):
                tally.caught += 1  # flagged already when correct: counted as a false alarm there
            else:
                tally.slipped.append(f"{seed.id} {path}")

    for seed in seeds:
        draft, paths = figure_summary(seed)
        report = verify(seed.text, draft, seed.mentions)
        results.figures += len(report.figures)
        for check in report.figures:
            if _verdict(check) != "verified":
                results.figure_alarms.append(
                    f"{seed.id} {check.path} {check.status}: {check.reason}"
                )
        attempt(seed, figure_mutations(seed, draft, paths), set())
        attempt(seed, background_mutations(seed), set())

        events = event_summary(seed)
        report = verify(seed.text, events, seed.mentions)
        baseline = set()
        for check in _checks(report):
            kind = getattr(check, "kind", "figure" if hasattr(check, "figure") else "evidence")
            results.claims[kind] += 1
            if _verdict(check) != "verified":
                results.claim_alarms[kind] += 1
                baseline.add(check.path)
                results.alarm_notes.append(
                    f"{seed.id} {check.path} {getattr(check, 'status', '')}: "
                    f"{getattr(check, 'reason', '')}"
                )
        attempt(seed, event_mutations(seed, events), baseline)
    return results


def print_results(results: Results, show: bool) -> None:
    print(f"{'class':<24} {'tried':>6} {'caught':>7} {'slipped':>8}")
    for name, tally in sorted(results.classes.items()):
        note = "  (tolerated, see docs/checks.md)" if name in TOLERATED else ""
        print(f"{name:<24} {tally.tried:>6} {tally.caught:>7} {len(tally.slipped):>8}{note}")
    tried = sum(t.tried for t in results.classes.values())
    slipped = sum(len(t.slipped) for t in results.classes.values())
    print(f"{'ALL':<24} {tried:>6} {tried - slipped:>7} {slipped:>8}")
    rate = len(results.figure_alarms) / max(results.figures, 1)
    print(
        f"false alarms on correct gold figures: {len(results.figure_alarms)}/{results.figures} "
        f"({rate:.1%}; target <= 2%)"
    )
    for kind, total in sorted(results.claims.items()):
        print(f"  event summaries, {kind:<10}: {results.claim_alarms[kind]}/{total} not verified")
    if show:
        for name, tally in sorted(results.classes.items()):
            for where in tally.slipped:
                print(f"SLIPPED {name}: {where}")
        for note in results.figure_alarms + results.alarm_notes:
            print(f"ALARM {note}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument(
        "--fast", action="store_true", help="at most 40 mutations per seed and kind"
    )
    parser.add_argument("--show-slipped", action="store_true", help="list slips and false alarms")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument(
        "--moved",
        action="store_true",
        help="only the moved-figure rate, on the seeds and the corpus's dev and test splits",
    )
    parser.add_argument("names", nargs="*", help="seed ids (default: all)")
    args = parser.parse_args(argv)
    if args.moved:
        print_moved(args.seeds, args.corpus, args.show_slipped)
        return 0
    results = run(load_seeds(args.seeds, args.names), fast=args.fast)
    print_results(results, args.show_slipped)
    slipped = sum(len(t.slipped) for n, t in results.classes.items() if n not in TOLERATED)
    return 1 if slipped else 0


if __name__ == "__main__":
    sys.exit(main())
