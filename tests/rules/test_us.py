"""The ``us`` pack: limitation edges by state, the Regulation F validation period, the itemization
identity, and the bundled example's findings, each checked by hand."""

from __future__ import annotations

import json
from datetime import date
from decimal import ROUND_HALF_UP, Decimal as D
from pathlib import Path

import pytest
from typer.testing import CliRunner

from debtcli.cli.app import app
from debtcli.rules import us_law

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "us-card-debt-buyer"
runner = CliRunner()


def cents(x: D) -> D:
    return x.quantize(D("0.01"), ROUND_HALF_UP)


# ---------------------------------------------------------------------- limitation


@pytest.mark.parametrize("state,years,last_day", [
    ("CA", 4, date(2024, 3, 15)),  # CCP 337(a)
    ("NY", 3, date(2023, 3, 15)),  # CPLR 214-i
    ("TX", 4, date(2024, 3, 15)),  # CPRC 16.004
    ("FL", 5, date(2025, 3, 15)),  # 95.11(2)(b)
])
def test_limitation_edge_by_state(state, years, last_day):
    default = date(2020, 3, 15)
    assert last_day == date(2020 + years, 3, 15)
    for checked, barred in ((date(last_day.year, 3, 14), False), (last_day, False), (date(last_day.year, 3, 16), True)):
        lim = us_law.limitation_period(state, default, [], [], checked)
        assert lim.expires == last_day
        assert lim.expired is barred, (state, checked)


def test_revival_rules_differ_by_state():
    default = date(2020, 3, 15)
    pay = [date(2021, 1, 10)]
    # FL: a part payment restarts the 5 years (95.04): last day 2026-01-10
    assert us_law.limitation_period("FL", default, pay, [], date(2025, 6, 1)).expires == date(2026, 1, 10)
    # NY, CA, TX: a payment revives nothing
    for state, last in (("NY", date(2023, 3, 15)), ("CA", date(2024, 3, 15)), ("TX", date(2024, 3, 15))):
        assert us_law.limitation_period(state, default, pay, [], date(2025, 6, 1)).expires == last
    # CA: a signed acknowledgment before expiry restarts (CCP 360); after expiry it does not
    assert us_law.limitation_period("CA", default, [], [date(2023, 5, 1)], date(2025, 1, 1)).expires == date(2027, 5, 1)
    assert us_law.limitation_period("CA", default, [], [date(2024, 5, 1)], date(2025, 1, 1)).expires == date(2024, 3, 15)
    # TX: a signed acknowledgment revives even after expiry (CPRC 16.065); NY: never
    assert us_law.limitation_period("TX", default, [], [date(2024, 5, 1)], date(2025, 1, 1)).expires == date(2028, 5, 1)
    assert us_law.limitation_period("NY", default, [], [date(2022, 5, 1)], date(2025, 1, 1)).expires == date(2023, 3, 15)


# ---------------------------------------------------------------------- validation period


def test_validation_end_across_thanksgiving():
    # sent Tue 2024-11-26. Counting days that are not Sat/Sun/federal holidays: Wed 27 (1),
    # Thu 28 is Thanksgiving (skipped), Fri 29 (2), Mon Dec 2 (3), Tue 3 (4), Wed 4 (5).
    # Receipt 2024-12-04; the period ends 30 days later, 2025-01-03.
    assert us_law.validation_end(date(2024, 11, 26)) == (date(2024, 12, 4), date(2025, 1, 3))


def test_validation_end_across_juneteenth_and_without_holiday():
    # Fri 2024-06-14: Mon 17 (1), Tue 18 (2), Wed 19 Juneteenth skipped, Thu 20 (3), Fri 21 (4), Mon 24 (5)
    assert us_law.validation_end(date(2024, 6, 14)) == (date(2024, 6, 24), date(2024, 7, 24))
    # Mon 2024-06-03, no holiday: Tue 4 ... Mon 10 is the 5th; end 2024-07-10
    assert us_law.validation_end(date(2024, 6, 3)) == (date(2024, 6, 10), date(2024, 7, 10))


# ---------------------------------------------------------------------- judgment rates


def test_judgment_rates_by_state():
    amt = D("4250.00")
    assert us_law.judgment_rate("NY", date(2022, 5, 2), amt, date(2024, 1, 1), {}, None).points[0][1] == D("0.02")
    assert us_law.judgment_rate("NY", date(2022, 4, 29), amt, date(2024, 1, 1), {}, None).points[0][1] == D("0.09")
    assert us_law.judgment_rate("CA", date(2023, 1, 1), amt, date(2024, 1, 1), {}, None).points[0][1] == D("0.05")
    assert us_law.judgment_rate("CA", date(2023, 1, 1), D("50000"), date(2024, 1, 1), {}, None).points[0][1] == D("0.10")
    assert us_law.judgment_rate("TX", date(2023, 1, 1), amt, date(2024, 1, 1), {}, D("0.2499")).points[0][1] == D("0.18")
    assert us_law.judgment_rate("TX", date(2023, 1, 1), amt, date(2024, 1, 1), {"prime_rate": D("0.0350")},
                                None).points[0][1] == D("0.05")
    fl = us_law.judgment_rate("FL", date(2019, 8, 2), amt, date(2020, 2, 1), {}, None)
    assert fl.points == ((date(2019, 8, 2), D("0.0677")), (date(2020, 1, 1), D("0.0683")))


