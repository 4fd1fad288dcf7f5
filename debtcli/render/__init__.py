"""debtcli.render."""
