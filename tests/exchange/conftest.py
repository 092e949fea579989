"""Fixtures of the exchange tests (the helpers themselves are in exchange_helpers.py)."""

from exchange_helpers import rich_journal  # noqa: F401 -- a fixture