def test_missing_judgment_rate_stops_and_asks():
    from debtcli.model.records import InputError

    with pytest.raises(InputError) as exc:
        us_law.judgment_rate("FL", date(2024, 2, 1), D("1000"), date(2024, 6, 1), {}, None)
    assert "rules.judgment_rate" in str(exc.value)
    with pytest.raises(InputError) as exc:
        us_law.judgment_rate("TX", date(2024, 2, 1), D("1000"), date(2024, 6, 1), {}, None)
    assert "rules.prime_rate" in str(exc.value)


# ---------------------------------------------------------------------- the example


def _verify(path=EXAMPLE, *extra):
    res = runner.invoke(app, ["verify", str(path), "--format", "json", *extra])
    return res.exit_code, json.loads(res.stdout)


def test_example_findings_by_hand():
    code, d = _verify()
    assert code == 1
    it = d["itemization"]
    # the identity, to the cent: 3,108.87 + 389.21 + 0.00 - 50.00 = 3,448.08
    assert (it["date"], it["basis"]) == ("2023-10-11", "charge_off")
    assert D(it["amount"]) + D(it["interest"]) + D(it["fees"]) - D(it["payments"]) == D(it["current"])
    assert D(it["current"]) == D(d["balances"]["lawful"]["total"]) == D("3448.08")

    # interest since the charge-off, by hand: eight statement cycles (statement day 10, 2024-06-10
    # being one), each posting interest on the whole balance, which then bears interest. 24.99% a
    # year until the debt buyer acquired the debt on 2023-12-01, then 16% (NY civil usury); the
    # $50 payment of 2024-03-01 lowers the base from that day; the $150 collection fee is removed.
    bal, posted = D("3108.87"), []
    hi, lo = D("0.2499"), D("0.16")
    spans = [[(31, hi)], [(20, hi), (10, lo)], [(31, lo)], [(31, lo)], [(19, lo), (10, lo, -50)], [(31, lo)],
             [(30, lo)], [(31, lo)]]
    for cycle in spans:
        raw, base = D(0), bal
        for span in cycle:
            if len(span) == 3:
                base += span[2]
            raw += base * span[1] * span[0] / 365
        bal = base + cents(raw)
        posted.append(cents(raw))
    assert posted[0] == D("65.98")  # 3,108.87 x 24.99% x 31 / 365 = 65.98
    assert sum(posted) == D(it["interest"]) == D("389.21")
    assert bal == D("3448.08")

    by_code = {}
    for f in d["findings"]:
        by_code.setdefault(f["code"], []).append(f)
    fee = by_code["UNAUTHORIZED_CHARGE"]
    assert [(f["amount"], f["evidence"][0]["row"]) for f in fee] == [("150.00", 14)]
    assert "1692f(1)" in fee[0]["basis"] and "1006.22(b)" in fee[0]["basis"]
    # the letter's interest: 3,108.87 x 24.99% x 243 / 365 = 517.23 (simple), as stated in case.toml
    mism = {f["details"]["line"]: f for f in by_code["US.ITEMIZATION_MISMATCH"] if "line" in f.get("details", {})}
    assert D(mism["interest"]["amount"]) == D("517.23") - D("389.21")
    assert D(mism["fees"]["amount"]) == D("150.00")
    assert "amount" not in mism and "payments" not in mism  # 3,108.87 and 50.00 are right
    post = by_code["US.POST_CHARGEOFF_INTEREST"][0]
    assert post["severity"] == "warning" and D(post["amount"]) == D("389.21")
    assert by_code["US.RATE_ABOVE_USURY"][0]["severity"] == "error"
    # excess: the letter's 3,726.10 less the lawful 3,448.08
    assert D(d["balances"]["demanded"]["total"]) - D("3448.08") == D("278.02") == D(d["balances"]["excess"]["total"])
    assert "US.TIME_BARRED" not in by_code  # default 2023-04-04, NY 3 years: last day 2026-04-04
    assert d["limitation"]["expires"] == "2026-04-04"
    # NY 23 NYCRR 1.2(b): the charge-off block, zero fee line kept
    assert d["chargeoff_itemization"]["fees"] == "0.00"


