"""Scanning files and streams: sentences with their positions checked one by one (``scanner``),
on several cores (``parallel``).

The library's scanning API is re-exported here: ``from factcheck.scan import scan, walk``."""

from .scanner import STDIN, FileDone, FileStart, Finding, Notice, Target, scan, walk

__all__ = ["STDIN", "FileDone", "FileStart", "Finding", "Notice", "Target", "scan", "walk"]
