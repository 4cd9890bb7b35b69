"""Bringing events read from older ACLED files forward to the current layout, as asked.

Reading keeps every cell a record cannot say (:class:`~eventcode.model.AcledCell`): an earlier
region name (``Southern Asia``) and the legacy layout's own columns (``data_id``,
``event_id_no_cnty``, ``iso3``). Writing brings them forward: earlier names become current ones
when asked (``modernise``, ``convert --modernise``), and the legacy columns are left out unless
asked for (``legacy_columns``, ``convert --keep-extra``).
"""

from __future__ import annotations

from attrs import evolve

from eventcode import codebooks
from eventcode.acled.layouts import DROPPED_COLUMNS
from eventcode.model import Dataset, Event
from eventcode.model.events import AcledCell

__all__ = ["bring_forward"]


def bring_forward(dataset: Dataset, *, modernise: bool, legacy_columns: bool) -> Dataset:
    """Return ``dataset`` with its events' kept cells brought forward (see the module).

    ``modernise`` writes ACLED's current name for an earlier one; ``legacy_columns`` keeps the
    cells of the legacy layout's dropped columns. The dataset itself when nothing changes.
    """
    events = [
        _forward(e, modernise=modernise, legacy_columns=legacy_columns) for e in dataset.events
    ]
    if all(new is old for new, old in zip(events, dataset.events, strict=True)):
        return dataset
    return evolve(dataset, events=tuple(events))


def _forward(event: Event, *, modernise: bool, legacy_columns: bool) -> Event:
    acled = event.acled
    if acled is None or not acled.cells:
        return event
    cells: list[AcledCell] = []
    for cell in acled.cells:
        if not legacy_columns and cell.column in DROPPED_COLUMNS:
            continue
        rename = codebooks.acled_renamed(cell.column, cell.value) if modernise else None
        cells.append(
            cell if rename is None else AcledCell(column=cell.column, value=rename.current)
        )
    if tuple(cells) == acled.cells:
        return event
    return evolve(event, acled=evolve(acled, cells=tuple(cells)))
