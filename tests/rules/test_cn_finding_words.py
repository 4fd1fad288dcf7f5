"""What a cn finding names: the rate, the component and the computation line its figures come from.

Every case is run through the CLI (``verify --rules cn --format json``, and the table in each
language); the figures are hand calculations written down here.
"""

from datetime import date
from decimal import Decimal

from tests.render.test_zh_purity import english_words
from tests.rules.cn_cases import findings, lawful, money, verify_json, write_case

# 100,000 lent by an individual on 2023-01-15 (ceiling 4 x the one-year LPR of the 2022-12-20 fixing,
# 3.65% = 14.6%), repayable in one sum on 2023-07-15, nothing repaid, checked on 2024-01-15.
# Loan term 2023-01-15 .. 2023-07-15 = 181 days; overdue 2023-07-15 .. 2024-01-15 = 184 days; ACT/365.
BULLET_2023 = {"signed": date(2023, 1, 15), "principal": "100000.00", "day_count": "ACT/365", "method": "bullet",
               "maturity": date(2023, 7, 15)}
AS_OF_2024 = "2024-01-15"
P = Decimal(100000)


def cn_json(run_cli, folder, as_of, lang="en"):
    return verify_json(run_cli, folder, "--rules", "cn", "--as-of", as_of, "--lang", lang)[1]


def table(run_cli, folder, as_of, lang):
    code, out, err = run_cli("verify", folder, "--rules", "cn", "--as-of", as_of, "--lang", lang)
    assert code in (0, 1), (code, out, err)
    return " ".join(out.split())  # the table wraps long messages


def test_default_rate_above_the_ceiling_is_named_on_default_interest(tmp_path, run_cli):
    # 12% for the term (below 14.6%), "+50%" overdue = 18% (above it)
    folder = write_case(tmp_path / "dr", {**BULLET_2023, "rate": "12%", "default_rate": "+50%"})
    rep = cn_json(run_cli, folder, AS_OF_2024)
    # term: 100,000 x 12% x 181 / 365 = 5,950.68, the same under the contract and the law
    assert lawful(rep, "interest") == money(P * Decimal("0.12") * 181 / 365) == Decimal("5950.68")
    # overdue: contract 100,000 x 18% x 184 / 365 = 9,073.97; lawful 100,000 x 14.6% x 184 / 365 = 7,360.00
    assert lawful(rep, "default_interest") == money(P * Decimal("0.146") * 184 / 365) == Decimal("7360.00")
    (f,) = findings(rep, "CN.RATE_ABOVE_CAP")
    assert (f["component"], f["amount"]) == ("default_interest", "1713.97")  # 9,073.97 - 7,360.00
    assert f["evidence"] == [{"file": "case.toml", "column": "contract.default_rate"}]
    assert f["details"]["default_rate"] == "18%" and f["details"]["default_rate_agreed"] == "+50%"
    assert f["details"]["excess_default_interest"] == "1713.97"
    en, zh = f["message_en"], f["message_zh"]
    assert "default rate 18%" in en and "agreed rate 12%" not in en
    assert "1,713.97 of default interest" in en
    assert "100,000.00 x 14.6% x 184 / 365 = 7,360.00 (2023-07-15 to 2024-01-14)" in en
    assert "约定逾期利率 18%（合同利率 12% 上浮 50%）" in zh and "约定利率 12%" not in zh
    assert "多计罚息 1,713.97" in zh
    assert "100,000.00 × 14.6% × 184 ÷ 365 = 7,360.00（2023-07-15 至 2024-01-14）" in zh
    assert "第二十五条、第二十八条" in f["basis_zh"] and "Arts. 25, 28" in f["basis_en"]
    assert english_words(zh, set()) == []
    # the table in each language: the component after the code, then the words
    en_table, zh_table = table(run_cli, folder, AS_OF_2024, "en"), table(run_cli, folder, AS_OF_2024, "zh")
    assert "CN.RATE_ABOVE_CAP Default interest 1,713.97 The agreed default rate 18%" in en_table
    assert "CN.RATE_ABOVE_CAP 罚息 1,713.97 约定逾期利率 18%" in zh_table


