"""The checks on realistic summaries: false flags on faithful ones, mistakes caught in flawed.

Run: ``python -m bench.realistic [--show-flags] [--show-missed] [--split dev|test|seeds|all]
[--json] [--no-seeds] [ID ...]``.

Every corpus article (seeds/corpus/) has a faithful summary as a strong model writes it and
a flawed copy with labelled mistakes. Both are checked exactly as ``summarizer verify
ARTICLE SUMMARY_JSON`` checks a stored answer: the JSON validated as an ``ArticleSummary``,
then ``verify(text, summary, extract_numbers(text))`` with the article's own dateline. The
seeds have no realistic file; their faithful summary is bench/mutations.py's event summary
(the gold's events and prose), reported in a column of its own: the rules were tuned on them.

Figures, printed for dev and test side by side (and both together):

* faithful summaries: checks per summary; flags (every flag on a faithful summary is a
  false flag), contradicted and unconfirmed apart, per summary and as % of checks; by kind
  of check (figure, number in prose, name, date, event type, evidence quote);
* flawed summaries: mistakes caught per kind, caught/total and %.

When is a mistake caught? Checks and mistakes name fields with the same JSON paths
(``events[0].casualties.killed``, ``events[1].figures[2]``, ``key_figures[0]``,
``summary``, ``events[0].actors[1]``, ``events[0].date``). A check *covers* a mistake when
one path is the other or contains it:

* a figure check at ``events[0].figures[1]`` covers a mistake at
  ``events[0].figures[1].qualifier`` (value, role, noun alike) and at the whole figure;
* a mistake at ``events[1].casualties`` (a slot renamed) is covered by the figure checks of
  every slot under it, ``events[1].casualties.injured`` among them;
* prose mistakes (``headline``, ``summary``, ``events[0].description``, ``.attribution``)
  are covered by the claims read from that text: numbers in prose carry the field's path;
  a figure's ``noun`` is a prose field under the figure's path;
* name mistakes at ``events[0].actors[1].name`` are covered by the name check at
  ``events[0].actors[1]``, at ``events[0].location`` by the location's check. Nothing checks
  an attribution's names, so a name invented there cannot be caught.

A mistake is *caught* when a covering check of the flawed summary is contradicted or
unconfirmed and the same claim of the faithful summary was not flagged. The same claim is
the check at the same path, and for numbers in prose (many per field) the same path and
the same text ("at least 14"); counted as multisets, so a number written twice is two
claims. A missed mistake whose own claim (the figure, name, date at its path) was already
flagged on the faithful summary is *masked*: the flag cannot tell the mistake from the
false flag. Flags a mistake
raises elsewhere (another event's figure, a coverage gap) do not count.

Details of the test split are not listed unless asked with ``--split test`` (or ``all``):
rules are written looking at dev only; test's totals are printed beside dev's.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bench.corpus import CORPUS, MISTAKE_KINDS, SEEDS, Article, articles
from bench.mutations import Seed, event_summary
from summarizer.checks.report import verify
from summarizer.checks.summary_json import parse_summary
from summarizer.errors import InputError
from summarizer.numbers import NumberMention, extract_numbers
from summarizer.schema import ClaimCheck, FigureCheck, SummaryDraft, VerificationReport
from summarizer.text.reading import read_article

CHECK_KINDS: tuple[str, ...] = ("figure", "number", "name", "date", "event_type", "evidence")
COLUMNS: tuple[str, ...] = ("dev", "test", "all", "seeds")
_STEP = re.compile(r"\.?([A-Za-z_]\w*)|\[(\d+)\]")


# ---------------------------------------------------------------------------
# Paths
# ---------------------------------------------------------------------------


class Missing:
    """What a path resolves to when the JSON has nothing there."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING = Missing()


def steps(path: str) -> list[str | int]:
    """``events[0].casualties.killed`` -> ["events", 0, "casualties", "killed"]."""
    out: list[str | int] = []
    position = 0
    while position < len(path):
        match = _STEP.match(path, position)
        if match is None or match.end() == position:
            raise ValueError(f"not a JSON path: {path!r}")
        out.append(match[1] if match[1] is not None else int(match[2]))
        position = match.end()
    return out


