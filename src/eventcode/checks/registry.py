"""The checks eventcode runs, the finding codes each may emit, and which run for a selection.

Every check declares its codes once, beside its definition (:func:`declare`); the engines ask a
:class:`Selection` (``--select`` and ``--ignore``) which checks to run: a check none of whose
codes is selected does not run, and one with some codes off runs but its findings of those codes
are dropped as they come (never held). A check that emits a code it did not declare is a bug:
:meth:`Selection.kept` raises :class:`UndeclaredCodeError`, which fails the tests that meet it.

Reading a file is declared too (:data:`READING`): its findings (syntax, shapes, limits, ACLED
headers and cell conventions) are filtered like any other, though reading itself always runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from attrs import frozen

from eventcode.findings import CodeFilter, Finding, finding_codes

__all__ = [
    "READING",
    "CheckDeclaration",
    "Selection",
    "UndeclaredCodeError",
    "declare",
    "declared_checks",
]


@frozen
class CheckDeclaration:
    """A check (or a reading stage) by name, with every finding code it may emit."""

    name: str
    codes: frozenset[str]
    summary: str = ""


_DECLARED: dict[str, CheckDeclaration] = {}


class UndeclaredCodeError(RuntimeError):
    """A check emitted a finding code it does not declare (a bug in eventcode)."""

    def __init__(self, check: CheckDeclaration, code: str) -> None:
        self.check = check
        self.code = code
        super().__init__(
            f"check {check.name!r} emitted {code}, which it does not declare "
            f"(it declares {', '.join(sorted(check.codes))})"
        )


def declare(name: str, codes: Iterable[str], summary: str) -> CheckDeclaration:
    """Declare the check ``name`` and the finding codes it may emit; return the declaration.

    Raises ``ValueError`` for a name declared twice. That every declared code is in the registry
    of findings (``data/findings.toml``) is a test's to hold, so that importing a check does not
    read the registry.
    """
    declaration = CheckDeclaration(name, frozenset(codes), summary)
    if name in _DECLARED and _DECLARED[name] != declaration:
        raise ValueError(f"check {name!r} is declared twice")
    _DECLARED[name] = declaration
    return declaration


def declared_checks() -> tuple[CheckDeclaration, ...]:
    """Return every check declared so far (by the modules imported), in declaration order."""
    return tuple(_DECLARED.values())


#: Reading a file into records (JSON, JSON Lines, ACLED CSV and JSON): what reading reports.
READING = declare(
    "reading",
    (
        *("S001", "S002", "S003", "S004", "S005", "S006", "S007"),
        *("S101", "S102", "S103", "S104"),
        *("L001", "L002", "L003", "L004", "L005"),
        *("A001", "A002", "A015", "A019", "A021", "A022", "A023", "C010"),
    ),
    "syntax, encoding, format versions, record shapes, input limits, ACLED headers, blank tokens",
)


@frozen
class Selection:
    """The finding codes a run reports (``--select``, ``--ignore``); every code by default.

    ``select`` and ``ignore`` hold codes or code prefixes, as
    :func:`~eventcode.findings.code_selected` reads them. ``codes`` is ``None`` when every code
    is selected (:data:`EVERYTHING`), so the default run never reads the registry of findings.
    """

    codes: frozenset[str] | None

    @classmethod
    def of(cls, select: Iterable[str] | None = None, ignore: Iterable[str] = ()) -> Selection:
        """Return the selection of ``select`` (``None``: every code) less ``ignore``."""
        chosen = CodeFilter(select, ignore)
        if chosen.everything:
            return EVERYTHING
        return cls(frozenset(code for code in finding_codes() if chosen(code)))

    @property
    def everything(self) -> bool:
        """True when every code is selected."""
        return self.codes is None

    def runs(self, check: CheckDeclaration) -> bool:
        """Tell whether ``check`` runs: some code it may emit is selected."""
        return self.codes is None or not check.codes.isdisjoint(self.codes)

    def has(self, code: str) -> bool:
        """Tell whether findings of ``code`` are reported."""
        return self.codes is None or code in self.codes

    def selected(self, check: CheckDeclaration) -> frozenset[str]:
        """Return the codes ``check`` may emit that are selected."""
        return check.codes if self.codes is None else check.codes & self.codes

    def kept(self, check: CheckDeclaration, findings: Iterable[Finding]) -> Iterator[Finding]:
        """Yield the findings of ``check`` that are selected; raise on an undeclared code."""
        keep = self.selected(check)
        for finding in findings:
            code = finding.code
            if code in keep:
                yield finding
            elif code not in check.codes:
                raise UndeclaredCodeError(check, code)


#: Every code: what runs when nothing is selected or ignored.
EVERYTHING = Selection(None)
