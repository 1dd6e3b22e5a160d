"""A package's names loaded with their module on first use (PEP 562's module ``__getattr__``).

A package whose ``__init__`` imported every module for its names made importing any one of its
modules load them all: a session, which uses a few, held the rest (issue 26).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def lazy_names(package: str, where: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``: each name of ``where`` from the module named
    beside it, imported on first use and kept in the package; any other name is missing (so
    ``from package import submodule`` still imports the submodule)."""

    def __getattr__(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f".{module}", package), name)
        setattr(import_module(package), name, value)
        return value

    return __getattr__
