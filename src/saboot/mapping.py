"""Maps of incidents as inline SVG, drawn offline.

Country boundaries of South Asia and its neighbours are bundled
(``data/boundaries.geojson``, Natural Earth 1:110m, de facto lines; built by
``scripts/build_boundaries.py``). Places are drawn in Web Mercator, so that an
optional user-configured tile server (``saboot serve --tiles URL``) lines up
under them when the machine is online; offline the tiles simply do not load
and the boundaries remain. Each incident is a circle sized by its best death
toll and coloured by its event type; a place known only to its province or
country is drawn as a ring, not a dot, so that it is not mistaken for the spot.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from importlib.resources import files
from typing import Any

from saboot.claims import EVENT_TYPES
from saboot.link.model import Incident

BOUNDARIES_VERSION = "naturalearth-110m@2026-11"
DEFAULT_VIEW = (60.0, 5.0, 98.0, 38.0)  # lon0, lat0, lon1, lat1: South Asia
PALETTE = ("#b23a24", "#1f5fa8", "#7a3fa0", "#d17a00", "#2b8a3e", "#0b7285", "#a61e4d", "#5c5f66", "#c2255c",
           "#8d6e00", "#364fc7", "#e8590c", "#087f5b", "#862e9c", "#495057")  # fmt: skip
COLOURS = dict(zip(EVENT_TYPES, PALETTE, strict=True))
IMPRECISE = ("province", "country", "unknown")
TILE = 256


@dataclass(frozen=True)
class View:
    """A Web Mercator window: world pixels at zoom 0 (x0, y0) and the scale to screen pixels."""

    x0: float
    y0: float
    scale: float
    width: int
    height: int

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = world(lon, lat)
        return (x - self.x0) * self.scale, (y - self.y0) * self.scale


def world(lon: float, lat: float) -> tuple[float, float]:
    """Web Mercator world pixels at zoom 0 (0..256)."""
    lat = max(min(lat, 85.0), -85.0)
    y = (1 - math.log(math.tan(math.radians(lat)) + 1 / math.cos(math.radians(lat))) / math.pi) / 2
    return (lon + 180) / 360 * TILE, y * TILE


def fit(bbox: tuple[float, float, float, float], width: int, height: int) -> View:
    """The view that shows ``bbox`` (lon0, lat0, lon1, lat1) whole, centred."""
    (ax, ay), (bx, by) = world(bbox[0], bbox[3]), world(bbox[2], bbox[1])
    scale = min(width / max(bx - ax, 1e-6), height / max(by - ay, 1e-6))
    cx, cy = (ax + bx) / 2, (ay + by) / 2
    return View(cx - width / 2 / scale, cy - height / 2 / scale, scale, width, height)


def bbox_of(points: list[tuple[float, float]], pad: float = 1.5, least: float = 6.0) -> tuple[float, float, float, float]:
    """Around the points, padded, and at least ``least`` degrees wide and high."""
    if not points:
        return DEFAULT_VIEW
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    x0, x1, y0, y1 = min(lons) - pad, max(lons) + pad, min(lats) - pad, max(lats) + pad
    grow_x, grow_y = max(0.0, least - (x1 - x0)) / 2, max(0.0, least - (y1 - y0)) / 2
    return x0 - grow_x, y0 - grow_y, x1 + grow_x, y1 + grow_y


@lru_cache(maxsize=1)
def boundaries() -> list[dict[str, Any]]:
    data = json.loads((files("saboot") / "data" / "boundaries.geojson").read_text(encoding="utf-8"))
    return list(data["features"])


def _boundary_paths(view: View, filled: bool) -> list[str]:
    out = []
    for feature in boundaries():
        d = []
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                pts = clip([view.xy(lon, lat) for lon, lat in ring], view.width, view.height)
                if len(pts) >= 3:
                    d.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in pts) + "Z")
        if not d:
            continue
        fill = 'fill="#eceee6"' if filled else 'fill="none"'
        name = escape(feature["properties"]["name"])
        out.append(f'<path d="{"".join(d)}" {fill} stroke="#8a8f98" stroke-width="0.8"><title>{name}</title></path>')
    return out + [_label(view, f) for f in boundaries()]


def _label(view: View, feature: dict[str, Any]) -> str:
    """The country's name at the middle of its largest outline, when that is in view."""
    ring = max((p[0] for p in feature["geometry"]["coordinates"]), key=len)
    lon = (min(p[0] for p in ring) + max(p[0] for p in ring)) / 2
    lat = (min(p[1] for p in ring) + max(p[1] for p in ring)) / 2
    x, y = view.xy(lon, lat)
    if not (30 < x < view.width - 30 and 12 < y < view.height - 12):
        return ""
    name = escape(feature["properties"]["name"].upper())
    return f'<text x="{x:.0f}" y="{y:.0f}" font-size="11" fill="#9a9ea6" text-anchor="middle" letter-spacing="1">{name}</text>'


