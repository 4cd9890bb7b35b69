"""The ``eventcode`` command line: a thin shell over the library.

Exit codes: 0 nothing at or above the failing severity; 1 findings at or above it; 2 the
command could not do what was asked (bad arguments or configuration, a path that does not exist
or cannot be read, an output that cannot be written, or an internal error). 2 wins over 1.
"""

from __future__ import annotations

import argparse
import difflib
import io
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import FrameType
from typing import TYPE_CHECKING, TextIO

from eventcode import rules
from eventcode._progress import Progress
from eventcode._version import __version__
from eventcode.config import FAIL_ON, ConfigError, Settings, check_code_prefixes, load_settings
from eventcode.errors import EventcodeError
from eventcode.escaping import printable
from eventcode.findings import Finding, Report, Tally, code_info, finding_codes
from eventcode.io.atomic import atomic_text, check_output, on_commit
from eventcode.io.formats import CONVERT_FORMATS, format_for_path
from eventcode.io.limits import (
    DEFAULT_BLANK_TOKENS,
    DEFAULT_MAX_COLUMNS,
    DEFAULT_MAX_FIELD_BYTES,
    DEFAULT_MAX_FIGURES,
    DEFAULT_MAX_JSON_DEPTH,
    DEFAULT_MAX_LINE_BYTES,
    DEFAULT_MAX_PAIR_FINDINGS,
    Limits,
)
from eventcode.paths import STDIN, collect_paths
from eventcode.reporters import REPORT_FORMATS, markdown, render, write
from eventcode.schemas import SCHEMA_NAMES, schema_json

# A command imports what only it uses (the readers and checks, the codebooks, the loader) when
# it runs: `eventcode --version`, `--help` or `schema` need not load them.
if TYPE_CHECKING:
    from eventcode import acled
    from eventcode.io.sources import Source

__all__ = ["EXIT_FINDINGS", "EXIT_OK", "EXIT_USAGE", "main", "run"]

#: Nothing at or above the failing severity.
EXIT_OK = 0
#: Findings at or above the failing severity.
EXIT_FINDINGS = 1
#: The command could not do what was asked.
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"eventcode: error: {printable(message)}\n")


def _codes(text: str) -> list[str]:
    return [part for part in (p.strip() for p in text.split(",")) if part]


