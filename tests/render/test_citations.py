"""Each citation of a finding's legal basis appears once, in both languages.

The private-loan example (formed 2021-03-01, claim filed 2023-03-01, checked on 2023-03-01) falls
under the Provisions on Private Lending as amended in 2020 (法释〔2020〕17号, 〔2020〕27号) from
formation to the as-of date. Its combined-cap finding cites Art. 29 of those Provisions: the title
with its edition, the article, the stretch 2021-03-01 to 2023-03-01 and the filing date, each once.
"""

import html
from datetime import date

from tests.conftest import EXAMPLES
from tests.rules.cn_cases import findings, verify_json, write_case

TITLE_ZH = "《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》"
EDITION_ZH = "（2020年修正，法释〔2020〕17号、〔2020〕27号）"
TITLE_EN = "SPC Provisions on Private Lending"
EDITION_EN = "as amended 2020 (Fa Shi [2020] No. 17, [2020] No. 27)"


def _combined(run_cli, folder, *args):
    _, rep = verify_json(run_cli, folder, *args)
    (f,) = findings(rep, "CN.COMBINED_CAP_EXCEEDED")
    return f


def test_combined_cap_basis_cites_the_provisions_once_in_chinese(run_cli):
    basis = _combined(run_cli, EXAMPLES / "private-loan")["basis_zh"]
    assert basis == (f"{TITLE_ZH}{EDITION_ZH}第二十九条（逾期利息、违约金及其他费用合计不超过上限）："
                     "适用期间 2021-03-01 至 2023-03-01；起诉日 2023-03-01")
    for part in (TITLE_ZH, "法释〔2020〕17号", "第二十九条", "适用期间", "起诉日"):
        assert basis.count(part) == 1, part


def test_combined_cap_basis_cites_the_provisions_once_in_english(run_cli):
    basis = _combined(run_cli, EXAMPLES / "private-loan")["basis_en"]
    assert basis == (f"{TITLE_EN} {EDITION_EN} Art. 29 (overdue interest + liquidated damages (weiyuejin) + other "
                     "fees within the ceiling): stretch 2021-03-01 to 2023-03-01; case filed 2023-03-01")
    for part in (TITLE_EN, "Fa Shi [2020] No. 17", "Art. 29", "stretch", "case filed"):
        assert basis.count(part) == 1, part


def test_every_private_loan_basis_names_the_provisions_once(run_cli):
    _, rep = verify_json(run_cli, EXAMPLES / "private-loan")
    cn = [f for f in rep["findings"] if f["code"].startswith("CN.")]
    assert {f["code"] for f in cn} == {"CN.UPFRONT_DEDUCTION", "CN.RATE_ABOVE_CAP", "CN.COMBINED_CAP_EXCEEDED"}
    for f in cn:
        assert f["basis_zh"].count(TITLE_ZH) == 1, f["basis_zh"]
        assert f["basis_zh"].count("适用期间 2021-03-01 至 2023-03-01") == 1, f["basis_zh"]
        assert f["basis_en"].count(TITLE_EN) == 1, f["basis_en"]
        assert f["basis_en"].count("stretch 2021-03-01 to 2023-03-01") == 1, f["basis_en"]


def test_statement_prints_the_combined_cap_citation_once(run_cli, tmp_path):
    for lang, part in (("zh", f"{TITLE_ZH}{EDITION_ZH}第二十九条"), ("en", f"{TITLE_EN} {EDITION_EN} Art. 29")):
        out = tmp_path / f"s-{lang}.html"
        code, _, err = run_cli("statement", EXAMPLES / "private-loan", "--lang", lang, "-o", out)
        assert code == 1, err
        text = html.unescape(out.read_text(encoding="utf-8"))
        assert text.count(part) == 1, lang
        assert text.count("2020年修正" if lang == "zh" else "as amended 2020") >= 1


def test_transition_combined_cap_cites_each_stretch_once(run_cli, tmp_path):
    """Formed 2019-03-01, before the 2020 amendment, filed 2022-03-01: the 2015 Provisions Art. 30
    (24% combined) up to 2020-08-19, the amended Provisions Art. 29 from 2020-08-20 (Art. 31 ¶2)."""
    folder = write_case(tmp_path / "transition", {
        "signed": date(2019, 3, 1), "principal": "100000.00", "day_count": "ACT/365", "method": "bullet",
        "term_months": 6, "rate": "12%", "default_rate": "24%", "penalty": "20000.00"},
        {"filed": date(2022, 3, 1)})
    f = _combined(run_cli, folder, "--as-of", "2022-03-01")
    zh, en = f["basis_zh"], f["basis_en"]
    assert zh.count("（法释〔2015〕18号）第三十条") == 1 and zh.count(f"{EDITION_ZH}第二十九条") == 1
    assert zh.count("适用期间 2019-03-01 至 2020-08-19") == 1 and zh.count("适用期间 2020-08-20 至 2022-03-01") == 1
    assert zh.count("起诉日 2022-03-01") == 1 and zh.count("第三十一条") == 1
    assert en.count("2015 SPC Provisions on Private Lending (Fa Shi [2015] No. 18) Art. 30") == 1
    assert en.count(f"{EDITION_EN} Art. 29") == 1
    assert en.count("stretch 2019-03-01 to 2020-08-19") == 1 and en.count("case filed 2022-03-01") == 1
