"""The incidents an article reports (``incidents``): a table for people, or a JSON list.

A row per incident: its date (or "background" for an earlier happening), its place, its
event types and the numbers that belong to it. The JSON list is every
:class:`~summarizer.checks.incidents.Incident` field, offsets into the article included.
"""

from __future__ import annotations

import json

from rich.markup import escape
from rich.table import Table
from rich.text import Text

from summarizer.checks.incidents import Incident

__all__ = ["INCIDENT_HEADERS", "incidents_json", "incidents_table"]

INCIDENT_HEADERS = ("id", "when", "where", "what", "numbers")


def incidents_json(found: list[Incident]) -> str:
    """One JSON array, on one line, of the incidents as the library returns them."""
    return json.dumps([incident.model_dump(mode="json") for incident in found], ensure_ascii=False)


def incidents_table(found: list[Incident], title: str) -> Table | Text:
    """One row per incident; a line saying so when the article has none."""
    if not found:
        return Text("No incidents: the article has no sentences.")
    table = Table(title=title, show_lines=True)
    for column in INCIDENT_HEADERS:
        table.add_column(column, overflow="fold")
    for incident in found:
        when = incident.date.isoformat() if incident.date else "—"
        if incident.background:
            when += " (background)"
        numbers = ", ".join(f"{m.text} ({m.role})" for m in incident.mentions) or "—"
        table.add_row(
            incident.id,
            when,
            escape(incident.place or "—"),
            ", ".join(incident.event_types) or "—",
            escape(numbers),
        )
    return table
