"""Exports of incidents in the formats analysts already use.

Every row carries its saboot incident id and its source documents. ``acled``
and ``ucdp`` use those datasets' column names and conventions (ACLED event
and sub-event types, time and geo precision codes, fatalities; UCDP GED
``best``/``low``/``high``, ``date_prec``, ``where_prec``), mapped from
saboot's vocabulary through ``data/event_types.toml``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from saboot.errors import ConfigError
from saboot.extract.eventtypes import default_event_types
from saboot.extract.gazetteer import default_gazetteer
from saboot.link.model import Incident

FORMATS = ("csv", "jsonl", "geojson", "parquet", "acled", "ucdp")
ACLED_TYPE = {
    "Armed clash": "Battles", "Attack": "Violence against civilians", "Abduction/forced disappearance": "Violence against civilians",
    "Sexual violence": "Violence against civilians", "Suicide bomb": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence", "Grenade": "Explosions/Remote violence",
    "Peaceful protest": "Protests", "Protest with intervention": "Protests", "Violent demonstration": "Riots",
    "Mob violence": "Riots", "Arrests": "Strategic developments", "Looting/property destruction": "Strategic developments",
    "Arson": "Strategic developments", "Other": "Strategic developments",
}  # fmt: skip
ACLED_TIME = {"day": 1, "week": 2, "month": 3}
ACLED_GEO = {"exact": 1, "town": 1, "district": 2, "province": 3}
UCDP_DATE = {"day": 1, "week": 3, "month": 4, "year": 5}
UCDP_WHERE = {"exact": 1, "town": 2, "district": 3, "province": 4, "country": 6}


def _count(inc: Incident, name: str) -> tuple[int | None, int | None, int | None]:
    c = inc.counts.get(name)
    return (c.low, c.best, c.high) if c else (None, None, None)


def _sources(inc: Incident) -> tuple[str, str]:
    return ";".join(s.document_id for s in inc.sources), ";".join(sorted({s.outlet or "" for s in inc.sources} - {""}))


def row(inc: Incident) -> dict[str, Any]:
    loc = inc.location
    doc_ids, outlets = _sources(inc)
    out: dict[str, Any] = {
        "incident_id": inc.id, "date_start": inc.date_start, "date_end": inc.date_end, "date_precision": inc.date_precision,
        "event_type": inc.event_type, "place": loc.name if loc else None, "admin2": loc.admin2 if loc else None,
        "admin1": loc.admin1 if loc else None, "country": loc.country if loc else None, "latitude": loc.lat if loc else None,
        "longitude": loc.lon if loc else None, "location_precision": loc.precision if loc else None,
    }  # fmt: skip
    for name in ("killed", "injured", "abducted", "missing"):
        out[f"{name}_low"], out[f"{name}_best"], out[f"{name}_high"] = _count(inc, name)
    out |= {
        "perpetrators": "; ".join(inc.perpetrators), "victims": "; ".join(inc.victims), "people": "; ".join(inc.people),
        "independent_sources": inc.independent_sources, "corroboration": inc.corroboration, "admiralty": inc.admiralty,
        "flags": ";".join(inc.flags),
        "sources": doc_ids, "outlets": outlets, "explanation": inc.explanation,
    }  # fmt: skip
    return out


def _acled_sub_event(event_type: str) -> str:
    t = default_event_types().by_name.get(event_type)
    return t.acled[0] if t and t.acled else "Other"


def _country_name(code: str | None) -> str | None:
    place = default_gazetteer().get(f"country:{code}") if code else None
    return place.name if place else code


def acled_row(inc: Incident) -> dict[str, Any]:
    loc = inc.location
    sub = _acled_sub_event(inc.event_type)
    doc_ids, outlets = _sources(inc)
    low, best, _high = _count(inc, "killed")
    return {
        "event_id_cnty": inc.id, "event_date": inc.date_start, "year": (inc.date_start or "")[:4] or None,
        "time_precision": ACLED_TIME.get(inc.date_precision, 3), "event_type": ACLED_TYPE.get(sub, "Strategic developments"),
        "sub_event_type": sub, "actor1": inc.perpetrators[0] if inc.perpetrators else "Unidentified Armed Group",
        "assoc_actor_1": "; ".join(inc.perpetrators[1:]), "actor2": "; ".join(inc.victims), "country": _country_name(loc.country if loc else None),
        "admin1": loc.admin1 if loc else None, "admin2": loc.admin2 if loc else None, "location": loc.name if loc else None,
        "latitude": loc.lat if loc else None, "longitude": loc.lon if loc else None,
        "geo_precision": ACLED_GEO.get(loc.precision, 3) if loc else 3, "source": outlets, "notes": inc.explanation,
        "fatalities": best if best is not None else (low or 0), "saboot_incident_id": inc.id, "saboot_sources": doc_ids,
    }  # fmt: skip


def ucdp_row(inc: Incident) -> dict[str, Any]:
    loc = inc.location
    low, best, high = _count(inc, "killed")
    doc_ids, outlets = _sources(inc)
    violence = 1 if inc.event_type == "clash" else 3  # one-sided violence unless two organised sides fight
    return {
        "id": inc.id, "year": (inc.date_start or "")[:4] or None, "type_of_violence": violence,
        "side_a": "; ".join(inc.perpetrators) or "Unknown", "side_b": "; ".join(inc.victims) or "Civilians",
        "country": _country_name(loc.country if loc else None), "adm_1": loc.admin1 if loc else None, "adm_2": loc.admin2 if loc else None,
        "where_coordinates": loc.name if loc else None, "latitude": loc.lat if loc else None, "longitude": loc.lon if loc else None,
        "where_prec": UCDP_WHERE.get(loc.precision, 7) if loc else 7, "date_start": inc.date_start, "date_end": inc.date_end,
        "date_prec": UCDP_DATE.get(inc.date_precision, 5), "best": best if best is not None else low, "low": low,
        "high": high if high is not None else best, "source_article": outlets, "saboot_incident_id": inc.id, "saboot_sources": doc_ids,
    }  # fmt: skip


def _csv(rows: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    if rows:
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return buf.getvalue()


def _geojson(incidents: list[Incident]) -> str:
    features = []
    for inc in incidents:
        loc = inc.location
        geometry = (
            {"type": "Point", "coordinates": [loc.lon, loc.lat]} if loc and loc.lat is not None and loc.lon is not None else None
        )
        features.append({"type": "Feature", "id": inc.id, "geometry": geometry, "properties": row(inc)})
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


TEXT_WRITERS: dict[str, Callable[[list[Incident]], str]] = {
    "csv": lambda incs: _csv([row(i) for i in incs]),
    "jsonl": lambda incs: "".join(json.dumps(i.to_json(), ensure_ascii=False) + "\n" for i in incs),
    "geojson": _geojson,
    "acled": lambda incs: _csv([acled_row(i) for i in incs]),
    "ucdp": lambda incs: _csv([ucdp_row(i) for i in incs]),
}


def export(incidents: list[Incident], fmt: str, out: Path | None) -> str | None:
    """Text formats are returned (and written to ``out`` when given); parquet needs ``out``."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}", where="--format", hint=f"use one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if out is None:
            raise ConfigError("parquet is binary", where="--format parquet", hint="give --out FILE.parquet")
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pylist([row(i) for i in incidents]), out)
        return None
    text = TEXT_WRITERS[fmt](incidents)
    if out is not None:
        out.write_text(text, encoding="utf-8")
    return text
