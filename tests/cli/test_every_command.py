"""Every command on every case: schedule, balance, verify and statement (every format, both
languages) on each example and on three variants of it (no payment records, no ledger, paid off).
None may end in an internal error (exit 3); each must give a result (exit 0 or 1), except the
schedule of a card account, which has none and says so (exit 2)."""

import json
import shutil

import pytest

from tests.conftest import EXAMPLES

CASES = sorted(p.name for p in EXAMPLES.iterdir() if (p / "case.toml").exists())
VARIANTS = ["as-is", "no-payments", "no-ledger", "paid-off"]


def _variant(tmp_path, run_cli, name: str, variant: str):
    folder = tmp_path / name
    shutil.copytree(EXAMPLES / name, folder)
    if variant == "no-payments":
        for p in folder.iterdir():
            if p.stem.lower() == "payments":
                p.unlink()
    elif variant == "no-ledger":
        for p in folder.iterdir():
            if p.stem.lower() == "ledger":
                p.unlink()
    elif variant == "paid-off":
        # a payment of everything owed under the contract, on the day of the balance
        code, out, err = run_cli("balance", folder, "--format", "json")
        assert code == 0, err
        doc = json.loads(out)
        with open(folder / "case.toml", "a", encoding="utf-8") as fh:
            fh.write(f'\n[[payment]]\ndate = {doc["as_of"]}\namount = "{doc["balance"]["total"]}"\n'
                     'reference = "PAID-OFF"\n')
    return folder


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("name", CASES)
def test_every_command_gives_a_result(tmp_path, run_cli, name, variant):
    folder = _variant(tmp_path, run_cli, name, variant)
    card = 'product = "card"' in (folder / "case.toml").read_text(encoding="utf-8")
    runs = [("schedule", fmt) for fmt in ("table", "json", "csv")] + [("balance", fmt) for fmt in ("table", "json")]
    runs += [("verify", fmt, "--lang", lang) for fmt in ("table", "json") for lang in ("zh", "en")]
    for args in runs:
        code, out, err = run_cli(args[0], folder, "--format", *args[1:])
        assert "internal error" not in err and "Traceback" not in err, (args, err)
        if args[0] == "schedule" and card:
            assert code == 2 and "a card account has no installment schedule" in err
            continue
        assert code in (0, 1), (args, err)
        if args[1] == "json":
            json.loads(out)
    for fmt in ("pdf", "xlsx", "html", "md"):
        for lang in ("zh", "en"):
            target = tmp_path / f"statement-{lang}.{fmt}"
            code, _, err = run_cli("statement", folder, "--lang", lang, "-o", target)
            assert code in (0, 1), (fmt, lang, err)
            assert target.stat().st_size > 0
