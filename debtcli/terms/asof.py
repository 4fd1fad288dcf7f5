"""Which date a balance is computed for, and when a date given on the command line cannot be used.

A demand is a figure of one day: it is compared with the balances of its own ``[demand] as_of``,
never with those of another day. A balance before the contract was signed does not exist.
``verify``, ``statement`` and ``batch`` share this check (through ``report.build.build_report``),
so an account read in a portfolio is judged exactly as a single case is.
"""

from __future__ import annotations

from datetime import date

from debtcli.model.records import Issue, SourceRef


def has_demand(terms) -> bool:
    d = terms.demand
    return d is not None and bool(d.amounts or d.total is not None)


def as_of_problems(terms, as_of: date | None, compare: bool = True, option: str = "--as-of") -> list[Issue]:
    """The problems with computing ``terms`` as of ``as_of`` (a date the user asked for; None = the
    default, which is always usable). ``compare`` is False when the balances are wanted without the
    demand (``--no-demand``)."""
    if as_of is None:
        return []
    out: list[Issue] = []
    signed = terms.contract.signed
    if signed is not None and as_of < signed:
        out.append(Issue(SourceRef(option), f"{as_of} is before the contract was signed (contract.signed = "
                                            f"{signed}); there is no balance before that day", code="AS_OF"))
    demand = terms.demand
    if compare and has_demand(terms) and demand.as_of is not None and demand.as_of != as_of:
        out.append(Issue(SourceRef(option), f"{as_of} differs from [demand] as_of = {demand.as_of}: a demand "
                                            f"is compared with the balances of its own date; leave out {option} to "
                                            f"check the demand, or add --no-demand to compute the balances on "
                                            f"{as_of} without comparing", code="AS_OF"))
    return out
