"""explain(), provenance and packaging of the codebook data."""

import json
from importlib import resources
from pathlib import Path

import pytest

import eventcode.codebooks as cb
from eventcode.codebooks import UnknownCodeError, codebook_provenance, codebook_tables, explain

DATA = resources.files("eventcode.codebooks") / "data"


def test_explain_cameo():
    result = explain("cameo:194")
    assert result.kind == "cameo event code"
    fields = dict(result.fields)
    assert fields["label"] == "Fight with artillery and tanks"
    assert fields["quad class"].startswith("4 Material conflict")
    assert "ASSAULT" in fields["plover 2021"]
    text = str(result)
    assert "194" in text
    assert "source:" in text
    assert "1.1b3" in text


def test_explain_cameo_actor():
    result = explain("cameo-actor:RUSGOVMIL")
    assert [name for name, _ in result.fields] == ["RUS", "GOV", "MIL", "valid"]
    assert "Russia" in result.render()
    assert "INVALID" in explain("cameo-actor:RUSXXX").render()


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("acled:Shelling/artillery/missile attack", "acled sub-event type"),
        ("acled:Battles", "acled event type"),
        ("acled:Political violence; Demonstrations", "acled disorder type"),
        ("acled:External/Other forces", "acled actor type"),
        ("acled:8", "acled actor type"),
        ("acled:78", "acled interaction"),
        ("acled:Protesters only", "acled interaction"),
        ("acled:Europe", "acled region"),
        ("acled:Russia", "acled country"),
        ("acled:National-International", "acled source scale"),
        ("plover:ASSAULT", "plover event type"),
    ],
)
def test_explain_acled_and_plover(query, kind):
    result = explain(query)
    assert result.kind == kind
    assert result.provenance
    assert result.query == query


def test_explain_sub_event_fields():
    fields = dict(explain("acled:Shelling/artillery/missile attack").fields)
    assert fields == {
        "event type": "Explosions/Remote violence",
        "disorder type": "Political violence",
    }


@pytest.mark.parametrize(
    ("query", "suggestion"),
    [
        ("cameo:1950", "195"),
        ("acled:Shelling", "Shelling/artillery/missile attack"),
        ("camo:194", "cameo:"),
        ("plover:ASSALT", "ASSAULT"),
    ],
)
def test_explain_unknown(query, suggestion):
    with pytest.raises(UnknownCodeError) as info:
        explain(query)
    assert suggestion in info.value.suggestions


def _data_files():
    return sorted(p.name for p in DATA.iterdir() if p.name.endswith(".tsv"))


def test_every_data_file_has_provenance_with_correct_row_count():
    assert set(codebook_tables()) == set(_data_files())
    raw = json.loads((DATA / "provenance.json").read_text(encoding="utf-8"))["tables"]
    for name in _data_files():
        lines = (DATA / name).read_text(encoding="utf-8").splitlines()
        prov = codebook_provenance(name)
        assert prov.rows == len(lines) - 1 == raw[name]["rows"], name
        assert prov.upstream, name
        assert prov.processing, name
    assert (DATA / "PROVENANCE.md").is_file()


def test_data_files_are_well_formed():
    for name in _data_files():
        lines = (DATA / name).read_text(encoding="utf-8").splitlines()
        width = len(lines[0].split("\t"))
        for line in lines:
            values = line.split("\t")
            assert len(values) == width, (name, line)
            assert all(v == v.strip() for v in values), (name, line)


def test_public_api_is_documented():
    for name in cb.__all__:
        obj = getattr(cb, name)
        if callable(obj):
            assert obj.__doc__, name


def test_sources_never_read_the_shared_reference_directory():
    package_dir = Path(cb.__file__).parent
    for path in package_dir.glob("*.py"):
        assert "shared" not in path.read_text(encoding="utf-8"), path
