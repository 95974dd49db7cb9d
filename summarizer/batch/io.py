"""Batch input and output files, for the library and every batch command.

INPUT is a folder of ``.txt`` files, a glob (``'news/**/*.txt'``), or a JSONL file with one
``{"id": ..., "text": ...}`` object per line (:func:`load_inputs`). Results go to an
append-only JSONL file (:class:`ResultsFile`): one whole line per article, flushed and
fsynced as it is written, so a crash loses nothing that was done and a re-run resumes
(:func:`plan_resume` says what is left to do).
"""

from __future__ import annotations

import codecs
import functools
import glob
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarizer.errors import InputError, SummarizerError
from summarizer.files import write_atomic
from summarizer.text.reading import read_article, refuse_url

JSONL_SUFFIXES = (".jsonl", ".ndjson")


@dataclass(frozen=True, slots=True)
class BatchItem:
    """One article to summarize. ``load`` reads the text lazily; ``error`` is a known input problem."""

    id: Any
    text: str | None = None
    load: Callable[[], str] | None = None
    source: str | None = None
    error: SummarizerError | None = None

    def read(self) -> str:
        """The article text, loaded now if lazy; raises the input problem if there is one."""
        if self.error is not None:
            raise self.error
        if self.text is not None:
            return self.text
        return self.load() if self.load is not None else ""


def duplicate_ids(ids: Iterable[Any]) -> list[Any]:
    """Ids that occur more than once (compared as strings), in first-seen order."""
    seen: set[str] = set()
    dupes: dict[str, Any] = {}
    for value in ids:
        key = str(value)
        if key in seen:
            dupes.setdefault(key, value)
        seen.add(key)
    return list(dupes.values())


# ---------------------------------------------------------------------------
# Input: a folder, a glob, or a JSONL file.
# ---------------------------------------------------------------------------


def load_inputs(spec: str) -> list[BatchItem]:
    """The articles INPUT names, ids checked unique. Texts of files are read lazily."""
    refuse_url(spec, "the articles")
    path = Path(spec).expanduser()
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".txt")
        if not files:
            raise InputError(f"{path}: no .txt files in this folder")
        items = [_file_item(p.stem, p) for p in files]
    elif path.is_file() and path.suffix.lower() in JSONL_SUFFIXES:
        items = read_jsonl(path)
    elif path.is_file():
        items = [_file_item(path.stem, path)]
    elif glob.has_magic(spec):
        files = sorted(
            Path(p)
            for p in glob.glob(os.path.expanduser(spec), recursive=True)
            if Path(p).is_file()
        )
        if not files:
            raise InputError(f"{spec}: the pattern matches no files")
        root = Path(os.path.commonpath([str(p.parent.resolve()) for p in files]))
        items = [
            _file_item(p.resolve().relative_to(root).with_suffix("").as_posix(), p) for p in files
        ]
    else:
        raise InputError(f"{spec}: no such file, folder or matching pattern")
    if not items:
        raise InputError(f"{spec}: no articles")
    dupes = duplicate_ids(item.id for item in items)
    if dupes:
        shown = ", ".join(repr(d) for d in dupes[:5])
        raise InputError(
            f"{spec}: duplicate id{'s' if len(dupes) > 1 else ''} {shown}: ids must be unique"
        )
    return items


def _file_item(item_id: str, path: Path) -> BatchItem:
    return BatchItem(id=item_id, load=lambda: read_article(path).text, source=str(path))


def read_jsonl(path: Path) -> list[BatchItem]:
    """``{"id": ..., "text": ...}`` per line; a bad line is an error naming its number.

    Every line is checked now, but only its id and byte range are kept; the text is read
    again when the article's turn comes, so a million-line file costs little memory.
    """
    first_line: dict[str, int] = {}
    items: list[BatchItem] = []
    for number, item in iter_jsonl(path):
        key = str(item.id)
        if key in first_line:
            raise InputError(
                f"{path}: line {number}: id {item.id!r} already used on line {first_line[key]}"
            )
        first_line[key] = number
        items.append(item)
    return items


