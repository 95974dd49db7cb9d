"""The model call's own rules: article text reaches the model exactly as written."""

from __future__ import annotations

import pytest
from instructor.v2.core.mode import Mode
from instructor.v2.core.templating import handle_templating

from summarizer.model_call import jinja_literal

TRICKY = [
    "Casualties: {{ reask }} and {% if article %}leak{% endif %} {# comment #}",
    'JSON-ish {"a": {"b": 1}} and a lone { brace',
    "{% raw %}x{% endraw %} {{ '{' }} {%- set x = 1 -%}",
    "    indented first line\n    and second",
    "plain text, no braces",
]


@pytest.mark.parametrize("text", TRICKY)
def test_instructor_templating_returns_the_text_unchanged(text: str) -> None:
    kwargs = {"messages": [{"role": "user", "content": jinja_literal(text)}]}
    rendered = handle_templating(
        kwargs, mode=Mode.JSON_SCHEMA, context={"reask": True, "article": "SECRET"}
    )
    content = rendered["messages"][0]["content"]
    # instructor dedents after rendering; our prompts never start indented, the rest must be exact.
    assert content == text or (text.startswith(" ") and content.split() == text.split())
    assert "SECRET" not in content and "True" not in content
