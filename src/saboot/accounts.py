"""Workbench accounts: users with roles, password hashing (Argon2id through
argon2-cffi), browser sessions with a CSRF token each, and API tokens for
scripts.

Roles are ordered: a *viewer* reads (and never sees documents or names
marked sensitive); an *analyst* also decides (corrections, reviews, merges,
splits, re-links, uploads, sensitive marks); an *admin* also manages
accounts, clears sensitive marks and may export sensitive records.

A store with no account at all is a single-user store on one machine: the
workbench then treats whoever reaches it as the local admin and refuses to
listen beyond localhost (:func:`check_listen`). Changes to accounts and
tokens are audited; secrets are kept only as hashes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from saboot.audit import canonical_json, sha256_hex
from saboot.errors import ConfigError, Forbidden, NotAuthenticated, NotFoundError
from saboot.model import ApiToken, User
from saboot.store.base import Store

ROLES = ("viewer", "analyst", "admin")
SESSION_HOURS = 12
MIN_PASSWORD = 10
LOOPBACK = ("127.0.0.1", "localhost", "::1")
TOKEN_PREFIX = "sbt"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
_HASHER = PasswordHasher()  # argon2-cffi's defaults (RFC 9106 low-memory profile)


@dataclass(frozen=True)
class Principal:
    """Who is asking: a user through a session or a token, or the local user
    of a store without accounts."""

    name: str
    role: str
    via: str  # "session", "token" or "local"
    csrf: str | None = None  # the session's CSRF token

    def can(self, role: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(role)

    def require(self, role: str, action: str) -> None:
        if not self.can(role):
            raise Forbidden(f"{self.name} ({self.role}) may not {action}", where="role", hint=f"ask an admin for the {role} role")


LOCAL = Principal("local", "admin", "local")


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise ConfigError(f"unknown role {role!r}", where="--role", hint=f"use one of {', '.join(ROLES)}")


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ConfigError(
            f"a password needs at least {MIN_PASSWORD} characters", where="password", hint="choose a longer passphrase"
        )


def _user(store: Store, name: str) -> User:
    found = store.get_user(name)
    if found is None:
        raise NotFoundError(f"no user {name!r}", where="user", hint="list accounts with `saboot users list`")
    return found[0]


def _audit(store: Store, actor: str, action: str, subject: str, payload: dict[str, object]) -> None:
    store.append_audit(
        actor=actor, action=action, subject_kind="user", subject_id=subject,
        content_sha256=sha256_hex(canonical_json(payload)), payload=payload,
    )  # fmt: skip


def add_user(store: Store, name: str, role: str, password: str, actor: str) -> User:
    """Create an account (audited; the ledger never holds the password or its hash)."""
    if not _NAME.match(name):
        raise ConfigError(f"bad user name {name!r}", where="NAME", hint="use letters, digits and . _ @ - (up to 64)")
    _check_role(role)
    _check_password(password)
    if store.get_user(name) is not None:
        raise ConfigError(f"user {name!r} exists", where="NAME", hint="change it with `saboot users role` or `users password`")
    user = User(name, role, False, store.clock())
    with store.transaction():
        store.add_user(user, _HASHER.hash(password))
        _audit(store, actor, "users.add", name, {"role": role})
    return user


def set_role(store: Store, name: str, role: str, actor: str) -> User:
    _check_role(role)
    _user(store, name)
    with store.transaction():
        store.update_user(name, role=role)
        _audit(store, actor, "users.role", name, {"role": role})
    return _user(store, name)


def set_password(store: Store, name: str, password: str, actor: str) -> None:
    """A new password; the user's sessions end."""
    _check_password(password)
    _user(store, name)
    with store.transaction():
        store.update_user(name, password_hash=_HASHER.hash(password))
        _audit(store, actor, "users.password", name, {})


def set_disabled(store: Store, name: str, disabled: bool, actor: str) -> User:
    """Disable (sessions end, tokens stop working) or re-enable an account."""
    _user(store, name)
    with store.transaction():
        store.update_user(name, disabled=disabled)
        _audit(store, actor, "users.disable" if disabled else "users.enable", name, {})
    return _user(store, name)


def has_accounts(store: Store) -> bool:
    return bool(store.list_users())


def has_admin(store: Store) -> bool:
    return any(u.role == "admin" and not u.disabled for u in store.list_users())


