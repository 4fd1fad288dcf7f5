"""The real annualised cost (年化利率, PBOC Announcement 〔2021〕 No. 3): the IRR of the loan's cash flows
per month x 12. Each expected figure is worked out by hand below from the closed-form annuity
equation  received = installment x (1 - (1 + r)^-n) / r  (a different route from the program's search
over the sum of discounted flows), and each rate is checked to make that equation hold."""

from datetime import date
from decimal import Decimal, localcontext

from debtcli.model.records import PaymentRecord, SourceRef
from debtcli.report.apr import annual_cost, irr
from tests.helpers import run

D = Decimal


def annuity_value(payment: Decimal, r: Decimal, n: int) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 40
        return payment * (1 - (1 + r) ** -n) / r


def test_irr_of_a_known_annuity():
    # 100 received, 10 payments of 12.95: at 5% a(10) = (1 - 1.05^-10) / 0.05 = 7.721735 and 12.95 x 7.721735 =
    # 99.9965 < 100, so r is just below 5% (a 5% annuity of 100 over 10 periods is 12.9505)
    r = irr([(0, D(100))] + [(k, D("-12.95")) for k in range(1, 11)])
    assert abs(annuity_value(D("12.95"), r, 10) - 100) < D("1e-20")
    assert D("0.04999") < r < D("0.05")


def test_irr_none_without_a_sign_change():
    assert irr([(0, D(100)), (1, D(5))]) is None


def test_flat_loan_twelve_months():
    # 12,000 at 12% flat over 12 months: installment 1,000.00 + 120.00 = 1,120.00 (every month, 12,000 x 1%).
    # 12,000 = 1,120 x (1 - (1 + r)^-12) / r  ->  r = 1.788099% a month (bisection by hand: a(12, 1.78%) =
    # 10.7196 > 10.714286 = 12000/1120 > a(12, 1.79%) = 10.7130); apr = 12 x r = 21.457% -> 21.46;
    # apr_effective = 1.01788099^12 - 1 = 23.698% -> 23.70. The nominal 12% is barely more than half the cost.
    contract = {"signed": date(2022, 1, 1), "principal": "12000.00", "rate": "12%", "method": "flat",
                "term_months": 12, "first_due": date(2022, 2, 1)}
    account, _ = run(contract, date(2022, 1, 1))
    cost = annual_cost(account)
    assert abs(annuity_value(D("1120"), cost.rate_per_period, 12) - D("12000")) < D("1e-18")
    assert D("0.017880") < cost.rate_per_period < D("0.017882")
    assert (cost.apr, cost.apr_effective) == (D("21.46"), D("23.70"))
    assert cost.periods_per_year == 12 and cost.period == "month"
    assert cost.flows[0].amount == D("12000.00") and all(f.amount == D("-1120.00") for f in cost.flows[1:])


def test_withheld_fee_loan():
    # 10,000 at 12% equal installments over 12 months, a 1,000 service fee withheld: 9,000 received.
    # Installment 10,000 x 1% / (1 - 1.01^-12) = 888.4879 -> 888.49; the last one takes the rest: principal
    # 879.67 + interest 8.80 = 888.47. 9,000 = 888.49 x a(11, r) + 888.47 x (1+r)^-12 -> r = 2.70833% a month;
    # apr = 32.49999% -> 32.50 (without the fee it would be the contract's 12.00); effective 37.806% -> 37.81
    extra = '[[contract.fee]]\nname = "service fee"\namount = "1000.00"\nwithheld = true\n'
    contract = {"signed": date(2022, 1, 1), "principal": "10000.00", "rate": "12%", "method": "equal_installment",
                "term_months": 12, "first_due": date(2022, 2, 1)}
    account, _ = run(contract, date(2022, 1, 1), extra=extra)
    cost = annual_cost(account)
    r = cost.rate_per_period
    with localcontext() as ctx:
        ctx.prec = 40
        pv = annuity_value(D("888.49"), r, 11) + D("888.47") / (1 + r) ** 12
    assert abs(pv - D("9000")) < D("1e-18")
    assert D("0.027083") < r < D("0.027084")
    assert (cost.apr, cost.apr_effective) == (D("32.50"), D("37.81"))
    assert cost.flows[0].amount == D("9000.00")
    no_fee = annual_cost(run(contract, date(2022, 1, 1))[0])
    assert no_fee.apr == D("12.00")  # an annuity at 1% a month has an IRR of exactly 1%


