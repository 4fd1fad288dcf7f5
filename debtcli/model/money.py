"""Money: Decimal amounts, currencies, parsing of amounts and rates, named rounding.

This is the one module that makes numbers out of text. Floats are refused: an amount enters
as text or an integer and stays a ``Decimal`` until it is rendered. "Missing" is ``MISSING``,
never zero.
"""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, ROUND_UP, Decimal, InvalidOperation
from typing import Final

from debtcli.model.lazy_dataclass import dataclass

ZERO: Final = Decimal(0)
ONE: Final = Decimal(1)
HUNDRED: Final = Decimal(100)


class _Missing:
    """A value that was not given. Distinct from zero; falsy; never does arithmetic."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING: Final = _Missing()


class ParseError(ValueError):
    """Text that is not a valid amount, rate or date. The message says what was expected."""


def D(value: str | int | Decimal) -> Decimal:
    """Make a Decimal from text, an int or a Decimal. Floats and empty text are refused."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool) or isinstance(value, float):
        raise TypeError(f"money must not come from {type(value).__name__}: {value!r}")
    if isinstance(value, int):
        return Decimal(value)
    text = str(value).strip()
    if not text:
        raise ParseError("empty value where a number was expected")
    try:
        result = Decimal(text)
    except InvalidOperation:
        raise ParseError(f"{value!r} is not a number") from None
    if not result.is_finite():
        raise ParseError(f"{value!r} is not a finite number")
    return result


# ---------------------------------------------------------------- currencies

MINOR_UNITS: Final = {"CNY": 2, "USD": 2, "EUR": 2, "GBP": 2, "HKD": 2, "JPY": 0, "KRW": 0}
SYMBOLS: Final = {"¥": "CNY", "￥": "CNY", "$": "USD", "€": "EUR", "£": "GBP", "HK$": "HKD"}


def minor_unit(currency: str) -> int:
    return MINOR_UNITS.get(currency.upper(), 2)


def quantum(currency: str) -> Decimal:
    return Decimal(1).scaleb(-minor_unit(currency))


# ---------------------------------------------------------------- rounding

ROUNDING_MODES: Final = {
    "half_up": ROUND_HALF_UP,
    "half_even": ROUND_HALF_EVEN,
    "down": ROUND_DOWN,
    "up": ROUND_UP,
}


