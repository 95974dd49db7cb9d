"""The grounding report: one self-contained HTML page a person reads to check a summary.

Pure: ``(summary, article text) -> str``, deterministic (same input, same bytes), no I/O,
no network (inline CSS and JS, no fonts or images from anywhere). The article is shown
with every claim's span marked by verdict (verified / unconfirmed / contradicted, told
apart by icon and text as well as colour); overlapping spans are cut into flat segments,
each listing every claim that covers it, so crossing spans never nest wrongly.

Every check of the report is a claim here (:meth:`VerificationReport.checks`: figures,
numbers in the headline, summary and other prose, names, dates, event types, evidence
quotes), numbered in that order, and the counts at the top are the report's own
:meth:`~summarizer.schema.VerificationReport.tally`, the totals the text and JSON show. A
claim is marked where it grounds: a figure's or evidence quote's grounding, else the
article mention a number was matched with, else (names and dates) the words themselves;
one that grounds nowhere (an event type, a number the article lacks) is listed below the
article.
"""

from __future__ import annotations

import html
import itertools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from string import Template
from typing import Any

from summarizer.checks.report import verify
from summarizer.numbers import extract_numbers
from summarizer.render.style import VERDICT_STYLES, VerdictStyle, verdict_style
from summarizer.render.text import gap_groups, uncovered_figure
from summarizer.schema import (
    ArticleSummary,
    ClaimCheck,
    EvidenceCheck,
    FigureCheck,
    VerificationReport,
)
from summarizer.text.numerals import format_number
from summarizer.vocabulary import Tally, Verdict

# Side-list sections for claims outside the events, by the first part of their path.
_SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Headline and summary", ("headline", "summary")),
    ("Key figures", ("key_figures",)),
)


@dataclass(frozen=True)
class Claim:
    """One checked claim as the page shows it."""

    number: int  # 1-based, in report order: the anchor is claim-<number>
    path: str
    kind: str  # figure, number, name, date, event_type, evidence
    verdict: Verdict
    status: str
    value: str
    reason: str
    quote: str
    start: int | None
    end: int | None

    @property
    def located(self) -> bool:
        return self.start is not None and self.end is not None and self.end > self.start

    @property
    def style(self) -> VerdictStyle:
        return VERDICT_STYLES[self.verdict]

    @property
    def tip(self) -> str:
        return f"{self.style.mark} {self.style.label} ({self.status}) · {self.path} = {self.value}: {self.reason}"


@dataclass(frozen=True)
class Segment:
    """A run of article text and the claims (numbers) covering all of it."""

    start: int
    end: int
    claims: tuple[int, ...]


def claims_of(report: VerificationReport, article: str) -> list[Claim]:
    """Every check of ``report`` (:meth:`VerificationReport.checks`, in its order) as a claim."""
    out: list[Claim] = []
    for number, check in enumerate(report.checks(), start=1):
        verdict = verdict_style(str(check.verdict)).verdict
        if isinstance(check, FigureCheck):
            kind, status = "figure", str(check.status)
            value, quote = format_number(check.figure.value), check.figure.quote
        elif isinstance(check, ClaimCheck):
            kind, status, value, quote = check.kind, str(check.status), check.text, ""
        else:
            kind, quote = "evidence", check.quote
            status = "quote_found" if check.ok else "quote_not_found"
            value = _shorten(check.quote)
        start, end = _span(check, article)
        out.append(
            Claim(number, check.path, kind, verdict, status, value, check.reason, quote, start, end)
        )
    return out


def _span(
    check: FigureCheck | ClaimCheck | EvidenceCheck, article: str
) -> tuple[int | None, int | None]:
    """Where ``check`` grounds in ``article``: its quote, else its mention, else its words."""
    start: int | None = None
    end: int | None = None
    grounding = getattr(check, "grounding", None)
    mention = getattr(check, "mention", None)
    if grounding is not None and grounding.match != "none" and grounding.start is not None:
        start, end = grounding.start, grounding.end
    elif mention is not None:
        start, end = mention.start, mention.end
    elif isinstance(check, ClaimCheck) and check.kind in ("name", "date"):
        start, end = _words_at(check.text, article)
    if start is None or end is None:
        return None, None
    start, end = max(0, start), min(len(article), end)
    return (start, end) if end > start else (None, None)


