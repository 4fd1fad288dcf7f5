"""debtcli.terms."""
