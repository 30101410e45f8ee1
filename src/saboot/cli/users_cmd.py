"""``saboot users ...`` (workbench accounts and API tokens) and
``saboot sensitive ...`` (documents and names withheld from viewers)."""

from __future__ import annotations

import dataclasses
import sys

import click

from saboot import accounts, sensitive
from saboot.cli.main import State, emit_json, pass_state
from saboot.ingest.pipeline import default_actor

ACTOR = click.option("--actor", help="Who makes the change, for the ledger (default: env SABOOT_ACTOR or your login).")
PASSWORD_STDIN = click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return str(click.prompt("password", hide_input=True, confirmation_prompt=True))


@click.group()
def users() -> None:
    """Workbench accounts (viewer, analyst, admin) and API tokens."""


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(accounts.ROLES), required=True)
@PASSWORD_STDIN
@ACTOR
@pass_state
def users_add(state: State, name: str, role: str, password_stdin: bool, actor: str | None) -> None:
    """Create an account (asks for the password twice unless --password-stdin)."""
    user = accounts.add_user(state.store, name, role, _password(password_stdin), actor or default_actor())
    click.echo(f"added {user.name} ({user.role})")


@users.command("list")
@click.option("--json", "as_json", is_flag=True)
@pass_state
def users_list(state: State, as_json: bool) -> None:
    """Accounts with their roles."""
    found = state.store.list_users()
    if as_json:
        emit_json([dataclasses.asdict(u) for u in found])
        return
    for u in found:
        click.echo(f"{u.name:24} {u.role:8} {'disabled' if u.disabled else 'active':9} since {u.created_at}")


@users.command("role")
@click.argument("name")
@click.argument("role", type=click.Choice(accounts.ROLES))
@ACTOR
@pass_state
def users_role(state: State, name: str, role: str, actor: str | None) -> None:
    """Give an account another role."""
    user = accounts.set_role(state.store, name, role, actor or default_actor())
    click.echo(f"{user.name} is now {user.role}")


@users.command("password")
@click.argument("name")
@PASSWORD_STDIN
@ACTOR
@pass_state
def users_password(state: State, name: str, password_stdin: bool, actor: str | None) -> None:
    """Set a new password (the account's sessions end)."""
    accounts.set_password(state.store, name, _password(password_stdin), actor or default_actor())
    click.echo(f"password of {name} changed; its sessions ended")


@users.command("disable")
@click.argument("name")
@click.option("--enable", is_flag=True, help="Enable the account again instead.")
@ACTOR
@pass_state
def users_disable(state: State, name: str, enable: bool, actor: str | None) -> None:
    """Disable an account: its sessions end and its tokens stop working."""
    user = accounts.set_disabled(state.store, name, not enable, actor or default_actor())
    click.echo(f"{user.name} {'disabled' if user.disabled else 'enabled'}")


@users.command("token")
@click.argument("name")
@click.option("--label", required=True, help="What the token is for (e.g. the script's name).")
@ACTOR
@pass_state
def users_token(state: State, name: str, label: str, actor: str | None) -> None:
    """Issue an API token for scripts; it is printed once and stored only as a hash."""
    token, secret = accounts.issue_token(state.store, name, label, actor or default_actor())
    click.echo(f"token {token.id} for {token.user} ({token.label}); send it as `Authorization: Bearer TOKEN`:", err=True)
    click.echo(secret)


@users.command("tokens")
@click.option("--json", "as_json", is_flag=True)
@pass_state
def users_tokens(state: State, as_json: bool) -> None:
    """API tokens (ids, users, labels; never the secrets)."""
    found = state.store.list_tokens()
    if as_json:
        emit_json([dataclasses.asdict(t) for t in found])
        return
    for t in found:
        click.echo(f"{t.id}  {t.user:20} {t.label:24} {t.created_at}  {'revoked ' + t.revoked_at if t.revoked_at else 'active'}")


@users.command("revoke")
@click.argument("token_id")
@ACTOR
@pass_state
def users_revoke(state: State, token_id: str, actor: str | None) -> None:
    """Revoke an API token by its id."""
    accounts.revoke_token(state.store, token_id, actor or default_actor())
    click.echo(f"token {token_id} revoked")


@click.group("sensitive")
def sensitive_group() -> None:
    """Documents and names withheld from viewers and redacted in exports."""


@sensitive_group.command("mark")
@click.argument("kind", type=click.Choice(sensitive.KINDS))
@click.argument("target")
@click.option("--reason", required=True)
@ACTOR
@pass_state
def sensitive_mark(state: State, kind: str, target: str, reason: str, actor: str | None) -> None:
    """Mark a document (by id) or a name (as written in the reports) sensitive."""
    made = sensitive.mark(state.store, kind, target, reason, actor or default_actor())
    click.echo(f"{made.kind} {made.target!r} marked sensitive")


@sensitive_group.command("clear")
@click.argument("kind", type=click.Choice(sensitive.KINDS))
@click.argument("target")
@click.option("--reason", required=True)
@ACTOR
@pass_state
def sensitive_clear(state: State, kind: str, target: str, reason: str, actor: str | None) -> None:
    """Remove a sensitive mark."""
    sensitive.clear(state.store, kind, target, reason, actor or default_actor())
    click.echo(f"{kind} {target!r} no longer sensitive")


@sensitive_group.command("list")
@click.option("--json", "as_json", is_flag=True)
@pass_state
def sensitive_list(state: State, as_json: bool) -> None:
    """Everything marked sensitive, with who marked it and why."""
    marks = state.store.sensitive_marks()
    if as_json:
        emit_json([dataclasses.asdict(m) for m in marks])
        return
    for m in marks:
        click.echo(f"{m.kind:8} {m.target!r:40} {m.actor} {m.ts} — {m.reason}")


def register(group: click.Group) -> None:
    group.add_command(users)
    group.add_command(sensitive_group)
