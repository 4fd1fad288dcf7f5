"""The rule packs of this version by name (cn, us, none). Kept apart from ``rules.base``, which
the packs import, so that the registry and the packs do not import each other."""

from __future__ import annotations

from debtcli.model.records import InputError, Issue, SourceRef
from debtcli.rules.cn import CnPack
from debtcli.rules.none import NonePack
from debtcli.rules.us import UsPack

PACKS = {"cn": CnPack, "us": UsPack, "none": NonePack}


def get_pack(name: str):
    """The rule pack called ``name``: cn | us | none. Any other is untrusted input (``InputError``)."""
    if name in PACKS:
        return PACKS[name]()
    raise InputError([Issue(SourceRef("case.toml", column="case.jurisdiction"),
                            f"case.jurisdiction: no rule pack {name!r} in this version; use cn, us or none "
                            "(or --rules cn / --rules us / --rules none)", code="RULES")])
