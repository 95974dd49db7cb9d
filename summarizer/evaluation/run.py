"""Prompt regression: every seed through the pipeline, per prompt, scored against its gold.

A *seed* is ``seeds/<id>.txt`` with a ``seeds/<id>.gold.json`` beside it. For each
prompt and seed, :func:`run_eval` summarizes the article and scores the result with
:func:`summarizer.evaluation.scoring.score_summary`.

Two modes, with identical request bodies (see :mod:`summarizer.evaluation.cassettes`):

* **replay** (default): offline and deterministic. The ``llama-cpp`` backend points at
  :data:`~summarizer.evaluation.cassettes.REPLAY_BASE_URL` (never contacted) and every request is
  served from ``cassettes/<prompt-id>/<seed-id>.yaml`` (record mode ``none``).
* **record**: one embedded llama.cpp server (the default SmolLM2 GGUF) answers live,
  and each cassette is re-recorded from scratch (record mode ``all`` into a temporary
  file that replaces the old cassette only when the run measured something).

The settings are pinned (:func:`eval_settings`): defaults only, no config file or
environment, so a user's ``max_tokens`` cannot change the bodies and miss every cassette.

Each result is one of

* ``scored``: a summary came back and was scored;
* ``failed``: the model never produced a valid summary (a measured failure, scored as
  an empty prediction: it costs the prompt its recall);
* ``unmeasured``: nothing could be measured (no cassette, a cassette miss because the
  prompt or request changed, the backend unreachable or rejecting us).

:func:`exit_code` turns a report into 0 (pass), 1 (a measured regression against a
baseline, or a prompt's mean ``overall`` under ``min_score``) or 2 (something could
not be measured, which wins: a partial run proves nothing).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError

from summarizer.backend_registry import LLAMA_CPP
from summarizer.config import Settings
from summarizer.errors import ConfigError, InputError, ModelOutputError, SummarizerError
from summarizer.evaluation.cassettes import (
    CASSETTES_DIR,
    EMBEDDED_MODEL,
    REPLAY_BASE_URL,
    RERECORD_COMMAND,
    cassette_path,
    make_vcr,
)
from summarizer.evaluation.comparison import FieldChange, compare_reports, field_means
from summarizer.evaluation.gold import load_gold
from summarizer.evaluation.lock import read_lock
from summarizer.evaluation.scoring import FIELDS, SeedScore, score_summary
from summarizer.pipeline.plan import hash_model_for
from summarizer.pipeline.summarizer import Summarizer
from summarizer.prompting.templates import available_prompts, load_prompt, prompts_dir
from summarizer.schema import SummaryDraft

SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"
REPORT_FORMAT = 1
# Recording on a small CPU: one answer can take minutes; give it room (not in the body).
RECORD_TIMEOUT_S = 900.0
RECORD_DEADLINE_S = 3600.0

Mode = Literal["replay", "record"]
Status = Literal["scored", "failed", "unmeasured"]
Progress = Callable[[str], None]


# ---------------------------------------------------------------------------
# Seeds.
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Seed:
    id: str
    path: Path
    text: str
    gold: dict[str, Any]


def discover_seeds(directory: Path | None = None, only: Sequence[str] = ()) -> list[Seed]:
    """Every ``<id>.txt`` with a ``<id>.gold.json`` beside it, sorted by id."""
    folder = directory or SEEDS_DIR
    if not folder.is_dir():
        raise InputError(f"{folder}: seeds folder not found")
    seeds = []
    for text_path in sorted(folder.glob("*.txt")):
        gold_path = text_path.with_name(f"{text_path.stem}.gold.json")
        if not gold_path.is_file():
            continue
        try:
            text = text_path.read_text(encoding="utf-8")
            gold = load_gold(gold_path)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise InputError(f"{text_path.stem}: cannot read seed ({exc})") from None
        seeds.append(Seed(text_path.stem, text_path, text, gold))
    if only:
        known = {seed.id for seed in seeds}
        unknown = [s for s in only if s not in known]
        if unknown:
            raise InputError(
                f"unknown seed(s) {', '.join(unknown)} in {folder} "
                f"(available: {', '.join(sorted(known)) or 'none'})"
            )
        seeds = [seed for seed in seeds if seed.id in only]
    if not seeds:
        raise InputError(f"{folder}: no seeds (need <id>.txt with <id>.gold.json)")
    return seeds


def default_prompt_ids(directory: Path | None = None) -> list[str]:
    """The prompts in ``prompts.lock``; without a lock, every prompt file."""
    lock = read_lock(directory)
    if lock:
        return sorted(lock)
    return [prompt.id for prompt in available_prompts(directory)]


# ---------------------------------------------------------------------------
# The report.
# ---------------------------------------------------------------------------


class SeedResult(BaseModel):
    """One prompt x seed: its score, or why there is none."""

    prompt_id: str
    seed_id: str
    status: Status
    score: SeedScore | None = None
    error: str | None = None
    error_type: str | None = None
    requests: int = 0
    # Tokens over every request of this seed (first ask and re-asks), and model seconds
    # (live when recording; when replaying, the replay's own time).
    prompt_tokens: int = 0
    completion_tokens: int = 0
    elapsed_s: float = 0.0
    model_s: float = 0.0
    cassette: str = ""


class PromptRun(BaseModel):
    prompt_id: str
    version: str
    hash: str
    results: list[SeedResult] = Field(default_factory=list)
    means: dict[str, float | None] = Field(default_factory=dict)

    def seed_scores(self) -> dict[str, SeedScore]:
        """Seed id -> score, for measured seeds (what :func:`compare_reports` takes)."""
        return {r.seed_id: r.score for r in self.results if r.score is not None}

    @property
    def unmeasured(self) -> list[SeedResult]:
        return [r for r in self.results if r.status == "unmeasured"]


class EvalReport(BaseModel):
    format: int = REPORT_FORMAT
    created_at: dt.datetime
    mode: Mode
    model: str
    seeds: list[str]
    prompts: list[PromptRun]
    elapsed_s: float = 0.0

    def prompt(self, prompt_id: str) -> PromptRun | None:
        return next((run for run in self.prompts if run.prompt_id == prompt_id), None)

    @property
    def results(self) -> list[SeedResult]:
        return [result for run in self.prompts for result in run.results]

    @property
    def complete(self) -> bool:
        """Every prompt x seed was measured (scored or a measured failure)."""
        return all(result.status != "unmeasured" for result in self.results)

    def to_json(self) -> str:
        return self.model_dump_json(indent=2) + "\n"

    def save(self, path: Path) -> None:
        """Write the report atomically."""
        directory = path.parent if str(path.parent) else Path(".")
        tmp = directory / f".{path.name}.tmp"
        try:
            tmp.write_text(self.to_json(), encoding="utf-8")
            os.replace(tmp, path)
        except OSError as exc:
            raise InputError(f"{path}: cannot write report ({exc.strerror or exc})") from None

    @classmethod
    def load(cls, path: Path) -> EvalReport:
        try:
            return cls.model_validate_json(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise InputError(f"{path}: cannot read report ({exc.strerror or exc})") from None
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "report"
            raise InputError(
                f"{path}: not a summarizer eval report ({where}: {first['msg']})"
            ) from None


# ---------------------------------------------------------------------------
# Running.
# ---------------------------------------------------------------------------


def eval_settings(
    prompt_id: str,
    base_url: str,
    model: str,
    *,
    prompts_dir: Path | None = None,
    record: bool = False,
) -> Settings:
    """Pinned settings: the same request bodies whenever and wherever the eval runs."""
    extra: dict[str, Any] = (
        {"timeout": RECORD_TIMEOUT_S, "deadline": RECORD_DEADLINE_S} if record else {}
    )
    return Settings(
        backend=LLAMA_CPP.name,
        base_url=base_url,
        model=model,
        prompt=prompt_id,
        prompts_dir=prompts_dir,
        **extra,
    )


def run_eval(
    prompt_ids: Sequence[str] | None = None,
    *,
    record: bool = False,
    seeds_dir: Path | None = None,
    seed_ids: Sequence[str] = (),
    prompts_dir: Path | None = None,
    cassettes_dir: Path | None = None,
    progress: Progress | None = None,
) -> EvalReport:
    """Run every prompt over every seed (replaying cassettes, or recording them live)."""
    started = time.monotonic()
    ids = list(dict.fromkeys(prompt_ids or default_prompt_ids(prompts_dir)))
    if not ids:
        raise ConfigError(f"no prompts in {prompts_dir_label(prompts_dir)}")
    templates = [load_prompt(pid, prompts_dir) for pid in ids]  # unknown ids fail before any work
    root = cassettes_dir or CASSETTES_DIR
    check_checkout(seeds_dir, cassettes_dir, record=record)
    seeds = discover_seeds(seeds_dir, seed_ids)
    say = progress or (lambda _message: None)

    runs = [
        PromptRun(prompt_id=t.id, version=t.version, hash=t.content_hash(hash_model_for(t)))
        for t in templates
    ]
    total = len(runs) * len(seeds)
    with _model_endpoint(record) as (base_url, model):
        done = 0
        for run in runs:
            settings = eval_settings(
                run.prompt_id, base_url, model, prompts_dir=prompts_dir, record=record
            )
            with Summarizer(settings=settings) as summarizer:
                for seed in seeds:
                    done += 1
                    path = cassette_path(run.prompt_id, seed.id, root)
                    if record:
                        say(f"[{done}/{total}] recording {run.prompt_id} / {seed.id} ...")
                        result = _record_one(summarizer, run.prompt_id, seed, path)
                    else:
                        result = _replay_one(summarizer, run.prompt_id, seed, path)
                    run.results.append(result)
                    say(f"[{done}/{total}] {describe_result(result)}")
            run.means = field_means(run.seed_scores().values())
    return EvalReport(
        created_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
        mode="record" if record else "replay",
        model=model,
        seeds=[seed.id for seed in seeds],
        prompts=runs,
        elapsed_s=round(time.monotonic() - started, 3),
    )


def check_checkout(seeds_dir: Path | None, cassettes_dir: Path | None, *, record: bool) -> None:
    """Say what is missing, in one line, when eval runs without a source checkout.

    The seeds, their gold and the cassettes are data of the repository, not part of the
    installed package: an installed ``summarizer eval`` needs them pointed at. (Folders
    given explicitly are checked where they are used, per seed.)
    """
    missing = []
    if seeds_dir is None and not SEEDS_DIR.is_dir():
        missing.append(
            f"the seed articles with their gold events ({_display(SEEDS_DIR)}/<id>.txt and "
            "<id>.gold.json; --seeds-dir)"
        )
    if cassettes_dir is None and not record and not CASSETTES_DIR.is_dir():
        missing.append(
            f"the recorded cassettes to replay ({_display(CASSETTES_DIR)}/<prompt-id>/<seed-id>.yaml; "
            "--cassettes-dir, or --record to record them with the embedded model)"
        )
    if missing:
        raise InputError(
            "summarizer eval needs "
            + " and ".join(missing)
            + ": they come with a clone of the repository, not with the installed package"
        )


@contextlib.contextmanager
def _model_endpoint(record: bool) -> Iterator[tuple[str, str]]:
    """(base_url, model): the replay stand-in, or one live embedded server for the whole run."""
    if not record:
        yield REPLAY_BASE_URL, EMBEDDED_MODEL
        return
    from summarizer.backends.embedded import EmbeddedServer

    with _sigterm_exits(), EmbeddedServer() as server:
        yield server.base_url, server.model_name


@contextlib.contextmanager
def _sigterm_exits() -> Iterator[None]:
    """SIGTERM unwinds like Ctrl-C, so the embedded server is stopped, not orphaned."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _replay_one(summarizer: Summarizer, prompt_id: str, seed: Seed, path: Path) -> SeedResult:
    if not path.is_file():
        return SeedResult(
            prompt_id=prompt_id,
            seed_id=seed.id,
            status="unmeasured",
            error=f"no cassette {_display(path)} for prompt {prompt_id!r}, seed {seed.id!r}; "
            f"record it with: {RERECORD_COMMAND}",
            error_type="CassetteMiss",
            cassette=_display(path),
        )
    return _summarize_and_score(summarizer, prompt_id, seed, path, make_vcr("none"), path)


