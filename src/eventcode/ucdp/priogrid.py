"""PRIO-GRID cells: the half-degree grid GED's ``priogrid_gid`` names.

PRIO-GRID (versions 1 and 2) divides the globe into 720 columns and 360 rows of 0.5 degrees.
Rows count from the south (row 1 is -90 to -89.5), columns from the west (column 1 is -180 to
-179.5), and a cell's id is ``(row - 1) * 720 + column``: 1 to 259,200. A point on the edge
between two cells is in the one to its north or east, except at 90 and 180, which close the
last row and column. Sources: PRIO-GRID's own R package (``prio_resolution``, ``prio_ncol``,
``prio_nrow``, ``getXY``) and the ``priogridtools`` R package (``pg_priogrid``).
"""

from __future__ import annotations

import math

__all__ = ["CELLS", "cell_of", "cells_at"]

_COLUMNS, _ROWS = 720, 360
#: Cells a degree: halves (a power of two, so ``degrees * 2`` is exact).
_PER_DEGREE = 2
#: How many cells the grid has; ids run from 1 to this.
CELLS = _COLUMNS * _ROWS


def _index(degrees: float, limit: int, count: int) -> int:
    """Return the 0-based row or column holding ``degrees`` (the last one holds ``limit``).

    ``floor(degrees * 2)`` is exact where ``(degrees + limit) / 0.5`` would round a point just
    west of a line into the cell east of it.
    """
    return min(math.floor(degrees * _PER_DEGREE) + limit * _PER_DEGREE, count - 1)


def cell_of(latitude: float, longitude: float) -> int:
    """Return the id of the PRIO-GRID cell holding a point (WGS84 degrees, in range)."""
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise ValueError(f"({latitude}, {longitude}) is not a point on the globe")
    return _index(latitude, 90, _ROWS) * _COLUMNS + _index(longitude, 180, _COLUMNS) + 1


def cells_at(latitude: float, longitude: float) -> frozenset[int]:
    """Return the ids of every cell a point touches: one, or two to four on cell edges.

    A point on an edge is claimed by both cells beside it: a dataset that rounds it the other
    way names a cell the point is in all the same.
    """
    rows = _touching(latitude, 90, _ROWS)
    columns = _touching(longitude, 180, _COLUMNS)
    return frozenset(row * _COLUMNS + column + 1 for row in rows for column in columns)


def _touching(degrees: float, limit: int, count: int) -> set[int]:
    index = _index(degrees, limit, count)
    # On the line at the cell's south or west edge (not the last line, which closes the grid).
    on_edge = degrees * _PER_DEGREE + limit * _PER_DEGREE == index > 0
    return {index, index - 1} if on_edge else {index}
