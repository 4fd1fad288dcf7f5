"""debtcli.batch."""
