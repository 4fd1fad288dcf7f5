"""The rule packs of this version by name (cn, us, none). Kept apart from ``rules.base``, which
the packs import, so that the registry and the packs do not import each other."""

from __future__ import annotations

from importlib import import_module

from debtcli.model.records import InputError, Issue, SourceRef

# name -> (module, class): a pack's module is imported when the pack is first asked for, so that a
# command run under one pack does not load the others
PACKS = {"cn": ("debtcli.rules.cn", "CnPack"), "us": ("debtcli.rules.us", "UsPack"),
         "none": ("debtcli.rules.none", "NonePack")}


def get_pack(name: str):
    """The rule pack called ``name``: cn | us | none. Any other is untrusted input (``InputError``)."""
    if name in PACKS:
        module, cls = PACKS[name]
        return getattr(import_module(module), cls)()
    raise InputError([Issue(SourceRef("case.toml", column="case.jurisdiction"),
                            f"case.jurisdiction: no rule pack {name!r} in this version; use cn, us or none "
                            "(or --rules cn / --rules us / --rules none)", code="RULES")])


def allocation_default(name: str):
    """(order, basis): the order in which pack ``name`` has payments met when the contract names
    none, and the law behind it (a ``Text``); (None, None) for a pack that leaves debtcli's default.
    Read from the pack's class: nothing is built."""
    if name not in PACKS:
        return None, None
    module, cls = PACKS[name]
    pack = getattr(import_module(module), cls)
    return pack.allocation_default, getattr(pack, "allocation_basis", None)
