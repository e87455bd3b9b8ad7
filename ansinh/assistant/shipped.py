"""A model fitted by `bench/assistant_eval.py --calibrate` and shipped as a file (the passage classifier, the lexical
model): loaded once per process, and replaceable for a while by another fit, since the evaluation answers each fold
of the tuning part with models that never saw it. Pure: no Django."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Generic, TypeVar

Model = TypeVar("Model")


class Shipped(Generic[Model]):
    def __init__(self, path: Path, load: Callable[[Path], Model]):
        self._path, self._load = path, load
        self._loaded: list[Model | None] = []  # empty until first read
        self._override: list[Model | None] = []

    def model(self) -> Model | None:
        """The model in use: the shipped one (None when there is no file), or one set by `using`."""
        if self._override:
            return self._override[-1]
        if not self._loaded:
            self._loaded.append(self._load(self._path) if self._path.exists() else None)
        return self._loaded[0]

    def reload(self) -> None:
        """Read the file again at the next use (a new fit was saved)."""
        self._loaded.clear()

    @contextmanager
    def using(self, fitted: Model | None) -> Iterator[Model | None]:
        """Search with another model (or none) for the duration."""
        self._override.append(fitted)
        try:
            yield fitted
        finally:
            self._override.pop()
