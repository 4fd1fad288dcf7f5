"""debtcli: verify a debt to the cent under the contract and under the law."""

from debtcli._version import __version__

__all__ = ["__version__", "verify_rows"]


def __getattr__(name: str):
    # imported on first use, so that the CLI starts without loading the batch machinery
    if name == "verify_rows":
        from debtcli.api import verify_rows

        return verify_rows
    raise AttributeError(f"module 'debtcli' has no attribute {name!r}")
