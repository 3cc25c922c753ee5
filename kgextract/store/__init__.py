"""Stores: where the graph lives. A registry of backends, chosen by the location's
form: a directory is the embedded Oxigraph store, an ``http(s)://`` URL a SPARQL 1.1
endpoint. Both implement :class:`~kgextract.store.base.GraphStore`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kgextract.registry import Registry
from kgextract.store.base import GraphStore

__all__ = ["GraphStore", "backends", "open_store"]

Opener = Callable[..., GraphStore]
backends: Registry[Opener] = Registry("store backend")


@backends.register("remote", schemes=("http://", "https://"))
def _open_remote(
    location: str, *, create: bool, read_only: bool, timeout: float | None = None
) -> GraphStore:
    from kgextract.store.remote import RemoteStore

    return RemoteStore.open(
        location, create=create, read_only=read_only, timeout=timeout
    )


@backends.register("embedded", schemes=())
def _open_embedded(
    location: str, *, create: bool, read_only: bool, timeout: float | None = None
) -> GraphStore:
    from kgextract.store.embedded import Store

    return Store.open(location, create=create, read_only=read_only)


def open_store(
    location: str | Path,
    *,
    create: bool = False,
    read_only: bool = False,
    timeout: float | None = None,
) -> GraphStore:
    """The store at ``location``: the backend whose URL scheme it has, else a
    directory (the embedded store). ``timeout``: how many seconds a remote store's
    requests may wait for an answer (None: the backend's default)."""
    text = str(location)
    options = {"create": create, "read_only": read_only, "timeout": timeout}
    for name in backends:
        schemes = backends.meta(name)["schemes"]
        if schemes and text.lower().startswith(schemes):
            return backends.get(name)(text, **options)
    return backends.get("embedded")(location, **options)
