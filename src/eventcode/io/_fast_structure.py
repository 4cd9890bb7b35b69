"""A second backend of the loader's converter: structuring that only ever accepts.

:func:`~eventcode.io._structure.structure_record` builds nearly every record of a real file
without a problem, yet cattrs' detailed validation pays on every value for the error tree it
builds only when one fails (a hook call per value, each optional and tuple behind one more).
This backend compiles, from the same declarations the converter reads (the attrs fields and
their type hints, the fields' constraints, the vocabularies' values, and the converter's own
hooks for every type it does not inline), one plain function per record class that checks each
value inline and builds the record as the class's constructor does (:class:`_Filled`: its slots
filled without the call, when the constructor does nothing else). It never reports anything: on the
first value it does not accept it raises, and the caller structures the value again with the
converter, whose findings are then the only ones. So a record it returns is the one the
converter returns, and a value the converter rejects is never accepted
(tests/test_fast_structure.py holds the two equal). Each constraint
:func:`~eventcode.checks.fields.constraint_tests` knows is compiled as a condition
(:data:`_FAILS`; tests/test_reading_constraints.py holds each equal to its test).
"""

from __future__ import annotations

import math
import re
import typing
from collections.abc import Callable
from datetime import date
from functools import cache, lru_cache, partial
from types import NoneType, UnionType
from typing import Any, Union, get_args, get_origin

import attrs

from eventcode._frozen import converter_of, fillable, twin
from eventcode.checks.fields import constraint_tests
from eventcode.io._converter import _is_statement_date, converter
from eventcode.model._convert import kept_types
from eventcode.model.constraints import constraints_of
from eventcode.model.vocabulary import VOCABULARIES

__all__ = ["Declined", "fast_structurer"]


class Declined(Exception):
    """The fast backend does not accept a value (the converter says why, if anything is wrong)."""


@cache
def fast_structurer(cls: type, *, strict_keys: bool = True) -> Callable[[Any], Any]:
    """Return the function that builds a ``cls`` from a JSON value, or raises.

    It raises (:class:`Declined`, or whatever a hook or constructor raises) for any value it
    does not build exactly as ``converter(strict_keys=strict_keys)`` would.
    """
    return _Compiler(strict_keys).function(cls)


