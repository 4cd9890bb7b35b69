"""Datasets as Arrow tables, pandas or polars data frames and Parquet folders.

- :func:`to_arrow`: a dataset as five pyarrow Tables (``events``, ``figures``, ``actors``,
  ``claimants``, ``documents``); :func:`to_pandas` and :func:`to_polars` the same tables as
  data frames;
- :func:`write_parquet`: a dataset as a Parquet folder (``DIR.parquet``: one file per table and
  ``manifest.json``), which ``eventcode.read``/``load``/``validate_path`` read back record for
  record (``eventcode convert x.json -o DIR.parquet`` writes one);
- :func:`validate_frame`: an ACLED-shaped pandas or polars DataFrame, validated by the rules
  that validate an ACLED CSV file, with the same findings.

``import eventcode.frames`` needs nothing more than eventcode; each call imports what it needs
and, when that is missing, raises :class:`~eventcode.errors.MissingExtraError` (a
``ModuleNotFoundError``) naming the extra to install: ``eventcode[arrow]`` (pyarrow),
``eventcode[pandas]`` (pandas and pyarrow) or ``eventcode[polars]`` (polars and pyarrow).
docs/frames.md describes every table and column.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from eventcode.errors import CountTooLargeError
from eventcode.frames._deps import require
from eventcode.frames._parquet import MANIFEST, PARQUET_FORMAT, PARQUET_VERSION, write_folder
from eventcode.frames._tables import RECORD_COLUMN, SCHEMAS, TABLES, dataset_columns
from eventcode.frames._validate import LAYOUTS, validate_acled_frame
from eventcode.io._structure import require_writable
from eventcode.rules.policy import policy as get_policy

if TYPE_CHECKING:
    from collections.abc import Iterable

    import pandas as pd
    import polars as pl
    import pyarrow as pa

    from eventcode.findings import Report
    from eventcode.model import Dataset
    from eventcode.rules.policy import Policy

__all__ = [
    "LAYOUTS",
    "MANIFEST",
    "PARQUET_FORMAT",
    "PARQUET_VERSION",
    "RECORD_COLUMN",
    "TABLES",
    "CountTooLargeError",
    "to_arrow",
    "to_pandas",
    "to_polars",
    "validate_frame",
    "write_parquet",
]


_INT64_MIN, _INT64_MAX = -(1 << 63), (1 << 63) - 1


def _arrow_type(pa: Any, name: str) -> Any:
    if name == "list<string>":
        return pa.list_(pa.string())
    return {
        "string": pa.string(),
        "int64": pa.int64(),
        "float64": pa.float64(),
        "date32": pa.date32(),
        "bool": pa.bool_(),
    }[name]


def _tables(
    dataset: Dataset, policy: Policy | str | None, what: str, extra: str
) -> dict[str, pa.Table]:
    pa = require("pyarrow", what, extra)
    chosen = get_policy(policy)
    columns = dataset_columns(dataset, chosen)
    tables = {}
    for name in TABLES:
        metadata = {
            "eventcode.table": name,
            "eventcode.policy": chosen.name,
            "eventcode.format_version": dataset.format_version,
        }
        schema = pa.schema(
            [pa.field(column, _arrow_type(pa, kind)) for column, kind in SCHEMAS[name]],
            metadata=metadata,
        )
        try:
            tables[name] = pa.Table.from_pydict(columns[name], schema=schema)
        except OverflowError:
            raise _too_large(name, columns[name]) from None
    return tables


def _too_large(table: str, columns: dict[str, list[Any]]) -> CountTooLargeError:
    """Return the error naming the first count of ``table`` past a 64-bit integer column."""
    for column, kind in SCHEMAS[table]:
        if kind != "int64":
            continue
        for row, value in enumerate(columns[column]):
            if value is not None and not _INT64_MIN <= value <= _INT64_MAX:
                return CountTooLargeError(table, column, columns["id"][row], value)
    raise AssertionError(f"the {table} table overflowed with every count in range")


def to_arrow(dataset: Dataset, policy: Policy | str | None = None) -> dict[str, pa.Table]:
    """Return a dataset as pyarrow Tables, by name, in :data:`TABLES` order.

    ``events`` (one row per event: its id, dates and CAMEO code; ACLED's 31 columns as the ACLED
    writer would write the event, typed, or nulls and ``acled_left_out`` saying why it would
    not; the ACLED fatalities and UCDP best/low/high derived under ``policy``; the record),
    ``figures`` (one row per figure, with its event), ``actors``, ``claimants`` and
    ``documents``. Every table but ``figures`` holds each record's canonical JSON in its
    ``record`` column. ``policy`` is a policy name (``None``: the default), as everywhere; each
    table's schema metadata names it. Needs pyarrow (``eventcode[arrow]``).
    """
    return _tables(dataset, policy, "eventcode.frames.to_arrow", "arrow")


def to_pandas(dataset: Dataset, policy: Policy | str | None = None) -> dict[str, pd.DataFrame]:
    """Return :func:`to_arrow`'s tables as pandas DataFrames (``eventcode[pandas]``).

    Integer and true/false columns are pandas' nullable ``Int64`` and ``boolean`` (a null stays
    a null, never a float); days are ``datetime.date`` values.
    """
    what = "eventcode.frames.to_pandas"
    pd = require("pandas", what, "pandas")
    pa = require("pyarrow", what, "pandas")
    mapping = {pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}
    return {
        name: table.to_pandas(types_mapper=mapping.get)
        for name, table in _tables(dataset, policy, what, "pandas").items()
    }


def to_polars(dataset: Dataset, policy: Policy | str | None = None) -> dict[str, pl.DataFrame]:
    """Return :func:`to_arrow`'s tables as polars DataFrames (``eventcode[polars]``)."""
    what = "eventcode.frames.to_polars"
    pl = require("polars", what, "polars")
    frames = {}
    for name, table in _tables(dataset, policy, what, "polars").items():
        frame = pl.from_arrow(table)
        assert isinstance(frame, pl.DataFrame)
        frames[name] = frame
    return frames


