"""``saboot serve``."""

from __future__ import annotations

import click

from saboot.cli.main import State, pass_state
from saboot.store import resolve_db


@click.command()
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Beyond loopback only with an admin account (saboot users add)."
)
@click.option("--port", type=int, default=8017, show_default=True)
@pass_state
def serve(state: State, host: str, port: int) -> None:
    """The analyst's workbench in a browser, and its JSON API."""
    import uvicorn

    from saboot.accounts import check_listen
    from saboot.web.app import create_app

    check_listen(state.store, host)  # opens (and migrates) the store before serving
    click.echo(f"saboot workbench on http://{host}:{port}/ (store {resolve_db(state.db)})", err=True)
    uvicorn.run(create_app(resolve_db(state.db)), host=host, port=port, log_level="warning")


def register(group: click.Group) -> None:
    group.add_command(serve)
