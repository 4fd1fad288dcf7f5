"""The cn pack through time: which interpretation governs each stretch, the 2015 band of 24-36%, the
no-rate fallback, the limitation switch of 2017-10-01, interest withheld in the contractual run.

Sources (cn-law.md §2, §8): 1991 SPC opinion Art. 6 (4 x PBOC benchmark of the loan's grade at
formation); 2015 Provisions Arts. 26, 29, 30; current Provisions Art. 31 ¶2; 民法通则 Art. 135;
法释〔2018〕12号 Arts. 2-3. Every figure is base x rate x days / basis with the dates beside it.
"""

from datetime import date
from decimal import Decimal

import pytest

from debtcli.rules.pboc import grade_for, load_benchmark_table
from tests.rules.cn_cases import contractual, findings, lawful, money, verify_json, write_case

D = Decimal
BULLET = {"principal": "100000.00", "day_count": "ACT/365", "method": "bullet", "term_months": 12}


def monthly(year: int, amount: str, months=range(2, 13), then_jan=True) -> str:
    out = "".join(f'[[payment]]\ndate = {year}-{m:02d}-01\namount = "{amount}"\n' for m in months)
    if then_jan:
        out += f'[[payment]]\ndate = {year + 1}-01-01\namount = "{amount}"\n'
    return out


INTEREST_ONLY_2016 = {"signed": date(2016, 1, 1), "principal": "100000.00", "rate": "30%", "day_count": "ACT/365",
                      "method": "interest_only", "term_months": 12}


# ---------------------------------------------------------------------- the 24-36% band (2015 Provisions Art. 26)


def test_band_paid_stands(tmp_path, run_cli):
    # 2016 loan of 100,000 at 30%, interest paid monthly: 100,000 x 30% / 12 = 2,500.00 on each of the
    # 12 due dates 2016-02-01 .. 2017-01-01. Paid interest between 24% and 36% stands: nothing goes to
    # principal, the lawful principal is the 100,000.00 lent (filed 2017-03-01: 2015 Provisions).
    folder = write_case(tmp_path / "p", INTEREST_ONLY_2016, {"filed": date(2017, 3, 1)}, monthly(2016, "2500.00"))
    _, rep = verify_json(run_cli, folder, "--as-of", "2017-01-01")
    assert lawful(rep, "principal") == D("100000.00")
    assert lawful(rep, "interest") == D("0.00")
    assert lawful(rep, "total") == contractual(rep, "total") == D("100000.00")
    assert not findings(rep, "CN.RATE_ABOVE_CAP")
    assert "2015" in rep["conventions"]["regime"]
    assert "36%" in rep["conventions"]["band_24_36"]


def test_band_unpaid_is_not_enforced(tmp_path, run_cli):
    # The same loan as a bullet, nothing paid: 2016-01-01 .. 2017-01-01 = 366 days.
    # contract 100,000 x 30% x 366 / 365 = 30,082.19; lawful 100,000 x 24% x 366 / 365 = 24,065.75
    folder = write_case(tmp_path / "u", {**BULLET, "signed": date(2016, 1, 1), "rate": "30%"},
                        {"filed": date(2017, 3, 1)})
    _, rep = verify_json(run_cli, folder, "--as-of", "2017-01-01")
    assert contractual(rep, "interest") == money(D(100000) * D("0.30") * 366 / 365) == D("30082.19")
    assert lawful(rep, "interest") == money(D(100000) * D("0.24") * 366 / 365) == D("24065.75")
    (f,) = findings(rep, "CN.RATE_ABOVE_CAP")
    assert D(f["amount"]) == D("30082.19") - D("24065.75")
    assert "2015" in f["basis_en"] and "Art. 26" in f["basis_en"] and "2016-01-01" in f["basis_en"]


def test_band_paid_above_36_goes_to_principal(tmp_path, run_cli):
    # 48%, 30,000 paid on 2016-07-01 after 182 days (2016-01-01 .. 2016-07-01).
    # Interest stands to 36%: 100,000 x 36% x 182 / 365 = 17,950.68; the other 12,049.32 is set off
    # against principal: 87,950.68. Then unpaid 2016-07-01 .. 2017-01-01 = 184 days at 24% (the band is
    # not enforced when unpaid): 87,950.68 x 24% x 184 / 365
    folder = write_case(tmp_path / "a", {**BULLET, "signed": date(2016, 1, 1), "rate": "48%"},
                        {"filed": date(2017, 3, 1)}, '[[payment]]\ndate = 2016-07-01\namount = "30000.00"\n')
    _, rep = verify_json(run_cli, folder, "--as-of", "2017-01-01")
    first = money(D(100000) * D("0.36") * 182 / 365)
    assert first == D("17950.68")
    principal = D(100000) - (D(30000) - first)
    assert lawful(rep, "principal") == principal == D("87950.68")
    assert lawful(rep, "interest") == money(principal * D("0.24") * 184 / 365)