def test_installment_loan_default_rate_above_the_ceiling(tmp_path, run_cli):
    # 12,000 at 12% in 6 equal installments from 2023-01-15 (per period, ACT/360), "+50%" overdue;
    # nothing paid, checked on 2023-03-01. Installment: 12,000 x 1% / (1 - 1.01^-6) = 2,070.58; the
    # first (due 2023-02-15) is 120.00 of interest and 1,950.58 of principal, overdue for 14 days.
    contract = {"signed": date(2023, 1, 15), "principal": "12000.00", "rate": "12%", "day_count": "ACT/360",
                "method": "equal_installment", "term_months": 6, "interest_method": "per_period",
                "default_rate": "+50%"}
    folder = write_case(tmp_path / "inst", contract)
    rep = cn_json(run_cli, folder, "2023-03-01")
    # contract 1,950.58 x 18% x 14 / 360 = 13.65; lawful 1,950.58 x 14.6% x 14 / 360 = 11.07
    base = Decimal("1950.58")
    assert Decimal(rep["balances"]["contractual"]["default_interest"]) == money(base * Decimal("0.18") * 14 / 360)
    assert lawful(rep, "default_interest") == money(base * Decimal("0.146") * 14 / 360) == Decimal("11.07")
    (f,) = findings(rep, "CN.RATE_ABOVE_CAP")
    assert (f["component"], f["amount"]) == ("default_interest", "2.58")  # 13.65 - 11.07
    assert "default rate 18%" in f["message_en"] and "1,950.58 x 14.6% x 14 / 360 = 11.07" in f["message_en"]
    assert "约定逾期利率 18%" in f["message_zh"] and "多计罚息 2.58" in f["message_zh"]


def test_contract_and_default_rate_above_the_ceiling_give_one_finding_each(tmp_path, run_cli):
    # 24% for the term and 36% overdue, both above 14.6%; compound interest on overdue interest
    folder = write_case(tmp_path / "both", {**BULLET_2023, "rate": "24%", "default_rate": "36%", "compound": True})
    rep = cn_json(run_cli, folder, AS_OF_2024)
    by_component = {f["component"]: f for f in findings(rep, "CN.RATE_ABOVE_CAP")}
    assert set(by_component) == {"interest", "total"}
    term, overdue = by_component["interest"], by_component["total"]
    # term: 100,000 x (24% - 14.6%) x 181 / 365 = 11,901.37 - 7,240.00 = 4,661.37
    assert term["amount"] == str(money(P * Decimal("0.24") * 181 / 365) - money(P * Decimal("0.146") * 181 / 365))
    assert term["amount"] == "4661.37"
    assert "agreed rate 24%" in term["message_en"]
    assert "100,000.00 x 14.6% x 181 / 365 = 7,240.00" in term["message_en"]
    assert term["evidence"] == [{"file": "case.toml", "column": "contract.rate"}]
    # overdue: default interest 100,000 x (36% - 14.6%) x 184 / 365 = 18,147.95 - 7,360.00 = 10,787.95
    assert overdue["details"]["excess_default_interest"] == "10787.95"
    # compound interest runs on the overdue interest: 11,901.37 under the contract, 7,240.00 lawfully
    # (the combined cap then takes what is left of it, a finding of its own):
    # 11,901.37 x 36% x 184 / 365 = 2,159.85; 7,240.00 x 14.6% x 184 / 365 = 532.86
    assert money(Decimal("11901.37") * Decimal("0.36") * 184 / 365) == Decimal("2159.85")
    assert money(Decimal("7240.00") * Decimal("0.146") * 184 / 365) == Decimal("532.86")
    assert overdue["details"]["excess_compound_interest"] == "1626.99"  # 2,159.85 - 532.86
    assert overdue["amount"] == "12414.94"  # 10,787.95 + 1,626.99
    assert "default rate 36%" in overdue["message_en"]
    assert "(default interest 10,787.95, compound interest 1,626.99)" in overdue["message_en"]
    assert "（罚息 10,787.95、复利 1,626.99）" in overdue["message_zh"]
    assert overdue["evidence"] == [{"file": "case.toml", "column": "contract.default_rate"}]


