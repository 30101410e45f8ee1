"""The README documents every command and option the CLI has, and opens with
the two set-up commands."""

from __future__ import annotations

import click
import pytest

from saboot.cli import cli
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "saboot") -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = []
    for name, command in sorted(group.commands.items()):
        full = f"{prefix} {name}"
        found.append((full, command))
        if isinstance(command, click.Group):
            found += _commands(command, full)
    return found


def test_readme_opens_with_the_two_setup_commands() -> None:
    first_block = README.split("```")[1].strip().splitlines()
    assert first_block == ["make demo", "make test"]


@pytest.mark.parametrize("name,command", _commands(cli), ids=lambda v: v if isinstance(v, str) else "")
def test_every_command_is_documented(name: str, command: click.Command) -> None:
    assert f"`{name}" in README, f"README.md does not mention `{name}`"
    for param in command.params:
        for opt in getattr(param, "opts", []):
            if opt.startswith("--") and opt not in ("--help", "--json"):
                assert opt in README, f"README.md does not mention {opt} of `{name}`"
