"""One exception hierarchy: what a user can fix, the whole message in str()."""


class KgExtractError(Exception):
    """Something the user can fix; ``str(err)`` is the whole one-line message."""


class InputError(KgExtractError):
    """A bad article or input path. The message starts with the path."""

    def __init__(self, path: object, cause: str) -> None:
        self.path = str(path)
        self.cause = cause
        super().__init__(f"{self.path}: {cause}")


class StoreError(KgExtractError):
    """The store is missing, locked, corrupt or unreachable."""


class ModelError(KgExtractError):
    """The spaCy pipeline asked for is not installed or cannot be loaded."""


class UnknownNameError(KgExtractError):
    """A registry miss; the message lists the valid names."""


class QueryError(KgExtractError):
    """A SPARQL query that does not parse or cannot run."""
