import json
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

# No timed assertions (a property's examples may take long on a loaded machine): no hypothesis deadline.
settings.register_profile("untimed", deadline=None)
settings.load_profile("untimed")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture
def run_cli():
    """Run the real command the way a user does and return (exit code, stdout, stderr)."""
    from debtcli.cli.app import app

    runner = CliRunner()

    def run(*args):
        result = runner.invoke(app, [str(a) for a in args], catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr

    return run


@pytest.fixture
def run_json(run_cli):
    def run(*args, expect=(0, 1)):
        code, out, err = run_cli(*args, "--format", "json")
        assert code in expect, (code, out, err)
        return code, json.loads(out)

    return run
