"""debtcli interest: 分段计息 across LPR fixings, fixed and daily rates, counting, and the LPR syntax
N×LPR in case.toml. Every figure below is worked out by hand in the comments."""

from datetime import date
from decimal import Decimal

import pytest

from debtcli.model.money import ParseError, parse_lpr_link, parse_rate
from debtcli.terms.loader import parse_rate_spec
from tests.helpers import run


def test_four_times_lpr_over_four_fixings(run_json):
    # 100,000 from 2021-03-01 to 2023-03-01 (730 days, end day not counted), 4 x one-year LPR, /365.
    # LPR in force: 3.85% (2021-02-20, unchanged until) 3.80% (2021-12-20), 3.70% (2022-01-20),
    # 3.65% (2022-08-22, unchanged through 2023-02). Unchanged fixings make no new segment.
    #   2021-03-01..2021-12-19  294 d  x 15.40%: 100000 x 0.154 x 294 / 365 = 4,527,600 / 365 = 12,404.3835 -> 12,404.38
    #   2021-12-20..2022-01-19   31 d  x 15.20%: 15,200 x 31 / 365 = 471,200 / 365 = 1,290.9589 -> 1,290.96
    #   2022-01-20..2022-08-21  214 d  x 14.80%: 14,800 x 214 / 365 = 3,167,200 / 365 = 8,677.2603 -> 8,677.26
    #   2022-08-22..2023-02-28  191 d  x 14.60%: 14,600 x 191 / 365 = 2,788,600 / 365 = 7,640.0000 -> 7,640.00
    #   exact sum 30,012.6027 -> 30,012.60 (the lines add up to the same)
    _, out = run_json("interest", "--principal", "100000", "--from", "2021-03-01", "--to", "2023-03-01",
                      "--rate", "4×LPR", expect=(0,))
    segs = out["segments"]
    assert [(s["from"], s["to"], s["days"], s["rate_percent"], s["amount"]) for s in segs] == [
        ("2021-03-01", "2021-12-19", 294, "15.4%", "12404.38"),
        ("2021-12-20", "2022-01-19", 31, "15.2%", "1290.96"),
        ("2022-01-20", "2022-08-21", 214, "14.8%", "8677.26"),
        ("2022-08-22", "2023-02-28", 191, "14.6%", "7640.00"),
    ]
    assert [s["lpr"]["published"] for s in segs] == ["2021-02-20", "2021-12-20", "2022-01-20", "2022-08-22"]
    assert out["total"] == "30012.60" and out["days"] == 730
    assert segs[0]["court_form"].startswith("以 100,000.00 元为基数，自 2021年3月1日 起至 2021年12月19日 止，按年利率 15.4%")
    assert segs[0]["court_form"].endswith("计算 294 天（÷365）= 12,404.38 元")


def test_the_lpr_held_from_one_day_for_the_whole_period(run_json):
    # The same 100,000 over the same 730 days, but at 4 x the LPR in force on 2020-05-20 (its fixing of
    # that day, 3.85%), as a judgment reading 合同成立时 / 起诉时的 LPR holds it: one segment,
    # 100,000 x 15.4% x 730 / 365 = 30,800.00 (30,012.60 when each day takes its own fixing).
    _, out = run_json("interest", "--principal", "100000", "--from", "2021-03-01", "--to", "2023-03-01",
                      "--rate", "4×LPR", "--lpr-on", "2020-05-20", expect=(0,))
    (seg,) = out["segments"]
    assert (seg["from"], seg["to"], seg["days"], seg["rate_percent"], seg["amount"]) == (
        "2021-03-01", "2023-02-28", 730, "15.4%", "30800.00")
    assert seg["lpr"]["published"] == "2020-05-20" and out["lpr_on"] == "2020-05-20" and out["total"] == "30800.00"
    assert "2020年5月20日有效的一年期 LPR 3.85%（2020-05-20 发布），全期适用" in seg["court_form"]
    # a day between fixings holds the one then in force: 2019-09-01 -> 4.25% (2019-08-20), 17%;
    # 92 days from 2021-03-01: 17,000 x 92 / 365 = 4,284.9315 -> 4,284.93
    _, out = run_json("interest", "--principal", "100000", "--from", "2021-03-01", "--to", "2021-06-01",
                      "--rate", "4×LPR", "--lpr-on", "2019-09-01", expect=(0,))
    assert [(s["rate_percent"], s["lpr"]["published"], s["amount"]) for s in out["segments"]] == [
        ("17%", "2019-08-20", "4284.93")]


