"""Case folders for the cn pack tests, written the way a user writes them, and run through the CLI."""

import json
from datetime import date
from decimal import Decimal

from tests.helpers import case_toml


def write_case(folder, contract: dict, case: dict | None = None, extra: str = "", ledger: str = "",
               payments: str = ""):
    folder.mkdir(parents=True, exist_ok=True)
    case = {"jurisdiction": "cn", "lender_kind": "individual", **(case or {})}
    (folder / "case.toml").write_text(case_toml(contract, case, extra), encoding="utf-8")
    if ledger:
        (folder / "ledger.csv").write_text(ledger, encoding="utf-8")
    if payments:
        (folder / "payments.csv").write_text(payments, encoding="utf-8")
    return folder


def verify_json(run_cli, folder, *args, expect=(0, 1)):
    code, out, err = run_cli("verify", folder, *args, "--format", "json")
    assert code in expect, (code, out, err)
    return code, json.loads(out)


def lawful(report, component) -> Decimal:
    return Decimal(report["balances"]["lawful"][component])


def contractual(report, component) -> Decimal:
    return Decimal(report["balances"]["contractual"][component])


def findings(report, code):
    return [f for f in report["findings"] if f["code"] == code]


def money(x) -> Decimal:
    """Round a hand calculation half-up to the fen."""
    return Decimal(x).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")


BULLET_2021 = {"signed": date(2021, 3, 1), "principal": "100000.00", "rate": "24%", "day_count": "ACT/365",
               "method": "bullet", "term_months": 12}