def test_contract_rate_running_on_overdue_principal(tmp_path, run_cli):
    # 24% and no default rate: the contract rate runs on from the due date (Art. 28), above the ceiling
    folder = write_case(tmp_path / "term", {**BULLET_2023, "rate": "24%"})
    rep = cn_json(run_cli, folder, AS_OF_2024)
    by_component = {f["component"]: f for f in findings(rep, "CN.RATE_ABOVE_CAP")}
    assert set(by_component) == {"interest", "default_interest"}
    assert by_component["interest"]["amount"] == "4661.37"  # as above
    overdue = by_component["default_interest"]
    # 100,000 x 24% x 184 / 365 = 12,098.63 against 7,360.00
    assert overdue["amount"] == str(money(P * Decimal("0.24") * 184 / 365) - Decimal("7360.00")) == "4738.63"
    assert "No default rate is agreed, so the agreed rate 24% runs on overdue principal" in overdue["message_en"]
    assert "未约定逾期利率，逾期本金按约定利率 24% 计息" in overdue["message_zh"]
    assert overdue["evidence"] == [{"file": "case.toml", "column": "contract.rate"}]


# 2015 Provisions (a case filed 2016-10-01): 100,000 lent on 2016-03-01 at 30% a year, repayable in one
# sum on 2017-03-01, ACT/365. Interest up to 24% is claimable; between 24% and 36% it is owed only as
# far as it was paid; above 36% it is void (Art. 26).
BULLET_2016 = {"signed": date(2016, 3, 1), "principal": "100000.00", "rate": "30%", "day_count": "ACT/365",
               "method": "bullet", "maturity": date(2017, 3, 1)}


def test_2015_band_computation_line_shows_the_rate_claimable(tmp_path, run_cli):
    folder = write_case(tmp_path / "b", BULLET_2016, {"filed": date(2016, 10, 1)})
    rep = cn_json(run_cli, folder, "2016-09-01")
    # 2016-03-01 .. 2016-09-01 = 184 days, nothing paid: contract 100,000 x 30% x 184 / 365 = 15,123.29;
    # lawful 100,000 x 24% x 184 / 365 = 12,098.63
    assert lawful(rep, "interest") == money(P * Decimal("0.24") * 184 / 365) == Decimal("12098.63")
    (f,) = findings(rep, "CN.RATE_ABOVE_CAP")
    assert (f["component"], f["amount"]) == ("interest", "3024.66")  # 15,123.29 - 12,098.63
    en, zh = f["message_en"], f["message_zh"]
    assert "100,000.00 x 24% x 184 / 365 = 12,098.63 (2016-03-01 to 2016-08-31)" in en
    assert "x 30% x" not in en and "15,123.29" not in en
    assert "between 24% and 36% a year is owed only as far as it was paid" in en
    assert "100,000.00 × 24% × 184 ÷ 365 = 12,098.63（2016-03-01 至 2016-08-31）" in zh
    # the ceiling in Chinese says what may be claimed (24%) and what stands where paid (36%), as in English
    assert "年利率 24%（已支付的以 36% 为限不予返还；2015年规定）" in zh and "（年利率 36%（" not in zh
    assert english_words(zh, set()) == []
    assert f["details"]["ceiling_unpaid"] == "24%"
    zh_table = table(run_cli, folder, "2016-09-01", "zh")
    assert "依法计算：100,000.00 × 24% × 184 ÷ 365 = 12,098.63" in zh_table


