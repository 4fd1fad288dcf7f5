"""The ``none`` pack: the lawful balance is the contractual one. Unauthorized charges, ledger
arithmetic and unposted payments are still flagged (by reconcile, which runs under every pack)."""

from __future__ import annotations


class NonePack:
    name = "none"
    version = "1"
    allocation_default = None

    def lawful_account(self, ctx):
        return ctx.contract_account, [], {}

    def review(self, ctx, contract_result, lawful_result):
        return []

    def limitation(self, ctx, contract_result):
        return None

    def legal_basis(self, component: str) -> str:
        return "contract"
