"""Findings built field by field (make_finding, Finding.at, unpickling) equal the constructors'."""

from __future__ import annotations

import pickle

import attrs
from hypothesis import given
from hypothesis import strategies as st

from eventcode.findings import Finding, Location, Severity, finding_codes, make_finding

texts = st.none() | st.text(max_size=12)
lines = st.none() | st.integers(min_value=1, max_value=10**9)
codes = st.sampled_from(sorted(finding_codes()))


@given(codes, st.text(max_size=30), texts, texts, lines, texts, texts, st.lists(st.text()))
def test_a_finding_made_is_the_one_its_constructors_make(
    code: str,
    message: str,
    file: str | None,
    path: str | None,
    line: int | None,
    event: str | None,
    field: str | None,
    related: list[str],
) -> None:
    made = make_finding(
        code, message, file=file, path=path, line=line, event=event, field=field, related=related
    )
    expected = Finding(
        code=code,
        severity=finding_codes()[code].severity,
        message=message,
        location=Location(file=file, line=line, path=path, event=event, field=field),
        related=tuple(related),
    )
    assert made == expected
    assert hash(made) == hash(expected)
    assert repr(made) == repr(expected)
    assert type(made.severity) is Severity
    again = pickle.loads(pickle.dumps(made))
    assert again == expected
    assert type(again.severity) is Severity
    moved = made.at(line=7, file="other.csv")
    assert moved == attrs.evolve(
        expected, location=attrs.evolve(expected.location, line=7, file="other.csv")
    )
    assert attrs.asdict(moved)["location"]["line"] == 7


@given(st.dictionaries(st.integers(0, 50), st.lists(st.builds(
    make_finding, codes, st.text(max_size=20), line=lines, file=texts, event=texts, field=texts
), min_size=1, max_size=3), max_size=6))
def test_a_batch_sent_across_processes_comes_back_equal(
    findings: dict[int, list[Finding]],
) -> None:
    from array import array

    from eventcode.acled.batches import CheckedBatch, PlacesMet

    size = 51
    zeros = array("Q", [0] * size)
    batch = CheckedBatch(
        lines=array("Q", range(2, size + 2)),
        id_keys=zeros,
        other_ids={},
        findings=findings,
        failed=frozenset(findings),
        targeted={3: "Battles"},
        crowds={},
        places=zeros,
        digests=zeros,
        places_met=PlacesMet.of({}, zeros),
        name_cells=None,
    )
    # Events with one finding each, and with several: the two ways a batch is rebuilt.
    back = pickle.loads(pickle.dumps(batch))
    assert back == batch
    assert list(back.findings) == list(findings)  # the events' order, too
    assert all(type(f) is Finding for found in back.findings.values() for f in found)


@given(codes, st.text(max_size=30), texts, texts, lines, texts, lines, texts)
def test_a_finding_placed_is_the_one_at_places(
    code: str,
    message: str,
    file: str | None,
    path: str | None,
    line: int | None,
    event: str | None,
    record_line: int | None,
    record_file: str | None,
) -> None:
    # Finding.placed (the record checks' placing of a record's findings) is Finding.at of its
    # own line, else the record's, and the record's file: fails if it drops the finding's line.
    made = make_finding(code, message, file=file, path=path, line=line, event=event)
    placed = made.placed(record_line, record_file)
    expected = made.at(line=made.location.line or record_line, file=record_file)
    assert placed == expected
    assert repr(placed) == repr(expected)
    assert type(placed) is Finding
