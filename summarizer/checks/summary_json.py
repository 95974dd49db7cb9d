"""A summary given as loaded JSON, validated as an :class:`ArticleSummary`.

A stored summary (``summarizer verify``, the HTTP API, ``summarizer.verify`` with a dict)
is read here: an invalid one raises :class:`InputError` naming every bad field, one line
each ("events[0].event_type: Input should be ... (got 'flood')").
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from summarizer.errors import InputError
from summarizer.schema import ArticleSummary

__all__ = ["parse_summary", "validation_problems"]


def parse_summary(data: Any, source: str = "summary") -> ArticleSummary:
    """Validate loaded JSON as an :class:`ArticleSummary`, or raise an InputError.

    The message is one line; with more than one problem it counts them and ``details``
    lists every one ("events[0].event_type: Input should be ... (got 'flood')").
    """
    try:
        return ArticleSummary.model_validate(data)
    except ValidationError as exc:
        problems = validation_problems(exc)
        if len(problems) == 1:
            raise InputError(f"{source}: invalid summary: {problems[0]}") from None
        raise InputError(
            f"{source}: invalid summary, {len(problems)} problems:", details=problems
        ) from None


# The last part of a location that names a member of a union ("value.int",
# "value.float"), not a field: pydantic's type names, or a model's class name.
_UNION_MEMBER = {"int", "float", "str", "bool", "bytes", "none", "decimal"}


def _union_member(part: object) -> bool:
    return isinstance(part, str) and (part in _UNION_MEMBER or "[" in part or part[:1].isupper())


def validation_problems(exc: ValidationError) -> list[str]:
    """One line per problem: where (``events[0].figures[1].value``), what, and the value given.

    A value that fits no member of a union is one problem ("Input should be a valid
    integer or a valid number"), not one per member.
    """
    grouped: dict[tuple[int | str, ...], list[dict[str, Any]]] = {}
    for detail in exc.errors(include_url=False):
        key = tuple(detail.get("loc", ()))
        if key and _union_member(key[-1]):
            key = key[:-1]
        grouped.setdefault(key, []).append(dict(detail))
    problems = []
    for loc, errors in grouped.items():
        where = ""
        for part in loc:
            where += f"[{part}]" if isinstance(part, int) else (f".{part}" if where else str(part))
        messages = [str(error.get("msg", "invalid")) for error in errors]
        prefix = "Input should be "
        if len(messages) > 1 and all(m.startswith(prefix) for m in messages):
            message = prefix + " or ".join(m[len(prefix) :] for m in dict.fromkeys(messages))
        else:
            message = "; ".join(dict.fromkeys(messages))
        got = ""
        error = errors[0]
        if error.get("type") != "missing" and "input" in error:
            shown = repr(error["input"])
            simple = not isinstance(error["input"], (dict, list))
            if simple and len(shown) <= 40 and shown not in message:
                got = f" (got {shown})"
        problems.append(f"{where or '<root>'}: {message}{got}")
    return problems or ["invalid summary"]
