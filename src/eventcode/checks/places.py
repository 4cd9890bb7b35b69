"""One place under two spellings, across the events of a dataset.

Names are compared by a key that ignores case, Unicode normalisation, diacritics and vowels
(transliterations of one name differ mostly in vowels: Makiivka / Makeevka, Bakhmut /
Bakhmout). Two names with the same key are reported only when their places also share
coordinates (within about a kilometre) or an administrative unit, so distinct towns with
similar names stay apart. Memory holds one entry per distinct name, not per event.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from attrs import frozen

from eventcode.findings import Finding, make_finding
from eventcode.jsonpath import join_key
from eventcode.model import Event, Place

__all__ = ["PlaceSpellings", "spelling_key"]

_NOT_CONSONANT = re.compile(r"[^bcdfghjklmnpqrstvwxz]")
_SAME_POINT_DEGREES = 0.01


def spelling_key(name: str) -> str:
    """Return the key under which transliterations of one name meet."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    ascii_letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_CONSONANT.sub("", ascii_letters)


def _normal(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


@frozen
class _Seen:
    name: str
    place: Place
    event: str
    path: str
    line: int | None


def _same_place(a: Place, b: Place) -> bool:
    if a.country is not None and b.country is not None and a.country != b.country:
        return False
    if None not in (a.latitude, a.longitude, b.latitude, b.longitude):
        return (
            abs((a.latitude or 0.0) - (b.latitude or 0.0)) <= _SAME_POINT_DEGREES
            and abs((a.longitude or 0.0) - (b.longitude or 0.0)) <= _SAME_POINT_DEGREES
        )
    units_a = (a.admin1, a.admin2, a.admin3)
    units_b = (b.admin1, b.admin2, b.admin3)
    return a.admin1 is not None and units_a == units_b


class PlaceSpellings:
    """Collects place names event by event; reports a name that respells an earlier one."""

    def __init__(self) -> None:
        self._by_key: dict[str, list[_Seen]] = {}

    def add(self, event: Event, path: str, line: int | None) -> Iterator[Finding]:
        """Register an event's place; yield a finding if it respells a place seen before."""
        place = event.place
        if place is None:
            return
        key = spelling_key(place.name)
        if not key:
            return
        seen = self._by_key.setdefault(key, [])
        for earlier in seen:
            if earlier.name == place.name:
                if _same_place(earlier.place, place):
                    return  # the same spelling of a place already known
                continue
            if _same_place(earlier.place, place):
                how = (
                    "differ only in case or Unicode form"
                    if _normal(earlier.name) == _normal(place.name)
                    else "look like two transliterations"
                )
                yield make_finding(
                    "R009",
                    f"place {place.name!r} and {earlier.name!r} (event {earlier.event!r}) {how} "
                    "of one place",
                    path=join_key(join_key(path, "place"), "name"),
                    line=line,
                    event=event.id,
                    related=(earlier.event, event.id),
                )
                return
        seen.append(_Seen(place.name, place, event.id, path, line))
