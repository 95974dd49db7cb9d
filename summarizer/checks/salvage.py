"""When the re-asks run out: keep what is valid of the model's last answer, field by field.

A small model's answer can be right in everything but one field: a date that does not
exist (2024-02-30), an event type outside the list, a text past its length limit. After
the re-asks, such an answer is not thrown away with the article. :func:`salvage` repairs
the one field the schema refuses, validates again, and repeats:

    a text longer than its limit        -> cut at its last whole word        (status cut)
    any other refused value             -> left out: its default applies,    (malformed)
                                           e.g. the date is left empty
    a required field left out           -> the list item holding it is dropped (malformed)
    an answer cut off before its end    -> what it finished is read; the text it was
      (the model's token limit)            writing is kept to its last whole word (cut);
                                           a number or word it was writing is dropped

Each repair is a claim of kind ``format`` in the verification report, saying what the
model wrote and why it was dropped; ``--strict`` fails on it like on any flagged claim.
What cannot be repaired (not JSON at all, a headline missing) still fails, with the
schema's error. Pure: no I/O.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import from_json

from summarizer.schema import ClaimCheck, control_repairs, field_path, lenient_json, with_repairs

# Each round repairs one field; an answer of 8 events with every field wrong needs ~100.
MAX_REPAIRS = 200

Loc = tuple[str | int, ...]


def salvage(raw_text: str, model: type[BaseModel], context: dict[str, Any]) -> BaseModel:
    """``raw_text`` validated as ``model``, with every field the schema refuses repaired.

    Raises the ValidationError of the answer when it is not JSON, or when what it lacks
    cannot be dropped (a top-level field such as the headline).
    """
    try:
        return model.model_validate_json(raw_text, context=context)
    except ValidationError as exc:
        first = exc
    try:
        data, repairs = lenient_json(raw_text)
    except ValueError:
        try:
            data, repairs = read_cut_answer(raw_text)
        except ValueError:
            raise first from None
    left_out: dict[Loc, ClaimCheck] = {}  # field we left out -> its claim in ``repairs``
    for _ in range(MAX_REPAIRS):
        try:
            return model.model_validate(data, context=with_repairs(context, repairs))
        except ValidationError as exc:
            error = exc.errors(include_url=False)[0]
            if not _repair(data, error, repairs, left_out):
                raise
    return model.model_validate(data, context=with_repairs(context, repairs))


# A number, or true/false/null, the answer was still writing when it stopped: "killed": 12
# may be the start of 120, so it is dropped rather than read.
_UNFINISHED_VALUE = re.compile(r"(?<=[:\[,])\s*[-+0-9.eEtrufalsn]+\s*$")


def read_cut_answer(raw_text: str) -> tuple[Any, list[ClaimCheck]]:
    """An answer that stops before its JSON ends, read as far as it is complete.

    Raw control characters inside strings are read as written (as :func:`lenient_json`
    does). The string the answer was writing when it stopped is kept up to its last whole
    word, with a ``cut`` claim; a number or literal it was writing is dropped (a cut "120"
    reads "12"). ValueError when even the start is not JSON.
    """
    text, in_string = _escape_controls(raw_text)
    if not in_string:
        text = _UNFINISHED_VALUE.sub("", text)
    data = from_json(text, allow_partial="trailing-strings" if in_string else True)
    if not isinstance(data, dict):
        raise ValueError("the answer is not a JSON object")
    repairs = control_repairs(data)
    loc = _last_leaf(data) if in_string else ()
    if loc and isinstance(last := _at(data, loc), str):
        kept = last[: last.rindex(" ")].rstrip() if " " in last.strip() else last
        _at(data, loc[:-1])[loc[-1]] = kept
        repairs.append(
            _claim(
                loc,
                last,
                "cut",
                "the answer stopped in the middle of this text; kept to its last whole word",
            )
        )
    repairs.append(
        ClaimCheck(
            path="answer",
            kind="format",
            text=raw_text[-60:],
            status="cut",
            reason=(
                "the answer stopped before its JSON ended (at max_tokens, the model's token "
                "limit, or cut in transit): what it finished is kept, the rest is missing"
            ),
        )
    )
    return data, repairs


def _escape_controls(raw: str) -> tuple[str, bool]:
    """``raw`` with control characters inside strings escaped, and whether it ends inside a
    string (an escape it was writing is dropped)."""
    out: list[str] = []
    in_string = escaped = False
    for char in raw:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            elif char < " ":
                out.append(f"\\u{ord(char):04x}")
                continue
        elif char == '"':
            in_string = True
        out.append(char)
    if escaped:
        out.pop()
    return "".join(out), in_string


def _last_leaf(data: Any) -> Loc:
    """Where the last value of ``data`` in document order sits (dicts keep their order)."""
    loc: list[str | int] = []
    node = data
    while isinstance(node, dict | list) and node:
        if isinstance(node, dict):
            key = next(reversed(node))
            loc.append(key)
            node = node[key]
        else:
            loc.append(len(node) - 1)
            node = node[-1]
    return tuple(loc)


def _repair(
    data: Any, error: Any, repairs: list[ClaimCheck], left_out: dict[Loc, ClaimCheck]
) -> bool:
    """Repair the field ``error`` names in ``data`` (in place); False if it cannot be."""
    if error["type"] == "missing":
        return _drop_item(data, tuple(error["loc"]), repairs, left_out)
    loc = _field_loc(data, tuple(error["loc"]))
    if not loc:
        return False
    container = _at(data, loc[:-1])
    key = loc[-1]
    value = container[key]
    if error["type"] == "string_too_long" and isinstance(value, str):
        limit = int(error["ctx"]["max_length"])
        container[key] = cut_at_word(value, limit)
        repairs.append(
            _claim(
                loc,
                value,
                "cut",
                f"{len(value)} characters, longer than its {limit}-character limit; cut at "
                "its last whole word",
            )
        )
        return True
    problem = problem_of(error)
    if isinstance(key, int):  # a list item that is wrong as a whole
        del container[key]
        repairs.append(_claim(loc, value, "malformed", f"{problem}; dropped"))
        return True
    del container[key]
    left_out[loc] = _claim(loc, value, "malformed", f"{problem}; left out (empty)")
    repairs[:] = [r for r in repairs if r.path != left_out[loc].path]  # e.g. cut, then refused
    repairs.append(left_out[loc])
    return True


def _drop_item(
    data: Any, loc: Loc, repairs: list[ClaimCheck], left_out: dict[Loc, ClaimCheck]
) -> bool:
    """A required field is missing: drop the nearest list item that holds it."""
    item = next((i for i in range(len(loc) - 1, -1, -1) if isinstance(loc[i], int)), None)
    if item is None:
        return False
    item_loc = loc[: item + 1]
    container = _at(data, item_loc[:-1])
    value = container[item_loc[-1]]
    del container[item_loc[-1]]
    why = f"{field_path(loc[item + 1 :])} is required but missing"
    if loc in left_out:  # we left it out a round ago: say why, once
        earlier = left_out.pop(loc)
        why = f"{field_path(loc[item + 1 :])} is required: {earlier.reason.split('; left out')[0]}"
    inside = field_path(item_loc)  # what was said of the item's fields goes with it
    repairs[:] = [r for r in repairs if not r.path.startswith((f"{inside}.", f"{inside}["))]
    repairs.append(_claim(item_loc, value, "malformed", f"{why}; the whole item was dropped"))
    return True


def _field_loc(data: Any, loc: Loc) -> Loc:
    """The longest start of ``loc`` that exists in ``data``: a union's error loc ends in
    member names (``value.int``) that are no keys of the answer."""
    node = data
    for depth, part in enumerate(loc):
        in_dict = isinstance(node, dict) and isinstance(part, str) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if not (in_dict or in_list):
            return loc[:depth]
        node = node[part]
    return loc


def _at(data: Any, loc: Loc) -> Any:
    node = data
    for part in loc:
        node = node[part]
    return node


def cut_at_word(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, at the end of a word when it has one."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if not text[limit].isspace() and " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip()


def problem_of(error: Any) -> str:
    """The schema's complaint in words: our validators' own message (which names the
    value), or pydantic's after the value it refused."""
    message = str(error.get("msg") or "invalid").strip()
    message = message.splitlines()[0] if message else "invalid"
    if error.get("type") == "value_error":
        return message.removeprefix("Value error, ")
    shown = error.get("input")
    shown = json.dumps(shown, ensure_ascii=False) if not isinstance(shown, str) else repr(shown)
    return f"{shown[:60]}: {message[0].lower()}{message[1:]}"


def _claim(loc: Loc, value: Any, status: Any, reason: str) -> ClaimCheck:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return ClaimCheck(
        path=field_path(loc),
        kind="format",
        text=text if len(text) <= 80 else text[:77] + "...",
        status=status,
        reason=reason,
    )


__all__ = [
    "cut_at_word",
    "problem_of",
    "read_cut_answer",
    "salvage",
]
