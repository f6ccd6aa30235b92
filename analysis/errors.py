"""The exceptions accords raises: one tree, rooted at `AccordsError`."""

from __future__ import annotations


class AccordsError(Exception):
    """Base class of every error accords raises on purpose."""


class InputPathError(AccordsError):
    """An input path does not exist or cannot be listed."""


class ArgumentError(AccordsError, ValueError):
    """A function or command argument has a value that is not allowed."""


class TaxonomyError(AccordsError):
    """A taxonomy file is missing, malformed or names unknown fields."""


class LexiconError(AccordsError):
    """A language's data files are malformed."""


class GoldFormatError(AccordsError):
    """A gold annotation file cannot be read or lacks required fields."""


class TableFormatError(AccordsError):
    """A tables folder cannot be read back (missing files or columns)."""


class NotebookError(AccordsError):
    """A report notebook failed while it ran; the partly executed notebook is kept."""


def invalid(name: str, value: object, valid: object) -> ArgumentError:
    """Return an `ArgumentError` that names the argument, its value and what is allowed."""
    return ArgumentError(f"`{name}` value = {value!r} is invalid; value must be one of {valid}")
