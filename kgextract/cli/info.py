"""``kgextract info``: what is installed and what is in the store."""
