"""A number as people read it: the one way every output and every check's reason writes a value.

A value is an article's number (or a model's claim of one), so it is shown as the article
would write it: thousands separated ("4,290,000,000"), the decimals it has and no more
("7.96", "0.125", never rounded to two places nor written "1.23457e+06"), and without the
noise binary floats add to a scaled value (1.1 million is 1100000.0000000002 in a float,
shown "1,100,000"). Units, percent signs and currency belong to the noun beside the
number, not here.
"""

from __future__ import annotations

import math
from decimal import Decimal

__all__ = ["EN_DASH", "SIGNIFICANT_DIGITS", "format_number", "format_range"]

# More digits than any article writes, fewer than a float's noise (about 16 digits).
SIGNIFICANT_DIGITS = 12
EN_DASH = "–"


def format_number(value: float) -> str:
    """ "340,000", "0.5", "1,234.567", "-3": separated thousands, the decimals as written."""
    if isinstance(value, int):
        return f"{value:,}"
    if not math.isfinite(value):
        return str(value)
    if value.is_integer():
        return f"{int(value):,}"
    number = Decimal(f"{value:.{SIGNIFICANT_DIGITS}g}")  # the noise gone, maybe "1.1e+06"
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return f"{number:,f}"  # positional, never an exponent: "0.00001", "1,234,567.5"


def format_range(low: float, high: float | None, dash: str = EN_DASH) -> str:
    """ "12–13" for a range, "12" without a high end; ``dash`` joins the two ends."""
    shown = format_number(low)
    return shown if high is None else f"{shown}{dash}{format_number(high)}"