@pytest.mark.parametrize("args, says", [
    (("--rate", "12%", "--lpr-on", "2020-05-20"), "--lpr-on: 12% is not linked to the LPR"),
    (("--rate", "4×LPR", "--lpr-on", "2019-06-01"), "--lpr-on: 2019-06-01 is before the LPR reform (2019-08-20)"),
    (("--rate", "4×LPR", "--lpr-on", "2040-01-01"), "--lpr-on: the one-year LPR published on"),
])
def test_an_lpr_held_from_a_day_it_cannot_be_is_refused(run_cli, args, says):
    code, _, err = run_cli("interest", "--principal", "100000", "--from", "2021-03-01", "--to", "2021-06-01", *args)
    assert code == 2 and says in err, err


@pytest.mark.parametrize("spelling", ["4*LPR", "4倍LPR", "LPR×4", "4 x LPR"])
def test_other_spellings_of_four_times_lpr_give_the_same_total(run_json, spelling):
    _, out = run_json("interest", "--principal", "100000", "--from", "2021-03-01", "--to", "2023-03-01",
                      "--rate", spelling, expect=(0,))
    assert out["total"] == "30012.60"


def test_lpr_plus_spread_basis_360(run_json):
    # LPR + 50bp on 10,000 from 2021-12-01 to 2022-02-01, /360:
    #   2021-12-01..2021-12-19  19 d x 4.35%: 10000 x 0.0435 x 19 / 360 = 8,265 / 360 = 22.9583 -> 22.96
    #   2021-12-20..2022-01-19  31 d x 4.30%: 430 x 31 / 360 = 13,330 / 360 = 37.0278 -> 37.03
    #   2022-01-20..2022-01-31  12 d x 4.20%: 420 x 12 / 360 = 5,040 / 360 = 14.0000 -> 14.00
    #   exact 73.9861 -> 73.99 (the lines add up to the same 73.99)
    _, out = run_json("interest", "--principal", "10,000.00", "--from", "2021-12-01", "--to", "2022-02-01",
                      "--rate", "LPR+50bp", "--basis", "360", expect=(0,))
    assert [(s["days"], s["amount"]) for s in out["segments"]] == [(19, "22.96"), (31, "37.03"), (12, "14.00")]
    assert out["total"] == "73.99"


def test_one_and_a_half_times_lpr(run_json):
    # 1.5 x LPR on 50,000 from 2022-08-01 to 2022-09-01, /365:
    #   2022-08-01..2022-08-21 21 d x 5.55% (1.5 x 3.70): 50000 x 0.0555 x 21 / 365 = 58,275 / 365 = 159.6575 -> 159.66
    #   2022-08-22..2022-08-31 10 d x 5.475% (1.5 x 3.65): 2,737.5 x 10 / 365 = 75.0000 -> 75.00
    _, out = run_json("interest", "--principal", "50000", "--from", "2022-08-01", "--to", "2022-09-01",
                      "--rate", "1.5×LPR", expect=(0,))
    assert [(s["rate_percent"], s["amount"]) for s in out["segments"]] == [("5.55%", "159.66"), ("5.475%", "75.00")]
    assert out["total"] == "234.66"


def test_fixed_24_percent_and_daily_judgment_rate_counting_both(run_json):
    # 24% a year on 100,000 for 2023-01-01..2023-12-31 counting both ends = 365 days / 365 = 24,000.00
    _, out = run_json("interest", "--principal", "100000", "--from", "2023-01-01", "--to", "2023-12-31",
                      "--rate", "24%", "--counting", "both", expect=(0,))
    assert out["days"] == 365 and out["total"] == "24000.00" and len(out["segments"]) == 1
    # 0.0175% a day on 250,000, 2024-01-10..2024-07-10 both ends = 22 (Jan 10-31) + 29 + 31 + 30 + 31 + 30 + 10 = 183 days:
    # 250000 x 0.000175 x 183 = 43.75 x 183 = 8,006.25, whatever the basis
    for basis in ("360", "365"):
        _, out = run_json("interest", "--principal", "250000", "--from", "2024-01-10", "--to", "2024-07-10",
                          "--rate", "0.0175%/day", "--counting", "both", "--basis", basis, expect=(0,))
        assert out["days"] == 183 and out["total"] == "8006.25"
        assert "按日利率 0.0175%" in out["segments"][0]["court_form"]