def check_listen(store: Store, host: str) -> None:
    """Beyond localhost only with accounts to log in to, and an admin among them."""
    if host not in LOOPBACK and not has_admin(store):
        raise ConfigError(
            f"refusing to listen on {host} without an admin account",
            where="--host",
            hint="create one with `saboot users add NAME --role admin`, or listen on 127.0.0.1",
        )


# -- logging in -----------------------------------------------------------
def authenticate(store: Store, name: str, password: str) -> User:
    """The user, if the password is right and the account enabled. The error
    does not say which of name or password was wrong."""
    found = store.get_user(name)
    wrong = NotAuthenticated("wrong user name or password", where="login", hint="try again, or ask an admin to reset it")
    if found is None:
        _HASHER.hash(password)  # spend the same time as a real check
        raise wrong
    user, stored = found
    try:
        _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        raise wrong from None
    if user.disabled:
        raise wrong
    if _HASHER.check_needs_rehash(stored):
        with store.transaction():
            store.update_user(name, password_hash=_HASHER.hash(password))
    return user


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _later(store: Store, hours: int) -> str:
    now = dt.datetime.fromisoformat(store.clock().replace("Z", "+00:00"))
    return (now + dt.timedelta(hours=hours)).isoformat(timespec="microseconds").replace("+00:00", "Z")


def start_session(store: Store, user: User) -> str:
    """A new session for a logged-in user; returns the cookie value (kept only as a hash)."""
    token = secrets.token_urlsafe(32)
    with store.transaction():
        store.delete_session("", store.clock())  # no session has an empty digest: this only sweeps expired ones
        store.add_session(_digest(token), user.name, secrets.token_urlsafe(32), store.clock(), _later(store, SESSION_HOURS))
    return token


def end_session(store: Store, token: str) -> None:
    with store.transaction():
        store.delete_session(_digest(token), store.clock())


def session_principal(store: Store, token: str) -> Principal | None:
    found = store.session_user(_digest(token), store.clock())
    return None if found is None else Principal(found[0].name, found[0].role, "session", found[1])


def check_csrf(principal: Principal, sent: str | None) -> None:
    """A browser session's write must carry its CSRF token (form field or header)."""
    if principal.via != "session":
        return
    if not sent or principal.csrf is None or not hmac.compare_digest(sent, principal.csrf):
        raise Forbidden("missing or wrong CSRF token", where="csrf_token", hint="reload the page and send the form again")


# -- API tokens -----------------------------------------------------------
def issue_token(store: Store, name: str, label: str, actor: str) -> tuple[ApiToken, str]:
    """A new API token for a user: the record and the secret, shown once."""
    _user(store, name)
    token = ApiToken(secrets.token_hex(4), name, label, store.clock(), None)
    secret = secrets.token_urlsafe(32)
    with store.transaction():
        store.add_token(token, _digest(secret))
        _audit(store, actor, "tokens.issue", name, {"token": token.id, "label": label})
    return token, f"{TOKEN_PREFIX}_{token.id}_{secret}"


def revoke_token(store: Store, token_id: str, actor: str) -> None:
    with store.transaction():
        if not store.revoke_token(token_id, store.clock()):
            raise NotFoundError(f"no active token {token_id!r}", where="TOKEN_ID", hint="list tokens with `saboot users tokens`")
        _audit(store, actor, "tokens.revoke", token_id, {"token": token_id})


def token_principal(store: Store, presented: str) -> Principal:
    """The user of ``Authorization: Bearer sbt_ID_SECRET``."""
    prefix, _, rest = presented.partition("_")
    token_id, _, secret = rest.partition("_")
    user = store.token_user(token_id, _digest(secret)) if prefix == TOKEN_PREFIX and secret else None
    if user is None:
        raise NotAuthenticated("API token not recognised (revoked, mistyped or its user disabled)", where="Authorization",
                               hint="issue a new one with `saboot users token NAME`")  # fmt: skip
    return Principal(user.name, user.role, "token")


def identify(store: Store, session: str | None, authorization: str | None) -> Principal | None:
    """Who is asking: a bearer token, else a session cookie, else the local
    user when the store has no accounts; None when a login is needed."""
    if authorization:
        scheme, _, value = authorization.partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            raise NotAuthenticated("unsupported Authorization header", where="Authorization", hint="send `Bearer TOKEN`")
        return token_principal(store, value.strip())
    if session and (found := session_principal(store, session)) is not None:
        return found
    return None if has_accounts(store) else LOCAL
