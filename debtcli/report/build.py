"""Runs of the one engine over a loaded case: the contractual run (schedule, balance) and,
in ``verify``, the lawful run beside it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from debtcli.engine.account import Account, account_from_terms
from debtcli.engine.replay import ReplayResult, replay
from debtcli.model.case import Case
from debtcli.model.records import Issue
from debtcli.reconcile.payments import PaymentMatch, payments_to_credit


@dataclass(frozen=True)
class ContractRun:
    account: Account
    result: ReplayResult
    match: PaymentMatch | None
    issues: tuple[Issue, ...]


def default_as_of(case: Case) -> date:
    """The demand's date, else the last scheduled due date, else the contract date."""
    t = case.terms
    if t.demand and t.demand.as_of:
        return t.demand.as_of
    from debtcli.engine.account import due_dates_for

    dues = due_dates_for(t)
    return max(dues) if dues else t.contract.signed


def all_records(case: Case):
    return tuple(case.terms.payments) + tuple(case.payments)


def contract_account(case: Case, until: date, with_payments: bool = True):
    from debtcli.rules.lpr import load_lpr_table

    credited, match = ((), None)
    if with_payments:
        window = int(case.terms.reconcile.get("window_days", 3))
        credited, match = payments_to_credit(case.ledger, all_records(case), case.has_ledger,
                                             bool(all_records(case)), window)
    account, issues = account_from_terms(case.terms, payments=credited, fixings=load_lpr_table(), until=until)
    return account, match, issues


def contract_run(case: Case, as_of: date, trace: bool = True, with_payments: bool = True) -> ContractRun:
    account, match, issues = contract_account(case, as_of, with_payments)
    return ContractRun(account, replay(account, as_of, trace), match, tuple(issues))


def schedule_run(case: Case) -> ContractRun:
    """The contractual schedule: the replay with no payments and no acceleration, charge-off or
    waiver (rate changes stay), up to the last due date."""
    from dataclasses import replace

    from debtcli.engine.account import due_dates_for

    dues = due_dates_for(case.terms)
    end = max(dues) if dues else case.terms.contract.signed
    account, _, issues = contract_account(case, end, with_payments=False)
    account = replace(account, events=())
    return ContractRun(account, replay(account, end, trace=False), None, tuple(issues))