def test_band_then_transition_2016_filed_2021(tmp_path, run_cli):
    # The monthly-paid 2016 loan, unpaid after maturity 2017-01-01; filed 2021-03-01 (current Provisions,
    # Art. 31 ¶2). Overdue principal keeps the term rate, capped: 2017-01-01 .. 2020-08-20 = 1,327 days
    # (365 + 365 + 365 + 232) at 24% (the unpaid band is not owed); 2020-08-20 .. 2021-03-01 = 193 days at
    # 4 x the LPR at filing (2021-02-20 fixing 3.85% -> 15.4%).
    folder = write_case(tmp_path / "t", INTEREST_ONLY_2016, {"filed": date(2021, 3, 1)}, monthly(2016, "2500.00"))
    _, rep = verify_json(run_cli, folder, "--as-of", "2021-03-01")
    assert lawful(rep, "principal") == D("100000.00")
    assert lawful(rep, "default_interest") == money(D(100000) * D("0.24") * 1327 / 365
                                                    + D(100000) * D("0.154") * 193 / 365)
    assert "SPC Provisions on Private Lending as amended 2020" in rep["conventions"]["regime"]


# ---------------------------------------------------------------------- regimes by filing date


@pytest.mark.parametrize("cid,contract,filed,extra,as_of,interest,codes", [
    # Formed 2014-03-01 for two years (grade 1-3 years), filed 2015-06-01: the 1991 opinion. Benchmark of
    # 2012-07-06 for 1-3 years: 6.15% -> ceiling 24.6%. 2014-03-01 .. 2015-03-01 = 365 days:
    # 100,000 x 24.6% x 365 / 365 = 24,600.00
    ("2014-filed-before-2015-09-01", {"signed": date(2014, 3, 1), "rate": "30%", "term_months": 24},
     date(2015, 6, 1), "", "2015-03-01", D("24600.00"), {"CN.RATE_ABOVE_CAP", "CN.BENCHMARK_UNVERIFIED"}),
    # The same loan filed 2015-10-01: the 2015 Provisions, unpaid interest enforceable to 24%: 24,000.00
    ("2014-filed-after-2015-09-01", {"signed": date(2014, 3, 1), "rate": "30%", "term_months": 24},
     date(2015, 10, 1), "", "2015-03-01", D("24000.00"), {"CN.RATE_ABOVE_CAP"}),
    # [rules] regime overrides the filing date (courts that kept the 1991 opinion)
    ("2014-regime-1991-override", {"signed": date(2014, 3, 1), "rate": "30%", "term_months": 24},
     date(2015, 10, 1), '[rules]\nregime = "1991"\n', "2015-03-01", D("24600.00"),
     {"CN.RATE_ABOVE_CAP", "CN.BENCHMARK_UNVERIFIED"}),
    # Formed 2014-12-01 for one year, after the grades were merged (2014-11-22: up to one year 5.60%):
    # ceiling 22.4%; 2014-12-01 .. 2015-06-01 = 182 days: 100,000 x 22.4% x 182 / 365 = 11,169.32
    ("2014-merged-grades", {"signed": date(2014, 12, 1), "rate": "30%"},
     date(2015, 7, 1), "", "2015-06-01", money(D(100000) * D("0.224") * 182 / 365),
     {"CN.RATE_ABOVE_CAP", "CN.BENCHMARK_UNVERIFIED"}),
    # Formed 2015-04-01 (2015-03-01 change, verified: up to one year 5.35% -> 21.4%); 20% is below it.
    # 2015-04-01 .. 2016-04-01 = 366 days (29 Feb 2016): 100,000 x 20% x 366 / 365 and no finding
    ("2015-below-1991-ceiling", {"signed": date(2015, 4, 1), "rate": "20%"},
     date(2015, 8, 1), "", "2016-04-01", money(D(100000) * D("0.20") * 366 / 365), set()),
    # ... and 22% is above it: 100,000 x 21.4% x 366 / 365 = 21,458.63
    ("2015-above-1991-ceiling", {"signed": date(2015, 4, 1), "rate": "22%"},
     date(2015, 8, 1), "", "2016-04-01", money(D(100000) * D("0.214") * 366 / 365), {"CN.RATE_ABOVE_CAP"}),
    # Formed 2019-06-01, filed 2020-07-01 (2015 Provisions throughout): 24%; 2019-06-01 .. 2020-06-01 = 366 days
    ("2019-filed-before-2020-08-20", {"signed": date(2019, 6, 1), "rate": "30%"},
     date(2020, 7, 1), "", "2020-06-01", money(D(100000) * D("0.24") * 366 / 365), {"CN.RATE_ABOVE_CAP"}),
    # Formed 2021-03-01, filed 2022: 4 x LPR at formation (2021-02-20 fixing, 3.85% -> 15.4%): 15,400.00
    ("2021-current", {"signed": date(2021, 3, 1), "rate": "24%"},
     date(2022, 6, 1), "", "2022-03-01", D("15400.00"), {"CN.RATE_ABOVE_CAP"}),
])
def test_regime_by_filing_date(tmp_path, run_cli, cid, contract, filed, extra, as_of, interest, codes):
    folder = write_case(tmp_path / cid, {**BULLET, **contract}, {"filed": filed}, extra)
    _, rep = verify_json(run_cli, folder, "--as-of", as_of)
    assert lawful(rep, "interest") == interest
    assert {f["code"] for f in rep["findings"] if f["code"].startswith("CN.")} == codes
    for f in rep["findings"]:
        if f["code"] == "CN.RATE_ABOVE_CAP":  # the basis names the regime, the article and the stretch
            assert "Art." in f["basis_en"] and "stretch" in f["basis_en"]
            assert contract["signed"].isoformat() in f["basis_en"]


