"""The fetcher seam: URL → bytes. Tests inject a fake; nothing else in saboot
touches the network."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from saboot.errors import FetchError


@dataclass(frozen=True)
class Fetched:
    url: str  # final URL after redirects
    data: bytes
    content_type: str | None


class Fetcher(Protocol):
    def fetch(self, url: str, max_bytes: int) -> Fetched: ...


class HttpFetcher:
    """Fetches with httpx; every failure becomes a ``FetchError``."""

    def __init__(self, timeout: float = 20.0, user_agent: str = "saboot") -> None:
        self.timeout = timeout
        self.user_agent = user_agent

    def fetch(self, url: str, max_bytes: int) -> Fetched:
        import httpx

        try:
            client = httpx.Client(timeout=self.timeout, follow_redirects=True, headers={"User-Agent": self.user_agent})
            with client, client.stream("GET", url) as response:
                response.raise_for_status()
                data = bytearray()
                for chunk in response.iter_bytes():
                    data += chunk
                    if len(data) > max_bytes:
                        raise FetchError(f"larger than the {max_bytes} byte limit", where=url, hint="raise --max-bytes")
                return Fetched(str(response.url), bytes(data), response.headers.get("content-type"))
        except httpx.HTTPStatusError as exc:
            raise FetchError(
                f"HTTP {exc.response.status_code}", where=url, hint="check the URL, or save the page and ingest the file"
            ) from exc
        except httpx.HTTPError as exc:
            raise FetchError(
                f"could not fetch ({type(exc).__name__}: {exc})",
                where=url,
                hint="no network? save the page (or a WARC) and ingest the file instead",
            ) from exc


class OfflineFetcher:
    """For ``--offline``: every URL fails at once with a clear reason."""

    def fetch(self, url: str, max_bytes: int) -> Fetched:
        raise FetchError(
            "offline mode: URLs are not fetched", where=url, hint="save the page and ingest the file, or drop --offline"
        )
