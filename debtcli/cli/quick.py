"""The quick path: a plain ``debtcli verify`` run without loading typer.

Building the typer app (typer, its click, inspect, subprocess ...) costs more CPU than verifying a
case. A command line this module recognises completely (``verify``, one case, each option of the
command at most once, with a valid value) is parsed here and run by the same function the typer
command runs. Anything else (``--help``, a mistake, an option this module does not know, a value it
is unsure of) is left to typer, so help pages, usage errors and their exit codes are typer's own.
A test checks that the options here are the verify command's options.
"""

from __future__ import annotations

import os
import sys

# verify's options: name on the command line -> (parameter, allowed values or None for any text)
VERIFY_VALUES = {
    "--as-of": ("as_of", None),
    "--rules": ("rules", ("cn", "us", "none")),
    "--format": ("format", ("table", "json")),
    "-f": ("format", ("table", "json")),
    "--lang": ("lang", ("zh", "en")),
}
VERIFY_FLAGS = {"--no-demand": "no_demand"}


def parse_verify(args: list[str]) -> dict | None:
    """The parameters of ``verify`` from the arguments after the command name, as strings (flags as
    True), or None when typer should parse them."""
    params: dict = {}
    case = None
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if not arg or arg == "-" or arg == "--":
            return None
        if arg[0] != "-":
            if case is not None:
                return None
            case = arg
            continue
        name, eq, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if name in VERIFY_FLAGS and not eq:
            key, value = VERIFY_FLAGS[name], True
        elif name in VERIFY_VALUES:
            key, allowed = VERIFY_VALUES[name]
            if not eq:
                if i == len(args):
                    return None
                value = args[i]
                i += 1
            if not value or value[0] == "-" or (allowed is not None and value not in allowed):
                return None
        else:
            return None
        if key in params:
            return None
        params[key] = value
    if case is None:
        return None
    params["case"] = case
    return params


def _completion_requested() -> bool:
    return any(k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ)


def quick_run(argv: list[str]) -> None:
    """Run ``argv`` (the arguments after the program name) here when this module recognises it
    completely: this ends with SystemExit. Otherwise return, and typer runs it."""
    if not argv or argv[0] != "verify" or _completion_requested():
        return
    params = parse_verify(argv[1:])
    if params is None:
        return
    from debtcli.cli import common
    from debtcli.cli.common import Language, RulesChoice, TableOrJson

    if "rules" in params:
        params["rules"] = RulesChoice(params["rules"])
    if "format" in params:
        params["format"] = TableOrJson(params["format"])
    if "lang" in params:
        params["lang"] = Language(params["lang"])
    code = 0
    common.QUICK_PARAMS = params
    # what typer's main does around a command: an exit, Ctrl-C (exit 130), end of input, a closed pipe
    exit_type = getattr(sys.modules.get("typer"), "Exit", ())
    try:
        from debtcli.cli.verify import verify_case

        code = verify_case(**params)
    except exit_type as exc:  # typer loaded by someone else: common.exit_with raised typer.Exit
        code = exc.exit_code
    except KeyboardInterrupt:
        code = 130
    except EOFError:
        print(file=sys.stderr)
        print("Aborted!", file=sys.stderr)
        code = 1
    except OSError as exc:
        import errno

        if exc.errno != errno.EPIPE:
            raise
        try:
            from typer._click.utils import PacifyFlushWrapper  # typer vendors click
        except ImportError:  # a typer that depends on click instead
            from click.utils import PacifyFlushWrapper

        sys.stdout = PacifyFlushWrapper(sys.stdout)
        sys.stderr = PacifyFlushWrapper(sys.stderr)
        code = 1
    finally:
        common.QUICK_PARAMS = None
    sys.exit(code)
