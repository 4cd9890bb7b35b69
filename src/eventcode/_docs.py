"""Documentation generated from the package data (``python -m eventcode._docs``)."""

from __future__ import annotations

from eventcode.findings import finding_codes

__all__ = ["findings_markdown"]

_GROUPS = {
    "S0": "Input that cannot be read as records",
    "S1": "The shape of a record",
    "S2": "The consistency of a record on its own",
    "S3": "Identities and references across records",
    "S4": "Vocabularies",
    "C0": "Codebooks: CAMEO codes, ACLED taxonomy, names and actor types",
    "R0": "Coding rules: figures, dates, places and events against each other",
    "A0": "ACLED files: rows of ACLED CSV exports and API responses",
    "U0": "UCDP GED files: rows of GED CSV files",
    "L0": "Limits: fields, lines and nesting too large to read safely",
}


def findings_markdown() -> str:
    """Return docs/findings.md: every finding code, grouped, with severity, summary and fix."""
    out = [
        "# Finding codes",
        "",
        "Every finding eventcode reports has a stable code. A code never changes meaning; a",
        "retired code is never reused. Severity: **error** — the data is wrong or unusable;",
        "**warning** — doubtful, or the sources disagree; **info** — worth knowing.",
        "`eventcode explain CODE` prints one entry. This page is generated from",
        "`src/eventcode/data/findings.toml` (`python -m eventcode._docs > docs/findings.md`);",
        "a test keeps the two equal.",
    ]
    codes = finding_codes()
    for prefix, title in _GROUPS.items():
        out += ["", f"## {prefix}xx — {title}"]
        for code, info in codes.items():
            if not code.startswith(prefix):
                continue
            out += [
                "",
                f"### {code} `{info.name}` ({info.severity.value})",
                "",
                info.summary,
                "",
                f"*Fix:* {info.fix}",
            ]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    print(findings_markdown(), end="")
