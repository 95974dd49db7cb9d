"""The files between a run and the provider: part files out, output and error files back.

Queued requests are written to part files of at most ``max_lines`` lines and ``max_bytes``
bytes (each becomes one job, :mod:`summarizer.batch.api.jobs`), uploaded with the files
API; a terminal job's output and error files are downloaded (retried: a file can lag a
moment behind its job) and streamed line by line into the state.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarizer.batch.api.lines import answer_of, request_line
from summarizer.batch.api.options import BatchApiOptions
from summarizer.batch.api.store import Article, BatchStore, Job, parse_custom_id
from summarizer.errors import BatchJobError, InputError

if TYPE_CHECKING:
    import openai

log = logging.getLogger("summarizer.batch.api")

DOWNLOAD_ATTEMPTS = 5
COMMIT_EVERY = 2000  # answers stored per transaction while reading an output file


def write_parts(
    store: BatchStore,
    directory: Path,
    options: BatchApiOptions,
    body: Callable[[Article], dict[str, Any]],
    refuse: Callable[[Article, BaseException], None],
) -> None:
    """Write every queued request to this round's part files, one ``written`` job each.

    ``body`` is an article's request body; ``refuse`` makes an article whose one line is
    over the byte limit final with that error.
    """
    if store.count("state = 'queued'") == 0:
        return
    directory.mkdir(parents=True, exist_ok=True)
    round_ = int(store.get("round") or "0")
    if store.jobs("round = ?", (round_,)):
        round_ += 1
    store.put("round", str(round_))
    part = -1
    handle: Any = None
    lines = size = 0
    first = last = -1  # the part's positions: every article queued between them is in it

    def close_part() -> None:
        nonlocal handle
        if handle is None:
            return
        handle.flush()
        handle.close()
        handle = None
        name = f"r{round_}-p{part}"
        with store.atomic():
            store.add_job(
                Job(
                    name,
                    round_,
                    part,
                    lines,
                    size,
                    str(directory / f"{name}.jsonl"),
                    None,
                    None,
                    "written",
                    None,
                    None,
                    None,
                    0,
                )
            )
            store.db.execute(  # one statement, not a list of members in memory
                "UPDATE articles SET state = 'submitted', job = ?, round = ?"
                " WHERE state = 'queued' AND position BETWEEN ? AND ?",
                (name, round_, first, last),
            )

    for article in store.articles("state = 'queued'"):
        article.round = round_
        line = request_line(article.custom_id, body(article))
        if len(line) > options.max_bytes:
            refuse(
                article,
                InputError(
                    f"request is {len(line):,} bytes, over the {options.max_bytes:,}-byte file limit"
                ),
            )
            continue
        if handle is None or lines + 1 > options.max_lines or size + len(line) > options.max_bytes:
            close_part()
            part += 1
            lines = size = 0
            first = article.position
            handle = (directory / f"r{round_}-p{part}.jsonl").open("wb")
        handle.write(line)
        lines += 1
        size += len(line)
        last = article.position
    close_part()


def upload(client: openai.OpenAI, path: str) -> str:
    """Upload a part file for a batch; its file id."""
    with open(path, "rb") as handle:
        uploaded = client.files.create(file=(Path(path).name, handle), purpose="batch")
    return uploaded.id


def download(
    client: openai.OpenAI,
    file_id: str,
    store: BatchStore,
    options: BatchApiOptions,
    sleep: Callable[[float], None],
) -> None:
    """Stream a job's output or error file into the state, asking again while it lags."""
    import openai

    for attempt in range(1, DOWNLOAD_ATTEMPTS + 1):
        try:
            with client.files.with_streaming_response.content(file_id) as response:
                store_answers(store, response.iter_lines())
            return
        except (
            openai.PermissionDeniedError,
            openai.NotFoundError,
            openai.InternalServerError,
        ) as exc:
            # A file can lag a moment behind its job's "completed": wait and ask again.
            if attempt == DOWNLOAD_ATTEMPTS:
                raise BatchJobError(
                    f"cannot download batch file {file_id} (HTTP {exc.status_code}); "
                    "re-run the same command to try again"
                ) from None
            sleep(min(options.poll_initial * attempt, options.poll_max))


def store_answers(store: BatchStore, lines: Iterable[str]) -> None:
    """Store each output line's answer on its article (a line for no article is skipped)."""
    pending = 0
    store.db.execute("BEGIN IMMEDIATE")
    try:
        for raw in lines:
            if not raw.strip():
                continue
            try:
                line = json.loads(raw)
                where = parse_custom_id(line["custom_id"])
            except (ValueError, KeyError, TypeError):
                log.warning("skipping an unreadable line of a batch output file")
                continue
            if where is None:
                continue
            answer = answer_of(line)
            store.store_answer(where[0], where[1], answer.status, answer.body)
            pending += 1
            if pending % COMMIT_EVERY == 0:
                store.db.execute("COMMIT")
                store.db.execute("BEGIN IMMEDIATE")
    except BaseException:
        store.db.execute("ROLLBACK")
        raise
    store.db.execute("COMMIT")


__all__ = ["DOWNLOAD_ATTEMPTS", "download", "store_answers", "upload", "write_parts"]
