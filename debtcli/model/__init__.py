"""debtcli.model."""