def test_time_barred_letter_is_a_warning_and_a_suit_an_error(tmp_path):
    import shutil

    case = tmp_path / "c"
    shutil.copytree(EXAMPLE, case)
    text = (case / "case.toml").read_text()
    # checked one day after the last day of the NY period (default 2023-04-04 + 3 years)
    late = text.replace("as_of = 2024-06-10", "as_of = 2026-04-05")
    (case / "case.toml").write_text(late)
    code, d = _verify(case)
    barred = [f for f in d["findings"] if f["code"] == "US.TIME_BARRED"]
    assert [f["severity"] for f in barred] == ["warning"]
    (case / "case.toml").write_text(late.replace('document_kind = "letter"', 'document_kind = "threat_of_suit"'))
    code, d = _verify(case)
    assert [f["severity"] for f in d["findings"] if f["code"] == "US.TIME_BARRED"] == ["error"]
    # on the last day itself it is not barred
    (case / "case.toml").write_text(text.replace("as_of = 2024-06-10", "as_of = 2026-04-04")
                                    .replace('document_kind = "letter"', 'document_kind = "suit"'))
    code, d = _verify(case)
    assert not [f for f in d["findings"] if f["code"] == "US.TIME_BARRED"]


def test_us_case_needs_a_known_state(tmp_path):
    import shutil

    case = tmp_path / "c"
    shutil.copytree(EXAMPLE, case)
    (case / "case.toml").write_text((case / "case.toml").read_text().replace('state = "NY"', 'state = "OH"'))
    res = runner.invoke(app, ["verify", str(case)])
    assert res.exit_code == 2
    assert "case.state" in res.stderr


def test_us_findings_in_both_languages(tmp_path):
    """Each code of the pack in Chinese and in English, statutes cited as written in both."""
    import re
    import shutil

    han = re.compile(r"[\u4e00-\u9fff]")
    case = tmp_path / "c"
    shutil.copytree(EXAMPLE, case)
    text = (case / "case.toml").read_text()
    # a suit one day after the NY period (2026-04-05), a letter whose own lines do not add up (3,108.87 +
    # 517.23 + 150.00 - 50.00 = 3,726.10, stated total 3,800.00: 73.90 apart), and the itemization date
    # called a last-payment date
    text = (text.replace("as_of = 2024-06-10", "as_of = 2026-04-05").replace('"letter"', '"suit"')
            .replace('total = "3726.10"', 'total = "3800.00"')
            .replace('itemization_basis = "charge_off"', 'itemization_basis = "last_payment"'))
    (case / "case.toml").write_text(text)
    seen = {}
    for lang in ("zh", "en"):
        res = runner.invoke(app, ["verify", str(case), "--format", "json", "--lang", lang])
        assert res.exit_code == 1, res.output
        for f in json.loads(res.stdout)["findings"]:
            seen.setdefault((f["code"], lang), []).append((f["message"], f["basis"]))
    barred_zh = seen[("US.TIME_BARRED", "zh")][0]
    assert "2026-04-04" in barred_zh[0] and "不得就其起诉" in barred_zh[0] and "本次主张为诉讼" in barred_zh[0]
    assert "CPLR 214-i" in barred_zh[1] and "1006.26(b)" in barred_zh[1] and han.search(barred_zh[1])
    assert "it may not be sued on" in seen[("US.TIME_BARRED", "en")][0][0]
    identity = [m for m, _ in seen[("US.ITEMIZATION_MISMATCH", "zh")] if "相加不符" in m]
    assert identity and "3,726.10" in identity[0] and "3,800.00" in identity[0] and "73.90" in identity[0]
    assert any("does not add up" in m and "73.90" in m for m, _ in seen[("US.ITEMIZATION_MISMATCH", "en")])
    (date_zh,) = seen[("US.ITEMIZATION_DATE", "zh")]
    assert "最后一次还款日" in date_zh[0] and "1006.34(b)(3)" in date_zh[1]
    for (code, lang), items in seen.items():
        for message, basis in items:
            assert bool(han.search(message)) == (lang == "zh"), (code, message)


def test_the_us_rules_on_a_case_of_another_jurisdiction_ask_for_the_state_and_the_holder():
    # `--rules us` judges by the law of a state and the holder's kind; a cn case states neither. The
    # command names both keys of case.toml, computes nothing and exits 2 (it used to stop with an
    # internal error, exit 3).
    from tests.conftest import EXAMPLES

    res = runner.invoke(app, ["verify", str(EXAMPLES / "bank-loan"), "--rules", "us", "--format", "json",
                              "--lang", "en"])
    assert res.exit_code == 2, res.output
    lines = [ln for ln in res.output.splitlines() if ln.startswith("error:")]
    assert lines == [
        'error: case.toml: case.state: found missing, expected "CA" | "NY" | "TX" | "FL" for the us rules',
        "error: case.toml: case.lender_kind: found 'bank', expected original_creditor | debt_buyer | collector "
        "for the us rules"]
    assert "Traceback" not in res.output and "internal error" not in res.output
