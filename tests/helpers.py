"""Small builders for tests: a case.toml from keyword pieces, replays of it."""

from datetime import date

from debtcli.engine.account import account_from_terms
from debtcli.engine.replay import replay
from debtcli.rules.lpr import load_lpr_table
from debtcli.terms.loader import load_terms_text


def toml_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, date)):
        return str(v) if not isinstance(v, date) else v.isoformat()
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    return '"' + str(v) + '"'


def case_toml(contract: dict, case: dict | None = None, extra: str = "") -> str:
    case = {"id": "T-1", **(case or {})}
    lines = ['schema = "debtcli/1"', "[case]"]
    lines += [f"{k} = {toml_value(v)}" for k, v in case.items()]
    lines.append("[contract]")
    lines += [f"{k} = {toml_value(v)}" for k, v in contract.items()]
    return "\n".join(lines) + "\n" + extra


def terms_of(contract: dict, case: dict | None = None, extra: str = ""):
    terms, issues = load_terms_text(case_toml(contract, case, extra))
    assert terms is not None, [str(i) for i in issues]
    return terms


def run(contract: dict, as_of: date, payments=(), case: dict | None = None, extra: str = "", trace=True):
    terms = terms_of(contract, case, extra)
    account, issues = account_from_terms(terms, payments=payments or None, fixings=load_lpr_table(), until=as_of)
    assert not [i for i in issues if i.severity == "error"], issues
    return account, replay(account, as_of, trace)
