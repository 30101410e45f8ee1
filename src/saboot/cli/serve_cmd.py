"""``saboot serve``."""

from __future__ import annotations

import click

from saboot.cli.main import State, pass_state
from saboot.store import resolve_db
from saboot.store.postgres import without_password


@click.command()
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Beyond loopback only with an admin account (saboot users add)."
)
@click.option("--port", type=int, default=8017, show_default=True)
@click.option(
    "--tiles",
    envvar="SABOOT_TILES",
    help="XYZ tile URL drawn under the map when online, e.g. https://tile.example.org/{z}/{x}/{y}.png (env SABOOT_TILES).",
)
@click.option("--tiles-attribution", envvar="SABOOT_TILES_ATTRIBUTION", help="Credit line the tile server requires.")
@pass_state
def serve(state: State, host: str, port: int, tiles: str | None, tiles_attribution: str | None) -> None:
    """The analyst's workbench in a browser, and its JSON API."""
    import uvicorn

    from saboot.accounts import check_listen
    from saboot.web.app import create_app

    check_listen(state.store, host)  # opens (and migrates) the store before serving
    click.echo(f"saboot workbench on http://{host}:{port}/ (store {without_password(resolve_db(state.db))})", err=True)
    if tiles and not all(k in tiles for k in ("{z}", "{x}", "{y}")):
        raise click.BadParameter("the tile URL needs {z}, {x} and {y}", param_hint="--tiles")
    uvicorn.run(create_app(resolve_db(state.db), tiles, tiles_attribution), host=host, port=port, log_level="warning")


def register(group: click.Group) -> None:
    group.add_command(serve)
