"""UCDP GED CSV (the Georeferenced Event Dataset, 23.1 and 24.1): reading, checking, writing.

- :func:`read_ged`: a GED file as a dataset, with findings; each event keeps (``event.ucdp``)
  the cells the records do not give back (UCDP's ids, the split of best, ...);
  ``eventcode.read``, ``load`` and ``validate_path`` read a ``.csv`` whose header is GED's
  through the same code, checking every row (:func:`row_findings`);
- :func:`write_ged` / :func:`dumps_ged` / :func:`ged_report`: a dataset as GED CSV, best, low
  and high from the ``ucdp`` policy (or another), the split of best from the victim groups, the
  sides and type of violence from the actors; an event's kept cells write its row back as it
  was, also after a round trip through the dataset format (1.2);
- converting any input to GED CSV is ``eventcode.conversion.convert(..., to="ucdp-ged-csv")``.

docs/ucdp.md maps every column to the records both ways.
"""

from eventcode.model import GedCell
from eventcode.ucdp.columns import GED_COLUMNS, GED_VERSIONS, GedHeader, ged_shaped
from eventcode.ucdp.deaths import GedNumbers, ged_numbers
from eventcode.ucdp.reader import GedRow, iter_rows
from eventcode.ucdp.reading import GedRead, read_ged
from eventcode.ucdp.records import UCDP_CLAIMANT
from eventcode.ucdp.rendering import exclusion_reason, render_event
from eventcode.ucdp.row_checks import GED_READING, GED_ROWS, row_findings
from eventcode.ucdp.sides import Sides, sides_of
from eventcode.ucdp.stream import GedStream
from eventcode.ucdp.writer import DEFAULT_POLICY, GedReport, dumps_ged, ged_report, write_ged

__all__ = [
    "DEFAULT_POLICY",
    "GED_COLUMNS",
    "GED_READING",
    "GED_ROWS",
    "GED_VERSIONS",
    "UCDP_CLAIMANT",
    "GedCell",
    "GedHeader",
    "GedNumbers",
    "GedRead",
    "GedReport",
    "GedRow",
    "GedStream",
    "Sides",
    "dumps_ged",
    "exclusion_reason",
    "ged_numbers",
    "ged_report",
    "ged_shaped",
    "iter_rows",
    "read_ged",
    "render_event",
    "row_findings",
    "sides_of",
    "write_ged",
]