class _Compiler:
    """Writes the source of one function per attrs class, and compiles them together."""

    def __init__(self, strict_keys: bool) -> None:
        self._strict = strict_keys
        self._conv = converter(strict_keys=strict_keys)
        self._space: dict[str, Any] = {
            "_Declined": Declined,
            "_isfinite": math.isfinite,
            "_float": float,
            "_int": int,
            "_str": str,
            "_bool": bool,
            "_dict": dict,
            "_list": list,
            "_tuple": tuple,
            "_map": map,
            "_new": object.__new__,
        }
        self._classes: dict[type, str] = {}
        self._day: str | None = None  # the name of the day reader (_day_reader), bound once

    def function(self, cls: type) -> Callable[[Any], Any]:
        found: Callable[[Any], Any] = self._space[self._class(cls)]
        return found

    def _bind(self, prefix: str, value: Any) -> str:
        """Give ``value`` a name in the functions' global namespace."""
        name = f"_{prefix}{len(self._space)}"
        self._space[name] = value
        return name

    def _compile(self, name: str, lines: list[str]) -> None:
        exec(compile("\n".join(lines), f"<eventcode fast {name}>", "exec"), self._space)

    def _class(self, cls: type) -> str:
        """Compile the function of an attrs class (once; a class may contain itself)."""
        if cls in self._classes:
            return self._classes[cls]
        name = f"_structure_{cls.__name__}_{len(self._classes)}"
        self._classes[cls] = name
        hints = typing.get_type_hints(cls)
        fields = [f for f in attrs.fields(cls) if f.init]
        required = [f for f in fields if f.default is attrs.NOTHING]
        build = (_Filled if fillable(cls) else _Called)(self, cls, len(required), hints)
        lines = [
            f"def {name}(o):",
            "    if type(o) is not _dict:",
            "        raise _Declined",
            *_indent(build.start(), 1),
        ]
        for index, field in enumerate(required):  # a missing key raises KeyError
            var = f"v{index}"
            lines += [
                f"    {var} = o[{field.name!r}]",
                *_indent(self._value(hints[field.name], self._conditions(field), var), 1),
            ]
        lines += _indent(build.required(required), 1)
        for field in fields:
            if field.default is attrs.NOTHING:
                continue
            key = repr(field.name)
            body = self._value(hints[field.name], self._conditions(field), "v")
            lines += [
                f"    if {key} in o:",
                f"        v = o[{key}]",
                *_indent(body, 2),
                *_indent(build.given(field, "v"), 2),
                *_indent(build.absent(field), 1),
            ]
        if self._strict:  # as cattrs' forbid_extra_keys: a key no field has is refused
            lines += [f"    if {build.unknown_keys()}:", "        raise _Declined"]
        lines += _indent(build.finish(), 1)
        self._compile(name, lines)
        return name

    def _conditions(self, field: attrs.Attribute[Any]) -> list[Callable[[str], str]]:
        """Return the tests of ``field``'s constraints, each giving the condition a value fails.

        The constraints :func:`~eventcode.checks.fields.constraint_tests` knows are written
        inline (:data:`_FAILS`); a field with any other calls its tests.
        """
        constraints = constraints_of(field.metadata)
        if not constraints.keys() <= _FAILS.keys():
            return [
                partial("{}({}) is not None".format, self._bind("test", test))
                for test in constraint_tests(constraints)
            ]
        return [
            partial(_FAILS[kind][0].format, self._bind(kind, _FAILS[kind][1](bound)))
            for kind, bound in constraints.items()
        ]

    def _value(self, hint: Any, conditions: list[Callable[[str], str]], var: str) -> list[str]:
        """Lines (unindented) that check ``var`` as a value of ``hint``, structured in place."""
        if _optional_of(hint) is not None:
            return [
                f"if {var} is not None:",
                *_indent(self._value(_optional_of(hint), conditions, var), 1),
            ]
        if get_origin(hint) is tuple and get_args(hint)[1:] == (Ellipsis,):
            item = get_args(hint)[0]
            head = [f"if type({var}) is not _list:", "    raise _Declined"]
            if item in _CHECKED:  # plain items, checked in a loop: no call per item
                failed = " or ".join(
                    [
                        f"type(i) is not {_CHECKED[item]}",
                        *(condition("i") for condition in conditions),
                    ]
                )
                return [
                    *head,
                    f"for i in {var}:",
                    f"    if {failed}:",
                    "        raise _Declined",
                    f"{var} = _tuple({var})",
                ]
            function = self._item_function(item, conditions)
            return [*head, f"{var} = _tuple(_map({function}, {var}))"]
        lines = self._plain(hint, var)
        if conditions:  # the constraints, after the value is structured, as the converter
            failed = " or ".join(condition(var) for condition in conditions)
            lines += [f"if {failed}:", "    raise _Declined"]
        return lines

    def _plain(self, hint: Any, var: str) -> list[str]:
        """Lines that structure one value of a type that is neither optional nor a tuple."""
        if hint in _CHECKED:
            return [f"if type({var}) is not {_CHECKED[hint]}:", "    raise _Declined"]
        if hint is float:
            return [
                f"if type({var}) is _float:",
                f"    if not _isfinite({var}):",
                "        raise _Declined",
                f"elif type({var}) is _int:",
                f"    {var} = _float({var})",
                "else:",
                "    raise _Declined",
            ]
        if hint in VOCABULARIES:  # the converter's enum hook: the values, as text
            members = self._bind("enum", {member.value: member for member in hint})
            # its value, else a member as it is (a record built in Python, checked again)
            return [
                f"if type({var}) is _str:",
                f"    {var} = {members}[{var}]",
                f"elif type({var}) is not {self._bind('cls', hint)}:",
                "    raise _Declined",
            ]
        if attrs.has(hint):
            return [f"{var} = {self._class(hint)}({var})"]
        # Anything else (dates, a day or a span): the converter's own hook, as it is; a day
        # given as text is read by the converter's hook for days, once a text (_day_reader).
        hook = self._bind("hook", self._conv.get_structure_hook(hint))
        call = [f"{var} = {hook}({var}, {self._bind('type', hint)})"]
        if not _takes_day_text(hint):
            return call
        if self._day is None:
            self._day = self._bind("day", _day_reader(self._conv.get_structure_hook(date)))
        day = self._day
        return [f"if type({var}) is _str:", f"    {var} = {day}({var})", "else:", *_indent(call, 1)]

    def _item_function(self, hint: Any, conditions: list[Callable[[str], str]]) -> str:
        """Compile a function structuring one element of a tuple (its constraints applied)."""
        if attrs.has(hint) and not conditions:
            return self._class(hint)
        name = f"_item_{len(self._space)}"
        body = self._value(hint, conditions, "s")
        self._compile(name, [f"def {name}(s):", *_indent(body, 1), "    return s"])
        return name


