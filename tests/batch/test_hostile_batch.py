"""One bad account never stops a portfolio: whatever is wrong with one account (a 40-digit
amount, a field past the CSV limit, TOML nested thousands deep, a folder or a FIFO where a table
should be, a workbook with broken XML) becomes that account's error line, and every other account
gets its line. The results file is locked while a run writes it, records the run's settings, and
a resume refuses other settings and redoes lines that are not complete results."""

import fcntl
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import portfolio_gen  # noqa: E402

N = 40


def lines(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    out = tmp_path_factory.mktemp("folders")
    return portfolio_gen.write_portfolio(out, N, seed=5, layout="folders", error_rate=0.0)


def _broken_workbook(path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "ledger"
    wb.active.append(["date", "type", "amount"])
    wb.active.append(["2024-01-05", "payment", "1.00"])
    buf = io.BytesIO()
    wb.save(buf)
    with zipfile.ZipFile(buf) as zin, zipfile.ZipFile(path, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", b"<row r=\"3\"><c r=\"A3\"><v>1</v></sheetData>")
            zout.writestr(item, data)


def _forty_digits(case: Path) -> None:
    text = (case / "payments.csv").read_text(encoding="utf-8").splitlines()
    cells = text[1].split(",")
    cells[2] = "1" * 40 + ".00"
    (case / "payments.csv").write_text("\n".join([text[0], ",".join(cells)] + text[2:]) + "\n", encoding="utf-8")


def _long_field(case: Path) -> None:
    text = (case / "ledger.csv").read_text(encoding="utf-8").splitlines()
    cells = text[1].split(",")
    cells[-1] = "x" * 140_000
    (case / "ledger.csv").write_text("\n".join([text[0], ",".join(cells)] + text[2:]) + "\n", encoding="utf-8")


def _nested_toml(case: Path) -> None:
    with open(case / "case.toml", "a", encoding="utf-8") as fh:
        fh.write("\n[rules]\ndeep = " + "[" * 50_000 + "]" * 50_000 + "\n")


def _folder_for_ledger(case: Path) -> None:
    (case / "ledger.csv").unlink()
    (case / "ledger.csv").mkdir()


def _broken_xml(case: Path) -> None:
    (case / "ledger.csv").unlink()
    _broken_workbook(case / "ledger.xlsx")


def _fifo(case: Path) -> None:
    (case / "payments.csv").unlink()
    os.mkfifo(case / "payments.csv")


TRIGGERS = {"40-digit amount": _forty_digits, "field over 131,072 characters": _long_field,
            "nested TOML": _nested_toml, "folder named ledger.csv": _folder_for_ledger,
            "workbook with malformed XML": _broken_xml, "FIFO for payments.csv": _fifo}


@pytest.mark.parametrize("trigger", list(TRIGGERS))
def test_one_bad_account_gets_its_line_and_the_other_39_theirs(tmp_path, run_cli, folders, trigger):
    source = tmp_path / "cases"
    shutil.copytree(folders, source)
    bad = sorted(p.name for p in source.iterdir())[17]
    TRIGGERS[trigger](source / bad)
    out = tmp_path / "r.jsonl"
    code, _, err = run_cli("batch", source, "--rules", "none", "--workers", "1", "--out", out)
    got = lines(out)
    assert len(got) == N, err
    assert [x["account"] for x in got] == sorted(p.name for p in source.iterdir())
    line = next(x for x in got if x["account"] == bad)
    assert all("error" not in x for x in got if x["account"] != bad)
    assert "Traceback" not in err
    if trigger == "40-digit amount" and "error" not in line:
        return  # read and verified (how many digits an amount may have is the amount parser's rule)
    assert line["error_kind"] == "input", line
    assert code == 2, err
    assert f"unreadable: {bad}" in err
    # messages stay short: no 140,000-character cell is echoed
    assert all(len(p["message"]) < 1200 for p in line["problems"])


def test_a_fifo_table_is_refused_by_verify_without_waiting(tmp_path, run_cli, folders):
    case = tmp_path / "c"
    shutil.copytree(next(iter(sorted(folders.iterdir()))), case)
    _fifo(case)
    code, _, err = run_cli("verify", case)
    assert code == 2
    # the case folder's inventory refuses it by name before any reader opens it
    assert "payments.csv: a named pipe (FIFO), not a regular file; refused without reading it" in err


def test_a_defect_is_named_as_one_and_the_run_goes_on(tmp_path, run_cli, folders, monkeypatch):
    import debtcli.report.build as build

    real = build.build_report
    victim = sorted(p.name for p in folders.iterdir())[3]

    def flaky(case, *a, **k):
        if case.terms.case.id == victim:
            raise ZeroDivisionError("planted")
        return real(case, *a, **k)

    monkeypatch.setattr(build, "build_report", flaky)
    out = tmp_path / "r.jsonl"
    code, _, err = run_cli("batch", folders, "--rules", "none", "--workers", "1", "--out", out)
    got = lines(out)
    assert len(got) == N
    line = next(x for x in got if x["account"] == victim)
    assert line["error_kind"] == "internal"
    assert line["problems"][0]["message"] == "ZeroDivisionError: planted"
    assert code == 3
    assert f"internal error (a defect in debtcli; please report it) on: {victim}" in err


def test_a_second_run_on_the_same_out_is_refused_while_the_first_holds_it(tmp_path, run_cli, folders):
    out = tmp_path / "r.jsonl"
    out.write_text("kept\n")
    with open(out, "ab") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)  # what a running batch holds
        code, _, err = run_cli("batch", folders, "--rules", "none", "--out", out)
    assert code == 2
    assert "another debtcli batch is writing this file" in err
    assert out.read_text() == "kept\n"  # not truncated


def test_resume_with_other_settings_is_refused(tmp_path, run_cli, folders):
    out = tmp_path / "r.jsonl"
    run_cli("batch", folders, "--rules", "none", "--workers", "1", "--out", out, "--as-of", "2024-09-30")
    before = out.read_bytes()
    code, _, err = run_cli("batch", folders, "--rules", "none", "--workers", "1", "--out", out, "--as-of",
                           "2024-10-31", "--resume")
    assert code == 2
    assert "written with other settings (as_of '2024-09-30' there, '2024-10-31' now)" in err
    assert out.read_bytes() == before
    assert lines(out)[0]["run"]["as_of"] == "2024-09-30"


def test_lines_that_are_not_results_are_dropped_and_redone(tmp_path, run_cli, folders):
    full, part = tmp_path / "full.jsonl", tmp_path / "part.jsonl"
    run_cli("batch", folders, "--rules", "none", "--workers", "1", "--out", full)
    text = full.read_text(encoding="utf-8").splitlines(keepends=True)
    # line 11 parses as JSON but is not a result; the lines after it are redone to keep the order
    part.write_text("".join(text[:10]) + '{"account": "X"}\n' + "".join(text[11:20]), encoding="utf-8")
    code, _, err = run_cli("batch", folders, "--rules", "none", "--workers", "1", "--out", part, "--resume")
    assert "10 kept from the earlier run" in err
    assert "note: 10 line(s) of" in err and "verified again" in err
    assert part.read_bytes() == full.read_bytes()


def _children(pid: int) -> set[int]:
    out = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            kids = (task / "children").read_text().split()
        except OSError:
            continue
        for k in kids:
            out.add(int(k))
            out |= _children(int(k))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc")
def test_workers_end_with_their_parent(tmp_path, folders):
    out = tmp_path / "r.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "debtcli", "batch", str(folders), "--rules", "none", "--workers",
                             "2", "--out", str(out)], stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    workers: set[int] = set()
    for _ in range(600):  # until both workers are up (or the run is over)
        workers = _children(proc.pid) if proc.poll() is None else set()
        if len(workers) >= 2 or proc.poll() is not None:
            break
        time.sleep(0.05)
    if proc.poll() is not None:
        pytest.skip("the run ended before its workers could be seen")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    for _ in range(400):
        if not any(_alive(w) for w in workers):
            break
        time.sleep(0.05)
    left = [(w, Path(f"/proc/{w}/cmdline").read_bytes()) for w in workers if _alive(w)]
    for w, _ in left:
        os.kill(w, signal.SIGKILL)
    assert left == []


def test_the_rate_is_a_moving_average_not_a_burst():
    from debtcli.cli.batch import MovingRate

    m = MovingRate(window=30)
    m.update(0.0, 500)  # 500 kept from an earlier run: not work done now
    assert m.rate() is None
    for t in range(1, 61):  # 10 accounts a second for a minute ...
        m.update(float(t), 500 + 10 * t)
    assert m.rate() == pytest.approx(10)
    m.update(60.5, 500 + 600 + 16)  # ... then one chunk of 16 arrives half a second later
    assert 10 <= m.rate() < 11  # a burst figure would be 32 a second
