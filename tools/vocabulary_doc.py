"""docs/vocabulary.md from summarizer/vocabulary.py: every closed list of the schema.

    python tools/vocabulary_doc.py           # rewrite docs/vocabulary.md
    python tools/vocabulary_doc.py --check   # exit 1 if the page and the code differ

``tests/unit/test_vocabulary.py`` runs the check, so a word added to a vocabulary without
regenerating the page (or without a meaning) fails the suite.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

from summarizer import vocabulary as v

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "vocabulary.md"


def _table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> list[str]:
    header = list(header)
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return lines


def _meanings(values: tuple[str, ...], meanings: Mapping[str, str], name: str) -> list[str]:
    """The meanings of ``values`` in order; a word without one (or a stale one) is an error."""
    missing = [value for value in values if value not in meanings]
    stale = [key for key in meanings if key not in values]
    if missing or stale:
        raise SystemExit(f"{name}: no meaning for {missing}; meanings of unknown words {stale}")
    return [meanings[value] for value in values]


def _role_kind(role: str) -> str:
    kinds = []
    if role in v.CASUALTY_ROLES:
        kinds.append(f"casualty slot `casualties.{role}`")
    if role in v.PEOPLE_ROLES:
        kinds.append("counts people")
    elif role in v.COUNT_ROLES:
        kinds.append("counts things")
    if role in v.EVENT_ROLES:
        kinds.append("read from cue words beside the number")
    if role in v.FORM_ROLES:
        kinds.append("read from the number's form (unit, sign, date shape)")
    return "; ".join(kinds)


def render() -> str:
    """The whole page, as it must be on disk."""
    lines = [
        "# The schema's vocabularies",
        "",
        "Every closed list of words in the output schema (and in the JSON schema the model",
        "answers in). Generated from `summarizer/vocabulary.py` by",
        "`python tools/vocabulary_doc.py`; `tests/unit/test_vocabulary.py` fails when this page",
        "and the code differ. A value outside these lists is a validation error that names",
        "the field and lists the allowed values (`summarizer verify` shows every one).",
        "",
        "## Event types: `events[].event_type`",
        "",
        "An event type is *verified* when one of its cue words occurs in the article (a word",
        "that starts with the stem), *unconfirmed* when none does.",
        "",
    ]
    event_meanings = _meanings(v.EVENT_TYPES, v.EVENT_TYPE_MEANINGS, "EVENT_TYPE_MEANINGS")
    lines += _table(
        ("value", "meaning", "cue words (stems)"),
        (
            (f"`{value}`", meaning, ", ".join(v.EVENT_TYPE_CUES.get(value, ())) or "none")
            for value, meaning in zip(v.EVENT_TYPES, event_meanings, strict=True)
        ),
    )
    lines += [
        "",
        "## Figure roles: `role` of every figure",
        "",
        "What a number counts: the role of a `Figure` (casualty slots, `figures[]`,",
        "`key_figures[]`) and of every number the rule-based extractor reads",
        "(`summarizer numbers`). A figure verifies only against an article number of the same",
        "role.",
        "",
    ]
    role_meanings = _meanings(v.ROLES, v.ROLE_MEANINGS, "ROLE_MEANINGS")
    lines += _table(
        ("value", "meaning", "kind"),
        (
            (f"`{role}`", meaning, _role_kind(role))
            for role, meaning in zip(v.ROLES, role_meanings, strict=True)
        ),
    )
    lines += [
        "",
        "## Qualifiers: `qualifier` of every figure",
        "",
        "How the article hedges a number. A figure's qualifier must be one the article's",
        "wording implies (`at_least` is supported by an exact, `at least` or `more than`",
        "wording; `approximately` by any). Figures use all but `range`, which only the",
        "extractor reports.",
        "",
    ]
    qualifier_meanings = _meanings(v.MENTION_QUALIFIERS, v.QUALIFIER_MEANINGS, "QUALIFIER_MEANINGS")
    lines += _table(
        ("value", "meaning", "in a figure"),
        (
            (f"`{value}`", meaning, "yes" if value in v.QUALIFIERS else "no (extractor only)")
            for value, meaning in zip(v.MENTION_QUALIFIERS, qualifier_meanings, strict=True)
        ),
    )
    lines += ["", "## Actor roles: `events[].actors[].role`", ""]
    actor_meanings = _meanings(v.ACTOR_ROLES, v.ACTOR_ROLE_MEANINGS, "ACTOR_ROLE_MEANINGS")
    lines += _table(
        ("value", "meaning"),
        (
            (f"`{value}`", meaning)
            for value, meaning in zip(v.ACTOR_ROLES, actor_meanings, strict=True)
        ),
    )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the page is stale")
    args = parser.parse_args(argv)
    page = render()
    if args.check:
        if not PAGE.is_file() or PAGE.read_text(encoding="utf-8") != page:
            print(f"{PAGE} is stale: run python tools/vocabulary_doc.py", file=sys.stderr)
            return 1
        return 0
    PAGE.write_text(page, encoding="utf-8")
    print(f"wrote {PAGE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