def _words_at(text: str, article: str) -> tuple[int | None, int | None]:
    """The first place ``text`` occurs as whole words (any spacing), if any.

    Case as written first; in any case only for a name longer than an initialism, so
    "US" is never found in "told us".
    """
    words = text.split()
    if not words:
        return None, None
    pattern = r"(?<!\w)" + r"\s+".join(re.escape(word) for word in words) + r"(?!\w)"
    found = re.search(pattern, article)
    if found is None and len(text.strip()) > 3:
        found = re.search(pattern, article, flags=re.IGNORECASE)
    return (found.start(), found.end()) if found else (None, None)


def _shorten(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def segments(length: int, claims: list[Claim]) -> list[Segment]:
    """Cut ``[0, length)`` at every span boundary; each piece lists the claims covering it."""
    located = [c for c in claims if c.located]
    cuts = sorted({0, length, *(c.start for c in located), *(c.end for c in located)})  # type: ignore[misc]
    out: list[Segment] = []
    for start, end in itertools.pairwise(cuts):
        if end <= start:
            continue
        covering = tuple(
            c.number
            for c in located
            if c.start <= start and end <= c.end  # type: ignore[operator]
        )
        out.append(Segment(start, end, covering))
    return out


def render_html(summary: ArticleSummary, article: str, *, title: str | None = None) -> str:
    """The report page for ``summary`` of ``article`` (verified here if it carries no report)."""
    report = summary.verification
    if report is None:
        report = verify(article, summary, extract_numbers(article))
    claims = claims_of(report, article)
    by_number = {c.number: c for c in claims}
    counts = report.tally()  # the totals the text and JSON outputs show
    counted: dict[str, int] = {"total": counts.total, **dict(counts.items())}
    unlocated = [c for c in claims if not c.located]
    page_title = title or summary.headline
    data = {
        "counts": counted,
        "claims": [
            {
                "n": c.number,
                "path": c.path,
                "kind": c.kind,
                "verdict": c.verdict,
                "status": c.status,
                "start": c.start,
                "end": c.end,
            }
            for c in claims
        ],
        "summary": summary.model_dump(mode="json"),
    }
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # No request may leave the page: default-src 'none' blocks any that tried.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">",
        f"<title>{_e(page_title)} · grounding report</title>",
        f"<style>{CSS}</style></head><body>",
        '<header class="top">',
        f"<h1>{_e(summary.headline)}</h1>",
        f'<p class="summary">{_e(summary.summary)}</p>',
        _counts_html(counts, len(unlocated), report),
        _meta_html(summary),
        "</header>",
        '<div class="layout">',
        '<main><h2 id="article-heading">Article</h2>',
        '<div class="legend" aria-hidden="true">'
        + " ".join(
            f'<span class="mark {s.css_class}"><span class="icon">{s.mark}</span> {s.label}</span>'
            for s in VERDICT_STYLES.values()
        )
        + "</div>",
        f'<article class="article" aria-labelledby="article-heading">{_article_html(article, claims, by_number)}</article>',
        "</main>",
        f'<nav class="side" aria-label="Events and claims">{_side_html(summary, claims)}</nav>',
        "</div>",
        _unlocated_html(unlocated, len(claims)),
        _gaps_html(report),
        f'<script type="application/json" id="report-data">{embed_json(data)}</script>',
        f"<script>{JS}</script>",
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def embed_json(data: Any) -> str:
    """JSON safe inside <script>: ``<``, ``>``, ``&`` and line separators as \\u escapes."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text


def _article_html(article: str, claims: list[Claim], by_number: dict[int, Claim]) -> str:
    out: list[str] = []
    first_seen: set[int] = set()
    last_segment: dict[int, int] = {}
    pieces = segments(len(article), claims)
    for index, piece in enumerate(pieces):
        for number in piece.claims:
            last_segment[number] = index
    for index, piece in enumerate(pieces):
        text = _e(article[piece.start : piece.end])
        if not piece.claims:
            out.append(text)
            continue
        covering = [by_number[n] for n in piece.claims]
        worst = max((c.style for c in covering), key=lambda style: style.severity)
        # Evidence quotes span whole sentences: alone, they are underlined, not filled.
        quote = " quote" if all(c.kind == "evidence" for c in covering) else ""
        anchors = "".join(
            f'<span class="anchor" id="claim-{c.number}"></span>'
            for c in covering
            if c.number not in first_seen
        )
        first_seen.update(c.number for c in covering)
        tip = "\n".join(c.tip for c in covering)
        icons = "".join(
            f'<span class="icon" aria-hidden="true">{c.style.mark}</span>'
            for c in covering
            if last_segment[c.number] == index
        )
        label = "; ".join(f"{c.style.label}: {c.path}" for c in covering)
        out.append(
            f'{anchors}<mark class="mark {worst.css_class}{quote}" tabindex="0" data-claims="'
            f'{" ".join(str(c.number) for c in covering)}" data-verdict="{worst.verdict}" '
            f'title="{_e(tip)}" aria-label="{_e(label)}" data-tip="{_e(tip)}">'
            f'{text}{icons}<span class="sr">({_e(label)})</span></mark>'
        )
    return "".join(out)


def _counts_html(counts: Tally, unlocated: int, report: VerificationReport) -> str:
    items = "".join(
        f'<li class="count {style.css_class}" data-verdict="{verdict}"><span class="icon" '
        f'aria-hidden="true">{style.mark}</span> <strong class="n">{n}</strong> '
        f"{style.label.lower()}</li>"
        for verdict, n in counts.items()
        for style in (VERDICT_STYLES[verdict],)
    )
    grounded = sum(1 for e in report.evidence if e.ok)
    return (
        f'<ul class="counts" aria-label="Counts"><li class="count total">'
        f'<strong class="n">{counts.total}</strong> claims</li>{items}'
        f'<li class="count unlocated"><strong class="n">{unlocated}</strong> not located</li>'
        f'<li class="count evidence"><strong class="n">{grounded}/{len(report.evidence)}</strong>'
        " evidence quotes found</li></ul>"
    )


def _meta_html(summary: ArticleSummary) -> str:
    meta = summary.meta
    if meta is None:
        return '<p class="meta">No model metadata (summary checked as given).</p>'
    rows = [
        ("Model", f"{meta.model} ({meta.backend})"),
        ("Prompt", f"{meta.prompt_id} v{meta.prompt_version} · {meta.prompt_hash[:12]}"),
        (
            "Tokens",
            f"{meta.usage.prompt_tokens} in · {meta.usage.completion_tokens} out · {meta.usage.total_tokens} total",
        ),
        (
            "Time",
            f"{meta.timings.total_s:.2f} s total · {meta.timings.model_s:.2f} s model"
            f" · {meta.attempts} attempt(s), {meta.reasks} re-ask(s)",
        ),
    ]
    if meta.created_at is not None:
        rows.append(("Created", meta.created_at.isoformat()))
    cells = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in rows)
    return f'<dl class="meta">{cells}</dl>'


def _side_html(summary: ArticleSummary, claims: list[Claim]) -> str:
    """Claims by event, then the headline and summary, key figures and any other field."""
    groups: dict[str, list[Claim]] = {}
    for claim in claims:
        groups.setdefault(_group_of(claim.path), []).append(claim)
    out = ["<h2>Events and claims</h2>"]
    if not claims:
        out.append('<p class="empty">No claims to check.</p>')
    for index, event in enumerate(summary.events):
        prefix = f"events[{index}]"
        where = " · ".join(
            part for part in (event.event_type, str(event.date or ""), event.location) if part
        )
        out.append(
            f'<section class="event" id="event-{index}"><h3>{index + 1}. {_e(where)}</h3>'
            f"<p>{_e(event.description)}</p>{_claim_list(groups.pop(prefix, []))}</section>"
        )
    for heading, _ in _SECTIONS:
        section = groups.pop(heading, [])
        if section:
            out.append(
                f'<section class="claims-of"><h3>{heading}</h3>{_claim_list(section)}</section>'
            )
    rest = [claim for group in groups.values() for claim in group]
    if rest:
        out.append(f'<section class="claims-of"><h3>Other claims</h3>{_claim_list(rest)}</section>')
    return "".join(out)


def _group_of(path: str) -> str:
    """The side-list section of a claim: its event (``events[1]``) or a heading."""
    field = re.split(r"[.\[]", path, maxsplit=1)[0]
    if field == "events":
        return path.split(".", 1)[0]
    for heading, fields in _SECTIONS:
        if field in fields:
            return heading
    return ""


def _claim_list(claims: list[Claim]) -> str:
    if not claims:
        return '<p class="empty">No claims.</p>'
    items = []
    for c in claims:
        target = (
            f'<a href="#claim-{c.number}">{_e(c.path)}</a>'
            if c.located
            else f'<a href="#unlocated-{c.number}">{_e(c.path)}</a>'
        )
        items.append(
            f'<li class="claim {c.style.css_class}" data-claim="{c.number}" data-verdict="{c.verdict}">'
            f'{_badge(c.style)} {target} <span class="value">{_e(c.value)}</span>'
            f'<div class="reason">{_e(c.reason)}</div></li>'
        )
    return f'<ul class="claims">{"".join(items)}</ul>'


def _badge(style: VerdictStyle) -> str:
    """The verdict in the side list: its mark (for the eye only) and its label."""
    return (
        f'<span class="badge {style.css_class}"><span class="icon" aria-hidden="true">'
        f"{style.mark}</span> {style.label}</span>"
    )


def _unlocated_html(unlocated: list[Claim], total: int) -> str:
    """The claims with no span in the article; "every claim was located" only when true."""
    heading = "Claims not located in the article"
    if not unlocated:
        said = "Every claim was located." if total else "No claims to check."
        return (
            f'<section class="unlocated" aria-label="Claims not located"><h2>{heading}</h2>'
            f'<p class="empty">{said}</p></section>'
        )
    items = "".join(
        f'<li id="unlocated-{c.number}" class="claim {c.style.css_class}" data-verdict="{c.verdict}">'
        f"{_badge(c.style)} "
        f"<code>{_e(c.path)}</code> = {_e(c.value)}"
        + (f" · quote <q>{_e(c.quote)}</q>" if c.quote and c.kind != "evidence" else "")
        + f'<div class="reason">{_e(c.reason)}</div></li>'
        for c in unlocated
    )
    return (
        '<section class="unlocated" aria-label="Claims not located">'
        f"<h2>{heading} ({len(unlocated)})</h2><ul>{items}</ul></section>"
    )


def _gaps_html(report: VerificationReport) -> str:
    """The article's figures no event reports, by incident: what the summary left out."""
    if not report.uncovered:
        return ""
    groups = "".join(
        f"<h3>{_e(where)}</h3><ul>"
        + "".join(
            f"<li><b>{_e(uncovered_figure(gap))}</b> — {_e(_shorten(gap.sentence, 160))}</li>"
            for gap in gaps
        )
        + "</ul>"
        for where, gaps in gap_groups(report).items()
    )
    return (
        '<section class="unlocated gaps" aria-label="Figures no event reports">'
        f"<h2>Figures in the article that no event reports ({len(report.uncovered)})</h2>"
        f"{groups}</section>"
    )


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _each_verdict(rule: Callable[[VerdictStyle], str], separator: str = "\n") -> str:
    """One CSS rule per verdict, from its style: a verdict's colours and classes live there."""
    return separator.join(rule(style) for style in VERDICT_STYLES.values())


# The per-verdict rules ($colours, $counts, ...) are filled in from the style table.
_CSS = Template("""
:root{$colours
--fg:#1f2328;--muted:#59636e;--line:#d1d9e0}
*{box-sizing:border-box}
body{font:16px/1.55 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);margin:0;padding:1rem 1.5rem;max-width:1200px}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.1rem}h3{font-size:1rem;margin:.3rem 0}
.summary{color:var(--muted);margin:.3rem 0 .8rem}
.counts{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0;margin:.5rem 0}
.count{border:1px solid var(--line);border-radius:6px;padding:.2rem .6rem}
$counts
.meta{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .8rem;font-size:.85rem;color:var(--muted);margin:.5rem 0}
.meta dt{font-weight:600}.meta dd{margin:0}
.layout{display:grid;grid-template-columns:minmax(0,2fr) minmax(16rem,1fr);gap:1.5rem}
.article{white-space:pre-wrap;border:1px solid var(--line);border-radius:6px;padding:1rem}
.legend{font-size:.85rem;margin-bottom:.4rem}
.mark{border-radius:3px;padding:0;position:relative;color:inherit}
$marks
.mark .icon{font-weight:700;font-size:.8em;margin-left:.1em;vertical-align:super}
$icons
.mark.quote{background:none}
.mark:focus{outline:2px solid #0969da;outline-offset:1px}
.mark:focus::after,.mark:hover::after{content:attr(data-tip);position:absolute;left:0;top:100%;z-index:2;
white-space:pre-wrap;width:max-content;max-width:28rem;background:#1f2328;color:#fff;font-size:.8rem;
padding:.3rem .5rem;border-radius:4px}
.mark.active{outline:2px solid #0969da}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.side{font-size:.9rem}.claims{list-style:none;padding:0;margin:.2rem 0 .8rem}
.claim{border-left:4px solid var(--line);padding:.2rem .5rem;margin:.3rem 0}
$claims
.badge{font-weight:600}.reason{color:var(--muted);font-size:.85rem}.empty{color:var(--muted)}
.unlocated{margin-top:1.5rem;border-top:1px solid var(--line)}
@media (max-width:800px){.layout{grid-template-columns:1fr}}
@media print{body{max-width:none;padding:0;font-size:11pt}.layout{display:block}.side{break-before:page}
.mark:hover::after,.mark:focus::after{content:none}.legend{display:block}a{color:inherit;text-decoration:none}
.mark{-webkit-print-color-adjust:exact;print-color-adjust:exact}.claim{break-inside:avoid}}
""")
CSS = _CSS.substitute(
    colours=_each_verdict(
        lambda s: f"--{s.css_var}:{s.html_colour};--{s.css_var}-bg:{s.html_background};", ""
    ),
    counts=_each_verdict(
        lambda s: (
            f".count.{s.css_class}{{background:var(--{s.css_var}-bg);"
            f"border-color:var(--{s.css_var})}}"
        )
    ),
    marks=_each_verdict(
        lambda s: (
            f".mark.{s.css_class}{{background:var(--{s.css_var}-bg);"
            f"border-bottom:{s.underline} var(--{s.css_var})}}"
        )
    ),
    icons=_each_verdict(
        lambda s: f".{s.css_class} .icon,.badge.{s.css_class}{{color:var(--{s.css_var})}}"
    ),
    claims=_each_verdict(lambda s: f".claim.{s.css_class}{{border-color:var(--{s.css_var})}}", ""),
)

# Clicking a claim in the side list highlights its marks; nothing is fetched.
JS = """
(function(){
  document.querySelectorAll('.claim[data-claim] a').forEach(function(link){
    link.addEventListener('click', function(){
      var n = link.closest('.claim').getAttribute('data-claim');
      document.querySelectorAll('.mark.active').forEach(function(m){m.classList.remove('active');});
      document.querySelectorAll('.mark').forEach(function(m){
        if((' '+m.getAttribute('data-claims')+' ').indexOf(' '+n+' ')>=0){m.classList.add('active');}
      });
    });
  });
})();
"""


__all__ = [
    "CSS",
    "Claim",
    "Segment",
    "claims_of",
    "embed_json",
    "render_html",
    "segments",
]
