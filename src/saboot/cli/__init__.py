"""The ``saboot`` command line: a thin mirror of the library."""

from saboot.cli.main import cli

__all__ = ["cli"]