def iter_jsonl(path: Path) -> Iterator[tuple[int, BatchItem]]:
    """(line number, item) for every article of a JSONL file, read one line at a time.

    Nothing is kept per line: ids are NOT checked unique here (callers that stream, like
    the Batch API's state file, check them on disk; :func:`read_jsonl` checks them in memory).
    A bad line raises :class:`InputError` when the iteration reaches it.
    """
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    found = False
    with handle:
        offset = 0
        for number, raw in enumerate(handle, start=1):
            start, size = offset, len(raw)
            offset += size
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw, start, size = raw[3:], start + 3, size - 3
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{path}: not UTF-8 text ({exc.reason} at byte {start + exc.start})"
                ) from None
            if not line.strip():
                continue
            item_id = _check_line(line, f"{path}: line {number}")
            found = True
            yield (
                number,
                BatchItem(
                    id=item_id,
                    load=functools.partial(_read_text_at, path, start, size, number),
                    source=f"{path.name}:{number}",
                ),
            )
    if not found:
        raise InputError(f"{path}: no articles (empty JSONL file)")


def iter_inputs(spec: str) -> Iterable[BatchItem]:
    """The articles INPUT names, for a caller that checks ids unique itself (on disk).

    A JSONL file is streamed (a bad line raises when reached); a folder or glob is listed
    and sorted first, as :func:`load_inputs` does. Whether INPUT exists is checked now.
    """
    refuse_url(spec, "the articles")
    path = Path(spec).expanduser()
    if path.is_file() and path.suffix.lower() in JSONL_SUFFIXES:
        if not os.access(path, os.R_OK):
            raise InputError(f"{path}: cannot read (permission denied)")
        return (item for _, item in iter_jsonl(path))
    return load_inputs(spec)


def _check_line(line: str, where: str) -> Any:
    try:
        obj = json.loads(line)
    except ValueError as exc:
        raise InputError(f"{where}: not valid JSON ({getattr(exc, 'msg', exc)})") from None
    if not isinstance(obj, dict):
        raise InputError(f'{where}: expected an object like {{"id": "a1", "text": "..."}}')
    item_id = obj.get("id")
    if isinstance(item_id, bool) or not isinstance(item_id, (str, int)) or item_id == "":
        raise InputError(f'{where}: needs an "id" (a non-empty string or an integer)')
    if not isinstance(obj.get("text"), str):
        raise InputError(f'{where}: needs a "text" string')
    return item_id


def _read_text_at(path: Path, start: int, size: int, number: int) -> str:
    """The "text" of the JSONL line at ``start`` (checked when the file was first read)."""
    try:
        with path.open("rb") as handle:
            handle.seek(start)
            obj = json.loads(handle.read(size).decode("utf-8"))
        return str(obj["text"])
    except (OSError, ValueError, KeyError, TypeError):
        raise InputError(f"{path}: line {number}: the file changed while the batch ran") from None


# ---------------------------------------------------------------------------
# Output: append-only JSONL, resumable.
# ---------------------------------------------------------------------------


