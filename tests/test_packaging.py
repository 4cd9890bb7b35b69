"""The project as a newcomer meets it: README's commands, CI, the installed package's data."""

from __future__ import annotations

import ast
import importlib
import re
import subprocess
import sys
from importlib import metadata, resources
from pathlib import Path

import pytest

import eventcode
from eventcode._docs import findings_markdown
from tests.helpers import ROOT


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text)


def test_readme_opens_with_the_two_commands() -> None:
    run_example, run_tests = readme_commands()[:2]
    assert "pip install ." in run_example
    assert "eventcode validate fixtures/makiivka-2023/dataset.json" in run_example
    assert "'.[test]'" in run_tests
    assert "pytest" in run_tests


def test_ci_runs_readme_test_command_verbatim() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in ci.splitlines()


def test_version_comes_from_the_package_metadata() -> None:
    assert eventcode.__version__ == metadata.version("eventcode")


def test_typing_marker_and_data_ship_inside_the_package() -> None:
    package = resources.files("eventcode")
    assert package.joinpath("py.typed").is_file()
    for name in ("findings.toml", "vocabularies.json", "quantities.json"):
        assert package.joinpath("data", name).is_file()


def test_findings_doc_is_generated_from_the_registry() -> None:
    assert (ROOT / "docs" / "findings.md").read_text(encoding="utf-8") == findings_markdown()


def test_every_registered_code_is_used_by_the_code() -> None:
    source = "\n".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "src" / "eventcode").rglob("*.py")
    )
    unused = [code for code in eventcode.finding_codes() if f'"{code}"' not in source]
    assert unused == []


def test_public_api_is_exported_once_with_docstrings() -> None:
    assert sorted(eventcode.__all__) == sorted(set(eventcode.__all__))
    for name in eventcode.__all__:
        obj = getattr(eventcode, name)
        if callable(obj) and not isinstance(obj, str):
            assert obj.__doc__, name


def test_every_code_has_a_group_in_the_findings_doc() -> None:
    text = findings_markdown()
    assert all(f"### {code} " in text for code in eventcode.finding_codes())


def _type_checking_names() -> set[str]:
    """Return the names ``eventcode/__init__.py`` imports for type checkers."""
    tree = ast.parse(Path(eventcode.__file__).read_text(encoding="utf-8"))
    [block] = [
        node
        for node in tree.body
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
    ]
    return {
        alias.asname or alias.name
        for node in block.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }


def test_every_public_name_is_imported_on_first_use_from_where_it_is_declared() -> None:
    lazy = {name for names in eventcode._HOMES.values() for name in names}
    assert lazy | {"__version__"} == set(eventcode.__all__)
    assert _type_checking_names() == lazy  # what mypy sees is what runs
    assert set(eventcode.__all__) <= set(dir(eventcode))
    for module, names in eventcode._HOMES.items():
        for name in names:
            assert getattr(eventcode, name) is getattr(importlib.import_module(module), name)
    assert eventcode.acled.read_acled is importlib.import_module("eventcode.acled").read_acled
    with pytest.raises(AttributeError, match="no attribute 'valdate'"):
        eventcode.valdate  # noqa: B018


def test_import_eventcode_imports_no_record_checks_or_attrs() -> None:
    probe = (
        "import sys, eventcode; "
        "print(sorted(m for m in sys.modules if m.startswith(('eventcode.', 'attr', 'cattrs'))))"
    )
    found = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert found.stdout.strip() == "['eventcode._version']", found.stderr


def test_the_command_line_imports_only_what_a_command_uses() -> None:
    probe = (
        "import sys, eventcode.cli; print(sorted({m.split('.')[1] for m in sys.modules "
        "if m.startswith('eventcode.') and m.split('.')[1] in "
        "('acled', 'conversion', 'ucdp', 'frames', 'validation', 'engine', 'checks', "
        "'codebooks', '_api')}))"
    )
    found = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert found.stdout.strip() == "[]", found.stderr  # the command that uses them imports them
