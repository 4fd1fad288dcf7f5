"""debtcli.cli."""
