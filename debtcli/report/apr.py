"""The real annualised cost on the report: ``apr``, ``apr_effective`` and ``apr_actual`` with the cash
flows they come from. The computation lives in ``debtcli.engine.apr`` so that a rule pack (cn: the
comprehensive cost) can use it too; this module is the report's name for it."""

from debtcli.engine.apr import (  # noqa: F401 - re-exported
    APR_PLACES, IRR_PRECISION, AnnualCost, CashFlow, actual_flows, annual_cost, irr, percent,
    scheduled_flows,
)

__all__ = ["APR_PLACES", "IRR_PRECISION", "AnnualCost", "CashFlow", "actual_flows", "annual_cost",
           "irr", "percent", "scheduled_flows"]
