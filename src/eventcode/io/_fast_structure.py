"""A second backend of the loader's converter: structuring that only ever accepts.

:func:`~eventcode.io._structure.structure_record` builds nearly every record of a real file
without a problem, yet cattrs' detailed validation pays on every value for the error tree it
builds only when one fails (a hook call per value, each optional and tuple behind one more).
This backend compiles, from the same declarations the converter reads (the attrs fields and
their type hints, the constraint tests of :func:`~eventcode.checks.fields.constraint_tests`,
the vocabularies' values, and the converter's own hooks for every type it does not inline),
one plain function per record class that checks each value inline and builds the record with
the same constructor. It never reports anything: on the first value it does not accept it
raises, and the caller structures the value again with the converter, whose findings are
then the only ones. So a record it returns is the one the converter returns, and a value the
converter rejects is never accepted (tests/test_fast_structure.py holds the two equal).
"""

from __future__ import annotations

import math
import typing
from collections.abc import Callable
from functools import cache
from types import NoneType, UnionType
from typing import Any, Union, get_args, get_origin

import attrs

from eventcode.checks.fields import constraint_tests
from eventcode.io._converter import converter
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
        }
        self._classes: dict[type, str] = {}

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
        fields = attrs.fields(cls)
        lines = [f"def {name}(o):", "    if type(o) is not _dict:", "        raise _Declined"]
        if self._strict:  # as cattrs' forbid_extra_keys: a key no field has is refused
            keys = self._bind("keys", frozenset(f.name for f in fields if f.init))
            lines += [f"    if not o.keys() <= {keys}:", "        raise _Declined"]
        lines.append("    r = {}")
        for field in fields:
            if not field.init:
                continue
            lines += self._field(field, hints[field.name])
        lines.append(f"    return {self._bind('cls', cls)}(**r)")
        self._compile(name, lines)
        return name

    def _field(self, field: attrs.Attribute[Any], hint: Any) -> list[str]:
        """Lines that set ``r[name]`` from ``o``, as the converter structures the field."""
        tests = constraint_tests(constraints_of(field.metadata))
        key = repr(field.name)
        body = self._value(hint, tests, "s", "d")
        if field.default is attrs.NOTHING:  # required: a missing key raises KeyError
            return [f"    s = o[{key}]", *_indent(body, 1), f"    r[{key}] = d"]
        return [f"    if {key} in o:", f"        s = o[{key}]", *_indent(body, 2),
                f"        r[{key}] = d"]

    def _value(self, hint: Any, tests: list[Callable[[Any], str | None]], src: str,
               dst: str) -> list[str]:
        """Lines (unindented) that set ``dst`` from ``src`` as a value of ``hint``."""
        if _optional_of(hint) is not None:
            inner = self._value(_optional_of(hint), tests, src, dst)
            return [f"if {src} is None:", f"    {dst} = None", "else:", *_indent(inner, 1)]
        if get_origin(hint) is tuple and get_args(hint)[1:] == (Ellipsis,):
            item = self._item_function(get_args(hint)[0], tests)
            return [f"if type({src}) is not _list:", "    raise _Declined",
                    f"{dst} = _tuple([{item}(i) for i in {src}])"]
        lines = self._plain(hint, src, dst)
        for test in tests:  # the constraints, after the value is structured, as the converter
            lines += [f"if {self._bind('test', test)}({dst}) is not None:", "    raise _Declined"]
        return lines

    def _plain(self, hint: Any, src: str, dst: str) -> list[str]:
        """Lines that structure one value of a type that is neither optional nor a tuple."""
        checked = {str: "_str", int: "_int", bool: "_bool"}
        if hint in checked:
            return [f"if type({src}) is not {checked[hint]}:", "    raise _Declined",
                    f"{dst} = {src}"]
        if hint is float:
            return [f"if type({src}) is not _float and type({src}) is not _int:",
                    "    raise _Declined", f"{dst} = _float({src})",
                    f"if not _isfinite({dst}):", "    raise _Declined"]
        if hint in VOCABULARIES:  # the converter's enum hook: the values, as text
            members = self._bind("enum", {member.value: member for member in hint})
            # a member as it is (a record built in Python, checked again), else its value
            return [f"if type({src}) is {self._bind('cls', hint)}:", f"    {dst} = {src}",
                    f"elif type({src}) is _str:", f"    {dst} = {members}[{src}]",
                    "else:", "    raise _Declined"]
        if attrs.has(hint):
            return [f"{dst} = {self._class(hint)}({src})"]
        # Anything else (dates, a day or a span): the converter's own hook, as it is.
        hook = self._bind("hook", self._conv.get_structure_hook(hint))
        return [f"{dst} = {hook}({src}, {self._bind('type', hint)})"]

    def _item_function(self, hint: Any, tests: list[Callable[[Any], str | None]]) -> str:
        """Compile a function structuring one element of a tuple (its constraints applied)."""
        if attrs.has(hint) and not tests:
            return self._class(hint)
        name = f"_item_{len(self._space)}"
        body = self._value(hint, tests, "s", "d")
        self._compile(name, [f"def {name}(s):", *_indent(body, 1), "    return d"])
        return name


def _optional_of(hint: Any) -> Any:
    """Return ``X`` of ``X | None``, or ``None`` (unions of more types go to the converter)."""
    args = get_args(hint)
    if get_origin(hint) in (UnionType, Union) and len(args) == 2 and NoneType in args:
        return args[0] if args[1] is NoneType else args[1]
    return None


def _indent(lines: list[str], levels: int) -> list[str]:
    return ["    " * levels + line for line in lines]
