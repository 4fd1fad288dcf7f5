"""Portfolio runs: many cases verified in one pass, in parallel, streaming.

``source`` finds the accounts (a folder of case folders, or a portfolio export: one terms table
with a row per account plus ledger and payment tables keyed by account id); ``export`` turns one
account's rows into a ``Case``; ``run`` verifies accounts across processes and writes one JSON line
each, in account-id order; ``summary`` totals the lines and writes the summary workbook.

May import the model, terms, importers and report packages, and xlsxwriter / openpyxl for files.
Never prints or exits: the command in ``debtcli.cli.batch`` does that.
"""
