"""One vocabulary module: every closed word list of the schema and the extractor comes from it."""

from __future__ import annotations

from typing import Any, get_args

from summarizer import numbers, schema, vocabulary
from summarizer.checks import figures, reask
from summarizer.schema import ArticleSummary, SummaryDraft
from tests.support.paths import ROOT


def _enums(node: Any) -> list[tuple[str, ...]]:
    """Every ``enum`` list anywhere in a JSON schema (``const`` counts as a one-word enum)."""
    found: list[tuple[str, ...]] = []
    if isinstance(node, dict):
        if "enum" in node:
            found.append(tuple(node["enum"]))
        if "const" in node:
            found.append((node["const"],))
        for value in node.values():
            found += _enums(value)
    elif isinstance(node, list):
        for value in node:
            found += _enums(value)
    return found


VOCABULARIES = {
    vocabulary.QUALIFIERS,
    vocabulary.MENTION_QUALIFIERS,
    vocabulary.ROLES,
    vocabulary.EVENT_TYPES,
    vocabulary.ACTOR_ROLES,
}


def test_every_enum_of_the_model_facing_schema_is_a_vocabulary() -> None:
    enums = _enums(SummaryDraft.model_json_schema())
    assert enums, "the response schema has closed vocabularies"
    for enum in enums:
        assert enum in VOCABULARIES, f"enum {enum} is not defined in summarizer.vocabulary"
    assert {vocabulary.QUALIFIERS, vocabulary.ROLES, vocabulary.EVENT_TYPES} <= set(enums)


def test_mention_refs_in_reports_use_the_vocabulary() -> None:
    enums = set(_enums(ArticleSummary.model_json_schema()))
    assert vocabulary.MENTION_QUALIFIERS in enums and vocabulary.ROLES in enums


def test_groups_are_named_sets_not_slices() -> None:
    assert {
        "killed",
        "injured",
        "missing",
        "displaced",
        "arrested",
        "launched",
        "intercepted",
        "damaged",
    } == vocabulary.EVENT_ROLES
    assert set(vocabulary.CASUALTY_ROLES) <= vocabulary.EVENT_ROLES
    assert set(vocabulary.ROLES) == vocabulary.COUNT_ROLES | vocabulary.FORM_ROLES
    assert not vocabulary.COUNT_ROLES & vocabulary.FORM_ROLES
    assert set(vocabulary.EVENT_TYPE_CUES) == set(vocabulary.EVENT_TYPES)


def test_other_modules_reuse_the_same_objects() -> None:
    """No module keeps a private copy that could drift."""
    assert schema.ROLES is vocabulary.ROLES and schema.QUALIFIERS is vocabulary.QUALIFIERS
    assert schema.EVENT_TYPES is vocabulary.EVENT_TYPES
    assert figures.COUNT_ROLES is vocabulary.COUNT_ROLES
    assert figures.GAP_ROLES is vocabulary.GAP_ROLES
    assert reask.COVERAGE_ROLES is vocabulary.COVERAGE_ROLES
    hints = numbers.NumberMention.__annotations__
    assert hints["role"] in ("Role", vocabulary.Role) and hints["qualifier"] in (
        "MentionQualifier",
        vocabulary.MentionQualifier,
    )
    assert get_args(vocabulary.MentionQualifier)[:-1] == vocabulary.QUALIFIERS


def _vocabulary_doc() -> Any:
    """tools/vocabulary_doc.py, imported from its file (tools/ is not a package)."""
    import importlib.util

    path = ROOT / "tools" / "vocabulary_doc.py"
    spec = importlib.util.spec_from_file_location("vocabulary_doc", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_vocabulary_page_is_the_code() -> None:
    """docs/vocabulary.md lists every word of every vocabulary, with its meaning, as generated."""
    doc = _vocabulary_doc()
    page = doc.PAGE.read_text(encoding="utf-8")
    assert page == doc.render(), "docs/vocabulary.md is stale: run python tools/vocabulary_doc.py"
    for words, meanings in (
        (vocabulary.EVENT_TYPES, vocabulary.EVENT_TYPE_MEANINGS),
        (vocabulary.ROLES, vocabulary.ROLE_MEANINGS),
        (vocabulary.MENTION_QUALIFIERS, vocabulary.QUALIFIER_MEANINGS),
        (vocabulary.ACTOR_ROLES, vocabulary.ACTOR_ROLE_MEANINGS),
    ):
        assert tuple(meanings) == words, "one meaning per word, in the vocabulary's order"
        for word in words:
            assert f"| `{word}` | {meanings[word]} |" in page


def test_the_readme_and_the_schema_page_link_the_vocabulary_page() -> None:
    root = ROOT
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "(docs/vocabulary.md)" in readme
    schema_page = (root / "docs" / "schema.md").read_text(encoding="utf-8")
    assert "(vocabulary.md)" in schema_page
