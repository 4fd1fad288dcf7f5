"""The statement workbook's Inputs sheet lists the files of the case folder that were not read,
each with its reason, and the payments after the as-of date that were not applied."""

import shutil

from openpyxl import load_workbook

from tests.conftest import EXAMPLES


def test_inputs_sheet_lists_files_not_read_and_payments_not_applied(tmp_path, run_cli):
    folder = tmp_path / "loan"
    shutil.copytree(EXAMPLES / "private-loan", folder)
    (folder / "notes.md").write_text("call back on Monday", encoding="utf-8")
    (folder / "scans").mkdir()
    with open(folder / "payments.csv", "a", encoding="utf-8") as fh:
        fh.write("2032-06-15,7000.00,TYPO,张三,银行转账\n")
    out = tmp_path / "s.xlsx"
    code, _, err = run_cli("statement", folder, "--format", "xlsx", "--lang", "en", "-o", out)
    assert code in (0, 1), err
    cells = [[c for c in row] for row in load_workbook(out)["Inputs"].iter_rows(values_only=True)]
    texts = [r[0] for r in cells]
    at = texts.index("Files in the case folder that were not read")
    listed = {r[0]: r[1] for r in cells[at + 2:] if r[0] in ("notes.md", "scans")}
    assert set(listed) == {"notes.md", "scans"} and all(listed.values())
    late = texts.index("Payments dated after the as-of date (listed, not applied)")
    assert cells[late + 1][:4] == ["payments.csv:4", "2032-06-15", "7000.00", "TYPO"]
    assert "Every input row was used." not in texts
