"""Re-asks: what we tell the model after a refused answer, and how much warmer we ask.

A re-ask at temperature 0 repeats the same answer; each re-ask raises the temperature a
little and lists the problems of the last answer, a few at a time.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from summarizer.checks.salvage import problem_of
from summarizer.redaction import redact
from summarizer.schema import field_path

# Each re-ask raises the temperature by this much, up to REASK_TEMPERATURE_MAX.
REASK_TEMPERATURE_STEP = 0.3
REASK_TEMPERATURE_MAX = 1.0


def attempt_temperature(base: float, answered: int) -> float:
    """The temperature of a request after ``answered`` rejected answers (never below ``base``)."""
    if answered <= 0:
        return base
    raised = min(REASK_TEMPERATURE_MAX, base + REASK_TEMPERATURE_STEP * answered)
    return max(base, round(raised, 2))


def previous_answers(messages: list[dict[str, Any]]) -> int:
    """How many answers a conversation already holds: a prompt is system and user turns
    only, so each assistant turn is a rejected answer being re-asked (live, or a Batch API
    follow-up line)."""
    return sum(1 for message in messages if message.get("role") == "assistant")


# Problems listed in one re-ask at most (a wholly wrong answer has dozens).
REASK_PROBLEMS = 8


def reask_prompt(error: BaseException) -> str:
    """The re-ask after a rejected answer: what was wrong, one problem per line, in words."""
    lines = ["Your last answer could not be used:"]
    if isinstance(error, ValidationError):
        items = error.errors(include_url=False)
        for item in items[:REASK_PROBLEMS]:
            where = field_path(item.get("loc", ())) or "answer"
            if item["type"] == "json_invalid":
                problem = _json_problem(str(item.get("msg", "")))
            elif item["type"] == "value_error":  # our validators' own words, in full
                problem = str(item.get("msg", "")).removeprefix("Value error, ")
            else:
                problem = problem_of(item)
            lines.append(f"- {where}: {problem}")
        if len(items) > REASK_PROBLEMS:
            lines.append(f"- and {len(items) - REASK_PROBLEMS} more problems of the same kinds")
    else:
        lines.append(f"- {_json_problem(first_line(str(error)))}")
    lines.append(
        "Answer again with the whole JSON object, with these corrected; a value you cannot "
        "correct, leave out (null where the schema allows it)."
    )
    return "\n".join(lines)


def _json_problem(message: str) -> str:
    if "control character" in message:
        return (
            "a line break or tab inside a string; JSON strings cannot hold them: write the "
            "text on one line"
        )
    return f"not valid JSON ({message.removeprefix('Invalid JSON: ')}); answer with one JSON object"


def describe_parse_error(error: BaseException) -> str:
    """'events[0].event_type: Input should be ...' rather than '1 validation error for X'."""
    if isinstance(error, ValidationError) and error.errors():
        first = error.errors(include_url=False)[0]
        where = field_path(first.get("loc", ())) or "answer"
        return redact(first_line(f"{where}: {first.get('msg', 'invalid')}")[:300])
    prefix = "invalid JSON: " if isinstance(error, json.JSONDecodeError) else ""
    return redact(prefix + first_line(str(error))[:300])


def first_line(text: str) -> str:
    for line in text.strip().splitlines():
        if line.strip():
            return line.strip()
    return ""


__all__ = [
    "attempt_temperature",
    "describe_parse_error",
    "first_line",
    "previous_answers",
    "reask_prompt",
]
