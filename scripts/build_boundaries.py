"""Build saboot's offline country boundaries for South Asia and its neighbours
from Natural Earth's 1:110m admin-0 countries (public domain), in the copy the
PyPI wheel of pyogrio ships as ``pyogrio/tests/fixtures/naturalearth_lowres``.

    .venv/bin/pip download --no-deps -d /tmp/ne pyogrio
    unzip -o /tmp/ne/pyogrio-*.whl 'pyogrio/tests/fixtures/naturalearth_lowres/*' -d /tmp/ne
    .venv/bin/pip install pyshp
    .venv/bin/python scripts/build_boundaries.py /tmp/ne/pyogrio/tests/fixtures/naturalearth_lowres/naturalearth_lowres

writes ``src/saboot/data/boundaries.geojson`` (derived facts: country names,
ISO codes and outline coordinates rounded to 0.01°). Natural Earth draws de
facto boundaries; disputed lines (Kashmir among them) are shown as it draws
them, which is not a position on them. Bump ``BOUNDARIES_VERSION`` in
``saboot/mapping.py`` when re-built.
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

import shapefile  # pyshp, for this script only

REGION = (38.0, -2.0, 104.0, 48.0)  # lon0, lat0, lon1, lat1: South Asia, Iran, Central Asia, western China, Myanmar
OUT = Path(__file__).resolve().parents[1] / "src" / "saboot" / "data" / "boundaries.geojson"


def overlaps(bbox: list[float]) -> bool:
    x0, y0, x1, y1 = bbox
    return x0 <= REGION[2] and x1 >= REGION[0] and y0 <= REGION[3] and y1 >= REGION[1]


def rings(shape: shapefile.Shape) -> list[list[list[float]]]:
    parts = [*shape.parts, len(shape.points)]
    out = []
    for a, b in itertools.pairwise(parts):
        ring = [[round(x, 2), round(y, 2)] for x, y in shape.points[a:b]]
        out.append([p for n, p in enumerate(ring) if n == 0 or p != ring[n - 1]])
    return out


def main(path: str) -> None:
    reader = shapefile.Reader(path)
    features = []
    for rec, shape in zip(reader.records(), reader.shapes(), strict=True):
        if not overlaps(list(shape.bbox)):
            continue
        # pyshp gives each ring separately; Natural Earth's outer rings are clockwise, holes anticlockwise
        polygons: list[list[list[list[float]]]] = []
        for ring in rings(shape):
            if shapefile.signed_area(ring) < 0 or not polygons:
                polygons.append([ring])
            else:
                polygons[-1].append(ring)
        features.append({
            "type": "Feature",
            "properties": {"name": rec["name"], "iso_a3": rec["iso_a3"]},
            "geometry": {"type": "MultiPolygon", "coordinates": polygons},
        })  # fmt: skip
    collection = {
        "type": "FeatureCollection",
        "source": "Natural Earth 1:110m admin-0 countries (public domain), de facto boundaries, rounded to 0.01 degrees",
        "features": sorted(features, key=lambda f: f["properties"]["name"]),
    }
    OUT.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(features)} countries written to {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main(sys.argv[1])
