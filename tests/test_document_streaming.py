"""The JSON document is written a record at a time: the same bytes, a record's memory."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
from hypothesis import given

import eventcode
from eventcode.io.atomic import write_atomic
from eventcode.io.json_document import dataset_to_dict, dumps_document, iter_document_chunks
from eventcode.strategies import datasets
from tests.helpers import MAKIIVKA, traced_peak


@given(datasets())
def test_the_pieces_are_the_whole_document(dataset: eventcode.Dataset) -> None:
    whole = json.dumps(dataset_to_dict(dataset), ensure_ascii=False, indent=2) + "\n"
    assert "".join(iter_document_chunks(dataset)) == whole == dumps_document(dataset)


def test_writing_a_large_document_holds_a_record_not_the_document(tmp_path: Path) -> None:
    base = eventcode.read(MAKIIVKA)
    strike = base.events[0]
    events = tuple(attrs.evolve(strike, id=f"e{i}", figures=()) for i in range(20_000))
    dataset = attrs.evolve(base, events=events)
    target = tmp_path / "out.json"

    def write(path: Path) -> int:
        write_atomic(path, iter_document_chunks(dataset))
        return path.stat().st_size

    size, peak = traced_peak(write, target)
    assert size > 20_000_000  # ~25 MB of JSON
    assert peak < size // 10  # the old writer held the whole text and its dictionaries
    assert eventcode.read(target) == dataset
