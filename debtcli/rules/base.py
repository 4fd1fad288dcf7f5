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
* ``legal_basis(component) -> str``: the statute behind a component's lawful figure, for the
  computation lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from debtcli.engine.account import Account
from debtcli.model.case import Case


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


def get_pack(name: str):
    """The rule pack called ``name``: cn | us | none. Any other is untrusted input (``InputError``)."""
    if name == "none":
        from debtcli.rules.none import NonePack

        return NonePack()
    if name == "cn":
        from debtcli.rules.cn import CnPack

        return CnPack()
    if name == "us":
        from debtcli.rules.us import UsPack

        return UsPack()
    from debtcli.model.records import InputError, Issue, SourceRef

    raise InputError([Issue(SourceRef("case.toml", column="case.jurisdiction"),
                            f"case.jurisdiction: no rule pack {name!r} in this version; use cn, us or none "
                            "(or --rules cn / --rules us / --rules none)", code="RULES")])