def resolve(data: Any, path: str) -> Any:
    """The value at ``path`` in loaded JSON, or :data:`MISSING` (a null counts as present)."""
    node = data
    for step in steps(path):
        if isinstance(step, int):
            if not isinstance(node, list) or step >= len(node):
                return MISSING
            node = node[step]
        else:
            if not isinstance(node, dict) or step not in node:
                return MISSING
            node = node[step]
    return node


def covers(check_path: str, mistake_path: str) -> bool:
    """Whether a check at ``check_path`` is about the field at ``mistake_path``: one path is
    the other or contains it (see the module docstring)."""
    if check_path == mistake_path:
        return True
    return check_path.startswith((mistake_path + ".", mistake_path + "[")) or (
        mistake_path.startswith((check_path + ".", check_path + "["))
    )


# ---------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------

Check = Any  # FigureCheck | ClaimCheck | EvidenceCheck


def kind_of(check: Check) -> str:
    if isinstance(check, FigureCheck):
        return "figure"
    if isinstance(check, ClaimCheck):
        return str(check.kind)
    return "evidence"


def identity(check: Check) -> tuple[str, ...]:
    """What makes two checks "the same claim" in a faithful and a flawed summary."""
    kind = kind_of(check)
    if kind == "number":
        return (kind, check.path, check.text)
    return (kind, check.path)


def claim_text(check: Check) -> str:
    """The claim as a reader sees it in the listing."""
    if isinstance(check, FigureCheck):
        f = check.figure
        value = int(f.value) if float(f.value).is_integer() else f.value
        return f"{value} {f.qualifier} {f.role} ({f.noun}) quote {f.quote!r}"
    if isinstance(check, ClaimCheck):
        return check.text
    return str(check.quote)


def is_flag(check: Check) -> bool:
    return check.verdict != "verified"


@dataclass(frozen=True)
class Flag:
    """A check of a faithful summary that is not verified: a false flag."""

    article: str
    split: str
    path: str
    kind: str
    claim: str
    status: str
    verdict: str
    reason: str

    @classmethod
    def of(cls, article: Article, check: Check) -> Flag:
        status = getattr(check, "status", "not_grounded")
        return cls(
            article.id,
            article.split,
            check.path,
            kind_of(check),
            claim_text(check),
            status,
            check.verdict,
            check.reason,
        )


def flag_cause(flag: Flag) -> str:
    """The flag's status; an unconfirmed role is told apart by why the role is open."""
    if flag.status != "unconfirmed":
        return flag.status
    if "could not classify" in flag.reason:
        return "unconfirmed: role unread"
    return f"unconfirmed: {flag.kind}"


@dataclass(frozen=True)
class Outcome:
    """One labelled mistake of a flawed summary and whether the checks caught it."""

    article: str
    split: str
    kind: str
    path: str
    caught: bool
    masked: bool
    contradicted: bool  # caught with a contradiction, not only an unconfirmed claim
    by: tuple[str, ...]  # the covering flags of the flawed summary: "path [text] status"
    why: str


@dataclass
class ArticleResult:
    """The faithful summary's checks and flags, and the flawed summary's mistakes."""

    article: str
    split: str
    checks: Counter[str] = field(default_factory=Counter)  # checks by kind
    flags: list[Flag] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)


def check_summary(text: str, data: Any, mentions: Sequence[NumberMention], source: str) -> Any:
    """The CLI's ``summarizer verify``: validate as an ArticleSummary, verify with the
    article's own dateline."""
    summary = data if isinstance(data, SummaryDraft) else parse_summary(data, source=source)
    return verify(text, summary, mentions)


