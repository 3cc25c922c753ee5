"""Registry[T]: name -> plugin, so a new reader or format needs no CLI edit."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

from kgextract.errors import UnknownNameError

T = TypeVar("T")


class Registry(Generic[T]):
    """Plugins registered by name with the object itself (not a module path).

    Each entry may carry metadata (e.g. a file suffix or a media type) that callers
    read with :meth:`meta`.
    """

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._items: dict[str, T] = {}
        self._meta: dict[str, dict[str, Any]] = {}

    def register(self, name: str, **meta: Any) -> Callable[[T], T]:
        def decorator(obj: T) -> T:
            if name in self._items:
                raise ValueError(f"{self.kind} {name!r} is registered twice")
            self._items[name] = obj
            self._meta[name] = meta
            return obj

        return decorator

    def get(self, name: str) -> T:
        try:
            return self._items[name]
        except KeyError:
            valid = ", ".join(self.names())
            raise UnknownNameError(
                f"unknown {self.kind} {name!r}; choose one of: {valid}"
            ) from None

    def meta(self, name: str) -> dict[str, Any]:
        self.get(name)
        return dict(self._meta[name])

    def names(self) -> list[str]:
        return list(self._items)

    def __contains__(self, name: object) -> bool:
        return name in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)
