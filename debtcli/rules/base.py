"""The rule-pack interface. A pack turns contract terms into lawful terms and reviews the two
replays; it is data plus small functions, each rule carrying its legal basis.

A pack is an object with:

* ``name``, ``version``
* ``lawful_account(ctx) -> (Account, findings, notes)``: the account the lawful replay runs on
  (same payments; capped rates, removed charges, principal as actually handed over ...), the
  findings that follow from the terms alone, and notes (name -> text) printed with the conventions.
* ``review(ctx, contract_result, lawful_result) -> findings``: findings that need both replays
  (combined caps, reducible amounts, interest on fees ...).
* ``limitation(ctx, contract_result) -> Limitation | None``.
* ``allocation_default``: the order used when the contract has none (or None).
* ``allocation_basis``: the law behind that order (a ``Text``), printed with the conventions.
* ``legal_basis(component) -> str``: the statute behind a component's lawful figure, for the
  computation lines.
"""

from __future__ import annotations

from datetime import date

from debtcli.engine.account import Account
from debtcli.model.lazy_dataclass import dataclass
from debtcli.terms.case import Case
from debtcli.model.records import Issue, SourceRef


@dataclass(frozen=True)
class PackContext:
    """What a pack sees: the case, the contractual account, the as-of and filing dates, the LPR table."""

    case: Case
    contract_account: Account
    as_of: date
    fixings: object  # debtcli.rules.lpr.Fixings
    settings: dict  # [rules] table of case.toml, already merged with command-line overrides

    @property
    def terms(self):
        return self.case.terms

    @property
    def filed(self) -> date:
        return self.case.terms.case.filed or self.as_of


def checked_on(ctx) -> date:
    """The day limitation is judged on: the filing date where a claim was filed, else the as-of date."""
    return ctx.terms.case.filed or ctx.as_of


class SettingsCheck:
    """Checks a pack's ``[rules]`` table: every unknown key and every bad value becomes an Issue naming
    its key path, so that all of them are reported in one run."""

    def __init__(self, raw: dict, known):
        self.raw, self.issues = raw, []
        for key in raw:
            if key not in known:
                self.issues.append(Issue(SourceRef("case.toml", column=f"rules.{key}"),
                                         f"rules.{key}: unknown key (known keys here: {', '.join(known)})",
                                         code="TERMS"))

    def bad(self, key: str, expected: str) -> None:
        self.issues.append(Issue(SourceRef("case.toml", column=f"rules.{key}"),
                                 f"rules.{key}: found {self.raw[key]!r}, expected {expected}", code="TERMS"))