def judge_mistakes(
    article: Article,
    mistakes: Iterable[dict[str, Any]],
    faithful: VerificationReport,
    flawed: VerificationReport,
) -> list[Outcome]:
    """Caught, masked or missed, for each mistake (the rule is in the module docstring)."""
    before = Counter(identity(c) for c in faithful.checks() if is_flag(c))
    after = Counter(identity(c) for c in flawed.checks() if is_flag(c))
    new = {key for key, count in after.items() if count > before[key]}
    outcomes = []
    for mistake in mistakes:
        path = mistake["path"]
        covering = [c for c in flawed.checks() if is_flag(c) and covers(c.path, path)]
        fresh = [c for c in covering if identity(c) in new]
        # Numbers in prose share their field's path: an old flag on another number of the
        # same text is not the mistake's claim, so it cannot mask it.
        same_claim = [c for c in covering if kind_of(c) != "number"]
        outcomes.append(
            Outcome(
                article.id,
                article.split,
                mistake["kind"],
                path,
                caught=bool(fresh),
                masked=bool(same_claim) and not fresh,
                contradicted=any(c.verdict == "contradicted" for c in fresh),
                by=tuple(_flag_note(c, c in fresh) for c in covering),
                why=mistake.get("why", ""),
            )
        )
    return outcomes


def _flag_note(check: Check, fresh: bool) -> str:
    """'summary '14' not_in_article', with '(on the faithful too)' for an old flag."""
    text = f" {check.text!r}" if kind_of(check) == "number" else ""
    old = "" if fresh else " (on the faithful too)"
    return f"{check.path}{text} {getattr(check, 'status', 'not_grounded')}{old}"


def evaluate(article: Article) -> ArticleResult:
    """Check one article's faithful (and flawed) summary."""
    result = ArticleResult(article.id, article.split)
    text = read_article(article.text_path).text
    mentions = extract_numbers(text)
    realistic = article.realistic
    if realistic is not None:
        faithful_data: Any = realistic["faithful"]
    else:
        faithful_data = seed_summary(article, text, mentions)
    faithful = check_summary(text, faithful_data, mentions, f"{article.id}: faithful")
    for check in faithful.checks():
        result.checks[kind_of(check)] += 1
        if is_flag(check):
            result.flags.append(Flag.of(article, check))
    if realistic is not None:
        flawed = check_summary(text, realistic["flawed"], mentions, f"{article.id}: flawed")
        result.outcomes = judge_mistakes(article, realistic["mistakes"], faithful, flawed)
    return result


def seed_summary(article: Article, text: str, mentions: Sequence[NumberMention]) -> SummaryDraft:
    """A seed's correct summary: bench/mutations.py's, one event per gold event."""
    return event_summary(Seed(article.id, text, article.gold, list(mentions)))


# ---------------------------------------------------------------------------
# Totals
# ---------------------------------------------------------------------------


