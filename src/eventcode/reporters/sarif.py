"""A SARIF 2.1.0 log, for GitHub code scanning and other static-analysis viewers.

Each finding is a result: its code the rule, its severity the level (``info`` is ``note``), its
file and line the physical location, its JSON path a logical location. The rules used are
described from the registry of finding codes.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from json.encoder import encode_basestring, encode_basestring_ascii
from pathlib import PurePath
from typing import Any, TextIO
from urllib.parse import quote

from eventcode._version import __version__
from eventcode.escaping import COMMAND_OPENING
from eventcode.findings import Finding, Report, Severity, Tally, finding_codes
from eventcode.reporters._stream import Spool, check_limit, rendered

__all__ = ["SARIF_SCHEMA", "artifact_uri", "render", "report_to_sarif", "write"]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}

# Where the results go in the log, and a result's rule index until the rules are known: JSON
# text holds no raw NUL (it escapes control characters), so the mark cannot come from the data.
_MARK = "\x00"
_RESULT_PAD = " " * 8  # a result's indentation: log, runs, run, results


class _Results:
    """The results array of a log written in parts (:func:`_indented` writes the mark)."""


class _RuleIndex:
    """A result's rule index, written as its code between marks until every code is known."""

    __slots__ = ("code",)

    def __init__(self, code: str) -> None:
        self.code = code


def artifact_uri(file: str) -> str:
    """Return a file as a URI reference: relative stays relative, absolute is ``file://``.

    A name that is not UTF-8 (bytes the file system gave) is percent-encoded byte for byte.
    """
    posix = PurePath(file).as_posix()
    try:
        quoted = quote(posix, errors="surrogateescape")
    except UnicodeEncodeError:
        quoted = quote(posix, errors="backslashreplace")
    return "file://" + quoted if os.path.isabs(file) else quoted


def _rule(code: str) -> dict[str, Any]:
    info = finding_codes().get(code)
    if info is None:
        return {"id": code}
    return {
        "id": code,
        "name": info.name,
        "shortDescription": {"text": info.summary},
        "help": {"text": info.fix},
        "defaultConfiguration": {"level": _LEVEL[info.severity]},
        "properties": {"severity": info.severity.value},
    }


def _result(finding: Finding, rule_index: int) -> dict[str, Any]:
    loc = finding.location
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(loc.file or "-")}}
    if loc.line is not None:
        physical["region"] = {"startLine": loc.line}
    location: dict[str, Any] = {"physicalLocation": physical}
    if loc.path:
        location["logicalLocations"] = [{"fullyQualifiedName": loc.path, "kind": "member"}]
    return {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": _LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [location],
    }


def _log(
    codes: Sequence[str], files: Iterable[str], results: Any, tally: Tally | None = None
) -> dict[str, Any]:
    """Return a SARIF log with one run; ``tally``, when given, adds the counts to the run."""
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "eventcode",
                "version": __version__,
                "rules": [_rule(code) for code in codes],
            }
        },
        "artifacts": [{"location": {"uri": artifact_uri(f)}} for f in files],
    }
    if tally is not None:
        run["properties"] = {"findings": tally.counted, "shown": tally.shown}
    run["results"] = results
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def report_to_sarif(report: Report) -> dict[str, Any]:
    """Return the report as a SARIF 2.1.0 log with one run."""
    codes = sorted({f.code for f in report.findings})
    index = {code: i for i, code in enumerate(codes)}
    return _log(codes, report.files, [_result(f, index[f.code]) for f in report.findings])


def _indented(value: Any, pad: str) -> str:
    """Return ``json.dumps(value, ensure_ascii=False, indent=2)`` indented by ``pad``.

    The same text (its lines after the first indented by ``pad``), written faster: the C
    encoder writes no indentation, and the Python one is three times slower than this.
    """
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if kind is dict:
        if not value:
            return "{}"
        inner = pad + "  "
        items = [f"{inner}{encode_basestring(k)}: {_indented(v, inner)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if kind is list:
        if not value:
            return "[]"
        inner = pad + "  "
        return "[\n" + ",\n".join([inner + _indented(v, inner) for v in value]) + "\n" + pad + "]"
    if kind is int:
        return int.__repr__(value)
    if kind is _RuleIndex:
        return _MARK + encode_basestring_ascii(value.code) + _MARK
    if kind is _Results:
        return _MARK
    return json.dumps(value)


def _escaped(text: str) -> str:
    r"""Write ``##[`` (a CI workflow command) as ``#\u0023[``: the same text once parsed."""
    return text.replace(COMMAND_OPENING, "#\\u0023[")


def _replay(results: Spool, codes: list[str], out: TextIO) -> None:
    """Copy the spooled results to ``out``, each code between marks replaced by its index."""
    index = {_escaped(encode_basestring_ascii(code)): str(i) for i, code in enumerate(codes)}
    cut = ""  # the start of a marked code the last part ended in
    for chunk in results.chunks():
        parts = (cut + chunk).split(_MARK)  # text, code, text, code, ..., text
        cut = _MARK + parts.pop() if len(parts) % 2 == 0 else ""
        parts[1::2] = [index[code] for code in parts[1::2]]
        out.write("".join(parts))


def write(
    findings: Iterable[Finding], out: TextIO, tally: Tally, *, max_findings: int | None = None
) -> None:
    r"""Write the report as a SARIF 2.1.0 log with one run.

    At most ``max_findings`` findings are written (``None``: all); every one is counted, and
    when some are left out the run's ``properties`` say how many (``findings``, ``shown``).
    The rules (the codes of the results) and the files come before the results, so the results
    wait in a temporary file as they come, with their rule index filled in at the end. ``##[``
    in a string is written ``#\u0023[`` (the same text).
    """
    check_limit(max_findings)
    codes: set[str] = set()
    with Spool() as results:
        separator = ""
        for finding in findings:
            if tally.admit(finding, max_findings):
                codes.add(finding.code)
                result = _result(finding, 0)
                result["ruleIndex"] = _RuleIndex(finding.code)
                results.write(separator + _RESULT_PAD + _escaped(_indented(result, _RESULT_PAD)))
                separator = ",\n"
        ordered = sorted(codes)
        log = _log(ordered, tally.files, _Results(), tally if tally.capped else None)
        head, _, tail = _escaped(_indented(log, "")).partition(_MARK)
        out.write(head)
        if not results.size:
            out.write("[]")
        else:
            out.write("[\n")
            _replay(results, ordered, out)
            out.write("\n" + _RESULT_PAD[2:] + "]")
        out.write(tail + "\n")


def render(report: Report) -> str:
    r"""Render the report as a SARIF 2.1.0 JSON document.

    ``##[`` in a string (a CI workflow command) is written ``#\u0023[``: the same text.
    """
    return rendered(write, report)
