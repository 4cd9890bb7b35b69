"""Frozen attrs records built without calling their ``__init__``: one way, for the hot paths.

The ``__init__`` attrs writes for a frozen slotted class sets each field through
``object.__setattr__`` (a call a field, after unpacking the arguments): building the ~60 records
of an event, its findings and its figures' readings cost more than the checks that use them. A
class whose ``__init__`` does nothing else (:func:`fillable`) can be built instead as an
instance of its *twin* (:func:`twin`: a subclass adding no slot, whose fields can be set), its
slots stored plainly, and then given its own class (``__class__`` assignment, which CPython
allows between classes of one layout). The record is then an instance of its class, frozen,
equal, hashing and printing as one the constructor builds. The fast structurer
(:mod:`eventcode.io._fast_structure`) writes such stores into the code it generates; findings and
readings use :func:`builder`. tests/test_frozen.py and tests/test_reading_fill.py hold each
equal to the constructor.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from types import FunctionType
from typing import Any, TypeVar

import attrs

__all__ = ["builder", "converter_of", "fillable", "twin"]

T = TypeVar("T")


def fillable(cls: type) -> bool:
    """Whether ``cls``'s ``__init__`` only sets each of its own slots (its converter applied).

    True of an attrs class with its generated ``__init__``, slots for its fields and nothing
    else, no base class, no hook around ``__init__``, and fields without validators, factories
    or converters that take more than the value.
    """
    fields = attrs.fields(cls)
    init = getattr(cls.__dict__.get("__init__"), "__code__", None)
    return (
        cls.__bases__ == (object,)
        and set(cls.__dict__.get("__slots__", ())) == {f.name for f in fields} | {"__weakref__"}
        and init is not None
        and init.co_filename.startswith("<attrs generated")
        and not hasattr(cls, "__attrs_pre_init__")
        and not hasattr(cls, "__attrs_post_init__")
        and all(_plain_field(field) for field in fields)
    )


def _plain_field(field: attrs.Attribute[Any]) -> bool:
    return (
        field.init
        and field.validator is None
        and not isinstance(field.default, attrs.Factory)  # type: ignore[arg-type]
        and (field.converter is None or converter_of(field) is not None)
    )


def converter_of(field: attrs.Attribute[Any]) -> Callable[[Any], Any] | None:
    """Return ``field``'s converter if it is a function of the value alone, else None."""
    convert = field.converter
    return convert if isinstance(convert, FunctionType) else None


@cache
def twin(cls: type) -> type:
    """Return a subclass of ``cls`` adding no slot, whose fields can be set (while it is built)."""
    namespace = {
        "__slots__": (),
        "__setattr__": object.__setattr__,
        "__delattr__": object.__delattr__,
        "__module__": __name__,
    }
    return type(cls.__name__, (cls,), namespace)


def builder(cls: type[T], module: str, name: str) -> Callable[..., T]:
    """Return a function building ``cls`` from its fields, as its constructor would.

    The function takes the fields by name or in order, with the constructor's defaults. For a
    :func:`fillable` class it stores what it is given as it is: a field's converter is not
    applied, so a caller gives values the converter would leave as they are. Any other class
    (one a later attrs writes differently, say) is built by calling its constructor, by name.
    The function is to be bound to ``name`` in ``module`` (so that it pickles, by reference,
    as the function a ``__reduce__`` names).
    """
    made: type = cls
    fields = attrs.fields(made)
    names: dict[str, Any] = {"_cls": cls}
    parameters = []
    for index, field in enumerate(fields):
        if field.default is attrs.NOTHING:
            parameters.append(field.name)
        else:
            names[f"_default{index}"] = field.default
            parameters.append(f"{field.name}=_default{index}")
    defaults = [field.default is not attrs.NOTHING for field in fields]
    if defaults != sorted(defaults):  # a required field after a default: by name only
        parameters.insert(0, "*")
    lines = [f"def build({', '.join(parameters)}):"]
    if fillable(cls):
        names.update(_new=object.__new__, _twin=twin(made))
        lines += ["    s = _new(_twin)", *(f"    s.{f.name} = {f.name}" for f in fields)]
        lines += ["    s.__class__ = _cls", "    return s"]
    else:
        given = ", ".join(f"{f.name}={f.name}" for f in fields if f.init)
        lines += [f"    return _cls({given})"]
    code = compile("\n".join(lines), f"<eventcode builder of {cls.__name__}>", "exec")
    exec(code, names)  # generated from the class's own field names
    built: Callable[..., T] = names["build"]
    built.__module__, built.__name__, built.__qualname__ = module, name, name
    built.__doc__ = f"Build a {cls.__name__} from its fields (eventcode._frozen.builder)."
    return built
