"""Whether two events of one day, place, pair of actors and type are one event (R010).

Two events with the same signature (:mod:`eventcode.checks.duplicates`: day, place, actor1,
actor2, type) are often two events: lootings in three villages coded to one town, a clash and
a checkpoint attack, two protests at one campus. A second source's report of the same event
says the same thing in other words, about the same place, with about the same toll. So R010
compares what two events' notes say and their fatalities:

- **the toll**: fatalities within one, or a quarter of the larger (42 and 40 agree; 4 and 2,
  or 2 and 0, do not); an unknown toll agrees with any;
- **the places the notes name** ("the village of Foube", "near Mayimoya", "in Saltivka",
  "(Ras al-Jora)"), leaving out the event's own place names: when each note names a place the
  other does not, they tell of two places. Names meet by the consonants of their words
  (``Saltivka`` and ``Saltivskyi``; ``Tapikan`` within ``Barangay Tapikan``);
- **the time of day**: notes naming different parts of the day (a sit-in in the morning, a
  march in the evening) tell of two events;
- **the words**: the notes' words (without the date, stop words and the event's place names,
  a second source's synonyms read as one: "militants" and "fighters", "killed" and "died")
  share at least :data:`MIN_SHARED_WORDS` of their union (Jaccard), and at least
  :data:`MIN_COMMON_WORDS` words (one shared word in two short notes is chance). Events
  without notes are compared by their signature and toll alone.

A note is held as :class:`Traits`: its words as 16-bit codes and its place names as a 64-bit
set (each from the word's CRC-32), so an event costs two bytes a word of its notes, and the
traits are the same in every process. The vocabulary is data
(``data/notes_vocabulary.toml``). Measured on ``fixtures/duplicates`` (116 labelled pairs,
written before the rule): see docs/acled.md, "Probable duplicates".
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
import zlib
from collections.abc import Iterable
from functools import cache, lru_cache
from importlib import resources
from itertools import compress
from typing import NamedTuple

__all__ = [
    "MIN_COMMON_WORDS",
    "MIN_SHARED_WORDS",
    "Traits",
    "event_traits",
    "fatalities_agree",
    "resemblance",
]

#: The least share of their words (Jaccard) two notes of one event have.
MIN_SHARED_WORDS = 0.08
#: The fewest words two notes of one event have in common (fewer when a note has fewer).
MIN_COMMON_WORDS = 2
_WORD_CODES = 1 << 16
_NAME_BITS = 64
_DATE_OPENING = re.compile(r"^\s*On (?:or about |around )?\d{1,2} \w+ \d{4},\s*")
_SIZE_TAG = re.compile(r"\[size=")
_WORD = re.compile(r"[^\W_]+")
#: Of each ASCII byte: itself lower-cased when it is a letter or a digit (what _WORD finds in
#: ASCII text), else a space.
_ASCII_FOLDED = bytes(
    byte | 0x20 if chr(byte).isalpha() else byte if chr(byte).isdigit() else 0x20
    for byte in range(128)
) + bytes(128)
_UNIT_SEPARATORS = re.compile("[\x1c-\x1f]")
_NOT_CONSONANT = re.compile(r"[^bcdfghjklmnpqrstvwxz]")


class Traits(NamedTuple):
    """What R010 compares of an event: its notes' words, places and time of day; its toll."""

    words: tuple[int, ...]  # the words' 16-bit codes, ascending (one each)
    names: int  # a set of place-name words as bits (_NAME_BITS)
    times: int  # the parts of the day the notes name, as bits (one a part)
    fatalities: int | None


class _Vocabulary(NamedTuple):
    ignored: frozenset[str]
    synonyms: dict[str, str]
    names: tuple[re.Pattern[str], ...]  # each finds place names one way (group 1)
    times: dict[str, int]
    #: The same patterns for plain ASCII notes (see _plain_ascii): ASCII classes are quicker.
    ascii_names: tuple[re.Pattern[str], ...]
    #: Of each pattern: the words one of which a plain ASCII note it matches holds (``None``:
    #: no such words), and a text any note it matches holds.
    needs: tuple[tuple[frozenset[str] | None, str], ...]


@cache
def _vocabulary() -> _Vocabulary:
    text = resources.files("eventcode").joinpath("data", "notes_vocabulary.toml").read_text()
    table = tomllib.loads(text)
    ignored = frozenset(table["stopwords"].split()) | frozenset(table["calendar"].split())
    synonyms = {}
    for group in table["synonyms"]:
        words = group.split()
        synonyms.update(dict.fromkeys(words, words[0]))
    capital = r"[^\W\d_a-z][\w'\u2019]*"
    particles = "|".join(table["name_particles"].split())
    name = rf"{capital}(?:(?:[\s-](?:{particles})[\s-]|[\s-]){capital})*"
    nouns = "|".join(table["place_nouns"].split())
    prepositions = "|".join(table["place_prepositions"].split())
    # Four patterns rather than one with four branches: a leading name branch is tried at
    # every capital letter, which costs several times the four scans.
    patterns = (
        rf"\b(?:{prepositions})\s+(?:the\s+)?({name})",
        rf"\b(?:{nouns})\s+of\s+({name})",
        rf"({capital})\s+(?:{nouns})\b",
        rf"\(({name})\)",
    )
    times = {
        word: 1 << part
        for part, group in enumerate(table["times_of_day"])
        for word in group.split()
    }
    names = tuple(map(re.compile, patterns))
    ascii_names = tuple(re.compile(pattern, re.ASCII) for pattern in patterns)
    needs = (
        (_anchors(table["place_prepositions"]), ""),
        (_anchors(table["place_nouns"]), ""),
        (_anchors(table["place_nouns"]), ""),
        (None, "("),
    )
    return _Vocabulary(ignored | frozenset(times), synonyms, names, times, ascii_names, needs)


