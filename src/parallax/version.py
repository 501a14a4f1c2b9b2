"""The version of Parallax (its own module, so the core can read it without the package)."""

__version__ = "0.1.0"