@dataclass
class Totals:
    """One column: every figure of the report for one split."""

    summaries: int = 0
    clean: int = 0  # faithful summaries without a flag
    checks: Counter[str] = field(default_factory=Counter)
    contradicted: Counter[str] = field(default_factory=Counter)
    unconfirmed: Counter[str] = field(default_factory=Counter)
    mistakes: Counter[str] = field(default_factory=Counter)
    caught: Counter[str] = field(default_factory=Counter)
    missed: Counter[str] = field(default_factory=Counter)
    caught_contradicted: Counter[str] = field(default_factory=Counter)
    masked: Counter[str] = field(default_factory=Counter)
    statuses: Counter[str] = field(default_factory=Counter)  # false flags by status

    def add(self, result: ArticleResult) -> None:
        self.summaries += 1
        self.clean += not result.flags
        self.checks.update(result.checks)
        for flag in result.flags:
            (self.contradicted if flag.verdict == "contradicted" else self.unconfirmed)[
                flag.kind
            ] += 1
            self.statuses[flag_cause(flag)] += 1
        for outcome in result.outcomes:
            self.mistakes[outcome.kind] += 1
            self.caught[outcome.kind] += outcome.caught
            self.missed[outcome.kind] += not outcome.caught
            self.caught_contradicted[outcome.kind] += outcome.contradicted
            self.masked[outcome.kind] += outcome.masked

    def as_dict(self) -> dict[str, Any]:
        checks = sum(self.checks.values())
        contradicted = sum(self.contradicted.values())
        unconfirmed = sum(self.unconfirmed.values())
        per = max(self.summaries, 1)
        kinds = sorted({*self.mistakes, *MISTAKE_KINDS}, key=_kind_order)
        mistakes = {
            kind: {
                "total": self.mistakes[kind],
                "caught": self.caught[kind],
                "missed": self.missed[kind],
                "caught_contradicted": self.caught_contradicted[kind],
                "masked": self.masked[kind],
            }
            for kind in kinds
        }
        total = sum(self.mistakes.values())
        mistakes["ALL"] = {
            "total": total,
            "caught": sum(self.caught.values()),
            "missed": sum(self.missed.values()),
            "caught_contradicted": sum(self.caught_contradicted.values()),
            "masked": sum(self.masked.values()),
        }
        return {
            "summaries": self.summaries,
            "summaries_without_flags": self.clean,
            "checks": checks,
            "checks_per_summary": checks / per,
            "contradicted": contradicted,
            "unconfirmed": unconfirmed,
            "contradicted_per_summary": contradicted / per,
            "unconfirmed_per_summary": unconfirmed / per,
            "contradicted_share": contradicted / max(checks, 1),
            "unconfirmed_share": unconfirmed / max(checks, 1),
            "flagged_share": (contradicted + unconfirmed) / max(checks, 1),
            "by_check_kind": {
                kind: {
                    "checks": self.checks[kind],
                    "contradicted": self.contradicted[kind],
                    "unconfirmed": self.unconfirmed[kind],
                }
                for kind in CHECK_KINDS
            },
            "mistakes": mistakes if total else {},
            "flags_by_status": dict(self.statuses.most_common()),
        }


def _kind_order(kind: str) -> tuple[int, str]:
    return (MISTAKE_KINDS.index(kind) if kind in MISTAKE_KINDS else len(MISTAKE_KINDS), kind)


def totals(results: Iterable[ArticleResult]) -> dict[str, Totals]:
    """Columns dev, test, all (the corpus) and seeds."""
    columns = {name: Totals() for name in COLUMNS}
    for result in results:
        columns[result.split].add(result)
        if result.split in ("dev", "test"):
            columns["all"].add(result)
    return columns


def run(selected: Iterable[Article]) -> list[ArticleResult]:
    """Every seed, and every corpus article with a realistic file (one without is skipped:
    a summary built from its gold is not what a model writes)."""
    return [evaluate(a) for a in selected if a.split == "seeds" or a.realistic is not None]


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------


def _in(split: str, wanted: str) -> bool:
    return wanted == "all" or split == wanted


def report(results: list[ArticleResult], details: str) -> dict[str, Any]:
    """Everything as JSON-ready data; per-claim details only for the ``details`` split."""
    return {
        "columns": {name: column.as_dict() for name, column in totals(results).items()},
        "details_split": details,
        "false_flags": [asdict(f) for r in results if _in(r.split, details) for f in r.flags],
        "mistakes": [
            {**asdict(o), "by": list(o.by)}
            for r in results
            if _in(r.split, details)
            for o in r.outcomes
        ],
    }


def _cells(values: Sequence[str]) -> str:
    return "".join(f"{v:>14}" for v in values)


