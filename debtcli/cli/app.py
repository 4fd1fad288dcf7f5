"""The debtcli command line: thin commands over the library, one module each."""

from __future__ import annotations

import os
import sys

from debtcli.cli.common import unicode_stream


def build_app():
    """The typer app: the root with --version and one command per module; each command imports its
    heavy dependencies only when it runs. Built on first use of ``app`` (a plain ``debtcli verify``
    runs without it, see debtcli.cli.quick)."""
    import typer

    from debtcli._version import __version__

    app = typer.Typer(
        name="debtcli",
        help="Verify a debt to the cent: replay the account under the contract and under the law, flag every "
             "amount demanded above the lawful balance, and render an itemised statement.\n\n"
             "Exit codes: 0 nothing above the lawful balance; 1 findings of severity error; 2 input could not be "
             "trusted; 3 internal error.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )

    def _version(value: bool) -> None:
        if value:
            print(f"debtcli {__version__}")
            raise typer.Exit(0)

    @app.callback()
    def _root(
        version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                     help="Print the version."),
    ) -> None:
        """debtcli"""

    from debtcli.cli.balance import balance
    from debtcli.cli.batch import batch
    from debtcli.cli.import_cmd import import_file
    from debtcli.cli.interest import interest
    from debtcli.cli.profile import profile_app
    from debtcli.cli.quote import quote
    from debtcli.cli.schedule import schedule
    from debtcli.cli.statement import statement
    from debtcli.cli.verify import command as verify_command

    for name, command in (("schedule", schedule), ("balance", balance), ("verify", verify_command()),
                          ("statement", statement), ("batch", batch), ("import", import_file),
                          ("interest", interest), ("quote", quote)):
        app.command(name=name)(command)
    app.add_typer(profile_app, name="profile")
    return app


_app = None


def get_app():
    """The typer app, built once."""
    global _app
    if _app is None:
        _app = build_app()
    return _app


def __getattr__(name: str):  # ``from debtcli.cli.app import app`` builds it
    if name == "app":
        return get_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def tolerant_streams() -> None:
    """A console that cannot show every character (stdout or stderr encoded as ASCII, Latin-1, or GBK
    for a character outside it) gets what it cannot encode as backslash escapes (\\u5f20), never an
    encoding error: the figures and the exit code are the same on any console."""
    for stream in (sys.stdout, sys.stderr):
        if not unicode_stream(stream) and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="backslashreplace")
            except (ValueError, OSError):  # a stream already written to in another mode: keep it
                pass


def main() -> None:
    """Entry point: known errors are one line; an internal error is exit 3 with a short message
    (the traceback only with DEBTCLI_DEBUG=1)."""
    tolerant_streams()
    try:
        from debtcli.cli.quick import quick_run

        quick_run(sys.argv[1:])  # a plain verify ends here, without typer
        import typer

        from debtcli.cli.help_zh import chinese_help, run_in_chinese, wants_chinese

        if wants_chinese(sys.argv[1:]):
            command = typer.main.get_command(get_app())
            chinese_help(command)
            run_in_chinese(command)
        else:
            get_app()()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        from debtcli.cli.common import notice

        notice("", "interrupted")
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        if os.environ.get("DEBTCLI_DEBUG") == "1":
            raise
        from debtcli.cli.common import notice

        notice("", f"internal error: {type(exc).__name__}: {exc} (set DEBTCLI_DEBUG=1 for the traceback)")
        sys.exit(3)