def _count(text: str) -> int:
    """Read a count option: a whole number, 0 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is below 0")
    return value


def _add_limits(parser: argparse.ArgumentParser) -> None:
    """Add the options that set the input limits (docs/reliability.md)."""
    parser.add_argument(
        "--max-field-size",
        type=int,
        metavar="BYTES",
        default=None,
        help=f"the largest CSV cell or JSON string read (default: {DEFAULT_MAX_FIELD_BYTES})",
    )
    parser.add_argument(
        "--max-line-size",
        type=int,
        metavar="BYTES",
        default=None,
        help=f"the longest JSON Lines or CSV line read (default: {DEFAULT_MAX_LINE_BYTES})",
    )
    parser.add_argument(
        "--max-json-depth",
        type=int,
        metavar="N",
        default=None,
        help=f"the deepest JSON nesting read, at most 500 (default: {DEFAULT_MAX_JSON_DEPTH})",
    )
    parser.add_argument(
        "--max-columns",
        type=int,
        metavar="N",
        default=None,
        help=f"the most columns of an ACLED header or row read (default: {DEFAULT_MAX_COLUMNS})",
    )
    parser.add_argument(
        "--max-figures",
        type=int,
        metavar="N",
        default=None,
        help=f"the most figures one event may hold (default: {DEFAULT_MAX_FIGURES})",
    )
    parser.add_argument(
        "--max-pair-findings",
        type=int,
        metavar="N",
        default=None,
        help="the most R001 (and R002) findings one event gives before one summary "
        f"(default: {DEFAULT_MAX_PAIR_FINDINGS})",
    )


def _add_blanks(parser: argparse.ArgumentParser) -> None:
    """Add the option naming how an ACLED file writes a blank cell (docs/acled.md)."""
    parser.add_argument(
        "--na",
        action="append",
        metavar="TOKEN",
        default=None,
        help="read ACLED cells holding exactly TOKEN as blank; repeatable, replaces the "
        f"default ({', '.join(DEFAULT_BLANK_TOKENS)}); --na '' reads only empty cells as blank",
    )


def _limits(args: argparse.Namespace, settings: Settings | None = None) -> Limits:
    """Return the limits the options set, else the settings, else the defaults.

    Raises ``ValueError`` for a bad one.
    """

    def pick(option: int | None, configured: int | None, default: int) -> int:
        if option is not None:
            return option
        return default if configured is None else configured

    chosen = settings or Settings()
    return Limits(
        max_field_bytes=pick(args.max_field_size, chosen.max_field_size, DEFAULT_MAX_FIELD_BYTES),
        max_line_bytes=pick(args.max_line_size, chosen.max_line_size, DEFAULT_MAX_LINE_BYTES),
        max_json_depth=pick(args.max_json_depth, chosen.max_json_depth, DEFAULT_MAX_JSON_DEPTH),
        max_columns=pick(args.max_columns, chosen.max_columns, DEFAULT_MAX_COLUMNS),
        max_figures=pick(args.max_figures, chosen.max_figures, DEFAULT_MAX_FIGURES),
        max_pair_findings=pick(
            args.max_pair_findings, chosen.max_pair_findings, DEFAULT_MAX_PAIR_FINDINGS
        ),
        blank_tokens=DEFAULT_BLANK_TOKENS if getattr(args, "na", None) is None else args.na,
    )


def _add_validate(commands: argparse._SubParsersAction[_Parser]) -> None:
    validate = commands.add_parser(
        "validate",
        help="validate dataset files and report findings",
        description="Validate dataset files (JSON, JSON Lines, ACLED CSV or API JSON) and "
        "directories of them; '-' reads standard input. Options override [tool.eventcode] in "
        "pyproject.toml.",
    )
    validate.add_argument(
        "paths", nargs="+", metavar="PATH", help="a file, a directory to walk, or - for stdin"
    )
    validate.add_argument(
        "--format",
        "--output-format",
        dest="format",
        choices=REPORT_FORMATS,
        help="the report format (default: text)",
    )
    validate.add_argument(
        "--output-file", metavar="FILE", help="write the report to FILE (atomically), not stdout"
    )
    validate.add_argument(
        "--max-findings",
        type=_count,
        metavar="N",
        help="write at most N findings; the summary and the exit code still count them all",
    )
    validate.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        help="the severity that makes the exit code 1 (default: error)",
    )
    validate.add_argument(
        "--select",
        action="append",
        type=_codes,
        metavar="CODES",
        help="report only these codes or prefixes, comma-separated (S,C014; default: ALL)",
    )
    validate.add_argument(
        "--ignore",
        action="append",
        type=_codes,
        metavar="CODES",
        help="do not report these codes or prefixes, comma-separated",
    )
    validate.add_argument(
        "--policy",
        help=f"the coding-rule policy figures are compared by (default: {rules.DEFAULT_POLICY};"
        f" known: {', '.join(rules.policy_names())})",
    )
    validate.add_argument(
        "--include",
        action="append",
        metavar="PATTERN",
        help="files a directory walk picks up (repeatable; default: *.json *.jsonl *.ndjson *.csv)",
    )
    validate.add_argument(
        "--exclude",
        action="append",
        metavar="PATTERN",
        help="files and directories a walk skips, replacing the default (.* __pycache__ "
        "node_modules)",
    )
    validate.add_argument(
        "--extend-exclude",
        action="append",
        metavar="PATTERN",
        help="files and directories a walk skips, besides the default",
    )
    validate.add_argument(
        "--force-exclude",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="apply the exclusions to files named directly too (for pre-commit)",
    )
    validate.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help="the name findings give standard input; its extension sets the format",
    )
    validate.add_argument(
        "--config", metavar="FILE", help="read [tool.eventcode] from FILE, not ./pyproject.toml"
    )
    validate.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    validate.add_argument(
        "--no-progress",
        action="store_true",
        help="never draw the progress bar (drawn on a terminal for long runs)",
    )
    _add_limits(validate)
    _add_blanks(validate)


def _add_convert(commands: argparse._SubParsersAction[_Parser]) -> None:
    convert_ = commands.add_parser(
        "convert",
        help="convert a dataset or ACLED file to JSON, JSON Lines or ACLED CSV",
        description="Convert any file eventcode reads to a dataset document, JSON Lines or "
        "ACLED CSV. OUT is written atomically; records that cannot be converted are named.",
    )
    convert_.add_argument(
        "source", metavar="IN", help="a dataset, JSON Lines or ACLED file, or - for stdin"
    )
    convert_.add_argument(
        "-o", "--output", required=True, metavar="OUT", help="the file to write, or - for stdout"
    )
    convert_.add_argument(
        "--to",
        choices=CONVERT_FORMATS,
        help="the output format (default: by OUT's extension; json for stdout)",
    )
    convert_.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default="error",
        help="the severity of a finding about the input that makes the exit code 1 "
        "(default: error)",
    )
    convert_.add_argument("--codes", choices=("numeric", "text"), help="ACLED actor types")
    convert_.add_argument("--dates", choices=("export", "iso"), help="ACLED event_date style")
    convert_.add_argument(
        "--id-start", type=int, help="first number of generated event_id_cnty values"
    )
    convert_.add_argument("--timestamp", type=int, help="timestamp for events that have none")
    convert_.add_argument(
        "--policy",
        default=None,
        help=f"the named policy that derives ACLED fatalities (default: {rules.DEFAULT_POLICY}, "
        f"as for derive and validate; known: {', '.join(rules.policy_names())}), or GED's "
        "best, low and high (default: ucdp)",
    )
    convert_.add_argument(
        "--neutralise-formulas",
        action="store_true",
        help="prefix text cells that a spreadsheet would run as formulas with '",
    )
    convert_.add_argument(
        "--allow-partial",
        action="store_true",
        help="exit 0 when events with an ACLED class are left out of ACLED CSV (A020)",
    )
    convert_.add_argument(
        "--modernise",
        action="store_true",
        help="write ACLED's current names for earlier ones (region Southern Asia -> South Asia)",
    )
    convert_.add_argument(
        "--keep-extra",
        action="store_true",
        help="keep the legacy layout's own columns (data_id, event_id_no_cnty, iso3) after the "
        "31 current ones",
    )
    convert_.add_argument(
        "--hxl",
        action="store_true",
        help="write a row of HXL hashtags under the ACLED CSV header, as HDX ships ACLED files",
    )
    _add_limits(convert_)
    _add_blanks(convert_)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="eventcode",
        description="Code conflict events as typed records; validate them against ACLED and "
        "CAMEO, derive fatality counts, and convert them to and from ACLED CSV.",
        epilog="Exit codes: 0 nothing at or above the failing severity; 1 findings at or "
        "above it; 2 the command could not do what was asked. Run 'eventcode COMMAND --help' "
        "for a command's options; docs/cli.md has them all.",
    )
    parser.add_argument("--version", action="version", version=f"eventcode {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    _add_validate(commands)

    schema = commands.add_parser(
        "schema",
        help="print the published JSON Schema",
        description="Print the JSON Schema of a dataset document (dataset) or of one JSON "
        "Lines record (record), as published with this release.",
    )
    schema.add_argument(
        "name",
        nargs="?",
        choices=SCHEMA_NAMES,
        default=SCHEMA_NAMES[0],
        help=f"which schema (default: {SCHEMA_NAMES[0]})",
    )

    explain = commands.add_parser(
        "explain",
        help="explain a finding code or a codebook code",
        description="Print what a finding code means and how to fix it, or a codebook entry "
        "(CAMEO event and actor codes, ACLED's taxonomy, PLOVER). An unknown code gets the "
        "nearest ones suggested.",
    )
    explain.add_argument(
        "code",
        help="a finding code (S101) or a codebook query: cameo:194, cameo-actor:RUSGOVMIL, "
        '"acled:Shelling/artillery/missile attack", plover:ASSAULT',
    )
    _add_convert(commands)

    derive = commands.add_parser(
        "derive",
        help="derive ACLED fatalities and UCDP best/low/high per event, explained",
        description="For each event of a dataset, derive ACLED's conservative fatality count "
        "and a UCDP-style best/low/high from its figures, saying which figures were used "
        "and why.",
    )
    derive.add_argument("path", metavar="PATH", help="a .json or .jsonl dataset file")
    derive.add_argument(
        "--policy",
        default=None,
        help=f"the named policy to derive by (default: {rules.DEFAULT_POLICY})",
    )
    derive.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people, json for programs (default: text)",
    )
    return parser


def _say(message: str) -> None:
    r"""Say ``message`` on standard error as one line, escaped as the reports escape data.

    Paths and values in it come from the data (a file named ``x\n::error::...``), so they
    cannot forge a line or a CI workflow command.
    """
    print(f"eventcode: {printable(message)}", file=sys.stderr)


def _reason(exc: BaseException) -> str:
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)


def _emit(text: str, stream: TextIO | None = None) -> None:
    """Write ``text`` as UTF-8 (a lone surrogate from the data as its escape) and flush."""
    out = sys.stdout if stream is None else stream
    out.flush()
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        out.write(text)
    else:
        buffer.write(text.encode("utf-8", "backslashreplace"))
        buffer.flush()


def _derive(args: argparse.Namespace) -> int:
    from eventcode._api import load  # imported here: derive alone loads a whole dataset

    try:
        chosen = rules.policy(args.policy)
    except rules.UnknownPolicyError as error:
        _say(str(error))
        return EXIT_USAGE
    try:
        loaded = load(args.path)
    except (OSError, EventcodeError) as exc:
        _say(f"cannot read {args.path}: {_reason(exc)}")
        return EXIT_USAGE
    if loaded.findings:
        data = loaded.dataset
        records = len(data.documents) + len(data.actors) + len(data.claimants) + len(data.events)
        report = Report(findings=loaded.findings, records=records, files=(args.path,))
        _emit(render(report, "text"), sys.stderr)
    results = rules.derive(loaded.dataset, chosen)
    _emit(rules.render_derivations(results, chosen, args.format))
    return EXIT_FINDINGS if loaded.has_errors else EXIT_OK


def _settings(args: argparse.Namespace) -> Settings:
    """Return the configuration file's settings with the command line's options applied."""
    settings = Settings() if args.isolated else load_settings(args.config)

    def joined(groups: list[list[str]] | None, where: str) -> tuple[str, ...] | None:
        if groups is None:
            return None
        return check_code_prefixes([c for group in groups for c in group], where)

    return settings.override(
        select=joined(args.select, "--select"),
        ignore=joined(args.ignore, "--ignore"),
        fail_on=args.fail_on,
        policy=args.policy,
        format=args.format,
        include=None if args.include is None else tuple(args.include),
        exclude=None if args.exclude is None else tuple(args.exclude),
        extend_exclude=None if args.extend_exclude is None else tuple(args.extend_exclude),
        force_exclude=args.force_exclude,
    )


def _stdin_source(name: str, limits: Limits) -> Source:
    from eventcode.io.sources import Source  # imported here: only validate reads sources

    data = sys.stdin.buffer.read()
    return Source.from_bytes(data, format_for_path(name, data[:4096]), name=name, limits=limits)


def _write_report(
    fmt: str,
    findings: Iterator[Finding],
    tally: Tally,
    args: argparse.Namespace,
    fail_on: str = "error",
) -> bool:
    """Write the report as the findings come; return False (having said why) if it failed.

    ``fail_on`` is the run's ``--fail-on`` (the JUnit report fails only those cases).

    To --output-file atomically: a failure leaves the old file as it was.
    """
    output = args.output_file
    limit = args.max_findings
    if output is None or output == STDIN:
        with _stdout_text(errors="backslashreplace") as out:
            write(fmt, findings, out, tally, max_findings=limit, fail_on=fail_on)
        return True
    try:
        with atomic_text(output, errors="backslashreplace") as out:
            write(fmt, findings, out, tally, max_findings=limit, fail_on=fail_on)
    except OSError as exc:
        _say(f"cannot write {output}: {_reason(exc)}")
        return False
    return True


def _step_summary(listed: list[Finding], tally: Tally) -> None:
    """Append the report as Markdown to GitHub's step summary, when there is one."""
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if not summary:
        return
    try:
        with open(summary, "a", encoding="utf-8", errors="backslashreplace") as out:
            markdown.write_listed(listed, out, tally)
    except OSError as exc:
        _say(f"warning: cannot write the step summary {summary}: {_reason(exc)}")


