"""debtcli.importers."""