def test_monthly_management_fee_loan():
    # 12,000 "interest-free", equal principal over 12 months, a management fee of 0.5% of the principal a month
    # (60.00) paid to the lender: 12 payments of 1,060.00. 12,000 = 1,060 x a(12, r) -> r = 0.908032% a month;
    # apr = 10.8964% -> 10.90, effective 11.457% -> 11.46
    extra = '[[contract.fee]]\nname = "management fee"\nperiod = "monthly"\nrate = "0.5%"\npaid_to = "lender"\n'
    contract = {"signed": date(2022, 1, 1), "principal": "12000.00", "rate": "0%", "method": "equal_principal",
                "term_months": 12, "first_due": date(2022, 2, 1)}
    account, _ = run(contract, date(2022, 1, 1), extra=extra)
    cost = annual_cost(account)
    assert abs(annuity_value(D("1060"), cost.rate_per_period, 12) - D("12000")) < D("1e-18")
    assert (cost.apr, cost.apr_effective) == (D("10.90"), D("11.46"))
    # a fee kept out (e.g. one paid to a third party, for the comprehensive cost) leaves 0%
    bare = annual_cost(account, fee_filter=lambda name, periodic: False)
    assert bare.apr == D("0.00")


def test_bullet_loan_apr_is_the_simple_annual_cost():
    # 10,000 for 365 days at 10% ACT/365, paid back in one sum of 11,000: one period, the whole term;
    # r = 11000/10000 - 1 = 10%, 365/365 periods a year: apr 10.00
    contract = {"signed": date(2022, 1, 1), "principal": "10000.00", "rate": "10%", "day_count": "ACT/365",
                "maturity": date(2023, 1, 1)}
    cost = annual_cost(run(contract, date(2022, 1, 1))[0])
    assert cost.period == "term" and cost.apr == D("10.00")


def test_apr_actual_from_the_payments_made():
    # the flat loan above; the borrower pays 1,120.00 on 2022-02-01 and nothing else. As of 2022-03-01 the
    # balance is 11,000 principal + installment 2's interest 120.00 = 11,120.00 (installment 1 was paid in full).
    # Flows in months of 365/12 days: +12,000 at 0; -1,120 at 31 x 12/365 = 1.019178; -11,120 at
    # 59 x 12/365 = 1.939726. Solve 12000 = 1120 v^1.019178 + 11120 v^1.939726 (v = 1/(1+r)) by bisection:
    # r = 1.07318% a month -> apr_actual 12.88%: early in a flat loan nearly all the principal is still out,
    # so the cost so far is close to the nominal 12%; it is the later months that push the apr to 21.46.
    contract = {"signed": date(2022, 1, 1), "principal": "12000.00", "rate": "12%", "method": "flat",
                "term_months": 12, "first_due": date(2022, 2, 1)}
    paid = [PaymentRecord(date(2022, 2, 1), D("1120.00"), "P1", "", "", SourceRef("payments.csv", row=1))]
    account, res = run(contract, date(2022, 3, 1), payments=paid)
    assert res.balance["total"] == D("11120.00")
    cost = annual_cost(account, res, date(2022, 3, 1))
    r = cost.actual_rate_per_period
    with localcontext() as ctx:
        ctx.prec = 40
        t1, t2 = D(31) * 12 / 365, D(59) * 12 / 365
        assert abs(D(1120) / (1 + r) ** t1 + D(11120) / (1 + r) ** t2 - 12000) < D("1e-15")
    assert D("0.010731") < r < D("0.010732")
    assert cost.apr_actual == D("12.88")
    assert [f.what for f in cost.actual_flows] == ["received", "payment", "balance"]
    assert annual_cost(account, run(contract, date(2022, 3, 1))[1], date(2022, 3, 1)).apr_actual is None


def test_interest_withheld_is_paid_once():
    # 100,000 at 24% ACT/365 for 365 days in one sum, 10,000 of interest withheld (砍头息): received 90,000;
    # interest 24,000 of which 10,000 was paid in advance, so the borrower pays back 100,000 + 14,000 = 114,000.
    # One period: r = 114,000 / 90,000 - 1 = 26.666..% -> apr 26.67 (not 124,000 / 90,000)
    extra = ('[[contract.fee]]\nname = "interest in advance"\namount = "10000.00"\nwithheld = true\n'
             'component = "interest"\n')
    contract = {"signed": date(2021, 3, 1), "principal": "100000.00", "rate": "24%", "day_count": "ACT/365",
                "maturity": date(2022, 3, 1)}
    cost = annual_cost(run(contract, date(2021, 3, 1), extra=extra)[0])
    assert [f.amount for f in cost.flows] == [D("90000.00"), D("-114000.00")]
    assert cost.apr == D("26.67")