def _input_named(files: Sequence[str], output: str | None) -> str | None:
    """Return the input among ``files`` that is ``output`` under any name, if one is."""
    if output is None or not os.path.exists(output):
        return None
    for file in files:
        try:
            if file != STDIN and os.path.samefile(file, output):
                return file
        except OSError:
            continue
    return None


def _validate(args: argparse.Namespace) -> int:
    # imported here: only validate reads sources and runs the checks
    from eventcode.io.sources import Source
    from eventcode.validation import iter_source

    try:
        settings = _settings(args)
        chosen = rules.policy(settings.policy)
        limits = _limits(args, settings)
    except (ConfigError, rules.UnknownPolicyError, ValueError) as error:
        _say(str(error))
        return EXIT_USAGE
    if args.paths.count(STDIN) > 1:
        _say("standard input (-) can be read only once")
        return EXIT_USAGE
    report_file = None if args.output_file in (None, STDIN) else args.output_file
    if report_file is not None:
        try:
            check_output(report_file)
        except OSError as exc:  # refused (not a regular file, read-only), or cannot be looked at
            _say(f"cannot write {report_file}: {_reason(exc)}")
            return EXIT_USAGE
    collected = collect_paths(
        args.paths,
        include=settings.include,
        exclude=settings.all_excluded,
        force_exclude=settings.force_exclude,
        skip=() if report_file is None else (report_file,),
    )
    named = _input_named(collected.files, report_file)
    if named is not None:
        _say(f"refusing to write the report over the input {named}")
        return EXIT_USAGE
    failed = bool(collected.problems)
    for problem in collected.problems:
        _say(f"cannot read {problem.path}: {problem.reason}")
    if not collected.files and not failed:
        _say("warning: no files to validate")
    tally = Tally()
    listed: list[Finding] = []  # the step summary's rows (--format github)
    unread: list[str] = []  # the files that could not be read (said as met)
    enabled = False if args.no_progress else None
    progress = Progress(sys.stderr, len(collected.files), enabled=enabled)

    def findings() -> Iterator[Finding]:
        """Yield the selected findings of every file, counting files and records."""
        try:
            for file in collected.files:
                progress.start(file)
                try:
                    if file == STDIN:
                        source = _stdin_source(args.stdin_filename or STDIN, limits)
                    else:
                        source = Source.from_path(file, name=file, limits=limits)
                    found = iter_source(
                        source,
                        chosen,
                        progress=progress.records,
                        select=settings.select,
                        ignore=settings.ignore,
                    )
                    for finding in found:
                        if settings.format == "github" and len(listed) < markdown.MAX_ROWS:
                            listed.append(finding)
                        yield finding
                    tally.files += (source.name,)
                    tally.records += found.records
                except (OSError, EventcodeError) as exc:
                    unread.append(file)
                    _say(f"cannot read {file}: {_reason(exc)}")
                progress.finish()
        finally:
            progress.close()

    written = _write_report(settings.format, findings(), tally, args, settings.fail_on)
    if settings.format == "github":
        _step_summary(listed, tally)
    if failed or unread or not written:
        return EXIT_USAGE
    return EXIT_FINDINGS if tally.fails(settings.fail_on) else EXIT_OK


