"""The ``eventcode`` command line: a thin shell over the library.

Exit codes: 0 nothing at or above the failing severity; 1 findings at or above it; 2 the
command could not do what was asked (bad arguments, unreadable paths, or an internal error).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from eventcode import acled, codebooks, rules
from eventcode._api import load, write_as
from eventcode._version import __version__
from eventcode.errors import EventcodeError
from eventcode.findings import Severity, code_info, finding_codes
from eventcode.reporting import render
from eventcode.schema import SCHEMA_NAMES, schema_json
from eventcode.validation import Report, validate_path

__all__ = ["main"]

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"eventcode: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="eventcode", description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--version", action="version", version=f"eventcode {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    validate = commands.add_parser("validate", help="validate dataset files and report findings")
    validate.add_argument("paths", nargs="+", metavar="PATH", help=".json or .jsonl files")
    validate.add_argument("--format", choices=("text", "json"), default="text")
    validate.add_argument(
        "--fail-on",
        choices=("error", "warning", "never"),
        default="error",
        help="the severity that makes the exit code 1 (default: error)",
    )
    validate.add_argument(
        "--policy",
        default=rules.DEFAULT_POLICY,
        help=f"the coding-rule policy figures are compared by (default: {rules.DEFAULT_POLICY};"
        f" known: {', '.join(rules.policy_names())})",
    )

    schema = commands.add_parser("schema", help="print the published JSON Schema")
    schema.add_argument("name", nargs="?", choices=SCHEMA_NAMES, default=SCHEMA_NAMES[0])

    explain = commands.add_parser("explain", help="explain a finding code or a codebook code")
    explain.add_argument(
        "code",
        help="a finding code (S101) or a codebook query: cameo:194, cameo-actor:RUSGOVMIL, "
        '"acled:Shelling/artillery/missile attack", plover:ASSAULT',
    )

    convert = commands.add_parser(
        "convert", help="convert a dataset or ACLED file to JSON, JSON Lines or ACLED CSV"
    )
    convert.add_argument("source", metavar="IN", help="a .json, .jsonl or ACLED .csv/.json file")
    convert.add_argument("-o", "--output", required=True, metavar="OUT", help="the file to write")
    convert.add_argument(
        "--to",
        choices=("json", "jsonl", "acled-csv"),
        help="the output format (default: by OUT's extension)",
    )
    convert.add_argument("--codes", choices=("numeric", "text"), help="ACLED actor types")
    convert.add_argument("--dates", choices=("export", "iso"), help="ACLED event_date style")
    convert.add_argument(
        "--id-start", type=int, help="first number of generated event_id_cnty values"
    )
    convert.add_argument("--timestamp", type=int, help="timestamp for events that have none")
    convert.add_argument(
        "--neutralise-formulas",
        action="store_true",
        help="prefix text cells that a spreadsheet would run as formulas with '",
    )

    derive = commands.add_parser(
        "derive", help="derive ACLED fatalities and UCDP best/low/high per event, explained"
    )
    derive.add_argument("path", metavar="PATH", help="a .json or .jsonl dataset file")
    derive.add_argument(
        "--policy",
        default=None,
        help=f"the named policy to derive by (default: {rules.DEFAULT_POLICY})",
    )
    derive.add_argument("--format", choices=("text", "json"), default="text")
    return parser


def _derive(args: argparse.Namespace) -> int:
    try:
        chosen = rules.policy(args.policy)
    except rules.UnknownPolicyError as error:
        print(f"eventcode: {error}", file=sys.stderr)
        return EXIT_USAGE
    try:
        loaded = load(args.path)
    except (OSError, EventcodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        print(f"eventcode: cannot read {args.path}: {reason}", file=sys.stderr)
        return EXIT_USAGE
    if loaded.findings:
        data = loaded.dataset
        records = len(data.documents) + len(data.actors) + len(data.claimants) + len(data.events)
        report = Report(findings=loaded.findings, records=records, files=(args.path,))
        sys.stderr.write(render(report, "text"))
    results = rules.derive(loaded.dataset, chosen)
    sys.stdout.write(rules.render_derivations(results, chosen, args.format))
    return EXIT_FINDINGS if loaded.has_errors else EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    try:
        chosen = rules.policy(args.policy)
    except rules.UnknownPolicyError as error:
        print(f"eventcode: {error}", file=sys.stderr)
        return EXIT_USAGE
    report = Report()
    unreadable = False
    for path in args.paths:
        try:
            report = report + validate_path(Path(path), name=path, policy=chosen)
        except (OSError, EventcodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            print(f"eventcode: cannot read {path}: {reason}", file=sys.stderr)
            unreadable = True
    sys.stdout.write(render(report, args.format))
    if unreadable:
        return EXIT_USAGE
    if args.fail_on == "never":
        return EXIT_OK
    threshold = Severity(args.fail_on).rank
    failing = any(f.severity.rank >= threshold for f in report.findings)
    return EXIT_FINDINGS if failing else EXIT_OK


def _convert_target(args: argparse.Namespace) -> str:
    if args.to is not None:
        return str(args.to)
    suffix = Path(args.output).suffix.lower()
    return {".csv": "acled-csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}.get(suffix, "json")


def _convert(args: argparse.Namespace) -> int:
    source, target = Path(args.source), Path(args.output)
    if target.exists() and target.resolve() == source.resolve():
        print(f"eventcode: refusing to overwrite the input {args.source}", file=sys.stderr)
        return EXIT_USAGE
    fmt = _convert_target(args)
    try:
        if fmt == "acled-csv":
            defaults = acled.AcledOptions()
            options = acled.AcledOptions(
                codes=acled.CodeStyle(args.codes) if args.codes else None,
                dates=acled.DateStyle(args.dates) if args.dates else None,
                id_start=defaults.id_start if args.id_start is None else args.id_start,
                timestamp=args.timestamp,
                neutralise_formulas=args.neutralise_formulas,
            )
            report = acled.convert(source, target, options)
            findings = report.findings
            for left in report.left_out:
                print(f"eventcode: left out event {left.event}: {left.reason}", file=sys.stderr)
            written = f"{report.rows} ACLED row(s)"
        else:
            loaded = load(source)
            findings = loaded.findings
            write_as(loaded.dataset, target, fmt)
            written = f"{len(loaded.dataset.events)} event(s)"
    except (OSError, EventcodeError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        print(f"eventcode: cannot convert {args.source}: {reason}", file=sys.stderr)
        return EXIT_USAGE
    if findings:
        sys.stderr.write(render(Report(findings=tuple(findings)), "text"))
    print(f"eventcode: wrote {written} to {args.output}", file=sys.stderr)
    failing = any(f.severity is Severity.ERROR for f in findings)
    return EXIT_FINDINGS if failing else EXIT_OK


def _explain(args: argparse.Namespace) -> int:
    if ":" in args.code:
        try:
            print(codebooks.explain(args.code).render())
        except (codebooks.UnknownCodeError, ValueError) as error:
            print(f"eventcode: {error}", file=sys.stderr)
            return EXIT_USAGE
        return EXIT_OK
    try:
        info = code_info(args.code)
    except KeyError:
        known = ", ".join(finding_codes())
        print(
            f"eventcode: unknown code {args.code!r}; finding codes: {known}; codebook queries "
            f"start with {', '.join(codebooks.EXPLAIN_SCHEMES)}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    print(f"{info.code} {info.name} ({info.severity.value})\n\n{info.summary}\n\nFix: {info.fix}")
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    sys.stdout.write(schema_json(args.name))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return its exit code."""
    args = _parser().parse_args(argv)
    handlers = {
        "validate": _validate,
        "schema": _schema,
        "explain": _explain,
        "convert": _convert,
        "derive": _derive,
    }
    try:
        return handlers[args.command](args)
    except KeyboardInterrupt:
        print("eventcode: interrupted", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_USAGE
    except Exception as exc:  # a bug: say so briefly, never a bare traceback
        print(
            f"eventcode: internal error ({type(exc).__name__}: {exc}). This is a bug in "
            "eventcode; please report it with the command and input that caused it.",
            file=sys.stderr,
        )
        return EXIT_USAGE


def run() -> None:
    """Entry point of the ``eventcode`` console script."""
    sys.exit(main())
