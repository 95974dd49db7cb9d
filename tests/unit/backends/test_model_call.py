"""The model call's own rules: article text reaches the model exactly as written."""

from __future__ import annotations

import re
import textwrap

import pytest
from hypothesis import given
from hypothesis import strategies as st
from instructor.v2.core.mode import Mode
from instructor.v2.core.templating import handle_templating

from summarizer.backends.call import jinja_literal

TRICKY = [
    "Casualties: {{ reask }} and {% if article %}leak{% endif %} {# comment #}",
    'JSON-ish {"a": {"b": 1}} and a lone { brace',
    "{% raw %}x{% endraw %} {{ '{' }} {%- set x = 1 -%}",
    "    indented first line\n    and second",
    "plain text, no braces",
    "{%}{%%}{{%{% endraw %}{%- endraw -%}{%raw%}",
]


def render(content: str) -> str:
    kwargs = {"messages": [{"role": "user", "content": content}]}
    rendered = handle_templating(
        kwargs, mode=Mode.JSON_SCHEMA, context={"reask": True, "article": "SECRET"}
    )
    return str(rendered["messages"][0]["content"])


@pytest.mark.parametrize("text", TRICKY)
def test_instructor_templating_returns_the_text_unchanged(text: str) -> None:
    content = render(jinja_literal(text))
    # instructor dedents after rendering; our prompts never start indented, the rest must be exact.
    assert content == text or (text.startswith(" ") and content.split() == text.split())
    assert "SECRET" not in content and "True" not in content


# Text built from the pieces Jinja's lexer reacts to: delimiters, raw/endraw, newlines.
JINJA_PIECES = [
    "{",
    "}",
    "%",
    "#",
    "-",
    "+",
    " ",
    "\r",
    "\n",
    "a",
    "{%",
    "%}",
    "{{",
    "endraw",
    "raw",
]


@given(st.lists(st.sampled_from(JINJA_PIECES)).map("".join))
def test_any_text_renders_as_jinja_would_render_it_escaped(text: str) -> None:
    """Jinja's own reading of a template (CRLF and CR become LF, one trailing newline
    dropped), then instructor's dedent: the request bodies the recordings hold."""
    lines = re.split(r"\r\n|\r|\n", text)
    if lines[-1] == "":
        lines.pop()
    assert render(jinja_literal(text)) == textwrap.dedent("\n".join(lines))


def _embedded_backend() -> object:
    from summarizer.backend_registry import EMBEDDED
    from summarizer.backends.backend import Backend
    from summarizer.config import Settings

    settings = Settings(deadline=600)
    return Backend(EMBEDDED, "SmolLM2-135M-Instruct.Q4_1", "http://127.0.0.1:33893/v1",
                   "llama_cpp_schema", settings)  # fmt: skip


def test_embedded_deadline_names_the_model_the_setting_and_progress_not_the_port() -> None:
    import httpx2 as httpx

    from summarizer.backends.failures import translate_error
    from summarizer.backends.tally import new_tally
    from summarizer.backends.transport import DeadlineExceeded
    from summarizer.errors import BackendUnavailable
    from summarizer.schema import Usage

    backend = _embedded_backend()
    tally = new_tally(backend)  # type: ignore[arg-type]
    tally.attempts, tally.usage = (
        2,
        Usage(prompt_tokens=1000, completion_tokens=301, total_tokens=1301),
    )
    request = httpx.Request("POST", "http://127.0.0.1:33893/v1/chat/completions")
    error = translate_error(DeadlineExceeded("late", request=request), backend, 2, tally)  # type: ignore[arg-type]
    assert isinstance(error, BackendUnavailable)
    message = str(error)
    assert message.startswith("gave up on the embedded model SmolLM2-135M-Instruct.Q4_1: ")
    assert "attempt 2/3, 1,301 tokens so far" in message
    assert "--deadline SECONDS" in message and "SUMMARIZER_DEADLINE" in message
    assert "33893" not in message, "an internal port is no hint"


def test_embedded_connection_failure_does_not_show_the_internal_port() -> None:
    import httpx2 as httpx
    import openai

    from summarizer.backends.failures import translate_error

    request = httpx.Request("POST", "http://127.0.0.1:33893/v1/chat/completions")
    try:
        try:
            raise httpx.ConnectError("refused", request=request)
        except httpx.ConnectError as inner:
            raise openai.APIConnectionError(request=request) from inner
    except openai.APIConnectionError as exc:
        message = str(translate_error(exc, _embedded_backend()))  # type: ignore[arg-type]
    assert message.startswith("cannot connect to the embedded model server")
    assert "33893" not in message
