"""CN.COMPREHENSIVE_COST_ABOVE_CAP: interest plus the fees paid to the lender or its nominee against the
ceiling on the principal outstanding (九民纪要 Art. 51; PBOC Announcement 〔2021〕 No. 3; for private
lenders 4 x LPR at formation, Provisions Art. 25 and 29; for licensed lenders the 24% line, 法发〔2017〕22号
Art. 2). Every figure is worked out by hand below."""

from datetime import date
from decimal import Decimal

from tests.conftest import EXAMPLES
from tests.rules.cn_cases import contractual, findings, lawful, verify_json, write_case

D = Decimal

# 12,000 at 12% equal principal over 12 months from 2023-06-01 (per_period: balance x 1% a month), with a
# service fee of 60 a month (0.5% of the principal) paid to a party the lender designates.
PRIVATE = {"signed": date(2023, 6, 1), "principal": "12000.00", "rate": "12%", "method": "equal_principal",
           "term_months": 12, "first_due": date(2023, 7, 1)}
SERVICE_FEE = '[[contract.fee]]\nname = "service fee"\nperiod = "monthly"\namount = "60.00"\npaid_to = "nominee"\n'


def test_private_lender_fees_recharacterised_as_interest(tmp_path, run_cli):
    # The ceiling: 4 x the one-year LPR in force on 2023-06-01 (3.65% of 2023-05-22) = 14.60% a year.
    # Per installment k (outstanding B = 12,000 - 1,000 (k-1)): interest B x 1%, the ceiling allows
    # B x 14.6% / 12:
    #   B      12000   11000   10000   9000    8000   7000   6000   5000   4000   3000   2000   1000
    #   int    120     110     100     90      80     70     60     50     40     30     20     10   = 780
    #   cap    146.00  133.83  121.67  109.50  97.33  85.17  73.00  60.83  48.67  36.50  24.33  12.17 = 949.00
    # contract cost = 780 + 12 x 60 = 1,500.00; above the ceiling: 1,500.00 - 949.00 = 551.00.
    # Lawful: each fee counts as interest, cut to cap - interest: 26.00 + 23.83 + 21.67 + 19.50 + 17.33 + 15.17
    # + 13.00 + 10.83 + 8.67 + 6.50 + 4.33 + 2.17 = 169.00, so lawful interest 780 + 169 = 949.00, fees 0.
    folder = write_case(tmp_path / "p", PRIVATE, {"lender_kind": "company"}, SERVICE_FEE)
    code, rep = verify_json(run_cli, folder, "--as-of", "2024-06-01")
    (f,) = findings(rep, "CN.COMPREHENSIVE_COST_ABOVE_CAP")
    assert f["severity"] == "error" and D(f["amount"]) == D("551.00")
    assert f["details"]["term_cost"] == "1500.00" and f["details"]["term_allowed"] == "949.00"
    assert f["details"]["ceiling"].endswith("= 14.6%")
    assert contractual(rep, "interest") == D("780.00") and contractual(rep, "fees") == D("720.00")
    assert lawful(rep, "interest") == D("949.00") and lawful(rep, "fees") == D("0.00")
    assert "九民纪要" in f["basis_zh"] and "Jiu Min" in f["basis_en"]


def test_private_lender_within_the_ceiling_has_no_finding(tmp_path, run_cli):
    # the same loan with a fee of 10 to a third party (an insurer): not the lender's cost; interest 780 alone
    # is within 949
    fee = SERVICE_FEE.replace('"60.00"', '"10.00"').replace('"nominee"', '"third_party"')
    folder = write_case(tmp_path / "p", PRIVATE, {"lender_kind": "company"}, fee)
    _, rep = verify_json(run_cli, folder, "--as-of", "2024-06-01")
    assert not findings(rep, "CN.COMPREHENSIVE_COST_ABOVE_CAP")
    assert lawful(rep, "fees") == contractual(rep, "fees") == D("120.00")


def test_licensed_lender_warning_with_the_reducible_amount(run_cli):
    # examples/consumer-finance: 12,000 flat at 9% (90 a month), 60 management fee to the lender and 30 guarantee
    # fee to its nominee: 180 a month of cost. The 24% line allows 2% a month of the principal outstanding
    # (12,000, 11,000, ... 1,000): 240, 220, 200, 180, 160, 140, 120, 100 for the eight installments due by
    # 2024-02-15 = 1,360; their cost 8 x 180 = 1,440; reducible 80.00. Whole term: 2,160 against
    # 240 + 220 + ... + 20 = 1,560, 600.00 above. A warning: the lawful balance is not cut.
    code, rep = verify_json(run_cli, EXAMPLES / "consumer-finance")
    assert code == 0
    (f,) = findings(rep, "CN.COMPREHENSIVE_COST_ABOVE_CAP")
    assert f["severity"] == "warning" and D(f["amount"]) == D("80.00")
    assert (f["details"]["cost"], f["details"]["allowed"]) == ("1440.00", "1360.00")
    assert (f["details"]["term_cost"], f["details"]["term_allowed"], f["details"]["term_over"]) == (
        "2160.00", "1560.00", "600.00")
    assert lawful(rep, "total") == contractual(rep, "total")
    # apr: 12,000 = 1,180 x (1 - (1 + r)^-12) / r: a(12, 2.64%) = 10.1710 > 12000/1180 = 10.169492 >
    # a(12, 2.65%) = 10.1634, r = 2.6432% a month -> 31.72% a year
    assert rep["apr"] == "31.72" and f["details"]["apr_comprehensive"] == "31.72%"
    for lang in ("zh", "en"):
        assert f"message_{lang}" in f
    assert "24%" in f["message_zh"] and "调减" in f["message_zh"]


def test_consumer_finance_example_conventions(run_cli):
    # the flat method, the late fee of 5% of the missed installment (1,180 x 5% = 59.00) and the monthly fees
    _, rep = verify_json(run_cli, EXAMPLES / "consumer-finance")
    conv = rep["conventions"]
    assert conv["method"].startswith("flat") and "paid to nominee" in conv["periodic_fees"]
    assert "5% of the unpaid installment" in conv["late_fee"]
    assert contractual(rep, "penalties") == D("59.00")
