"""The Regulation F itemization (12 CFR 1006.34(c)(2)): the amount owed on the itemization date,
the interest, the fees and the payments and credits since, and the current amount, so that

    current = itemization amount + interest + fees - payments and credits

holds to the cent (a credit held after an overpayment counts as paid and lowers the amounts). The
figures come from two runs of the one replay over the same (lawful)
account: up to the itemization date and up to the as-of date. For each component, what was charged
in between is its balance now, less its balance then, plus what was paid or waived on it in
between; so the identity holds by construction, and a line that does not hold in a creditor's
letter is a real discrepancy.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from debtcli.model.lazy_dataclass import dataclass
from debtcli.model.money import ZERO
from debtcli.model.records import COMPONENTS

INTEREST = ("interest", "default_interest", "compound_interest")
FEES = ("fees", "penalties", "costs")
LINES = ("amount", "interest", "fees", "payments", "current")


@dataclass(frozen=True)
class Itemization:
    """The five lines of the itemization block, each a Decimal at the minor unit. ``principal``
    is new principal (purchases, advances) charged after the itemization date: it has no line of
    its own in the form, so it must be zero for a valid itemization."""

    date: date
    basis: str  # last_statement | charge_off | last_payment | transaction | judgment
    amount: Decimal
    interest: Decimal
    fees: Decimal
    payments: Decimal
    current: Decimal
    principal: Decimal = ZERO
    by_component: tuple = ()  # ((component, charged since), ...)

    def line(self, name: str) -> Decimal:
        return getattr(self, name)

    @property
    def holds(self) -> bool:
        return self.amount + self.interest + self.fees + self.principal - self.payments == self.current


def itemize(then, now, basis: str) -> Itemization:
    """The itemization from ``then`` (the replay up to the itemization date) to ``now`` (the replay
    up to the as-of date) of the same account."""
    charged = {}
    for c in COMPONENTS:
        charged[c] = (now.balance[c] - then.balance[c] + now.paid.get(c, ZERO) - then.paid.get(c, ZERO)
                      + now.waived.get(c, ZERO) - then.waived.get(c, ZERO))
    # an overpayment is held as a credit: it is paid all the same, and the balance is net of it
    paid = sum(((now.paid.get(c, ZERO) - then.paid.get(c, ZERO)) + (now.waived.get(c, ZERO) - then.waived.get(c, ZERO))
                for c in COMPONENTS), ZERO) + (now.credit - then.credit)
    return Itemization(
        date=then.as_of, basis=basis, amount=then.balance["total"] - then.credit,
        interest=sum((charged[c] for c in INTEREST), ZERO),
        fees=sum((charged[c] for c in FEES), ZERO),
        payments=paid, current=now.balance["total"] - now.credit, principal=charged["principal"],
        by_component=tuple((c, charged[c]) for c in COMPONENTS))


def stated_identity_gap(stated: dict, current: Decimal | None) -> Decimal | None:
    """How far the creditor's own lines miss the identity (current minus the sum of the lines), or
    None when a line is missing."""
    if current is None or any(k not in stated for k in ("amount", "interest", "fees", "payments")):
        return None
    return current - (stated["amount"] + stated["interest"] + stated["fees"] - stated["payments"])