def _record_one(summarizer: Summarizer, prompt_id: str, seed: Seed, path: Path) -> SeedResult:
    # vcrpy's "all" mode keeps loaded interactions it did not re-record; record into a
    # fresh file and let it replace the cassette only if this run measured something.
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.recording.yaml")
    tmp.unlink(missing_ok=True)
    result = _summarize_and_score(summarizer, prompt_id, seed, tmp, make_vcr("all"), path)
    if result.status != "unmeasured" and tmp.is_file():
        os.replace(tmp, path)
    else:
        tmp.unlink(missing_ok=True)
    return result


def _summarize_and_score(
    summarizer: Summarizer, prompt_id: str, seed: Seed, use_path: Path, recorder: Any, path: Path
) -> SeedResult:
    started = time.monotonic()
    base = {"prompt_id": prompt_id, "seed_id": seed.id, "cassette": _display(path)}
    cassette = None
    try:
        with recorder.use_cassette(str(use_path)) as cassette:
            summary = summarizer.summarize(seed.text)
    except ModelOutputError as exc:
        return SeedResult(
            **base,
            status="failed",
            score=score_summary(_empty_prediction(), seed.gold),
            error=_one_line(str(exc)),
            error_type=type(exc).__name__,
            requests=_requests(cassette),
            # A failed answer's tokens were spent too: read them from the recorded responses.
            **_cassette_usage(cassette),
            elapsed_s=round(time.monotonic() - started, 3),
        )
    except SummarizerError as exc:  # CassetteMiss, BackendUnavailable, BackendRejected, ...
        return SeedResult(
            **base,
            status="unmeasured",
            error=_one_line(str(exc)),
            error_type=type(exc).__name__,
            requests=_requests(cassette),
            elapsed_s=round(time.monotonic() - started, 3),
        )
    meta = summary.meta
    return SeedResult(
        **base,
        status="scored",
        score=score_summary(summary, seed.gold),
        requests=meta.attempts if meta else _requests(cassette),
        prompt_tokens=meta.usage.prompt_tokens if meta else 0,
        completion_tokens=meta.usage.completion_tokens if meta else 0,
        elapsed_s=round(time.monotonic() - started, 3),
        model_s=round(meta.timings.model_s, 3) if meta else 0.0,
    )


