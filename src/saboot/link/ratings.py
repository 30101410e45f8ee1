"""Source reliability ratings (NATO Admiralty scale A–F) from
``data/sources.toml`` and any file an analyst adds. saboot rates no outlet
itself: an outlet nobody rated is F, "cannot be judged"."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from saboot.errors import ConfigError
from saboot.link.model import RELIABILITY

GRADES = tuple(RELIABILITY)  # A … F


@dataclass(frozen=True)
class Ratings:
    version: str
    default: str
    by_outlet: dict[str, str]

    def of(self, outlet: str | None) -> str:
        return self.by_outlet.get((outlet or "").casefold(), self.default)


def load_ratings(extra: Path | None = None) -> Ratings:
    data = tomllib.loads((files("saboot") / "data" / "sources.toml").read_text(encoding="utf-8"))
    version = str(data["version"])
    entries = list(data.get("outlet", []))
    if extra is not None:
        try:
            more = tomllib.loads(extra.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(
                f"cannot read the ratings file ({exc})", where=str(extra), hint="see src/saboot/data/sources.toml for the format"
            ) from exc
        entries += list(more.get("outlet", []))
        version += f"+{extra.name}"
    ratings: dict[str, str] = {}
    for n, entry in enumerate(entries, start=1):
        grade = str(entry.get("reliability", "")).upper()
        if grade not in GRADES or not entry.get("name"):
            raise ConfigError(
                f"outlet entry {n}: needs a name and a reliability A–F", where=str(extra or "sources.toml"), hint="fix the entry"
            )
        ratings[str(entry["name"]).casefold()] = grade
    return Ratings(version, str(data.get("default_reliability", "F")), ratings)
