"""The Report is a closed, typed value, and every report-printing command's JSON comes from the one
function ``report.jsonout.to_json``.

Closed: built for every example (traced, as the statement needs it), the Report holds only records
of ``report.model`` and values of the layers below, never a replay result, an account or a free-form
dict section; walking it finds no object of ``debtcli.engine`` except two value records it still
carries from there: a payment plan's outcome (``report.plans``) and the annualised cost
(``report.annual_cost``, ``engine.apr.AnnualCost``)."""

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
    engine = [(p, type(v).__name__) for p, v in seen
              if type(v).__module__.startswith("debtcli.engine")
              and not p.startswith(("report.plans", "report.annual_cost"))]
    assert engine == []
    # every dict left is a table of plain values keyed by name (balances, conventions, per-diem)
    for p, v in seen:
        if isinstance(v, dict):
            assert all(isinstance(k, str) for k in v), p


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
