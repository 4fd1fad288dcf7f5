"""The package's version, kept apart from the package root so that any layer can read it without
importing what the root exports."""

__version__ = "0.1.0"
