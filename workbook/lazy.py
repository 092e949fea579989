"""Names of a package loaded when first used (PEP 562), so importing the package is cheap.

``import workbook`` (and so ``workbook --help``), ``workbook.privacy`` (which the journal
imports for its alias digests), ``workbook.supervision``, ``workbook.course`` and
``workbook.cpd`` each name their public functions without importing the modules that define
them: a face keeps ``_LAZY`` (public name -> module) and ``__all__``, and takes its
``__getattr__`` and ``__dir__`` from :func:`lazy_names`.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def lazy_names(package: str, lazy: Mapping[str, str]) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``(__getattr__, __dir__)`` for ``package``: a name in ``lazy`` is imported from its
    module (``.<module>``) when first asked for, then kept on the package; ``dir()`` lists
    the package's ``__all__``."""

    def __getattr__(name: str) -> Any:
        module = lazy.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f".{module}", package), name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:
        return sorted(sys.modules[package].__all__)

    return __getattr__, __dir__