def test_verify_and_statement_show_the_apr(run_cli, tmp_path):
    # examples/private-loan is the case above (90,000 handed over, 114,000 due on 2022-03-01)
    import json

    from tests.conftest import EXAMPLES

    code, out, err = run_cli("verify", EXAMPLES / "private-loan", "--format", "json")
    doc = json.loads(out)
    assert doc["apr"] == "26.67" and doc["apr_effective"] == "26.67"
    assert doc["apr_actual"] is not None  # the example has payments
    assert "apr" in doc["conventions"]
    for lang, words in (("zh", "年化利率"), ("en", "Annualised cost")):
        target = tmp_path / f"s-{lang}.md"
        code, _, err = run_cli("statement", EXAMPLES / "private-loan", "--lang", lang, "-o", target)
        text = target.read_text(encoding="utf-8")
        assert words in text and "26.67%" in text and "114,000.00" in text


def test_xlsx_statement_has_the_cash_flows(run_cli, tmp_path):
    # the workbook's "Annual cost" sheet: the three figures, then received 90,000.00 and the installment of
    # -114,000.00 (see test_interest_withheld_is_paid_once)
    import openpyxl

    from tests.conftest import EXAMPLES

    target = tmp_path / "s.xlsx"
    code, _, err = run_cli("statement", EXAMPLES / "private-loan", "--lang", "en", "-o", target)
    rows = list(openpyxl.load_workbook(target)["Annual cost"].iter_rows(values_only=True))
    assert rows[0][:2] == ("APR (IRR method)", "26.67%")
    amounts = [r[3] for r in rows if r[0] in ("received by the borrower", "installment 1")]
    assert amounts[:2] == [90000, -114000]  # then the actual flows, received 90,000.00 again


def test_irr_settles_on_the_root_it_found():
    # 1,000 at 18% equal principal over 31 months: every installment's interest is the balance x 1.5% (rounded),
    # so the IRR is 1.5% a month and the apr 18.00. (The search once stepped away from a root it had reached
    # to the precision of its arithmetic and answered 609.00.)
    contract = {"signed": date(2022, 1, 1), "principal": "1000.00", "rate": "18%", "method": "equal_principal",
                "term_months": 31, "first_due": date(2022, 2, 1)}
    cost = annual_cost(run(contract, date(2022, 1, 1))[0])
    assert cost.apr == D("18.00")
    assert abs(cost.rate_per_period - D("0.015")) < D("0.00001")


def test_grace_days_leave_the_schedule_and_its_cost_alone():
    # 60,000 at 7.2% per period over 36 months (examples/bank-loan), with 3 days of grace. The schedule
    # is the contract's, every installment met when due: installment 60,000 x 0.6% / (1 - 1.006^-36) =
    # 1,858.1235 -> 1,858.12; installment 1 interest 60,000 x 0.6% = 360.00, principal 1,498.12;
    # installment 2 interest 58,501.88 x 0.6% = 351.01128 -> 351.01 (not 351.91: no interest on the
    # first installment's principal for the 3 grace days). No fee, level installments at 0.6% a month:
    # the IRR is 0.6% a month, apr 7.20 (it read 7.23 while the grace days added interest), effective
    # 1.006^12 - 1 = 7.4424% -> 7.44.
    contract = {"signed": date(2023, 1, 10), "principal": "60000.00", "rate": "7.2%", "day_count": "ACT/360",
                "method": "equal_installment", "term_months": 36, "first_due": date(2023, 2, 10),
                "interest_method": "per_period", "grace_days": 3}
    account, _ = run(contract, date(2023, 1, 10))
    cost = annual_cost(account)
    rows = [f.amount for f in cost.flows if f.what == "installment"]
    assert rows[:2] == [D("-1858.12"), D("-1858.12")]
    assert (cost.apr, cost.apr_effective) == (D("7.20"), D("7.44"))
    from debtcli.engine.replay import contract_schedule
    inst = contract_schedule(account).installments
    assert (inst[0].interest, inst[0].principal) == (D("360.00"), D("1498.12"))
    assert (inst[1].interest, inst[1].principal) == (D("351.01"), D("1507.11"))


def test_irr_of_a_payoff_with_money_back():
    # 12,000.00 received, 12,068.00 paid after 17 days, 2.19 of it handed back five and a half months
    # later: the amounts change sign twice. The value is -65.81 at r = 0 and positive at 2% a month,
    # so a root lies between them (there is another far below 0, where 2.19 x (1 + r)^-6.5 explodes);
    # the search used to look for a change of sign from -99% only and found none.
    from debtcli.engine.apr import _months

    start = date(2023, 1, 15)
    flows = [(D(0), D("12000.00")), (_months(start, date(2023, 2, 1)), D("-12068.00")),
             (_months(start, date(2023, 8, 1)), D("2.19"))]

    def npv(r):
        with localcontext() as ctx:
            ctx.prec = 40
            return sum((a / (1 + r) ** t for t, a in flows), D(0))

    assert npv(D(0)) == D("-65.81") and npv(D("0.02")) > 0
    r = irr(flows)
    assert r is not None and D(0) < r < D("0.02")
    assert abs(npv(r)) < D("1e-20")
