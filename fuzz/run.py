"""A time-bounded mutation fuzzer for CI: mutate the corpus, read, validate and convert.

Usage::

    python fuzz/run.py --seconds 60            # what CI runs (.ci/run)
    python fuzz/run.py --seconds 3600 --seed 7 # an hour by hand

Seeds are every file of ``fuzz/corpus/`` (cases found by probing, kept small) and of
``fixtures/hostile/`` and ``fixtures/acled/``. Each round takes a seed, applies a few random
mutations (bytes flipped, inserted, deleted or repeated; lines dropped, duplicated or swapped;
a chunk of another seed spliced in; numbers grown to thousands of digits; quotes, CR, NUL and
separators inserted) and runs, on the bytes, every reader, ``validate``, ``convert`` to JSON
Lines, ACLED CSV and UCDP GED CSV, and the records that load as Arrow tables (what a Parquet
folder holds). Any exception is a failure: the input is written to ``fuzz/crashes-new/``
with the seed and round, and the run exits 1. Findings are not failures: bad input is expected.

The run is reproducible: ``--seed`` and the corpus fix every input (the default seed is printed).
For coverage-guided fuzzing (atheris), see ``fuzz/fuzz_readers.py``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from eventcode._api import _load_source  # noqa: E402
from eventcode.conversion import convert  # noqa: E402
from eventcode.frames import CountTooLargeError, to_arrow  # noqa: E402
from eventcode.io.formats import format_for_path  # noqa: E402
from eventcode.io.limits import Limits  # noqa: E402
from eventcode.io.sources import Source  # noqa: E402
from eventcode.validation import validate_source  # noqa: E402

SEED_DIRS = (ROOT / "fuzz" / "corpus", ROOT / "fixtures" / "hostile", ROOT / "fixtures" / "acled")
SUFFIXES = {".json", ".jsonl", ".csv"}
LIMITS = Limits(max_field_bytes=4096, max_line_bytes=65536, max_json_depth=20)
TOKENS = [b'"', b"\r", b"\n", b"\x00", b",", b";", b"{", b"}", b"[", b"]", b":", b"-"]
TOKENS += [b"\xef\xbb\xbf", b"\r\n", b'""', b'"\n"', b"\xc2\x85", "\u2028".encode()]


def seeds() -> list[tuple[str, bytes]]:
    """Return the seed files, name and bytes, in a stable order (small ones only)."""
    found = []
    for folder in SEED_DIRS:
        for path in sorted(folder.glob("*")):
            if path.suffix in SUFFIXES and path.stat().st_size <= 200_000:
                found.append((path.name, path.read_bytes()))
    return found


def _mutate(data: bytes, other: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        choice = rng.randrange(8)
        at = rng.randrange(len(buf) + 1)
        if choice == 0 and buf:
            buf[min(at, len(buf) - 1)] = rng.randrange(256)
        elif choice == 1:
            buf[at:at] = rng.choice(TOKENS)
        elif choice == 2 and buf:
            del buf[at : at + rng.randint(1, 16)]
        elif choice == 3:
            buf[at:at] = bytes(buf[at : at + rng.randint(1, 64)]) * rng.randint(2, 8)
        elif choice == 4:
            lines = bytes(buf).split(b"\n")
            if len(lines) > 2:
                i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
                action = rng.randrange(3)
                if action == 0:
                    del lines[i]
                elif action == 1:
                    lines.insert(i, lines[j])
                else:
                    lines[i], lines[j] = lines[j], lines[i]
                buf = bytearray(b"\n".join(lines))
        elif choice == 5 and other:
            start = rng.randrange(len(other))
            buf[at:at] = other[start : start + rng.randint(1, 200)]
        elif choice == 6:
            buf[at:at] = b"9" * rng.choice((20, 400, 5000))
        else:
            buf[at:at] = rng.choice(TOKENS) * rng.randint(1, 3)
    return bytes(buf)


def _run_one(name: str, data: bytes) -> None:
    fmt = format_for_path(name, data[:4096])
    source = Source.from_bytes(data, fmt, name=name, limits=LIMITS)
    for _ in source.items():
        pass
    validate_source(Source.from_bytes(data, fmt, name=name, limits=LIMITS))
    for to in ("jsonl", "acled-csv", "ucdp-ged-csv"):
        convert(data, io.StringIO(), to=to, name=name, limits=LIMITS)
    loaded = _load_source(Source.from_bytes(data, fmt, name=name, limits=LIMITS))
    # The records that load, as the tables a Parquet folder holds; a count past the tables'
    # 64-bit integers is refused with a message, not a crash.
    with contextlib.suppress(CountTooLargeError):
        to_arrow(loaded.dataset)


def fuzz(
    seconds: float,
    seed: int,
    out: Path,
    run: Callable[[str, bytes], None] = _run_one,
    max_rounds: int | None = None,
) -> int:
    """Fuzz for ``seconds`` (or ``max_rounds``); return the rounds run. SystemExit(1) on a crash."""
    rng = random.Random(seed)
    corpus = seeds()
    deadline = time.monotonic() + seconds
    rounds = 0
    while time.monotonic() < deadline and (max_rounds is None or rounds < max_rounds):
        name, data = rng.choice(corpus)
        _, other = rng.choice(corpus)
        mutated = _mutate(data, other, rng)
        try:
            run(name, mutated)
        except Exception:
            out.mkdir(parents=True, exist_ok=True)
            crash = out / f"crash-{seed}-{rounds}{Path(name).suffix}"
            crash.write_bytes(mutated)
            traceback.print_exc()
            print(f"fuzz: crash on round {rounds} (seed {seed}) from {name}: {crash}")
            raise SystemExit(1) from None
        rounds += 1
    return rounds


def main() -> None:
    """Parse the arguments and fuzz."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1 << 30)
    print(f"fuzz: seed {seed}, {len(seeds())} seed files, {args.seconds:g} s")
    rounds = fuzz(args.seconds, seed, ROOT / "fuzz" / "crashes-new")
    print(f"fuzz: {rounds} rounds, no crash")


if __name__ == "__main__":
    main()
