"""The deploy lane: the longest test (the prod stack, waiting on the provider's replica delays)
runs first, so the lane's workers (``-n``) finish together."""

from __future__ import annotations

import pytest

FIRST = ("test_deploy_prod",)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: item.name not in FIRST)