def clip(ring: list[tuple[float, float]], width: float, height: float, margin: float = 2.0) -> list[tuple[float, float]]:
    """A closed outline cut to the picture (Sutherland–Hodgman against each edge), so that
    outlines stop at the frame in every renderer, with or without SVG clipping."""
    edges = ((0, -margin, 1), (0, width + margin, -1), (1, -margin, 1), (1, height + margin, -1))
    for axis, bound, sign in edges:
        if not ring:
            break
        inside = [sign * (p[axis] - bound) >= 0 for p in ring]
        out: list[tuple[float, float]] = []
        for n, (p, p_in) in enumerate(zip(ring, inside, strict=True)):
            q, q_in = ring[n - 1], inside[n - 1]
            if p_in != q_in:  # the edge crosses the bound: add the crossing point
                t = (bound - q[axis]) / (p[axis] - q[axis])
                out.append((q[0] + t * (p[0] - q[0]), q[1] + t * (p[1] - q[1])))
            if p_in:
                out.append(p)
        ring = out
    return ring


def _tiles(view: View, template: str) -> list[str]:
    """``<image>`` elements for an XYZ tile server covering the view (loaded by the browser, when online)."""
    z = max(0, min(18, round(math.log2(view.scale))))
    size = TILE * view.scale / 2**z  # one tile's size on screen
    first_x, first_y = int(view.x0 * 2**z / TILE), int(view.y0 * 2**z / TILE)
    out = []
    for tx in range(first_x, first_x + int(view.width / size) + 2):
        for ty in range(max(first_y, 0), min(first_y + int(view.height / size) + 2, 2**z)):
            x, y = (tx * TILE / 2**z - view.x0) * view.scale, (ty * TILE / 2**z - view.y0) * view.scale
            href = escape(template.replace("{z}", str(z)).replace("{x}", str(tx % 2**z)).replace("{y}", str(ty)))
            out.append(f'<image href="{href}" x="{x:.1f}" y="{y:.1f}" width="{size + 0.5:.1f}" height="{size + 0.5:.1f}"/>')
    return out


def _marker(view: View, inc: Incident, link: str) -> str:
    loc = inc.location
    assert loc is not None and loc.lat is not None and loc.lon is not None
    k = inc.counts.get("killed")
    r = 3 + min(20, ((k.best or k.low or 0) if k else 0) ** 0.5)
    x, y = view.xy(loc.lon, loc.lat)
    colour = COLOURS.get(inc.event_type, PALETTE[-1])
    ring = (loc.precision or "") in IMPRECISE
    paint = f'fill="none" stroke="{colour}" stroke-width="2"' if ring else f'fill="{colour}" fill-opacity="0.6" stroke="#fff"'
    toll = f", killed {k.triple()}" if k else ""
    where = f"{loc.name or ''} ({loc.precision})" if ring else (loc.name or "")
    title = escape(f"{where} {inc.when('date unknown')} {inc.event_type}{toll}")
    return (
        f'<a href="{escape(link.format(id=inc.id))}"><circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" {paint}>'
        f"<title>{title}</title></circle></a>"
    )


def _legend(types: list[str], height: int) -> list[str]:
    out = [f'<g font-size="11"><rect x="4" y="{height - 18 * len(types) - 30}" width="170" '
           f'height="{18 * len(types) + 26}" fill="#fff" fill-opacity="0.85"/>']  # fmt: skip
    for n, t in enumerate(types):
        y = height - 18 * (len(types) - n) - 14
        swatch = f'<rect x="9" y="{y - 5}" width="10" height="10" rx="5" fill="{COLOURS.get(t, PALETTE[-1])}"/>'
        out.append(f'{swatch}<text x="24" y="{y + 4}">{escape(t)}</text>')
    out.append(f'<text x="8" y="{height - 10}" fill="#555">ring: place known only to province</text></g>')
    return out


def map_svg(
    incidents: list[Incident], width: int = 760, height: int = 520, link: str = "#{id}",
    tiles: str | None = None, attribution: str | None = None,
) -> str:  # fmt: skip
    """The incidents that have coordinates, over the bundled boundaries (and the tiles, when configured)."""
    placed = [i for i in incidents if i.location and i.location.lat is not None and i.location.lon is not None]
    points = [(loc.lon, loc.lat) for i in placed if (loc := i.location) and loc.lon is not None and loc.lat is not None]
    view = fit(bbox_of(points), width, height)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="map of incidents" class="map"><rect width="{width}" height="{height}" fill="#dfe9f0"/>',
        *(_tiles(view, tiles) if tiles else []),
        *_boundary_paths(view, filled=not tiles),
    ]
    big_first = sorted(placed, key=lambda i: -((i.counts["killed"].best or 0) if "killed" in i.counts else 0))
    parts += [_marker(view, inc, link) for inc in big_first]  # small circles on top of big ones
    types = sorted({i.event_type for i in placed})
    if types:
        parts += _legend(types, height)
    credit = "Boundaries: Natural Earth (de facto)" + (f"; tiles: {attribution}" if tiles and attribution else "")
    parts.append(
        f'<text x="{width - 4}" y="{height - 6}" font-size="10" text-anchor="end" fill="#555">{escape(credit)}</text></svg>'
    )
    return "".join(parts)
