"""The creditor's ledger against itself (running balance) and against the contractual replay."""

from decimal import ROUND_HALF_UP, Decimal

CASE = ('schema = "debtcli/1"\n[case]\nid = "L-1"\njurisdiction = "none"\n[contract]\nsigned = 2024-01-01\n'
        'principal = "100000.00"\nrate = "12%"\nday_count = "ACT/365"\nmethod = "bullet"\nterm_months = 12\n'
        '[demand]\nas_of = 2024-03-01\n')


def cents(x) -> Decimal:
    return Decimal(x).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def make_case(tmp_path, ledger: str, extra: str = ""):
    (tmp_path / "case.toml").write_text(CASE + extra, encoding="utf-8")
    (tmp_path / "ledger.csv").write_text(ledger, encoding="utf-8")
    return tmp_path


def test_a_running_balance_that_does_not_add_up_is_reported_once(tmp_path, run_json):
    folder = make_case(tmp_path, "日期,摘要,金额,余额\n2024-01-01,贷款发放,100000.00,100000.00\n"
                                 "2024-02-01,结息,1019.18,101119.18\n"     # 100000 + 1019.18 = 101019.18: +100.00
                                 "2024-02-01,还款,1019.18,100100.00\n"     # from the stated 101119.18: right
                                 "2024-03-01,还款,100.00,99900.00\n")      # 100100 - 100 = 100000: -100.00
    _, report = run_json("verify", folder)
    found = [f for f in report["findings"] if f["code"] == "LEDGER_ARITHMETIC"]
    assert [(f["severity"], f["amount"], f["evidence"][0]["row"], f["details"]["stated"], f["details"]["computed"])
            for f in found] == [
        ("error", "100.00", 3, "101119.18", "101019.18"),
        ("warning", "-100.00", 5, "99900.00", "100000.00"),
    ]
    assert found[0]["evidence"][0] == {"file": "ledger.csv", "row": 3, "column": "balance"}
    assert found[0]["message_zh"].startswith("台账 2024-02-01（第 3 行）余额为 101,119.18")


def test_posted_interest_is_compared_with_the_replay_period_by_period(tmp_path, run_json):
    folder = make_case(tmp_path, "date,type,amount\n2024-01-01,disbursement,100000.00\n"
                                 "2024-02-01,interest,1050.00\n2024-03-01,interest,953.41\n")
    _, report = run_json("verify", folder)
    found = [f for f in report["findings"] if f["code"] == "POSTING_MISMATCH"]
    january = cents(Decimal(100000) * Decimal("0.12") * 31 / 365)   # 2024-01-01 .. 2024-01-31: 31 days
    february = cents(Decimal(100000) * Decimal("0.12") * 29 / 365)  # 2024-02-01 .. 2024-02-29: 29 days
    assert (january, february) == (Decimal("1019.18"), Decimal("953.42"))
    assert [(f["severity"], f["component"], f["details"]["ledger"], f["details"]["recomputed"], f["amount"],
             f["details"]["from"], f["details"]["to"]) for f in found] == [
        ("error", "interest", "1050.00", str(january), str(Decimal("1050.00") - january), None, "2024-02-01"),
        ("info", "interest", "953.41", str(february), str(Decimal("953.41") - february), "2024-02-01",
         "2024-03-01"),
    ]
    assert found[1]["details"]["rounding"] is True
    assert "rounding difference within the tolerance of 0.01" in found[1]["message_en"]
    assert found[0]["evidence"] == [{"file": "ledger.csv", "row": 3}]


def test_the_tolerance_is_a_setting(tmp_path, run_json):
    folder = make_case(tmp_path, "date,type,amount\n2024-01-01,disbursement,100000.00\n2024-02-01,interest,1019.00\n",
                       '[reconcile]\ntolerance = "0.50"\n')
    _, report = run_json("verify", folder)
    [f] = [f for f in report["findings"] if f["code"] == "POSTING_MISMATCH"]
    assert (f["severity"], f["amount"]) == ("info", "-0.18")  # 1019.00 - 1019.18, within 0.50


def test_matching_postings_give_no_finding(tmp_path, run_json):
    folder = make_case(tmp_path, "date,type,amount,balance\n2024-01-01,disbursement,100000.00,100000.00\n"
                                 "2024-02-01,interest,1019.18,101019.18\n")
    _, report = run_json("verify", folder)
    assert not [f for f in report["findings"] if f["code"] in ("POSTING_MISMATCH", "LEDGER_ARITHMETIC")]


def test_a_principal_only_balance_column_is_recognised_not_flagged(tmp_path, run_json):
    folder = make_case(tmp_path, "日期,摘要,金额,贷款余额\n2024-01-01,贷款发放,100000.00,100000.00\n"
                                 "2024-02-01,结息,1019.18,100000.00\n2024-02-01,还款,1019.18,100000.00\n")
    _, report = run_json("verify", folder)
    found = [f for f in report["findings"] if f["code"] == "LEDGER_ARITHMETIC"]
    assert [(f["severity"], f["amount"]) for f in found] == [("info", "0.00")]
    assert "principal outstanding" in found[0]["message_en"]


def test_a_newest_first_ledger_is_added_up_from_its_last_row(tmp_path, run_json):
    # The same ledger as above listed newest first, as many bank exports print it: read from the
    # bottom, the same two rows are off, by the same amounts.
    folder = make_case(tmp_path, "日期,摘要,金额,余额\n2024-03-01,还款,100.00,99900.00\n"
                                 "2024-02-01,还款,1019.18,100100.00\n2024-02-01,结息,1019.18,101119.18\n"
                                 "2024-01-01,贷款发放,100000.00,100000.00\n")
    _, report = run_json("verify", folder)
    found = [f for f in report["findings"] if f["code"] == "LEDGER_ARITHMETIC"]
    assert [(f["amount"], f["evidence"][0]["row"], f["details"]["computed"]) for f in found] == [
        ("100.00", 4, "101019.18"), ("-100.00", 2, "100000.00")]


def test_a_first_row_off_from_zero_reads_in_both_languages(tmp_path, run_cli, run_json):
    # Rows out of date order (neither oldest nor newest first) are added up in file order: the first
    # row, a payment of 1,019.18 with a balance of 100,100.00, does not follow from a ledger that starts
    # at 0.00 (0.00 - 1,019.18 = -1,019.18, difference 101,119.18). The message says so, not an
    # internal error, in Chinese and in English.
    folder = make_case(tmp_path, "日期,摘要,金额,余额\n2024-02-01,还款,1019.18,100100.00\n"
                                 "2024-01-01,贷款发放,100000.00,100000.00\n2024-03-01,还款,100.00,99900.00\n")
    _, report = run_json("verify", folder)
    first = next(f for f in report["findings"] if f["code"] == "LEDGER_ARITHMETIC")
    assert (first["amount"], first["details"]["computed"]) == ("101119.18", "-1019.18")
    assert "期初余额 0.00" in first["message_zh"]
    code, out, _ = run_cli("verify", folder)
    assert code == 1 and "期初余额 0.00" in out
    code, out, _ = run_cli("verify", folder, "--lang", "en")
    assert code == 1 and "the ledger starts at 0.00" in " ".join(out.split())