def round_money(value: Decimal, mode: str = "half_up", places: int = 2) -> Decimal:
    """Round to ``places`` decimals under a named mode (see ``ROUNDING_MODES``)."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUNDING_MODES[mode])


def fmt(value: Decimal, places: int = 2) -> str:
    """Plain decimal string with exactly ``places`` decimals (the JSON form)."""
    q = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if q == 0:
        q = abs(q)
    return f"{q:.{places}f}"


def fmt_grouped(value: Decimal, places: int = 2) -> str:
    """Decimal string with thousands separators: 1,234.56."""
    q = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if q == 0:
        q = abs(q)
    return f"{q:,.{places}f}"


# ---------------------------------------------------------------- amounts

_AMOUNT_CHARS = re.compile(r"^\d+(\.\d+)?$")
_PLAIN_AMOUNT = re.compile(r"[0-9]+(\.[0-9]+)?")  # ASCII digits only, nothing around them


def parse_amount(text: str | int | Decimal, decimal_mark: str = ".") -> Decimal:
    """Parse an amount as staff write it.

    Accepts ``1234.56``, ``1,234.56``, ``¥1,234.56``, ``-1,234.56``, ``(1,234.56)`` (negative),
    ``1.234,56`` with ``decimal_mark=","``, a trailing ``元``, and full-width digits. Raises
    ``ParseError`` for anything else; never returns zero for empty text.
    """
    if text.__class__ is str and len(text) <= MAX_SIGNIFICANT_DIGITS and _PLAIN_AMOUNT.fullmatch(text):
        return Decimal(text)  # plain digits, too few to be too many: what the general path gives
    if isinstance(text, Decimal):
        return text
    if isinstance(text, int) and not isinstance(text, bool):
        return Decimal(text)
    if isinstance(text, float):
        raise TypeError("amounts must not be floats")
    raw = str(text)
    s = raw.strip().translate(_FULLWIDTH)
    if not s:
        raise ParseError("empty amount")
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1].strip()
    if s.endswith("-") and not s.startswith("-"):
        negative, s = True, s[:-1].strip()
    for token in ("人民币", "RMB", "CNY", "USD", "元", "圆"):
        s = s.replace(token, "")
    for sym in sorted(SYMBOLS, key=len, reverse=True):
        s = s.replace(sym, "")
    s = s.strip()
    if s.startswith(("-", "−")):
        negative, s = not negative, s[1:].strip()
    elif s.startswith("+"):
        s = s[1:].strip()
    if decimal_mark == ",":
        s = s.replace(".", "").replace(" ", "").replace("\u00a0", "").replace(",", ".")
    elif decimal_mark == ".":
        s = s.replace(",", "").replace(" ", "").replace("\u00a0", "").replace("_", "")
    else:
        raise ParseError(f"decimal mark must be '.' or ',', not {decimal_mark!r}")
    if not _AMOUNT_CHARS.match(s):
        raise ParseError(f"{raw!r} is not an amount (expected digits like 1,234.56)")
    digits = significant_digits(s)
    if digits > MAX_SIGNIFICANT_DIGITS:
        raise ParseError(f"{_short(raw)} has {digits} significant digits; an amount has at most "
                         f"{MAX_SIGNIFICANT_DIGITS} (an account or card number in the amount column?)")
    value = Decimal(s)
    return -value if negative else value


MAX_SIGNIFICANT_DIGITS: Final = 15
"""No real amount has more digits (10^13 with two decimals): a longer number is an account, card or
reference number in the wrong column, and past 28 digits Decimal arithmetic would round it."""


def significant_digits(plain: str) -> int:
    """Significant digits of a plain decimal ``123.450``: leading zeros and trailing decimal zeros do not count."""
    whole, _, frac = plain.partition(".")
    whole, frac = whole.lstrip("0"), frac.rstrip("0")
    return len(whole) + len(frac) if whole else len(frac.lstrip("0"))


def _short(raw: str, limit: int = 40) -> str:
    text = str(raw).strip()
    return repr(text if len(text) <= limit else text[:limit] + "…")


_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－＋（）％", "0123456789.,-+()%")


# ---------------------------------------------------------------- rates



@dataclass(frozen=True, slots=True)
class Rate:
    """A nominal interest rate: ``value`` is a fraction (0.24 for 24%) per ``per``.

    ``text`` keeps what was written, for statements.
    """

    value: Decimal
    per: str = "year"
    text: str = ""

    def annual(self, basis_days: int | Decimal = 360) -> Decimal:
        """The nominal annual rate. A daily rate is scaled by the day-count basis, so that
        ``principal x annual x days / basis`` equals ``principal x daily x days`` exactly."""
        if self.per == "year":
            return self.value
        if self.per == "month":
            return self.value * 12
        return self.value * Decimal(basis_days)

    def percent(self) -> str:
        """'24%', '2%/month', '0.05%/day': the canonical way debtcli prints a rate."""
        pct = (self.value * HUNDRED).normalize()
        s = f"{pct:f}"
        if "." in s:
            s = s.rstrip("0").rstrip(".")
        return f"{s}%" if self.per == "year" else f"{s}%/{self.per}"

    def __str__(self) -> str:
        return self.percent()


_CN_UNITS = {"分": Decimal("0.1"), "厘": Decimal("0.01"), "毫": Decimal("0.001")}
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_PERIOD_WORDS = [
    ("年利率", "year"), ("年化利率", "year"), ("年化", "year"), ("年息", "year"), ("年率", "year"), ("年", "year"),
    ("月利率", "month"), ("月息", "month"), ("月率", "month"), ("月", "month"),
    ("日利率", "day"), ("日息", "day"), ("日率", "day"), ("日", "day"),
]
_SUFFIX_PERIODS = {
    "/year": "year", "/yr": "year", "/y": "year", "/a": "year", "p.a.": "year", "a year": "year", "per year": "year",
    "/month": "month", "/mo": "month", "/m": "month", "a month": "month", "per month": "month",
    "/day": "day", "/d": "day", "a day": "day", "per day": "day",
}


def _cn_number(text: str) -> Decimal:
    text = text.strip()
    if not text:
        raise ParseError("no number")
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return Decimal(text)
    total = 0
    if text.startswith("十"):
        text = "一" + text
    if "十" in text:
        tens, _, ones = text.partition("十")
        total = _CN_DIGITS.get(tens, -1) * 10 + (_CN_DIGITS.get(ones, -1) if ones else 0)
        if total < 0 or (ones and _CN_DIGITS.get(ones) is None):
            raise ParseError(f"{text!r} is not a number")
        return Decimal(total)
    if len(text) == 1 and text in _CN_DIGITS:
        return Decimal(_CN_DIGITS[text])
    raise ParseError(f"{text!r} is not a number")


def parse_rate(text: str | Decimal) -> Rate:
    """Parse a rate as written in contracts and by staff.

    English: ``24%``, ``24% p.a.``, ``2%/month``, ``0.05%/day``. A number without a unit is refused:
    ``24`` may be 24% or 2.4%, and a wrong guess is a hundredfold error.
    Chinese: ``年利率24%``, ``月利率2%``, ``月息2分`` (2% a month), ``年息1分5厘`` (15% a year),
    ``日利率万分之五`` (0.05% a day), ``月利率千分之五``, ``日息0.05%``.
    """
    if isinstance(text, Decimal):
        return Rate(text, "year", f"{text}")
    raw = str(text)
    s = raw.strip().translate(_FULLWIDTH).replace(" ", "") if raw.strip() else ""
    if not s:
        raise ParseError("empty rate")
    if "LPR" in s.upper():
        raise ParseError(f"{raw!r} is linked to the LPR; a fixed rate is expected here (e.g. 24%)")
    per = None
    lowered = s.lower()
    for suffix, p in sorted(_SUFFIX_PERIODS.items(), key=lambda kv: -len(kv[0])):
        key = suffix.replace(" ", "")
        if lowered.endswith(key):
            per, s = p, s[: len(s) - len(key)]
            break
    for word, p in _PERIOD_WORDS:
        if s.startswith(word):
            if per and per != p:
                raise ParseError(f"{raw!r} names two periods")
            per, s = p, s[len(word):]
            break
    per = per or "year"
    try:
        value = _parse_rate_number(s)
        if _uses_fen_li(s):
            # 1 分 is 10% a year, 1% a month, 0.1% a day
            value *= {"year": Decimal(10), "month": ONE, "day": Decimal("0.1")}[per]
    except ParseError as exc:
        if "has no unit" in str(exc):
            raise ParseError(f"{raw.strip()!r} has no unit: {_unit_hint(D(s))}") from None
        raise ParseError(f"{raw!r} is not a rate ({exc}); write e.g. 24%, 2%/month, 0.05%/day, 月息2分") from None
    if value < 0:
        raise ParseError(f"{raw!r}: a rate cannot be negative")
    rate = Rate(value, per, raw.strip())
    if rate.annual(365) > MAX_ANNUAL_RATE:
        raise ParseError(f"{raw.strip()!r} is more than {MAX_ANNUAL_RATE * HUNDRED:,.0f}% a year; a typo?")
    return rate


MAX_ANNUAL_RATE: Final = Decimal(100)
"""10,000% a year: far above any rate a contract states (0.05% a day is 18.25%); above it a rate is a
typo, and figures built on it would outgrow the 28 digits Decimal arithmetic keeps."""


@dataclass(frozen=True, slots=True)
class LprLink:
    """A rate linked to the Loan Prime Rate: ``multiplier`` x LPR(``tenor``) + ``spread`` (fractions a year).

    ``4×LPR`` is multiplier 4; ``LPR+50bp`` is spread 0.005; ``1.5×LPR5Y-0.1%`` is both."""

    tenor: str  # "1Y" | "5Y"
    multiplier: Decimal = ONE
    spread: Decimal = ZERO
    text: str = ""

    def annual(self, lpr: Decimal) -> Decimal:
        return lpr * self.multiplier + self.spread


_TIMES = "(?:×|\\*|X|倍)"
# compiled by the re module's cache on first use (1.5 ms, only for a rate that names the LPR)
_LPR_LINK = (
    r"(?:(?P<pre>\d+(?:\.\d+)?)" + _TIMES + r")?"
    r"(?:一年期|1年期)?(?P<five>五年期以上|五年期|5年期以上|5年期)?LPR(?P<tenor>1Y|5Y)?"
    r"(?:" + _TIMES + r"(?P<post>\d+(?:\.\d+)?)倍?)?"
    r"(?:(?P<sign>[+-])(?P<num>\d+(?:\.\d+)?)(?P<unit>%|BP))?"
)


def parse_lpr_link(text: str) -> LprLink | None:
    """``4×LPR``, ``4*LPR``, ``4倍LPR``, ``LPR×4``, ``1.5×LPR``, ``LPR+50bp``, ``LPR5Y-0.1%``,
    ``4×LPR+50bp``: a rate linked to the LPR; ``None`` when the text names no LPR. Text that names
    the LPR in another way raises ``ParseError``."""
    raw = str(text).strip()
    s = raw.translate(_FULLWIDTH).replace(" ", "").upper()
    if "LPR" not in s:
        return None
    m = re.fullmatch(_LPR_LINK, s)
    if not m or (m.group("pre") and m.group("post")):
        raise ParseError(f"{raw!r} is not an LPR-linked rate; write e.g. 4×LPR, 4倍LPR, LPR×4, 1.5*LPR, "
                         "LPR+50bp, LPR5Y+0.5%")
    tenor = m.group("tenor") or ("5Y" if m.group("five") else "1Y")
    mult = D(m.group("pre") or m.group("post") or "1")
    if mult <= 0:
        raise ParseError(f"{raw!r}: the LPR multiple must be above zero")
    spread = ZERO
    if m.group("num"):
        spread = D(m.group("num")) / (HUNDRED if m.group("unit") == "%" else Decimal(10000))
        if m.group("sign") == "-":
            spread = -spread
    return LprLink(tenor, mult, spread, raw)


def _parse_rate_number(s: str) -> Decimal:
    if s.endswith("%"):
        if not re.fullmatch(r"\d+(\.\d+)?", s[:-1]) or significant_digits(s[:-1]) > MAX_SIGNIFICANT_DIGITS:
            raise ParseError(f"{s!r} is not a percentage (digits like 24% or 0.05%)")
        return D(s[:-1]) / HUNDRED
    m = re.fullmatch(r"(百|千|万)分之(.+)", s)
    if m:
        denom = {"百": 100, "千": 1000, "万": 10000}[m.group(1)]
        return _cn_number(m.group(2)) / Decimal(denom)
    if any(u in s for u in _CN_UNITS):
        total = ZERO
        rest = s
        for unit, weight in _CN_UNITS.items():
            if unit in rest:
                num, _, rest = rest.partition(unit)
                total += _cn_number(num) * weight
        if rest.strip():
            raise ParseError(f"unexpected {rest!r}")
        return total / 10  # 1 分 = 1%, before the period's scale
    if re.fullmatch(r"\d+(\.\d+)?", s):
        raise ParseError(f"{s!r} has no unit: {_unit_hint(D(s))}")
    raise ParseError(f"unexpected {s!r}")


def _unit_hint(x: Decimal) -> str:
    """``24`` -> ``"24%"? "2.4%"?``; ``0.24`` -> ``"24%"? "0.24%"?``: the readings a bare number may have."""
    def p(v: Decimal) -> str:
        t = f"{v.normalize():f}"
        return f'"{t}%"'

    return f"{p(x)}? {p(x / 10)}?" if x >= 1 else f"{p(x * HUNDRED)}? {p(x)}?"


def _uses_fen_li(s: str) -> bool:
    return "分之" not in s and any(u in s for u in _CN_UNITS)
