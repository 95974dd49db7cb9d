"""``summarizer prompts list|check|lock``: prompt versions, content hashes and their lock."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Group
from rich.table import Table
from rich.text import Text

from summarizer.cli.app import FlagsAsFlagsGroup, app, cli_errors, stderr, stdout
from summarizer.cli.eval import table_console
from summarizer.evaluation.cassettes import CASSETTES_DIR, cassette_metadata
from summarizer.evaluation.lock import LockEntry, PromptStatus, check, lock, lock_path, offending
from summarizer.render.layout import Responsive, stacked
from summarizer.render.style import BAD, DOUBTFUL, GOOD

prompts_app = typer.Typer(
    cls=FlagsAsFlagsGroup,
    help="Prompt versions, content hashes and the lock file (prompts.lock beside the prompts).",
    no_args_is_help=True,
)
app.add_typer(prompts_app, name="prompts")

PromptsDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--prompts-dir",
        envvar="SUMMARIZER_PROMPTS_DIR",
        help="Prompt folder [default: the prompts shipped with the package].",
    ),
]
CassettesDirOpt = Annotated[
    Path | None, typer.Option("--cassettes-dir", help="Cassette folder [default: cassettes/].")
]
PROMPT_HEADERS = ("id", "version", "hash", "lock", "cassettes", "last recorded", "model")
STATUS_STYLE = {"ok": GOOD, "unlocked": DOUBTFUL, "removed": BAD}


@prompts_app.command("list")
@cli_errors
def list_command(prompts_dir: PromptsDirOpt = None, cassettes_dir: CassettesDirOpt = None) -> None:
    """Every prompt: version, hash, lock status, and its recorded cassettes."""
    title = f"Prompts ({_display(lock_path(prompts_dir))})"
    rows = []
    for status in check(prompts_dir):
        entry = status.current or status.locked
        assert entry is not None
        count, recorded, model = cassette_summary(
            status.id, status.current, cassettes_dir or CASSETTES_DIR
        )
        rows.append(
            (
                status.id,
                entry.version,
                entry.hash,
                Text(status.label, style=STATUS_STYLE.get(status.status, f"bold {BAD}")),
                count,
                recorded,
                model,
            )
        )

    def table() -> Table:
        table = Table(title=title, title_justify="left")
        for name in PROMPT_HEADERS:
            table.add_column(name, justify="right" if name == "cassettes" else "left")
        for row in rows:
            table.add_row(*row)
        return table

    def blocks() -> Group:
        titled = [(Text(f"{row[0]} v{row[1]}", style="bold"), "", *row[2:]) for row in rows]
        return stacked(Text(title, style="italic"), PROMPT_HEADERS, titled, heading=(0, 3))

    table_console().print(Responsive(table, blocks), soft_wrap=False)


@prompts_app.command("check")
@cli_errors
def check_command(prompts_dir: PromptsDirOpt = None) -> None:
    """Exit 1 if a prompt changed without a version bump, or the lock is out of date."""
    bad = offending(check(prompts_dir))
    if not bad:
        stdout.print(f"prompts match {_display(lock_path(prompts_dir))}", highlight=False)
        return
    for status in bad:
        stderr.print(f"error: {status.message()}", highlight=False, markup=False)
    raise typer.Exit(1)


@prompts_app.command("lock")
@cli_errors
def lock_command(
    prompts_dir: PromptsDirOpt = None,
    force: Annotated[
        bool, typer.Option("--force", help="Also lock content changed without a version bump.")
    ] = False,
) -> None:
    """Write prompts.lock from the prompt files (refuses unbumped content changes)."""
    changed = lock(prompts_dir, force=force)
    for status in changed:
        stdout.print(f"locked {_describe(status)}", highlight=False, markup=False)
    if not changed:
        stdout.print(f"{_display(lock_path(prompts_dir))} already up to date", highlight=False)
    elif any(s.current is not None for s in changed):
        stdout.print("re-record their cassettes with: make record", highlight=False)


def _describe(status: PromptStatus) -> str:
    if status.current is None:
        return f"{status.id}: removed"
    return f"{status.id} v{status.current.version} #{status.current.hash} (was: {status.label})"


def cassette_summary(
    prompt_id: str, current: LockEntry | None, root: Path
) -> tuple[str | Text, str, str]:
    """(count, latest recording date, models) of ``root/<prompt_id>/*.yaml``; stale ones flagged."""
    files = sorted((root / prompt_id).glob("*.yaml")) if (root / prompt_id).is_dir() else []
    files = [f for f in files if not f.name.startswith(".")]
    if not files:
        return "0", "-", "-"
    metas = []
    for path in files:
        try:
            metas.append(cassette_metadata(path))
        except Exception:  # noqa: BLE001 - an unreadable cassette is shown, not fatal
            metas.append({})
    stale = sum(1 for m in metas if current is None or m.get("hash") != current.hash)
    count: str | Text = str(len(files))
    if stale:
        count = Text(f"{len(files)} ({stale} stale)", style=DOUBTFUL)
    dates = sorted(_short_date(m.get("recorded", "")) for m in metas if m.get("recorded"))
    recorded = dates[-1] if dates else "-"
    models = Counter(m.get("model") or "?" for m in metas)
    return count, recorded, ", ".join(sorted(models))


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _short_date(http_date: str) -> str:
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(http_date).strftime("%Y-%m-%d %H:%M")
    except (TypeError, ValueError):
        return http_date


__all__ = [
    "cassette_summary",
    "check_command",
    "list_command",
    "lock_command",
]