def _empty_prediction() -> SummaryDraft:
    return SummaryDraft.model_construct(
        headline="", summary="", article_date=None, events=[], key_figures=[]
    )


def _requests(cassette: Any) -> int:
    if cassette is None:
        return 0
    try:
        return int(cassette.play_count) or len(cassette.data)
    except (AttributeError, TypeError):
        return 0


def _cassette_usage(cassette: Any) -> dict[str, int]:
    """Prompt and completion tokens over the responses a cassette served or recorded."""
    usage = {"prompt_tokens": 0, "completion_tokens": 0}
    for response in getattr(cassette, "responses", None) or []:
        try:
            body = response["body"]["string"]
            data = json.loads(body.decode() if isinstance(body, bytes) else body)
            for key in usage:
                usage[key] += int(data["usage"][key])
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
    return usage


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _one_line(message: str) -> str:
    return " ".join(message.split())


def prompts_dir_label(directory: Path | None) -> str:
    return _display(prompts_dir(directory))


def describe_result(result: SeedResult) -> str:
    head = f"{result.prompt_id} / {result.seed_id}: "
    if result.status == "scored" and result.score is not None:
        return (
            head
            + f"overall {result.score.overall:.3f} ({result.requests} requests, {result.elapsed_s:.1f}s)"
        )
    if result.status == "failed":
        return head + f"model failed ({result.error})"
    return head + f"not measured: {result.error}"


