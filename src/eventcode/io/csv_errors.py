"""What a CSV reader reports when :mod:`csv` refuses a row: the one finding, for every format."""

from __future__ import annotations

import csv

from eventcode.findings import Finding, make_finding
from eventcode.io.limits import Limits

__all__ = ["csv_error_finding"]


def csv_error_finding(error: csv.Error, line: int, limits: Limits, code: str) -> Finding:
    """Return the finding of a row :mod:`csv` cannot read, starting on ``line``.

    A cell over ``limits.max_field_bytes`` is L001 (a limit, the same in every format); any
    other refusal is ``code``, the format's own finding for a row that cannot be read (ACLED's
    A002, GED's U002).
    """
    if "field larger than field limit" in str(error):
        return make_finding(
            "L001",
            f"a cell is larger than the limit max_field_bytes={limits.max_field_bytes}; "
            "the row is skipped",
            line=line,
        )
    return make_finding(code, f"the CSV cannot be read here: {error}", line=line)
