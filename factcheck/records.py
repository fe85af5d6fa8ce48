"""``@dataclass`` and ``NamedTuple`` for the classes every run defines, made with fewer compilations.

The standard decorator writes each method it adds as Python source and compiles it: six small
compilations for a frozen class (``__init__``, ``__repr__``, ``__eq__``, ``__hash__``,
``__setattr__``, ``__delattr__``), three for another, about half a millisecond a class, paid at
every start-up for the knowledge base's and the results' classes. Here the standard decorator
still makes the class and its fields (and, with ``slots``, the slotted class) but adds no method;
only ``__init__`` is compiled, from source like the standard one's, and the other methods are
plain closures that do what the generated ones do (Python 3.11's, over the same fields):

- ``__init__``: the fields in order as parameters, with their defaults; a ``default_factory``
  is called when its parameter is left out; a frozen class's fields are set with
  ``object.__setattr__``;
- ``__eq__``: for an object of the very same class, the tuples of the ``compare`` fields are
  equal; else ``NotImplemented``;
- ``__hash__``: frozen, the hash of the tuple of the ``hash`` fields (``compare`` ones when
  ``hash`` is None); not frozen, None (unhashable), as the standard decorator sets it;
- ``__repr__``: ``Class(field=value!r, ...)`` over the ``repr`` fields, ``...`` on recursion;
- frozen: ``__setattr__`` and ``__delattr__`` raise ``FrozenInstanceError`` for a field (and for
  any name on the class itself), and with ``slots`` ``__getstate__``/``__setstate__`` let it pickle.

A method the class defines itself is kept, as the standard decorator keeps it. The only trace of
the difference is the class's ``__dataclass_params__`` (``eq`` and ``repr`` read False). Any other
use (``order``, ``unsafe_hash``, ``eq=False``, ``kw_only``, ``InitVar``, ``__post_init__``, a field
left out of ``__init__``...) is the standard decorator's. Type checkers see the standard decorator.

``NamedTuple`` is ``typing.NamedTuple`` less one cost: ``typing`` checks each field's annotation,
and under ``from __future__ import annotations`` an annotation is a string, which it compiles (a
``ForwardRef``), a few hundred compilations at every start-up. This one makes the same
``collections.namedtuple`` (fields, defaults, module, the class body's methods and attributes)
and keeps the annotations as the strings they are. Type checkers see ``typing.NamedTuple``.
"""

from __future__ import annotations

import collections
import dataclasses
import inspect
from collections.abc import Callable
from operator import attrgetter
from reprlib import recursive_repr
from typing import TYPE_CHECKING, Any

__all__ = ["NamedTuple", "dataclass"]

_OWN = frozenset({"frozen", "slots"})


def _dataclass(cls: type | None = None, /, **options: Any) -> Any:
    if not set(options) <= _OWN:
        return dataclasses.dataclass(cls, **options) if cls is not None else dataclasses.dataclass(**options)

    def wrap(c: type) -> type:
        frozen = bool(options.get("frozen"))
        documented = bool(c.__doc__)  # (read first: the standard decorator gives it one)
        made: type = dataclasses.dataclass(c, init=False, eq=False, repr=False, slots=bool(options.get("slots")))
        fields = dataclasses.fields(made)
        _check_plain(made, fields)
        if "__init__" not in c.__dict__:
            _set_method(made, _init(made, fields, frozen))
        if frozen:
            _freeze(made, own=c.__dict__, slots=bool(options.get("slots")))
        params = made.__dict__["__dataclass_params__"]  # (what the class is, as the standard one says it)
        params.init, params.frozen = True, frozen
        if not documented:  # the standard decorator's doc for a class without one: its signature
            made.__doc__ = made.__name__ + str(inspect.signature(made)).replace(" -> None", "")
        _add_methods(made, own=c.__dict__, frozen=frozen)
        return made

    return wrap if cls is None else wrap(cls)


def _check_plain(cls: type, fields: tuple[dataclasses.Field[Any], ...]) -> None:
    """Refuse what this decorator does not do as the standard one does (never silently differ)."""
    names = {f.name for f in fields}
    pseudo = [f for name, f in cls.__dict__["__dataclass_fields__"].items() if name not in names]
    if (hasattr(cls, "__post_init__") or any(not f.init or f.kw_only is True for f in fields)
            or any("InitVar" in str(f.type) for f in pseudo)):
        raise TypeError(f"{cls.__qualname__}: records.dataclass makes plain fields only "
                        "(no __post_init__, InitVar, kw_only or init=False)")


class _Factory:
    def __repr__(self) -> str:
        return "<factory>"


_HAS_DEFAULT_FACTORY = _Factory()


