"""Whole case folders, generated, driven through `verify` and `batch` like a user would: whatever
the folder holds (valid rows, malformed rows, amounts and dates out of range, payments after the
as-of date, shared references, unknown files), the run never crashes, exits with a documented code,
and accounts for every input row: used, rejected with a reason, or (payments after the as-of date)
listed as not applied."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# mostly well-formed values, so that many folders are verified and their rows must add up; the rest
# is what the hostile-input issue met: impossible or far dates, amounts of 29 digits or with marks
# that contradict the file, unknown types, an unclosed quote, formula and markup text
GOOD_DATES = ["2021-03-01", "2021-06-15", "2021-09-01", "2022-01-10", "2022-06-15", "2023-02-28", "2032-06-15"]
BAD_DATES = ["2021-02-30", "9999-12-31", "1800-01-01", "", "yesterday"]
GOOD_AMOUNTS = ["100.00", "20000.00", "5000", "1066.19", "0.01", '"1,066.19"']
BAD_AMOUNTS = ["1,066.19", "-50.00", "1e5", "abc", "", "12345678901234567890123456789.00", "100.005", "３００.００"]
GOOD_TYPES = ["disbursement", "interest", "fee", "penalty", "payment", "payment", "waiver"]
REFS = ["", "R1", "R1", "SAME", "WX-7", "=HYPERLINK(1)", "[/x]", "\x1b[31m"]


def _row(*columns):
    return st.tuples(*columns)


good_ledger = _row(st.sampled_from(GOOD_DATES), st.sampled_from(GOOD_TYPES), st.sampled_from(GOOD_AMOUNTS),
                   st.sampled_from(REFS))
bad_ledger = _row(st.sampled_from(GOOD_DATES + BAD_DATES), st.sampled_from(GOOD_TYPES + ["神秘费", ""]),
                  st.sampled_from(GOOD_AMOUNTS + BAD_AMOUNTS), st.sampled_from(REFS + ['"unclosed']))
good_payment = _row(st.sampled_from(GOOD_DATES), st.sampled_from(GOOD_AMOUNTS), st.sampled_from(REFS))
bad_payment = _row(st.sampled_from(GOOD_DATES + BAD_DATES), st.sampled_from(GOOD_AMOUNTS + BAD_AMOUNTS),
                   st.sampled_from(REFS + ['"unclosed']))
CASE_FLAWS = {1: ("rate", '"24"'), 2: ("rate", '"abc"'), 3: ("principal", '"99999999999999999999.00"')}


def _flawed(spec_and_flaw):
    spec, flaw = spec_and_flaw
    if flaw in CASE_FLAWS:
        key, value = CASE_FLAWS[flaw]
        spec = {**spec, key: value}
    return spec


def _rows(good, bad):
    """Well-formed rows, and now and then one malformed row among them."""
    return st.tuples(st.lists(good, max_size=8), st.integers(0, 4), bad).map(
        lambda t: t[0] + [t[2]] if t[1] == 4 else t[0])


case_spec = st.tuples(st.fixed_dictionaries({
    "rate": st.sampled_from(['"24%"', '"2%/month"', '"8.5%"', '"0.05%/day"']),
    "principal": st.sampled_from(['"100000.00"', '"5000.00"']),
    "method": st.sampled_from(['"bullet"', '"equal_installment"', '"interest_only"']),
    "demand": st.sampled_from([None, 'total = "130000.00"', 'principal = "90000.00"\ninterest = "5000.00"']),
    "jurisdiction": st.sampled_from(['"cn"', '"none"']),
    "ledger": st.one_of(st.none(), _rows(good_ledger, bad_ledger)),
    "payments": st.one_of(st.none(), _rows(good_payment, bad_payment)),
    "extra": st.sampled_from([None, None, None, "notes.md", "Ledger.xls"]),
}), st.integers(0, 9)).map(_flawed)


def _write_case(folder, spec):
    folder.mkdir(parents=True)
    toml = ['schema = "debtcli/1"', "[case]", 'id = "P-1"', f"jurisdiction = {spec['jurisdiction']}",
            'lender_kind = "individual"', 'currency = "CNY"', "[contract]", "signed = 2021-03-01",
            f"principal = {spec['principal']}", f"rate = {spec['rate']}", 'day_count = "ACT/365"',
            f"method = {spec['method']}", "term_months = 12"]
    if spec["demand"] is not None:
        toml += ["[demand]", "as_of = 2023-03-01", spec["demand"]]
    (folder / "case.toml").write_text("\n".join(toml) + "\n", encoding="utf-8")
    rows = {}
    if spec["ledger"] is not None:
        lines = ["date,type,amount,reference,memo"] + [",".join(r) + ",x" for r in spec["ledger"]]
        (folder / "ledger.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        rows["ledger.csv"] = len(spec["ledger"])
    if spec["payments"] is not None:
        lines = ["date,amount,reference"] + [",".join(r) for r in spec["payments"]]
        (folder / "payments.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        rows["payments.csv"] = len(spec["payments"])
    if spec["extra"]:
        (folder / spec["extra"]).write_text("x", encoding="utf-8")
    return rows


def _accounted(report, rows_written):
    """Every data row written is used or rejected; rejected rows are listed; late payments listed."""
    files = {i["file"]: i for i in report["inputs"]["files"]}
    for name, written in rows_written.items():
        if name not in files:
            continue  # a file the run did not read is listed in inputs.ignored
        f = files[name]
        assert f["rows"] + f["rejected"] == written, (name, f, written)
        listed = [r for r in report["rejected_rows"] if r["file"] == name]
        assert len(listed) == f["rejected"], (name, listed, f)
        assert f["not_applied"] <= f["rows"]
    for late in report["payments"]["after_as_of"]:
        assert late["date"] > report["as_of"] and late["applied"] is False
    ignored = {x["file"] for x in report["inputs"]["ignored"]}
    assert set(rows_written) <= set(files) | ignored


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=case_spec)
def test_verify_any_case_folder(tmp_path_factory, run_cli, spec):
    folder = tmp_path_factory.mktemp("case") / "c"
    rows_written = _write_case(folder, spec)
    code, out, err = run_cli("verify", folder, "--format", "json")
    assert code in (0, 1, 2), (code, err)
    assert "Traceback" not in err and "internal error" not in err
    if code == 2:
        assert out == "" and "error:" in err
        return
    report = json.loads(out)
    assert (code == 1) == any(f["severity"] == "error" for f in report["findings"])
    _accounted(report, rows_written)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=st.lists(case_spec, min_size=1, max_size=4))
def test_batch_any_folder_of_cases(tmp_path_factory, run_cli, specs):
    root = tmp_path_factory.mktemp("cases")
    written = {f"A{i:02d}": _write_case(root / f"A{i:02d}", spec) for i, spec in enumerate(specs)}
    out = root.parent / "results.jsonl"
    code, _, err = run_cli("batch", root, "--out", out, "--workers", "1")
    assert code in (0, 1, 2), (code, err)
    assert "Traceback" not in err
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [x["account"] for x in lines] == sorted(written)  # one line per account, in order
    for line in lines:
        if "error" in line:
            assert line["error_kind"] == "input" and line["problems"], line
            assert all({"file", "sheet", "row", "column", "message"} <= set(p) for p in line["problems"])
        else:
            _accounted(line, written[line["account"]])
    unreadable = sum(1 for x in lines if "error" in x)
    flagged = sum(1 for x in lines if "error" not in x and any(f["severity"] == "error" for f in x["findings"]))
    assert code == (2 if unreadable else 1 if flagged else 0)
