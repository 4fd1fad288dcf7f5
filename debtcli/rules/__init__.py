"""debtcli.rules."""