@contextmanager
def _stdout_text(errors: str = "strict") -> Iterator[TextIO]:
    """Yield standard output as UTF-8 text with LF line ends, leaving it open afterwards."""
    sys.stdout.flush()
    wrapper = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", errors=errors, newline="\n")
    try:
        yield wrapper
    finally:
        wrapper.flush()
        wrapper.detach()


def _acled_options(args: argparse.Namespace) -> acled.AcledOptions:
    from eventcode import acled  # only convert writes ACLED: the other commands go without

    defaults = acled.AcledOptions()
    return acled.AcledOptions(
        codes=acled.CodeStyle(args.codes) if args.codes else None,
        dates=acled.DateStyle(args.dates) if args.dates else None,
        id_start=defaults.id_start if args.id_start is None else args.id_start,
        timestamp=args.timestamp,
        policy=rules.policy(args.policy).name,
        neutralise_formulas=args.neutralise_formulas,
        modernise=args.modernise,
        legacy_columns=args.keep_extra,
        hxl=args.hxl,
    )


def _convert(args: argparse.Namespace) -> int:
    from eventcode.conversion import SameFileError, convert, output_format  # convert's own

    try:
        limits = _limits(args)
    except ValueError as error:
        _say(str(error))
        return EXIT_USAGE
    try:
        options = _acled_options(args)
    except rules.UnknownPolicyError as error:
        _say(str(error))
        return EXIT_USAGE
    source = sys.stdin.buffer.read() if args.source == STDIN else args.source
    try:
        if args.output == STDIN:
            with _stdout_text() as out:
                done = convert(
                    source, out, to=args.to, options=options, limits=limits, policy=args.policy
                )
        else:
            if output_format(args.output, args.to) != "parquet":  # a folder: checked as written
                check_output(args.output)  # refuse a FIFO, device or link before reading
            done = convert(
                source, args.output, to=args.to, options=options, limits=limits, policy=args.policy
            )
    except SameFileError as exc:
        _say(str(exc))
        return EXIT_USAGE
    except BrokenPipeError:
        raise
    except (OSError, EventcodeError, ValueError) as exc:
        _say(f"cannot convert {args.source} to {args.output}: {_reason(exc)}")
        return EXIT_USAGE
    for left in done.left_out:
        if not left.classified:  # an ACLED event left out is a finding (A020), printed below
            _say(f"left out event {left.event}: {left.reason}")
    if done.findings:
        read = Report(findings=done.findings, records=done.read, files=(str(args.source),))
        _emit(render(read, "text"), sys.stderr)
    what = (
        f"ACLED row(s) (fatalities by policy {options.policy})"
        if done.format == "acled-csv"
        else "record(s)"
    )
    if done.ucdp is not None:
        what = f"GED row(s) (best, low and high by policy {done.ucdp.policy})"
    where = "standard output" if args.output == STDIN else args.output
    _say(f"wrote {done.written} {what} to {where}")
    return EXIT_FINDINGS if done.fails(args.fail_on, allow_partial=args.allow_partial) else EXIT_OK


