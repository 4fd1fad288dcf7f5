"""The quick path: a plain ``debtcli verify`` run without loading typer.

Building the typer app (typer, its click, inspect, subprocess ...) costs more CPU than verifying a
case. A command line this module recognises completely (``verify``, one case, each option of the
command at most once, with a valid value) is parsed here and run by the same function the typer
command runs. Anything else (``--help``, a mistake, an option this module does not know, a value it
is unsure of) is left to typer, so help pages, usage errors and their exit codes are typer's own.
A test checks that the options here are the verify command's options.
"""

from __future__ import annotations

import atexit
import gc
import os
import sys

# The cyclic garbage collector during a quick run. By default it makes a young-generation pass every
# 700 new container objects and, while the heap grows, full passes over every object: loading the
# modules and making the classes of a verify (a heap growing to a few hundred thousand objects, nearly
# all of them kept to the end) costs about 5 ms of CPU in passes that find next to nothing. A young
# pass every 50,000 objects still collects what the run leaves in cycles. When the interpreter exits,
# the objects still alive are frozen (gc.freeze, as an exit handler) so that the collections of
# its shutdown skip them: about 11 ms. A process that runs the command and goes on (a test) keeps the
# higher threshold (putting the old one back would start a pass over everything made since the last
# one, about 3 ms) and freezes only at its own exit.
GC_YOUNG_THRESHOLD = 50_000

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
    young, *older = gc.get_threshold()
    gc.set_threshold(max(young, GC_YOUNG_THRESHOLD), *older)
    atexit.unregister(gc.freeze)  # registered once, however many commands a process runs
    atexit.register(gc.freeze)
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