def test_benchmark_before_the_table_stops_and_asks(tmp_path, run_cli):
    folder = write_case(tmp_path / "o", {**BULLET, "signed": date(1990, 5, 1), "rate": "30%"}, {"filed": date(1991, 3, 1)})
    code, out, err = run_cli("verify", folder, "--as-of", "1991-01-01")
    assert code == 2 and "rules.benchmark" in err and "Traceback" not in err
    # supplied: 4 x 9.00% = 36% > 30%: the contract stands: 100,000 x 30% x 245 / 365 (1990-05-01 .. 1991-01-01)
    folder = write_case(tmp_path / "s", {**BULLET, "signed": date(1990, 5, 1), "rate": "30%"},
                        {"filed": date(1991, 3, 1)}, '[rules]\nbenchmark = "9.00%"\n')
    _, rep = verify_json(run_cli, folder, "--as-of", "1991-01-01")
    assert lawful(rep, "interest") == money(D(100000) * D("0.30") * 245 / 365)
    assert findings(rep, "CN.BENCHMARK_UNVERIFIED")


def test_benchmark_table_rows():
    table = load_benchmark_table()
    assert len(table.rows) == 40
    assert {r.status for r in table.rows} <= {"V", "S"}
    last = table.in_force(date(2019, 8, 19))
    assert (last.date, last.rates["y1"], last.rates["y1_3"], last.rates["y5plus"]) == (
        date(2015, 10, 24), D("0.0435"), D("0.0475"), D("0.049"))
    assert table.in_force(date(1991, 4, 20)) is None  # never guessed
    assert [grade_for(m) for m in (3, 6, 7, 12, 13, 36, 60, 61, None)] == [
        "m6", "m6", "y1", "y1", "y1_3", "y1_3", "y3_5", "y5plus", "y1"]


# ---------------------------------------------------------------------- no rate agreed


def test_no_rate_before_2019_six_percent(tmp_path, run_cli):
    # formed 2016-01-01, due 2017-01-01, filed 2017-06-01: 6% from the overdue date (2015 Provisions Art. 29):
    # 2017-01-01 .. 2017-06-01 = 151 days: 100,000 x 6% x 151 / 365 = 2,482.19
    folder = write_case(tmp_path / "n", {**BULLET, "signed": date(2016, 1, 1)}, {"filed": date(2017, 6, 1)})
    code, rep = verify_json(run_cli, folder, "--as-of", "2017-06-01")
    assert lawful(rep, "default_interest") == money(D(100000) * D("0.06") * 151 / 365) == D("2482.19")
    assert lawful(rep, "interest") == D("0.00")


def test_no_rate_lpr_only_from_2020_08_20(tmp_path, run_cli):
    # formed 2018-01-01, due 2019-01-01, filed 2021-03-01: 6% 2019-01-01 .. 2020-08-20 = 597 days
    # (365 + 232); the one-year LPR at filing (2021-02-20 fixing, 3.85%) 2020-08-20 .. 2021-03-01 = 193 days
    folder = write_case(tmp_path / "n", {**BULLET, "signed": date(2018, 1, 1)}, {"filed": date(2021, 3, 1)})
    _, rep = verify_json(run_cli, folder, "--as-of", "2021-03-01")
    assert lawful(rep, "default_interest") == money(D(100000) * D("0.06") * 597 / 365
                                                    + D(100000) * D("0.0385") * 193 / 365)


