"""``batch --statements DIR``: one statement file per account, written by the worker that verified
it, named by account id, with the same bytes as ``debtcli statement`` on that account; then a
manifest (manifest.csv) listing each account's file with its SHA-256, in account-id order."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from debtcli.messages import say
from debtcli.render.files import EXTENSIONS, render_statement
from debtcli.render.regf import NoticeError

MANIFEST = "manifest.csv"
# what the manifest calls the document a template writes
TEMPLATE_NAMES = {"en": {"statement": "statement", "claim": "claim", "regf": "regf"},
                  "zh": {"statement": "逐项明细表", "claim": "诉讼请求与计算清单", "regf": "债务确认通知（regf）"}}
_UNSAFE = re.compile(r'[\x00-\x1f/\\:*?"<>|]')


@dataclass(frozen=True)
class StatementOptions:
    folder: str
    fmt: str = "pdf"
    template: str = "statement"  # statement | claim | regf
    lang: str | None = None  # default: each case's language
    only_flagged: bool = False  # only accounts with findings of severity error


def file_name(account_id: str, fmt: str) -> str:
    """The account id as a file name: characters a file system refuses become "_", and a name that
    would be hidden or empty gets a leading "_"."""
    name = _UNSAFE.sub("_", account_id).strip()
    if not name or name.startswith("."):
        name = "_" + name
    return f"{name}.{EXTENSIONS[fmt]}"


def write_statement(report, account_id: str, opts: StatementOptions) -> str | None:
    """Write the account's file; the name written, or None when the account gets none (not flagged
    under --only-flagged; no validation notice under --template regf)."""
    if opts.only_flagged and report.exit_code == 0:
        return None
    try:
        data = render_statement(report, opts.fmt, opts.lang, opts.template)
    except NoticeError:
        return None
    name = file_name(account_id, opts.fmt)
    (Path(opts.folder) / name).write_bytes(data)
    return name


def write_manifest(opts: StatementOptions, results: Path, lang: str = "en", kept: frozenset = frozenset()
                   ) -> tuple[Path, int]:
    """manifest.csv beside the statements: account, file, bytes, sha256 (or why there is no file),
    one row per account of ``results`` (the batch's JSON lines, in account-id order)."""
    folder = Path(opts.folder)
    rows = []
    written = 0
    with open(results, encoding="utf-8") as fh:
        for line in fh:
            try:
                obj = json.loads(line)
            except ValueError:
                continue
            account = str(obj.get("account", ""))
            if "error" in obj:
                why = str(obj["error"])
                if lang == "zh":
                    from debtcli.messages.problems import message_zh  # its patterns, only for Chinese

                    why = message_zh(why)
                rows.append((account, "", "", "", say("manifest.not_verified", lang, why=why)))
                continue
            flagged = any(f.get("severity") == "error" for f in obj.get("findings", ()))
            if opts.only_flagged and not flagged:
                rows.append((account, "", "", "", say("manifest.not_flagged", lang)))
                continue
            name = file_name(account, opts.fmt)
            path = folder / name
            if not path.is_file():
                rows.append((account, "", "", "", say("manifest.kept", lang) if account in kept else
                             say("manifest.no_file", lang, template=TEMPLATE_NAMES[lang][opts.template])))
                continue
            data = path.read_bytes()
            rows.append((account, name, str(len(data)), hashlib.sha256(data).hexdigest(), ""))
            written += 1
    out = folder / MANIFEST
    with open(out, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["account", "file", "bytes", "sha256", "note"])
        w.writerows(rows)
    return out, written