def test_past_the_last_known_fixing_exits_2_and_names_it(run_cli):
    code, out, err = run_cli("interest", "--principal", "100000", "--from", "2026-01-01", "--to", "2026-12-01",
                             "--rate", "4×LPR")
    assert code == 2 and out == ""
    assert "2026-10-20" in err and "--lpr 2026-10-20=" in err and "Traceback" not in err


def test_supplied_fixing_fills_the_gap(run_json):
    # 4 x LPR on 100,000 from 2026-10-01 to 2026-11-01, /365, with the 2026-10-20 fixing supplied as 2.90%:
    #   2026-10-01..2026-10-19 19 d x 12.00%: 12,000 x 19 / 365 = 228,000 / 365 = 624.6575 -> 624.66
    #   2026-10-20..2026-10-31 12 d x 11.60%: 11,600 x 12 / 365 = 139,200 / 365 = 381.3699 -> 381.37
    #   exact 1,006.0274 -> 1,006.03
    _, out = run_json("interest", "--principal", "100000", "--from", "2026-10-01", "--to", "2026-11-01",
                      "--rate", "4×LPR", "--lpr", "2026-10-20=2.90", expect=(0,))
    assert [s["amount"] for s in out["segments"]] == ["624.66", "381.37"]
    assert out["total"] == "1006.03"
    assert out["segments"][1]["lpr"]["status"] == "given"


def test_before_the_lpr_reform_the_pboc_benchmark_applies(run_json):
    # 4 x LPR on 100,000 from 2019-08-01 to 2019-09-01, /365. Before 2019-08-20 the one-year PBOC
    # benchmark of 2015-10-24 (4.35%) was in force, from 2019-08-20 the first LPR (4.25%):
    #   2019-08-01..2019-08-19 19 d x 17.40%: 17,400 x 19 / 365 = 330,600 / 365 = 905.7534 -> 905.75
    #   2019-08-20..2019-08-31 12 d x 17.00%: 17,000 x 12 / 365 = 204,000 / 365 = 558.9041 -> 558.90
    #   exact 1,464.6575 -> 1,464.66
    _, out = run_json("interest", "--principal", "100000", "--from", "2019-08-01", "--to", "2019-09-01",
                      "--rate", "4×LPR", expect=(0,))
    segs = out["segments"]
    assert [(s["days"], s["rate_percent"], s["amount"]) for s in segs] == [(19, "17.4%", "905.75"),
                                                                           (12, "17%", "558.90")]
    assert segs[0]["pboc_benchmark"] == {"effective": "2015-10-24", "grade": "y1", "percent": "4.35%",
                                         "status": "V"}
    assert "lpr" not in segs[0] and segs[1]["lpr"]["published"] == "2019-08-20"
    assert out["total"] == "1464.66"
    # grade y1_3 (one to three years): 4.75% from 2015-10-24, so 19 d x 19.00%: 19,000 x 19 / 365 = 989.04
    _, out = run_json("interest", "--principal", "100000", "--from", "2019-08-01", "--to", "2019-08-20",
                      "--rate", "4×LPR", "--grade", "y1_3", expect=(0,))
    assert out["total"] == "989.04"


def test_before_the_benchmark_table_exits_2(run_cli):
    code, _, err = run_cli("interest", "--principal", "100000", "--from", "1990-01-01", "--to", "1992-01-01",
                           "--rate", "4×LPR")
    assert code == 2 and "1991-04-21" in err and "Traceback" not in err


