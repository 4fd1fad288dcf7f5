"""When an LPR-linked rate takes a new fixing (``contract.repricing``): on each fixing, on each
anniversary of signing (对应日), on each 1 January (每年1月1日) or never (不调整).

Worked by hand. 100,000.00 lent on 2019-12-25 at LPR + 1%, repaid in one sum, interest by the day,
ACT/365; the balance on 2021-03-25 counts 456 days (2019-12-25 to 2020-12-25 is 366, then 90).
The one-year LPR in force: 4.15% (fixing of 2019-12-20) at signing, 4.05% from 2020-02-20, 3.85%
from 2020-04-20 (and on 2020-12-21, still 3.85%). Interest is kept exact and rounded once:

* fixing: 5.15% for 57 days (to 2020-02-20), 5.05% for 60 days (to 2020-04-20; February 2020 has
  29 days), 4.85% for 339 days: 5,150 x 57/365 + 5,050 x 60/365 + 4,850 x 339/365
  = 804.2466 + 830.1370 + 4,504.5205 = 6,138.90
* anniversary: 5.15% for 366 days, then on 2020-12-25 the fixing in force (3.85%): 4.85% for 90
  days: 5,164.1096 + 1,195.8904 = 6,360.00
* january: 5.15% for 373 days (to 2021-01-01), 4.85% for 83 days: 5,262.8767 + 1,102.8767 = 6,365.75
* none: 5.15% for 456 days: 6,433.97
"""

from datetime import date
from decimal import Decimal as D

import pytest

from tests.helpers import run

LOAN = {"signed": date(2019, 12, 25), "principal": "100000.00", "rate": "LPR+1%", "day_count": "ACT/365",
        "method": "bullet", "maturity": date(2021, 12, 25), "interest_method": "daily"}


@pytest.mark.parametrize("repricing, interest, rates", [
    ("fixing", "6138.90", ["0.0515", "0.0505", "0.0485"]),
    ("anniversary", "6360.00", ["0.0515", "0.0485"]),
    ("对应日", "6360.00", ["0.0515", "0.0485"]),
    ("january", "6365.75", ["0.0515", "0.0485"]),
    ("每年1月1日", "6365.75", ["0.0515", "0.0485"]),
    ("none", "6433.97", ["0.0515"]),
    ("不调整", "6433.97", ["0.0515"]),
])
def test_each_repricing_worked_by_hand(repricing, interest, rates):
    account, res = run({**LOAN, "repricing": repricing}, date(2021, 3, 25))
    assert res.balance["interest"] == D(interest)
    assert [p.rate for p in account.rate_path] == [D(r) for r in rates]


def test_january_repricing_starts_with_the_first_january_after_signing():
    """Signed on 1 January itself: the next repricing is a year later, not that day."""
    account, _ = run({**LOAN, "signed": date(2020, 1, 1), "repricing": "january"}, date(2021, 3, 25))
    # 2020-01-01: the fixing of 2019-12-20 (4.15%); 2021-01-01: that of 2020-12-21 (3.85%)
    assert [(p.date, p.rate) for p in account.rate_path] == [(date(2020, 1, 1), D("0.0515")),
                                                              (date(2021, 1, 1), D("0.0485"))]


def test_the_conventions_say_how_an_lpr_rate_is_repriced_and_only_for_one():
    from debtcli.engine.account import conventions
    from debtcli.messages import say
    from tests.helpers import terms_of

    account, _ = run({**LOAN, "repricing": "january"}, date(2021, 3, 25))
    conv = conventions(account, terms_of({**LOAN, "repricing": "january"}))
    assert say(conv["repricing"], "zh") == "LPR 浮动利率于每年 1 月 1 日按当日有效的报价调整"
    assert say(conv["repricing"], "en") == "a rate linked to the LPR takes the fixing in force on each 1 January"
    fixed = {**LOAN, "rate": "5%"}
    account, _ = run(fixed, date(2021, 3, 25))
    assert "repricing" not in conventions(account, terms_of(fixed))


def test_a_repricing_nobody_knows_is_refused():
    from debtcli.terms.loader import load_terms_text
    from tests.helpers import case_toml

    _, issues = load_terms_text(case_toml({**LOAN, "repricing": "quarterly"}))
    assert any("contract.repricing: found 'quarterly', expected fixing | anniversary | january | none" in str(i)
               for i in issues), [str(i) for i in issues]


# ---------------------------------------------------------------------- properties

from datetime import timedelta  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=200, deadline=None)
@given(st.dates(date(2019, 8, 20), date(2026, 6, 30)), st.integers(0, 3000),
       st.sampled_from(["anniversary", "january", "none"]))
def test_repricing_days_fall_where_the_contract_says(start, span, repricing):
    """After the start, strictly in order, up to the end: each 1 January, or each anniversary (the
    same day of the month; a start on a month end stays on month ends), or none; none left out."""
    from debtcli.engine.account import repricing_days

    until = start + timedelta(days=span)
    days = repricing_days(repricing, start, until)
    assert all(start < d <= until for d in days) and days == sorted(set(days))
    if repricing == "none":
        assert days == []
    elif repricing == "january":
        assert all((d.month, d.day) == (1, 1) for d in days)
        assert len(days) == until.year - start.year
    else:
        from debtcli.engine.account import add_months_sticky, days_in_month

        # the day of the month kept, or the month's end for a start on a month end (or a day the month lacks)
        assert all(d.month == start.month and (d.day == start.day or (
            start.day >= 28 and d.day == days_in_month(d.year, d.month))) for d in days)
        assert all(d.year == start.year + k for k, d in enumerate(days, 1))
        assert add_months_sticky(start, 12 * (len(days) + 1)) > until  # none left out


@settings(max_examples=60, deadline=None)
@given(st.dates(date(2019, 9, 1), date(2023, 12, 31)), st.sampled_from(["fixing", "anniversary", "january", "none"]))
def test_a_repriced_rate_is_always_one_the_table_had_in_force(signed, repricing):
    """Each point of the rate path is LPR + 1% of the fixing in force on its date, and no two points
    in a row carry the same rate."""
    from debtcli.rules.lpr import load_lpr_table

    table = load_lpr_table()
    account, _ = run({**LOAN, "signed": signed, "maturity": signed + timedelta(days=3 * 365),
                      "repricing": repricing}, signed + timedelta(days=400))
    path = account.rate_path
    assert path[0].date == signed
    assert all(p.rate == table.in_force(p.date).lpr_1y + D("0.01") for p in path)
    assert all(a.rate != b.rate for a, b in zip(path, path[1:]))
    if repricing == "none":
        assert len(path) == 1
