"""debtcli: verify a debt to the cent under the contract and under the law."""

__version__ = "0.1.0"
