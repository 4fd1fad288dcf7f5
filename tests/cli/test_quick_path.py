"""The quick path (debtcli.cli.quick): a plain ``debtcli verify`` runs without typer, with exactly the
options of the typer command, and prints what the typer command prints; anything it does not
recognise completely goes to typer."""

import json
import os
import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner

from debtcli.cli.app import app
from debtcli.cli.quick import VERIFY_FLAGS, VERIFY_VALUES, parse_verify
from tests.conftest import EXAMPLES, ROOT


def _verify_command():
    return typer.main.get_command(app).commands["verify"]


def test_the_quick_options_are_the_verify_commands_options():
    command = _verify_command()
    options, flags, arguments = {}, {}, []
    for param in command.params:
        if param.param_type_name == "argument":
            arguments.append(param.name)
            continue
        for opt in (*param.opts, *param.secondary_opts):
            if param.is_flag:
                flags[opt] = param.name
            else:
                choices = getattr(param.type, "choices", None)
                options[opt] = (param.name, None if choices is None else
                                tuple(sorted(getattr(c, "value", c) for c in choices)))
    assert arguments == ["case"]
    assert flags == VERIFY_FLAGS
    assert options == {k: (name, None if allowed is None else tuple(sorted(allowed)))
                       for k, (name, allowed) in VERIFY_VALUES.items()}


@pytest.mark.parametrize("args", [
    ["--help"], [], ["c", "d"], ["c", "--bogus"], ["c", "-fjson"], ["c", "-f=json"], ["c", "--rules"],
    ["c", "--rules", "xx"], ["c", "--format", "json", "--format", "table"], ["c", "--no-demand=1"],
    ["--", "c"], ["-"], [""], ["c", "--as-of", "-1"], ["c", "--as-of="], ["c", "--lang", "fr"],
    ["c", "--version"],
])
def test_what_the_quick_path_leaves_to_typer(args):
    assert parse_verify(args) is None


def test_what_the_quick_path_reads():
    assert parse_verify(["--rules=cn", "c", "-f", "json", "--as-of", "2024-01-31", "--lang", "zh",
                         "--no-demand"]) == {
        "rules": "cn", "case": "c", "format": "json", "as_of": "2024-01-31", "lang": "zh", "no_demand": True}
    assert parse_verify(["c"]) == {"case": "c"}


def _run(args, **env):
    """The installed command's way: a new interpreter through debtcli.cli.app:main."""
    code = ("import sys; from debtcli.cli.app import main\n"
            "try:\n    main()\nfinally:\n    sys.stderr.write('typer loaded: %s' % ('typer' in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", cwd=ROOT, env={**os.environ, "PYTHONIOENCODING": "utf-8", **env})
    err, _, loaded = proc.stderr.rpartition("typer loaded: ")
    return proc.returncode, proc.stdout, err, loaded == "True"


@pytest.mark.parametrize("args, env", [
    (["verify", EXAMPLES / "bank-loan", "--rules", "none", "--format", "json"], {}),
    (["verify", "--format=json", EXAMPLES / "private-loan", "--lang", "zh"], {}),
    (["verify", EXAMPLES / "card-default", "-f", "json", "--rules", "cn"], {}),
    (["verify", EXAMPLES / "private-loan", "--as-of", "2023-06-30", "--no-demand", "--format", "json"], {}),
    (["verify", EXAMPLES / "private-loan", "--as-of", "2023-06-31"], {}),
    (["verify", EXAMPLES / "private-loan", "--as-of", "2023-06-31", "--lang", "zh"], {}),
    (["verify", EXAMPLES / "private-loan", "--as-of", "2023-06-31"], {"DEBTCLI_LANG": "zh"}),
    (["verify", EXAMPLES / "no-such-case"], {}),
])
def test_the_quick_path_prints_what_the_typer_command_prints(args, env, monkeypatch):
    code, out, err, loaded = _run(args, **env)
    assert not loaded
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    result = CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)
    assert (code, out, err) == (result.exit_code, result.stdout, result.stderr)
    if "json" in args or "--format=json" in args:
        assert json.loads(out)["schema"] == "debtcli/1"


def test_help_and_mistakes_still_go_to_typer():
    code, out, _, loaded = _run(["verify", "--help"])
    assert (code, loaded) == (0, True) and "--no-demand" in out
    code, _, err, loaded = _run(["verify", EXAMPLES / "bank-loan", "--rules", "xx"])
    assert (code, loaded) == (2, True) and "Invalid value for '--rules'" in err
