"""The Python API (see :mod:`kgextract`)."""