def _set_method(cls: type, fn: Any) -> None:
    fn.__qualname__ = f"{cls.__qualname__}.{fn.__name__}"
    setattr(cls, fn.__name__, fn)


def _init(cls: type, fields: tuple[dataclasses.Field[Any], ...], frozen: bool) -> Any:
    """``__init__`` as the standard decorator writes it: one compilation."""
    me = "__dataclass_self__" if "self" in {f.name for f in fields} else "self"
    space: dict[str, Any] = {"__name__": cls.__module__, "__dataclass_builtins_object__": object,
                             "__dataclass_HAS_DEFAULT_FACTORY__": _HAS_DEFAULT_FACTORY}
    params, body = [], []
    for f in fields:
        value = f.name
        default = f"__dataclass_dflt_{f.name}__"
        if f.default is not dataclasses.MISSING:
            space[default] = f.default
            params.append(f"{f.name}={default}")
        elif f.default_factory is not dataclasses.MISSING:
            space[default] = f.default_factory
            params.append(f"{f.name}=__dataclass_HAS_DEFAULT_FACTORY__")
            value = f"{default}() if {f.name} is __dataclass_HAS_DEFAULT_FACTORY__ else {f.name}"
        else:
            params.append(f.name)
        body.append(f"__dataclass_builtins_object__.__setattr__({me},{f.name!r},{value})" if frozen
                    else f"{me}.{f.name}={value}")
    source = f"def __init__({', '.join([me, *params])}):\n" + "".join(f"  {line}\n" for line in body or ["pass"])
    exec(source, space)  # noqa: S102  (source made above from the field names only)
    fn = space["__init__"]
    fn.__annotations__ = {**{f.name: f.type for f in fields}, "return": None}
    return fn


def _freeze(cls: type, own: Any, slots: bool) -> None:
    """A frozen class's ``__setattr__`` and ``__delattr__`` (and, slotted, its pickling)."""
    names = frozenset(f.name for f in dataclasses.fields(cls))
    if "__setattr__" in own or "__delattr__" in own:
        raise TypeError(f"Cannot overwrite attribute __setattr__ or __delattr__ in class {cls.__name__}")
    owner: Any = cls  # (Any: mypy reads a class held in a variable as an instance here)

    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        super(owner, self).__setattr__(name, value)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
        super(owner, self).__delattr__(name)

    _set_method(cls, __setattr__)
    _set_method(cls, __delattr__)
    if slots:  # (the default pickling of a slotted object sets its fields with setattr)
        order = tuple(f.name for f in dataclasses.fields(cls))

        def __getstate__(self: Any) -> list[Any]:
            return [getattr(self, name) for name in order]

        def __setstate__(self: Any, state: list[Any]) -> None:
            for name, value in zip(order, state, strict=False):
                object.__setattr__(self, name, value)

        for fn in (__getstate__, __setstate__):
            if fn.__name__ not in own:
                _set_method(cls, fn)


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


# (what typing.NamedTuple does not take from a class body, and what it refuses)
_namedtuple: Callable[..., Any] = collections.namedtuple  # (Any: mypy checks only a literal call)
_NOT_COPIED = frozenset({"__module__", "__name__", "__annotations__"})
_PROHIBITED = frozenset({"__new__", "__init__", "__slots__", "__getnewargs__", "_fields", "_field_defaults",
                         "_make", "_replace", "_asdict", "_source"})


class _NamedTupleMeta(type):
    """``class C(NamedTuple): ...`` makes ``collections.namedtuple`` C, as typing's does."""

    def __new__(mcls, typename: str, bases: tuple[type, ...], ns: dict[str, Any]) -> Any:
        if bases != (_NamedTuple,):
            raise TypeError("can only inherit from a NamedTuple type")
        types = ns.get("__annotations__", {})
        with_default: list[str] = []
        for name in types:
            if name in ns:
                with_default.append(name)
            elif with_default:
                raise TypeError(f"Non-default namedtuple field {name} cannot follow default field"
                                f"{'s' if len(with_default) > 1 else ''} {', '.join(with_default)}")
        made = _namedtuple(typename, list(types), defaults=[ns[n] for n in with_default], module=ns["__module__"])
        made.__annotations__ = made.__new__.__annotations__ = dict(types)
        for key, value in ns.items():
            if key in _PROHIBITED:
                raise AttributeError("Cannot overwrite NamedTuple attribute " + key)
            if key not in _NOT_COPIED and key not in made._fields:
                setattr(made, key, value)
        return made


_NamedTuple = type.__new__(_NamedTupleMeta, "NamedTuple", (), {})


if TYPE_CHECKING:
    from dataclasses import dataclass as dataclass
    from typing import NamedTuple as NamedTuple
else:
    dataclass = _dataclass
    NamedTuple = _NamedTuple
