"""python -m saboot.cli"""

from saboot.cli import cli

cli()