# ---------------------------------------------------------------------- limitation through 2017-10-01


LOAN_DUE = {"principal": "10000.00", "rate": "12%", "day_count": "ACT/365", "method": "bullet", "term_months": 12}


@pytest.mark.parametrize("cid,signed,checked,extra,expires,expired", [
    # due 2014-01-01: 2 years (民法通则 Art. 135) ran out on 2016-01-01, before 2017-10-01
    ("old-2-years", date(2013, 1, 1), date(2016, 6, 1), "", "2016-01-01", True),
    # ... and 法释〔2018〕12号 Art. 3 does not revive it when checked after 2017-10-01
    ("expired-stays-expired", date(2013, 1, 1), date(2018, 6, 1), "", "2016-01-01", True),
    # due 2015-09-30: 2 years end 2017-09-30, before the switch: expired
    ("ends-2017-09-30", date(2014, 9, 30), date(2018, 1, 1), "", "2017-09-30", True),
    # due 2015-10-01: 2 years would end 2017-10-01, still running that day: 3 years, 2018-10-01
    ("running-on-2017-10-01", date(2014, 10, 1), date(2018, 1, 1), "", "2018-10-01", False),
    # due 2016-01-01, an acknowledgment 2016-06-01 restarts it: 2 years would end 2018-06-01 -> 3 years
    ("interrupted-then-3-years", date(2015, 1, 1), date(2019, 1, 1),
     '[[event]]\ndate = 2016-06-01\ntype = "acknowledgment"\n', "2019-06-01", False),
])
def test_limitation_switch(tmp_path, run_cli, cid, signed, checked, extra, expires, expired):
    folder = write_case(tmp_path / cid, {**LOAN_DUE, "signed": signed}, {"lender_kind": "company", "filed": checked},
                        extra)
    _, rep = verify_json(run_cli, folder, "--as-of", checked.isoformat())
    lim = rep["limitation"]
    assert (lim["expires"], lim["expired"]) == (expires, expired)
    if expired:
        (f,) = findings(rep, "CN.LIMITATION_EXPIRED")
        assert "Civil Law Art. 135" in f["basis_en"] and expires in f["basis_en"]
        assert "《中华人民共和国民法通则》第一百三十五条" in f["basis_zh"] and expires in f["basis_zh"]
    elif signed >= date(2014, 10, 1):
        assert "Fa Shi [2018] No. 12 Art. 2" in lim["basis_en"] and "法释〔2018〕12号第二条" in lim["basis_zh"]


# ---------------------------------------------------------------------- withheld interest, contractual run


def test_withheld_interest_is_interest_paid_in_advance(tmp_path, run_cli):
    # 100,000 at 24% for a year, 2,000 of interest kept back: under the contract the year's 24,000.00
    # interest is met by the 2,000 paid in advance: 122,000.00. Lawfully the principal is the 98,000
    # handed over (Art. 26): 98,000 x 15.4% x 365 / 365 = 15,092.00
    extra = ('[[contract.fee]]\nname = "interest in advance"\namount = "2000.00"\nwithheld = true\n'
             'component = "interest"\n')
    folder = write_case(tmp_path / "w", {**BULLET, "signed": date(2021, 3, 1), "rate": "24%"}, None, extra)
    _, rep = verify_json(run_cli, folder, "--as-of", "2022-03-01")
    assert contractual(rep, "total") == D("122000.00")
    assert lawful(rep, "principal") == D("98000.00")
    assert lawful(rep, "interest") == money(D(98000) * D("0.154")) == D("15092.00")


@pytest.mark.parametrize("example", ["private-loan", "bank-loan", "card-default"])
def test_every_cn_basis_names_the_regime_article_and_dates(run_cli, example):
    import json
    import re

    from tests.conftest import EXAMPLES

    code, out, err = run_cli("verify", EXAMPLES / example, "--format", "json", "--lang", "en")
    rep = json.loads(out)
    cn = [f for f in rep["findings"] if f["code"].startswith("CN.")]
    assert cn or example == "bank-loan"
    for f in cn:  # an article, or the numbered notice itself (银发〔2016〕111号 has no article numbers)
        assert "Art." in f["basis"] or "号" in f["basis"] or "No." in f["basis"], f
        assert re.search(r"\d{4}-\d{2}-\d{2}", f["basis"]), f
        assert "stretch" in f["basis"] or "period" in f["basis"], f
