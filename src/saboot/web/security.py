"""Who may do what in the workbench: every request passes :func:`admit`.

- A bearer API token (``Authorization: Bearer sbt_...``) or a session cookie
  names the user; a store with no accounts has one local user (admin), and
  the server then listens only on localhost.
- Reads need a login (when accounts exist); writes need the analyst role,
  and a browser session's writes need its CSRF token (``csrf_token`` form
  field or ``X-CSRF-Token`` header). Tokens carry no cookie, so no CSRF check.
- Viewers get records through a :class:`~saboot.sensitive.Redactor`.
"""

from __future__ import annotations

from fastapi import Request

from saboot.accounts import Principal, check_csrf, identify
from saboot.errors import ConfigError, NotAuthenticated
from saboot.sensitive import Redactor
from saboot.store import Store

COOKIE = "saboot_session"
SAFE = ("GET", "HEAD", "OPTIONS")
OPEN = ("/login",)  # reachable without a login
ANY_ROLE_WRITES = ("/logout",)
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


async def admit(request: Request, store: Store) -> Principal | None:
    """The principal of a request, after the login, role and CSRF checks."""
    principal = identify(store, request.cookies.get(COOKIE), request.headers.get("authorization"))
    request.state.principal = principal
    if request.url.path in OPEN:
        return principal
    if principal is None:
        raise NotAuthenticated("log in first", where="session", hint="open /login, or send `Authorization: Bearer TOKEN`")
    if request.method not in SAFE:
        if request.url.path not in ANY_ROLE_WRITES:
            principal.require("analyst", "change records")
        check_csrf(principal, await _sent_csrf(request))
    return principal


async def _sent_csrf(request: Request) -> str | None:
    sent = request.headers.get("x-csrf-token")
    if sent is None and request.headers.get("content-type", "").split(";")[0].strip() in FORM_TYPES:
        value = (await request.form()).get("csrf_token")  # Starlette caches the parsed form for the endpoint
        sent = value if isinstance(value, str) else None
    return sent


def actor(principal: Principal, typed: str | None) -> str:
    """Who a decision is attributed to: the logged-in user; in a store without
    accounts, the name the analyst typed."""
    if principal.via != "local":
        return principal.name
    if not typed or not typed.strip():
        raise ConfigError("say who decides", where="analyst", hint="type your name in the Analyst box (it goes into the ledger)")
    return typed.strip()


def redactor(principal: Principal, store: Store) -> Redactor:
    """Analysts and admins see sensitive records (marked as such); viewers do not."""
    return Redactor() if principal.can("analyst") else Redactor.for_store(store)


def export_redactor(principal: Principal, store: Store, include_sensitive: bool) -> Redactor:
    """Exports are redacted for everyone unless an admin asks for the sensitive records."""
    if include_sensitive:
        principal.require("admin", "export sensitive records")
        return Redactor()
    return Redactor.for_store(store)


def safe_next(target: str | None) -> str:
    """Where to go after logging in: a path on this site only."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/incidents"
    return target
