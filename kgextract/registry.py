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
        """The plugin registered as ``name``, or under an alias (``aliases``
        metadata), in any case: ``TTL`` is turtle. Anything else is refused with
        the valid names, the closest first."""
        return self._items[self.resolve(name)]

    def resolve(self, name: str) -> str:
        """The registered name that ``name`` means (itself, or by alias or case)."""
        if name in self._items:
            return name
        wanted = name.strip().lower()
        for known in self._items:
            aliases = self._meta[known].get("aliases", ())
            if wanted == known.lower() or wanted in (a.lower() for a in aliases):
                return known
        import difflib

        valid = ", ".join(self.names())
        close = difflib.get_close_matches(wanted, self.names(), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise UnknownNameError(
            f"unknown {self.kind} {name!r}{hint}; choose one of: {valid}"
        )

    def meta(self, name: str) -> dict[str, Any]:
        return dict(self._meta[self.resolve(name)])

    def names(self) -> list[str]:
        return list(self._items)

    def __contains__(self, name: object) -> bool:
        return name in self._items

    def for_suffix(self, path: str) -> str | None:
        """The name whose ``suffixes`` (or ``suffix``) metadata ends ``path``, in
        any case; None when none does."""
        lowered = str(path).lower()
        for name in self._items:
            meta = self._meta[name]
            suffixes = tuple(meta.get("suffixes", ())) + (
                (meta["suffix"],) if "suffix" in meta else ()
            )
            if any(lowered.endswith(suffix) for suffix in suffixes):
                return name
        return None

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)