def _explain(args: argparse.Namespace) -> int:
    from eventcode import codebooks  # imported here: only explain reads the codebooks

    if ":" in args.code:
        try:
            print(codebooks.explain(args.code).render())
        except (codebooks.UnknownCodeError, ValueError) as error:
            _say(str(error))
            return EXIT_USAGE
        return EXIT_OK
    by_name = {info.name: code for code, info in finding_codes().items()}
    try:
        info = code_info(by_name.get(args.code.lower(), args.code))
    except KeyError:
        near = _nearest_codes(args.code, by_name)
        told = (
            f"did you mean {', '.join(near)}?"
            if near
            else "no finding code is near it (docs/findings.md lists them all)"
        )
        _say(
            f"unknown code {args.code!r}; {told}; codebook queries start with "
            f"{', '.join(f'{s}:' for s in codebooks.EXPLAIN_SCHEMES)}"
        )
        return EXIT_USAGE
    print(f"{info.code} {info.name} ({info.severity.value})\n\n{info.summary}\n\nFix: {info.fix}")
    return EXIT_OK


def _nearest_codes(text: str, by_name: dict[str, str]) -> list[str]:
    """Return the finding codes nearest ``text``: those it begins, else close codes or names."""
    codes = list(finding_codes())
    begun = [code for code in codes if code.startswith(text.upper())]
    if begun:
        return begun[:_MAX_NEAR]
    near = difflib.get_close_matches(text.upper(), codes, n=3, cutoff=0.6)
    near += [by_name[n] for n in difflib.get_close_matches(text.lower(), by_name, n=3)]
    return list(dict.fromkeys(near))[:_MAX_NEAR]


