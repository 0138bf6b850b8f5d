"""Geometry for the server-rendered SVG charts: the state tile map and the fill history."""

from __future__ import annotations

import math
from dataclasses import dataclass

from imgpath.programs.geo import STATE_NAMES, TILE_GRID

TILE = 44
GAP = 4
LEVELS = 5


@dataclass(frozen=True)
class Tile:
    state: str
    name: str
    x: int
    y: int
    count: int
    level: int
    highlighted: bool

    @property
    def label_x(self) -> int:
        return self.x + TILE // 2

    @property
    def label_y(self) -> int:
        return self.y + TILE // 2 + 5


@dataclass(frozen=True)
class TileMap:
    tiles: tuple[Tile, ...]
    width: int
    height: int
    max_count: int

    @property
    def legend(self) -> list[tuple[int, str]]:
        """(level, range label) for each shade, from the counts' maximum."""
        if self.max_count == 0:
            return []
        bounds = [math.ceil(self.max_count * i / LEVELS) for i in range(LEVELS + 1)]
        labels = []
        for level in range(1, LEVELS + 1):
            low, high = bounds[level - 1] + 1, bounds[level]
            if high >= low:
                labels.append((level, str(high) if low == high else f"{low}\N{EN DASH}{high}"))
        return labels


def tile_map(counts: dict[str, int] | None = None, highlight: str = "") -> TileMap:
    """Every state as a square; shaded by `counts` (a choropleth) or one state highlighted."""
    counts = counts or {}
    top = max(counts.values(), default=0)
    tiles = tuple(
        Tile(
            state=state,
            name=STATE_NAMES[state],
            x=column * (TILE + GAP),
            y=row * (TILE + GAP),
            count=counts.get(state, 0),
            level=_level(counts.get(state, 0), top),
            highlighted=state == highlight,
        )
        for state, (column, row) in sorted(TILE_GRID.items())
    )
    columns = max(c for c, _ in TILE_GRID.values()) + 1
    rows = max(r for _, r in TILE_GRID.values()) + 1
    return TileMap(tiles, columns * (TILE + GAP) - GAP, rows * (TILE + GAP) - GAP, top)


def _level(count: int, top: int) -> int:
    return 0 if count == 0 or top == 0 else max(1, math.ceil(LEVELS * count / top))


@dataclass(frozen=True)
class Bar:
    year: int
    quota: int
    matched: int
    x: int
    quota_y: float
    quota_height: float
    matched_x: int
    matched_y: float
    matched_height: float

    @property
    def label_x(self) -> int:
        return self.x + BAR_WIDTH

    @property
    def value_y(self) -> float:
        return min(self.quota_y, self.matched_y) - 5

    @property
    def unfilled(self) -> int:
        return self.quota - self.matched


@dataclass(frozen=True)
class BarChart:
    bars: tuple[Bar, ...]
    width: int
    height: int
    baseline: int
    ticks: tuple[tuple[int, float], ...]


BAR_WIDTH = 16
SLOT = 52
CHART_HEIGHT = 140
LEFT = 34
TOP = 22


def fill_chart(years: list[tuple[int, int, int]]) -> BarChart:
    """Side-by-side bars of positions offered (quota) and filled (matched) per Match year."""
    top = max((quota for _, quota, _ in years), default=0) or 1
    scale = CHART_HEIGHT / top
    baseline = TOP + CHART_HEIGHT
    bars = tuple(
        Bar(
            year=year,
            quota=quota,
            matched=matched,
            x=LEFT + 8 + i * SLOT,
            quota_y=baseline - quota * scale,
            quota_height=quota * scale,
            matched_x=LEFT + 8 + i * SLOT + BAR_WIDTH,
            matched_y=baseline - matched * scale,
            matched_height=matched * scale,
        )
        for i, (year, quota, matched) in enumerate(years)
    )
    ticks = tuple((value, baseline - value * scale) for value in sorted({0, top // 2, top}))
    return BarChart(bars, LEFT + 8 + len(years) * SLOT, baseline + 24, baseline, ticks)


# The contiguous United States in a plain projection: x shrinks by cos(37.5°) so shapes look right.
BOX = (-125.0, -66.5, 24.3, 49.5)
DEGREE = 9.0
X_SHRINK = math.cos(math.radians(37.5))


@dataclass(frozen=True)
class DotMap:
    """Every program city as a small dot (they draw the country), one place marked."""

    path: str
    width: float
    height: float
    marker_x: float
    marker_y: float


def _project(latitude: float, longitude: float) -> tuple[float, float]:
    west, _, _, north = BOX
    return (round((longitude - west) * X_SHRINK * DEGREE, 1), round((north - latitude) * DEGREE, 1))


def _inside(latitude: float, longitude: float) -> bool:
    west, east, south, north = BOX
    return west <= longitude <= east and south <= latitude <= north


def dots_path(points: list[tuple[float, float]]) -> str:
    """One SVG path of small squares, one per (latitude, longitude) inside the box."""
    seen = {_project(lat, lon) for lat, lon in points if _inside(lat, lon)}
    return "".join(f"M{x} {y}h2.4v2.4h-2.4z" for x, y in sorted(seen))


def dot_map(path: str, latitude: float, longitude: float) -> DotMap | None:
    """None when the place lies outside the contiguous states (Alaska, Hawaii, Puerto Rico)."""
    if not _inside(latitude, longitude):
        return None
    west, east, south, north = BOX
    x, y = _project(latitude, longitude)
    width = round((east - west) * X_SHRINK * DEGREE + 2, 1)
    return DotMap(path, width, round((north - south) * DEGREE + 2, 1), x + 1, y + 1)
