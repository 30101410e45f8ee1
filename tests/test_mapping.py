"""The map: bundled boundaries, Web Mercator, markers sized by toll and
coloured by type, rings for places known only to a province, optional tiles."""

from __future__ import annotations

import re

import pytest

from saboot.claims import Location
from saboot.link.model import Count, Incident
from saboot.mapping import COLOURS, boundaries, fit, map_svg, world


def incident(n: int, lon: float, lat: float, killed: int, event_type: str = "bombing", precision: str = "town") -> Incident:
    loc = Location(f"Place <{n}>", None, "Balochistan", "PK", lat, lon, precision, None, (), "test")
    return Incident(
        f"inc-{n}", (f"c{n}",), event_type, "2013-01-10", "2013-01-10", "day", loc,
        {"killed": Count(killed, killed, killed, "median_low", ())}, (), (), (), 1, (), (), (), "low", "",
    )  # fmt: skip


def test_web_mercator_world_pixels() -> None:
    assert world(0, 0) == pytest.approx((128, 128))
    assert world(180, 0)[0] == pytest.approx(256) and world(-180, 0)[0] == pytest.approx(0)
    assert world(0, 60)[1] < world(0, 30)[1] < 128  # north is up


def test_the_bundled_boundaries_cover_south_asia() -> None:
    names = {f["properties"]["name"] for f in boundaries()}
    assert {"Pakistan", "Afghanistan", "India", "Iran", "Bangladesh", "Nepal", "Sri Lanka", "Bhutan"} <= names
    [pakistan] = [f for f in boundaries() if f["properties"]["iso_a3"] == "PAK"]
    lons = [p[0] for poly in pakistan["geometry"]["coordinates"] for ring in poly for p in ring]
    assert 60 < min(lons) < 62 and 77 < max(lons) < 78  # Pakistan spans about 60.9°E to 77.8°E


def test_markers_are_sized_by_toll_coloured_by_type_and_escaped() -> None:
    quetta = incident(1, 67.0, 30.2, 100)
    mastung = incident(2, 66.85, 29.8, 4, "mass_killing")
    province = incident(3, 65.0, 28.5, 9, "abduction", precision="province")
    svg = map_svg([quetta, mastung, province], link="/incidents/{id}")
    circles = re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)" ([^>]*)>', svg)
    assert len(circles) == 3
    radius = {float(r): paint for _, _, r, paint in circles}
    assert max(radius) == pytest.approx(13.0) and min(radius) == pytest.approx(5.0)  # 3 + sqrt(killed)
    assert COLOURS["bombing"] in radius[13.0] and COLOURS["mass_killing"] in radius[5.0]
    assert 'fill="none"' in radius[6.0]  # the province-level place is a ring
    assert "<title>Pakistan</title>" in svg and "PAKISTAN" in svg
    assert "Place &lt;1&gt;" in svg and "<1>" not in svg
    assert 'href="/incidents/inc-1"' in svg
    for cx, cy, _, _ in circles:  # every marker is inside the picture
        assert 0 < float(cx) < 760 and 0 < float(cy) < 520


def test_without_incidents_the_map_shows_south_asia() -> None:
    svg = map_svg([])
    assert "<circle" not in svg and "<title>India</title>" in svg and "INDIA" in svg


def test_configured_tiles_cover_the_view() -> None:
    svg = map_svg([incident(1, 67.0, 30.2, 10)], tiles="https://tiles.example.org/{z}/{x}/{y}.png", attribution="Example")
    tiles = re.findall(r'<image href="https://tiles\.example\.org/(\d+)/(\d+)/(\d+)\.png" x="(-?[\d.]+)" y="(-?[\d.]+)" '
                       r'width="([\d.]+)"', svg)  # fmt: skip
    assert tiles and len({z for z, *_ in tiles}) == 1
    xs = [float(x) for *_, x, _, _ in tiles]
    ys = [float(y) for *_, _, y, _ in tiles]
    size = float(tiles[0][5])
    assert min(xs) <= 0 and max(xs) + size >= 760 and min(ys) <= 0 and max(ys) + size >= 520
    assert "tiles: Example" in svg and 'fill="none" stroke="#8a8f98"' in svg  # outlines over the tiles


def test_fit_keeps_the_box_in_view() -> None:
    view = fit((66.0, 29.0, 68.0, 31.0), 400, 300)
    for lon, lat in ((66.0, 29.0), (68.0, 31.0)):
        x, y = view.xy(lon, lat)
        assert -0.5 <= x <= 400.5 and -0.5 <= y <= 300.5


def test_a_toll_nobody_gave_is_shown_as_unknown() -> None:
    from dataclasses import replace

    up_to = replace(incident(4, 67.0, 30.2, 0), counts={"killed": Count(None, None, 100, "median_low", ())})
    svg = map_svg([up_to])
    assert "killed ?/?/100</title>" in svg and "None" not in svg