class _Called:
    """Builds a record by calling its class with the fields given (the default for the others)."""

    def __init__(
        self, compiler: _Compiler, cls: type, required: int, hints: dict[str, Any]
    ) -> None:
        self._cls = compiler._bind("cls", cls)

    def start(self) -> list[str]:
        return []

    def required(self, fields: list[attrs.Attribute[Any]]) -> list[str]:
        given = ", ".join(f"{f.name!r}: v{index}" for index, f in enumerate(fields))
        return [f"r = {{{given}}}"]  # the arguments, in one dictionary

    def given(self, field: attrs.Attribute[Any], var: str) -> list[str]:
        return [f"r[{field.name!r}] = {var}"]

    def absent(self, field: attrs.Attribute[Any]) -> list[str]:
        return []  # left to the constructor's default

    def unknown_keys(self) -> str:
        # ``r`` holds each key of ``o`` that is a field: ``o`` has another iff it is longer
        return "len(r) != len(o)"

    def finish(self) -> list[str]:
        return [f"return {self._cls}(**r)"]


class _Filled:
    """Builds a record as its attrs ``__init__`` does, without calling it.

    For a class :func:`~eventcode._frozen.fillable` accepts (its ``__init__`` does nothing but
    set each field, its converter applied, to the value given or to its default): the record
    is made an instance of the class's twin (:func:`~eventcode._frozen.twin`), each field a
    plain slot store, then given its own class, as :mod:`eventcode._frozen` explains.
    tests/test_reading_fill.py holds the two ways equal.
    """

    def __init__(
        self, compiler: _Compiler, cls: type, required: int, hints: dict[str, Any]
    ) -> None:
        self._compiler = compiler
        self._cls = compiler._bind("cls", cls)
        self._twin = compiler._bind("twin", twin(cls))
        self._required = required
        self._hints = hints

    def start(self) -> list[str]:
        return [f"s = _new({self._twin})"]

    def required(self, fields: list[attrs.Attribute[Any]]) -> list[str]:
        stores = [self._store_read(field, f"v{index}") for index, field in enumerate(fields)]
        return [*stores, f"n = {self._required}"]  # ``n`` counts the keys of ``o`` read

    def given(self, field: attrs.Attribute[Any], var: str) -> list[str]:
        return [self._store_read(field, var), "n += 1"]

    def absent(self, field: attrs.Attribute[Any]) -> list[str]:
        default = self._compiler._bind("default", field.default)
        convert = converter_of(field)
        if convert is not None and convert(field.default) is not field.default:
            return ["else:", "    " + self._store(field, default)]  # converted, as __init__ does
        return ["else:", f"    s.{field.name} = {default}"]  # a default its converter keeps

    def unknown_keys(self) -> str:
        return "n != len(o)"  # each key of ``o`` that is a field was counted once

    def finish(self) -> list[str]:
        return [f"s.__class__ = {self._cls}", "return s"]

    def _store(self, field: attrs.Attribute[Any], var: str) -> str:
        convert = converter_of(field)
        if convert is None:
            return f"s.{field.name} = {var}"
        return f"s.{field.name} = {self._compiler._bind('convert', convert)}({var})"

    def _store_read(self, field: attrs.Attribute[Any], var: str) -> str:
        """:meth:`_store` of a value read and checked (:meth:`_Compiler._value`).

        Its converter is not called when it returns each type the value can have as given
        (:func:`~eventcode.model._convert.keeps`): a whole number, a tuple.
        """
        convert = converter_of(field)
        checked = _checked_types(self._hints[field.name])
        if convert is not None and checked and set(checked) <= set(kept_types(convert)):
            return f"s.{field.name} = {var}"
        return self._store(field, var)


