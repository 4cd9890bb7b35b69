"""The checks of ACLED events that need the events before them, over checked batches in order.

:class:`EventMerger` takes :class:`~eventcode.acled.batches.CheckedBatch` es in file order and
decides duplicate ids (A010), civilian targeting on battles (C013, on read events only), place
spellings (R009) and probable duplicates (R010), and counts the records reading the file would
build. Ids and signatures go through :class:`~eventcode.acled.first_seen.FirstSeen` a batch at a
time; a place's spelling is asked once per distinct place, a batch's new places together
(:meth:`~eventcode.checks.places.SpellingIndex.answer_columns`), with what the checkers worked
out of them (names, keys and spots, as columns: :class:`~eventcode.acled.batches.PlacesMet`),
kept only until then.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import chain

import numpy as np
import numpy.typing as npt

from eventcode.acled.batches import TEXT_KEY, CheckedBatch, PlacesMet, names_of
from eventcode.acled.first_seen import FirstSeen, Keys, in_sorted
from eventcode.acled.ids import id_of
from eventcode.acled.mapping import event_id_of
from eventcode.acled.row_checks import duplicate_id_finding
from eventcode.acled.values import CellError, parse_count
from eventcode.checks.codebook import civilian_targeting_findings
from eventcode.checks.crowds import unreadable_tag_finding
from eventcode.checks.duplicates import DuplicateEvents, Repeats
from eventcode.checks.places import (
    PLACE_SPELLINGS,
    PlaceColumns,
    PlaceFacts,
    Respelling,
    SpellingIndex,
    respelling_finding,
)
from eventcode.checks.registry import EVERYTHING, Selection
from eventcode.checks.resemblance import Traits, event_traits
from eventcode.findings import Finding
from eventcode.jsonpath import join_index, join_key

__all__ = ["TRAIT_COLUMNS", "EventMerger", "NameCells", "TraitsAt", "row_traits"]

#: Payloads naming an event (of probable duplicates, of place spellings) from here (below
#: TEXT_KEY) are the line of an event whose row has no id (id keys of ACLED ids are all below
#: it: see eventcode.acled.ids).
_LINE = 3 << 61
#: Gives the name cells of a batch whose cells were not kept (read again from the input).
NameCells = Callable[[], tuple[Sequence[str], ...]]
#: Gives the traits of the events at some lines (sorted), by line (read again from the input).
TraitsAt = Callable[[list[int]], dict[int, Traits]]
_NO_TRAITS = Traits((), 0, 0, None)
_NO_KEYS: Keys = np.zeros(0, np.uint64)
#: The place names a probable duplicate's notes leave out (the event's own: see traits_of).
_PLACE_NAMES = ("location", "admin1", "admin2", "admin3")
#: The cells :func:`row_traits` reads.
TRAIT_COLUMNS = ("notes", "fatalities", *_PLACE_NAMES)


def row_traits(cells: Mapping[str, str]) -> Traits:
    """Return a row's traits as :func:`~eventcode.checks.duplicates.traits_of` gives its event's.

    A toll that is no plain integer is unknown (the row is not read then).
    """
    try:
        toll: int | None = parse_count(cells.get("fatalities", ""))
    except CellError:
        toll = None
    place = [cells[name] for name in _PLACE_NAMES if cells.get(name)]
    return event_traits(cells.get("notes", ""), toll, place)


class EventMerger:
    """Takes checked batches in file order; adds what needs earlier events; counts the records.

    Reading the file would build, per event without an error, the event, the ``acled``
    claimant once, and each actor and source the first time it is named: :attr:`records`
    counts them so.
    """

    def __init__(self, selection: Selection = EVERYTHING) -> None:
        self.records = 0
        self._targeting = selection.has("C013")
        self._respells = selection.runs(PLACE_SPELLINGS)
        self._events = 0
        self._ids = FirstSeen()
        self._signatures = FirstSeen(payloads=True)  # payload: the first event's number
        # Of each event compared for R010, by number: the payload naming it, and its line;
        # the copies are compared at the end (repeats()).
        self._named = array("Q")
        self._lines = array("Q")
        # (digest, first number, number, index among the events): only a copy's index is
        # kept, for only a copy is a finding's path.
        self._copies: list[tuple[int, int, int, int]] = []
        self._other_ids: dict[int, str] = {}  # id key -> id, for keys that are digests
        # Place code -> what R009 asks of it, from every checker, until its first read event.
        self._places: dict[int, PlaceFacts] = {}
        self._asked = FirstSeen()  # the place codes asked
        self._actors: set[str] = set()  # names: one actor record each
        self._outlets: set[str] = set()
        self._spellings: SpellingIndex[int] = SpellingIndex()  # events named by payloads
        # Place code -> its name and what it respells, for the codes with a respelling.
        self._respelled: dict[int, tuple[str, Respelling[int]]] = {}
        self._finished = False

    def learn(self, entries: Iterable[object]) -> None:
        """Take what the codes of batches that are not added stand for."""
        for entry in entries:
            if isinstance(entry, CheckedBatch):
                self._other_ids.update(entry.other_ids)
                if self._respells and entry.places_met.codes:
                    self._meet(entry.places_met)

    def _meet(self, met: PlacesMet, asked: Keys = _NO_KEYS) -> None:
        """Keep what places not asked yet stand for (another checker may tell one again).

        ``asked``: codes (sorted) known to be asked already, not looked up again.
        """
        codes = np.frombuffer(met.codes, np.uint64)
        unasked = np.flatnonzero(~in_sorted(asked, codes))
        kept = unasked[~self._asked.known(codes[unasked])].tolist()
        if kept:
            places = met.places.take(kept).rows()
            self._places.update(zip(codes[kept].tolist(), places, strict=True))

    def finish(self) -> None:
        """Drop what only adding batches needs (ids, places, names): the last one is added.

        What :meth:`repeats` compares stays. A merger is finished while the cycle collector is
        off, so that it never scans the tables of millions of places; adding after raises.
        """
        self._finished = True
        for table in (self._places, self._respelled, self._actors, self._outlets):
            table.clear()
        self._ids, self._signatures, self._asked = FirstSeen(), FirstSeen(), FirstSeen()
        self._spellings = SpellingIndex()

    def add(self, batch: CheckedBatch, name_cells: NameCells | None = None) -> list[Finding]:
        """Return the findings of a batch's events, in the order reading and checking give.

        ``name_cells`` gives the batch's name cells when it has none and some of its events
        turn out not to be read (repeated ids): their names must then not count.
        """
        if self._finished:
            raise RuntimeError("a batch added to a finished merger")
        self._other_ids.update(batch.other_ids)
        first = self._events
        self._events += len(batch.lines)
        keys = np.frombuffer(batch.id_keys, np.uint64)
        named = np.flatnonzero(keys)  # a blank id is never a repeat
        repeats = named[self._ids.add(keys[named])[0]]
        unread = np.zeros(len(keys), bool)
        unread[list(batch.failed)] = True
        unread[repeats] = True
        read = np.flatnonzero(~unread)
        digests = np.frombuffer(batch.digests, np.uint64)
        compared = read[digests[read] != 0]  # 0: a file without R010's columns
        # The payload names the first event: its id key, or its line when its row has no id.
        lines = np.frombuffer(batch.lines, np.uint64)
        payloads = np.where(keys == 0, lines + np.uint64(_LINE), keys)
        base = len(self._named)
        self._named.frombytes(payloads[compared].tobytes())
        self._lines.frombytes(lines[compared].tobytes())
        numbers = np.arange(base, base + len(compared), dtype=np.uint64)
        copies, firsts = self._signatures.add(digests[compared], numbers)
        self._copies += zip(
            digests[compared[copies]].tolist(),
            firsts.tolist(),
            (copies + base).tolist(),
            (compared[copies] + first).tolist(),
            strict=True,
        )
        repeated = set(repeats.tolist())
        self._count(batch, len(read), repeated - batch.failed, name_cells)
        respelled = self._respelled_events(batch, read, payloads) if self._respells else {}
        found: list[Finding] = []
        crowds, checked = batch.crowds, batch.findings
        merged = {*repeated, *batch.targeted, *crowds, *respelled}  # findings made here
        # Each event's own findings, then those made here. The events with own findings only
        # (most, on a file that warns of every row) are taken in runs, between the others.
        owning = sorted(checked)
        taken = 0  # the events owning[:taken] have their own findings in found
        for i in sorted(merged):
            upto = bisect_right(owning, i)
            found += chain.from_iterable(map(checked.__getitem__, owning[taken:upto]))
            taken = upto
            line = batch.lines[i]
            if i in repeated:
                found.append(duplicate_id_finding(batch.event_id(i), line))
            if unread[i] or not (i in batch.targeted or i in crowds or i in respelled):
                continue  # an error (A010 is one): the event is not read
            name, path = batch.event_name(i), join_index("$.events", first + i)
            if i in batch.targeted and self._targeting:
                own = civilian_targeting_findings(
                    batch.targeted[i], True, join_key(path, "civilian_targeting")
                )
                found += (f.at(event=name, line=line) for f in own)
            for index, tag in crowds.get(i, ()):
                where = join_index(join_key(path, "tags"), index)
                found.append(unreadable_tag_finding(tag, where, name).at(line=line))
            if i in respelled:
                location, how = respelled[i]
                earlier = Respelling(how.name, self._event_name(how.event), how.how)
                found.append(respelling_finding(location, earlier, name, path, line))
        found += chain.from_iterable(map(checked.__getitem__, owning[taken:]))
        return found

    def repeats(self, traits_at: TraitsAt) -> Iterator[Finding]:
        """Yield the R010 finding of each event that repeats earlier ones, in event order.

        Once every batch is added: the events sharing a signature are compared by their
        traits, which ``traits_at`` reads at their lines (only theirs).
        """
        if not self._copies:
            return
        wanted = {number for _, first, number, _ in self._copies for number in (first, number)}
        traits = traits_at(sorted(self._lines[n] for n in wanted))
        # A row not read again (an input that cannot be read twice) has no traits to compare.
        by_number = {n: traits.get(self._lines[n], _NO_TRAITS) for n in wanted}
        repeats = Repeats()
        for digest, first, number, index in self._copies:
            name = self._event_name(self._named[number])
            earlier = [
                (self._event_name(self._named[n]), score)
                for n, score in repeats.match(digest, first, number, by_number.__getitem__)
            ]
            earlier = [(e, score) for e, score in earlier if e != name]
            if earlier:
                path = join_index("$.events", index)
                yield DuplicateEvents.finding(earlier, name, path, self._lines[number])
        self._copies = []

    def _event_name(self, payload: int) -> str:
        """Return the name of the event a probable-duplicate payload stands for."""
        if _LINE <= payload < TEXT_KEY:
            return event_id_of("", payload - _LINE)
        return event_id_of(id_of(payload) or self._other_ids[payload], 0)

    def _count(
        self, batch: CheckedBatch, events: int, repeated: set[int], cells: NameCells | None
    ) -> None:
        """Count the records the batch's read events build; ``repeated`` are not read."""
        if not events:
            return
        names = batch.read_names(batch.failed | repeated if repeated else None)
        if names is None:  # the names of the read events are to be read again
            assert cells is not None, "a batch without cells needs a way to read them"
            names = names_of(cells(), batch.failed | repeated)
        before = len(self._actors) + len(self._outlets)
        self._actors.update(names[0])
        self._outlets.update(names[1])
        new = len(self._actors) + len(self._outlets) - before
        self.records += new + events + (1 if self.records == 0 else 0)  # + the claimant, once

    def _respelled_events(
        self, batch: CheckedBatch, read: npt.NDArray[np.intp], payloads: npt.NDArray[np.uint64]
    ) -> dict[int, tuple[str, Respelling[int]]]:
        """Return, per read event whose place respells an earlier one, the place and how.

        Each place (code) is asked once, at its first read event, in file order: its event is
        registered by its payload (``payloads``), named only in a finding. What the codes of
        the batch stand for comes with it, or with an earlier batch (:meth:`_meet`); what is
        not asked yet is kept.
        """
        places = np.frombuffer(batch.places, np.uint64)[read]
        codes, firsts = np.unique(places, return_index=True)
        new = np.ones(len(codes), bool)
        new[self._asked.add(codes)[0]] = False
        firsts = np.sort(firsts[new])  # in the order of first coming
        asked = places[firsts]
        met, kept = batch.places_met, self._places
        # Places met in earlier batches, not asked until now: no longer kept.
        earlier = {code: kept.pop(code) for code in kept.keys() & asked.tolist()} if kept else {}
        told = np.frombuffer(met.codes, np.uint64)
        if not earlier and np.array_equal(told, asked):
            facts = met.places  # the batch asks every place it tells, as it tells them
        else:
            at = _positions(told, asked)  # -1: told by an earlier batch
            if earlier or (at < 0).any():
                facts = PlaceColumns.of(
                    earlier[code] if code in earlier else _facts_told(met, int(i))
                    for code, i in zip(asked.tolist(), at.tolist(), strict=True)
                )
            else:  # the batch tells every place it asks
                facts = met.places.take(at.tolist())
        if met.codes:
            self._meet(met, codes)  # the codes of read events are all asked now
        events = array("Q", payloads[read[firsts]].tobytes())  # kept as told: 8 bytes each
        for index, found in self._spellings.answer_columns(facts, events):
            self._respelled[int(asked[index])] = (facts.names[index], found)
        hits = self._respelled.keys() & codes.tolist() if self._respelled else set()
        if not hits:
            return {}
        return {
            int(read[i]): self._respelled[code]
            for i, code in enumerate(places.tolist())
            if code in hits
        }


def _positions(codes: Keys, wanted: Keys) -> npt.NDArray[np.intp]:
    """Return where each of ``wanted`` is in ``codes`` (each once), or -1 where it is not."""
    if not len(codes):
        return np.full(len(wanted), -1, np.intp)
    order = np.argsort(codes)
    at = np.minimum(np.searchsorted(codes, wanted, sorter=order), len(codes) - 1)
    found: npt.NDArray[np.intp] = np.where(codes[order[at]] == wanted, order[at], -1)
    return found


def _facts_told(met: PlacesMet, at: int) -> PlaceFacts:
    """Return the facts of the place at ``at`` among those a batch tells (it must be there)."""
    if at < 0:
        raise KeyError("a place asked that no batch told")
    return next(met.places.take([at]).rows())
