"""The Report is a closed, typed value, and every report-printing command's JSON comes from the one
function ``report.jsonout.to_json``.

Closed: built for every example (traced, as the statement needs it), the Report holds only records
of ``report.model`` and values of the layers below, never a replay result, an account or a free-form
dict section; walking it finds no object of ``debtcli.engine`` at all (a payment plan in force and the
annualised cost are the report's own ``PlanSection`` and ``AnnualCostSection``)."""

from __future__ import annotations

import ast
import dataclasses
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from debtcli.cli.app import app
from debtcli.importers.case_loader import load_case
from debtcli.report.build import balance_report, build_report, schedule_report
from debtcli.report.jsonout import to_json
from debtcli.report.model import Report
from tests.conftest import EXAMPLES

CASES = sorted(p.parent for p in EXAMPLES.glob("*/case.toml"))
PLAIN = (str, int, bool, float, Decimal, date, type(None))


def walk(value, path: str, seen: list) -> None:
    """Every object reachable from ``value``, with where it was found."""
    seen.append((path, value))
    if isinstance(value, PLAIN):
        return
    if dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            walk(getattr(value, f.name), f"{path}.{f.name}", seen)
    elif isinstance(value, dict):
        for k, v in value.items():
            walk(v, f"{path}[{k!r}]", seen)
    elif isinstance(value, (tuple, list)):
        for i, v in enumerate(value):
            walk(v, f"{path}[{i}]", seen)


def test_the_report_declares_no_free_form_section():
    names = {f.name for f in dataclasses.fields(Report)}
    assert "extra" not in names and "contract_result" not in names and "lawful_result" not in names


@pytest.mark.parametrize("case_dir", CASES, ids=lambda p: p.name)
def test_no_engine_object_in_a_report(case_dir):
    case, _ = load_case(str(case_dir))
    report = build_report(case)
    seen: list = []
    walk(report, "report", seen)
    engine = [(p, type(v).__name__) for p, v in seen if type(v).__module__.startswith("debtcli.engine")]
    assert engine == []
    # every dict left is a table of plain values keyed by name (balances, conventions, per-diem)
    for p, v in seen:
        if isinstance(v, dict):
            assert all(isinstance(k, str) for k in v), p


def test_plans_and_annual_cost_are_report_records():
    """settlement: one payment plan in force (examples/settlement); bank-loan: a loan with an annualised
    cost. Both sections are records of report.model, and render reads nothing else."""
    from debtcli.report.model import AnnualCostSection, CashFlowLine, PlanInstallment, PlanSection

    settled, _ = load_case(str(EXAMPLES / "settlement"))
    r = build_report(settled)
    assert r.plans and all(isinstance(p, PlanSection) for p in r.plans)
    assert all(isinstance(x, PlanInstallment) for p in r.plans for x in p.installments)
    plan = r.plans[0]
    assert plan.count == len(plan.due_dates) and plan.amount == plan.balance_before["total"] - plan.forgiven
    bank, _ = load_case(str(EXAMPLES / "bank-loan"))
    r = build_report(bank)
    assert isinstance(r.annual_cost, AnnualCostSection)
    assert r.annual_cost.flows and all(isinstance(f, CashFlowLine) for f in r.annual_cost.flows)


def test_card_cycles_are_in_the_json(run_json):
    """card-default, the cycle of 2024-03-05 (examples/card-default/ledger.csv): purchases of 3,000.00
    (2024-01-13) and 1,200.00 (2024-01-20) and a cash advance of 1,000.00 (2024-02-25) at 0.05% a day
    (18% / 360), the statement of 2024-02-05 not paid in full, so interest runs on each whole amount
    from its posting date (full_balance) through the statement date, and on what was left of the
    3,000.00 purchase (2,580.00) after the payment of 420.00 on 2024-02-22:
        3,000.00 x 0.18 x 40 / 360 = 60.00  (2024-01-13 .. 2024-02-21)
        2,580.00 x 0.18 x 13 / 360 = 16.77  (2024-02-22 .. 2024-03-05)
        1,200.00 x 0.18 x 46 / 360 = 27.60  (2024-01-20 .. 2024-03-05)
        1,000.00 x 0.18 x 10 / 360 =  5.00  (2024-02-25 .. 2024-03-05)
    together 109.37, the cycle's interest."""
    _, rep = run_json("verify", EXAMPLES / "card-default")
    card = rep["card"]
    assert card["interest_model"] == "full_balance" and card["interest_model_stated"] is True
    cycle = next(c for c in card["cycles"] if c["statement_date"] == "2024-03-05")
    assert (cycle["cycle_start"], cycle["days"]) == ("2024-02-06", 29)
    assert cycle["interest"] == "109.37"  # 60.00 + 16.77 + 27.60 + 5.00
    assert (cycle["opening"], cycle["new_transactions"], cycle["payments"]) == ("4200.00", "1010.00", "420.00")
    # each cycle closes at its opening plus what it added less what was paid
    for c in card["cycles"]:
        closing = (Decimal(c["opening"]) + Decimal(c["new_transactions"]) - Decimal(c["payments"])
                   + Decimal(c["interest"]) + Decimal(c["penalties"]))
        assert closing == Decimal(c["closing"]), c["statement_date"]
    assert len(card["contract_cycles"]) == len(card["cycles"])
    loan = run_json("verify", EXAMPLES / "bank-loan")[1]
    assert "card" not in loan


