"""saboot's exception tree.

Every error says what failed, where (file, line, field) and how to fix it.
The library raises; only the CLI and web edges turn errors into output.

    SabootError
    ├── ConfigError            bad option, missing setting, unknown format
    ├── StoreError             the database cannot be opened or migrated
    │   └── NotFoundError      an id that is not in the store
    ├── InputError             one input item cannot be ingested
    │   ├── ReadError          bytes that no reader can turn into text
    │   ├── TooLargeError      over the configured size limit
    │   ├── BulkRowError       one row of a CSV/JSONL batch is unusable
    │   └── FetchError         a URL could not be fetched (offline, HTTP error)
    ├── IntegrityError         the audit chain or a stored hash does not verify
    └── AccessError            the workbench refuses a request
        ├── NotAuthenticated   no valid session or API token (log in)
        └── Forbidden          the account's role does not allow it
"""

from __future__ import annotations


class SabootError(Exception):
    """Base of every error saboot raises on purpose.

    ``where`` names the file, line or field; ``hint`` says how to fix it.
    """

    code = "E000"

    def __init__(self, message: str, *, where: str | None = None, hint: str | None = None) -> None:
        self.message = message
        self.where = where
        self.hint = hint
        super().__init__(self.render())

    def render(self) -> str:
        text = f"[{self.code}] "
        if self.where:
            text += f"{self.where}: "
        text += self.message
        if self.hint:
            text += f" — {self.hint}"
        return text


class ConfigError(SabootError):
    code = "E100"


class StoreError(SabootError):
    code = "E200"


class NotFoundError(StoreError):
    code = "E201"


class InputError(SabootError):
    code = "E300"


class ReadError(InputError):
    code = "E301"


class TooLargeError(InputError):
    code = "E302"


class BulkRowError(InputError):
    code = "E303"


class FetchError(InputError):
    code = "E304"


class IntegrityError(SabootError):
    code = "E400"


class AccessError(SabootError):
    code = "E500"


class NotAuthenticated(AccessError):
    code = "E501"


class Forbidden(AccessError):
    code = "E502"
