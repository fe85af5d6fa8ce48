"""``@dataclass`` for the classes every run defines, made with fewer compilations.

The standard decorator writes each method it adds as Python source and compiles it: six small
compilations for a frozen class (``__init__``, ``__repr__``, ``__eq__``, ``__hash__``,
``__setattr__``, ``__delattr__``), three for another, about a millisecond a class, paid at every
start-up for the knowledge base's and the results' classes. Here the standard decorator still
makes the class, its fields, ``__init__`` and (frozen) ``__setattr__``/``__delattr__``;
``__eq__``, ``__hash__`` and ``__repr__`` are added as plain closures that do what the generated
ones do (Python 3.11's, over the same fields):

- ``__eq__``: for an object of the very same class, the tuples of the ``compare`` fields are
  equal; else ``NotImplemented``;
- ``__hash__``: frozen, the hash of the tuple of the ``hash`` fields (``compare`` ones when
  ``hash`` is None); not frozen, None (unhashable), as the standard decorator sets it;
- ``__repr__``: ``Class(field=value!r, ...)`` over the ``repr`` fields, ``...`` on recursion.

A method the class defines itself is kept, as the standard decorator keeps it. The only trace of
the difference is the class's ``__dataclass_params__`` (``eq`` and ``repr`` read False). Any other
use (``order``, ``unsafe_hash``, ``eq=False``...) is the standard decorator's. Type checkers see
the standard decorator.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from operator import attrgetter
from reprlib import recursive_repr
from typing import TYPE_CHECKING, Any

__all__ = ["dataclass"]

_OWN = frozenset({"frozen", "slots"})


def _dataclass(cls: type | None = None, /, **options: Any) -> Any:
    if not set(options) <= _OWN:
        return dataclasses.dataclass(cls, **options) if cls is not None else dataclasses.dataclass(**options)

    def wrap(c: type) -> type:
        made: type = dataclasses.dataclass(c, eq=False, repr=False, **options)
        _add_methods(made, own=c.__dict__, frozen=bool(options.get("frozen")))
        return made

    return wrap if cls is None else wrap(cls)


def _values(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """A function giving an object's values of ``names``, always as a tuple."""
    if not names:
        return lambda obj: ()
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return attrgetter(*names)


def _add_methods(cls: type, own: Any, frozen: bool) -> None:
    fields = dataclasses.fields(cls)
    compared = _values(tuple(f.name for f in fields if f.compare))
    hashed = _values(tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash)))
    shown = tuple(f.name for f in fields if f.repr)

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return compared(self) == compared(other)
        return NotImplemented

    def __hash__(self: Any) -> int:
        return hash(hashed(self))

    @recursive_repr()
    def __repr__(self: Any) -> str:
        return (self.__class__.__qualname__ + "("
                + ", ".join(f"{name}={getattr(self, name)!r}" for name in shown) + ")")

    for fn in (__eq__, __repr__):
        if fn.__name__ not in own:  # (the class's own is kept, as the standard decorator keeps it)
            fn.__qualname__ = f"{cls.__qualname__}.{fn.__name__}"
            setattr(cls, fn.__name__, fn)
    if "__hash__" in own and not (own["__hash__"] is None and "__eq__" in own):
        return  # an explicit __hash__ is kept
    __hash__.__qualname__ = f"{cls.__qualname__}.__hash__"
    # (not frozen: mutable and compared by value, so unhashable)
    type.__setattr__(cls, "__hash__", __hash__ if frozen else None)


if TYPE_CHECKING:
    from dataclasses import dataclass as dataclass
else:
    dataclass = _dataclass