def _anchors(words: str) -> frozenset[str] | None:
    r"""Return the words a pattern starts or ends its match on, when a note's words show them.

    A pattern matching one of lower-case ASCII ``words`` between word boundaries (``\b`` or
    white space) in plain ASCII text matches it as a whole word of the text, which
    :func:`_words_of` finds in the text: a note without any of them cannot match.
    Words of other letters give ``None`` (the pattern is always tried).
    """
    found = frozenset(words.split())
    return found if all(re.fullmatch("[a-z]+", word) for word in found) else None


def _plain_ascii(text: str) -> bool:
    r"""Tell whether the patterns match ``text`` alike with ASCII classes and Unicode ones.

    So they do for ASCII text, but for the separators U+001C-U+001F: whitespace to a ``str``
    pattern's ``\s``, not to an ASCII one's.
    """
    return text.isascii() and _UNIT_SEPARATORS.search(text) is None


def _words_of(text: str) -> list[str]:
    """Return the words of ``text``, case-folded: ``_WORD.findall(text.casefold())``.

    ASCII text is cut by one byte table (``tests/test_resemblance.py`` holds the two equal).
    """
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_FOLDED).decode("ascii").split()
    return _WORD.findall(text.casefold())


def _code(word: str, size: int) -> int:
    """Return the code of ``word`` below ``size``, the same in every process.

    The top bits of its CRC-32: its low bits repeat between words more often.
    """
    return zlib.crc32(word.encode("utf-8", "surrogatepass")) * size >> 32


def _consonants(word: str) -> str:
    """Return the consonants of ``word``, case-folded and without accents (``Bénin``: bnn)."""
    return _NOT_CONSONANT.sub("", _unaccented(word.casefold()))


def _unaccented(text: str) -> str:
    """Return ``text`` decomposed (NFKD) without its combining marks.

    ASCII text as it is: NFKD keeps every ASCII character, and none is a combining mark.
    """
    return text if text.isascii() else _decomposed(text)


def _decomposed(text: str) -> str:
    """Return :func:`_unaccented` of any text, the long way."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1 << 14)
def _place_words(place: tuple[str, ...]) -> frozenset[str]:
    """Return the words of an event's own place names (which repeat from event to event)."""
    return frozenset(w for name in place for w in _words_of(name))


def event_traits(notes: str, fatalities: int | None, place: Iterable[str]) -> Traits:
    """Return the traits of an event's ``notes`` and ``fatalities``.

    ``place`` holds the event's own place names (location, admin areas, country): every
    report of the event names them, so they tell nothing.
    """
    vocabulary = _vocabulary()
    own = _place_words(tuple(place))
    # A pre-2023 note ends with its crowd size ("[size=no report]"), which reading takes off.
    size = _SIZE_TAG.search(notes)
    text = _DATE_OPENING.sub("", notes if size is None else notes[: size.start()])
    plain = _plain_ascii(text)
    words = set(_words_of(text))
    # The place-name patterns a note cannot match are not tried (see _anchors).
    tried = [
        needed in text and not (plain and anchors is not None and anchors.isdisjoint(words))
        for anchors, needed in vocabulary.needs
    ]
    times = 0
    for word in words.intersection(vocabulary.times):
        times |= vocabulary.times[word]
    words.difference_update(vocabulary.ignored, own)
    codes = sorted({_word_code(word) for word in words if len(word) > 1})
    found: list[str] = []
    for pattern in compress(vocabulary.ascii_names if plain else vocabulary.names, tried):
        found += pattern.findall(text)
    names = 0
    if found:  # the words of every name found (casefold maps each character on its own)
        named = set(_words_of(" ".join(found)))
        for name in named.difference(own, vocabulary.ignored):
            names |= _name_bit(name)
    return Traits(tuple(codes), names, times, fatalities)


@lru_cache(maxsize=1 << 16)
def _word_code(word: str) -> int:
    """Return the code of a note's word: that of the first word of its synonyms."""
    return _code(_vocabulary().synonyms.get(word, word), _WORD_CODES)


@lru_cache(maxsize=1 << 16)
def _name_bit(word: str) -> int:
    """Return the bit of a place name's word: its first four consonants' (none: no bit)."""
    key = _consonants(word)[:4]
    return 1 << _code(key, _NAME_BITS) if len(key) >= 2 else 0


def fatalities_agree(a: int | None, b: int | None) -> bool:
    """Tell whether two tolls can be one event's: within one, or a quarter of the larger."""
    if a is None or b is None:
        return True
    return 4 * abs(a - b) <= max(4, max(a, b))


def resemblance(a: Traits, b: Traits) -> float | None:
    """Return how alike two events' notes are (0-1) when they are probably one, else ``None``.

    ``None`` when the tolls disagree, when each note names a place the other does not, when
    they name different parts of the day, or when the notes share too few words
    (:data:`MIN_SHARED_WORDS`, :data:`MIN_COMMON_WORDS`).
    """
    if not fatalities_agree(a.fatalities, b.fatalities):
        return None
    if a.names & ~b.names and b.names & ~a.names:
        return None
    if a.times and b.times and not a.times & b.times:
        return None
    common = len(set(a.words).intersection(b.words))
    union = len(a.words) + len(b.words) - common
    fewest = min(len(a.words), len(b.words), MIN_COMMON_WORDS)
    if common < fewest:
        return None
    shared = common / union if union else 1.0
    return shared if shared >= MIN_SHARED_WORDS or not fewest else None