def test_2015_band_paid_interest_stands(tmp_path, run_cli):
    # 15,000.00 paid on 2016-09-01 against 15,123.29 of interest at 30%: it stands (below 36%); the
    # 123.29 left unpaid is all above 24% (12,098.63) and is not owed. Then 2016-09-01 .. 2016-10-01 =
    # 30 days: contract 100,000 x 30% x 30 / 365 = 2,465.75; lawful 100,000 x 24% x 30 / 365 = 1,972.60
    extra = '[[payment]]\ndate = 2016-09-01\namount = "15000.00"\nreference = "p1"\n'
    folder = write_case(tmp_path / "paid", BULLET_2016, {"filed": date(2016, 10, 1)}, extra=extra)
    rep = cn_json(run_cli, folder, "2016-10-01")
    assert lawful(rep, "interest") == money(P * Decimal("0.24") * 30 / 365) == Decimal("1972.60")
    (f,) = findings(rep, "CN.RATE_ABOVE_CAP")
    assert f["amount"] == "616.44"  # 123.29 + 2,465.75 - 1,972.60
    # the line shown is one the lawful run holds at 24%: the unpaid span, not the paid one
    assert "100,000.00 x 24% x 30 / 365 = 1,972.60 (2016-09-01 to 2016-09-30)" in f["message_en"]


def test_combined_cap_names_the_compound_interest_it_cuts(tmp_path, run_cli):
    # 12,000 at 12% in 6 equal installments from 2022-01-21 (per period, ACT/360); default rate 14.8%,
    # which is the ceiling (4 x the 3.70% of the 2021-12-20 fixing), with compound interest; nothing
    # paid, checked on 2023-01-21. The default interest alone uses the whole cap of Art. 29 (overdue
    # principal x 14.8% x days overdue), so the compound interest on the overdue interest is all above it
    # and the lawful run leaves it out: no 违约金 is cut, there is none.
    contract = {"signed": date(2022, 1, 21), "principal": "12000.00", "rate": "12%", "day_count": "ACT/360",
                "method": "equal_installment", "term_months": 6, "interest_method": "per_period",
                "default_rate": "14.8%", "compound": True}
    folder = write_case(tmp_path / "cc", contract)
    rep = cn_json(run_cli, folder, "2023-01-21")
    # installments of 2,070.58; their interest (12,000 at 1% a month, then on what is left) is overdue
    # from each due date to 2023-01-21 and bears 14.8% (ACT/360):
    # 120.00 x 334 + 100.49 x 306 + 80.79 x 275 + 60.90 x 245 + 40.80 x 214 + 20.50 x 184 days
    # = 120,470.89 x 14.8% / 360 = 49.53
    overdue = ((Decimal("120.00"), 334), (Decimal("100.49"), 306), (Decimal("80.79"), 275), (Decimal("60.90"), 245),
               (Decimal("40.80"), 214), (Decimal("20.50"), 184))
    compound = money(sum(a * days for a, days in overdue) * Decimal("0.148") / 360)
    assert compound == Decimal("49.53")
    assert Decimal(rep["balances"]["contractual"]["compound_interest"]) == compound
    assert lawful(rep, "compound_interest") == 0 and lawful(rep, "penalties") == 0
    # the default interest is the same under the contract and the law, and equals the cap
    assert lawful(rep, "default_interest") == Decimal(rep["balances"]["contractual"]["default_interest"])
    (f,) = findings(rep, "CN.COMBINED_CAP_EXCEEDED")
    assert f["component"] == "compound_interest"
    assert Decimal(f["amount"]) == compound
    assert Decimal(f["details"]["claimed"]) - Decimal(f["details"]["cap"]) == compound
    assert f["details"]["cap"] == rep["balances"]["lawful"]["default_interest"]
    assert f["details"]["cut_compound_interest"] == "49.53"
    assert f["evidence"] == [{"file": "case.toml", "column": "contract.compound"}]
    assert "leaves out 49.53 of compound interest" in f["message_en"]
    assert "依法计算时扣除复利 49.53" in f["message_zh"] and english_words(f["message_zh"], set()) == []
    en_table, zh_table = table(run_cli, folder, "2023-01-21", "en"), table(run_cli, folder, "2023-01-21", "zh")
    assert "CN.COMBINED_CAP_EXCEEDED Compound interest 49.53" in en_table
    assert "CN.COMBINED_CAP_EXCEEDED 复利 49.53" in zh_table


