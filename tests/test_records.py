"""factcheck.records.dataclass behaves as dataclasses.dataclass (it only makes classes cheaper)."""

from __future__ import annotations

import copy
import inspect
import dataclasses
import pickle

import pytest

from factcheck.records import dataclass


def _pair(**options):
    """The same class made by both decorators."""
    made = []
    for decorate in (dataclasses.dataclass, dataclass):
        @decorate(**options)
        class Thing:
            a: int
            b: str = "x"
            c: tuple = ()
            hidden: list = dataclasses.field(default_factory=list, repr=False, compare=False)
            unhashed: int = dataclasses.field(default=0, hash=False)

        made.append(Thing)
    return made


@pytest.mark.parametrize("options", [{}, {"frozen": True}, {"frozen": True, "slots": True}, {"slots": True}])
def test_same_methods_as_the_standard_decorator(options):
    std, ours = _pair(**options)
    for args in [(1,), (1, "y"), (2, "x", (1, 2)), (float("nan"),)]:
        s1, s2, o1, o2 = std(*args), std(*args), ours(*args), ours(*args)
        assert repr(s1).replace("test_same_methods_as_the_standard_decorator.<locals>._pair.<locals>.", "") \
            == repr(o1).replace("test_same_methods_as_the_standard_decorator.<locals>._pair.<locals>.", "")
        assert (s1 == s2) == (o1 == o2)
        assert (s1 != s2) == (o1 != o2)
        assert (o1 == 1) is False and o1.__eq__(1) is NotImplemented
        assert (std.__hash__ is None) == (ours.__hash__ is None)
        if ours.__hash__ is not None:
            assert hash(o1) == hash(o2) == hash((o1.a, o1.b, o1.c))
    o = ours(1, unhashed=5)
    assert o == ours(1, unhashed=5) and o != ours(1, unhashed=6)
    assert dataclasses.replace(o, b="z").b == "z"
    assert [f.name for f in dataclasses.fields(o)] == [f.name for f in dataclasses.fields(std(1))]
    if options.get("frozen"):
        with pytest.raises(dataclasses.FrozenInstanceError):
            o.a = 2  # type: ignore[misc]
        assert copy.deepcopy(o) == o
    assert hasattr(o, "__dict__") == hasattr(std(1), "__dict__")


def test_the_packages_frozen_classes_pickle_and_copy():
    from factcheck.kb.knowledge import Reliability, Source
    from factcheck.result import Candidate

    for o in (Source("s", "t", "p", "k", Reliability.HIGH), Candidate("c", "text", 1.5)):
        assert pickle.loads(pickle.dumps(o)) == o and copy.copy(o) == o
        assert hash(pickle.loads(pickle.dumps(o))) == hash(o)


def test_a_method_the_class_defines_is_kept():
    @dataclass(frozen=True)
    class Own:
        a: int

        def __repr__(self) -> str:
            return "own"

        def __eq__(self, other: object) -> bool:
            return True

        def __hash__(self) -> int:
            return 7

    assert repr(Own(1)) == "own" and Own(1) == 3 and hash(Own(1)) == 7


def test_recursion_in_repr():
    @dataclass
    class Node:
        items: list

    n = Node([])
    n.items.append(n)
    assert repr(n) == "test_recursion_in_repr.<locals>.Node(items=[...])"


def test_other_options_are_the_standard_decorator():
    @dataclass(order=True, frozen=True)
    class Ordered:
        a: int

    assert Ordered(1) < Ordered(2)


@pytest.mark.parametrize("options", [{}, {"frozen": True}, {"frozen": True, "slots": True}, {"slots": True}])
def test_same_init_signature_doc_and_state_as_the_standard_decorator(options):
    std, ours = _pair(**options)
    assert str(inspect.signature(ours)) == str(inspect.signature(std))
    assert ours.__doc__ == std.__doc__ and ours.__init__.__annotations__ == std.__init__.__annotations__
    assert ours.__init__.__qualname__.endswith("Thing.__init__")
    a, b = ours(1), ours(1)
    assert a.hidden == [] and a.hidden is not b.hidden  # a default_factory runs for each object
    assert ours(1, hidden=[3]).hidden == [3]
    with pytest.raises(TypeError):
        ours()  # a field without a default is required
    params = ours.__dataclass_params__
    assert params.init and params.frozen == bool(options.get("frozen"))
    o = ours(1, "y", (2,), [4], 5)
    back = copy.deepcopy(o)  # (pickling's protocol: a local class cannot be pickled itself)
    assert (back.a, back.b, back.c, back.hidden, back.unhashed) == (1, "y", (2,), [4], 5)
    if options.get("frozen"):
        with pytest.raises(dataclasses.FrozenInstanceError):
            del o.a
    else:
        o.a = 2
        assert o.a == 2


def test_what_it_does_not_make_is_refused():
    with pytest.raises(TypeError):
        @dataclass(frozen=True)
        class Later:
            a: int

            def __post_init__(self) -> None:
                pass

    with pytest.raises(TypeError):
        @dataclass
        class Hidden:
            a: int = dataclasses.field(default=0, init=False)


def _tuples():
    """The same named tuple made by typing.NamedTuple and by records.NamedTuple."""
    import typing

    from factcheck.records import NamedTuple

    made = []
    for base in (typing.NamedTuple, NamedTuple):
        class Point(base):
            """A point."""
            x: int
            y: tuple[str, ...] = ()
            z: str | None = None
            LIMIT = 3

            def twice(self):
                return self.x * 2

            @property
            def size(self):
                return len(self.y)

        made.append(Point)
    return made


def test_named_tuple_as_typings():
    std, ours = _tuples()
    for args in [(1,), (1, ("a",)), (2, (), "z")]:
        s, o = std(*args), ours(*args)
        assert tuple(s) == tuple(o) and s == o and hash(s) == hash(o)
        assert repr(s) == repr(o) and s._asdict() == o._asdict()
        assert (o.twice(), o.size, o.LIMIT) == (s.twice(), s.size, s.LIMIT)
        assert o._replace(x=5) == s._replace(x=5)
    for name in ("__doc__", "__module__", "__bases__", "_fields", "_field_defaults"):
        assert getattr(ours, name) == getattr(std, name), name
    assert ours.__qualname__.split(".")[-1] == "Point" and ours.__mro__[1:] == (tuple, object)
    assert list(ours.__annotations__) == list(std.__annotations__) == ["x", "y", "z"]
    assert [(p.name, p.default) for p in inspect.signature(ours).parameters.values()] \
        == [(p.name, p.default) for p in inspect.signature(std).parameters.values()]


def test_named_tuple_refuses_what_typings_refuses():
    from factcheck.records import NamedTuple

    with pytest.raises(TypeError, match="Non-default namedtuple field b cannot follow default field a"):
        class Bad(NamedTuple):
            a: int = 0
            b: int

    with pytest.raises(AttributeError, match="Cannot overwrite NamedTuple attribute _replace"):
        class Worse(NamedTuple):
            a: int

            def _replace(self):
                return self


def test_the_packages_named_tuples_pickle():
    from factcheck.engine.wordnet import Entry

    e = Entry(frozenset({"a"}), frozenset(), frozenset(), frozenset(), frozenset({"b"}))
    assert pickle.loads(pickle.dumps(e)) == e and copy.copy(e) == e and isinstance(e, tuple)
