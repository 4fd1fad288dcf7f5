"""debtcli.reconcile."""
