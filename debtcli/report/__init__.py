"""debtcli.report."""
