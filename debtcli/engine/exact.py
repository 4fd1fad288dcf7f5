"""Accrued interest kept as an exact fraction, rounded once at a named point.

Each span of accrual adds ``base x rate x days`` (an exact Decimal: the factors are short) over a
whole-number denominator (``basis`` for a day count, ``12 x days in the period`` for per-period
interest). Summing the spans' quotients instead would round each one to 28 digits, and a figure
that sits exactly on half a cent could then land on ...4999... and round the wrong way: whether a
payment falls inside a period would change the interest by a cent. Here the sum is exact and the
only rounding is the one at the minor unit (``rounded``), computed from the exact fraction.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, ROUND_UP, Decimal
from math import gcd

ZERO = Decimal(0)


class Accrued:
    """``num / den``: interest accrued and not yet crystallised, exactly."""

    __slots__ = ("num", "den")

    def __init__(self) -> None:
        self.num = ZERO
        self.den = 1

    def add(self, numerator: Decimal, den: int) -> None:
        """Add ``numerator / den`` (both exact)."""
        if den == self.den:
            self.num += numerator
        elif not self.num:
            self.num, self.den = numerator, den
        else:
            common = self.den * den // gcd(self.den, den)
            self.num = self.num * (common // self.den) + numerator * (common // den)
            self.den = common

    def __bool__(self) -> bool:
        return bool(self.num)

    def positive(self) -> bool:
        return self.num > 0

    def value(self) -> Decimal:
        """The unrounded figure (a 28-digit quotient: for display and the rounding notes)."""
        return self.num / self.den if self.den != 1 else self.num

    def reset(self) -> None:
        self.num = ZERO
        self.den = 1


def round_ratio(num: Decimal, den: int, places: int, mode: str) -> Decimal:
    """``num / den`` rounded to ``places`` decimals under ``mode`` (a decimal rounding constant),
    decided on the exact remainder, never on a rounded quotient."""
    if not num:
        return ZERO.scaleb(-places)
    negative = num < 0
    q, r = divmod(abs(num).scaleb(places), den)  # exact: q is whole, r the exact remainder
    if r:
        twice = r + r
        if mode == ROUND_HALF_UP:
            if twice >= den:
                q += 1
        elif mode == ROUND_HALF_EVEN:
            if twice > den or (twice == den and q % 2 == 1):
                q += 1
        elif mode == ROUND_UP:
            q += 1
        elif mode != ROUND_DOWN:
            raise ValueError(f"rounding mode {mode!r}")
    out = Decimal(int(q)).scaleb(-places)
    return -out if negative else out


_QUANTA = {p: Decimal(1).scaleb(-p) for p in range(0, 9)}
_HALVES = {p: Decimal(5).scaleb(-p - 1) for p in range(0, 9)}
_HALF_MODES = (ROUND_HALF_UP, ROUND_HALF_EVEN)


def round_quotient(raw: Decimal, num: Decimal, den: int, places: int, mode: str) -> Decimal:
    """``num / den`` rounded as ``round_ratio`` does, given ``raw`` = ``num / den`` (28 digits).

    The 28-digit quotient rounds like the exact value unless it sits exactly on a boundary of the
    rounding (a half for the half modes, a whole minor unit for up and down) that the exact value
    may miss by less than its last digit; only then is the exact remainder consulted."""
    out = raw.quantize(_QUANTA[places], rounding=mode)
    gap = raw - out
    if mode in _HALF_MODES:
        if gap != _HALVES[places] and gap != -_HALVES[places]:
            return out
    elif gap:
        return out
    return round_ratio(num, den, places, mode)


def rounded(acc: Accrued, places: int, mode: str) -> Decimal:
    return round_ratio(acc.num, acc.den, places, mode)