_MAX_NEAR = 12


def _schema(args: argparse.Namespace) -> int:
    _emit(schema_json(args.name))
    return EXIT_OK


def _internal_error(exc: BaseException) -> int:
    """Say briefly that eventcode has a bug, keeping the traceback in a file for the report."""
    import tempfile  # imported here: only a bug needs them
    import traceback

    where = ""
    try:
        handle, path = tempfile.mkstemp(prefix="eventcode-crash-", suffix=".txt")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(f"eventcode {__version__}\nargv: {sys.argv!r}\n\n")
            out.write("".join(traceback.format_exception(exc)))
        where = f" The details are in {path}."
    except OSError:
        pass
    _say(
        f"internal error ({type(exc).__name__}: {exc}). This is a bug in eventcode; please "
        f"report it with the command and the input that caused it.{where}"
    )
    return EXIT_USAGE


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
    _Interrupts.output_written = False
    try:
        with on_commit(_output_written):
            return handlers[args.command](args)
    except KeyboardInterrupt:
        _say("interrupted")
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader went away (`eventcode validate ... | head`): stop quietly, and keep
        # Python's final flush of stdout from complaining about the closed pipe.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_USAGE
    except Exception as exc:  # a bug: say so briefly, never a bare traceback
        return _internal_error(exc)


class _Interrupts:
    """Whether the command's output file is in place (then a signal no longer stops it)."""

    output_written = False


def _output_written(path: object) -> None:
    """Note that the output is in place: called by write_atomic, signals held off meanwhile."""
    _Interrupts.output_written = True


def _terminated(signum: int, frame: FrameType | None) -> None:
    """Stop on SIGTERM (a cancelled CI job) or Ctrl-C: partial output is removed.

    Once the output file is renamed into place, the work is done: the signal is ignored and
    the command finishes its last lines and exits as it would have (never "interrupted" with
    exit 2 over a complete output).
    """
    if _Interrupts.output_written:
        return
    raise KeyboardInterrupt


def run() -> None:
    """Entry point of the ``eventcode`` console script."""
    signal.signal(signal.SIGTERM, _terminated)
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not if ignored
        signal.signal(signal.SIGINT, _terminated)
    sys.exit(main())
