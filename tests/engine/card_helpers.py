"""Builders for card tests: a card contract plus issuer lines, replayed by the one engine."""

from datetime import date
from decimal import Decimal

from debtcli.engine.account import account_from_terms
from debtcli.engine.replay import replay
from debtcli.model.records import LedgerRow, PaymentRecord, SourceRef
from tests.helpers import terms_of

CARD = {"product": "card", "signed": date(2026, 1, 1), "rate": "0.05%/day", "day_count": "ACT/360",
        "statement_day": 5, "due_day": 23}


def line(d, typ, amount, posted=None, row=2):
    return LedgerRow(d, typ, Decimal(amount), posted=posted, source=SourceRef("ledger.csv", row=row))


def pay(d, amount):
    return PaymentRecord(d, Decimal(amount))


def card_terms(extra_toml="", **contract):
    """Card terms; a value written as an inline table (``'{ rate = "5%" }'``) goes in as TOML."""
    merged = {k: v for k, v in {**CARD, **contract}.items() if v is not None}
    raw = {k: v for k, v in merged.items() if isinstance(v, str) and v.startswith("{")}
    plain = {k: v for k, v in merged.items() if k not in raw}
    return terms_of(plain, extra="".join(f"{k} = {v}\n" for k, v in raw.items()) + extra_toml)


def card_run(as_of, ledger=(), payments=(), extra_toml="", **contract):
    terms = card_terms(extra_toml, **contract)
    account, issues = account_from_terms(terms, payments=tuple(payments), until=as_of, ledger=tuple(ledger))
    assert not [i for i in issues if i.severity == "error"], issues
    return account, replay(account, as_of)


def cycle(result, statement_date):
    return next(c for c in result.card.cycles if c.statement_date == statement_date)


def spans(cyc):
    """(first day, last day, days, base) of each interest line: the last day is end - 1."""
    return [(ln.start, date.fromordinal(ln.end.toordinal() - 1), ln.days, ln.base) for ln in cyc.lines]
