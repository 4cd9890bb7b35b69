"""The project as a newcomer meets it: README's commands, CI, the installed package's data."""

from __future__ import annotations

import re
from importlib import metadata, resources

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
