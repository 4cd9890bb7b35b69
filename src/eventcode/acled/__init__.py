"""ACLED's CSV format: reading every layout, checking rows, writing, converting.

- :func:`iter_rows`: stream a file's rows (CSV in any layout, or an API response) as light
  records with their lines; :func:`row_findings` checks one row on its text;
- :func:`read_acled`: a whole file as a dataset, with findings, layout and style;
  ``eventcode.load/read/validate_path`` read ``.csv`` files through the same code;
- :func:`write_acled` / :func:`dumps_acled`: a dataset as ACLED CSV (the 31 current columns,
  then extra columns) to a file or stream (returning an :class:`AcledReport` of what was
  written and left out) or as text; :func:`acled_report` the report alone;
- converting any input file to ACLED CSV (keeping an ACLED input's style) is
  :func:`eventcode.conversion.convert`, whose result holds the writer's :class:`AcledReport`.

docs/acled.md maps every column to the records both ways.
"""

from eventcode.acled.layouts import CURRENT_COLUMNS, DROPPED_COLUMNS, Layout, columns_of
from eventcode.acled.mapping import ACLED_CLAIMANT, Lookups, exclusion_reason, render_event
from eventcode.acled.notes import dispute_summary
from eventcode.acled.options import DEFAULT_ID_START, AcledOptions, AcledStyle
from eventcode.acled.reader import iter_rows
from eventcode.acled.reading import AcledRead, read_acled, read_style
from eventcode.acled.row_checks import row_findings
from eventcode.acled.rows import AcledHeader, AcledRow
from eventcode.acled.source import AcledStream
from eventcode.acled.values import CodeStyle, DateStyle
from eventcode.acled.writer import (
    AcledReport,
    LeftOutEvent,
    acled_report,
    dumps_acled,
    write_acled,
)

__all__ = [
    "ACLED_CLAIMANT",
    "CURRENT_COLUMNS",
    "DEFAULT_ID_START",
    "DROPPED_COLUMNS",
    "AcledHeader",
    "AcledOptions",
    "AcledRead",
    "AcledReport",
    "AcledRow",
    "AcledStream",
    "AcledStyle",
    "CodeStyle",
    "DateStyle",
    "Layout",
    "LeftOutEvent",
    "Lookups",
    "acled_report",
    "columns_of",
    "dispute_summary",
    "dumps_acled",
    "exclusion_reason",
    "iter_rows",
    "read_acled",
    "read_style",
    "render_event",
    "row_findings",
    "write_acled",
]