def write_parquet(
    dataset: Dataset, path: str | os.PathLike[str], policy: Policy | str | None = None
) -> None:
    """Write a dataset as the Parquet folder ``path`` (``DIR.parquet``), atomically.

    The folder holds one Parquet file per table of :func:`to_arrow` (``events.parquet``, ...)
    and ``manifest.json``: its ``format`` (``eventcode-parquet``), layout ``version``, the
    dataset's ``format_version``, the ``policy`` of the derived numbers and each table's file
    and rows. ``eventcode.read(path)`` gives the records back; written as JSON they are the
    same bytes. An earlier folder eventcode wrote is replaced; anything else at ``path`` is
    refused (:class:`~eventcode.io.atomic.OutputRefusedError`). Raises
    :class:`~eventcode.DatasetError` for a record that reading would refuse, as
    :func:`eventcode.write` does. Needs pyarrow (``eventcode[arrow]``).
    """
    chosen = get_policy(policy)
    tables = _tables(dataset, chosen, "eventcode.frames.write_parquet", "arrow")
    require_writable(dataset)
    manifest = {
        "format": PARQUET_FORMAT,
        "version": PARQUET_VERSION,
        "format_version": dataset.format_version,
        "policy": chosen.name,
        "tables": {
            name: {"file": f"{name}.parquet", "rows": table.num_rows}
            for name, table in tables.items()
        },
    }
    write_folder(path, tables, manifest)


def validate_frame(
    frame: Any,
    layout: str = "acled",
    *,
    name: str | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
) -> Report:
    """Validate an ACLED-shaped pandas or polars DataFrame by the rules of an ACLED CSV file.

    The frame's rows go through the ACLED reader's row pipeline and row checks, so the findings
    are those :func:`eventcode.validate_path` gives the CSV file the frame was read from: the
    same codes, rows and fields when it was read as text (pandas: ``dtype=str,
    keep_default_na=False``). With pandas' defaults a missing value (NaN) is a blank cell, and
    an integer column pandas made float (``7.0``) gives the file's one A022 finding, as a CSV
    file pandas wrote does. Each finding is placed at its row: ``location.path`` is ``$[i]``
    for the frame's ``i``-th row (by position, from 0; ``df.iloc[i]``), ``location.field`` its
    column; findings about the whole frame (its header) have no path. ``name`` is the file the
    report names (none by default); ``select`` and ``ignore`` are as for
    :func:`eventcode.validate`. ``layout`` is ``"acled"`` (the only one so far).
    """
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; known: {', '.join(LAYOUTS)}")
    return validate_acled_frame(frame, name=name, select=select, ignore=ignore)
