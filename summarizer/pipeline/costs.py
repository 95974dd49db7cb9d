"""Estimated cost of a model call from its token usage and a price table.

Prices are USD per million tokens (``price_in`` for prompt tokens, ``price_out`` for
completion tokens), from ``--price-in/--price-out`` or the config file. Without
either price there is no estimate (``None``). A result served from the response cache
spent nothing on this run, so its cost is ``0.0``.
"""

from __future__ import annotations

from summarizer.config import Settings
from summarizer.schema import Usage

PER_TOKENS = 1_000_000


def has_prices(settings: Settings) -> bool:
    return settings.price_in is not None or settings.price_out is not None


def estimate_cost(usage: Usage, settings: Settings, *, cached: bool = False) -> float | None:
    """USD for ``usage`` at the configured prices; None without prices, 0.0 for a cache hit."""
    if not has_prices(settings):
        return None
    if cached:
        return 0.0
    return token_cost(
        usage.prompt_tokens, usage.completion_tokens, settings.price_in, settings.price_out
    )


def token_cost(
    prompt_tokens: int, completion_tokens: int, price_in: float | None, price_out: float | None
) -> float:
    cost = (prompt_tokens * (price_in or 0.0) + completion_tokens * (price_out or 0.0)) / PER_TOKENS
    return round(cost, 10)


__all__ = [
    "estimate_cost",
    "has_prices",
    "token_cost",
]
