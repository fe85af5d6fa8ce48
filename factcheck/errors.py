"""The exceptions the library raises; the CLI turns each into one line on stderr and exit 2."""

from __future__ import annotations


class FactcheckError(Exception):
    """Base class: a fault the user can fix, with a message fit to print as it is."""


class KnowledgeBaseError(FactcheckError):
    """The knowledge base is missing, unreadable, not JSON, or not valid."""


class InputError(FactcheckError):
    """A statement or an input file cannot be used."""
