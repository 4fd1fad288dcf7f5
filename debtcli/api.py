"""debtcli's public Python interface: ``verify_rows`` turns one account's rows into its results line,
the function ``debtcli batch`` runs for every account of an export, in the local pool and on Spark
alike (``debtcli.batch.rows`` holds it); the helpers that resolve a layout from column names,
fingerprint inputs and group sorted rows by account come with it."""

from debtcli.batch.rows import (  # noqa: F401
    LEDGER,
    PAYMENTS,
    ROW_KEY,
    RejectedRow,
    TERMS,
    account_groups,
    account_rows,
    file_fingerprint,
    layout_from_columns,
    orphan_reason,
    portfolio_settings,
    table_fingerprint,
    verify_rows,
)

__all__ = ["LEDGER", "PAYMENTS", "ROW_KEY", "RejectedRow", "TERMS", "account_groups", "account_rows", "file_fingerprint", "layout_from_columns", "orphan_reason", "portfolio_settings", "table_fingerprint", "verify_rows"]
