"""Short HTML renderings for notebooks (``Dataset._repr_html_``, ``Report._repr_html_``).

A rendering is a line of counts and a table of the first rows; every value from the data is
escaped with :func:`html.escape`, so a record holding ``<script>`` shows it as text. This
module imports nothing of eventcode: the classes hand it their rows as text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

__all__ = ["MAX_ROWS", "counted", "rendering"]

#: The rows a rendering shows; a line under the table counts the rest.
MAX_ROWS = 10


def counted(count: int, noun: str) -> str:
    """Return ``"1 event"``, ``"2 events"``."""
    return f"{count} {noun}" + ("" if count == 1 else "s")


def rendering(
    title: str,
    line: str,
    head: Sequence[str],
    rows: Iterable[Sequence[str]],
    total: int,
    noun: str,
) -> str:
    """Return ``<div>``: the bold ``title`` and ``line``, a table of ``rows``, how many more.

    ``rows`` are the first of ``total`` rows (the table is left out when there are none);
    ``noun`` names one (``event``). Every text given is escaped.
    """
    shown = [list(row) for row in rows]
    table = ""
    if shown:
        cells = "".join(f"<th>{escape(h)}</th>" for h in head)
        body = "".join(
            "<tr>"
            + "".join(f'<td style="text-align:left">{escape(v)}</td>' for v in row)
            + "</tr>"
            for row in shown
        )
        table = f"<table><thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table>"
    more = ""
    if total > len(shown):
        more = f"<p>&hellip; and {escape(counted(total - len(shown), 'more ' + noun))}</p>"
    return f"<div><p><strong>{escape(title)}</strong>{escape(line)}</p>{table}{more}</div>"