def _takes_day_text(hint: Any) -> bool:
    """Whether the converter reads text given for ``hint`` with its hook for days.

    ``date``, and a statement date (``date | DateSpan``, optionally ``None``), whose hook reads
    text so (:func:`~eventcode.io._converter._statement_date_hook`).
    """
    return hint is date or _is_statement_date(hint)


def _day_reader(hook: Callable[[Any, type], Any]) -> Callable[[str], Any]:
    """Return the converter's hook for days applied to text, remembered a text.

    A pure function of the text, whose value (a ``date``) is immutable: a file names a few
    thousand days, each read once rather than matched and parsed at every record. A text that
    is no day raises, as the hook does, each time (an exception is not remembered).
    """

    @lru_cache(maxsize=4096)
    def day(text: str) -> Any:
        return hook(text, date)

    return day


def _fullmatch(pattern: str) -> Callable[[str], re.Match[str] | None]:
    return re.compile(pattern).fullmatch


def _as_given(bound: Any) -> Any:
    return bound


#: Each constraint that :func:`~eventcode.checks.fields.constraint_tests` tests, written inline:
#: the condition a value fails (``{0}`` the bound's name, ``{1}`` the value), and how the bound
#: is kept. A test passes on the same values as its condition (tests/test_reading_constraints.py).
_FAILS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "minimum": ("not {1} >= {0}", _as_given),
    "maximum": ("not {1} <= {0}", _as_given),
    "pattern": ("{0}({1}) is None", _fullmatch),
    "min_length": ("not len({1}) >= {0}", _as_given),
}

#: The types whose values are taken as they are, once their type is checked.
_CHECKED = {str: "_str", int: "_int", bool: "_bool"}


def _checked_types(hint: Any) -> tuple[type, ...]:
    """Return the types a value of ``hint`` has once :meth:`_Compiler._value` accepts it.

    ``()`` when they are not known (a value the converter's own hook structures).
    """
    inner = _optional_of(hint)
    if inner is not None:
        found = _checked_types(inner)
        return (*found, NoneType) if found else ()
    if get_origin(hint) is tuple and get_args(hint)[1:] == (Ellipsis,):
        return (tuple,)  # made a tuple by the lines that check it
    if hint in _CHECKED or hint is float or hint in VOCABULARIES or attrs.has(hint):
        return (hint,)  # exactly: checked with ``type(v) is``, converted, or built
    return ()


def _optional_of(hint: Any) -> Any:
    """Return ``X`` of ``X | None``, or ``None`` (unions of more types go to the converter)."""
    args = get_args(hint)
    if get_origin(hint) in (UnionType, Union) and len(args) == 2 and NoneType in args:
        return args[0] if args[1] is NoneType else args[1]
    return None


def _indent(lines: list[str], levels: int) -> list[str]:
    return ["    " * levels + line for line in lines]