def test_card_and_us_sections_are_typed():
    card, _ = load_case(str(EXAMPLES / "card-default"))
    r = build_report(card)
    assert r.card is not None and r.card.cycles and r.us is None
    first = r.card.cycles[0]
    assert isinstance(first.statement_date, date) and isinstance(first.closing, Decimal)
    us, _ = load_case(str(EXAMPLES / "us-card-debt-buyer"))
    r = build_report(us)
    assert r.us is not None and r.us.itemization is not None and r.us.validation is not None
    assert r.us.validation.sent <= r.us.validation.end


CLI_DIR = Path(__file__).resolve().parent.parent / "debtcli" / "cli"


def test_commands_print_reports_only_through_to_json():
    """In the CLI, every print_json(...) of verify, schedule, balance, quote and interest is
    print_json(to_json(...)): no command assembles its own JSON."""
    for name in ("verify", "schedule", "balance", "quote", "interest"):
        tree = ast.parse((CLI_DIR / f"{name}.py").read_text(encoding="utf-8"))
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "print_json"]
        assert calls, name
        for call in calls:
            arg = call.args[0]
            assert isinstance(arg, ast.Call) and getattr(arg.func, "id", "") == "to_json", name


def cli_json(*args: str) -> dict:
    res = CliRunner().invoke(app, list(args))
    assert res.exit_code in (0, 1), res.output
    return json.loads(res.stdout)


def test_schedule_and_balance_are_reports():
    """bank-loan: 60,000 in 36 equal installments (examples/bank-loan); the schedule's principal
    column adds up to the principal lent, and each component of the balance on the last due date is
    the sum of its overdue, due and not-yet-due parts."""
    case, _ = load_case(str(EXAMPLES / "bank-loan"))
    sched, issues = schedule_report(case)
    assert sched is not None and not [i for i in issues if i.severity == "error"]
    assert sched.total("principal") == case.terms.contract.principal
    assert to_json(sched) == cli_json("schedule", str(EXAMPLES / "bank-loan"), "--format", "json")
    day = sched.installments[-1].due
    bal, _ = balance_report(case, day)
    for k, v in bal.balance.items():
        assert v == sum(bal.buckets[b][k] for b in bal.buckets), k
    assert to_json(bal) == cli_json("balance", str(EXAMPLES / "bank-loan"), "--as-of", day.isoformat(),
                                    "--format", "json")


def test_to_json_refuses_what_is_not_a_report():
    with pytest.raises(TypeError):
        to_json({"case": "x"})


def _generated_cases():
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent / "benchmarks"))
    import portfolio_gen

    return [portfolio_gen.case_of(portfolio_gen.make_account(i, 7, 0.5, benchmark=bench))
            for i in range(1, 13) for bench in (True, False)], portfolio_gen.AS_OF


def test_the_json_of_an_untraced_report_is_the_traced_reports():
    # `verify --format json` and `batch` build the report without its trace (no computation lines, no
    # allocation of payments posted as credited); the JSON must not show the difference: every
    # example under each pack, and generated loans with planted errors (late payments, wrong postings).
    cases = [load_case(c)[0] for c in CASES]
    runs = [(case, None, rules) for case in cases for rules in (None, "none", "cn")]
    runs += [(case, None, "us") for case in cases if case.terms.case.jurisdiction == "us"]
    generated, as_of = _generated_cases()
    runs += [(case, as_of, rules) for case in generated for rules in ("none", "cn")]
    for case, on, rules in runs:
        traced = to_json(build_report(case, on, rules, trace=True))
        assert to_json(build_report(case, on, rules, trace=False)) == traced, (case.path, rules)
    # and the command prints it
    result = CliRunner().invoke(app, ["verify", str(CASES[0]), "--format", "json"])
    assert json.loads(result.output) == json.loads(json.dumps(to_json(build_report(load_case(CASES[0])[0])),
                                                              default=str))
