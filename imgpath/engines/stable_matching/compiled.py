"""Compile the kernel modules with numba, on first use only.

Importing numba and loading cached machine code costs about a second, more than solving a
Match-sized instance interpreted, so nothing here runs at import time. The kernel modules are
loaded a second time under a new name and every function in that copy is replaced by a numba
dispatcher; calls between kernels then resolve to compiled code. `cache=True` keeps the machine
code between runs; without a writable cache directory numba compiles in memory instead.
"""

from __future__ import annotations

import functools
import importlib.util
import sys
import types
from typing import Any

from . import kernels_match, kernels_verify


def numba_available() -> bool:
    return importlib.util.find_spec("numba") is not None


def kernels_loaded() -> bool:
    """True once the compiled kernels exist in this process (later calls are cheap)."""
    return compiled_kernels.cache_info().currsize > 0


@functools.cache
def compiled_kernels() -> tuple[types.ModuleType, types.ModuleType]:
    """(kernels_match, kernels_verify), compiled."""
    import numba

    match = _compile_copy(kernels_match, numba)
    verify = _compile_copy(kernels_verify, numba)
    return match, verify


def _compile_copy(module: types.ModuleType, numba: Any) -> types.ModuleType:
    name = f"{module.__name__}_compiled"
    spec = importlib.util.spec_from_file_location(name, module.__file__)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load a second copy of {module.__name__}")
    copy = importlib.util.module_from_spec(spec)
    sys.modules[name] = copy
    spec.loader.exec_module(copy)
    for attribute, value in list(vars(copy).items()):
        if isinstance(value, types.FunctionType) and value.__module__ == name:
            setattr(copy, attribute, _jit(numba, value))
    return copy


def _jit(numba: Any, function: types.FunctionType) -> Any:
    try:
        return numba.njit(cache=True)(function)
    except RuntimeError:
        # No writable place for the cache (read-only install, no home directory).
        return numba.njit(function)
