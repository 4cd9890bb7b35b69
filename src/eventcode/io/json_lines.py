"""The JSON Lines format (``.jsonl``): a header line, then one record a line, streamed.

The first line is ``{"record": "dataset", "format_version": "1.0"}``. Every other line is one
record: ``{"record": "actor", ...}`` with the fields of an actor, and the same for ``document``,
``claimant`` and ``event``. Records may come in any order; references are resolved over the
whole stream. Blank lines are skipped.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import NamedTuple

from eventcode._frozen import builder
from eventcode.findings import Finding, make_finding
from eventcode.io._converter import describe_json_type
from eventcode.io._lines import LongLine
from eventcode.io._structure import structure_record, unloaded_marker, unstructure_record
from eventcode.io._text import decode, parse_json_checked
from eventcode.io._version import check_version
from eventcode.io.limits import DEFAULT_LIMITS, Limits
from eventcode.jsonpath import ROOT, join_key
from eventcode.model import Dataset
from eventcode.model.items import KINDS, SECTION_OF, RecordItem, Unloaded

__all__ = ["HEADER_RECORD", "HeaderRead", "iter_jsonl_lines", "iter_lines", "read_header"]

#: The value of ``record`` on the header line.
HEADER_RECORD = "dataset"


class HeaderRead(NamedTuple):
    """Where to go on reading a stream after its first lines.

    ``line`` is the number of the next line; ``newer`` tells whether the header gave a newer
    minor format version (unknown keys are then allowed).
    """

    line: int
    newer: bool


#: Builds a RecordItem without the frozen class's ``__init__`` (:mod:`eventcode._frozen`): one a
#: line read.
_record_item = builder(RecordItem, __name__, "_record_item")


def read_header(first: bytes) -> bool | None:
    """Return whether a well-formed, readable header line gives a newer minor version.

    ``None`` when the line is anything else (a reader must then read the stream from its start).
    """
    text, problem = decode(first.removeprefix(b"\xef\xbb\xbf"))
    if problem is not None or text is None:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    if type(value) is not dict or value.get("record") != HEADER_RECORD:
        return None
    readable, newer, _ = check_version(value.get("format_version"), ROOT)
    return newer if readable else None


def iter_lines(
    lines: Iterable[bytes | LongLine],
    limits: Limits = DEFAULT_LIMITS,
    *,
    after: HeaderRead | None = None,
) -> Iterator[RecordItem | Finding | Unloaded]:
    """Yield each record of a JSON Lines stream with its line number, and each problem found.

    ``lines`` are raw lines (as :func:`~eventcode.io._lines.bounded_lines` yields them, a
    :class:`LongLine` for one over the line limit); a line that is not UTF-8 or not JSON, or
    that breaks a limit, is reported and skipped, and reading goes on with the next line.
    ``after`` reads lines further on in a stream whose header was read (see :class:`HeaderRead`).
    """
    seen_header = after is not None
    newer = after is not None and after.newer
    seen_any = after is not None
    for number, raw in enumerate(lines, start=1 if after is None else after.line):
        if isinstance(raw, LongLine):
            seen_any = True
            yield make_finding(
                "L002",
                f"the line holds {raw.size} bytes, more than the limit "
                f"max_line_bytes={limits.max_line_bytes}; it is skipped",
                path=ROOT,
                line=number,
            )
            continue
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:  # as decode() reads it (UTF-8, a byte-order mark dropped), without its codec
            text = raw.decode()
        except UnicodeDecodeError:
            problem = decode(raw)[1]
            assert problem is not None
            yield problem.at(line=number, path=ROOT)
            seen_any = True
            continue
        if text.startswith("\ufeff"):
            text = text[1:]
        if not text or text.isspace():  # as `not text.strip()`, without copying the line
            continue
        seen_any = True
        parsed = parse_json_checked(text, limits)
        if parsed.problem is not None:
            yield parsed.problem.at(line=number, path=ROOT)
            continue
        for found in parsed.findings:
            yield found.at(line=number, path=ROOT)
        value = parsed.value
        record_kind = value.get("record") if type(value) is dict else None
        if type(record_kind) is not str:  # an object, a list or a number names no record kind
            record_kind = None
        if record_kind == HEADER_RECORD:
            if seen_header:
                yield make_finding("S006", "a second dataset header line", path=ROOT, line=number)
                continue
            seen_header = True
            readable, newer, finding = check_version(
                value.get("format_version"), join_key(ROOT, "format_version")
            )
            if finding is not None:
                yield finding.at(line=number)
            if not readable:
                return
            continue
        if not seen_header:
            seen_header = True
            yield make_finding(
                "S004",
                'the first line must be the header {"record": "dataset", "format_version": ...};'
                " reading on as the current version",
                path=ROOT,
                line=number,
            )
        if record_kind not in KINDS:
            shown = (
                describe_json_type(value)
                if type(value) is not dict
                else f"record {describe_json_type(value.get('record'))}"
            )
            yield make_finding(
                "S006",
                f'expected an object whose "record" is one of {", ".join(KINDS)}; got {shown}',
                path=ROOT if type(value) is not dict else join_key(ROOT, "record"),
                line=number,
            )
            continue
        del value["record"]  # the value is this line's own: its other keys are the fields
        fields = value
        record, findings = structure_record(
            record_kind, fields, ROOT, strict_keys=not newer, max_figures=limits.max_figures
        )
        for found in findings:
            yield found.at(line=number)
        if record is not None:
            yield _record_item(kind=record_kind, record=record, path=ROOT, line=number)
        elif (
            marker := unloaded_marker(record_kind, fields, ROOT, number, findings=findings)
        ) is not None:
            yield marker
    if not seen_any:
        yield make_finding("S003", "the input is empty", path=ROOT, line=1)


def iter_jsonl_lines(dataset: Dataset) -> Iterator[str]:
    """Yield the JSON Lines of a dataset, each ending in a newline: header, then records."""
    header = {"record": HEADER_RECORD, "format_version": dataset.format_version}
    yield _line(header)
    for kind, section in SECTION_OF.items():
        for record in getattr(dataset, section):
            yield _line({"record": kind, **unstructure_record(record)})


# Characters that str.splitlines() and other readers take for line breaks: escaped, so that one
# record always stays one line whatever splits the file.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _line(value: Mapping[str, object]) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.translate(_LINE_BREAKS) + "\n"
