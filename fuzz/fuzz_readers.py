"""Coverage-guided fuzzing of eventcode's readers with atheris (not run in CI).

Usage (atheris needs a Linux or macOS wheel: ``pip install atheris``)::

    python fuzz/fuzz_readers.py json   -max_total_time=300 fuzz/corpus-json
    python fuzz/fuzz_readers.py jsonl  -max_total_time=300
    python fuzz/fuzz_readers.py csv    -max_total_time=300
    python fuzz/fuzz_readers.py acled-json -max_total_time=300
    python fuzz/fuzz_readers.py csv -max_total_time=3600 fuzz/corpus   # an hour, by hand

Each run feeds mutated bytes (seeded from fixtures/ and fuzz/corpus/) to the reader of that
format, to validation and to ``convert`` (JSON Lines and ACLED CSV), with small limits so the
limit paths are reached too. Any exception is a bug: atheris stops and writes the input as
``crash-*``. docs/reliability.md describes the harness.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from eventcode.conversion import convert
    from eventcode.findings import Finding
    from eventcode.io.formats import Format
    from eventcode.io.limits import Limits
    from eventcode.io.sources import Source
    from eventcode.validation import validate_source

ROOT = Path(__file__).resolve().parent.parent
FORMATS = {
    "json": Format.JSON,
    "jsonl": Format.JSONL,
    "csv": Format.ACLED_CSV,
    "acled-json": Format.ACLED_JSON,
}
LIMITS = Limits(max_field_bytes=2048, max_line_bytes=8192, max_json_depth=12)


def _target(fmt: Format):  # type: ignore[no-untyped-def]
    def run(data: bytes) -> None:
        source = Source.from_bytes(data, fmt, name="fuzz", limits=LIMITS)
        items = list(source.items())
        source.place([i for i in items if isinstance(i, Finding)])
        validate_source(Source.from_bytes(data, fmt, name="fuzz", limits=LIMITS))
        for to in ("jsonl", "acled-csv"):
            convert(data, io.StringIO(), to=to, name="fuzz", limits=LIMITS)

    return run


def main() -> None:
    """Run atheris on the reader named by the first argument."""
    if len(sys.argv) < 2 or sys.argv[1] not in FORMATS:
        sys.exit(f"usage: {sys.argv[0]} {{{','.join(FORMATS)}}} [libFuzzer options] [corpus]")
    fmt = FORMATS[sys.argv.pop(1)]
    atheris.Setup(sys.argv, _target(fmt))
    atheris.Fuzz()


if __name__ == "__main__":
    main()
