"""The legacy fixtures checked with the real terraform and provider on the emulator (minutes).

Not part of any lane (``make test`` runs lanes by folder and tests/migrate is none) and
deselected unless asked for by marker:
``.venv/bin/python -m pytest tests/migrate/terraform -m legacy_terraform -p no:cacheprovider``.
``EMULATOR_ENDPOINT=http://127.0.0.1:PORT`` uses an emulator that is already running.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.emulator.conftest import endpoint  # noqa: F401 - the emulator lane's fixture, shared

MARKER = "legacy_terraform"
HERE = Path(__file__).parent


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", f"{MARKER}: applies legacy modules with real terraform on the emulator (minutes)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Deselect this folder's tests unless ``-m`` names the marker (they are slow by design)."""
    if MARKER in (config.getoption("markexpr") or ""):
        return
    mine = [item for item in items if HERE in Path(str(item.fspath)).parents]
    if mine:
        config.hook.pytest_deselected(items=mine)
        items[:] = [item for item in items if item not in mine]

