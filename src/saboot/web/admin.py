"""Account management in the browser (admins only): the same library calls
as ``saboot users ...``, each audited, with a form twin and a JSON twin."""

from dataclasses import asdict
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field

from saboot import accounts
from saboot.accounts import Principal
from saboot.store import Store

Role = Literal["viewer", "analyst", "admin"]


class NewUserIn(BaseModel):
    name: str = Field(min_length=1, max_length=64)
    role: Role
    password: str = Field(min_length=1, max_length=1024)


class RoleIn(BaseModel):
    role: Role


class PasswordIn(BaseModel):
    password: str = Field(min_length=1, max_length=1024)


class DisabledIn(BaseModel):
    disabled: bool


class TokenIn(BaseModel):
    label: str = Field(min_length=1, max_length=200)


def _admin(who: Principal) -> str:
    who.require("admin", "manage accounts")
    return who.name


def users_view(store: Store) -> dict[str, Any]:
    """Accounts and API tokens (never a password hash or a token's secret)."""
    return {"users": [asdict(u) for u in store.list_users()], "tokens": [asdict(t) for t in store.list_tokens()]}


def register(app: FastAPI, templates: Jinja2Templates, StoreDep: Any, MeDep: Any) -> None:
    @app.get("/api/users", summary="Accounts and API tokens (admins)")
    def api_users(s: StoreDep, who: MeDep) -> dict[str, Any]:
        _admin(who)
        return users_view(s)

    @app.get("/users", response_class=HTMLResponse, include_in_schema=False)
    def page_users(request: Request, s: StoreDep, who: MeDep) -> Response:
        _admin(who)
        return templates.TemplateResponse(request, "users.html", {"data": users_view(s), "roles": accounts.ROLES})

    @app.post("/api/users", status_code=201, summary="Create an account (admins; audited)")
    def api_add(body: NewUserIn, s: StoreDep, who: MeDep) -> dict[str, Any]:
        return asdict(accounts.add_user(s, body.name, body.role, body.password, _admin(who)))

    @app.post("/users", include_in_schema=False)
    def form_add(body: Annotated[NewUserIn, Form()], s: StoreDep, who: MeDep) -> RedirectResponse:
        accounts.add_user(s, body.name, body.role, body.password, _admin(who))
        return RedirectResponse("/users", status_code=303)

    @app.post("/api/users/{name}/role", summary="Give an account another role (admins; audited)")
    def api_role(name: str, body: RoleIn, s: StoreDep, who: MeDep) -> dict[str, Any]:
        return asdict(accounts.set_role(s, name, body.role, _admin(who)))

    @app.post("/users/{name}/role", include_in_schema=False)
    def form_role(name: str, body: Annotated[RoleIn, Form()], s: StoreDep, who: MeDep) -> RedirectResponse:
        accounts.set_role(s, name, body.role, _admin(who))
        return RedirectResponse("/users", status_code=303)

    @app.post("/api/users/{name}/password", summary="Set a new password; the account's sessions end (admins; audited)")
    def api_password(name: str, body: PasswordIn, s: StoreDep, who: MeDep) -> dict[str, Any]:
        accounts.set_password(s, name, body.password, _admin(who))
        return {"name": name, "sessions": "ended"}

    @app.post("/users/{name}/password", include_in_schema=False)
    def form_password(name: str, body: Annotated[PasswordIn, Form()], s: StoreDep, who: MeDep) -> RedirectResponse:
        accounts.set_password(s, name, body.password, _admin(who))
        return RedirectResponse("/users", status_code=303)

    @app.post("/api/users/{name}/disabled", summary="Disable or enable an account (admins; audited)")
    def api_disabled(name: str, body: DisabledIn, s: StoreDep, who: MeDep) -> dict[str, Any]:
        return asdict(accounts.set_disabled(s, name, body.disabled, _admin(who)))

    @app.post("/users/{name}/disabled", include_in_schema=False)
    def form_disabled(name: str, body: Annotated[DisabledIn, Form()], s: StoreDep, who: MeDep) -> RedirectResponse:
        accounts.set_disabled(s, name, body.disabled, _admin(who))
        return RedirectResponse("/users", status_code=303)

    @app.post("/api/users/{name}/tokens", status_code=201, summary="Issue an API token; its secret is shown once (admins)")
    def api_token(name: str, body: TokenIn, s: StoreDep, who: MeDep) -> dict[str, Any]:
        token, secret = accounts.issue_token(s, name, body.label, _admin(who))
        return {**asdict(token), "token": secret}

    @app.post("/users/{name}/tokens", response_class=HTMLResponse, include_in_schema=False)
    def form_token(request: Request, name: str, body: Annotated[TokenIn, Form()], s: StoreDep, who: MeDep) -> Response:
        token, secret = accounts.issue_token(s, name, body.label, _admin(who))
        context = {"data": users_view(s), "roles": accounts.ROLES, "issued": {**asdict(token), "token": secret}}
        return templates.TemplateResponse(request, "users.html", context, headers={"Cache-Control": "no-store"})

    @app.post("/api/tokens/{token_id}/revoke", summary="Revoke an API token (admins; audited)")
    def api_revoke(token_id: str, s: StoreDep, who: MeDep) -> dict[str, Any]:
        accounts.revoke_token(s, token_id, _admin(who))
        return {"revoked": token_id}

    @app.post("/tokens/{token_id}/revoke", include_in_schema=False)
    def form_revoke(token_id: str, s: StoreDep, who: MeDep) -> RedirectResponse:
        accounts.revoke_token(s, token_id, _admin(who))
        return RedirectResponse(f"/users#{quote(token_id)}", status_code=303)
