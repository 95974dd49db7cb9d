"""Batches run by an engine of your own (vLLM's ``run_batch``): request file out, outputs in.

``summarizer batch export`` writes one request file with every article's first request and
keeps the run's state, settings included, beside it; ``summarizer batch import`` reads the
engine's output files back into that state, so the answers are verified exactly as the
Batch API's are (:mod:`summarizer.batch.api.answers`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from summarizer.batch.api.lines import Answer, request_line
from summarizer.batch.api.store import Article, BatchStore, Job
from summarizer.batch.api.transfer import store_answers
from summarizer.config import ServiceSettings, Settings, load_settings
from summarizer.errors import InputError

EXPORT_JOB = "export"  # the one job row of an export: its request file


def settings_json(settings: Settings) -> str:
    """The settings a state was made with, minus the key (never written anywhere)."""
    return settings.model_dump_json(exclude={"api_key"})


def stored_settings(state: Path, **overrides: Any) -> Settings:
    """The settings an export was made with (``state``: its state folder), plus ``overrides``."""
    path = state / "state.sqlite"
    if not path.is_file():
        raise InputError(
            f"{state}: no export state here; write the requests with `summarizer batch export`"
        )
    store = BatchStore(path)
    try:
        saved = store.get("settings")
    finally:
        store.close()
    if saved is None:
        raise InputError(f"{state}: the export state is incomplete; export again")
    # A state saved before the service's settings left Settings carries them: not ours.
    values = {
        key: value
        for key, value in json.loads(saved).items()
        if key not in ServiceSettings.model_fields
    }
    values.update({key: value for key, value in overrides.items() if value is not None})
    return load_settings(**values)  # the key comes from the environment or config file


def write_requests(
    store: BatchStore, requests: Path, body: Callable[[Article], dict[str, Any]]
) -> int:
    """Write every ingested article's first request to ``requests``; return the count."""
    with store.atomic():
        store.db.execute("DELETE FROM jobs WHERE name = ?", (EXPORT_JOB,))
        store.add_job(
            Job(EXPORT_JOB, 0, 0, 0, 0, str(requests), None, None, "exported", None, None, None, 1)
        )
    count = 0
    try:
        with requests.open("wb") as handle, store.atomic():
            for article in store.articles("state IN ('queued', 'submitted')"):
                handle.write(request_line(article.custom_id, body(article)))
                store.update(article.position, state="submitted", job=EXPORT_JOB, round=0)
                count += 1
    except OSError as exc:
        raise InputError(f"{requests}: cannot write ({exc.strerror or exc})") from None
    return count


def read_outputs(store: BatchStore, outputs: Iterable[Path]) -> None:
    """Store every output line's answer; a request with no line is answered as failed."""
    for path in outputs:
        try:
            with path.open(encoding="utf-8") as handle:
                store_answers(store, handle)
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{path}: cannot read ({exc})") from None
    missing = Answer(
        503, json.dumps({"error": {"message": "no output line for this request"}}).encode()
    )
    with store.atomic():
        for article in store.articles("state = 'submitted'"):
            store.store_answer(article.position, article.round, missing.status, missing.body)


__all__ = ["read_outputs", "settings_json", "stored_settings", "write_requests"]
