"""debtcli.engine."""