def print_report(data: dict[str, Any], show_flags: bool, show_missed: bool) -> None:
    columns = {k: v for k, v in data["columns"].items() if v["summaries"]}
    names = list(columns)
    label = {"seeds": "seeds*"}
    print(f"{'FAITHFUL SUMMARIES':<34}{_cells([label.get(n, n) for n in names])}")
    rows: list[tuple[str, str]] = [
        ("summaries", "{summaries}"),
        ("  without any flag", "{summaries_without_flags}"),
        ("checks per summary", "{checks_per_summary:.1f}"),
        ("contradicted per summary", "{contradicted_per_summary:.2f}"),
        ("unconfirmed per summary", "{unconfirmed_per_summary:.2f}"),
        ("% of checks contradicted", "{contradicted_share:.1%}"),
        ("% of checks unconfirmed", "{unconfirmed_share:.1%}"),
        ("% of checks flagged", "{flagged_share:.1%}"),
    ]
    for title, template in rows:
        print(f"{title:<34}{_cells([template.format(**columns[n]) for n in names])}")
    print("flags by check kind (contradicted+unconfirmed/checks)")
    for kind in CHECK_KINDS:
        cells = []
        for n in names:
            k = columns[n]["by_check_kind"][kind]
            cells.append(f"{k['contradicted']}+{k['unconfirmed']}/{k['checks']}")
        print(f"  {kind:<32}{_cells(cells)}")
    print("false flags by status")
    statuses = sorted(
        {s for n in names for s in columns[n]["flags_by_status"]},
        key=lambda s: -sum(columns[n]["flags_by_status"].get(s, 0) for n in names),
    )
    for status in statuses:
        cells = [str(columns[n]["flags_by_status"].get(status, 0)) for n in names]
        print(f"  {status:<32}{_cells(cells)}")
    corpus = [n for n in names if columns[n]["mistakes"]]
    if corpus:
        print()
        print(f"{'FLAWED SUMMARIES: mistakes caught':<34}{_cells(corpus)}")
        for kind in columns[corpus[0]]["mistakes"]:
            cells = []
            for n in corpus:
                m = columns[n]["mistakes"][kind]
                share = m["caught"] / m["total"] if m["total"] else 0.0
                cells.append(f"{m['caught']}/{m['total']} {share:>4.0%}" if m["total"] else "-")
            print(f"  {kind:<32}{_cells(cells)}")
        print(f"  {'of them caught as contradicted':<32}", end="")
        print(_cells([str(columns[n]["mistakes"]["ALL"]["caught_contradicted"]) for n in corpus]))
        print(f"  {'missed, masked by a false flag':<32}", end="")
        print(_cells([str(columns[n]["mistakes"]["ALL"]["masked"]) for n in corpus]))
    if "seeds" in names:
        print("* seeds: no realistic file; bench/mutations.py's event summary, rules tuned on them")
    details = data["details_split"]
    if show_flags:
        print(f"\nFALSE FLAGS on faithful summaries ({details} split)")
        for f in data["false_flags"]:
            print(
                f"{f['article']} [{f['split']}] {f['path']} {f['kind']} {f['verdict']} "
                f"({f['status']}): {f['claim']!r}: {f['reason']}"
            )
    if show_missed:
        print(f"\nMISSED MISTAKES in flawed summaries ({details} split)")
        for o in data["mistakes"]:
            if not o["caught"]:
                masked = f" masked by {', '.join(o['by'])}" if o["masked"] else ""
                print(f"{o['article']} [{o['split']}] {o['kind']} {o['path']}{masked}: {o['why']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("ids", nargs="*", help="article ids (default: every one)")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the corpus folder")
    parser.add_argument("--seeds", type=Path, default=SEEDS, help="the seeds folder")
    parser.add_argument("--no-seeds", action="store_true", help="leave the seeds out")
    parser.add_argument("--show-flags", action="store_true", help="list the false flags")
    parser.add_argument("--show-missed", action="store_true", help="list the missed mistakes")
    parser.add_argument(
        "--split",
        choices=("dev", "test", "seeds", "all"),
        default="dev",
        help="whose details --show-flags, --show-missed and --json list (default: dev)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON for machines")
    args = parser.parse_args(argv)
    splits: tuple[Any, ...] = ("dev", "test") if args.no_seeds else ("dev", "test", "seeds")
    selected = articles(splits, corpus=args.corpus, seeds=args.seeds, only=args.ids)
    if args.ids:
        unknown = sorted(set(args.ids) - {a.id for a in selected})
        if unknown:
            print(f"error: no article {', '.join(unknown)}", file=sys.stderr)
            return 2
    if not selected:
        print(f"error: no articles in {args.corpus}", file=sys.stderr)
        return 2
    try:
        results = run(selected)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    skipped = sorted({a.id for a in selected} - {r.article for r in results})
    if skipped:
        print(f"note: no realistic file, skipped: {', '.join(skipped)}", file=sys.stderr)
    data = report(results, args.split)
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print_report(data, args.show_flags, args.show_missed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