def test_combined_cap_cutting_a_penalty_and_compound_interest_is_on_total(tmp_path, run_cli):
    # 100,000 at 12% (the 2023 bullet loan above) with 14.6% overdue (the ceiling), compound interest
    # and a 违约金 of 1,000. Overdue interest 100,000 x 14.6% x 184 / 365 = 7,360.00 is the whole cap;
    # compound interest on the term interest 5,950.68 x 14.6% x 184 / 365 = 437.97 and the 1,000.00
    # 违约金 are above it: 1,437.97 not supported, the 违约金 cut first, then the compound interest.
    folder = write_case(tmp_path / "two", {**BULLET_2023, "rate": "12%", "default_rate": "14.6%", "compound": True,
                                           "penalty": "1000.00"})
    rep = cn_json(run_cli, folder, AS_OF_2024)
    assert money(Decimal("5950.68") * Decimal("0.146") * 184 / 365) == Decimal("437.97")
    (f,) = findings(rep, "CN.COMBINED_CAP_EXCEEDED")
    assert (f["component"], f["amount"]) == ("total", "1437.97")
    assert (f["details"]["cut_compound_interest"], f["details"]["cut_penalties"]) == ("437.97", "1000.00")
    assert "leaves out 437.97 of compound interest, 1,000.00 of penalties" in f["message_en"]
    assert "依法计算时扣除复利 437.97、违约金 1,000.00" in f["message_zh"]
    assert {e["column"] for e in f["evidence"]} == {"contract.compound", "contract.penalty"}
    assert lawful(rep, "penalties") == 0 and lawful(rep, "compound_interest") == 0


def test_combined_cap_cuts_only_the_compound_interest_above_it(tmp_path, run_cli):
    # The 2023 bullet loan at 12% with 14% overdue (under the 14.6% ceiling) and compound interest:
    #   default interest  100,000.00 x 14% x 184 / 365 = 7,057.53
    #   compound interest   5,950.68 x 14% x 184 / 365 =   419.97  (on the term interest, overdue)
    #   cap (Art. 29)     100,000.00 x 14.6% x 184 / 365 = 7,360.00
    # 7,477.50 claimed, 117.50 above the cap: the lawful run keeps 419.97 - 117.50 = 302.47 of the
    # compound interest (not none of it), so overdue charges come to the cap exactly.
    folder = write_case(tmp_path / "part", {**BULLET_2023, "rate": "12%", "default_rate": "14%", "compound": True})
    rep = cn_json(run_cli, folder, AS_OF_2024)
    assert money(P * Decimal("0.14") * 184 / 365) == Decimal("7057.53")
    assert money(Decimal("5950.68") * Decimal("0.14") * 184 / 365) == Decimal("419.97")
    assert money(P * Decimal("0.146") * 184 / 365) == Decimal("7360.00")
    assert rep["balances"]["contractual"]["compound_interest"] == "419.97"
    assert (lawful(rep, "default_interest"), lawful(rep, "compound_interest")) == (Decimal("7057.53"), Decimal("302.47"))
    (f,) = findings(rep, "CN.COMBINED_CAP_EXCEEDED")
    assert (f["component"], f["amount"], f["details"]["cut_compound_interest"]) == ("compound_interest", "117.50",
                                                                                    "117.50")