# ---------------------------------------------------------------------------
# Judging a run.
# ---------------------------------------------------------------------------


def compare_with_baseline(
    report: EvalReport, baseline: EvalReport, tolerance: float = 0.005
) -> dict[str, dict[str, FieldChange]]:
    """Prompt id -> field -> change, for the prompts both reports ran (shared seeds only)."""
    shared = [run for run in report.prompts if baseline.prompt(run.prompt_id) is not None]
    if not shared:
        raise ConfigError(
            "the baseline report shares no prompt with this run "
            f"(baseline: {', '.join(r.prompt_id for r in baseline.prompts) or 'none'})"
        )
    out: dict[str, dict[str, FieldChange]] = {}
    for run in shared:
        old = baseline.prompt(run.prompt_id)
        assert old is not None
        out[run.prompt_id] = compare_reports(run.seed_scores(), old.seed_scores(), tolerance)
    return out


def regressions(
    comparisons: Mapping[str, Mapping[str, FieldChange]],
) -> list[tuple[str, FieldChange]]:
    return [
        (prompt_id, change)
        for prompt_id, changes in comparisons.items()
        for change in changes.values()
        if change.status == "regressed"
    ]


def below_threshold(report: EvalReport, min_score: float | None) -> list[PromptRun]:
    """Prompts whose mean ``overall`` is under ``min_score``."""
    if min_score is None:
        return []
    return [run for run in report.prompts if (run.means.get("overall") or 0.0) < min_score]


def exit_code(
    report: EvalReport,
    comparisons: Mapping[str, Mapping[str, FieldChange]] | None = None,
    min_score: float | None = None,
) -> int:
    """0 pass; 1 a measured regression or a score under the threshold; 2 not measured."""
    if not report.complete:
        return 2
    if comparisons and regressions(comparisons):
        return 1
    if below_threshold(report, min_score):
        return 1
    return 0


__all__ = [
    "FIELDS",
    "EvalReport",
    "PromptRun",
    "Seed",
    "SeedResult",
    "below_threshold",
    "compare_with_baseline",
    "default_prompt_ids",
    "describe_result",
    "discover_seeds",
    "eval_settings",
    "exit_code",
    "regressions",
    "run_eval",
]
