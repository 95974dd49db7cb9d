"""Tables that fit the terminal without cutting a word: fold, stack or drop, never squeeze.

rich shrinks a too-wide table by narrowing its widest columns, even below the longest
word in them (``drone_stri/ke``) or to zero (a score column that shows nothing). Here a
table is given column widths that keep every word whole, or it is not used: a
:class:`Responsive` renderable tries its layouts in order (wide table, then narrower
ones, then a stacked one) and renders the first that fits the width it is given.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

Layout = Callable[[], RenderableType]


def fit_table(table: Table, console: Console, width: int) -> bool:
    """Give ``table`` column widths that keep every word whole within ``width``; False if none do.

    Columns get at least their longest word and share what is left in proportion to how
    much more they could use. Fixed widths stop rich from collapsing a column below them.
    """
    columns = table.columns
    if not columns:
        return True
    left, right = table.padding[3], table.padding[1]
    padding = (left + right) * len(columns)
    if not table.pad_edge:
        padding -= left + right
    borders = 0
    if table.box is not None:
        borders = len(columns) - 1 + (2 if table.show_edge else 0)
    available = width - padding - borders
    options = console.options.update_width(max(1, available))
    mins: list[int] = []
    maxs: list[int] = []
    for column in columns:
        cells: list[RenderableType] = list(column.cells)
        if table.show_header:
            cells.append(column.header)
        lo, hi = 1, 1
        for cell in cells:
            measured = Measurement.get(console, options, cell)
            lo, hi = max(lo, measured.minimum), max(hi, measured.maximum)
        if column.no_wrap:
            lo = hi
        mins.append(lo)
        maxs.append(max(lo, hi))
    if sum(mins) > available:
        return False
    if sum(maxs) <= available and not table.expand:
        return True
    spare = available - sum(mins)
    wants = [hi - lo for lo, hi in zip(mins, maxs, strict=True)]
    total_want = sum(wants)
    widths = list(mins)
    if total_want:
        shares = [min(want, spare * want // total_want) for want in wants]
        widths = [lo + share for lo, share in zip(mins, shares, strict=True)]
    if table.expand:  # what nobody wants goes to the most flexible column (else the widest)
        leftover = available - sum(widths)
        grows = wants.index(max(wants)) if any(wants) else maxs.index(max(maxs))
        widths[grows] += max(0, leftover)
    for column, column_width in zip(columns, widths, strict=True):
        column.width = column_width
    return True


def tables_in(renderable: RenderableType, indent: int = 0) -> Iterable[tuple[Table, int]]:
    """Every table inside ``renderable`` (groups and paddings), with the columns it is indented by."""
    if isinstance(renderable, Table):
        yield renderable, indent
    elif isinstance(renderable, Group):
        for part in renderable.renderables:
            yield from tables_in(part, indent)
    elif isinstance(renderable, Padding):
        yield from tables_in(renderable.renderable, indent + renderable.left + renderable.right)


def fits(renderable: RenderableType, console: Console, width: int) -> bool:
    """True when every table in ``renderable`` can be laid out in ``width`` with words whole."""
    return all(fit_table(table, console, width - indent) for table, indent in tables_in(renderable))


class Responsive:
    """The first of ``layouts`` that fits the width it is rendered at (the last otherwise)."""

    def __init__(self, *layouts: Layout) -> None:
        if not layouts:
            raise ValueError("Responsive needs at least one layout")
        self.layouts = layouts

    def choose(self, console: Console, width: int) -> RenderableType:
        for build in self.layouts[:-1]:
            candidate = build()
            if fits(candidate, console, width):
                return candidate
        last = self.layouts[-1]()
        fits(last, console, width)
        return last

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.choose(console, options.max_width)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.choose(console, options.max_width))


def is_blank(cell: RenderableType | None) -> bool:
    """An empty cell: nothing to show, so no ``label`` line for it in a stacked block."""
    if cell is None:
        return True
    if isinstance(cell, Text):
        return not cell.plain.strip()
    return isinstance(cell, str) and not cell.strip()


def stacked(
    title: str | Text | None,
    headers: Sequence[str],
    rows: Iterable[Sequence[RenderableType]],
    *,
    heading: Sequence[int] = (0,),
    separator: str = "  ",
) -> Group:
    """One block per row: the ``heading`` cells on one line, the others as ``label  value``.

    The narrow-terminal form of a table: nothing dropped, each value wraps between words.
    """
    parts: list[RenderableType] = []
    if title:
        parts.append(Text(title, style="bold") if isinstance(title, str) else title)
    for row in rows:
        head = Text()
        for index in heading:
            cell = row[index]
            if is_blank(cell):
                continue
            if head:
                head.append(separator)
            head.append(cell if isinstance(cell, Text) else Text.from_markup(str(cell)))
        details = Table.grid(padding=(0, 2, 0, 0))
        details.add_column(style="dim", no_wrap=True)
        details.add_column()
        for index, (label, cell) in enumerate(zip(headers, row, strict=True)):
            if index in heading or is_blank(cell):
                continue
            details.add_row(label, cell)
        parts.append(head)
        if details.row_count:
            parts.append(Padding(details, (0, 0, 0, 2), expand=False))
    return Group(*parts)


__all__ = [
    "Responsive",
    "fit_table",
    "fits",
    "is_blank",
    "stacked",
    "tables_in",
]
