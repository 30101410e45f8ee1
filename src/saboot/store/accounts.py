"""Accounts, sessions, API tokens and sensitive marks of the SQLite store
(a mixin, so that the store module stays small). Secrets are stored only as
hashes: passwords as Argon2id (made by :mod:`saboot.accounts`), session and
API tokens as SHA-256."""

from __future__ import annotations

from saboot.model import ApiToken, SensitiveMark, User
from saboot.store.dbapi import Connection, Row


class AccountTablesMixin:
    conn: Connection

    def add_user(self, user: User, password_hash: str) -> None:
        self.conn.execute(
            "INSERT INTO users VALUES (?, ?, ?, ?, ?)",
            (user.name, user.role, password_hash, int(user.disabled), user.created_at),
        )

    def update_user(
        self, name: str, *, role: str | None = None, password_hash: str | None = None, disabled: bool | None = None
    ) -> None:
        flag = None if disabled is None else int(disabled)  # an INTEGER column on both engines
        for column, value in (("role", role), ("password_hash", password_hash), ("disabled", flag)):
            if value is not None:
                self.conn.execute(f"UPDATE users SET {column} = ? WHERE name = ?", (value, name))
        if disabled or password_hash is not None:  # a lost password or a leaver: end every session
            self.conn.execute('DELETE FROM sessions WHERE "user" = ?', (name,))

    def get_user(self, name: str) -> tuple[User, str] | None:
        row = self.conn.execute("SELECT * FROM users WHERE name = ?", (name,)).fetchone()
        return None if row is None else (_user(row), str(row["password_hash"]))

    def list_users(self) -> list[User]:
        return [_user(r) for r in self.conn.execute("SELECT * FROM users ORDER BY name")]

    def add_session(self, token_sha256: str, user: str, csrf: str, created_at: str, expires_at: str) -> None:
        self.conn.execute("INSERT INTO sessions VALUES (?, ?, ?, ?, ?)", (token_sha256, user, csrf, created_at, expires_at))

    def session_user(self, token_sha256: str, now: str) -> tuple[User, str] | None:
        row = self.conn.execute(
            'SELECT u.*, s.csrf FROM sessions s JOIN users u ON u.name = s."user"'
            " WHERE s.token_sha256 = ? AND s.expires_at > ? AND u.disabled = 0",
            (token_sha256, now),
        ).fetchone()
        return None if row is None else (_user(row), str(row["csrf"]))

    def delete_session(self, token_sha256: str, now: str) -> None:
        self.conn.execute("DELETE FROM sessions WHERE token_sha256 = ? OR expires_at <= ?", (token_sha256, now))

    def add_token(self, token: ApiToken, token_sha256: str) -> None:
        self.conn.execute(
            "INSERT INTO api_tokens VALUES (?, ?, ?, ?, ?, NULL)",
            (token.id, token_sha256, token.user, token.label, token.created_at),
        )

    def token_user(self, token_id: str, token_sha256: str) -> User | None:
        row = self.conn.execute(
            'SELECT u.* FROM api_tokens t JOIN users u ON u.name = t."user"'
            " WHERE t.id = ? AND t.token_sha256 = ? AND t.revoked_at IS NULL AND u.disabled = 0",
            (token_id, token_sha256),
        ).fetchone()
        return None if row is None else _user(row)

    def revoke_token(self, token_id: str, ts: str) -> bool:
        cur = self.conn.execute("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", (ts, token_id))
        return cur.rowcount > 0

    def list_tokens(self) -> list[ApiToken]:
        rows = self.conn.execute('SELECT id, "user", label, created_at, revoked_at FROM api_tokens ORDER BY created_at')
        return [ApiToken(*r) for r in rows]

    def set_mark(self, mark: SensitiveMark) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO sensitive_marks VALUES (?, ?, ?, ?, ?)",
            (mark.kind, mark.target, mark.reason, mark.actor, mark.ts),
        )

    def clear_mark(self, kind: str, target: str) -> bool:
        sql = "DELETE FROM sensitive_marks WHERE kind = ? AND target = ? COLLATE NOCASE"  # names match in any case
        return self.conn.execute(sql, (kind, target)).rowcount > 0

    def sensitive_marks(self) -> list[SensitiveMark]:
        return [SensitiveMark(*r) for r in self.conn.execute("SELECT * FROM sensitive_marks ORDER BY kind, target")]


def _user(row: Row) -> User:
    return User(str(row["name"]), str(row["role"]), bool(row["disabled"]), str(row["created_at"]))
