"""The message catalogue: every sentence a finding, a legal basis or a note says, in each language.

A finding (``debtcli.model.findings.Finding``) carries a code and named parameters; a ``Text`` is a
catalogue key with parameters. Here they become words, at render time, in the report's language.
Each language is one module (``en``, ``zh``) holding ``CATALOGUE``: key -> a string, or a function
of (params, words) for a sentence whose shape depends on its parameters. ``Words`` writes amounts,
rates, dates and names the same way in every sentence of that language.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from decimal import ROUND_HALF_UP, Decimal
from importlib import import_module

from debtcli.model.findings import Finding, Text
from debtcli.model.money import HUNDRED, fmt_grouped

LANGUAGES = ("zh", "en")


class _ByLanguage(Mapping):
    """Language -> one table of that language's module (``CATALOGUE`` or ``NAMES``). A language's
    module is imported when it is first asked for: a run that speaks one language (a ``verify`` table)
    does not load the other's 600 entries."""

    def __init__(self, table: str):
        self._table = table
        self._loaded: dict = {}

    def __getitem__(self, lang):
        try:
            return self._loaded[lang]
        except KeyError:
            if lang not in LANGUAGES:
                raise
        value = self._loaded[lang] = getattr(import_module(f"{__name__}.{lang}"), self._table)
        return value

    def __iter__(self):
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)


CATALOGUES = _ByLanguage("CATALOGUE")
NAMES = _ByLanguage("NAMES")


def language(lang: str | None) -> str:
    return lang if lang in LANGUAGES else "en"


class Words:
    """How one language writes the values inside a sentence."""

    def __init__(self, lang: str, places: int = 2):
        self.lang = language(lang)
        self.places = places
        self.catalogue = CATALOGUES[self.lang]
        self.names = NAMES[self.lang]

    def m(self, x: Decimal | None) -> str:
        """An amount, grouped: 1,234.56."""
        return "—" if x is None else fmt_grouped(x, self.places)

    def signed(self, x: Decimal) -> str:
        return f"{x:+,.{self.places}f}"

    def pct(self, x: Decimal) -> str:
        """A fraction as a percentage, at most 4 decimals: 0.154 -> 15.4%, 0.085 / 12 -> 0.7083%."""
        v = x * HUNDRED
        if v.as_tuple().exponent < -4:
            v = v.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
        return f"{v.normalize():f}%"

    def d(self, x) -> str:
        return x.isoformat() if isinstance(x, date) else str(x)

    def name(self, table: str, key) -> str:
        """A name from one of the language's name tables (components, ledger types, ...)."""
        return self.names[table].get(key, key if key is not None else "")

    def comp(self, key: str | None) -> str:
        return self.name("component", key)

    def t(self, x) -> str:
        """A nested ``Text`` (or a tuple of them, joined) in this language."""
        if isinstance(x, Text):
            return say(x, self.lang, self.places)
        if isinstance(x, tuple):
            return self.catalogue["list_sep"].join(self.t(y) for y in x)
        return "" if x is None else str(x)


def say(x: Text | str, lang: str, places: int = 2, **params) -> str:
    """The words of a catalogue entry: ``x`` is a ``Text`` or a key (then ``params`` fill it)."""
    key, p = (x.key, x.params) if isinstance(x, Text) else (x, params)
    w = Words(lang, places)
    entry = w.catalogue[key]
    return entry(p, w) if callable(entry) else (entry.format(**p) if p else entry)


def finding_message(f: Finding, lang: str, places: int = 2) -> str:
    w = Words(lang, places)
    if f.variant == "prose":  # a pack that writes its own sentences (us: English only)
        return f.params.get(w.lang) or f.params["en"]
    entry = w.catalogue["finding." + f.message_key]
    return entry(f.params, w) if callable(entry) else entry


def basis_text(basis: tuple[Text, ...], lang: str, places: int = 2) -> str:
    return Words(lang, places).t(tuple(basis))


def finding_basis(f: Finding, lang: str, places: int = 2) -> str:
    return basis_text(f.basis, lang, places)


def value_text(v, lang: str, places: int = 2) -> str:
    """A value that is either words by reference (a ``Text``) or plain text, in ``lang``."""
    return say(v, lang, places) if isinstance(v, Text) else str(v)


@lru_cache(maxsize=None)
def word_table(area: str, lang: str) -> dict:
    """The words of one document area (``statement``, ``claim``, ``offer``, ...) in ``lang``, as a table:
    the catalogue's ``words.<area>.<key>`` entries, nested where a key has further parts
    (``words.statement.status.matched`` -> ``table["status"]["matched"]``). Read-only."""
    prefix = f"words.{area}."
    out: dict = {}
    for key, value in CATALOGUES[language(lang)].items():
        if key.startswith(prefix):
            node = out
            *path, last = key[len(prefix):].split(".")
            for part in path:
                node = node.setdefault(part, {})
            node[last] = value
    return out


def name(table: str, key, lang: str) -> str:
    return Words(lang).name(table, key)


__all__ = ["LANGUAGES", "Words", "say", "value_text", "finding_message", "finding_basis", "basis_text", "name", "language", "word_table"]
