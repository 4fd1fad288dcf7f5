"""debtcli.importers: files in, records out.

Owns the readers (CSV in UTF-8, UTF-8 with BOM, GBK/GB18030, any of , ; tab |; XLSX read-only with a
cap against zip bombs), the canonical columns and the English and Chinese words for them, the strict
TOML profiles, and the case loader (a folder or one workbook). Every row read is either a record or
a rejected row with its reason; problems are ``Issue`` records with file, sheet, row and column.

May import ``debtcli.model``, ``debtcli.terms``, the standard library and openpyxl (inside
``readers`` only); nothing here prints or exits.
"""
