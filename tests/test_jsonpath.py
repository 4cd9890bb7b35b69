"""JSON paths as findings print them: written by join_key and join_index, read back by split."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from eventcode.jsonpath import ROOT, join_index, join_key, split


def test_names_are_written_with_a_dot_and_other_keys_quoted() -> None:
    path = join_index(join_key(join_key(ROOT, "events"), "figures"), 3)
    assert path == "$.events.figures[3]"
    assert join_key(path, "it's a\\b") == "$.events.figures[3]['it\\'s a\\\\b']"
    assert join_key("$", "2nd") == "$['2nd']"


@given(st.lists(st.one_of(st.text(), st.integers(min_value=0)), max_size=6))
def test_a_path_splits_into_the_keys_and_indices_it_was_joined_from(
    parts: list[str | int],
) -> None:
    path = ROOT
    for part in parts:
        path = join_index(path, part) if isinstance(part, int) else join_key(path, part)
    # joined twice: the second time each key's written form is the one remembered
    again = ROOT
    for part in parts:
        again = join_index(again, part) if isinstance(part, int) else join_key(again, part)
    assert again == path
    assert split(path) == tuple(parts)