@dataclass
class ResultsFile:
    """The --out file: what is already done, and durable appends."""

    path: Path
    status: dict[str, bool] = field(default_factory=dict)  # str(id) -> ok (last record wins)
    notes: list[str] = field(default_factory=list)
    _handle: Any = None

    @classmethod
    def open(cls, path: Path, *, overwrite: bool = False) -> ResultsFile:
        if path.is_dir():
            raise InputError(f"{path}: is a folder, expected a .jsonl file for --out")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if overwrite and path.exists():
                path.unlink()
        except OSError as exc:
            raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from None
        results = cls(path)
        if path.exists():
            results._load()
        return results

    def _load(self) -> None:
        try:
            data = self.path.read_bytes()
        except OSError as exc:
            raise InputError(f"{self.path}: cannot read ({exc.strerror or exc})") from None
        lines = data.split(b"\n")
        # After the last "\n" there is b"" (a clean file) or the torn tail of a crashed write.
        good_bytes = 0
        last_content = max((n for n, raw in enumerate(lines, start=1) if raw.strip()), default=0)
        for number, raw in enumerate(lines, start=1):
            is_last = number == len(lines)
            if not raw.strip():
                good_bytes += len(raw) + (0 if is_last else 1)
                continue
            record = _parse_record(raw)
            if record is None:
                if (
                    number == last_content
                ):  # a truncated last line from a crash: drop it, it will be redone
                    self._truncate(good_bytes)
                    self.notes.append(
                        f"{self.path}: dropped an incomplete last line (line {number}) left by an interrupted run"
                    )
                    return
                raise InputError(
                    f"{self.path}: line {number} is not a result line; fix or delete it, "
                    "or pass --overwrite to start over"
                )
            self.status[str(record["id"])] = not record.get("error")
            good_bytes += len(raw) + (0 if is_last else 1)
            if is_last:  # complete JSON but no newline: finish the line
                with self.path.open("ab") as handle:
                    handle.write(b"\n")
                    handle.flush()
                    os.fsync(handle.fileno())

    def _truncate(self, size: int) -> None:
        with self.path.open("r+b") as handle:
            handle.truncate(size)
            handle.flush()
            os.fsync(handle.fileno())

    def done(self) -> set[str]:
        return {key for key, ok in self.status.items() if ok}

    def failed(self) -> set[str]:
        return {key for key, ok in self.status.items() if not ok}

    def drop(self, keys: set[str]) -> None:
        """Rewrite the file without the records of ``keys`` (atomically: temp file + rename)."""
        if not keys or not self.path.exists():
            return
        kept = []
        for raw in self.path.read_bytes().split(b"\n"):
            record = _parse_record(raw) if raw.strip() else None
            if record is not None and str(record["id"]) not in keys:
                kept.append(raw + b"\n")
        write_atomic(self.path, b"".join(kept), fsync=True)
        for key in keys:
            self.status.pop(key, None)

    def append(self, record: dict[str, Any], *, sync: bool = True, remember: bool = True) -> None:
        """One whole line, flushed and fsynced before the next article is recorded.

        ``sync=False`` leaves the fsync to :meth:`sync`, for writers that can redo lost lines
        (the Batch API keeps every result in its state until written). ``remember=False``
        keeps the id out of :attr:`status`, for writers that track what they wrote on disk
        (memory then stays flat in the number of articles written).
        """
        if self._handle is None:
            try:
                self._handle = self.path.open("a", encoding="utf-8", newline="\n")
            except OSError as exc:
                raise InputError(f"{self.path}: cannot write ({exc.strerror or exc})") from None
        self._handle.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
        if remember:
            self.status[str(record["id"])] = "error" not in record
        if sync:
            self.sync()

    def sync(self) -> None:
        """Flush and fsync what was appended."""
        if self._handle is not None:
            self._handle.flush()
            os.fsync(self._handle.fileno())

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None


def _parse_record(raw: bytes) -> dict[str, Any] | None:
    try:
        record = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(record, dict) or "id" not in record:
        return None
    return record


@dataclass(frozen=True)
class ResumePlan:
    """What a (re-)run over ``items`` has left to do, given the results file."""

    todo: list[BatchItem]
    done: set[str]
    failed_before: set[str]
    retrying: bool

    @property
    def skipped(self) -> int:
        return len(self.done) + (0 if self.retrying else len(self.failed_before))


def plan_resume(
    items: Iterable[BatchItem], results: ResultsFile, *, retry_failed: bool = False
) -> ResumePlan:
    """Skip every id already done in ``results``; errors too unless ``retry_failed``.

    With ``retry_failed`` the old error lines are dropped from the file (atomically) so the
    redone articles appear exactly once.
    """
    items = list(items)
    wanted = {str(item.id) for item in items}
    done = results.done() & wanted
    failed_before = results.failed() & wanted
    if retry_failed and failed_before:
        results.drop(failed_before)
    skip = done | (set() if retry_failed else failed_before)
    todo = [item for item in items if str(item.id) not in skip]
    return ResumePlan(todo, done, failed_before, retry_failed)


__all__ = [
    "JSONL_SUFFIXES",
    "BatchItem",
    "ResultsFile",
    "ResumePlan",
    "duplicate_ids",
    "iter_inputs",
    "iter_jsonl",
    "load_inputs",
    "plan_resume",
    "read_jsonl",
]