@pytest.mark.parametrize("args,needle", [
    (["--principal", "abc"], "--principal"),
    (["--principal", "0"], "above zero"),
    (["--rate", "LPR的四倍"], "--rate"),
    (["--to", "2020-01-01"], "no day to count"),
    (["--lpr", "2026-10-20"], "--lpr"),
])
def test_bad_options_exit_2_with_every_problem(run_cli, args, needle):
    base = {"--principal": "100", "--from": "2021-03-01", "--to": "2021-04-01", "--rate": "24%"}
    extra = []
    for i in range(0, len(args), 2):
        if args[i] in base:
            base[args[i]] = args[i + 1]
        else:
            extra += args[i:i + 2]
    flat = [x for kv in base.items() for x in kv] + extra
    code, _, err = run_cli("interest", *flat)
    assert code == 2 and needle in err and "Traceback" not in err


def test_table_output_prints_the_court_lines(run_cli):
    code, out, _ = run_cli("interest", "--principal", "100000", "--from", "2021-03-01", "--to", "2023-03-01",
                           "--rate", "4×LPR")
    assert code == 0
    assert "自 2022年8月22日 起至 2023年2月28日 止" in out and "30,012.60" in out


def test_lpr_link_syntax():
    assert parse_lpr_link("24%") is None
    link = parse_lpr_link("4×LPR+50bp")
    assert (link.tenor, link.multiplier, link.spread) == ("1Y", Decimal(4), Decimal("0.005"))
    assert parse_lpr_link("LPR5Y×1.3").multiplier == Decimal("1.3")
    assert parse_lpr_link("LPR5Y×1.3").tenor == "5Y"
    with pytest.raises(ParseError):
        parse_lpr_link("4×LPR×4")
    with pytest.raises(ParseError):
        parse_rate("4×LPR")  # a fixed rate is expected there
    spec = parse_rate_spec("4倍LPR")
    assert (spec.index, spec.multiplier, spec.spread) == ("LPR1Y", Decimal(4), Decimal(0))


def test_four_times_lpr_in_case_toml_reprices_on_fixings():
    # A bullet loan of 100,000 signed 2021-12-01 at "4×LPR", ACT/365, balance on 2022-02-01:
    #   2021-12-01..2021-12-19 19 d x 15.40%: 15,400 x 19 / 365 = 292,600 / 365 = 801.6438
    #   2021-12-20..2022-01-19 31 d x 15.20%: 15,200 x 31 / 365 = 471,200 / 365 = 1,290.9589
    #   2022-01-20..2022-01-31 12 d x 14.80%: 14,800 x 12 / 365 = 177,600 / 365 = 486.5753
    #   exact 2,579.1781 -> 2,579.18
    _, res = run({"signed": date(2021, 12, 1), "principal": "100000.00", "rate": "4×LPR", "day_count": "ACT/365",
                  "method": "bullet", "term_months": 12}, date(2022, 2, 1))
    assert res.balance["interest"] == Decimal("2579.18")


def test_json_texts_follow_the_language(run_json):
    # The court's form is Chinese unless --lang en: the JSON's words (counting, rounding, the notes on
    # rate table rows known from secondary sources only) follow, its keys and figures do not.
    # 2010-01-01..2010-02-01 at 4 x the PBOC one-year benchmark of 2008-12-23 (5.31%, status S):
    # 21.24% x 100,000 x 31 / 365 = 658,440 / 365 = 1,803.9452 -> 1,803.95.
    args = ("interest", "--principal", "100000", "--from", "2010-01-01", "--to", "2010-02-01", "--rate", "4×LPR")
    _, zh = run_json(*args, expect=(0,))
    _, en = run_json(*args, "--lang", "en", expect=(0,))
    assert zh["total"] == en["total"] == "1803.95"
    assert zh.keys() == en.keys() and zh["segments"] == en["segments"]
    assert zh["counting"] == "算头不算尾" and en["counting"] == "start day only (算头不算尾)"
    assert zh["rounding"].startswith("四舍五入至小数点后 2 位") and en["rounding"].startswith("half_up to 2 places")
    assert zh["notes"] == ["中国人民银行 2008-12-23 的基准利率调整状态为 S（仅有二手来源）"]
    assert en["notes"] == ["the PBOC benchmark change of 2008-12-23 has status S (secondary sources only)"]
