"""Input that only the rule pack can judge untrusted (an unknown pack, an LPR fixing the table
lacks) stops verify, statement and batch the same way: exit 2 or an error line, every problem named."""

import json
from pathlib import Path

import pytest

CASE = '''schema = "debtcli/1"
[case]
id = "{id}"
jurisdiction = "{jurisdiction}"
lender_kind = "individual"
[contract]
signed = {signed}
principal = "10000.00"
rate = "24%"
method = "bullet"
term_months = 12
'''


def write_case(folder: Path, jurisdiction="us", signed="2024-01-01", case_id="X-1") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "case.toml").write_text(CASE.format(id=case_id, jurisdiction=jurisdiction, signed=signed),
                                      encoding="utf-8")
    return folder


@pytest.mark.parametrize("command", [["verify"], ["statement", "-o", "{tmp}/s.pdf"]])
def test_a_us_case_without_its_state_exits_2(tmp_path, run_cli, command):
    case = write_case(tmp_path / "case")
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    code, _, err = run_cli(args[0], case, *args[1:])
    assert code == 2
    assert "case.state" in err and "case.lender_kind" in err and "Traceback" not in err


def test_an_unknown_pack_is_untrusted_input():
    from debtcli.model.records import InputError
    from debtcli.rules.packs import get_pack

    with pytest.raises(InputError) as exc:
        get_pack("uk")
    assert "case.jurisdiction: no rule pack 'uk'" in str(exc.value)


@pytest.mark.parametrize("command", [["verify"], ["statement", "-o", "{tmp}/s.pdf"]])
def test_an_lpr_the_table_lacks_exits_2_never_a_guess(tmp_path, run_cli, command):
    # formed after the last known fixing: the 4 x LPR ceiling cannot be computed
    case = write_case(tmp_path / "case", jurisdiction="cn", signed="2026-11-01")
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    code, _, err = run_cli(args[0], case, *args[1:])
    assert code == 2 and "lpr" in err.lower() and "Traceback" not in err


def test_batch_gives_the_account_an_error_line_and_goes_on(tmp_path, run_cli):
    # a NY debt buyer charging 24% with no acquisition date: only the pack can tell it is needed
    a1 = write_case(tmp_path / "cases" / "A-1", jurisdiction="us", case_id="A-1")
    text = (a1 / "case.toml").read_text(encoding="utf-8")
    (a1 / "case.toml").write_text(text.replace('lender_kind = "individual"', 'lender_kind = "debt_buyer"\nstate = "NY"'),
                                  encoding="utf-8")
    write_case(tmp_path / "cases" / "A-2", jurisdiction="none", case_id="A-2")
    out = tmp_path / "results.jsonl"
    code, _, _ = run_cli("batch", tmp_path / "cases", "--out", out)
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [x["account"] for x in lines] == ["A-1", "A-2"]
    assert lines[0]["error"] == "the case could not be verified"
    assert any("rules.acquired" in (p["column"] or "") + " " + p["message"] for p in lines[0]["problems"])
    assert "error" not in lines[1] and lines[1]["case"] == "A-2"
    assert code == 2
