"""debtcli.rules."""


def data_text(name: str) -> str:
    """The text of ``debtcli/rules/data/<name>`` (UTF-8), read through the package's own loader (a
    folder or a zip): importlib.resources would load a dozen modules (tempfile, shutil, zipfile ...)
    for one file."""
    import os

    return __spec__.loader.get_data(os.path.join(os.path.dirname(__file__), "data", name)).decode("utf-8")
